package pq

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"path/filepath"
	"testing"

	"github.com/cespare/xxhash/v2"
)

// smallCodebook is a trained codebook small enough to corrupt byte by
// byte (dim 5, M 2: 20 + 4*256*5 + 8 bytes).
func smallCodebook(t testing.TB) *Codebook {
	data := clustered(400, 5, 3, 12)
	cb, err := Train(data, 5, TrainOptions{M: 2, Seed: 12})
	if err != nil {
		t.Fatal(err)
	}
	return cb
}

// reseal recomputes the checksum of a file form after an edit.
func reseal(b []byte) []byte {
	body := b[:len(b)-trailerSize]
	binary.LittleEndian.PutUint64(b[len(body):], xxhash.Sum64(body))
	return b
}

func TestFileRoundTrip(t *testing.T) {
	cb := smallCodebook(t)
	b := cb.AppendBinary([]byte("prefix"))[len("prefix"):]
	if len(b) != headerSize+4*Centroids*5+trailerSize {
		t.Fatalf("file is %d bytes", len(b))
	}
	got, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Dim() != 5 || got.M() != 2 || !bytes.Equal(got.AppendBinary(nil), b) {
		t.Fatal("parsed codebook differs from the original")
	}
	path := filepath.Join(t.TempDir(), "pq.bin")
	if err := cb.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	back, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	x := []float32{1, 2, 3, 4, 5}
	c1, c2 := make([]byte, 2), make([]byte, 2)
	cb.Encode(x, c1)
	back.Encode(x, c2)
	if !bytes.Equal(c1, c2) {
		t.Fatalf("reloaded codebook encodes %v as %v, original %v", x, c2, c1)
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Fatal("ReadFile of a missing file succeeded")
	}
}

func TestCorruptRefused(t *testing.T) {
	good := smallCodebook(t).AppendBinary(nil)
	for i := range good { // every single flipped bit position of one byte
		b := bytes.Clone(good)
		b[i] ^= 0x10
		if _, err := Parse(b); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("byte %d flipped: err %v, want ErrCorrupt", i, err)
		}
	}
	for _, n := range []int{0, 3, headerSize, headerSize + trailerSize, len(good) - 1} {
		if _, err := Parse(good[:n]); !errors.Is(err, ErrCorrupt) {
			t.Errorf("truncated to %d: err %v, want ErrCorrupt", n, err)
		}
	}
	if _, err := Parse(append(bytes.Clone(good), 0)); !errors.Is(err, ErrCorrupt) {
		t.Errorf("trailing byte: err %v, want ErrCorrupt", err)
	}
	edits := []struct {
		name string
		edit func(b []byte)
		want error
	}{
		{"version 2", func(b []byte) { binary.LittleEndian.PutUint16(b[4:], 2) }, ErrVersion},
		{"reserved set", func(b []byte) { binary.LittleEndian.PutUint16(b[6:], 1) }, ErrCorrupt},
		{"M above dim", func(b []byte) { binary.LittleEndian.PutUint32(b[12:], 6) }, ErrCorrupt},
		{"M zero", func(b []byte) { binary.LittleEndian.PutUint32(b[12:], 0) }, ErrCorrupt},
		{"k 16", func(b []byte) { binary.LittleEndian.PutUint32(b[16:], 16) }, ErrCorrupt},
		{"dim changed", func(b []byte) { binary.LittleEndian.PutUint32(b[8:], 4) }, ErrCorrupt},
		{"dim huge", func(b []byte) { binary.LittleEndian.PutUint32(b[8:], math.MaxUint32) }, ErrCorrupt},
		{"NaN centroid", func(b []byte) {
			binary.LittleEndian.PutUint32(b[headerSize+8:], math.Float32bits(float32(math.NaN())))
		}, ErrCorrupt},
		{"Inf centroid", func(b []byte) {
			binary.LittleEndian.PutUint32(b[headerSize:], math.Float32bits(float32(math.Inf(-1))))
		}, ErrCorrupt},
	}
	for _, e := range edits {
		b := bytes.Clone(good)
		e.edit(b)
		if _, err := Parse(reseal(b)); !errors.Is(err, e.want) {
			t.Errorf("%s (checksum recomputed): err %v, want %v", e.name, err, e.want)
		}
	}
}

// FuzzParse feeds arbitrary bytes to Parse: it must never panic, and a
// codebook it accepts must write back to exactly the same bytes.
func FuzzParse(f *testing.F) {
	good := smallCodebook(f).AppendBinary(nil)
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Add(good[:headerSize+trailerSize])
	f.Add([]byte("UDPQ"))
	f.Add([]byte{})
	bad := bytes.Clone(good)
	binary.LittleEndian.PutUint32(bad[12:], 9)
	f.Add(reseal(bad))
	f.Fuzz(func(t *testing.T, b []byte) {
		cb, err := Parse(b)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrVersion) {
				t.Fatalf("error %v is neither ErrCorrupt nor ErrVersion", err)
			}
			return
		}
		if !bytes.Equal(cb.AppendBinary(nil), b) {
			t.Fatal("accepted codebook does not write back to the same bytes")
		}
	})
}
