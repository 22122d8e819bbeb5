package engine

// Scripting commands: EVAL EVALSHA EVAL_RO EVALSHA_RO and SCRIPT
// LOAD|EXISTS|FLUSH|KILL|HELP|DEBUG (Redis's eval.c). Exec runs the EVAL
// family holding the whole world lock (runsAlone).

func init() {
	evalFlags := FlagNoScript | FlagStale | FlagSkipMonitor | FlagNoMandatoryKeys | FlagMovableKeys
	cats := CatSlow | CatScripting
	register(
		&Command{Name: "eval", Arity: -3, Flags: evalFlags, Cats: cats, Proc: cmdEval, KeysProc: scriptKeys},
		&Command{Name: "evalsha", Arity: -3, Flags: evalFlags, Cats: cats, Proc: cmdEvalSha, KeysProc: scriptKeys},
		&Command{Name: "eval_ro", Arity: -3, Flags: evalFlags | FlagReadonly, Cats: cats, Proc: cmdEvalRO, KeysProc: scriptKeys},
		&Command{Name: "evalsha_ro", Arity: -3, Flags: evalFlags | FlagReadonly, Cats: cats, Proc: cmdEvalShaRO, KeysProc: scriptKeys},
		&Command{Name: "script", Arity: -2, Cats: CatSlow, Proc: func(*Client) {}},
	)
	allNodes := []string{"request_policy:all_nodes", "response_policy:all_succeeded"}
	registerSub("script",
		&Command{Name: "load", Arity: 3, Flags: FlagNoScript | FlagStale, Cats: cats, Proc: cmdScriptLoad, Tips: allNodes},
		&Command{Name: "exists", Arity: -3, Flags: FlagNoScript, Cats: cats, Proc: cmdScriptExists,
			Tips: []string{"request_policy:all_shards", "response_policy:agg_logical_and"}},
		&Command{Name: "flush", Arity: -2, Flags: FlagNoScript, Cats: cats, Proc: cmdScriptFlush, Tips: allNodes},
		&Command{Name: "kill", Arity: 2, Flags: FlagNoScript | FlagAllowBusy, Cats: cats, Proc: cmdScriptKill,
			Tips: []string{"request_policy:all_shards", "response_policy:one_succeeded"}},
		&Command{Name: "help", Arity: 2, Flags: FlagLoading | FlagStale, Cats: cats, Proc: cmdScriptHelp},
		&Command{Name: "debug", Arity: 3, Flags: FlagNoScript, Cats: cats, Proc: cmdScriptDebug},
	)
}

// runsAlone reports whether Exec must run cmd holding the whole world
// lock: the commands that run scripts (scripting commands with movable
// keys: the EVAL and FCALL families).
func runsAlone(cmd *Command) bool {
	return cmd.Cats&CatScripting != 0 && cmd.Flags&FlagMovableKeys != 0
}

// scriptKeys finds the keys of EVAL and FCALL: numkeys at 2, keys after.
var scriptKeys = numKeysAt(2)

// scriptNumKeys reads and checks numkeys; false when an error was written.
func scriptNumKeys(c *Client) (int, bool) {
	n, ok := parseInt64(c.Args[2])
	if !ok {
		c.W.Error(errNotInt)
		return 0, false
	}
	if n > int64(len(c.Args)-3) {
		c.W.Error("ERR Number of keys can't be greater than number of args")
		return 0, false
	}
	if n < 0 {
		c.W.Error("ERR Number of keys can't be negative")
		return 0, false
	}
	return int(n), true
}

func cmdEval(c *Client)       { evalGeneric(c, false, false) }
func cmdEvalSha(c *Client)    { evalGeneric(c, true, false) }
func cmdEvalRO(c *Client)     { evalGeneric(c, false, true) }
func cmdEvalShaRO(c *Client)  { evalGeneric(c, true, true) }
func cmdScriptHelp(c *Client) { c.replyHelp(scriptHelp[:len(scriptHelp)-2]) }

