package engine

import (
	"encoding/binary"

	"github.com/updraftdb/updraft/internal/glob"
	"github.com/updraftdb/updraft/persistence/rdb"
)

// Function commands: FCALL FCALL_RO and FUNCTION LOAD|LIST|DELETE|FLUSH|
// STATS|DUMP|RESTORE|KILL|HELP (Redis's functions.c).

func init() {
	fcallFlags := FlagNoScript | FlagStale | FlagSkipMonitor | FlagNoMandatoryKeys | FlagMovableKeys
	cats := CatSlow | CatScripting
	register(
		&Command{Name: "fcall", Arity: -3, Flags: fcallFlags, Cats: cats, Proc: cmdFcall, KeysProc: scriptKeys},
		&Command{Name: "fcall_ro", Arity: -3, Flags: fcallFlags | FlagReadonly, Cats: cats, Proc: cmdFcallRO, KeysProc: scriptKeys},
		&Command{Name: "function", Arity: -2, Cats: CatSlow, Proc: func(*Client) {}},
	)
	shards := []string{"request_policy:all_shards", "response_policy:all_succeeded"}
	w := FlagWrite | FlagNoScript
	wcats := CatWrite | CatSlow | CatScripting
	registerSub("function",
		&Command{Name: "load", Arity: -3, Flags: w | FlagDenyOOM, Cats: wcats, Proc: cmdFunctionLoad, Tips: shards},
		&Command{Name: "list", Arity: -2, Flags: FlagNoScript, Cats: cats, Proc: cmdFunctionList,
			Tips: []string{"nondeterministic_output_order"}},
		&Command{Name: "delete", Arity: 3, Flags: w, Cats: wcats, Proc: cmdFunctionDelete, Tips: shards},
		&Command{Name: "flush", Arity: -2, Flags: w, Cats: wcats, Proc: cmdFunctionFlush, Tips: shards},
		&Command{Name: "stats", Arity: 2, Flags: FlagNoScript | FlagAllowBusy, Cats: cats, Proc: cmdFunctionStats,
			Tips: []string{"nondeterministic_output", "request_policy:all_shards", "response_policy:special"}},
		&Command{Name: "dump", Arity: 2, Flags: FlagNoScript, Cats: cats, Proc: cmdFunctionDump},
		&Command{Name: "restore", Arity: -3, Flags: w | FlagDenyOOM, Cats: wcats, Proc: cmdFunctionRestore, Tips: shards},
		&Command{Name: "kill", Arity: 2, Flags: FlagNoScript | FlagAllowBusy, Cats: cats, Proc: cmdFunctionKill,
			Tips: []string{"request_policy:all_shards", "response_policy:one_succeeded"}},
		&Command{Name: "help", Arity: 2, Flags: FlagLoading | FlagStale, Cats: cats, Proc: cmdFunctionHelp},
	)
}

func cmdFcall(c *Client)   { fcallGeneric(c, false) }
func cmdFcallRO(c *Client) { fcallGeneric(c, true) }

// fcallGeneric is Redis's fcallCommandGeneric.
func fcallGeneric(c *Client, ro bool) {
	e := c.e
	st := &e.scripts
	st.mu.Lock()
	f := st.libs.fns[string(c.Args[1])]
	st.mu.Unlock()
	if f == nil {
		c.W.Error("ERR Function not found")
		return
	}
	if _, ok := parseInt64(c.Args[2]); !ok {
		c.W.Error("ERR Bad number of keys provided")
		return
	}
	numkeys, ok := scriptNumKeys(c)
	if !ok {
		return
	}
	if f.flags&scriptNoWrites == 0 && ro {
		c.W.Error("ERR Can not execute a script with write flag using *_ro command.")
		return
	}
	vm := e.functionsVM()
	fn := vm.ffns[f.name]
	r := &scriptRun{
		name: f.name, source: "@user_function", flags: f.flags,
		ro: ro || f.flags&scriptNoWrites != 0, keys: c.Args[3 : 3+numkeys],
	}
	e.runScript(c, vm, fn, r, c.Args[3+numkeys:])
}

