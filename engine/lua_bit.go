package engine

import (
	"math"

	lua "github.com/yuin/gopher-lua"
)

// The "bit" library (LuaBitOp 1.0, as bundled with Redis) and Redis's
// deterministic math.random.

// luaToBit is LuaBitOp's barg: the number normalized to a 32-bit integer
// by adding 2^52+2^51 and taking the low word.
func luaToBit(L *lua.LState, i int) int32 {
	f := float64(L.CheckNumber(i))
	f += 6755399441055744.0
	return int32(uint32(math.Float64bits(f)))
}

func openBit(L *lua.LState) *lua.LTable {
	t := L.NewTable()
	push := func(L *lua.LState, v int32) int {
		L.Push(lua.LNumber(v))
		return 1
	}
	fold := func(op func(a, b int32) int32) lua.LGFunction {
		return func(L *lua.LState) int {
			v := luaToBit(L, 1)
			for i := 2; i <= L.GetTop(); i++ {
				v = op(v, luaToBit(L, i))
			}
			return push(L, v)
		}
	}
	fns := map[string]lua.LGFunction{
		"tobit": func(L *lua.LState) int { return push(L, luaToBit(L, 1)) },
		"bnot":  func(L *lua.LState) int { return push(L, ^luaToBit(L, 1)) },
		"band":  fold(func(a, b int32) int32 { return a & b }),
		"bor":   fold(func(a, b int32) int32 { return a | b }),
		"bxor":  fold(func(a, b int32) int32 { return a ^ b }),
		"lshift": func(L *lua.LState) int {
			return push(L, int32(uint32(luaToBit(L, 1))<<(uint32(luaToBit(L, 2))&31)))
		},
		"rshift": func(L *lua.LState) int {
			return push(L, int32(uint32(luaToBit(L, 1))>>(uint32(luaToBit(L, 2))&31)))
		},
		"arshift": func(L *lua.LState) int {
			return push(L, luaToBit(L, 1)>>(uint32(luaToBit(L, 2))&31))
		},
		"rol": func(L *lua.LState) int {
			b, n := uint32(luaToBit(L, 1)), uint32(luaToBit(L, 2))&31
			return push(L, int32(b<<n|b>>((32-n)&31)))
		},
		"ror": func(L *lua.LState) int {
			b, n := uint32(luaToBit(L, 1)), uint32(luaToBit(L, 2))&31
			return push(L, int32(b>>n|b<<((32-n)&31)))
		},
		"bswap": func(L *lua.LState) int {
			b := uint32(luaToBit(L, 1))
			return push(L, int32(b>>24|(b>>8)&0xff00|(b&0xff00)<<8|b<<24))
		},
		"tohex": func(L *lua.LState) int {
			b := uint32(luaToBit(L, 1))
			n := int32(8)
			if L.GetTop() >= 2 && L.Get(2) != lua.LNil {
				n = luaToBit(L, 2)
			}
			digits := "0123456789abcdef"
			if n < 0 {
				n = -n
				digits = "0123456789ABCDEF"
			}
			if n > 8 {
				n = 8
			}
			buf := make([]byte, n)
			for i := int(n) - 1; i >= 0; i-- {
				buf[i] = digits[b&15]
				b >>= 4
			}
			L.Push(lua.LString(buf))
			return 1
		},
	}
	for name, fn := range fns {
		t.RawSetString(name, L.NewFunction(fn))
	}
	return t
}

// lrand48 is Redis's redisLrand48: the 48-bit linear congruential
// generator of POSIX drand48, so that math.random gives the numbers
// redis-server gives.
type lrand48 struct{ x uint64 }

const (
	lrandA    = 0x5DEECE66D
	lrandC    = 0xB
	lrandMask = 1<<48 - 1
	lrandMax  = math.MaxInt32
)

// lrandInit is the generator's state before any seeding (rand.c's X2 X1
// X0): redis-server 7.0 never reseeds it for scripts, so a fresh server's
// first math.random(100) is 40.
const lrandInit = 0x1234ABCD330E

// seed is redisSrand48.
func (r *lrand48) seed(v int32) { r.x = uint64(uint32(v))<<16 | 0x330E }

// next is redisLrand48: 31 random bits.
func (r *lrand48) next() int32 {
	if r.x == 0 {
		r.x = lrandInit
	}
	r.x = (lrandA*r.x + lrandC) & lrandMask
	return int32(r.x >> 17)
}

// mathRandom is Redis's math.random.
func (vm *luaVM) mathRandom(L *lua.LState) int {
	rv := float64(vm.e.scripts.rand.next()%lrandMax) / float64(lrandMax)
	switch L.GetTop() {
	case 0:
		L.Push(lua.LNumber(rv))
	case 1:
		u := int(L.CheckNumber(1))
		if u < 1 {
			L.ArgError(1, "interval is empty")
		}
		L.Push(lua.LNumber(math.Floor(rv*float64(u)) + 1))
	case 2:
		l, u := int(L.CheckNumber(1)), int(L.CheckNumber(2))
		if l > u {
			L.ArgError(2, "interval is empty")
		}
		L.Push(lua.LNumber(math.Floor(rv*float64(u-l+1)) + float64(l)))
	default:
		L.RaiseError("wrong number of arguments")
	}
	return 1
}

// mathRandomSeed is Redis's math.randomseed.
func (vm *luaVM) mathRandomSeed(L *lua.LState) int {
	vm.e.scripts.rand.seed(int32(L.CheckNumber(1)))
	return 0
}
