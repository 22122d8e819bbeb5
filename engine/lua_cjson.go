package engine

import (
	"math"
	"strconv"

	lua "github.com/yuin/gopher-lua"
)

// The "cjson" library (lua-cjson 2.1 as bundled with Redis): encode and
// decode with its defaults (numbers as %.14g, "/" escaped, sparse arrays
// refused, nesting limited to 1000).

const cjsonMaxDepth = 1000

// cjsonNull is cjson.null.
var cjsonNull = &lua.LUserData{}

func openCJSON(L *lua.LState) *lua.LTable {
	t := L.NewTable()
	t.RawSetString("encode", L.NewFunction(cjsonEncode))
	t.RawSetString("decode", L.NewFunction(cjsonDecode))
	t.RawSetString("null", cjsonNull)
	noop := L.NewFunction(func(L *lua.LState) int { return 0 })
	for _, name := range []string{"encode_keep_buffer", "encode_max_depth", "decode_max_depth",
		"encode_number_precision", "encode_invalid_numbers", "decode_invalid_numbers", "encode_sparse_array"} {
		t.RawSetString(name, noop)
	}
	t.RawSetString("_NAME", lua.LString("cjson"))
	t.RawSetString("_VERSION", lua.LString("2.1.0"))
	return t
}

func cjsonEncode(L *lua.LState) int {
	if L.GetTop() != 1 {
		L.ArgError(1, "expected 1 argument")
	}
	b, err := cjsonAppend(nil, L.Get(1), 0)
	if err != "" {
		L.RaiseError("%s", err)
	}
	L.Push(lua.LString(b))
	return 1
}

// luaFmtG14 formats f as C's "%.14g" (Lua 5.1's number format).
func luaFmtG14(b []byte, f float64) []byte {
	if f == math.Trunc(f) && math.Abs(f) < 1e14 {
		return strconv.AppendInt(b, int64(f), 10)
	}
	return strconv.AppendFloat(b, f, 'g', 14, 64)
}

func cjsonAppend(b []byte, v lua.LValue, depth int) ([]byte, string) {
	switch v := v.(type) {
	case lua.LString:
		return cjsonString(b, string(v)), ""
	case lua.LNumber:
		f := float64(v)
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, "Cannot serialise number: must not be NaN or Inf"
		}
		return luaFmtG14(b, f), ""
	case lua.LBool:
		if v {
			return append(b, "true"...), ""
		}
		return append(b, "false"...), ""
	case *lua.LNilType:
		return append(b, "null"...), ""
	case *lua.LUserData:
		if v == cjsonNull {
			return append(b, "null"...), ""
		}
	case *lua.LTable:
		depth++
		if depth > cjsonMaxDepth {
			return nil, "Cannot serialise, excessive nesting (" + strconv.Itoa(depth) + ")"
		}
		n, isArray := cjsonArrayLen(v)
		if isArray && n > 0 {
			b = append(b, '[')
			for i := 1; i <= n; i++ {
				if i > 1 {
					b = append(b, ',')
				}
				var err string
				if b, err = cjsonAppend(b, v.RawGetInt(i), depth); err != "" {
					return nil, err
				}
			}
			return append(b, ']'), ""
		}
		if n < 0 {
			return nil, "Cannot serialise table: excessively sparse array"
		}
		b = append(b, '{')
		first := true
		var err string
		v.ForEach(func(k, val lua.LValue) {
			if err != "" {
				return
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			switch k := k.(type) {
			case lua.LString:
				b = cjsonString(b, string(k))
			case lua.LNumber:
				b = append(b, '"')
				b = luaFmtG14(b, float64(k))
				b = append(b, '"')
			default:
				err = "Cannot serialise " + k.Type().String() + ": table key must be a number or string"
				return
			}
			b = append(b, ':')
			b, err = cjsonAppend(b, val, depth)
		})
		if err != "" {
			return nil, err
		}
		return append(b, '}'), ""
	}
	return nil, "Cannot serialise " + v.Type().String() + ": type not supported"
}

// cjsonArrayLen returns the array length of t when all keys are positive
// integers (isArray), -1 when the array is excessively sparse.
func cjsonArrayLen(t *lua.LTable) (int, bool) {
	maxKey, items := 0, 0
	isArray := true
	t.ForEach(func(k, _ lua.LValue) {
		n, ok := k.(lua.LNumber)
		if !ok || float64(n) != math.Floor(float64(n)) || n < 1 {
			isArray = false
			return
		}
		if int(n) > maxKey {
			maxKey = int(n)
		}
		items++
	})
	if !isArray {
		return 0, false
	}
	// lua-cjson's defaults: ratio 2, safe 10.
	if maxKey > 10 && maxKey > items*2 {
		return -1, false
	}
	return maxKey, true
}

func cjsonString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			b = append(b, '\\', '"')
		case '\\':
			b = append(b, '\\', '\\')
		case '/':
			b = append(b, '\\', '/')
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			if c < 0x20 || c == 0x7f {
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			} else {
				b = append(b, c)
			}
		}
	}
	return append(b, '"')
}

// cjsonDecoder parses JSON into Lua values.
type cjsonDecoder struct {
	L   *lua.LState
	s   string
	i   int
	err string
}

func cjsonDecode(L *lua.LState) int {
	if L.GetTop() != 1 {
		L.ArgError(1, "expected 1 argument")
	}
	s := L.CheckString(1)
	d := &cjsonDecoder{L: L, s: s}
	v := d.value(0)
	if d.err == "" {
		d.space()
		if d.i < len(d.s) {
			d.fail("the end", "trailing garbage")
		}
	}
	if d.err != "" {
		L.RaiseError("%s", d.err)
	}
	L.Push(v)
	return 1
}

