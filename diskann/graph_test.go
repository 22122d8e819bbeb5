package diskann

import (
	"math"
	"slices"
	"testing"

	"github.com/updraftdb/updraft/diskann/dataset"
)

// testSet returns a generated set, its ground truth (top 10) and dim.
func testSet(t testing.TB, spec dataset.Spec, dist dataset.Distance) ([]float32, []float32, []int32) {
	t.Helper()
	base, q, err := dataset.Generate(spec)
	if err != nil {
		t.Fatal(err)
	}
	gt, err := dataset.GroundTruth(base, q, spec.Dim, 10, dist)
	if err != nil {
		t.Fatal(err)
	}
	return base, q, gt
}

// recallAt10 searches every query with list size l.
func recallAt10(t testing.TB, g *Graph, q []float32, gt []int32, l int) float64 {
	t.Helper()
	dim := g.Dim()
	got := make([]int32, 0, len(q)/dim*10)
	var res []Result
	for i := 0; i < len(q)/dim; i++ {
		var err error
		res, err = g.Search(res[:0], q[i*dim:(i+1)*dim], 10, l)
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != 10 {
			t.Fatalf("query %d: %d results", i, len(res))
		}
		for j, r := range res {
			if j > 0 && r.Dist < res[j-1].Dist {
				t.Fatalf("query %d: results out of order", i)
			}
			got = append(got, int32(r.ID))
		}
	}
	return dataset.Recall(got, 10, gt, 10, 10)
}

// checkInvariants asserts degree ≤ R, no self loops or duplicate edges, and
// every node reachable from the medoid.
func checkInvariants(t *testing.T, g *Graph) {
	t.Helper()
	seen := make([]bool, g.Len())
	queue := []uint32{g.Medoid()}
	seen[g.Medoid()] = true
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		nb := g.Neighbors(p)
		if len(nb) > g.R() {
			t.Fatalf("node %d: degree %d > R %d", p, len(nb), g.R())
		}
		s := slices.Clone(nb)
		slices.Sort(s)
		if len(slices.Compact(s)) != len(nb) || slices.Contains(nb, p) {
			t.Fatalf("node %d: duplicate edge or self loop %v", p, nb)
		}
		for _, x := range nb {
			if !seen[x] {
				seen[x] = true
				queue = append(queue, x)
			}
		}
	}
	for i, ok := range seen {
		if !ok {
			t.Fatalf("node %d unreachable from the medoid", i)
		}
	}
}

func TestBuildEasyRecall(t *testing.T) {
	spec := dataset.Easy(32, 3000, 200, 1)
	base, q, gt := testSet(t, spec, dataset.L2)
	calls, last := 0, 0
	g, err := Build(base, 32, Options{R: 24, L: 48, Progress: func(done, total int) {
		calls++
		if done < last || total != 6000 {
			t.Errorf("progress %d/%d after %d", done, total, last)
		}
		last = done
	}})
	if err != nil {
		t.Fatal(err)
	}
	if calls < 2 || last != 6000 {
		t.Fatalf("progress: %d calls, last %d", calls, last)
	}
	checkInvariants(t, g)
	if r := recallAt10(t, g, q, gt, 40); r < 0.95 {
		t.Fatalf("recall@10 at L=40: %.3f < 0.95", r)
	}
}

func TestBuildHardRecall(t *testing.T) {
	spec := dataset.Hard(48, 3000, 200, 2)
	base, q, gt := testSet(t, spec, dataset.L2)
	g, err := Build(base, 48, Options{R: 32, L: 64})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, g)
	lo, hi := recallAt10(t, g, q, gt, 10), recallAt10(t, g, q, gt, 100)
	if hi < 0.95 || lo >= hi {
		t.Fatalf("recall@10: L=10 %.3f, L=100 %.3f (want ≥ 0.95 and rising with L)", lo, hi)
	}
	t.Logf("hard: recall@10 L=10 %.3f, L=100 %.3f", lo, hi)
}

