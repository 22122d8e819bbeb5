package engine

import (
	"math"

	"github.com/updraftdb/updraft/internal/resp"
	lua "github.com/yuin/gopher-lua"
)

// Conversions between RESP replies and Lua values, as Redis's
// script_lua.c does them: redis.call's reply read into Lua, and a script's
// return value written as the caller's reply.

// respToLua reads one reply from b into a Lua value and returns it with
// the bytes used: integers are numbers, bulk strings strings, nil bulk and
// nil arrays false, status {ok=}, errors {err=}, and the RESP3 types
// {map=}, {set=}, {double=}, {big_number=}, {verbatim_string=}, nil,
// booleans.
func respToLua(L *lua.LState, b []byte) (lua.LValue, int) {
	if len(b) < 3 {
		return lua.LNil, len(b)
	}
	nl := 1
	for nl < len(b) && b[nl] != '\r' {
		nl++
	}
	line := b[1:nl]
	next := nl + 2
	switch b[0] {
	case '+':
		t := L.CreateTable(0, 1)
		t.RawSetString("ok", lua.LString(line))
		return t, next
	case '-':
		t := luaErrorTable(L, "-"+string(line))
		t.RawSetString("ignore_error_stats_update", lua.LTrue)
		return t, next
	case ':':
		return lua.LNumber(atoi(line)), next
	case '$', '=':
		n := atoi(line)
		if n < 0 {
			return lua.LFalse, next
		}
		s := b[next : next+int(n)]
		end := next + int(n) + 2
		if b[0] == '$' {
			return lua.LString(s), end
		}
		t := L.CreateTable(0, 1)
		v := L.CreateTable(0, 2)
		v.RawSetString("string", lua.LString(s[min(4, len(s)):]))
		v.RawSetString("format", lua.LString(s[:min(3, len(s))]))
		t.RawSetString("verbatim_string", v)
		return t, end
	case '*', '>':
		n := int(atoi(line))
		if n < 0 {
			return lua.LFalse, next
		}
		t := L.CreateTable(n, 0)
		for i := 1; i <= n; i++ {
			v, used := respToLua(L, b[next:])
			next += used
			if v != lua.LNil {
				t.RawSetInt(i, v)
			}
		}
		return t, next
	case '%', '~':
		n := int(atoi(line))
		m := L.CreateTable(0, n)
		for i := 0; i < n; i++ {
			k, used := respToLua(L, b[next:])
			next += used
			var v lua.LValue = lua.LTrue
			if b[0] == '%' {
				v, used = respToLua(L, b[next:])
				next += used
			}
			if k != lua.LNil {
				m.RawSet(k, v)
			}
		}
		t := L.CreateTable(0, 1)
		if b[0] == '%' {
			t.RawSetString("map", m)
		} else {
			t.RawSetString("set", m)
		}
		return t, next
	case '|':
		n := int(atoi(line))
		for i := 0; i < 2*n; i++ {
			_, used := respToLua(L, b[next:])
			next += used
		}
		v, used := respToLua(L, b[next:])
		return v, next + used
	case '_':
		return lua.LNil, next
	case '#':
		return lua.LBool(len(line) > 0 && line[0] == 't'), next
	case ',':
		f, _ := parseLuaNumber(string(line))
		switch string(line) {
		case "inf":
			f = math.Inf(1)
		case "-inf":
			f = math.Inf(-1)
		case "nan":
			f = math.NaN()
		}
		t := L.CreateTable(0, 1)
		t.RawSetString("double", lua.LNumber(f))
		return t, next
	case '(':
		t := L.CreateTable(0, 1)
		t.RawSetString("big_number", lua.LString(line))
		return t, next
	}
	return lua.LNil, len(b)
}

// luaMaxDepth bounds the nesting of a returned table (Redis runs out of
// Lua stack at about this depth and replies an error).
const luaMaxDepth = 1000

// luaToResp writes v as a reply: scriptProto is the protocol the script
// selected with redis.setresp (booleans are 1/nil under 2).
func luaToResp(w *resp.Writer, v lua.LValue, scriptProto int, depth int) {
	if depth > luaMaxDepth {
		w.Error("ERR reached lua stack limit")
		return
	}
	switch v := v.(type) {
	case lua.LString:
		w.Buf = resp.AppendBulkString(w.Buf, string(v))
	case lua.LBool:
		if scriptProto == 2 {
			if v {
				w.Int(1)
			} else {
				w.Null()
			}
		} else {
			w.Bool(bool(v))
		}
	case lua.LNumber:
		w.Int(luaNumberToInt(float64(v)))
	case *lua.LTable:
		luaTableToResp(w, v, scriptProto, depth)
	default:
		w.Null()
	}
}

// luaNumberToInt is C's (long long) cast as x86 does it: truncation, and
// the minimum for values out of range.
func luaNumberToInt(f float64) int64 {
	if math.IsNaN(f) || f >= 9.223372036854775807e18 || f < -9.223372036854775808e18 {
		return math.MinInt64
	}
	return int64(f)
}

func luaTableToResp(w *resp.Writer, t *lua.LTable, scriptProto int, depth int) {
	if s, ok := t.RawGetString("err").(lua.LString); ok {
		w.Buf = append(w.Buf, '-')
		w.Buf = appendSanitized(w.Buf, string(s))
		w.Buf = append(w.Buf, '\r', '\n')
		return
	}
	if s, ok := t.RawGetString("ok").(lua.LString); ok {
		w.Buf = append(w.Buf, '+')
		for i := 0; i < len(s); i++ {
			ch := s[i]
			if ch == '\r' || ch == '\n' {
				ch = ' '
			}
			w.Buf = append(w.Buf, ch)
		}
		w.Buf = append(w.Buf, '\r', '\n')
		return
	}
	if d, ok := t.RawGetString("double").(lua.LNumber); ok {
		w.Double(float64(d))
		return
	}
	if s, ok := t.RawGetString("big_number").(lua.LString); ok {
		b := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			ch := s[i]
			if ch == '\r' || ch == '\n' {
				ch = ' '
			}
			b = append(b, ch)
		}
		if w.IsRESP3() {
			w.Buf = append(w.Buf, '(')
			w.Buf = append(w.Buf, b...)
			w.Buf = append(w.Buf, '\r', '\n')
		} else {
			w.Bulk(b)
		}
		return
	}
	if vt, ok := t.RawGetString("verbatim_string").(*lua.LTable); ok {
		f, fok := vt.RawGetString("format").(lua.LString)
		s, sok := vt.RawGetString("string").(lua.LString)
		if fok && sok {
			w.Verbatim(string(f), []byte(s))
			return
		}
	}
	if m, ok := t.RawGetString("map").(*lua.LTable); ok {
		n := 0
		m.ForEach(func(_, _ lua.LValue) { n++ })
		w.Map(n)
		m.ForEach(func(k, v lua.LValue) {
			luaToResp(w, k, scriptProto, depth+1)
			luaToResp(w, v, scriptProto, depth+1)
		})
		return
	}
	if s, ok := t.RawGetString("set").(*lua.LTable); ok {
		n := 0
		s.ForEach(func(_, _ lua.LValue) { n++ })
		w.Set(n)
		s.ForEach(func(k, _ lua.LValue) { luaToResp(w, k, scriptProto, depth+1) })
		return
	}
	n := 0
	for t.RawGetInt(n+1) != lua.LNil {
		n++
	}
	w.Array(n)
	for i := 1; i <= n; i++ {
		luaToResp(w, t.RawGetInt(i), scriptProto, depth+1)
	}
}
