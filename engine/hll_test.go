package engine

import (
	"bytes"
	"math"
	"strconv"
	"testing"
)

// TestHLLKnownBytes checks the representation against bytes redis-server
// 7.0.15 produced for PFADD h a b c foo bar (before and after PFCOUNT).
func TestHLLKnownBytes(t *testing.T) {
	s := appendNewHLL(nil)
	for _, e := range []string{"a", "b", "c", "foo", "bar"} {
		var ret int
		s, ret = hllAdd(s, []byte(e), 3000)
		if ret != 1 {
			t.Fatalf("add %q: %d", e, ret)
		}
	}
	hllInvalidateCache(s)
	want := "HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\\\xb3\x90D>\x80F!\x80J\x8e\x84K\xfb\x80BZ"
	if string(s) != want {
		t.Fatalf("got %q\nwant %q", s, want)
	}
	card, invalid := hllCount(s, false)
	if invalid || card != 5 {
		t.Fatalf("count = %d, %v", card, invalid)
	}
}

// TestHLLDenseRegisters round-trips every register through the 6-bit
// packing.
func TestHLLDenseRegisters(t *testing.T) {
	regs := make([]byte, hllDenseSize-hllHdrSize)
	for i := 0; i < hllRegisters; i++ {
		hllDenseSetReg(regs, i, uint8((i*7+3)&hllRegMax))
	}
	for i := 0; i < hllRegisters; i++ {
		if got, want := hllDenseGet(regs, i), uint8((i*7+3)&hllRegMax); got != want {
			t.Fatalf("register %d = %d, want %d", i, got, want)
		}
	}
}

// TestHLLSparseMatchesDense adds the same elements to a sparse HLL (never
// promoted) and a dense one: converting the sparse one must give the dense
// registers, and both estimates must agree and be close to the truth.
func TestHLLSparseMatchesDense(t *testing.T) {
	sparse := appendNewHLL(nil)
	dense, _ := hllSparseToDense(appendNewHLL(nil))
	for i := 0; i < 3000; i++ {
		e := strconv.AppendInt([]byte("ele:"), int64(i), 10)
		var r1, r2 int
		sparse, r1 = hllAdd(sparse, e, 1<<20)
		dense, r2 = hllAdd(dense, e, 1<<20)
		if r1 != r2 {
			t.Fatalf("element %d: sparse %d, dense %d", i, r1, r2)
		}
	}
	if sparse[4] != hllSparse {
		t.Fatal("sparse HLL was promoted")
	}
	conv, ok := hllSparseToDense(sparse)
	if !ok || !bytes.Equal(conv[hllHdrSize:], dense[hllHdrSize:]) {
		t.Fatal("sparse registers differ from dense ones")
	}
	c1, _ := hllCount(sparse, false)
	c2, _ := hllCount(dense, false)
	if c1 != c2 || math.Abs(float64(c1)-3000) > 3000*0.05 {
		t.Fatalf("sparse %d, dense %d, want about 3000", c1, c2)
	}
}

// TestHLLPromotion checks that a sparse HLL turns dense at maxBytes.
func TestHLLPromotion(t *testing.T) {
	s := appendNewHLL(nil)
	for i := 0; s[4] == hllSparse; i++ {
		if len(s) > 100 {
			t.Fatalf("sparse HLL of %d bytes past the 100-byte limit", len(s))
		}
		s, _ = hllAdd(s, strconv.AppendInt(nil, int64(i), 10), 100)
	}
	if len(s) != hllDenseSize {
		t.Fatalf("dense size %d", len(s))
	}
}

// TestHLLCorruptSparse checks that sparse bodies not covering 16384
// registers are reported.
func TestHLLCorruptSparse(t *testing.T) {
	s := append(appendNewHLL(nil), 0x00) // one register too many
	if _, invalid := hllCount(s, false); !invalid {
		t.Fatal("count accepted a corrupt HLL")
	}
	if _, ok := hllSparseToDense(s); ok {
		t.Fatal("conversion accepted a corrupt HLL")
	}
	var max [hllRegisters]byte
	if hllMerge(max[:], s) {
		t.Fatal("merge accepted a corrupt HLL")
	}
}
