package rdb

import (
	"bytes"
	"testing"
)

// FuzzFileReader feeds arbitrary files to the streaming reader: it must
// never panic nor allocate much beyond the input, and a file it accepts
// must survive being written again with the same records. The corpus in
// testdata/fuzz/FuzzFileReader holds files written by redis-server 7.0
// (every type and encoding, functions, expires, LZF) and by FileWriter.
func FuzzFileReader(f *testing.F) {
	f.Add(fileWith("0010", nil))
	f.Add(fileWith("0009", AppendEntry(AppendSelectDB(nil, 2), []byte("k"), Value{Kind: List, Elems: strs("a", "1")}, 1<<40)))
	f.Add(fileWith("0012", AppendEntry(nil, []byte("h"), Value{Kind: Hash, Elems: strs("f", "v"), TTLs: []int64{5}}, 0)))
	f.Fuzz(func(t *testing.T, b []byte) {
		entries, _, codes, err := readAll(bytes.NewReader(b))
		if err != nil {
			return
		}
		var out bytes.Buffer
		fw := NewFileWriter(&out, MaxVersion)
		fw.WriteFunctions(func() (cs [][]byte) {
			for _, c := range codes {
				cs = append(cs, []byte(c))
			}
			return cs
		}())
		var chunk []byte
		for _, e := range entries {
			chunk = fw.AppendEntry(AppendSelectDB(chunk, e.db), []byte(e.key), e.v, e.exp)
		}
		fw.WriteRaw(chunk)
		fw.Close()
		again, _, codes2, err := readAll(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("re-written file refused: %v", err)
		}
		if len(again) != len(entries) || len(codes2) != len(codes) {
			t.Fatalf("re-written file has %d entries, want %d", len(again), len(entries))
		}
		for i := range again {
			if again[i].key != entries[i].key || again[i].db != entries[i].db || again[i].exp != entries[i].exp ||
				again[i].v.Kind != entries[i].v.Kind {
				t.Fatalf("entry %d changed", i)
			}
		}
	})
}
