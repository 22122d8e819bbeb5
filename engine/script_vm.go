package engine

import (
	"context"
	"math"
	"strconv"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// The Lua VM and its sandbox (Redis's script_lua.c): the libraries Redis
// loads, the redis.* API, globals that scripts can read but not write, and
// compiled scripts kept per VM.

// Limits of a VM, so that a runaway script cannot take the server's
// memory with its stacks: Lua 5.1's C call limit is 200 levels; the value
// stack may grow to 1M slots (16 MB).
const (
	luaCallStack    = 200
	luaRegistry     = 1024
	luaRegistryMax  = 1 << 20
	luaRegistryGrow = 1024
)

func init() {
	// Lua 5.1's compatibility "arg" table for vararg chunks costs a Go
	// map per script call; Redis scripts use "..." or KEYS/ARGV instead.
	lua.CompatVarArg = false
}

// luaVM is one Lua state with Redis's sandbox.
type luaVM struct {
	e       *Engine
	L       *lua.LState
	G       *lua.LTable // the real globals
	env     *lua.LTable // the read-only view scripts run in
	fns     map[*script]*lua.LFunction
	ctx     context.Context
	cancel  context.CancelFunc
	run     *scriptRun     // the run in progress
	errFunc *lua.LFunction // errorHandler
	// KEYS and ARGV, refilled for each EVAL.
	keysT, argvT *lua.LTable

	// Scratch for redis.call's arguments.
	argv [][]byte
	buf  []byte
	offs []int
	// functions: the library being loaded, nil outside FUNCTION LOAD.
	loading *functionLib
	collect bool                      // FUNCTION LOAD: record definitions
	fenv    *lua.LTable               // functions: their environment
	ffns    map[string]*lua.LFunction // functions: callbacks by name
	libGen  uint64                    // functions: generation of the libraries loaded
}

// newLuaVM creates a VM; forFunctions selects the FUNCTION flavour
// (redis.register_function, no KEYS/ARGV globals).
func newLuaVM(e *Engine, forFunctions bool) *luaVM {
	L := lua.NewState(lua.Options{
		SkipOpenLibs:     true,
		CallStackSize:    luaCallStack,
		RegistrySize:     luaRegistry,
		RegistryMaxSize:  luaRegistryMax,
		RegistryGrowStep: luaRegistryGrow,
	})
	vm := &luaVM{e: e, L: L, G: L.G.Global, fns: map[*script]*lua.LFunction{}}
	vm.ctx, vm.cancel = context.WithCancel(context.Background())
	for _, lib := range []struct {
		name string
		fn   lua.LGFunction
	}{{"", lua.OpenBase}, {lua.TabLibName, lua.OpenTable}, {lua.StringLibName, lua.OpenString},
		{lua.MathLibName, lua.OpenMath}} {
		L.Push(L.NewFunction(lib.fn))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	G := vm.G
	for _, name := range []string{"dofile", "loadfile", "print", "require", "module", "_printregs",
		"_GOPHER_LUA_VERSION", "package", "channel", "coroutine", "newproxy"} {
		G.RawSetString(name, lua.LNil)
	}
	if co := lua.OpenCoroutine; co != nil {
		L.Push(L.NewFunction(co))
		L.Push(lua.LString(lua.CoroutineLibName))
		L.Call(1, 0)
	}
	G.RawSetString("package", lua.LNil)
	G.RawSetString("_VERSION", lua.LString("Lua 5.1"))
	G.RawSetString("pcall", L.NewFunction(vm.pcall))
	G.RawSetString("tostring", L.NewFunction(luaTostring))
	math := G.RawGetString("math").(*lua.LTable)
	math.RawSetString("random", L.NewFunction(vm.mathRandom))
	math.RawSetString("randomseed", L.NewFunction(vm.mathRandomSeed))
	math.RawSetString("huge", lua.LNumber(mathInf))
	G.RawSetString("cjson", openCJSON(L))
	G.RawSetString("bit", openBit(L))
	G.RawSetString("struct", openStruct(L))
	G.RawSetString("cmsgpack", openMsgpack(L))
	G.RawSetString("redis", vm.redisAPI(forFunctions))

	// Globals are read-only: scripts see them through env, an empty
	// table whose reads fall through to G and whose writes fail. Reading
	// a missing global is an error too.
	errIndex := L.NewFunction(func(L *lua.LState) int {
		L.RaiseError("Script attempted to access nonexistent global variable '%s'", L.ToString(2))
		return 0
	})
	readonly := L.NewFunction(func(L *lua.LState) int {
		L.RaiseError("Attempt to modify a readonly table")
		return 0
	})
	gmeta := L.NewTable()
	gmeta.RawSetString("__index", errIndex)
	gmeta.RawSetString("__newindex", readonly)
	L.SetMetatable(G, gmeta)
	vm.env = L.NewTable()
	emeta := L.NewTable()
	emeta.RawSetString("__index", G)
	emeta.RawSetString("__newindex", readonly)
	emeta.RawSetString("__metatable", lua.LFalse)
	L.SetMetatable(vm.env, emeta)
	G.RawSetString("_G", vm.env)
	for _, lib := range []string{"string", "math", "table", "cjson", "bit", "struct", "cmsgpack", "redis", "coroutine"} {
		if t, ok := G.RawGetString(lib).(*lua.LTable); ok {
			G.RawSetString(lib, readonlyView(L, t, readonly))
		}
	}
	L.Env = vm.env
	L.SetContext(vm.ctx)
	vm.errFunc = L.NewFunction(vm.errorHandler)
	return vm
}

// readonlyView returns a table that reads t and refuses writes.
func readonlyView(L *lua.LState, t *lua.LTable, readonly *lua.LFunction) *lua.LTable {
	v := L.NewTable()
	m := L.NewTable()
	m.RawSetString("__index", t)
	m.RawSetString("__newindex", readonly)
	L.SetMetatable(v, m)
	return v
}

// function returns the VM's compiled function for s.
func (vm *luaVM) function(s *script) *lua.LFunction {
	fn := vm.fns[s]
	if fn == nil {
		fn = vm.L.NewFunctionFromProto(s.proto)
		fn.Env = vm.env
		vm.fns[s] = fn
	}
	return fn
}

// forget drops the compiled functions (SCRIPT FLUSH).
func (vm *luaVM) forget() { clear(vm.fns) }

// close frees the VM.
func (vm *luaVM) close() {
	vm.cancel()
	vm.L.Close()
}

// redisAPI builds the redis table.
func (vm *luaVM) redisAPI(forFunctions bool) *lua.LTable {
	L := vm.L
	t := L.NewTable()
	set := func(name string, fn lua.LGFunction) { t.RawSetString(name, L.NewFunction(fn)) }
	set("call", func(L *lua.LState) int { return vm.redisCall(L, true) })
	set("pcall", func(L *lua.LState) int { return vm.redisCall(L, false) })
	set("sha1hex", luaSha1hex)
	set("error_reply", luaErrorReply)
	set("status_reply", luaStatusReply)
	set("log", vm.redisLog)
	set("setresp", vm.setResp)
	set("set_repl", vm.setRepl)
	set("replicate_commands", func(L *lua.LState) int { L.Push(lua.LTrue); return 1 })
	set("breakpoint", func(L *lua.LState) int { L.Push(lua.LFalse); return 1 })
	set("debug", func(L *lua.LState) int { return 0 })
	set("acl_check_cmd", vm.aclCheckCmd)
	if forFunctions {
		set("register_function", vm.registerFunction)
	}
	for _, kv := range []struct {
		k string
		v int
	}{{"LOG_DEBUG", 0}, {"LOG_VERBOSE", 1}, {"LOG_NOTICE", 2}, {"LOG_WARNING", 3},
		{"REPL_NONE", 0}, {"REPL_AOF", 1}, {"REPL_SLAVE", 2}, {"REPL_REPLICA", 2}, {"REPL_ALL", 3}} {
		t.RawSetString(kv.k, lua.LNumber(kv.v))
	}
	t.RawSetString("REDIS_VERSION", lua.LString(RedisVersion))
	t.RawSetString("REDIS_VERSION_NUM", lua.LNumber(redisVersionNum()))
	return t
}

// redisVersionNum is RedisVersion as redis.REDIS_VERSION_NUM shows it:
// 0x00MMmmpp.
func redisVersionNum() int {
	n, part := 0, 0
	for i := 0; i <= len(RedisVersion); i++ {
		if i == len(RedisVersion) || RedisVersion[i] == '.' {
			n = n<<8 | part
			part = 0
			continue
		}
		part = part*10 + int(RedisVersion[i]-'0')
	}
	return n
}

// pcall is Redis's pcall: an error table with an err field is returned as
// its message; a killed script's error cannot be caught.
func (vm *luaVM) pcall(L *lua.LState) int {
	n := L.GetTop()
	if n == 0 {
		L.ArgError(1, "value expected")
	}
	fn := L.Get(1)
	err := L.PCall(n-1, lua.MultRet, nil)
	if err != nil {
		if vm.run != nil && vm.run.killed.Load() {
			L.Error(lua.LString(err.Error()), 0)
		}
		obj := lua.LValue(lua.LString(err.Error()))
		if ae, ok := err.(*lua.ApiError); ok {
			obj = ae.Object
		}
		if t, ok := obj.(*lua.LTable); ok {
			if s, ok := t.RawGetString("err").(lua.LString); ok {
				obj = s
			}
		}
		L.SetTop(0)
		L.Push(lua.LFalse)
		L.Push(obj)
		return 2
	}
	_ = fn
	L.Insert(lua.LTrue, 1)
	return L.GetTop()
}

// luaErrorTable returns Redis's error table for msg: "-CODE text" keeps
// its code, plain text gets ERR (luaPushErrorBuff).
func luaErrorTable(L *lua.LState, msg string) *lua.LTable {
	code, text := "ERR", msg
	if len(msg) > 0 && msg[0] == '-' {
		sp := -1
		for i := 1; i < len(msg); i++ {
			if msg[i] == ' ' {
				sp = i
				break
			}
		}
		if sp < 0 {
			text = msg[1:]
		} else {
			code, text = msg[1:sp], msg[sp+1:]
		}
	}
	for len(text) > 0 && (text[len(text)-1] == '\n' || text[len(text)-1] == '\r') {
		text = text[:len(text)-1]
	}
	for len(text) > 0 && (text[0] == '\n' || text[0] == '\r') {
		text = text[1:]
	}
	t := L.CreateTable(0, 1)
	t.RawSetString("err", lua.LString(code+" "+text))
	return t
}

// raise raises Redis's error table for msg.
func raise(L *lua.LState, msg string) int {
	L.Error(luaErrorTable(L, msg), 0)
	return 0
}

func luaSha1hex(L *lua.LState) int {
	if L.GetTop() != 1 {
		return raise(L, "wrong number of arguments")
	}
	s, _ := luaToString(L.Get(1))
	L.Push(lua.LString(sha1Hex([]byte(s))))
	return 1
}

func luaErrorReply(L *lua.LState) int {
	s, ok := L.Get(-1).(lua.LString)
	if L.GetTop() != 1 || !ok {
		L.Push(luaErrorTable(L, "wrong number or type of arguments"))
		return 1
	}
	msg := string(s)
	if len(msg) == 0 || msg[0] != '-' {
		msg = "-" + msg
	}
	L.Push(luaErrorTable(L, msg))
	return 1
}

func luaStatusReply(L *lua.LState) int {
	s, ok := L.Get(-1).(lua.LString)
	if L.GetTop() != 1 || !ok {
		L.Push(luaErrorTable(L, "wrong number or type of arguments"))
		return 1
	}
	t := L.CreateTable(0, 1)
	t.RawSetString("ok", s)
	L.Push(t)
	return 1
}

// luaToString is lua_tolstring: strings and numbers (numbers as Lua
// prints them).
func luaToString(v lua.LValue) (string, bool) {
	switch v := v.(type) {
	case lua.LString:
		return string(v), true
	case lua.LNumber:
		return v.String(), true
	}
	return "", false
}

func (vm *luaVM) redisLog(L *lua.LState) int {
	n := L.GetTop()
	if n < 2 {
		return raise(L, "redis.log() requires two arguments or more.")
	}
	lv, ok := L.Get(1).(lua.LNumber)
	if !ok {
		if s, isStr := L.Get(1).(lua.LString); isStr {
			if f, err := parseLuaNumber(string(s)); err == nil {
				lv, ok = lua.LNumber(f), true
			}
		}
	}
	if !ok {
		return raise(L, "First argument must be a number (log level).")
	}
	if lv < 0 || lv > 3 {
		return raise(L, "Invalid debug level.")
	}
	return 0
}

func (vm *luaVM) setResp(L *lua.LState) int {
	r := vm.run
	if r == nil {
		return raise(L, "redis.setresp can only be called inside a script invocation")
	}
	if L.GetTop() != 1 {
		return raise(L, "redis.setresp() requires one argument.")
	}
	n := luaToNumber(L.Get(1))
	if n != 2 && n != 3 {
		return raise(L, "RESP version must be 2 or 3.")
	}
	r.sc.W.Proto = int(n)
	return 0
}

func (vm *luaVM) setRepl(L *lua.LState) int {
	if vm.run == nil {
		return raise(L, "redis.set_repl can only be called inside a script invocation")
	}
	if L.GetTop() != 1 {
		return raise(L, "redis.set_repl() requires two arguments.")
	}
	if f := int64(luaToNumber(L.Get(1))); f&^3 != 0 {
		return raise(L, "Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.")
	}
	return 0
}

func (vm *luaVM) aclCheckCmd(L *lua.LState) int {
	if vm.run == nil {
		return raise(L, "redis.acl_check_cmd can only be called inside a script invocation")
	}
	args, errText := vm.callArgs(L)
	if errText != "" {
		return raise(L, errText)
	}
	if lookupCommand(args[0]) == nil {
		return raise(L, "Invalid command passed to redis.acl_check_cmd()")
	}
	L.Push(lua.LTrue)
	return 1
}

// luaToNumber is lua_tonumber: numbers, and strings that read as numbers.
func luaToNumber(v lua.LValue) float64 {
	switch v := v.(type) {
	case lua.LNumber:
		return float64(v)
	case lua.LString:
		f, err := parseLuaNumber(string(v))
		if err == nil {
			return f
		}
	}
	return 0
}

// parseLuaNumber converts a string as Lua's tonumber does: decimal
// numbers and 0x hexadecimal integers, spaces around allowed.
func parseLuaNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		n, err := strconv.ParseUint(s[2:], 16, 64)
		return float64(n), err
	}
	if s == "" || strings.ContainsAny(s, "_nNiI") {
		// Go accepts "inf", "nan" and underscores; Lua's strtod of 5.1
		// accepts inf/nan too, but scripts never rely on it.
		return 0, strconv.ErrSyntax
	}
	return strconv.ParseFloat(s, 64)
}

// mathInf is math.huge (gopher-lua has the largest float instead).
var mathInf = math.Inf(1)

// luaTostring is tostring with Lua 5.1's number format (%.14g).
func luaTostring(L *lua.LState) int {
	v := L.CheckAny(1)
	if n, ok := v.(lua.LNumber); ok {
		L.Push(lua.LString(luaNumberText(float64(n))))
		return 1
	}
	if m := L.GetMetaField(v, "__tostring"); m != lua.LNil {
		L.Push(m)
		L.Push(v)
		L.Call(1, 1)
		return 1
	}
	L.Push(lua.LString(v.String()))
	return 1
}

// luaNumberText formats a number as Lua 5.1 prints it.
func luaNumberText(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "-nan"
	}
	return string(luaFmtG14(nil, f))
}
