package engine

import (
	"sort"
	"strings"

	lua "github.com/yuin/gopher-lua"
)

// Functions (Redis 7's functions.c and function_lua.c): libraries of Lua
// functions loaded with FUNCTION LOAD and called with FCALL. A library's
// code runs once at load time in a restricted environment where only
// redis.register_function, redis.log and the version fields exist; the
// functions it registers run in the functions VM, which reloads every
// library whenever the set of libraries changes.

// functionLib is one library.
type functionLib struct {
	name  string
	code  string
	proto *lua.FunctionProto
	fns   []*functionDef // in registration order
}

// functionDef is one registered function.
type functionDef struct {
	name, desc string
	hasDesc    bool
	flags      scriptFlags
	lib        *functionLib
}

// functionLibs is the set of libraries; Exec's world lock orders changes
// (FUNCTION LOAD/DELETE/... hold a stripe) against FCALL (holds all).
type functionLibs struct {
	libs map[string]*functionLib
	fns  map[string]*functionDef
	gen  uint64 // bumped on every change
}

// sortedLibs returns the libraries by name.
func (fl *functionLibs) sortedLibs() []*functionLib {
	out := make([]*functionLib, 0, len(fl.libs))
	for _, l := range fl.libs {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// validFunctionName reports whether s is a valid library or function
// name: letters, digits and underscores, at least one.
func validFunctionName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

const errBadName = "ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long"

// compileLibrary parses a library's shebang, compiles it and runs it in
// the load environment to collect its functions.
func (e *Engine) compileLibrary(code string) (*functionLib, string) {
	if !strings.HasPrefix(code, "#!") {
		return nil, "ERR Missing library metadata"
	}
	end := strings.IndexByte(code, '\n')
	if end < 0 {
		return nil, "ERR Invalid library metadata"
	}
	parts, ok := splitArgs(code[:end])
	if !ok || len(parts) == 0 {
		return nil, "ERR Invalid library metadata"
	}
	if parts[0] != "#!lua" {
		return nil, "ERR Engine '" + strings.TrimPrefix(parts[0], "#!") + "' not found"
	}
	name := ""
	for _, p := range parts[1:] {
		if !strings.HasPrefix(p, "name=") {
			return nil, "ERR Invalid metadata value given: " + p
		}
		name = p[5:]
	}
	if name == "" {
		return nil, "ERR Library name was not given"
	}
	if !validFunctionName(name) {
		return nil, errBadName
	}
	proto, errText := compileLua(code, end, "user_function")
	if errText != "" {
		return nil, "ERR Error compiling function: " + errText
	}
	lib := &functionLib{name: name, code: code, proto: proto}
	vm := newLuaVM(e, true)
	defer vm.close()
	if errText := vm.loadLibrary(lib, true); errText != "" {
		return nil, "ERR Error registering functions: " + errText
	}
	if len(lib.fns) == 0 {
		return nil, "ERR No functions registered"
	}
	return lib, ""
}

// loadLibrary runs lib's code in vm's load environment; collect fills
// lib.fns (FUNCTION LOAD), otherwise the VM records the callbacks.
func (vm *luaVM) loadLibrary(lib *functionLib, collect bool) string {
	L := vm.L
	fn := L.NewFunctionFromProto(lib.proto)
	fn.Env = vm.switchEnv()
	vm.loading = lib
	vm.collect = collect
	L.Push(fn)
	err := L.PCall(0, 0, vm.errFunc)
	vm.loading = nil
	if err != nil {
		obj := lua.LValue(lua.LString(err.Error()))
		if ae, ok := err.(*lua.ApiError); ok {
			obj = ae.Object
		}
		if t, ok := obj.(*lua.LTable); ok {
			if s, ok := t.RawGetString("err").(lua.LString); ok {
				return string(s)
			}
		}
		s, _ := luaToString(obj)
		return s
	}
	return ""
}

// switchEnv is the environment library code and its functions run in:
// while the library loads (FUNCTION LOAD) it holds only a redis table
// with register_function, log and the constants; afterwards, when its
// functions run, it reads the globals as EVAL scripts do.
func (vm *luaVM) switchEnv() *lua.LTable {
	if vm.fenv != nil {
		return vm.fenv
	}
	L := vm.L
	errIndex := L.NewFunction(func(L *lua.LState) int {
		L.RaiseError("Script attempted to access nonexistent global variable '%s'", L.ToString(2))
		return 0
	})
	meta := L.NewTable()
	meta.RawSetString("__index", errIndex)
	real := vm.G.RawGetString("redis").(*lua.LTable)
	api := real
	if m, ok := L.GetMetatable(real).(*lua.LTable); ok {
		if t, ok := m.RawGetString("__index").(*lua.LTable); ok {
			api = t
		}
	}
	r := L.NewTable()
	for _, k := range []string{"register_function", "log", "LOG_DEBUG", "LOG_VERBOSE", "LOG_NOTICE",
		"LOG_WARNING", "REDIS_VERSION", "REDIS_VERSION_NUM", "setresp"} {
		r.RawSetString(k, api.RawGetString(k))
	}
	L.SetMetatable(r, meta)
	load := L.NewTable()
	load.RawSetString("redis", r)
	L.SetMetatable(load, meta)
	env := L.NewTable()
	em := L.NewTable()
	em.RawSetString("__index", L.NewFunction(func(L *lua.LState) int {
		if vm.loading != nil {
			L.Push(L.GetField(load, L.ToString(2)))
		} else {
			L.Push(L.GetTable(vm.G, L.Get(2)))
		}
		return 1
	}))
	em.RawSetString("__newindex", L.NewFunction(func(L *lua.LState) int {
		L.RaiseError("Attempt to modify a readonly table")
		return 0
	}))
	em.RawSetString("__metatable", lua.LFalse)
	L.SetMetatable(env, em)
	vm.fenv = env
	return env
}

// registerFunction is redis.register_function.
func (vm *luaVM) registerFunction(L *lua.LState) int {
	lib := vm.loading
	if lib == nil {
		return raise(L, "redis.register_function can only be called on FUNCTION LOAD command")
	}
	var name, desc string
	hasDesc := false
	var cb *lua.LFunction
	var flags scriptFlags
	switch L.GetTop() {
	case 1:
		t, ok := L.Get(1).(*lua.LTable)
		if !ok {
			return raise(L, "calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).")
		}
		var errText string
		t.ForEach(func(k, v lua.LValue) {
			if errText != "" {
				return
			}
			ks, ok := k.(lua.LString)
			if !ok {
				errText = "named argument key given to redis.register_function is not a string"
				return
			}
			switch string(ks) {
			case "function_name":
				s, ok := v.(lua.LString)
				if !ok {
					errText = "function_name argument given to redis.register_function must be a string"
				}
				name = string(s)
			case "description":
				s, ok := v.(lua.LString)
				if !ok {
					errText = "description argument given to redis.register_function must be a string"
				}
				desc, hasDesc = string(s), true
			case "callback":
				f, ok := v.(*lua.LFunction)
				if !ok {
					errText = "callback argument given to redis.register_function must be a function"
				}
				cb = f
			case "flags":
				ft, ok := v.(*lua.LTable)
				if !ok {
					errText = "flags argument to redis.register_function must be a table representing function flags"
					return
				}
				ft.ForEach(func(_, fv lua.LValue) {
					s, _ := fv.(lua.LString)
					found := false
					for _, d := range scriptFlagNames {
						if d.name == string(s) && d.f != scriptAllowKeyLocking {
							flags |= d.f
							found = true
						}
					}
					if !found && errText == "" {
						errText = "unknown flag given"
					}
				})
			default:
				errText = "unknown argument given to redis.register_function"
			}
		})
		if errText != "" {
			return raise(L, errText)
		}
		if name == "" && cb == nil {
			return raise(L, "redis.register_function must get a function name argument")
		}
		if cb == nil {
			return raise(L, "redis.register_function must get a callback argument")
		}
	case 2:
		s, ok := L.Get(1).(lua.LString)
		if !ok {
			return raise(L, "first argument to redis.register_function must be a string")
		}
		f, ok := L.Get(2).(*lua.LFunction)
		if !ok {
			return raise(L, "second argument to redis.register_function must be a function")
		}
		name, cb = string(s), f
	default:
		return raise(L, "wrong number of arguments to redis.register_function")
	}
	if !validFunctionName(name) {
		// Redis 7.0 words it so.
		return raise(L, errBadName[4:])
	}
	if vm.collect {
		for _, f := range lib.fns {
			if f.name == name {
				return raise(L, "Function already exists in the library")
			}
		}
		lib.fns = append(lib.fns, &functionDef{name: name, desc: desc, hasDesc: hasDesc, flags: flags, lib: lib})
	} else {
		vm.ffns[name] = cb
	}
	return 0
}

// functionsVM returns the functions VM with every library loaded.
func (e *Engine) functionsVM() *luaVM {
	st := &e.scripts
	if st.fvm != nil && st.fvm.libGen == st.libs.gen {
		return st.fvm
	}
	if st.fvm != nil {
		st.fvm.close()
	}
	vm := newLuaVM(e, true)
	vm.ffns = map[string]*lua.LFunction{}
	for _, lib := range st.libs.sortedLibs() {
		vm.loadLibrary(lib, false)
	}
	vm.libGen = st.libs.gen
	st.fvm = vm
	return vm
}

// addLibrary installs lib, replacing a library of the same name when
// replace is set. It returns an error text on a name clash.
func (fl *functionLibs) addLibrary(lib *functionLib, replace bool) string {
	old := fl.libs[lib.name]
	if old != nil && !replace {
		return "ERR Library '" + lib.name + "' already exists"
	}
	for _, f := range lib.fns {
		if other := fl.fns[f.name]; other != nil && other.lib != old {
			return "ERR Function " + f.name + " already exists"
		}
	}
	if fl.libs == nil {
		fl.libs = map[string]*functionLib{}
		fl.fns = map[string]*functionDef{}
	}
	if old != nil {
		fl.deleteLibrary(old)
	}
	fl.libs[lib.name] = lib
	for _, f := range lib.fns {
		fl.fns[f.name] = f
	}
	fl.gen++
	return ""
}

// deleteLibrary removes lib.
func (fl *functionLibs) deleteLibrary(lib *functionLib) {
	delete(fl.libs, lib.name)
	for _, f := range lib.fns {
		delete(fl.fns, f.name)
	}
	fl.gen++
}

// flush removes every library.
func (fl *functionLibs) flush() {
	fl.libs, fl.fns = nil, nil
	fl.gen++
}
