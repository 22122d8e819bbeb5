package engine

import (
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/updraftdb/updraft/internal/resp"
	lua "github.com/yuin/gopher-lua"
)

// Running a script (Redis's script.c): the run context, redis.call, and
// the error reply of a failed script.

// scriptRun is the context of the script being run.
type scriptRun struct {
	e         *Engine
	vm        *luaVM
	caller    *Client
	sc        *Client // the client redis.call runs commands on
	name      string  // the SHA1 of an EVAL script, or the function name
	source    string  // "@user_script" or "@user_function"
	flags     scriptFlags
	ro        bool // EVAL_RO, FCALL_RO or no-writes: writes refused
	isEval    bool
	keys      [][]byte
	start     int64         // nanotime at start
	timing    *atomic.Int64 // the script's last run time, set at the end (nil for functions)
	wrote     atomic.Bool
	killed    atomic.Bool
	memKilled atomic.Bool // stopped for script-max-memory (script_memory.go)
}

// scriptClient returns the engine's client for commands run by scripts,
// set up for a run of caller.
func (e *Engine) scriptClient(caller *Client) *Client {
	st := &e.scripts
	sc := st.client
	if sc == nil {
		sc = &Client{e: e, ID: -1, authenticated: true, noBlock: true}
		sc.info.user = "default"
		sc.info.kind = "normal"
		st.client = sc
	}
	sc.DB = caller.DB
	sc.propTo = caller.prop()
	// Time stands still while a script runs, as in Redis: every command
	// it calls sees the time the script started.
	sc.nowMs = caller.now()
	sc.W.Proto = 2
	sc.W.Buf = sc.W.Buf[:0]
	return sc
}

// runScript runs fn (a compiled EVAL script or a function) for c with the
// given keys and arguments, and writes its reply to c.W. Exec holds the
// world lock.
func (e *Engine) runScript(c *Client, vm *luaVM, fn *lua.LFunction, r *scriptRun, args [][]byte) {
	st := &e.scripts
	r.e, r.vm, r.caller = e, vm, c
	r.sc = e.scriptClient(c)
	r.start = nanotime()
	e.watchScripts()
	vm.run = r
	st.run.Store(r)
	L := vm.L
	if r.isEval {
		vm.keysT = fillStringArray(L, vm.keysT, r.keys)
		vm.argvT = fillStringArray(L, vm.argvT, args)
		vm.G.RawSetString("KEYS", vm.keysT)
		vm.G.RawSetString("ARGV", vm.argvT)
	}
	L.Push(fn)
	nargs := 0
	if !r.isEval {
		L.Push(luaStringArray(L, r.keys))
		L.Push(luaStringArray(L, args))
		nargs = 2
	}
	err := L.PCall(nargs, 1, vm.errFunc)
	if err != nil {
		var obj lua.LValue = lua.LString(err.Error())
		if ae, ok := err.(*lua.ApiError); ok {
			obj = ae.Object
		}
		L.SetTop(0)
		e.scriptErrorReply(c, r, obj)
	} else {
		v := L.Get(-1)
		L.Pop(1)
		luaToResp(&c.W, v, r.sc.W.Proto, 0)
	}
	vm.run = nil
	st.run.Store(nil)
	if r.timing != nil {
		r.timing.Store(nanotime() - r.start)
	}
	if r.killed.Load() {
		// A killed VM's context is cancelled for good: start afresh.
		vm.close()
		if vm == st.vm {
			st.vm = nil
		} else if vm == st.fvm {
			st.fvm = nil
		}
	}
	// Lua strings hold copies; drop what the run referenced.
	r.sc.W.Buf = r.sc.W.Buf[:0]
	r.sc.Args, r.keys = nil, nil
	r.sc.propTo = nil
}

// luaStringArray builds a Lua array of strings.
func luaStringArray(L *lua.LState, a [][]byte) *lua.LTable {
	t := L.CreateTable(len(a), 0)
	for i, s := range a {
		t.RawSetInt(i+1, lua.LString(s))
	}
	return t
}

// fillStringArray refills t (kept between runs, so that a short script
// allocates no tables) with a, or makes a new table.
func fillStringArray(L *lua.LState, t *lua.LTable, a [][]byte) *lua.LTable {
	if t == nil {
		return luaStringArray(L, a)
	}
	n := t.Len()
	for i, s := range a {
		t.RawSetInt(i+1, lua.LString(s))
	}
	for i := n; i > len(a); i-- {
		t.RawSetInt(i, lua.LNil)
	}
	return t
}

