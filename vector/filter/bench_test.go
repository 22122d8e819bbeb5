package filter

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// benchArena packs n generated records into one byte arena (as a
// metadata store would) and returns it with each record's offsets.
func benchArena(tb testing.TB, n int) (arena []byte, offs []int) {
	rng := rand.New(rand.NewPCG(1, 2))
	cities := []string{"Istanbul", "Ankara", "Berlin", "Paris", "Lagos", "Lima", "Osaka", "Austin"}
	tags := []string{"port", "old", "capital", "coastal", "hub", "new"}
	offs = make([]int, 0, n+1)
	for i := 0; i < n; i++ {
		js := `{"id":` + strconv.Itoa(i) +
			`,"city":"` + cities[rng.IntN(len(cities))] +
			`","population":` + strconv.Itoa(rng.IntN(20_000_000)) +
			`,"is_capital":` + strconv.FormatBool(rng.IntN(4) == 0) +
			`,"geo":{"continent":"` + []string{"Asia", "Europe", "Africa", "America"}[rng.IntN(4)] +
			`","coords":{"lat":` + strconv.FormatFloat(rng.Float64()*180-90, 'f', 4, 64) + `}}` +
			`,"tags":["` + tags[rng.IntN(len(tags))] + `","` + tags[rng.IntN(len(tags))] + `"]}`
		offs = append(offs, len(arena))
		var err error
		if arena, err = AppendEncode(arena, []byte(js)); err != nil {
			tb.Fatal(err)
		}
	}
	return arena, append(offs, len(arena))
}

// benchFilter is a typical filter: a range, an equality on a nested
// field, a CONTAINS and an IN, mixing AND and OR.
const benchFilter = `population >= 1000000 AND geo.continent = 'Asia' AND (tags CONTAINS 'port' OR city IN ('Istanbul', 'Osaka'))`

// BenchmarkMatch100k evaluates benchFilter over 100 000 records per op;
// it reports ns/record and must report 0 allocs/op.
func BenchmarkMatch100k(b *testing.B) {
	const n = 100_000
	arena, offs := benchArena(b, n)
	f, err := Parse(benchFilter)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	matched := 0
	for b.Loop() {
		matched = 0
		for i := 0; i < n; i++ {
			if f.Match(Doc(arena[offs[i]:offs[i+1]])) {
				matched++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/record")
	b.ReportMetric(float64(len(arena))/n, "bytes/record")
	b.ReportMetric(float64(matched)/n, "selectivity")
}

// BenchmarkParse measures parsing and compiling benchFilter.
func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(benchFilter); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMatchAllocs pins the zero-allocation promise of Match.
func TestMatchAllocs(t *testing.T) {
	arena, offs := benchArena(t, 200)
	f, err := Parse(benchFilter + ` OR city GLOB '*an*' OR tags[#-1] NOT IN ('x', 'y') OR HAS NOT FIELD a.b`)
	if err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(10, func() {
		for i := 0; i+1 < len(offs); i++ {
			f.Match(Doc(arena[offs[i]:offs[i+1]]))
		}
	})
	if allocs != 0 {
		t.Fatalf("Match allocates %.1f times per 200 records", allocs)
	}
}