func cmdFunctionLoad(c *Client) {
	replace := false
	i := 2
	for ; i < len(c.Args)-1; i++ {
		if eqFold(c.Args[i], "replace") {
			replace = true
			continue
		}
		c.W.Error("ERR Unknown option given: " + string(c.Args[i]))
		return
	}
	if i != len(c.Args)-1 {
		c.W.Error("ERR Function code is missing")
		return
	}
	lib, errText := c.e.compileLibrary(string(c.Args[i]))
	if lib == nil {
		c.W.Error(errText)
		return
	}
	st := &c.e.scripts
	st.mu.Lock()
	errText = st.libs.addLibrary(lib, replace)
	st.mu.Unlock()
	if errText != "" {
		c.W.Error(errText)
		return
	}
	c.e.dirty.Add(1)
	c.logVerbatim()
	c.W.BulkString(lib.name)
}

func cmdFunctionList(c *Client) {
	withCode := false
	var pattern []byte
	for i := 2; i < len(c.Args); i++ {
		switch {
		case eqFold(c.Args[i], "withcode"):
			withCode = true
		case eqFold(c.Args[i], "libraryname") && i+1 < len(c.Args):
			i++
			pattern = c.Args[i]
		case eqFold(c.Args[i], "libraryname"):
			c.W.Error("ERR library name argument was not given")
			return
		default:
			c.W.Error("ERR Unknown argument " + string(c.Args[i]))
			return
		}
	}
	st := &c.e.scripts
	st.mu.Lock()
	libs := st.libs.sortedLibs()
	st.mu.Unlock()
	if pattern != nil {
		kept := libs[:0]
		for _, l := range libs {
			if glob.Match(pattern, []byte(l.name), false) {
				kept = append(kept, l)
			}
		}
		libs = kept
	}
	c.W.Array(len(libs))
	for _, l := range libs {
		if withCode {
			c.W.Map(4)
		} else {
			c.W.Map(3)
		}
		c.W.BulkString("library_name")
		c.W.BulkString(l.name)
		c.W.BulkString("engine")
		c.W.BulkString("LUA")
		c.W.BulkString("functions")
		c.W.Array(len(l.fns))
		for _, f := range l.fns {
			c.W.Map(3)
			c.W.BulkString("name")
			c.W.BulkString(f.name)
			c.W.BulkString("description")
			if f.hasDesc {
				c.W.BulkString(f.desc)
			} else {
				c.W.Null()
			}
			c.W.BulkString("flags")
			n := 0
			for _, d := range scriptFlagNames {
				if f.flags&d.f != 0 {
					n++
				}
			}
			c.W.Set(n)
			for _, d := range scriptFlagNames {
				if f.flags&d.f != 0 {
					c.W.Simple(d.name)
				}
			}
		}
		if withCode {
			c.W.BulkString("library_code")
			c.W.BulkString(l.code)
		}
	}
}

func cmdFunctionDelete(c *Client) {
	st := &c.e.scripts
	st.mu.Lock()
	lib := st.libs.libs[string(c.Args[2])]
	if lib != nil {
		st.libs.deleteLibrary(lib)
	}
	st.mu.Unlock()
	if lib == nil {
		c.W.Error("ERR Library not found")
		return
	}
	c.e.dirty.Add(1)
	c.logVerbatim()
	c.W.OK()
}

func cmdFunctionFlush(c *Client) {
	if len(c.Args) > 3 || (len(c.Args) == 3 && !eqFold(c.Args[2], "sync") && !eqFold(c.Args[2], "async")) {
		c.W.Error("ERR FUNCTION FLUSH only supports SYNC|ASYNC option")
		return
	}
	st := &c.e.scripts
	st.mu.Lock()
	st.libs.flush()
	st.mu.Unlock()
	c.e.dirty.Add(1)
	c.logVerbatim()
	c.W.OK()
}

func cmdFunctionStats(c *Client) {
	st := &c.e.scripts
	if r := st.run.Load(); r != nil && r.isEval {
		c.W.Error(busyText(r))
		return
	}
	c.W.Map(2)
	c.W.BulkString("running_script")
	if r := st.run.Load(); r != nil && !r.isEval {
		c.W.Map(3)
		c.W.BulkString("name")
		c.W.BulkString(r.name)
		c.W.BulkString("command")
		args := r.caller.Args
		c.W.Array(len(args))
		for _, a := range args {
			c.W.Bulk(a)
		}
		c.W.BulkString("duration_ms")
		c.W.Int((nanotime() - r.start) / 1e6)
	} else {
		c.W.Null()
	}
	st.mu.Lock()
	nlibs, nfns := len(st.libs.libs), len(st.libs.fns)
	st.mu.Unlock()
	c.W.BulkString("engines")
	c.W.Map(1)
	c.W.BulkString("LUA")
	c.W.Map(2)
	c.W.BulkString("libraries_count")
	c.W.Int(int64(nlibs))
	c.W.BulkString("functions_count")
	c.W.Int(int64(nfns))
}