// errorHandler is Redis's __redis__err__handler: every error becomes a
// table with err, source and line fields (string errors get ERR).
func (vm *luaVM) errorHandler(L *lua.LState) int {
	obj := L.Get(1)
	if r := vm.run; r != nil && r.killed.Load() {
		msg := "Script killed by user with SCRIPT KILL..."
		if !r.isEval {
			msg = "Script killed by user with FUNCTION KILL..."
		}
		if r.memKilled.Load() {
			msg = "Script stopped: it used more than script-max-memory (" +
				strconv.FormatInt(vm.e.cfg.scriptMaxMem.Load(), 10) + " bytes)..."
		}
		obj = lua.LString(msg)
	}
	t, ok := obj.(*lua.LTable)
	if !ok {
		s, _ := luaToString(obj)
		if obj == lua.LNil {
			s = "nil"
		} else if b, isBool := obj.(lua.LBool); isBool {
			s = b.String()
		}
		t = L.CreateTable(0, 3)
		if r := vm.run; r != nil && r.killed.Load() {
			t.RawSetString("err", lua.LString("ERR "+s))
		} else {
			t.RawSetString("err", lua.LString("ERR "+luaErrorText(s)))
		}
	}
	for lv := 0; lv < 32; lv++ {
		dbg, ok := L.GetStack(lv)
		if !ok {
			break
		}
		if _, err := L.GetInfo("Sl", dbg, lua.LNil); err != nil {
			break
		}
		if dbg.What != "G" && dbg.CurrentLine > 0 {
			t.RawSetString("source", lua.LString(vm.runSource()))
			t.RawSetString("line", lua.LNumber(dbg.CurrentLine))
			break
		}
	}
	L.Push(t)
	return 1
}

// runSource is the chunk name errors report.
func (vm *luaVM) runSource() string {
	if vm.run != nil {
		return vm.run.source
	}
	return "@user_script"
}

// scriptErrorReply writes the reply of a script that raised obj:
// "-<err> script: <name>, on <source>:<line>." (luaCallFunction).
func (e *Engine) scriptErrorReply(c *Client, r *scriptRun, obj lua.LValue) {
	t, ok := obj.(*lua.LTable)
	if !ok {
		s, _ := luaToString(obj)
		c.W.Error("ERR Error running script " + r.name + ", " + truncateStr(s, 100))
		return
	}
	msg, _ := t.RawGetString("err").(lua.LString)
	b := append(c.W.Buf, '-')
	b = appendSanitized(b, string(msg))
	if line, ok := t.RawGetString("line").(lua.LNumber); ok {
		if src, ok := t.RawGetString("source").(lua.LString); ok {
			b = append(b, " script: "...)
			b = append(b, r.name...)
			b = append(b, ", on "...)
			b = append(b, src...)
			b = append(b, ':')
			b = appendInt(b, int64(line))
			b = append(b, '.')
		}
	}
	c.W.Buf = append(b, '\r', '\n')
}

func truncateStr(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// appendSanitized appends s with CR and LF turned into spaces (trailing
// ones dropped), as Redis's error replies do.
func appendSanitized(b []byte, s string) []byte {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == '\r') {
		s = s[:len(s)-1]
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch == '\r' || ch == '\n' {
			ch = ' '
		}
		b = append(b, ch)
	}
	return b
}

// callArgs converts redis.call's arguments (popping them): strings as
// they are, numbers as %.17g.
func (vm *luaVM) callArgs(L *lua.LState) ([][]byte, string) {
	r := vm
	n := L.GetTop()
	if n == 0 {
		return nil, "Please specify at least one argument for this redis lib call"
	}
	r.buf = r.buf[:0]
	r.offs = r.offs[:0]
	for i := 1; i <= n; i++ {
		switch v := L.Get(i).(type) {
		case lua.LString:
			r.buf = append(r.buf, v...)
		case lua.LNumber:
			r.buf = resp.AppendG17(r.buf, float64(v))
		default:
			L.SetTop(0)
			return nil, "Lua redis lib command arguments must be strings or integers"
		}
		r.offs = append(r.offs, len(r.buf))
	}
	L.SetTop(0)
	r.argv = r.argv[:0]
	start := 0
	for _, end := range r.offs {
		r.argv = append(r.argv, r.buf[start:end:end])
		start = end
	}
	return r.argv, ""
}

