package engine

import (
	"strconv"
	"testing"
)

// Hot-path costs of the string commands through the whole Engine.Exec path
// (lookup, arity, dispatch, reply): benchmarks over a 1M-key keyspace, and
// a test that the steady state allocates nothing.

const timingKeys = 1 << 20

// strBench holds a client and argument buffers reused by every command.
type strBench struct {
	e    *Engine
	c    *Client
	args [][]byte
	keys [4][]byte
	val  []byte
}

func newStrBench(tb testing.TB, fill int) *strBench {
	e, err := Open(Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { e.Close() })
	s := &strBench{e: e, c: e.NewClient(ClientOptions{}), args: make([][]byte, 0, 8)}
	for i := range s.keys {
		s.keys[i] = make([]byte, 0, 32)
	}
	s.val = []byte("value:0123456789abcdef")
	for i := 0; i < fill; i++ {
		s.exec(bSET, s.key(0, i), s.val)
	}
	return s
}

// key formats key number n into buffer slot.
func (s *strBench) key(slot, n int) []byte {
	s.keys[slot] = strconv.AppendInt(append(s.keys[slot][:0], "key:"...), int64(n), 10)
	return s.keys[slot]
}

// Command names and constant arguments, allocated once.
var (
	bGET, bSET, bINCR, bMGET, bMSET = []byte("GET"), []byte("SET"), []byte("INCR"), []byte("MGET"), []byte("MSET")
	bCounter, bOne, bInt            = []byte("counter"), []byte("1"), []byte("12345")
)

// exec runs a command, resetting the reply buffer first.
func (s *strBench) exec(args ...[]byte) {
	s.args = append(s.args[:0], args...)
	s.c.W.Reset()
	s.e.Exec(s.c, s.args)
}

func BenchmarkGet(b *testing.B) {
	s := newStrBench(b, timingKeys)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		s.exec(bGET, s.key(0, i&(timingKeys-1)))
	}
}

func BenchmarkSet(b *testing.B) {
	s := newStrBench(b, timingKeys)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		s.exec(bSET, s.key(0, i&(timingKeys-1)), s.val)
	}
}

func BenchmarkIncr(b *testing.B) {
	s := newStrBench(b, 0)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		s.exec(bINCR, s.key(0, i&1023))
	}
}

func BenchmarkMGet3(b *testing.B) {
	s := newStrBench(b, timingKeys)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		n := i & (timingKeys - 1)
		s.exec(bMGET, s.key(0, n), s.key(1, n^1), s.key(2, n^2))
	}
}

func BenchmarkMSet3(b *testing.B) {
	s := newStrBench(b, timingKeys)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		n := i & (timingKeys - 1)
		s.exec(bMSET, s.key(0, n), s.val, s.key(1, n^1), s.val, s.key(2, n^2), s.val)
	}
}

// TestStringsNoAlloc asserts that GET (hits and misses), SET over existing
// keys, INCR, and MGET/MSET of three keys allocate nothing once warm. New
// keys may allocate (a dict grows, a slab page is mapped), so SET is
// measured overwriting.
func TestStringsNoAlloc(t *testing.T) {
	if testing.Short() {
		t.Skip("fills 64K keys")
	}
	const n = 1 << 16
	s := newStrBench(t, n)
	s.exec(bSET, bCounter, bOne)
	i := 0
	next := func() int { i = (i + 7919) & (n - 1); return i }
	cases := []struct {
		name string
		run  func()
	}{
		{"GET hit", func() { s.exec(bGET, s.key(0, next())) }},
		{"GET miss", func() { s.exec(bGET, s.key(0, n+next())) }},
		{"SET existing", func() { s.exec(bSET, s.key(0, next()), s.val) }},
		{"SET int", func() { s.exec(bSET, s.key(0, next()), bInt) }},
		{"INCR", func() { s.exec(bINCR, bCounter) }},
		{"MGET 3", func() { k := next(); s.exec(bMGET, s.key(0, k), s.key(1, k^1), s.key(2, n+k)) }},
		{"MSET 3", func() {
			k := next()
			s.exec(bMSET, s.key(0, k), s.val, s.key(1, k^1), s.val, s.key(2, k^2), s.val)
		}},
	}
	for _, tc := range cases {
		tc.run() // warm up: first use of a command or buffer may allocate
		if a := testing.AllocsPerRun(2000, tc.run); a != 0 {
			t.Errorf("%s: %v allocs per run, want 0", tc.name, a)
		}
	}
}
