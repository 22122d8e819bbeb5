package engine

import (
	"encoding/binary"
	"math"

	lua "github.com/yuin/gopher-lua"
)

// The "cmsgpack" library (lua-cmsgpack 0.4 as bundled with Redis): pack
// any number of values into one MessagePack string, unpack them back.

// msgpackMaxNesting is lua-cmsgpack's LUACMSGPACK_MAX_NESTING: deeper
// tables are packed as nil.
const msgpackMaxNesting = 16

func openMsgpack(L *lua.LState) *lua.LTable {
	t := L.NewTable()
	t.RawSetString("pack", L.NewFunction(msgpackPack))
	t.RawSetString("unpack", L.NewFunction(msgpackUnpack))
	t.RawSetString("_NAME", lua.LString("cmsgpack"))
	t.RawSetString("_VERSION", lua.LString("lua-cmsgpack 0.4.0"))
	return t
}

func msgpackPack(L *lua.LState) int {
	n := L.GetTop()
	if n == 0 {
		L.ArgError(0, "MessagePack pack needs input.")
	}
	var b []byte
	for i := 1; i <= n; i++ {
		b = msgpackAppend(b, L.Get(i), 0)
	}
	L.Push(lua.LString(b))
	return 1
}

func msgpackHeader(b []byte, n int, fix, fixMax byte, c16, c32 byte) []byte {
	switch {
	case n <= int(fixMax):
		return append(b, fix|byte(n))
	case n <= 0xffff:
		return binary.BigEndian.AppendUint16(append(b, c16), uint16(n))
	}
	return binary.BigEndian.AppendUint32(append(b, c32), uint32(n))
}

func msgpackAppend(b []byte, v lua.LValue, depth int) []byte {
	switch v := v.(type) {
	case lua.LString:
		n := len(v)
		switch {
		case n < 32:
			b = append(b, 0xa0|byte(n))
		case n <= 0xff:
			b = append(b, 0xd9, byte(n))
		case n <= 0xffff:
			b = binary.BigEndian.AppendUint16(append(b, 0xda), uint16(n))
		default:
			b = binary.BigEndian.AppendUint32(append(b, 0xdb), uint32(n))
		}
		return append(b, v...)
	case lua.LBool:
		if v {
			return append(b, 0xc3)
		}
		return append(b, 0xc2)
	case lua.LNumber:
		f := float64(v)
		if f == math.Trunc(f) && f >= -9.2e18 && f <= 1.8e19 && !math.IsInf(f, 0) {
			return msgpackInt(b, f)
		}
		if float64(float32(f)) == f || math.IsNaN(f) {
			return binary.BigEndian.AppendUint32(append(b, 0xca), math.Float32bits(float32(f)))
		}
		return binary.BigEndian.AppendUint64(append(b, 0xcb), math.Float64bits(f))
	case *lua.LTable:
		if depth >= msgpackMaxNesting {
			return append(b, 0xc0)
		}
		if n, ok := msgpackArrayLen(v); ok {
			b = msgpackHeader(b, n, 0x90, 15, 0xdc, 0xdd)
			for i := 1; i <= n; i++ {
				b = msgpackAppend(b, v.RawGetInt(i), depth+1)
			}
			return b
		}
		n := 0
		v.ForEach(func(_, _ lua.LValue) { n++ })
		b = msgpackHeader(b, n, 0x80, 15, 0xde, 0xdf)
		v.ForEach(func(k, val lua.LValue) {
			b = msgpackAppend(b, k, depth+1)
			b = msgpackAppend(b, val, depth+1)
		})
		return b
	}
	return append(b, 0xc0)
}

func msgpackInt(b []byte, f float64) []byte {
	if f >= 0 {
		u := uint64(f)
		switch {
		case u <= 127:
			return append(b, byte(u))
		case u <= 0xff:
			return append(b, 0xcc, byte(u))
		case u <= 0xffff:
			return binary.BigEndian.AppendUint16(append(b, 0xcd), uint16(u))
		case u <= 0xffffffff:
			return binary.BigEndian.AppendUint32(append(b, 0xce), uint32(u))
		}
		return binary.BigEndian.AppendUint64(append(b, 0xcf), u)
	}
	n := int64(f)
	switch {
	case n >= -32:
		return append(b, byte(int8(n)))
	case n >= -128:
		return append(b, 0xd0, byte(int8(n)))
	case n >= -32768:
		return binary.BigEndian.AppendUint16(append(b, 0xd1), uint16(int16(n)))
	case n >= -2147483648:
		return binary.BigEndian.AppendUint32(append(b, 0xd2), uint32(int32(n)))
	}
	return binary.BigEndian.AppendUint64(append(b, 0xd3), uint64(n))
}

