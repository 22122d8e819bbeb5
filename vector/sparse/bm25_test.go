package sparse

import (
	"math"
	"slices"
	"testing"
)

func TestPorterStem(t *testing.T) {
	cases := map[string]string{
		"caresses": "caress", "ponies": "poni", "ties": "ti", "caress": "caress",
		"cats": "cat", "feed": "feed", "agreed": "agre", "plastered": "plaster",
		"bled": "bled", "motoring": "motor", "sing": "sing", "hopping": "hop",
		"tanned": "tan", "falling": "fall", "hissing": "hiss", "fizzed": "fizz",
		"failing": "fail", "filing": "file", "happy": "happi", "sky": "sky",
		"relational": "relat", "generalizations": "gener", "oscillators": "oscil",
		"hopefulness": "hope", "goodness": "good", "adjustment": "adjust",
		"running": "run", "connection": "connect", "connected": "connect",
		"connecting": "connect", "provides": "provid", "embedding": "embed",
		"sparse": "spars", "models": "model", "adoption": "adopt",
		"controlling": "control", "is": "is", "naïve": "naïve", "x2y": "x2y",
	}
	for in, want := range cases {
		if got := string(stem([]byte(in))); got != want {
			t.Errorf("stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func ids(words ...string) []uint32 {
	var out []uint32
	for _, w := range words {
		out = append(out, TermID([]byte(w)))
	}
	return out
}

func TestTokenizer(t *testing.T) {
	var tz Tokenizer
	got := tz.AppendTerms(nil, "Hello, WORLD! Don't stop-believing;\tnaïve Café 東京 x2y THE "+
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \xff")
	want := ids("hello", "world", "stop", "believ", "naïve", "café", "東京", "x2y")
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for _, id := range got {
		if id > math.MaxInt32 {
			t.Fatalf("term id %d does not fit int32", id)
		}
	}
	if got := tz.AppendTerms(nil, "the and of , !"); len(got) != 0 {
		t.Fatalf("stop words and punctuation only: %v", got)
	}
}

// TestBM25HandComputed checks document weights and a full BM25 score
// (weights × IDF) against values computed by hand from
// f*(k1+1) / (f + k1*(1 - b + b*|D|/32)), k1 1.2, b 0.75.
func TestBM25HandComputed(t *testing.T) {
	e := NewEncoder()
	// 6 kept tokens, each once: 2.2 / (1 + 1.2*(0.25 + 0.75*6/32)) = 1.4978723
	v, n := e.Document(Vector{}, "Upstash Vector provides sparse embedding models.")
	if n != 6 || v.Len() != 6 {
		t.Fatalf("len %d, %d terms", n, v.Len())
	}
	wantIdx := ids("upstash", "vector", "provid", "spars", "embed", "model")
	slices.Sort(wantIdx)
	if !slices.Equal(v.Indices, wantIdx) {
		t.Fatalf("indices %v, want %v", v.Indices, wantIdx)
	}
	for _, w := range v.Values {
		if !close32(w, 1.4978723) {
			t.Fatalf("weight %v, want 1.4978723", w)
		}
	}
	x := New()
	docs := []string{"The cat, the cat and a dog.", "dog bird", "fish", "bird"}
	for i, d := range docs {
		v, _ := e.Document(Vector{}, d)
		if err := x.Upsert(uint32(i), v); err != nil {
			t.Fatal(err)
		}
	}
	// "cat" occurs twice in doc 0 (|D| = 3): 4.4 / (2 + 1.2*(0.25 + 0.75*3/32))
	// = 1.8453473; IDF with N 4, n 1 = ln(3.5/1.5) = 0.8472979; product
	// 1.5635588.
	q := e.Query(Vector{}, "Cats?")
	got, err := x.Search(q, 10, WeightIDF, nil, nil)
	if err != nil || len(got) != 1 || got[0].ID != 0 || !close32(got[0].Score, 1.5635588) {
		t.Fatalf("cat: %v %v", got, err)
	}
	got, _ = x.Search(e.Query(Vector{}, "cats"), 10, WeightNone, nil, nil)
	if len(got) != 1 || !close32(got[0].Score, 1.8453473) {
		t.Fatalf("cat without IDF: %v", got)
	}
	// "dog bird bird": query terms are distinct with value 1. dog: n 2 ->
	// IDF 0, bird: n 2 -> IDF 0, so every score is 0 (ties by id).
	got, _ = x.Search(e.Query(Vector{}, "dog bird bird"), 10, WeightIDF, nil, nil)
	if len(got) != 3 || got[0].ID != 0 || got[1].ID != 1 || got[2].ID != 3 || got[0].Score != 0 {
		t.Fatalf("dog bird: %v", got)
	}
	// Without IDF doc 1 (|D| 2, both terms once: 2 × 1.6221198) leads.
	got, _ = x.Search(e.Query(Vector{}, "dog bird"), 10, WeightNone, nil, nil)
	if got[0].ID != 1 || !close32(got[0].Score, 2*1.6221198) {
		t.Fatalf("dog bird without IDF: %v", got)
	}
}

func TestBM25LongDocumentKeepsHeaviest(t *testing.T) {
	e := NewEncoder()
	text := []byte("zeta zeta zeta ")
	for i := range 1500 {
		text = append(text, 'w')
		for n := i; ; n /= 26 {
			text = append(text, byte('a'+n%26))
			if n < 26 {
				break
			}
		}
		text = append(text, "q "...) // end every word in q, so stemming keeps them distinct
	}
	v, _ := e.Document(Vector{}, string(text))
	if v.Len() != MaxNonZero {
		t.Fatalf("%d terms, want %d", v.Len(), MaxNonZero)
	}
	if err := v.Normalize(); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(v.Indices, TermID([]byte("zeta"))) {
		t.Fatal("the most frequent term was dropped")
	}
}

func FuzzTokenizer(f *testing.F) {
	for _, s := range []string{"", "Hello, World!", "naïve café 東京", "\xff\xfe", "sses ies eed ing ational"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := NewEncoder()
		v, n := e.Document(Vector{}, s)
		if v.Len() > n || v.Len() > MaxNonZero {
			t.Fatalf("%d terms from %d tokens", v.Len(), n)
		}
		if err := v.Normalize(); err != nil {
			t.Fatal(err)
		}
		for _, w := range v.Values {
			if !(w > 0) {
				t.Fatalf("weight %v", w)
			}
		}
		q := e.Query(Vector{}, s)
		if err := q.Normalize(); err != nil {
			t.Fatal(err)
		}
	})
}
