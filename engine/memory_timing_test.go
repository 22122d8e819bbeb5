package engine

import (
	"strconv"
	"testing"
)

// Costs of growing small packed collections through Engine.Exec: each key
// gets five elements one command at a time and is then deleted, so the
// benchmarks time the insert paths (and their reallocations) of the compact
// encodings at the sizes where they matter for memory.

var (
	bZADD, bHSET, bRPUSH, bSADD, bDEL = []byte("ZADD"), []byte("HSET"), []byte("RPUSH"), []byte("SADD"), []byte("DEL")
	smallMembers                      = [5][]byte{[]byte("alpha"), []byte("beta"), []byte("gamma"), []byte("delta"), []byte("epsilon")}
	smallInts                         = [5][]byte{[]byte("1"), []byte("2"), []byte("3"), []byte("4"), []byte("5")}
)

// benchSmall runs add(key, j) for j = 0..4 on a key, then DEL, over 4096
// keys in turn.
func benchSmall(b *testing.B, add func(s *strBench, key []byte, j int)) {
	s := newStrBench(b, 0)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		key := s.key(0, (i/6)%4096)
		if j := i % 6; j < 5 {
			add(s, key, j)
		} else {
			s.exec(bDEL, key)
		}
	}
}

func BenchmarkSmallZadd(b *testing.B) {
	var score [8]byte
	benchSmall(b, func(s *strBench, key []byte, j int) {
		s.exec(bZADD, key, strconv.AppendInt(score[:0], int64(j), 10), smallMembers[j])
	})
}

func BenchmarkSmallHset(b *testing.B) {
	benchSmall(b, func(s *strBench, key []byte, j int) { s.exec(bHSET, key, smallMembers[j], smallInts[j]) })
}

func BenchmarkSmallRpush(b *testing.B) {
	benchSmall(b, func(s *strBench, key []byte, j int) { s.exec(bRPUSH, key, smallMembers[j]) })
}

func BenchmarkSmallSaddInts(b *testing.B) {
	benchSmall(b, func(s *strBench, key []byte, j int) { s.exec(bSADD, key, smallInts[j]) })
}