// evalGeneric is Redis's evalGenericCommand.
func evalGeneric(c *Client, bySha, ro bool) {
	e := c.e
	numkeys, ok := scriptNumKeys(c)
	if !ok {
		return
	}
	var s *script
	if bySha {
		if s = e.findScript(c.Args[1]); s == nil {
			c.W.Error("NOSCRIPT No matching script. Please use EVAL.")
			return
		}
	} else {
		var errText string
		if s, errText = e.loadScript(c.Args[1]); s == nil {
			c.W.Error(errText)
			return
		}
	}
	if !checkScriptFlags(c, s.flags, ro) {
		return
	}
	st := &e.scripts
	if st.vm == nil {
		st.vm = newLuaVM(e, false)
	}
	vm := st.vm
	r := &scriptRun{
		name: s.sha, source: "@user_script", flags: s.flags, isEval: true, timing: &s.lastNs,
		ro:   ro || s.flags&(scriptNoWrites|scriptCompat) == scriptNoWrites,
		keys: c.Args[3 : 3+numkeys],
	}
	e.runScript(c, vm, vm.function(s), r, c.Args[3+numkeys:])
}

// checkScriptFlags refuses a script whose shebang flags do not allow this
// call (scriptPrepareForRun): a script that may write under a *_RO
// command.
func checkScriptFlags(c *Client, flags scriptFlags, ro bool) bool {
	if flags&scriptCompat != 0 {
		return true
	}
	if flags&scriptNoWrites == 0 && ro {
		c.W.Error("ERR Can not execute a script with write flag using *_ro command.")
		return false
	}
	return true
}

func cmdScriptLoad(c *Client) {
	s, errText := c.e.loadScript(c.Args[2])
	if s == nil {
		c.W.Error(errText)
		return
	}
	c.W.BulkString(s.sha)
}

func cmdScriptExists(c *Client) {
	c.W.Array(len(c.Args) - 2)
	for _, sha := range c.Args[2:] {
		if c.e.findScript(sha) != nil {
			c.W.Int(1)
		} else {
			c.W.Int(0)
		}
	}
}

func cmdScriptFlush(c *Client) {
	if len(c.Args) > 3 || (len(c.Args) == 3 && !eqFold(c.Args[2], "sync") && !eqFold(c.Args[2], "async")) {
		c.W.Error("ERR SCRIPT FLUSH only support SYNC|ASYNC option")
		return
	}
	c.e.flushScripts()
	c.W.OK()
}

func cmdScriptKill(c *Client) { killScript(c, true) }

// killScript is SCRIPT KILL (eval) and FUNCTION KILL.
func killScript(c *Client, eval bool) {
	r := c.e.scripts.run.Load()
	switch {
	case r == nil:
		c.W.Error("NOTBUSY No scripts in execution right now.")
	case r.isEval != eval:
		// Killing the other kind: the reply of a busy server.
		c.W.Error(busyText(r))
	case r.wrote.Load():
		c.W.Error("UNKILLABLE Sorry the script already executed write commands against the dataset. " +
			"You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.")
	default:
		r.killed.Store(true)
		r.vm.cancel()
		c.W.OK()
	}
}

func cmdScriptDebug(c *Client) {
	switch {
	case eqFold(c.Args[2], "no"):
		c.W.OK()
	case eqFold(c.Args[2], "yes"), eqFold(c.Args[2], "sync"):
		c.W.Error("ERR SCRIPT DEBUG is not supported by this server")
	default:
		c.W.Error("ERR Use SCRIPT DEBUG YES/SYNC/NO")
	}
}

var scriptHelp = []string{
	"SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
	"DEBUG (YES|SYNC|NO)",
	"    Set the debug mode for subsequent scripts executed.",
	"EXISTS <sha1> [<sha1> ...]",
	"    Return information about the existence of the scripts in the script cache.",
	"FLUSH [ASYNC|SYNC]",
	"    Flush the Lua scripts cache. Very dangerous on replicas.",
	"    When called without the optional mode argument, the behavior is determined by the",
	"    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
	"    * ASYNC: Asynchronously flush the scripts cache.",
	"    * SYNC: Synchronously flush the scripts cache.",
	"KILL",
	"    Kill the currently executing Lua script.",
	"LOAD <script>",
	"    Load a script into the scripts cache without executing it.",
	"HELP",
	"    Prints this help.",
}
