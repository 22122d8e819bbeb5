package diskann

import (
	"encoding/binary"
	"errors"
	"math"

	"github.com/cespare/xxhash/v2"
)

// The index file, little-endian, every section 4 KB aligned:
//
//	sector 0    header (below), zero-padded to SectorSize
//	pq section  the PQ codebook (pq's own checksummed form), then n codes
//	            of M bytes; its xxhash64 is in the header
//	blocks      node records, nodesPerBlock per block of blockSize bytes
//	            (one sector, or several when a record needs them); the
//	            last 8 bytes of each block are the xxhash64 of the rest
//
// A node record is its stored vector (sdim float32, the metric's L2
// form), its degree (uint32) and R neighbour ids (uint32, unused slots 0).
//
// Header fields, at these offsets:
const (
	hMagic      = 0  // [8]byte fileMagic
	hVersion    = 8  // uint32
	hMetric     = 12 // uint32
	hDim        = 16 // uint32
	hSdim       = 20 // uint32
	hR          = 24 // uint32
	hN          = 28 // uint32
	hMedoid     = 32 // uint32
	hRecord     = 36 // uint32 record bytes
	hPerBlock   = 40 // uint32 nodes per block
	hBlockSize  = 44 // uint32 bytes per block (multiple of SectorSize)
	hMaxN2      = 48 // float32 (inner product: M²)
	hPQM        = 52 // uint32 PQ bytes per vector
	hPQOffset   = 56 // uint64
	hPQBookLen  = 64 // uint64 codebook bytes
	hPQCodesLen = 72 // uint64
	hPQSum      = 80 // uint64 xxhash64 of codebook and codes
	hData       = 88 // uint64 offset of block 0
	hBlocks     = 96 // uint64 number of blocks
	hSum        = 104
	headerLen   = 112 // uint64 at hSum: xxhash64 of bytes [0, hSum)

	fileMagic   = "UPDANN\x00\x01"
	fileVersion = 1
	blockTail   = 8 // the checksum at the end of a block
)

// ErrCorrupt is returned for an index file that fails a check: bad magic,
// checksum, sizes, or a torn (short) file.
var ErrCorrupt = errors.New("diskann: index file is corrupt or torn")

// ErrVersion is returned for an index file of a version this code does not
// read.
var ErrVersion = errors.New("diskann: unsupported index file version")

// header is the decoded sector 0.
type header struct {
	metric              Metric
	dim, sdim, r, n     int
	medoid              uint32
	record, perBlock    int
	blockSize           int
	maxN2               float32
	pqM                 int
	pqOffset, pqBookLen int64
	pqCodesLen          int64
	pqSum               uint64
	dataOffset, blocks  int64
}

// layout fills record, perBlock and blockSize from sdim and r.
func (h *header) layout() {
	h.record = 4*h.sdim + 4 + 4*h.r
	h.blockSize = SectorSize
	if h.record+blockTail > SectorSize {
		h.blockSize = (h.record + blockTail + SectorSize - 1) / SectorSize * SectorSize
	}
	h.perBlock = (h.blockSize - blockTail) / h.record
	h.blocks = int64((h.n + h.perBlock - 1) / h.perBlock)
}

// appendHeader appends the encoded header (headerLen bytes).
func appendHeader(dst []byte, h *header) []byte {
	b := make([]byte, headerLen)
	copy(b[hMagic:], fileMagic)
	le := binary.LittleEndian
	le.PutUint32(b[hVersion:], fileVersion)
	le.PutUint32(b[hMetric:], uint32(h.metric))
	le.PutUint32(b[hDim:], uint32(h.dim))
	le.PutUint32(b[hSdim:], uint32(h.sdim))
	le.PutUint32(b[hR:], uint32(h.r))
	le.PutUint32(b[hN:], uint32(h.n))
	le.PutUint32(b[hMedoid:], h.medoid)
	le.PutUint32(b[hRecord:], uint32(h.record))
	le.PutUint32(b[hPerBlock:], uint32(h.perBlock))
	le.PutUint32(b[hBlockSize:], uint32(h.blockSize))
	le.PutUint32(b[hMaxN2:], math.Float32bits(h.maxN2))
	le.PutUint32(b[hPQM:], uint32(h.pqM))
	le.PutUint64(b[hPQOffset:], uint64(h.pqOffset))
	le.PutUint64(b[hPQBookLen:], uint64(h.pqBookLen))
	le.PutUint64(b[hPQCodesLen:], uint64(h.pqCodesLen))
	le.PutUint64(b[hPQSum:], h.pqSum)
	le.PutUint64(b[hData:], uint64(h.dataOffset))
	le.PutUint64(b[hBlocks:], uint64(h.blocks))
	le.PutUint64(b[hSum:], xxhash.Sum64(b[:hSum]))
	return append(dst, b...)
}

// parseHeader decodes and checks a header against the file's size.
func parseHeader(b []byte, fileSize int64) (*header, error) {
	if len(b) < headerLen || string(b[hMagic:hMagic+8]) != fileMagic {
		return nil, ErrCorrupt
	}
	le := binary.LittleEndian
	if xxhash.Sum64(b[:hSum]) != le.Uint64(b[hSum:]) {
		return nil, ErrCorrupt
	}
	if le.Uint32(b[hVersion:]) != fileVersion {
		return nil, ErrVersion
	}
	u := func(off int) int { return int(le.Uint32(b[off:])) }
	u64 := func(off int) int64 { return int64(le.Uint64(b[off:]) & (1<<62 - 1)) }
	h := &header{metric: Metric(le.Uint32(b[hMetric:])), dim: u(hDim), sdim: u(hSdim), r: u(hR),
		n: u(hN), medoid: le.Uint32(b[hMedoid:]), maxN2: math.Float32frombits(le.Uint32(b[hMaxN2:])),
		pqM: u(hPQM), pqOffset: u64(hPQOffset), pqBookLen: u64(hPQBookLen),
		pqCodesLen: u64(hPQCodesLen), pqSum: le.Uint64(b[hPQSum:]), dataOffset: u64(hData)}
	// Everything derived must agree with what is recorded.
	if h.metric > InnerProduct || h.dim < 1 || h.dim > 1<<20 || h.sdim != storedDim(h.metric, h.dim) ||
		h.r < 1 || h.r > 1<<16 || h.n < 1 || int(h.medoid) >= h.n || h.pqM < 1 || h.pqM > h.sdim {
		return nil, ErrCorrupt
	}
	want := *h
	want.layout()
	if want.record != u(hRecord) || want.perBlock != u(hPerBlock) || want.blockSize != u(hBlockSize) ||
		want.blocks != u64(hBlocks) || h.pqCodesLen != int64(h.n)*int64(h.pqM) ||
		h.pqOffset != SectorSize || h.dataOffset != alignUp(h.pqOffset+h.pqBookLen+h.pqCodesLen) ||
		h.dataOffset+want.blocks*int64(want.blockSize) != fileSize {
		return nil, ErrCorrupt
	}
	return &want, nil
}

// alignUp rounds x up to a multiple of SectorSize.
func alignUp(x int64) int64 { return (x + SectorSize - 1) / SectorSize * SectorSize }

// checkBlock reports whether a block's trailing checksum matches.
func checkBlock(b []byte) bool {
	n := len(b) - blockTail
	return xxhash.Sum64(b[:n]) == binary.LittleEndian.Uint64(b[n:])
}
