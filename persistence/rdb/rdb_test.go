package rdb

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestChecksumVector(t *testing.T) {
	// The check value of CRC-64/Jones as Redis's crc64.c tests it.
	if got := Checksum(0, []byte("123456789")); got != 0xe9c6d914c4b8d9ca {
		t.Fatalf("crc64 = %#x", got)
	}
}

func strs(ss ...string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	long := strings.Repeat("x", 5000)
	many := make([]string, 0, 1200)
	for i := 0; i < 600; i++ {
		many = append(many, "f"+strconv.Itoa(i), strconv.Itoa(i*1000003-300000000))
	}
	ints := make([]string, 0, 600)
	for i := 0; i < 600; i++ {
		ints = append(ints, strconv.Itoa(i*7-100))
	}
	cases := []Value{
		{Kind: String, Str: []byte("")},
		{Kind: String, Str: []byte("hello")},
		{Kind: String, Str: []byte("-128")},
		{Kind: String, Str: []byte("32767")},
		{Kind: String, Str: []byte("-2147483648")},
		{Kind: String, Str: []byte("9223372036854775807")},
		{Kind: String, Str: []byte("007")},
		{Kind: String, Str: []byte(long)},
		{Kind: List, Elems: strs("a", "1", "-1", "127", "128", "-4096", "4095", "4096", "-32768", "8388607", "2147483648", "-9223372036854775808", long, "")},
		{Kind: List, Elems: strs(many...)},
		{Kind: Set, Elems: strs("-5", "1", "70000", "3000000000")},
		{Kind: Set, Elems: strs("a", "b", "1")},
		{Kind: Set, Elems: strs(ints...)},
		{Kind: Hash, Elems: strs("f", "v", "n", "12")},
		{Kind: Hash, Elems: strs(many...)},
		{Kind: Hash, Elems: strs("big", long)},
		{Kind: ZSet, Elems: strs("a", "b", "c", "d"), Scores: []float64{math.Inf(-1), -1.5, 0.1, math.Inf(1)}},
		{Kind: ZSet, Elems: strs(ints...), Scores: make([]float64, 600)},
	}
	for i := range cases[len(cases)-1].Scores {
		cases[len(cases)-1].Scores[i] = float64(i) / 3
	}
	for i, v := range cases {
		payload := AppendDump(nil, v)
		got, err := ParseDump(payload)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		want := v
		if v.Kind == Set {
			if _, ok := intsetBlob(v.Elems); ok {
				want = sortedInts(v)
			}
		}
		if !sameValue(got, want) {
			t.Errorf("case %d: got %+v, want %+v", i, short(got), short(want))
		}
		// Any corruption of the body or the footer is caught.
		bad := append([]byte(nil), payload...)
		bad[len(bad)/2] ^= 0x20
		if _, err := ParseDump(bad); err == nil {
			t.Errorf("case %d: corrupted payload accepted", i)
		}
	}
}

// sameValue compares values as Redis would see them: sorted set members in
// any order, nil and empty strings alike.
func sameValue(a, b Value) bool {
	if a.Kind != b.Kind || !bytes.Equal(a.Str, b.Str) || len(a.Elems) != len(b.Elems) {
		return false
	}
	if a.Kind == ZSet {
		scores := map[string]float64{}
		for i, m := range a.Elems {
			scores[string(m)] = a.Scores[i]
		}
		for i, m := range b.Elems {
			if f, ok := scores[string(m)]; !ok || f != b.Scores[i] {
				return false
			}
		}
		return true
	}
	for i := range a.Elems {
		if !bytes.Equal(a.Elems[i], b.Elems[i]) {
			return false
		}
	}
	return true
}

func sortedInts(v Value) Value {
	blob, _ := intsetBlob(v.Elems)
	elems, _ := parseIntset(blob)
	return Value{Kind: Set, Elems: elems}
}

func short(v Value) string {
	s := strconv.Itoa(int(v.Kind)) + ":" + strconv.Itoa(len(v.Str)) + ":" + strconv.Itoa(len(v.Elems))
	if len(v.Elems) > 0 {
		s += ":" + string(v.Elems[0]) + ".." + string(v.Elems[len(v.Elems)-1])
	}
	return s
}

func TestListpackEncodingMatchesRedis(t *testing.T) {
	// A listpack Redis 7.0 writes for the hash {f: v, n: 12, neg: -300}:
	// the header, 6-bit strings, a 7-bit integer and a 13-bit one, each
	// with its back length.
	want := []byte{
		0x1a, 0, 0, 0, 6, 0,
		0x81, 'f', 2, 0x81, 'v', 2,
		0x81, 'n', 2, 12, 1,
		0x83, 'n', 'e', 'g', 4, 0xde, 0xd4, 2,
		0xff,
	}
	got := appendListpack(nil, strs("f", "v", "n", "12", "neg", "-300"))
	if !bytes.Equal(got, want) {
		t.Fatalf("listpack\n got %x\nwant %x", got, want)
	}
	elems, err := parseListpack(got)
	if err != nil || !reflect.DeepEqual(elems, strs("f", "v", "n", "12", "neg", "-300")) {
		t.Fatalf("parse: %q %v", elems, err)
	}
}

