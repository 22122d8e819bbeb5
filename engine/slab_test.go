package engine

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// TestSlabClasses checks that the size classes cover 16..16384 bytes in
// increasing 8-byte-aligned steps, that classFor picks the smallest class
// that fits, and that no class wastes more than an eighth of a chunk.
func TestSlabClasses(t *testing.T) {
	if classSize[0] != 16 || classSize[numClasses-1] != maxChunk {
		t.Fatalf("classes span %d..%d, want 16..%d", classSize[0], classSize[numClasses-1], maxChunk)
	}
	for i := range classSize {
		if classSize[i]%8 != 0 {
			t.Errorf("class %d size %d is not 8-byte aligned", i, classSize[i])
		}
		if i > 0 && classSize[i] <= classSize[i-1] {
			t.Errorf("class %d size %d not above class %d size %d", i, classSize[i], i-1, classSize[i-1])
		}
	}
	for size := 1; size <= maxChunk; size++ {
		c := classFor(size)
		if int(c) >= numClasses {
			t.Fatalf("classFor(%d) = %d, out of range", size, c)
		}
		got := int(classSize[c])
		if got < size {
			t.Fatalf("classFor(%d) = class of %d bytes, too small", size, got)
		}
		if c > 0 && int(classSize[c-1]) >= size {
			t.Fatalf("classFor(%d) = %d bytes, but class of %d bytes fits", size, got, classSize[c-1])
		}
		if size >= 128 && (got-size)*8 > got {
			t.Fatalf("size %d in a %d-byte chunk wastes more than 1/8", size, got)
		}
	}
}

// TestSlabAllocReuse checks that a released chunk is handed out again for
// its class and that inUse follows allocations.
func TestSlabAllocReuse(t *testing.T) {
	var s slab
	defer s.reset()
	for c := uint8(0); c < numClasses; c++ {
		h := s.alloc(c)
		if h == 0 {
			t.Fatalf("class %d: nil handle", c)
		}
		before := s.inUse
		s.release(h, c)
		if s.inUse != before-int64(classSize[c]) {
			t.Fatalf("class %d: inUse %d after release, want %d", c, s.inUse, before-int64(classSize[c]))
		}
		if h2 := s.alloc(c); h2 != h {
			t.Fatalf("class %d: released chunk %d not reused (got %d)", c, h, h2)
		}
		s.release(h, c)
	}
	if s.inUse != 0 {
		t.Fatalf("inUse %d after releasing everything", s.inUse)
	}
}

// TestSlabHandles allocates chunks of random classes over several pages,
// fills each completely with its own pattern and checks none overlaps
// another, no handle is 0, and that after releasing everything the same
// amount fits again without mapping more pages.
func TestSlabHandles(t *testing.T) {
	var s slab
	defer s.reset()
	rng := rand.New(rand.NewPCG(5, 6))
	type chunk struct {
		h     handle
		class uint8
	}
	fill := func(n int) []chunk {
		var cs []chunk
		seen := map[handle]bool{}
		for i := 0; i < n; i++ {
			c := uint8(rng.IntN(numClasses))
			if rng.IntN(4) != 0 {
				c = uint8(rng.IntN(20)) // mostly small records
			}
			h := s.alloc(c)
			if h == 0 {
				t.Fatal("alloc returned the nil handle")
			}
			if seen[h] {
				t.Fatalf("handle %d handed out twice", h)
			}
			seen[h] = true
			b := s.bytes(h, int(classSize[c]))
			for j := 0; j+4 <= len(b); j += 4 {
				binary.LittleEndian.PutUint32(b[j:], uint32(i))
			}
			cs = append(cs, chunk{h, c})
		}
		for i, ch := range cs {
			b := s.bytes(ch.h, int(classSize[ch.class]))
			for j := 0; j+4 <= len(b); j += 4 {
				if v := binary.LittleEndian.Uint32(b[j:]); v != uint32(i) {
					t.Fatalf("chunk %d (handle %d, %d bytes) overwritten at %d by chunk %d", i, ch.h, len(b), j, v)
				}
			}
		}
		return cs
	}
	const n = 4000
	cs := fill(n)
	if len(s.pages) < 2 {
		t.Fatalf("test meant to span pages used %d", len(s.pages))
	}
	var want int64
	for _, ch := range cs {
		want += int64(classSize[ch.class])
	}
	if s.inUse != want {
		t.Fatalf("inUse %d, want %d", s.inUse, want)
	}
	for _, ch := range cs {
		s.release(ch.h, ch.class)
	}
	if s.inUse != 0 {
		t.Fatalf("inUse %d after releasing everything", s.inUse)
	}
	// The same classes again come from the free lists.
	mapped := s.mapped
	rng = rand.New(rand.NewPCG(5, 6))
	cs = fill(n)
	if s.mapped != mapped {
		t.Fatalf("mapped %d bytes more for chunks that were free", s.mapped-mapped)
	}
	for _, ch := range cs {
		s.release(ch.h, ch.class)
	}
}
