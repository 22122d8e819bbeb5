package sparse

import (
	"math/rand/v2"
	"sync"
	"testing"
)

// TestConcurrentSearchAndWrites runs searches (each with its pooled
// scratch) while a writer upserts, deletes and compacts; run with -race.
func TestConcurrentSearchAndWrites(t *testing.T) {
	x := New()
	r := rand.New(rand.NewPCG(5, 5))
	for id := range uint32(500) {
		_ = x.Upsert(id, randVector(r, 100, 8))
	}
	var wg sync.WaitGroup
	for g := range 3 {
		wg.Go(func() {
			rr := rand.New(rand.NewPCG(uint64(g), 1))
			for range 300 {
				hits, err := x.Search(randVector(rr, 100, 4), 5, WeightIDF, nil, nil)
				if err != nil || len(hits) > 5 {
					t.Errorf("search: %v %v", hits, err)
					return
				}
			}
		})
	}
	for i := range 2000 {
		id := uint32(r.IntN(800))
		if i%3 == 0 {
			x.Delete(id)
		} else {
			_ = x.Upsert(id, randVector(r, 100, 8))
		}
		if i%500 == 0 {
			x.Compact()
		}
	}
	wg.Wait()
}
