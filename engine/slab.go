package engine

import (
	"encoding/binary"

	"golang.org/x/sys/unix"
)

// A slab is a shard's pointer-free memory for small records: pages mapped
// outside the Go heap with mmap, carved by a bump pointer into chunks of a
// fixed set of size classes, with one free list per class. Chunks are named
// by a 32-bit handle (page, 8-byte unit), so the garbage collector never sees
// a pointer per key: it sees none at all.
type slab struct {
	pages [][]byte
	off   int // bump offset in the last page
	free  [numClasses]handle

	inUse  int64 // bytes in live chunks
	mapped int64 // bytes of pages mapped
}

// handle names a chunk: page<<unitBits | unit. Zero is nil.
type handle uint32

const (
	pageBits   = 20 // 1 MiB pages: large enough that mmap calls are rare
	pageSize   = 1 << pageBits
	unitShift  = 3 // chunks are 8-byte aligned
	unitBits   = pageBits - unitShift
	unitMask   = 1<<unitBits - 1
	maxPages   = 1 << (32 - unitBits) // 32768 pages = 32 GiB per shard
	maxChunk   = 16 << 10             // largest class; bigger records keep their value on the heap
	numClasses = 71
)

// classSize lists the chunk sizes: 8-byte steps to 128, then eight steps per
// doubling, so no chunk wastes more than 1/8 of itself.
var classSize [numClasses]int32

func init() {
	n := 0
	for s := 16; s <= 128; s += 8 {
		classSize[n] = int32(s)
		n++
	}
	for base := 128; base < maxChunk; base *= 2 {
		step := base / 8
		for s := base + step; s <= base*2; s += step {
			classSize[n] = int32(s)
			n++
		}
	}
	if n != numClasses || classSize[n-1] != maxChunk {
		panic("engine: size classes do not fill the table")
	}
}

// classFor returns the smallest class that holds size bytes.
func classFor(size int) uint8 {
	if size <= 128 {
		if size < 16 {
			size = 16
		}
		return uint8((size - 16 + 7) / 8)
	}
	lo, hi := 15, numClasses-1
	for lo < hi {
		mid := (lo + hi) / 2
		if int(classSize[mid]) >= size {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return uint8(lo)
}

// bytes returns the chunk's memory, size bytes long.
func (s *slab) bytes(h handle, size int) []byte {
	p := s.pages[h>>unitBits]
	o := int(h&unitMask) << unitShift
	return p[o : o+size : o+size]
}

// alloc returns a chunk of the given class. It panics only when the shard
// has mapped its 32 GiB or the OS refuses memory, which is fatal anyway.
func (s *slab) alloc(class uint8) handle {
	size := int(classSize[class])
	s.inUse += int64(size)
	if h := s.free[class]; h != 0 {
		s.free[class] = handle(binary.LittleEndian.Uint32(s.bytes(h, 4)))
		return h
	}
	if len(s.pages) == 0 || s.off+size > pageSize {
		s.retireTail()
		s.newPage()
	}
	h := handle(len(s.pages)-1)<<unitBits | handle(s.off>>unitShift)
	s.off += size
	return h
}

// release returns a chunk to its class's free list.
func (s *slab) release(h handle, class uint8) {
	s.inUse -= int64(classSize[class])
	binary.LittleEndian.PutUint32(s.bytes(h, 4), uint32(s.free[class]))
	s.free[class] = h
}

// retireTail hands the unused end of the current page to the free lists so
// it is not lost when a new page starts.
func (s *slab) retireTail() {
	for len(s.pages) > 0 {
		rest := pageSize - s.off
		if rest < int(classSize[0]) {
			return
		}
		c := classFor(rest)
		if int(classSize[c]) > rest {
			c--
		}
		h := handle(len(s.pages)-1)<<unitBits | handle(s.off>>unitShift)
		s.off += int(classSize[c])
		s.inUse += int64(classSize[c])
		s.release(h, c)
	}
}

func (s *slab) newPage() {
	if len(s.pages) >= maxPages {
		panic("engine: shard slab is full (32 GiB)")
	}
	p, err := unix.Mmap(-1, 0, pageSize, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		panic("engine: mmap slab page: " + err.Error())
	}
	s.pages = append(s.pages, p)
	s.mapped += pageSize
	s.off = 0
	if len(s.pages) == 1 {
		s.off = 1 << unitShift // handle 0 stays nil
	}
}

// reset unmaps every page.
func (s *slab) reset() {
	for _, p := range s.pages {
		_ = unix.Munmap(p)
	}
	*s = slab{}
}
