package pq

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// randomCodebook lays out a codebook with random centroids: encode, table
// and ADC costs depend on the shape, not on how well it was trained.
func randomCodebook(dim, m int) *Codebook {
	cb := newCodebook(dim, m)
	rng := rand.New(rand.NewPCG(uint64(dim), uint64(m)))
	for i := range cb.cents {
		cb.cents[i] = float32(rng.NormFloat64())
	}
	return cb
}

// shapes are the (dimension, bytes per vector) pairs benchmarked: SIFT-
// like 128-d at 32 bytes, MNIST 784-d at 64 and 98 bytes, OpenAI 1536-d at
// 96 bytes.
var shapes = [][2]int{{128, 32}, {784, 64}, {784, 98}, {1536, 96}}

func shapeName(s [2]int) string { return strconv.Itoa(s[0]) + "d/M" + strconv.Itoa(s[1]) }

// BenchmarkADC times the distance of one code (one op = one code).
func BenchmarkADC(b *testing.B) {
	for _, s := range shapes {
		cb := randomCodebook(s[0], s[1])
		const n = 4096
		codes := make([]byte, n*s[1])
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range codes {
			codes[i] = byte(rng.Uint32())
		}
		tab := cb.NewTable()
		q := make([]float32, s[0])
		cb.Fill(tab, q, L2)
		out := make([]float32, n)
		b.Run(shapeName(s), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tab.Distances(codes, out)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/code")
		})
	}
}

// BenchmarkFill times building one query's L2 table.
func BenchmarkFill(b *testing.B) {
	for _, s := range shapes {
		cb := randomCodebook(s[0], s[1])
		tab := cb.NewTable()
		q := make([]float32, s[0])
		for i := range q {
			q[i] = float32(i % 7)
		}
		b.Run(shapeName(s), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				cb.Fill(tab, q, L2)
			}
		})
	}
}

// BenchmarkEncode times encoding one vector.
func BenchmarkEncode(b *testing.B) {
	for _, s := range shapes {
		cb := randomCodebook(s[0], s[1])
		x := make([]float32, s[0])
		for i := range x {
			x[i] = float32(i%5) - 2
		}
		code := make([]byte, s[1])
		b.Run(shapeName(s), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				cb.Encode(x, code)
			}
		})
	}
}
