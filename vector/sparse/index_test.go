package sparse

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// model is the brute-force reference: record id -> vector.
type model map[uint32]Vector

func randVector(r *rand.Rand, vocab, maxNNZ int) Vector {
	n := r.IntN(maxNNZ + 1)
	seen := map[uint32]bool{}
	var v Vector
	for len(v.Indices) < n {
		t := uint32(r.IntN(vocab))
		if r.IntN(4) == 0 { // a few very common terms, as in text
			t = uint32(r.IntN(8))
		}
		if seen[t] {
			continue
		}
		seen[t] = true
		v.Indices = append(v.Indices, t)
		v.Values = append(v.Values, float32(r.Float64()*2-0.5))
	}
	return v
}

func (m model) df(term uint32) int {
	n := 0
	for _, v := range m {
		if slices.Contains(v.Indices, term) {
			n++
		}
	}
	return n
}

// search is the exact answer in float64, sorted like Search.
func (m model) search(q Vector, k int, w Weighting) []Hit {
	idf := make([]float64, len(q.Indices))
	if w == WeightIDF {
		for i, t := range q.Indices {
			idf[i] = IDF(len(m), m.df(t))
		}
	}
	var out []Hit
	for id, v := range m {
		var s float64
		match := false
		for i, t := range q.Indices {
			j := slices.Index(v.Indices, t)
			if j < 0 {
				continue
			}
			match = true
			qw := float64(q.Values[i])
			if w == WeightIDF {
				qw *= idf[i]
			}
			s += qw * float64(v.Values[j])
		}
		if match {
			out = append(out, Hit{ID: id, Score: float32(s)})
		}
	}
	slices.SortFunc(out, func(a, b Hit) int {
		if worse(a, b) {
			return 1
		}
		if worse(b, a) {
			return -1
		}
		return 0
	})
	if len(out) > k {
		out = out[:k]
	}
	return out
}

func close32(a, b float32) bool {
	return math.Abs(float64(a)-float64(b)) <= 1e-4*(1+math.Abs(float64(b)))
}

func checkAgainstModel(t *testing.T, x *Index, m model, r *rand.Rand, vocab int) {
	t.Helper()
	if x.Len() != len(m) {
		t.Fatalf("Len = %d, model has %d", x.Len(), len(m))
	}
	for term := uint32(0); term < 8; term++ {
		if got, want := x.DF(term), m.df(term); got != want {
			t.Fatalf("DF(%d) = %d, want %d", term, got, want)
		}
	}
	for range 40 {
		q := randVector(r, vocab, 6)
		k := 1 + r.IntN(20)
		for _, w := range []Weighting{WeightNone, WeightIDF} {
			exact := m.search(q, len(m), w)
			want := exact[:min(k, len(exact))]
			got, err := x.Search(Vector{Indices: slices.Clone(q.Indices), Values: slices.Clone(q.Values)}, k, w, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("w=%d k=%d: %d hits, want %d", w, k, len(got), len(want))
			}
			for i := range got {
				if !close32(got[i].Score, want[i].Score) {
					t.Fatalf("w=%d hit %d score %v, want %v", w, i, got[i].Score, want[i].Score)
				}
				j := slices.IndexFunc(exact, func(h Hit) bool { return h.ID == got[i].ID })
				if j < 0 || !close32(got[i].Score, exact[j].Score) {
					t.Fatalf("hit %d: id %d reported %v, true score differs", i, got[i].ID, got[i].Score)
				}
			}
		}
	}
}

func TestSearchMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const vocab = 300
	x, m := New(), model{}
	for id := range uint32(1500) {
		v := randVector(r, vocab, 12)
		m[id] = Vector{Indices: slices.Clone(v.Indices), Values: slices.Clone(v.Values)}
		if err := x.Upsert(id, v); err != nil {
			t.Fatal(err)
		}
	}
	checkAgainstModel(t, x, m, r, vocab)
	// Churn: updates, deletes, re-inserts of deleted ids.
	for range 4000 {
		id := uint32(r.IntN(2000))
		switch r.IntN(3) {
		case 0:
			_, had := m[id]
			if x.Delete(id) != had {
				t.Fatalf("Delete(%d) disagreed with model", id)
			}
			delete(m, id)
		default:
			v := randVector(r, vocab, 12)
			m[id] = Vector{Indices: slices.Clone(v.Indices), Values: slices.Clone(v.Values)}
			if err := x.Upsert(id, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	checkAgainstModel(t, x, m, r, vocab)
	x.Compact()
	if x.garbage != 0 || len(x.slots) != len(m) {
		t.Fatalf("after Compact: garbage %d, slots %d, live %d", x.garbage, len(x.slots), len(m))
	}
	checkAgainstModel(t, x, m, r, vocab)
	for id, want := range m {
		got, ok := x.Get(id, Vector{})
		if !ok || !slices.Equal(got.Indices, sortedCopy(want).Indices) {
			t.Fatalf("Get(%d) = %v %v, want %v", id, got, ok, want)
		}
	}
}

func sortedCopy(v Vector) Vector {
	c := Vector{Indices: slices.Clone(v.Indices), Values: slices.Clone(v.Values)}
	if err := c.Normalize(); err != nil {
		panic(err)
	}
	return c
}

func TestAutoCompactionKeepsResults(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	x, m := New(), model{}
	// Rewriting the same 200 records many times produces far more garbage
	// than live data, so maybeCompact must fire.
	compactions := 0
	for i := range 30000 {
		id := uint32(i % 200)
		v := randVector(r, 100, 8)
		m[id] = Vector{Indices: slices.Clone(v.Indices), Values: slices.Clone(v.Values)}
		before := len(x.postSlot)
		if err := x.Upsert(id, v); err != nil {
			t.Fatal(err)
		}
		if len(x.postSlot) < before {
			compactions++
		}
	}
	if compactions == 0 {
		t.Fatal("garbage never triggered a compaction")
	}
	checkAgainstModel(t, x, m, r, 100)
}

func TestSearchFilterAndTies(t *testing.T) {
	x := New()
	for id := range uint32(10) {
		if err := x.Upsert(id, Vector{Indices: []uint32{7}, Values: []float32{1}}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := x.Search(Vector{Indices: []uint32{7}, Values: []float32{2}}, 3, WeightNone,
		func(rec uint32) bool { return rec%2 == 1 }, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Hit{{1, 2}, {3, 2}, {5, 2}}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if got, _ := x.Search(Vector{Indices: []uint32{8}, Values: []float32{1}}, 3, WeightNone, nil, nil); len(got) != 0 {
		t.Fatalf("no shared index must give no hits, got %v", got)
	}
}

func TestVectorValidation(t *testing.T) {
	x := New()
	cases := []struct {
		v    Vector
		want error
	}{
		{Vector{Indices: []uint32{1, 2}, Values: []float32{1}}, ErrLength},
		{Vector{Indices: []uint32{3, 1, 3}, Values: []float32{1, 2, 3}}, ErrDuplicate},
		{Vector{Indices: []uint32{1}, Values: []float32{float32(math.NaN())}}, ErrNotFinite},
		{Vector{Indices: make([]uint32, MaxNonZero+1), Values: make([]float32, MaxNonZero+1)}, ErrTooMany},
	}
	for i, c := range cases {
		if err := x.Upsert(1, c.v); err != c.want {
			t.Errorf("case %d: err %v, want %v", i, err, c.want)
		}
	}
	if x.Len() != 0 {
		t.Fatal("a refused vector was stored")
	}
	if _, err := FromInt32(Vector{}, []int32{4, -1}, []float32{1, 1}); err != ErrNegativeIndex {
		t.Fatalf("negative index: %v", err)
	}
	v, err := FromInt32(Vector{}, []int32{9, 2, 5}, []float32{0.9, 0.2, 0.5})
	if err != nil || !slices.Equal(v.Indices, []uint32{2, 5, 9}) || !slices.Equal(v.Values, []float32{0.2, 0.5, 0.9}) {
		t.Fatalf("FromInt32 sorted wrongly: %v %v", v, err)
	}
}

// TestIDFHandComputed checks IDF against values worked out by hand and the
// IDF-weighted score of a tiny collection.
func TestIDFHandComputed(t *testing.T) {
	// N=4, n=1: ln(3.5/1.5) = 0.8472978603872037
	if got := IDF(4, 1); math.Abs(got-0.8472978603872037) > 1e-12 {
		t.Fatalf("IDF(4,1) = %v", got)
	}
	// N=4, n=2: ln(2.5/2.5) = 0; N=4, n=3: ln(1.5/3.5) = -0.8472978603872037
	if IDF(4, 2) != 0 || math.Abs(IDF(4, 3)+0.8472978603872037) > 1e-12 {
		t.Fatalf("IDF(4,2)=%v IDF(4,3)=%v", IDF(4, 2), IDF(4, 3))
	}
	x := New()
	docs := []Vector{
		{Indices: []uint32{1, 2}, Values: []float32{1, 1}},
		{Indices: []uint32{2}, Values: []float32{2}},
		{Indices: []uint32{2, 3}, Values: []float32{1, 1}},
		{Indices: []uint32{3}, Values: []float32{1}},
	}
	for i, d := range docs {
		if err := x.Upsert(uint32(i), d); err != nil {
			t.Fatal(err)
		}
	}
	// term 1: n=1 -> 0.8473; term 2: n=3 -> -0.8473. Query {1:1, 2:1}:
	// doc0 = 0.8473 - 0.8473 = 0, doc1 = -1.6946, doc2 = -0.8473.
	got, err := x.Search(Vector{Indices: []uint32{1, 2}, Values: []float32{1, 1}}, 10, WeightIDF, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Hit{{0, 0}, {2, -0.84729785}, {1, -1.6945957}}
	if len(got) != 3 {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i].ID != want[i].ID || !close32(got[i].Score, want[i].Score) {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	// Deleting doc1 changes N and n(2): N=3, n(2)=2 -> ln(1.5/2.5).
	x.Delete(1)
	got, _ = x.Search(Vector{Indices: []uint32{2}, Values: []float32{1}}, 10, WeightIDF, nil, nil)
	w := float32(math.Log(1.5 / 2.5))
	if len(got) != 2 || !close32(got[0].Score, w) || !close32(got[1].Score, w) {
		t.Fatalf("after delete got %v, want two hits of %v", got, w)
	}
}
