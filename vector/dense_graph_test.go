package vector

import (
	"strconv"
	"sync"
	"testing"

	"github.com/updraftdb/updraft/diskann"
	"github.com/updraftdb/updraft/diskann/dataset"
	"github.com/updraftdb/updraft/vector/filter"
)

// clustered returns count base and nq query vectors of the diskann "hard"
// mixture (overlapping clusters, high intrinsic dimension).
func clustered(t testing.TB, dim, count, nq int) (base, queries []float32) {
	t.Helper()
	base, queries, err := dataset.Generate(dataset.Hard(dim, count, nq, 7))
	if err != nil {
		t.Fatal(err)
	}
	return base, queries
}

// upsertVecs upserts ids id(i) with vectors base[i] for i in [from, to),
// metadata {"c": i % 10}, in batches of MaxBatch.
func upsertVecs(t testing.TB, x *Index, base []float32, dim, from, to int, id func(int) string) {
	t.Helper()
	var recs []Record
	for i := from; i < to; i++ {
		meta, err := filter.Encode([]byte(`{"c":` + strconv.Itoa(i%10) + `}`))
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, Record{ID: id(i), Vector: base[i*dim : (i+1)*dim], Metadata: meta})
		if len(recs) == MaxBatch || i == to-1 {
			if _, err := x.Upsert("", recs); err != nil {
				t.Fatal(err)
			}
			recs = recs[:0]
		}
	}
}

// lowThreshold sets the graph threshold of new namespaces to n for the
// test.
func lowThreshold(t *testing.T, n int) {
	old := graphThreshold
	graphThreshold = n
	t.Cleanup(func() { graphThreshold = old })
}

func vid(i int) string { return "v" + strconv.Itoa(i) }

// graphOf returns the default namespace's graphIndex.
func graphOf(t testing.TB, x *Index) *graphIndex {
	t.Helper()
	g, ok := x.ns[""].dense.(*graphIndex)
	if !ok {
		t.Fatalf("dense index is %T, want *graphIndex", x.ns[""].dense)
	}
	return g
}

// serviceRecall runs every query through the service's search path and
// returns recall@k against the exact scan of the same namespace.
func serviceRecall(t testing.TB, x *Index, queries []float32, dim, k int, f *filter.Filter) float64 {
	t.Helper()
	x.mu.RLock()
	defer x.mu.RUnlock()
	ns := x.ns[""]
	g := graphOf(t, x)
	var allow func(uint32) bool
	if f != nil {
		allow = func(s uint32) bool { return f.Match(ns.recs[s].meta) }
	}
	found, total := 0, 0
	for i := 0; i < len(queries)/dim; i++ {
		q := queries[i*dim : (i+1)*dim]
		truth := g.flat.Search(q, k, allow, nil)
		got := x.search(ns, &Query{TopK: k, Vector: q, Filter: f}, k, nil)
		want := map[uint32]bool{}
		for _, h := range truth {
			want[h.slot] = true
		}
		for _, s := range got {
			if want[s.slot] {
				found++
			}
			if f != nil && !f.Match(ns.recs[s.slot].meta) {
				t.Fatalf("query %d: result slot %d fails the filter", i, s.slot)
			}
		}
		total += len(truth)
	}
	if total == 0 {
		t.Fatal("no ground truth")
	}
	return float64(found) / float64(total)
}

// TestGraphRecallService crosses the graph threshold, mixes updates and
// deletes, and checks recall@10 through the service against brute force,
// with and without a 10 % filter, for both graph metrics.
func TestGraphRecallService(t *testing.T) {
	const dim, k = 32, 10
	lowThreshold(t, 2000)
	n := graphThreshold + 1000
	base, queries := clustered(t, dim, n+2000, 100)
	for _, m := range []Metric{Cosine, Euclidean} {
		t.Run(m.String(), func(t *testing.T) {
			s := mustOpen(t, Options{})
			x, err := s.Create(Spec{Name: "g", Dim: dim, Metric: m}, false)
			if err != nil {
				t.Fatal(err)
			}
			upsertVecs(t, x, base, dim, 0, graphThreshold, vid)
			if graphOf(t, x).g != nil {
				t.Fatal("graph built at the threshold, want brute force up to it")
			}
			upsertVecs(t, x, base, dim, graphThreshold, n, vid)
			if graphOf(t, x).g == nil {
				t.Fatal("no graph above the threshold")
			}
			// Updates: ids 0..999 get vectors n..n+999; deletes: 1000..1499;
			// new ids n+1000..n+1999.
			upsertVecs(t, x, base, dim, n, n+1000, func(i int) string { return vid(i - n) })
			var del []string
			for i := 1000; i < 1500; i++ {
				del = append(del, vid(i))
			}
			if c, _ := x.Delete("", del); c != 500 {
				t.Fatalf("deleted %d, want 500", c)
			}
			upsertVecs(t, x, base, dim, n+1000, n+2000, vid)
			if c, want := x.Count(), n+500; c != want {
				t.Fatalf("count %d, want %d", c, want)
			}
			g := graphOf(t, x)
			if g.g == nil || g.g.Deleted() != 1500 {
				t.Fatalf("graph deleted nodes %d, want 1500", g.g.Deleted())
			}
			r := serviceRecall(t, x, queries, dim, k, nil)
			t.Logf("recall@10 %.3f", r)
			if r < 0.95 {
				t.Errorf("recall@10 %.3f < 0.95", r)
			}
			f, err := filter.Parse("c = 3")
			if err != nil {
				t.Fatal(err)
			}
			r = serviceRecall(t, x, queries, dim, k, f)
			t.Logf("filtered (10 %%) recall@10 %.3f", r)
			if r < 0.95 {
				t.Errorf("filtered recall@10 %.3f < 0.95", r)
			}
		})
	}
}

