package fusion

import (
	"math"
	"testing"
)

const (
	a = iota + 1
	b
	c
	d
)

func expect(t *testing.T, got, want []Hit) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i].ID != want[i].ID || math.Abs(got[i].Score-want[i].Score) > 1e-6 {
			t.Fatalf("at %d: got %v, want %v", i, got, want)
		}
	}
}

// TestRRFWorkedExample: dense [A B C], sparse [C D], K = 60, ranks from 1.
// A = 1/61, B = 1/62, C = 1/63 + 1/61, D = 1/62 (B and D tie: smaller id
// first).
func TestRRFWorkedExample(t *testing.T) {
	dense := []Hit{{a, 0.9}, {b, 0.8}, {c, 0.7}}
	sparse := []Hit{{c, 5}, {d, 1}}
	got := RRFFuse(dense, sparse, 10, nil)
	expect(t, got, []Hit{
		{c, 0.03226645}, // 1/63 + 1/61 = 0.015873016 + 0.016393443
		{a, 0.01639344},
		{b, 0.01612903},
		{d, 0.01612903},
	})
	// topK cuts after fusing; dst is appended to.
	got = Fuse(RRF, dense, sparse, 2, []Hit{{99, 1}})
	expect(t, got, []Hit{{99, 1}, {c, 0.03226645}, {a, 0.01639344}})
}

// TestDBSFWorkedExample: dense scores 0.9 0.8 0.7 have μ 0.8, σ 0.0816497
// (population), so [μ-3σ, μ+3σ] = [0.555051, 1.044949]; sparse scores 5, 1
// have μ 3, σ 2, range [-3, 9].
//
//	A = (0.9-0.555051)/0.489898 = 0.704124
//	B = 0.5
//	C = 0.295876 + (5+3)/12 = 0.295876 + 0.666667 = 0.962542
//	D = (1+3)/12 = 0.333333
func TestDBSFWorkedExample(t *testing.T) {
	dense := []Hit{{a, 0.9}, {b, 0.8}, {c, 0.7}}
	sparse := []Hit{{c, 5}, {d, 1}}
	got := Fuse(DBSF, dense, sparse, 10, nil)
	expect(t, got, []Hit{{c, 0.962542}, {a, 0.704124}, {b, 0.5}, {d, 0.333333}})
}

func TestEdgeCases(t *testing.T) {
	if got := RRFFuse(nil, nil, 5, nil); len(got) != 0 {
		t.Fatalf("empty lists: %v", got)
	}
	// A list without spread maps to DBSFFlat; the other list alone still
	// ranks.
	got := DBSFFuse([]Hit{{a, 0.3}}, []Hit{{b, 2}, {c, 2}}, 5, nil)
	expect(t, got, []Hit{{a, 0.5}, {b, 0.5}, {c, 0.5}})
	if got := DBSFFuse([]Hit{{a, 1}, {b, 0}}, nil, 0, nil); len(got) != 0 {
		t.Fatalf("k=0: %v", got)
	}
	got = DBSFFuse(nil, []Hit{{a, 1}, {b, 0}}, 1, nil)
	// μ 0.5, σ 0.5: range [-1, 2]; A = 2/3.
	expect(t, got, []Hit{{a, 2.0 / 3}})
}

func TestParse(t *testing.T) {
	for s, want := range map[string]Algorithm{"": RRF, "RRF": RRF, "DBSF": DBSF} {
		if got, err := ParseAlgorithm(s); err != nil || got != want {
			t.Errorf("ParseAlgorithm(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := ParseAlgorithm("rrf2"); err != ErrAlgorithm {
		t.Errorf("bad algorithm: %v", err)
	}
	for s, want := range map[string]Mode{"": Hybrid, "HYBRID": Hybrid, "DENSE": Dense, "SPARSE": Sparse} {
		if got, err := ParseMode(s); err != nil || got != want {
			t.Errorf("ParseMode(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := ParseMode("BOTH"); err != ErrMode {
		t.Errorf("bad mode: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "RRF", "DBSF", "HYBRID", "DENSE", "SPARSE", "rrf", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if alg, err := ParseAlgorithm(s); err == nil && alg != RRF && alg != DBSF {
			t.Fatalf("ParseAlgorithm(%q) = %d", s, alg)
		}
		if m, err := ParseMode(s); err == nil && m > Sparse {
			t.Fatalf("ParseMode(%q) = %d", s, m)
		}
	})
}

func BenchmarkFuse(b *testing.B) {
	dense := make([]Hit, 100)
	sparse := make([]Hit, 100)
	for i := range dense {
		dense[i] = Hit{uint32(i * 3), 1 - float64(i)/100}
		sparse[i] = Hit{uint32(i * 5), 10 - float64(i)/10}
	}
	dst := make([]Hit, 0, 200)
	b.ReportAllocs()
	for b.Loop() {
		dst = Fuse(DBSF, dense, sparse, 10, dst[:0])
	}
}
