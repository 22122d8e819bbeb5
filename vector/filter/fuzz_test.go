package filter

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// fuzzDocs are the documents filters are evaluated on in the fuzz targets.
var fuzzDocs = []string{specDoc, docsDoc, operatorDoc, `{}`, `{"a":[1,[2,[3]]],"b":{"c":"x"}}`}

// addFilterSeeds seeds a fuzz target with every filter of the tables.
func addFilterSeeds(f *testing.F) {
	for _, cs := range [][]matchCase{specCases, docsCases, operatorCases} {
		for _, c := range cs {
			f.Add(c.filter)
		}
	}
	for _, c := range errorCases {
		f.Add(c.filter)
	}
	f.Add(`q = 'it''s' AND r = "\u00e9\n" OR (HAS NOT FIELD x[#-1].y AND z NOT IN (1, -2.5e3, TRUE))`)
}

// FuzzParse: Parse never panics; it returns a filter or an error, a
// SyntaxError's offset lies inside the input, and a filter evaluates
// without panicking.
func FuzzParse(f *testing.F) {
	addFilterSeeds(f)
	var docs []Doc
	for _, js := range fuzzDocs {
		docs = append(docs, mustEncode(f, js))
	}
	f.Fuzz(func(t *testing.T, src string) {
		flt, err := Parse(src)
		if err != nil {
			if se, ok := err.(*SyntaxError); ok {
				if se.Offset < 0 || se.Offset > len(src) || se.Line < 1 || se.Col < 0 {
					t.Fatalf("bad error position %+v for %q", se, src)
				}
			} else if err != ErrEmpty || strings.TrimSpace(src) != "" {
				t.Fatalf("unexpected error %v for %q", err, src)
			}
			return
		}
		for _, d := range docs {
			flt.Match(d)
		}
	})
}

// FuzzRoundTrip: printing a parsed filter gives text that parses to a
// filter printing the same, and matching the same documents.
func FuzzRoundTrip(f *testing.F) {
	addFilterSeeds(f)
	var docs []Doc
	for _, js := range fuzzDocs {
		docs = append(docs, mustEncode(f, js))
	}
	f.Fuzz(func(t *testing.T, src string) {
		a, err := Parse(src)
		if err != nil {
			return
		}
		text := a.String()
		b, err := Parse(text)
		if err != nil {
			t.Fatalf("printed form %q of %q does not parse: %v", text, src, err)
		}
		if again := b.String(); again != text {
			t.Fatalf("print not stable: %q then %q", text, again)
		}
		for i, d := range docs {
			if a.Match(d) != b.Match(d) {
				t.Fatalf("%q and its print %q differ on doc %d", src, text, i)
			}
			if a.Match(d) != a.evalTree(d, a.root) {
				t.Fatalf("%q: compiled program and tree differ on doc %d", src, i)
			}
		}
	})
}

// FuzzEncode: Encode never panics; what it accepts validates and prints
// back to the same JSON value.
func FuzzEncode(f *testing.F) {
	for _, js := range fuzzDocs {
		f.Add([]byte(js))
	}
	f.Add([]byte(`{"a":1,"a":[true,false,null,"\u00e9",-1.5e-7]}`))
	f.Add([]byte(`[[[[]]]]`))
	f.Fuzz(func(t *testing.T, js []byte) {
		d, err := Encode(js)
		if err != nil {
			return
		}
		if err := Validate(d); err != nil {
			t.Fatalf("Encode(%q) does not validate: %v", js, err)
		}
		out, err := AppendJSON(nil, d)
		if err != nil {
			t.Fatalf("AppendJSON: %v", err)
		}
		var want, got any
		if json.Unmarshal(js, &want) != nil || json.Unmarshal(out, &got) != nil {
			t.Fatalf("JSON round trip failed: %q -> %q", js, out)
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("round trip changed value: %q -> %q", js, out)
		}
	})
}

// FuzzMatch: Match and Validate never panic on arbitrary bytes as a Doc.
func FuzzMatch(f *testing.F) {
	for _, js := range fuzzDocs {
		f.Add(`a[0] = 1 OR b.c GLOB '*' OR tags CONTAINS 'port' OR HAS NOT FIELD geo.coords.lng`, []byte(mustEncode(f, js)))
	}
	f.Fuzz(func(t *testing.T, src string, doc []byte) {
		flt, err := Parse(src)
		Validate(doc)
		AppendJSON(nil, doc)
		if err == nil {
			flt.Match(doc)
		}
	})
}