// redisCall is redis.call (raise) and redis.pcall.
func (vm *luaVM) redisCall(L *lua.LState, raiseErr bool) int {
	r := vm.run
	if r == nil {
		return raise(L, "redis.call/pcall can only be called inside a script invocation")
	}
	fail := func(msg string) int {
		t := luaErrorTable(L, msg)
		if raiseErr {
			L.Error(t, 0)
			return 0
		}
		L.Push(t)
		return 1
	}
	args, errText := vm.callArgs(L)
	if errText != "" {
		return fail(errText)
	}
	cmd := lookupCommand(args[0])
	if cmd != nil && cmd.Sub != nil && len(args) >= 2 {
		cmd = lookupSub(cmd, args[1])
	}
	if cmd == nil {
		return fail("Unknown Redis command called from script")
	}
	if (cmd.Arity > 0 && len(args) != cmd.Arity) || len(args) < -cmd.Arity {
		return fail("Wrong number of args calling Redis command from script")
	}
	if cmd.Flags&FlagNoScript != 0 {
		return fail("This Redis command is not allowed from script")
	}
	if r.ro && cmd.Flags&(FlagWrite|FlagMayReplicate) != 0 {
		return fail("Write commands are not allowed from read-only scripts.")
	}
	if r.flags&scriptAllowKeyLocking != 0 {
		if msg := r.checkKeys(cmd, args); msg != "" {
			return fail(msg)
		}
	}
	sc := r.sc
	e := vm.e
	sc.W.Buf = sc.W.Buf[:0]
	if cmd.Flags&FlagWrite != 0 {
		r.wrote.Store(true)
	}
	e.call(sc, cmd, args)
	sc.Args = nil
	isErr := len(sc.W.Buf) > 0 && sc.W.Buf[0] == '-'
	v, _ := respToLua(L, sc.W.Buf)
	sc.W.Buf = sc.W.Buf[:0]
	if raiseErr && isErr {
		L.Error(v, 0)
		return 0
	}
	L.Push(v)
	return 1
}

// checkKeys enforces allow-key-locking: every key must be one of KEYS,
// and database-wide commands are refused.
func (r *scriptRun) checkKeys(cmd *Command, args [][]byte) string {
	switch cmd.Name {
	case "flushdb", "flushall", "swapdb":
		return "Command '" + cmd.Name + "' is not allowed in Lua scripts when 'allow-key-locking' flag is set"
	}
	r.caller.keyIdx = cmd.KeyIndexes(args, r.caller.keyIdx)
	for _, i := range r.caller.keyIdx {
		found := false
		for _, k := range r.keys {
			if string(k) == string(args[i]) {
				found = true
				break
			}
		}
		if !found {
			return "Dynamic keys are not allowed in Lua scripts when 'allow-key-locking' flag is set. Key was: " + string(args[i])
		}
	}
	return ""
}

// luaErrorText rewrites gopher-lua's runtime error messages into Lua
// 5.1's words where they differ ("cannot perform add operation between
// nil and number" is "attempt to perform arithmetic on a nil value").
// Lua 5.1 also names the variable when it knows it; these do not.
func luaErrorText(s string) string {
	const perform = "cannot perform "
	i := strings.Index(s, perform)
	if i >= 0 {
		rest := s[i+len(perform):]
		op, rest, ok := strings.Cut(rest, " operation between ")
		if ok {
			a, b, _ := strings.Cut(rest, " and ")
			bad := a
			if a == "number" || (op == "concat" && a == "string") {
				bad = b
			}
			if op == "concat" {
				return s[:i] + "attempt to concatenate a " + bad + " value"
			}
			return s[:i] + "attempt to perform arithmetic on a " + bad + " value"
		}
	}
	const index = "attempt to index a non-table object("
	if i := strings.Index(s, index); i >= 0 {
		rest := s[i+len(index):]
		if j := strings.IndexByte(rest, ')'); j >= 0 {
			return s[:i] + "attempt to index a " + rest[:j] + " value"
		}
	}
	return s
}