func (d *cjsonDecoder) fail(expected, found string) {
	if d.i >= len(d.s) {
		found = "T_END"
	}
	if d.err == "" {
		d.err = "Expected " + expected + " but found " + found + " at character " + strconv.Itoa(d.i+1)
	}
}

func (d *cjsonDecoder) space() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *cjsonDecoder) value(depth int) lua.LValue {
	d.space()
	if d.i >= len(d.s) {
		d.fail("value", "T_END")
		return lua.LNil
	}
	switch c := d.s[d.i]; {
	case c == '{':
		return d.object(depth + 1)
	case c == '[':
		return d.array(depth + 1)
	case c == '"':
		s, ok := d.str()
		if !ok {
			return lua.LNil
		}
		return lua.LString(s)
	case c == '-' || (c >= '0' && c <= '9'):
		j := d.i
		for j < len(d.s) && (d.s[j] == '-' || d.s[j] == '+' || d.s[j] == '.' || d.s[j] == 'e' ||
			d.s[j] == 'E' || (d.s[j] >= '0' && d.s[j] <= '9')) {
			j++
		}
		f, err := strconv.ParseFloat(d.s[d.i:j], 64)
		if err != nil {
			d.fail("value", "invalid number")
			return lua.LNil
		}
		d.i = j
		return lua.LNumber(f)
	default:
		for _, lit := range []struct {
			s string
			v lua.LValue
		}{{"true", lua.LTrue}, {"false", lua.LFalse}, {"null", cjsonNull}} {
			if len(d.s)-d.i >= len(lit.s) && d.s[d.i:d.i+len(lit.s)] == lit.s {
				d.i += len(lit.s)
				return lit.v
			}
		}
	}
	d.fail("value", "invalid token")
	return lua.LNil
}

func (d *cjsonDecoder) object(depth int) lua.LValue {
	if depth > cjsonMaxDepth {
		d.err = "Found too many nested data structures (" + strconv.Itoa(depth) + ") at character " + strconv.Itoa(d.i+1)
		return lua.LNil
	}
	t := d.L.NewTable()
	d.i++
	d.space()
	if d.i < len(d.s) && d.s[d.i] == '}' {
		d.i++
		return t
	}
	for d.err == "" {
		d.space()
		if d.i >= len(d.s) || d.s[d.i] != '"' {
			d.fail("object key string", "invalid token")
			return lua.LNil
		}
		k, ok := d.str()
		if !ok {
			return lua.LNil
		}
		d.space()
		if d.i >= len(d.s) || d.s[d.i] != ':' {
			d.fail("colon", "invalid token")
			return lua.LNil
		}
		d.i++
		v := d.value(depth)
		t.RawSetString(k, v)
		d.space()
		if d.i < len(d.s) && d.s[d.i] == ',' {
			d.i++
			continue
		}
		if d.i < len(d.s) && d.s[d.i] == '}' {
			d.i++
			return t
		}
		d.fail("comma or object end", "invalid token")
	}
	return lua.LNil
}

func (d *cjsonDecoder) array(depth int) lua.LValue {
	if depth > cjsonMaxDepth {
		d.err = "Found too many nested data structures (" + strconv.Itoa(depth) + ") at character " + strconv.Itoa(d.i+1)
		return lua.LNil
	}
	t := d.L.NewTable()
	d.i++
	d.space()
	if d.i < len(d.s) && d.s[d.i] == ']' {
		d.i++
		return t
	}
	for n := 1; d.err == ""; n++ {
		v := d.value(depth)
		t.RawSetInt(n, v)
		d.space()
		if d.i < len(d.s) && d.s[d.i] == ',' {
			d.i++
			continue
		}
		if d.i < len(d.s) && d.s[d.i] == ']' {
			d.i++
			return t
		}
		d.fail("comma or array end", "invalid token")
	}
	return lua.LNil
}

// str reads a JSON string at d.i.
func (d *cjsonDecoder) str() (string, bool) {
	d.i++
	var b []byte
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch {
		case c == '"':
			d.i++
			return string(b), true
		case c == '\\':
			if d.i+1 >= len(d.s) {
				d.fail("value", "invalid token")
				return "", false
			}
			e := d.s[d.i+1]
			d.i += 2
			switch e {
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				if d.i+4 > len(d.s) {
					d.fail("value", "invalid unicode escape code")
					return "", false
				}
				r, err := strconv.ParseUint(d.s[d.i:d.i+4], 16, 32)
				if err != nil {
					d.fail("value", "invalid unicode escape code")
					return "", false
				}
				d.i += 4
				if r >= 0xD800 && r < 0xDC00 && d.i+6 <= len(d.s) && d.s[d.i] == '\\' && d.s[d.i+1] == 'u' {
					lo, err := strconv.ParseUint(d.s[d.i+2:d.i+6], 16, 32)
					if err == nil && lo >= 0xDC00 && lo < 0xE000 {
						r = 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00)
						d.i += 6
					}
				}
				b = appendUTF8(b, rune(r))
			default:
				b = append(b, e)
			}
		default:
			b = append(b, c)
			d.i++
		}
	}
	d.fail("value", "unexpected end of string")
	return "", false
}

func appendUTF8(b []byte, r rune) []byte {
	switch {
	case r < 0x80:
		return append(b, byte(r))
	case r < 0x800:
		return append(b, byte(0xC0|r>>6), byte(0x80|r&0x3F))
	case r < 0x10000:
		return append(b, byte(0xE0|r>>12), byte(0x80|(r>>6)&0x3F), byte(0x80|r&0x3F))
	}
	return append(b, byte(0xF0|r>>18), byte(0x80|(r>>12)&0x3F), byte(0x80|(r>>6)&0x3F), byte(0x80|r&0x3F))
}