// TestDumpMatchesRedis compares whole DUMP payloads with the ones
// redis-server 7.0.15 returns for the same small values.
func TestDumpMatchesRedis(t *testing.T) {
	cases := []struct {
		v    Value
		want string
	}{
		{Value{Kind: Hash, Elems: strs("f", "v", "n", "12", "neg", "-300")},
			"\x10\x1a\x1a\x00\x00\x00\x06\x00\x81f\x02\x81v\x02\x81n\x02\x0c\x01\x83neg\x04\xde\xd4\x02\xff\n\x00HC2 Wm\xdc\xdf"},
		{Value{Kind: List, Elems: strs("a", "1", "-1", "127", "128")},
			"\x12\x01\x02\x14\x14\x00\x00\x00\x05\x00\x81a\x02\x01\x01\xdf\xff\x02\x7f\x01\xc0\x80\x02\xff\n\x00!\x0e2\xb1\x9f=\x06\x02"},
		{Value{Kind: Set, Elems: strs("1", "70000", "-5")},
			"\x0b\x14\x04\x00\x00\x00\x03\x00\x00\x00\xfb\xff\xff\xff\x01\x00\x00\x00p\x11\x01\x00\n\x00\x86\xa0\xbb\xcf:\"\xed%"},
		{Value{Kind: ZSet, Elems: strs("a", "b"), Scores: []float64{1.5, 2}},
			"\x11\x14\x14\x00\x00\x00\x04\x00\x81a\x02\x831.5\x04\x81b\x02\x02\x01\xff\n\x00\xfa\x02\xb4%\xaf\x18\x87c"},
	}
	for i, c := range cases {
		if got := string(AppendDump(nil, c.v)); got != c.want {
			t.Errorf("case %d:\n got %q\nwant %q", i, got, c.want)
		}
		if v, err := ParseDump([]byte(c.want)); err != nil || !sameValue(v, sortedIfIntset(c.v)) {
			t.Errorf("case %d: parsing Redis's payload: %+v %v", i, short(v), err)
		}
	}
}

func sortedIfIntset(v Value) Value {
	if v.Kind == Set {
		return sortedInts(v)
	}
	return v
}

func TestZiplistAndZipmap(t *testing.T) {
	// A ziplist holding "ab", 5 (immediate), -2 (int8) and 70000 (int24).
	zl := []byte{0, 0, 0, 0, 0, 0, 0, 0, 4, 0,
		0x00, 0x02, 'a', 'b',
		0x04, 0xf6,
		0x02, 0xfe, 0xfe,
		0x03, 0xf0, 0x70, 0x11, 0x01,
		0xff}
	zl[0] = byte(len(zl))
	got, err := parseZiplist(zl)
	if err != nil || !reflect.DeepEqual(got, strs("ab", "5", "-2", "70000")) {
		t.Fatalf("ziplist: %q %v", got, err)
	}
	// A zipmap {k: vv} with one free byte after the value.
	zm := []byte{1, 1, 'k', 2, 1, 'v', 'v', 0, 0xff}
	got, err = parseZipmap(zm)
	if err != nil || !reflect.DeepEqual(got, strs("k", "vv")) {
		t.Fatalf("zipmap: %q %v", got, err)
	}
}

func TestLZF(t *testing.T) {
	// "aaaaaaaaaa" as liblzf compresses it: a literal 'a', then a back
	// reference of 9 bytes at distance 1.
	out, err := lzfDecompress([]byte{0x00, 'a', 0xe0, 0x00, 0x00}, 10)
	if err != nil || string(out) != "aaaaaaaaaa" {
		t.Fatalf("lzf: %q %v", out, err)
	}
	if _, err := lzfDecompress([]byte{0x20, 0x05}, 4); err == nil {
		t.Fatal("reference before the start accepted")
	}
}

// TestRedisCorpusParses decodes every payload redis-server 7.0 produced in
// the fuzz corpus (LZF-compressed strings and quicklist nodes, plain
// hashes, binary-score sorted sets, intsets and listpacks among them).
func TestRedisCorpusParses(t *testing.T) {
	files, _ := filepath.Glob("testdata/fuzz/FuzzParseDump/redis_*")
	if len(files) < 10 {
		t.Fatalf("corpus has %d Redis payloads", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		lit := strings.TrimSuffix(strings.TrimPrefix(lines[len(lines)-1], "[]byte("), ")")
		payload, err := strconv.Unquote(lit)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		v, err := ParseDump([]byte(payload))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if v.Kind != String && len(v.Elems) == 0 {
			t.Errorf("%s: no elements", f)
		}
	}
}
