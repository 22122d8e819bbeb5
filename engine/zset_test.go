package engine

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestZsetModel drives both encodings with random adds, updates and
// removes and checks order, ranks, scores and range starts against a
// sorted slice model.
func TestZsetModel(t *testing.T) {
	for _, maxEntries := range []int64{0, 16, 1 << 30} {
		rng := rand.New(rand.NewPCG(uint64(maxEntries), 7))
		z := newZset()
		model := map[string]float64{}
		for step := 0; step < 4000; step++ {
			m := []byte(fmt.Sprintf("m%d", rng.IntN(300)))
			switch rng.IntN(4) {
			case 0, 1:
				s := float64(rng.IntN(50)) / 2
				z.add(m, s, 0, maxEntries, 64)
				model[string(m)] = s
			case 2:
				if z.remove(m) != (func() bool { _, ok := model[string(m)]; return ok })() {
					t.Fatalf("remove %s disagrees", m)
				}
				delete(model, string(m))
			case 3:
				out, ns := z.add(m, 1, zaddIncr, maxEntries, 64)
				if out&zaddOutNaN != 0 {
					t.Fatal("NaN")
				}
				model[string(m)] += 1
				if ns != model[string(m)] {
					t.Fatalf("incr %s: %v want %v", m, ns, model[string(m)])
				}
			}
			if step%97 == 0 || step == 3999 {
				checkZset(t, z, model)
			}
		}
		if maxEntries == 0 && z.encodingName() != "skiplist" || maxEntries > 1000 && z.encodingName() != "listpack" {
			t.Fatalf("encoding %s with max %d", z.encodingName(), maxEntries)
		}
	}
}

func checkZset(t *testing.T, z *zset, model map[string]float64) {
	t.Helper()
	type ent struct {
		m string
		s float64
	}
	var want []ent
	for m, s := range model {
		want = append(want, ent{m, s})
	}
	slices.SortFunc(want, func(a, b ent) int {
		if a.s != b.s {
			if a.s < b.s {
				return -1
			}
			return 1
		}
		return bytes.Compare([]byte(a.m), []byte(b.m))
	})
	if z.card() != len(want) {
		t.Fatalf("card %d want %d", z.card(), len(want))
	}
	i := 0
	z.each(0, false, func(m []byte, s float64) bool {
		if string(m) != want[i].m || s != want[i].s {
			t.Fatalf("rank %d: %s %v want %s %v", i, m, s, want[i].m, want[i].s)
		}
		i++
		return true
	})
	for r, e := range want {
		got, s, ok := z.rank([]byte(e.m))
		if !ok || got != r || s != e.s {
			t.Fatalf("rank(%s) = %d %v %v want %d", e.m, got, s, ok, r)
		}
		if m, _ := z.at(r); string(m) != e.m {
			t.Fatalf("at(%d) = %s want %s", r, m, e.m)
		}
	}
	if len(want) > 0 {
		mid := want[len(want)/2].s
		r := zspec{score: zscoreRange{min: mid, max: mid + 3}}
		n := 0
		for _, e := range want {
			if e.s >= mid && e.s <= mid+3 {
				n++
			}
		}
		if got := z.countInRange(&r); got != n {
			t.Fatalf("count in [%v,%v] = %d want %d", mid, mid+3, got, n)
		}
		var rev []string
		z.eachInRange(&r, true, 0, -1, func(m []byte, _ float64) bool { rev = append(rev, string(m)); return true })
		if len(rev) != n {
			t.Fatalf("reverse range %d want %d", len(rev), n)
		}
	}
}
