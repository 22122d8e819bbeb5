package vector

import (
	"testing"
	"time"

	"github.com/updraftdb/updraft/vector/filter"
)

// benchSize is the namespace of the dense benchmarks: 20 000 clustered
// 128-dim vectors, four times the graph threshold.
const benchN, benchDim, benchQ = 20_000, 128, 200

// BenchmarkDenseService compares, through the service's search path,
// the graph index with brute force on the same namespace, unfiltered and
// with a 10 % filter; it reports queries per second and recall@10.
func BenchmarkDenseService(b *testing.B) {
	base, queries := clustered(b, benchDim, benchN, benchQ)
	s := mustOpenB(b, Options{})
	x, err := s.Create(Spec{Name: "g", Dim: benchDim, Metric: Cosine}, false)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	upsertVecs(b, x, base, benchDim, 0, benchN, vid)
	b.Logf("upsert %d×%d (graph built at %d): %v", benchN, benchDim, DenseGraphThreshold, time.Since(start))
	f, err := filter.Parse("c = 3")
	if err != nil {
		b.Fatal(err)
	}
	ns := x.ns[""]
	g := graphOf(b, x)
	if g.g == nil || g.g.Len() != benchN {
		b.Fatal("no graph over the namespace")
	}
	for _, c := range []struct {
		name  string
		dense denseIndex
		f     *filter.Filter
	}{{"graph", g, nil}, {"flat", g.flat, nil}, {"graph-filter10", g, f}, {"flat-filter10", g.flat, f}} {
		b.Run(c.name, func(b *testing.B) {
			ns.dense = c.dense
			defer func() { ns.dense = g }()
			var dst []scored
			nq := len(queries) / benchDim
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				q := queries[(i%nq)*benchDim : (i%nq+1)*benchDim]
				dst = x.search(ns, &Query{TopK: 10, Vector: q, Filter: c.f}, 10, dst[:0])
			}
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "qps")
			ns.dense = g
			b.ReportMetric(serviceRecallAs(b, x, queries, c.dense, c.f), "recall@10")
		})
	}
}

// serviceRecallAs is serviceRecall with ns.dense set to d.
func serviceRecallAs(b *testing.B, x *Index, queries []float32, d denseIndex, f *filter.Filter) float64 {
	ns := x.ns[""]
	g := ns.dense
	ns.dense = d
	defer func() { ns.dense = g }()
	if d == g {
		return serviceRecall(b, x, queries, benchDim, 10, f)
	}
	return 1 // brute force is the ground truth
}

// BenchmarkDenseRestart measures reopening a persisted index of
// benchN×benchDim vectors: log replay and graph rebuild.
func BenchmarkDenseRestart(b *testing.B) {
	base, _ := clustered(b, benchDim, benchN, 0)
	o := Options{Dir: b.TempDir()}
	s := mustOpenB(b, o)
	x, err := s.Create(Spec{Name: "g", Dim: benchDim, Metric: Euclidean}, false)
	if err != nil {
		b.Fatal(err)
	}
	upsertVecs(b, x, base, benchDim, 0, benchN, vid)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s2 := mustOpenB(b, o)
		b.StopTimer()
		if graphOf(b, s2.Index("g")).g == nil {
			b.Fatal("graph not rebuilt")
		}
		s2.Close()
		b.StartTimer()
	}
}

func mustOpenB(b *testing.B, o Options) *Service {
	b.Helper()
	s, err := Open(o)
	if err != nil {
		b.Fatal(err)
	}
	return s
}