// msgpackArrayLen reports whether t is an array (keys 1..n) and its n.
func msgpackArrayLen(t *lua.LTable) (int, bool) {
	count, maxKey := 0, 0
	ok := true
	t.ForEach(func(k, _ lua.LValue) {
		n, isNum := k.(lua.LNumber)
		if !isNum || n < 1 || float64(n) != math.Floor(float64(n)) {
			ok = false
			return
		}
		count++
		if int(n) > maxKey {
			maxKey = int(n)
		}
	})
	return count, ok && count == maxKey
}

// msgpackDecoder reads MessagePack values.
type msgpackDecoder struct {
	L   *lua.LState
	s   string
	i   int
	bad bool
}

func (d *msgpackDecoder) take(n int) string {
	if d.i+n > len(d.s) {
		d.bad = true
		d.i = len(d.s)
		return ""
	}
	s := d.s[d.i : d.i+n]
	d.i += n
	return s
}

func (d *msgpackDecoder) uint(n int) uint64 {
	s := d.take(n)
	var v uint64
	for i := 0; i < len(s); i++ {
		v = v<<8 | uint64(s[i])
	}
	return v
}

func (d *msgpackDecoder) value() lua.LValue {
	c := d.uint(1)
	if d.bad {
		return lua.LNil
	}
	switch {
	case c <= 0x7f:
		return lua.LNumber(c)
	case c >= 0xe0:
		return lua.LNumber(int8(c))
	case c&0xf0 == 0x80:
		return d.mapOf(int(c & 0x0f))
	case c&0xf0 == 0x90:
		return d.arrayOf(int(c & 0x0f))
	case c&0xe0 == 0xa0:
		return lua.LString(d.take(int(c & 0x1f)))
	}
	switch c {
	case 0xc0:
		return lua.LNil
	case 0xc2:
		return lua.LFalse
	case 0xc3:
		return lua.LTrue
	case 0xca:
		return lua.LNumber(math.Float32frombits(uint32(d.uint(4))))
	case 0xcb:
		return lua.LNumber(math.Float64frombits(d.uint(8)))
	case 0xcc:
		return lua.LNumber(d.uint(1))
	case 0xcd:
		return lua.LNumber(d.uint(2))
	case 0xce:
		return lua.LNumber(d.uint(4))
	case 0xcf:
		return lua.LNumber(d.uint(8))
	case 0xd0:
		return lua.LNumber(int8(d.uint(1)))
	case 0xd1:
		return lua.LNumber(int16(d.uint(2)))
	case 0xd2:
		return lua.LNumber(int32(d.uint(4)))
	case 0xd3:
		return lua.LNumber(int64(d.uint(8)))
	case 0xc4, 0xd9:
		return lua.LString(d.take(int(d.uint(1))))
	case 0xc5, 0xda:
		return lua.LString(d.take(int(d.uint(2))))
	case 0xc6, 0xdb:
		return lua.LString(d.take(int(d.uint(4))))
	case 0xdc:
		return d.arrayOf(int(d.uint(2)))
	case 0xdd:
		return d.arrayOf(int(d.uint(4)))
	case 0xde:
		return d.mapOf(int(d.uint(2)))
	case 0xdf:
		return d.mapOf(int(d.uint(4)))
	}
	d.bad = true
	return lua.LNil
}

func (d *msgpackDecoder) arrayOf(n int) lua.LValue {
	t := d.L.NewTable()
	for i := 1; i <= n && !d.bad; i++ {
		t.RawSetInt(i, d.value())
	}
	return t
}

func (d *msgpackDecoder) mapOf(n int) lua.LValue {
	t := d.L.NewTable()
	for i := 0; i < n && !d.bad; i++ {
		k := d.value()
		v := d.value()
		if k != lua.LNil {
			t.RawSet(k, v)
		}
	}
	return t
}

func msgpackUnpack(L *lua.LState) int {
	s := L.CheckString(1)
	d := &msgpackDecoder{L: L, s: s}
	var out []lua.LValue
	for d.i < len(d.s) {
		v := d.value()
		if d.bad {
			L.RaiseError("Missing bytes in input.")
		}
		out = append(out, v)
	}
	for _, v := range out {
		L.Push(v)
	}
	return len(out)
}
