package sparse

import (
	"math/rand/v2"
	"sync"
	"testing"
)

// benchCorpus is 100k documents of ~30 terms drawn from a Zipf(1.1)
// vocabulary of 50k terms, like bag-of-words text; built once.
var benchCorpus = sync.OnceValues(func() (*Index, []Vector) {
	r := rand.New(rand.NewPCG(42, 42))
	z := rand.NewZipf(r, 1.1, 1, 50_000-1)
	x := New()
	var v Vector
	seen := map[uint32]bool{}
	for id := range uint32(100_000) {
		v.Indices, v.Values = v.Indices[:0], v.Values[:0]
		clear(seen)
		for range 20 + r.IntN(20) {
			t := uint32(z.Uint64())
			if !seen[t] {
				seen[t] = true
				v.Indices = append(v.Indices, t)
				v.Values = append(v.Values, 0.2+r.Float32())
			}
		}
		if err := x.Upsert(id, v); err != nil {
			panic(err)
		}
	}
	queries := make([]Vector, 256)
	for i := range queries {
		clear(seen)
		for len(queries[i].Indices) < 5 {
			t := uint32(z.Uint64())
			if !seen[t] {
				seen[t] = true
				queries[i].Indices = append(queries[i].Indices, t)
				queries[i].Values = append(queries[i].Values, 1)
			}
		}
	}
	return x, queries
})

func benchSearch(b *testing.B, w Weighting) {
	x, queries := benchCorpus()
	dst := make([]Hit, 0, 10)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		var err error
		dst, err = x.Search(queries[i%len(queries)], 10, w, nil, dst[:0])
		if err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkSearch100k: top-10 of a 5-term query over 100k documents.
func BenchmarkSearch100k(b *testing.B)    { benchSearch(b, WeightNone) }
func BenchmarkSearch100kIDF(b *testing.B) { benchSearch(b, WeightIDF) }

func BenchmarkUpsert(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	vs := make([]Vector, 1024)
	for i := range vs {
		vs[i] = randVector(r, 50_000, 30)
	}
	x := New()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := x.Upsert(uint32(i%200_000), vs[i%len(vs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkBM25Document(b *testing.B) {
	e := NewEncoder()
	text := "Upstash Vector is a serverless vector database designed for working " +
		"with vector embeddings. It supports dense, sparse and hybrid indexes, " +
		"metadata filtering, namespaces and resumable queries over HTTP."
	var v Vector
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		v, _ = e.Document(v, text)
	}
}

func BenchmarkEncode100k(b *testing.B) {
	x, _ := benchCorpus()
	var buf []byte
	b.ReportAllocs()
	for b.Loop() {
		buf = x.AppendEncode(buf[:0])
	}
	b.SetBytes(int64(len(buf)))
}

func BenchmarkDecode100k(b *testing.B) {
	x, _ := benchCorpus()
	buf := x.AppendEncode(nil)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(buf); err != nil {
			b.Fatal(err)
		}
	}
}
