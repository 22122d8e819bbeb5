package filter

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func TestEncodeRoundTrip(t *testing.T) {
	for _, js := range []string{
		`{}`, `{"a":1}`, `[]`, `null`, `"x"`, `true`, `-0.5`, specDoc, docsDoc,
		`{"b":1,"a":{"d":[1,2,{"e":null}],"c":"é\u0000\n"},"":""}`,
		`{"a":1,"a":2}`, // duplicate keys: last wins
		`{"long":"` + string(make([]byte, 300)) + `"}`,
	} {
		var want any
		if err := json.Unmarshal([]byte(js), &want); err != nil {
			// make([]byte) holds NULs, which JSON strings cannot: skip
			// the check of invalid input here, FuzzEncode covers errors.
			continue
		}
		d, err := Encode([]byte(js))
		if err != nil {
			t.Fatalf("Encode(%s): %v", js, err)
		}
		if err := Validate(d); err != nil {
			t.Fatalf("Validate(Encode(%s)): %v", js, err)
		}
		out, err := AppendJSON(nil, d)
		if err != nil {
			t.Fatalf("AppendJSON: %v", err)
		}
		var got any
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("AppendJSON gave bad JSON %s: %v", out, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip of %s gave %s", js, out)
		}
	}
}

func TestEncodeErrors(t *testing.T) {
	for _, js := range []string{``, `{`, `{"a":}`, `{"a":1e999}`, `[1,]`, `{"a":1}x`} {
		if _, err := Encode([]byte(js)); !errors.Is(err, ErrBadDoc) {
			t.Errorf("Encode(%q) = %v, want ErrBadDoc", js, err)
		}
	}
	if _, err := AppendValue(nil, map[string]any{"a": struct{}{}}); !errors.Is(err, ErrBadDoc) {
		t.Errorf("unsupported type: %v", err)
	}
	if d, err := AppendValue(nil, map[string]any{"n": json.Number("12")}); err != nil || number(d, member(d, 0, "n")) != 12 {
		t.Errorf("json.Number: %v", err)
	}
}

// TestMalformedDocs feeds truncated and corrupted docs to Match and
// Validate: no panics, and Validate rejects them.
func TestMalformedDocs(t *testing.T) {
	d := mustEncode(t, docsDoc)
	f, err := Parse(`economy.major_industries CONTAINS 'Finance' OR city GLOB 'I*' OR HAS FIELD geography.coordinates.latitude OR economy.major_industries[#-1] = 'x' OR population > 1`)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Match(d) {
		t.Fatal("intact doc must match")
	}
	for n := 0; n < len(d); n++ {
		trunc := d[:n]
		if Validate(trunc) == nil {
			t.Fatalf("Validate accepted a doc truncated to %d bytes", n)
		}
		f.Match(trunc)
	}
	for i := 0; i < len(d); i++ {
		c := append(Doc(nil), d...)
		c[i] ^= 0xff
		f.Match(c) // must not panic
		AppendJSON(nil, c)
	}
}