// TestGraphRestart reloads a persisted index: the graph is rebuilt from
// the log and answers as well as before.
func TestGraphRestart(t *testing.T) {
	const dim = 16
	lowThreshold(t, 2000)
	n := graphThreshold + 500
	base, queries := clustered(t, dim, n, 50)
	o := Options{Dir: t.TempDir()}
	s := mustOpen(t, o)
	x, err := s.Create(Spec{Name: "g", Dim: dim, Metric: Euclidean}, false)
	if err != nil {
		t.Fatal(err)
	}
	upsertVecs(t, x, base, dim, 0, n, vid)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := mustOpen(t, o)
	defer s2.Close()
	x2 := s2.Index("g")
	if x2 == nil || x2.Count() != n {
		t.Fatalf("reloaded index missing or short")
	}
	if graphOf(t, x2).g == nil {
		t.Fatal("graph not rebuilt on reload")
	}
	if r := serviceRecall(t, x2, queries, dim, 10, nil); r < 0.95 {
		t.Errorf("recall@10 after reload %.3f < 0.95", r)
	}
}

// TestGraphIndexLifecycle drives a graphIndex with a small threshold
// through its rebuild on a full graph, rebuild on many deletes, drop below
// half the threshold, zero cosine vectors and queries.
func TestGraphIndexLifecycle(t *testing.T) {
	const dim = 8
	base, _ := clustered(t, dim, 400, 0)
	x := newGraphIndex(dim, Cosine, diskann.Cosine, 100)
	vec := func(i int) []float32 { return base[i*dim : (i+1)*dim] }
	for i := 0; i < 300; i++ {
		x.Add(uint32(i), vec(i))
	}
	if x.g != nil {
		t.Fatal("graph built before Flush")
	}
	x.Flush()
	if x.g == nil || x.Len() != 300 || x.cap < 300 {
		t.Fatalf("graph %v len %d cap %d", x.g != nil, x.Len(), x.cap)
	}
	// Each vector finds itself first.
	self := func() {
		t.Helper()
		for i := 0; i < 300; i += 7 {
			if x.flat.has(uint32(i)) {
				h := x.Search(x.Vector(uint32(i)), 1, nil, nil)
				if len(h) != 1 || x.flat.Vector(h[0].slot) == nil || h[0].dist > 1e-5 {
					t.Fatalf("slot %d: search gave %v", i, h)
				}
			}
		}
	}
	self()
	// Updates spend node ids until the graph is full and rebuilt; before
	// a Flush, queued vectors are found by the exact scan of the queue.
	for round := 0; round < 3; round++ {
		for i := 0; i < 300; i++ {
			x.Add(uint32(i), vec((i+round+1)%400))
		}
		if len(x.pending) != 300 {
			t.Fatalf("%d queued, want 300", len(x.pending))
		}
		self()
		x.Flush()
	}
	if x.g == nil || x.g.Deleted() >= x.cap {
		t.Fatal("graph not rebuilt when full")
	}
	self()
	// A zero vector stays out of the graph; a zero query falls back to
	// the exact scan.
	x.Add(5, make([]float32, dim))
	x.Flush()
	if x.node(5) != noNode {
		t.Fatal("zero cosine vector got a graph node")
	}
	if h := x.Search(make([]float32, dim), 3, nil, nil); len(h) != 3 {
		t.Fatalf("zero query gave %d hits", len(h))
	}
	// Filter allowing nothing: no hits, no panic.
	if h := x.Search(vec(1), 5, func(uint32) bool { return false }, nil); len(h) != 0 {
		t.Fatalf("refusing filter gave %v", h)
	}
	// Deletes down to half the threshold drop the graph.
	for i := 0; i < 260; i++ {
		x.Delete(uint32(i))
	}
	if x.g != nil || x.Len() != 40 {
		t.Fatalf("graph kept at %d vectors", x.Len())
	}
	if h := x.Search(x.Vector(270), 1, nil, nil); len(h) != 1 || h[0].slot != 270 {
		t.Fatalf("brute force after drop gave %v", h)
	}
}

// TestGraphConcurrentSearch runs searches side by side (as queries under
// the index's read lock do) while vectors wait in the queue; run with
// -race it checks they share nothing unguarded.
func TestGraphConcurrentSearch(t *testing.T) {
	const dim = 8
	base, queries := clustered(t, dim, 600, 20)
	x := newGraphIndex(dim, Euclidean, diskann.L2, 100)
	for i := 0; i < 500; i++ {
		x.Add(uint32(i), base[i*dim:(i+1)*dim])
	}
	x.Flush()
	for i := 500; i < 600; i++ {
		x.Add(uint32(i), base[i*dim:(i+1)*dim])
	}
	even := func(s uint32) bool { return s%2 == 0 }
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var dst []hit
			for i := 0; i < 100; i++ {
				q := queries[(i%20)*dim : (i%20+1)*dim]
				allow := even
				if i%2 == 0 {
					allow = nil
				}
				dst = x.Search(q, 10, allow, dst[:0])
				if len(dst) != 10 {
					t.Errorf("got %d hits", len(dst))
					return
				}
				for j, h := range dst {
					if allow != nil && !allow(h.slot) || j > 0 && dst[j-1].dist > h.dist {
						t.Errorf("bad hit list %v", dst)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}