// rdbOpFunction2 is RDB_OPCODE_FUNCTION2: a library's code follows.
const rdbOpFunction2 = 245

func cmdFunctionDump(c *Client) {
	st := &c.e.scripts
	st.mu.Lock()
	libs := st.libs.sortedLibs()
	st.mu.Unlock()
	var b []byte
	for _, l := range libs {
		b = append(b, rdbOpFunction2)
		b = rdb.AppendString(b, []byte(l.code))
	}
	b = binary.LittleEndian.AppendUint16(b, rdb.Version)
	b = binary.LittleEndian.AppendUint64(b, rdb.Checksum(0, b))
	c.W.Bulk(b)
}

func cmdFunctionRestore(c *Client) {
	policy := "append"
	if len(c.Args) > 4 {
		c.W.Error(errSyntax)
		return
	}
	if len(c.Args) == 4 {
		switch {
		case eqFold(c.Args[3], "append"):
		case eqFold(c.Args[3], "replace"):
			policy = "replace"
		case eqFold(c.Args[3], "flush"):
			policy = "flush"
		default:
			c.W.Error("ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.")
			return
		}
	}
	p := c.Args[2]
	if len(p) < 10 || binary.LittleEndian.Uint16(p[len(p)-10:]) > rdb.Version ||
		binary.LittleEndian.Uint64(p[len(p)-8:]) != rdb.Checksum(0, p[:len(p)-8]) {
		c.W.Error("ERR DUMP payload version or checksum are wrong")
		return
	}
	body := p[:len(p)-10]
	var libs []*functionLib
	for len(body) > 0 {
		if body[0] != rdbOpFunction2 {
			c.W.Error("ERR given type is not a function")
			return
		}
		rd := rdb.NewReader(body[1:])
		code, err := rd.String()
		if err != nil {
			c.W.Error("ERR payload is corrupted")
			return
		}
		body = body[len(body)-rd.Rest():]
		lib, errText := c.e.compileLibrary(string(code))
		if lib == nil {
			c.W.Error(errText)
			return
		}
		libs = append(libs, lib)
	}
	st := &c.e.scripts
	st.mu.Lock()
	defer st.mu.Unlock()
	saved := st.libs
	next := functionLibs{gen: saved.gen}
	if policy != "flush" {
		for _, l := range saved.sortedLibs() {
			next.addLibrary(l, false)
		}
	}
	for _, l := range libs {
		if errText := next.addLibrary(l, policy == "replace"); errText != "" {
			c.W.Error(errText)
			return
		}
	}
	next.gen++
	st.libs = next
	c.e.dirty.Add(1)
	c.logVerbatim()
	c.W.OK()
}

func cmdFunctionKill(c *Client) { killScript(c, false) }

func cmdFunctionHelp(c *Client) { c.replyHelp(functionHelp) }

var functionHelp = []string{
	"FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
	"LOAD [REPLACE] <FUNCTION CODE>",
	"    Create a new library with the given library name and code.",
	"DELETE <LIBRARY NAME>",
	"    Delete the given library.",
	"LIST [LIBRARYNAME PATTERN] [WITHCODE]",
	"    Return general information on all the libraries:",
	"    * Library name",
	"    * The engine used to run the Library",
	"    * Library description",
	"    * Functions list",
	"    * Library code (if WITHCODE is given)",
	"    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
	"STATS",
	"    Return information about the current function running:",
	"    * Function name",
	"    * Command used to run the function",
	"    * Duration in MS that the function is running",
	"    If no function is running, return nil",
	"    In addition, returns a list of available engines.",
	"KILL",
	"    Kill the current running function.",
	"FLUSH [ASYNC|SYNC]",
	"    Delete all the libraries.",
	"    When called without the optional mode argument, the behavior is determined by the",
	"    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
	"    * ASYNC: Asynchronously flush the libraries.",
	"    * SYNC: Synchronously flush the libraries.",
	"DUMP",
	"    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
	"RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
	"    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
	"    control how to handle existing libraries (default APPEND):",
	"    * FLUSH: delete all existing libraries.",
	"    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
	"    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
	"      libraries with the new libraries (notice that even on this option there is a chance of failure",
	"      in case of functions name collision with another library).",
}
