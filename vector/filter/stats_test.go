package filter

import (
	"math"
	"testing"
)

// TestSelectivity compares estimates with the true match fraction on 4000
// generated records (independent fields, see benchArena).
func TestSelectivity(t *testing.T) {
	const n = 4000
	arena, offs := benchArena(t, n)
	docs := make([]Doc, n)
	st := NewStats()
	for i := range docs {
		docs[i] = Doc(arena[offs[i]:offs[i+1]])
		st.Add(docs[i])
	}
	cases := []struct {
		filter string
		tol    float64 // allowed absolute error
	}{
		// Low-cardinality fields: tracked exactly.
		{`city = 'Berlin'`, 1e-9},
		{`city != 'Berlin'`, 1e-9},
		{`city IN ('Berlin', 'Paris', 'Nowhere')`, 1e-9},
		{`city NOT IN ('Berlin', 'Paris')`, 1e-9},
		{`city GLOB '*a*'`, 1e-9},
		{`city NOT GLOB 'A*'`, 1e-9},
		{`is_capital = true`, 1e-9},
		{`is_capital = 1`, 1e-9},
		{`is_capital = 0`, 1e-9},
		{`geo.continent = 'Asia'`, 1e-9},
		{`city = 'Nowhere'`, 1e-9},
		{`HAS FIELD geo.coords.lat`, 1e-9},
		{`HAS NOT FIELD geo.coords.lat`, 1e-9},
		{`HAS FIELD nope`, 1e-9},
		{`HAS NOT FIELD nope`, 1e-9},
		{`nope = 1`, 1e-9},
		// High-cardinality numbers: even spread between min and max.
		{`population < 2000000`, 0.02},
		{`population >= 15000000`, 0.02},
		{`geo.coords.lat > 45`, 0.02},
		// Arrays: CONTAINS counts occurrences (two tags per record, which
		// may repeat), indexing through "[]".
		{`tags CONTAINS 'port'`, 0.04},
		{`tags NOT CONTAINS 'port'`, 0.04},
		{`tags[0] = 'hub'`, 0.1},
		// Combinations of independent fields.
		{`city = 'Berlin' AND geo.continent = 'Asia'`, 0.01},
		{`city = 'Berlin' OR is_capital = true`, 0.02},
		{benchFilter, 0.03},
		{`population < 1000000 AND (city GLOB 'L*' OR geo.continent IN ('Africa', 'Europe'))`, 0.02},
	}
	for _, c := range cases {
		f, err := Parse(c.filter)
		if err != nil {
			t.Fatal(err)
		}
		actual := 0
		for _, d := range docs {
			if f.Match(d) {
				actual++
			}
		}
		want := float64(actual) / n
		got := f.Selectivity(st)
		t.Logf("%-60s estimate %.4f actual %.4f", c.filter, got, want)
		if math.Abs(got-want) > c.tol {
			t.Errorf("%s: estimate %.4f, actual %.4f (tolerance %g)", c.filter, got, want, c.tol)
		}
	}
}

// TestStatsOverflowAndRemove: untracked values past MaxTrackedValues get
// a small estimate, and removing every record empties the counts.
func TestStatsOverflowAndRemove(t *testing.T) {
	st := NewStats()
	var docs []Doc
	for i := 0; i < 1000; i++ {
		d := mustEncode(t, `{"id":"u`+itoa(i)+`","k":`+itoa(i%3)+`,"arr":[`+itoa(i%5)+`]}`)
		docs = append(docs, d)
		st.Add(d)
	}
	fs := st.Field("id")
	if fs == nil || len(fs.Values) != MaxTrackedValues || fs.Untracked != 1000-MaxTrackedValues {
		t.Fatalf("id stats: %+v", fs)
	}
	f, _ := Parse(`id = 'u999'`) // untracked: about 1/1000
	if got := f.Selectivity(st); got <= 0 || got > 0.01 {
		t.Errorf("untracked equality estimate %g", got)
	}
	f, _ = Parse(`id = 'u5'`) // tracked: exact
	if got := f.Selectivity(st); math.Abs(got-0.001) > 1e-12 {
		t.Errorf("tracked equality estimate %g", got)
	}
	f, _ = Parse(`k >= 1`) // 3 values, tracked: exact 2/3 (667/1000)
	if got := f.Selectivity(st); math.Abs(got-0.666) > 1e-9 {
		t.Errorf("tracked range estimate %g", got)
	}
	f, _ = Parse(`arr CONTAINS 4`)
	if got := f.Selectivity(st); math.Abs(got-0.2) > 1e-9 {
		t.Errorf("contains estimate %g", got)
	}
	for _, d := range docs {
		st.Remove(d)
	}
	if st.Records != 0 || st.Field("k").Present != 0 || len(st.Field("k").Values) != 0 || st.Field("arr[]").Present != 0 {
		t.Fatalf("stats not empty after removing all: %+v %+v", st.Field("k"), st.Field("arr[]"))
	}
	if got := f.Selectivity(st); got != 1 {
		t.Errorf("no records: estimate %g, want 1", got)
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}
