package diskann

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/updraftdb/updraft/diskann/dataset"
)

// mutableRecall searches every query and compares with exact search over
// the live vectors (live[id] true), returning recall@10.
func mutableRecall(t *testing.T, m *Mutable, base, q []float32, dim int, live []bool, l int) float64 {
	t.Helper()
	var ids []int32 // live ids, in order
	var vecs []float32
	for id, ok := range live {
		if ok {
			ids = append(ids, int32(id))
			vecs = append(vecs, base[id*dim:(id+1)*dim]...)
		}
	}
	gt, err := dataset.GroundTruth(vecs, q, dim, 10, dataset.L2)
	if err != nil {
		t.Fatal(err)
	}
	for i := range gt {
		gt[i] = ids[gt[i]]
	}
	got := make([]int32, 0, len(gt))
	var res []Result
	for i := 0; i < len(q)/dim; i++ {
		res, err = m.Search(res[:0], q[i*dim:(i+1)*dim], 10, l)
		if err != nil || len(res) != 10 {
			t.Fatalf("query %d: %d results, %v", i, len(res), err)
		}
		for _, r := range res {
			if !live[r.ID] {
				t.Fatalf("query %d returned deleted id %d", i, r.ID)
			}
			got = append(got, int32(r.ID))
		}
	}
	return dataset.Recall(got, 10, gt, 10, 10)
}

func TestMutableInsertSearch(t *testing.T) {
	const dim, n = 16, 2000
	base, q, err := dataset.Generate(dataset.Easy(dim, n, 100, 21))
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewMutable(dim, n, Options{R: 24, L: 48})
	if err != nil {
		t.Fatal(err)
	}
	if res, _ := m.Search(nil, q[:dim], 5, 0); len(res) != 0 {
		t.Fatal("empty index answered")
	}
	// Two inserters and a searcher at once; ids come back in a shared
	// order, so vectors are inserted by index and checked by id.
	live := make([]bool, n)
	idOf := make([]uint32, n)
	var wg sync.WaitGroup
	var next sync.Mutex
	cursor := 0
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				next.Lock()
				i := cursor
				cursor++
				next.Unlock()
				if i >= n {
					return
				}
				id, err := m.Insert(base[i*dim : (i+1)*dim])
				if err != nil {
					t.Error(err)
					return
				}
				idOf[i] = id
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 200; i++ {
			m.Search(nil, q[i%100*dim:][:dim], 10, 32)
		}
	}()
	wg.Wait()
	// Re-order the vectors by id for the ground truth.
	byID := make([]float32, n*dim)
	for i, id := range idOf {
		copy(byID[int(id)*dim:], base[i*dim:(i+1)*dim])
		live[id] = true
	}
	if _, err := m.Insert(base[:dim]); err != ErrFull {
		t.Fatalf("insert past capacity: %v", err)
	}
	if r := mutableRecall(t, m, byID, q, dim, live, 48); r < 0.95 {
		t.Fatalf("recall@10 %.3f", r)
	}
}

func TestMutableDeleteConsolidate(t *testing.T) {
	// A random sequence of inserts and deletes checked against a model of
	// the live set, then consolidation.
	const dim, n = 12, 1500
	base, q, err := dataset.Generate(dataset.Hard(dim, n, 60, 22))
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewMutable(dim, n, Options{R: 16, L: 40})
	if err != nil {
		t.Fatal(err)
	}
	live := make([]bool, n)
	r := rand.New(rand.NewPCG(1, 2))
	inserted := 0
	for inserted < n {
		if r.IntN(4) > 0 || inserted < 50 {
			id, err := m.Insert(base[inserted*dim : (inserted+1)*dim])
			if err != nil || int(id) != inserted {
				t.Fatalf("insert %d: id %d, %v", inserted, id, err)
			}
			live[id] = true
			inserted++
			continue
		}
		id := uint32(r.IntN(inserted))
		err := m.Delete(id)
		if live[id] != (err == nil) {
			t.Fatalf("delete %d (live %v): %v", id, live[id], err)
		}
		live[id] = false
	}
	if err := m.Delete(n + 5); err != ErrNotFound {
		t.Fatal(err)
	}
	before := mutableRecall(t, m, base, q, dim, live, 40)
	m.Consolidate()
	g := m.b.g
	for i := 0; i < n; i++ {
		nb := g.Neighbors(uint32(i))
		if len(nb) > g.r {
			t.Fatalf("node %d: degree %d", i, len(nb))
		}
		if !live[i] && i != 0 && len(nb) != 0 {
			t.Fatalf("deleted node %d keeps %d edges", i, len(nb))
		}
		for _, x := range nb {
			if !live[x] {
				t.Fatalf("node %d points at deleted %d after consolidation", i, x)
			}
		}
	}
	after := mutableRecall(t, m, base, q, dim, live, 40)
	t.Logf("%d deleted; recall@10 before consolidation %.3f, after %.3f", m.Deleted(), before, after)
	if after < 0.93 {
		t.Fatalf("recall after consolidation %.3f", after)
	}
}

func TestMutableBadInput(t *testing.T) {
	if _, err := NewMutable(4, 10, Options{Metric: InnerProduct}); err != ErrMetric {
		t.Fatal(err)
	}
	if _, err := NewMutable(0, 10, Options{}); err != ErrDimension {
		t.Fatal(err)
	}
	if _, err := NewMutable(4, 0, Options{}); err != ErrParams {
		t.Fatal(err)
	}
	m, _ := NewMutable(2, 4, Options{Metric: Cosine})
	if _, err := m.Insert([]float32{0, 0}); err != ErrZeroVector {
		t.Fatal(err)
	}
	if _, err := m.Insert([]float32{1}); err != ErrQueryLength {
		t.Fatal(err)
	}
	id, err := m.Insert([]float32{1, 1})
	if err != nil || id != 1 {
		t.Fatalf("%d %v", id, err)
	}
	res, err := m.Search(nil, []float32{2, 2}, 3, 0)
	if err != nil || len(res) != 1 || res[0].ID != 1 {
		t.Fatalf("%v %v", res, err)
	}
}
