package sparse

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"
)

func sampleIndex(t testing.TB, docs int, seed uint64) (*Index, model) {
	r := rand.New(rand.NewPCG(seed, 7))
	x, m := New(), model{}
	for id := range uint32(docs) {
		v := randVector(r, 200, 10)
		m[id] = Vector{Indices: slices.Clone(v.Indices), Values: slices.Clone(v.Values)}
		if err := x.Upsert(id, v); err != nil {
			t.Fatal(err)
		}
	}
	for id := uint32(0); id < uint32(docs); id += 3 {
		x.Delete(id)
		delete(m, id)
	}
	return x, m
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	x, m := sampleIndex(t, 600, 1)
	snap := x.AppendEncode([]byte("prefix"))
	if !bytes.HasPrefix(snap, []byte("prefix")) {
		t.Fatal("AppendEncode must append")
	}
	y, err := Decode(snap[len("prefix"):])
	if err != nil {
		t.Fatal(err)
	}
	checkAgainstModel(t, y, m, rand.New(rand.NewPCG(9, 9)), 200)
	// Re-encoding the decoded index gives the same bytes.
	if again := y.AppendEncode(nil); !bytes.Equal(again, snap[len("prefix"):]) {
		t.Fatal("encode(decode(s)) != s")
	}
	empty, err := Decode(New().AppendEncode(nil))
	if err != nil || empty.Len() != 0 {
		t.Fatalf("empty index: %v %v", empty, err)
	}
}

// reseal recomputes the checksum so a test can reach the checks behind it.
func reseal(b []byte) []byte {
	body := b[:len(b)-codecChecksum]
	return binary.LittleEndian.AppendUint64(slices.Clone(body), xxhashSum(body))
}

func TestDecodeRefusesCorruption(t *testing.T) {
	x, _ := sampleIndex(t, 50, 2)
	snap := x.AppendEncode(nil)
	// Every single-bit flip and every truncation must be refused.
	for i := range len(snap) * 8 {
		c := slices.Clone(snap)
		c[i/8] ^= 1 << (i % 8)
		if _, err := Decode(c); err == nil {
			t.Fatalf("bit flip at %d accepted", i)
		}
	}
	for n := range len(snap) {
		if _, err := Decode(snap[:n]); err == nil {
			t.Fatalf("truncation to %d bytes accepted", n)
		}
	}
	if _, err := Decode(append(slices.Clone(snap), 0)); err == nil {
		t.Fatal("trailing byte accepted")
	}
	// Structurally invalid content with a valid checksum.
	bad := slices.Clone(snap)
	binary.LittleEndian.PutUint32(bad[8:], 2)
	if _, err := Decode(reseal(bad)); err != ErrVersion {
		t.Fatalf("version 2: %v", err)
	}
	bad = slices.Clone(snap)
	binary.LittleEndian.PutUint32(bad[12:], 1<<30) // docs far beyond the data
	if _, err := Decode(reseal(bad)); err != ErrCorrupt {
		t.Fatalf("huge doc count: %v", err)
	}
	// Two documents with the same record id.
	y := New()
	_ = y.Upsert(5, Vector{Indices: []uint32{1}, Values: []float32{1}})
	_ = y.Upsert(6, Vector{Indices: []uint32{2}, Values: []float32{1}})
	dup := y.AppendEncode(nil)
	off := codecHeader + 8 + 8 // second document's rec
	binary.LittleEndian.PutUint32(dup[off:], 5)
	if _, err := Decode(reseal(dup)); err != ErrCorrupt {
		t.Fatalf("duplicate record id: %v", err)
	}
	// Unsorted indices inside a document.
	z := New()
	_ = z.Upsert(1, Vector{Indices: []uint32{1, 2}, Values: []float32{1, 1}})
	uns := z.AppendEncode(nil)
	binary.LittleEndian.PutUint32(uns[codecHeader+8:], 3)
	if _, err := Decode(reseal(uns)); err != ErrCorrupt {
		t.Fatalf("unsorted indices: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte(codecMagic))
	f.Add(New().AppendEncode(nil))
	y := New()
	_ = y.Upsert(1, Vector{Indices: []uint32{3, 9}, Values: []float32{0.5, -1}})
	_ = y.Upsert(2, Vector{Indices: []uint32{9}, Values: []float32{2}})
	f.Add(y.AppendEncode(nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		x, err := Decode(b)
		if err != nil {
			return
		}
		// Whatever decodes must be a working index that re-encodes to the
		// same bytes and answers queries.
		if again := x.AppendEncode(nil); !bytes.Equal(again, b) {
			t.Fatalf("re-encode differs")
		}
		if _, err := x.Search(Vector{Indices: []uint32{9, 3}, Values: []float32{1, 1}}, 5, WeightIDF, nil, nil); err != nil {
			t.Fatal(err)
		}
	})
}
