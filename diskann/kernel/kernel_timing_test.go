package kernel

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// BenchmarkKernels times one distance per op for each implementation at
// the dimensions that matter: 128 (SIFT-like), 784 (MNIST), 1536 (OpenAI
// embeddings).
func BenchmarkKernels(b *testing.B) {
	saved := impl
	defer func() { impl = saved }()
	for _, name := range Available() {
		for _, dim := range []int{128, 784, 1536} {
			rng := rand.New(rand.NewPCG(uint64(dim), 1))
			x := make([]float32, dim)
			y := make([]float32, dim)
			for i := range x {
				x[i], y[i] = rng.Float32(), rng.Float32()
			}
			if err := Use(name); err != nil {
				b.Fatal(err)
			}
			var sink float32
			b.Run(name+"/L2Squared/"+strconv.Itoa(dim), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					sink += L2Squared(x, y)
				}
			})
			b.Run(name+"/Dot/"+strconv.Itoa(dim), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					sink += Dot(x, y)
				}
			})
			_ = sink
		}
	}
}
