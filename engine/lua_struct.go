package engine

import (
	"encoding/binary"
	"math"

	lua "github.com/yuin/gopher-lua"
)

// The "struct" library (Roberto Ierusalimschy's struct.c as bundled with
// Redis): pack, unpack and size over formats of < > ! x b B h H l L T
// i[n] I[n] c[n] s f d.

func openStruct(L *lua.LState) *lua.LTable {
	t := L.NewTable()
	t.RawSetString("pack", L.NewFunction(structPack))
	t.RawSetString("unpack", L.NewFunction(structUnpack))
	t.RawSetString("size", L.NewFunction(structSize))
	return t
}

// structFmt walks a format string.
type structFmt struct {
	L      *lua.LState
	f      string
	i      int
	little bool
	align  int
}

func newStructFmt(L *lua.LState, f string) *structFmt {
	return &structFmt{L: L, f: f, little: true, align: 1}
}

// num reads an optional size after an option.
func (s *structFmt) num(def int) int {
	if s.i >= len(s.f) || s.f[s.i] < '0' || s.f[s.i] > '9' {
		return def
	}
	n := 0
	for s.i < len(s.f) && s.f[s.i] >= '0' && s.f[s.i] <= '9' {
		n = n*10 + int(s.f[s.i]-'0')
		s.i++
	}
	return n
}

// next returns the next option and its size; 0 at the end.
func (s *structFmt) next() (byte, int) {
	for s.i < len(s.f) {
		c := s.f[s.i]
		s.i++
		switch c {
		case ' ':
			continue
		case '>':
			s.little = false
			continue
		case '<':
			s.little = true
			continue
		case '!':
			s.align = s.num(8)
			continue
		case 'x', 'b', 'B':
			return c, 1
		case 'h', 'H':
			return c, 2
		case 'l', 'L', 'T':
			return c, 8
		case 'f':
			return c, 4
		case 'd':
			return c, 8
		case 'i', 'I':
			n := s.num(4)
			if n > 8 {
				s.L.RaiseError("integral size %d is larger than limit of 8", n)
			}
			return c, n
		case 'c':
			return c, s.num(1)
		case 's':
			return c, 0
		default:
			s.L.RaiseError("invalid format option '%c'", c)
		}
	}
	return 0, 0
}

// pad returns the alignment padding before an item of size n at offset.
func (s *structFmt) pad(opt byte, n, offset int) int {
	if opt == 'c' || opt == 's' || opt == 'x' {
		return 0
	}
	a := n
	if a > s.align {
		a = s.align
	}
	if a <= 1 {
		return 0
	}
	return (a - offset%a) % a
}

func structPutInt(b []byte, v uint64, n int, little bool) []byte {
	for k := 0; k < n; k++ {
		if little {
			b = append(b, byte(v>>(8*k)))
		} else {
			b = append(b, byte(v>>(8*(n-1-k))))
		}
	}
	return b
}

func structPack(L *lua.LState) int {
	s := newStructFmt(L, L.CheckString(1))
	var b []byte
	arg := 2
	for {
		opt, n := s.next()
		if opt == 0 {
			break
		}
		for p := s.pad(opt, n, len(b)); p > 0; p-- {
			b = append(b, 0)
		}
		switch opt {
		case 'x':
			b = append(b, 0)
		case 'b', 'B', 'h', 'H', 'l', 'L', 'T', 'i', 'I':
			f := float64(L.CheckNumber(arg))
			arg++
			var v uint64
			if f < 0 {
				v = uint64(int64(f))
			} else {
				v = uint64(f)
			}
			b = structPutInt(b, v, n, s.little)
		case 'f':
			b = structPutInt(b, uint64(math.Float32bits(float32(L.CheckNumber(arg)))), 4, s.little)
			arg++
		case 'd':
			b = structPutInt(b, math.Float64bits(float64(L.CheckNumber(arg))), 8, s.little)
			arg++
		case 'c', 's':
			str := L.CheckString(arg)
			arg++
			if opt == 'c' {
				if n == 0 {
					n = len(str)
				}
				if len(str) < n {
					L.ArgError(arg-1, "string too short")
				}
				b = append(b, str[:n]...)
			} else {
				b = append(b, str...)
				b = append(b, 0)
			}
		}
	}
	L.Push(lua.LString(b))
	return 1
}

func structUnpack(L *lua.LState) int {
	s := newStructFmt(L, L.CheckString(1))
	data := L.CheckString(2)
	pos := L.OptInt(3, 1) - 1
	if pos < 0 || pos > len(data) {
		L.ArgError(3, "offset must be 1 or greater")
	}
	nres := 0
	for {
		opt, n := s.next()
		if opt == 0 {
			break
		}
		pos += s.pad(opt, n, pos)
		if opt != 's' && pos+n > len(data) {
			L.ArgError(2, "data string too short")
		}
		switch opt {
		case 'x':
			pos++
			continue
		case 'b', 'B', 'h', 'H', 'l', 'L', 'T', 'i', 'I':
			var v uint64
			for k := 0; k < n; k++ {
				var c byte
				if s.little {
					c = data[pos+n-1-k]
				} else {
					c = data[pos+k]
				}
				v = v<<8 | uint64(c)
			}
			signed := opt == 'b' || opt == 'h' || opt == 'l' || opt == 'i'
			if signed && n < 8 && v&(1<<(8*n-1)) != 0 {
				v |= ^uint64(0) << (8 * n)
			}
			if signed {
				L.Push(lua.LNumber(int64(v)))
			} else {
				L.Push(lua.LNumber(v))
			}
		case 'f':
			var u uint32
			if s.little {
				u = binary.LittleEndian.Uint32([]byte(data[pos : pos+4]))
			} else {
				u = binary.BigEndian.Uint32([]byte(data[pos : pos+4]))
			}
			L.Push(lua.LNumber(math.Float32frombits(u)))
		case 'd':
			var u uint64
			if s.little {
				u = binary.LittleEndian.Uint64([]byte(data[pos : pos+8]))
			} else {
				u = binary.BigEndian.Uint64([]byte(data[pos : pos+8]))
			}
			L.Push(lua.LNumber(math.Float64frombits(u)))
		case 'c':
			if n == 0 {
				if nres == 0 {
					L.RaiseError("format 'c0' needs a previous size")
				}
				prev := L.Get(-1)
				L.Pop(1)
				nres--
				n = int(luaToNumber(prev))
				if pos+n > len(data) {
					L.ArgError(2, "data string too short")
				}
			}
			L.Push(lua.LString(data[pos : pos+n]))
		case 's':
			e := pos
			for e < len(data) && data[e] != 0 {
				e++
			}
			if e >= len(data) {
				L.RaiseError("unfinished string in data")
			}
			L.Push(lua.LString(data[pos:e]))
			n = e - pos + 1
		}
		pos += n
		nres++
	}
	L.Push(lua.LNumber(pos + 1))
	return nres + 1
}

func structSize(L *lua.LState) int {
	s := newStructFmt(L, L.CheckString(1))
	pos := 0
	for {
		opt, n := s.next()
		if opt == 0 {
			break
		}
		if opt == 's' || (opt == 'c' && n == 0) {
			L.ArgError(1, "options 'c0' - 's' have undefined sizes")
		}
		pos += s.pad(opt, n, pos) + n
	}
	L.Push(lua.LNumber(pos))
	return 1
}