func TestBuildSinglePassAndOneWorker(t *testing.T) {
	base, q, gt := testSet(t, dataset.Easy(16, 1000, 50, 3), dataset.L2)
	a, err := Build(base, 16, Options{R: 16, L: 32, Passes: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Build(base, 16, Options{R: 16, L: 32, Passes: 1, Workers: 1})
	if !slices.Equal(a.adj, b.adj) {
		t.Fatal("single-worker builds with one seed differ")
	}
	checkInvariants(t, a)
	if r := recallAt10(t, a, q, gt, 40); r < 0.9 {
		t.Fatalf("recall %.3f", r)
	}
}

func TestMetrics(t *testing.T) {
	spec := dataset.Easy(24, 1500, 100, 4)
	for _, c := range []struct {
		m Metric
		d dataset.Distance
	}{{Cosine, dataset.Cosine}, {InnerProduct, dataset.InnerProduct}} {
		base, q, gt := testSet(t, spec, c.d)
		g, err := Build(base, 24, Options{Metric: c.m, R: 24, L: 48})
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, g)
		if r := recallAt10(t, g, q, gt, 64); r < 0.95 {
			t.Fatalf("%v: recall %.3f", c.m, r)
		}
		// Distances are the metric's own.
		res, _ := g.Search(nil, q[:24], 1, 32)
		x, qq := base[int(res[0].ID)*24:][:24], q[:24]
		var dot, nx, nq float64
		for i := range x {
			dot += float64(x[i]) * float64(qq[i])
			nx += float64(x[i]) * float64(x[i])
			nq += float64(qq[i]) * float64(qq[i])
		}
		want := -dot
		if c.m == Cosine {
			want = 1 - dot/math.Sqrt(nx*nq)
		}
		if math.Abs(float64(res[0].Dist)-want) > 1e-3*math.Max(1, math.Abs(want)) {
			t.Fatalf("%v: distance %v, want %v", c.m, res[0].Dist, want)
		}
	}
}

func TestBadInput(t *testing.T) {
	v := []float32{1, 2, 3, 4}
	for _, c := range []struct {
		vecs []float32
		dim  int
		opt  Options
		want error
	}{
		{v, 3, Options{}, ErrDimension},
		{v, 0, Options{}, ErrDimension},
		{nil, 2, Options{}, ErrEmpty},
		{[]float32{1, float32(math.NaN())}, 2, Options{}, ErrNonFinite},
		{[]float32{0, 0, 1, 1}, 2, Options{Metric: Cosine}, ErrZeroVector},
		{v, 2, Options{Metric: 9}, ErrMetric},
		{v, 2, Options{Alpha: 0.5}, ErrParams},
		{v, 2, Options{R: -1}, ErrParams},
		{v, 2, Options{Passes: 3}, ErrParams},
	} {
		if _, err := Build(c.vecs, c.dim, c.opt); err != c.want {
			t.Fatalf("%v dim %d %+v: err %v, want %v", c.vecs, c.dim, c.opt, err, c.want)
		}
	}
	g, err := Build(v, 2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Search(nil, []float32{1}, 1, 0); err != ErrQueryLength {
		t.Fatal(err)
	}
	if _, err := g.Search(nil, []float32{1, 2}, 0, 0); err != ErrParams {
		t.Fatal(err)
	}
	if _, err := g.Search(nil, []float32{float32(math.Inf(1)), 2}, 1, 0); err != ErrNonFinite {
		t.Fatal(err)
	}
	// Asking for more than there are returns them all.
	res, err := g.Search(nil, []float32{3, 4}, 5, 0)
	if err != nil || len(res) != 2 || res[0].ID != 1 || res[0].Dist != 0 {
		t.Fatalf("%v %v", res, err)
	}
}

func TestSingleVector(t *testing.T) {
	g, err := Build([]float32{1, 2}, 2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := g.Search(nil, []float32{0, 0}, 3, 0)
	if err != nil || len(res) != 1 || res[0].ID != 0 || res[0].Dist != 5 {
		t.Fatalf("%v %v", res, err)
	}
}

func TestDuplicates(t *testing.T) {
	// Each vector stored four times: exact duplicates must not break
	// connectivity or recall.
	one, q, _ := testSet(t, dataset.Easy(8, 400, 50, 6), dataset.L2)
	var base []float32
	for c := 0; c < 4; c++ {
		base = append(base, one...)
	}
	g, err := Build(base, 8, Options{R: 16, L: 32})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, g)
	res, _ := g.Search(nil, q[:8], 4, 32)
	for _, r := range res {
		if r.ID%400 != res[0].ID%400 {
			t.Fatalf("the 4 nearest are not one vector's copies: %v", res)
		}
	}
}

func TestSearchNoAlloc(t *testing.T) {
	base, q, _ := testSet(t, dataset.Easy(16, 500, 10, 5), dataset.L2)
	g, err := Build(base, 16, Options{R: 16, L: 32})
	if err != nil {
		t.Fatal(err)
	}
	dst := make([]Result, 0, 10)
	g.Search(dst, q[:16], 10, 32)
	if raceEnabled {
		return // see raceEnabled
	}
	if a := testing.AllocsPerRun(100, func() { g.Search(dst[:0], q[:16], 10, 32) }); a != 0 {
		t.Fatalf("%v allocations per search", a)
	}
}

func TestCandList(t *testing.T) {
	var c candList
	c.reset(3)
	for i, d := range []float32{5, 1, 3, 4, 0, 2} {
		c.insert(uint32(i), d)
	}
	if c.n != 3 || !slices.Equal(c.ids[:3], []uint32{4, 1, 5}) {
		t.Fatalf("%v %v", c.ids[:c.n], c.dists[:c.n])
	}
	c.expanded[0] = true
	if c.next() != 1 {
		t.Fatal("next")
	}
	c.insert(9, -1)
	if c.next() != 0 || c.ids[0] != 9 {
		t.Fatal("insert before cur")
	}
}

func TestConnectRepairs(t *testing.T) {
	base, _, _ := testSet(t, dataset.Easy(8, 500, 1, 9), dataset.L2)
	g, err := Build(base, 8, Options{R: 8, L: 16})
	if err != nil {
		t.Fatal(err)
	}
	// Cut every edge into nodes 7 and 300 (and fill one list) by hand.
	for i := 0; i < g.Len(); i++ {
		o := i * g.r
		k := 0
		for _, x := range g.Neighbors(uint32(i)) {
			if x != 7 && x != 300 {
				g.adj[o+k] = x
				k++
			}
		}
		g.deg[i] = uint32(k)
	}
	g.connect(16)
	checkInvariants(t, g)
}
