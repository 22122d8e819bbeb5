package sparse

import (
	"encoding/binary"
	"errors"
	"math"

	"github.com/cespare/xxhash/v2"
)

// Snapshot format, version 1, all integers little-endian:
//
//	magic    "UPDSPRS\x00"           8 bytes
//	version  uint32 (1)
//	docs     uint32                  live documents
//	entries  uint64                  sum of their non-zero counts
//	per document, in slot order:
//	  rec    uint32                  record id
//	  n      uint32                  non-zero count (<= MaxNonZero)
//	  n × uint32 indices, strictly increasing
//	  n × float32 values, finite
//	checksum uint64                  xxhash64 of every byte before it
//
// Postings and document frequencies are not stored: Decode rebuilds them
// from the forward vectors in one pass, which keeps the format small and
// makes a corrupt posting list impossible.
const (
	codecMagic    = "UPDSPRS\x00"
	codecVersion  = 1
	codecHeader   = 8 + 4 + 4 + 8
	codecChecksum = 8
)

// Errors returned by Decode.
var (
	// ErrCorrupt: the snapshot is truncated, fails its checksum or holds
	// values an index cannot contain.
	ErrCorrupt = errors.New("sparse index snapshot is corrupt")
	// ErrVersion: the snapshot was written by an unknown format version.
	ErrVersion = errors.New("sparse index snapshot has an unsupported version")
)

// AppendEncode appends a snapshot of the whole index to dst.
func (x *Index) AppendEncode(dst []byte) []byte {
	x.mu.RLock()
	defer x.mu.RUnlock()
	var entries uint64
	for s, ok := range x.alive {
		if ok {
			entries += uint64(x.slots[s].n)
		}
	}
	start := len(dst)
	dst = append(dst, codecMagic...)
	dst = binary.LittleEndian.AppendUint32(dst, codecVersion)
	dst = binary.LittleEndian.AppendUint32(dst, uint32(x.live))
	dst = binary.LittleEndian.AppendUint64(dst, entries)
	for s, ok := range x.alive {
		if !ok {
			continue
		}
		sl := x.slots[s]
		dst = binary.LittleEndian.AppendUint32(dst, sl.rec)
		dst = binary.LittleEndian.AppendUint32(dst, sl.n)
		for _, t := range x.fwdTerms[sl.off : sl.off+sl.n] {
			dst = binary.LittleEndian.AppendUint32(dst, t)
		}
		for _, v := range x.fwdVals[sl.off : sl.off+sl.n] {
			dst = binary.LittleEndian.AppendUint32(dst, math.Float32bits(v))
		}
	}
	return binary.LittleEndian.AppendUint64(dst, xxhash.Sum64(dst[start:]))
}

// Decode rebuilds an index from a snapshot written by AppendEncode. Any
// damage (truncation, a flipped bit, trailing bytes, invalid vectors,
// duplicate record ids) is refused with ErrCorrupt or ErrVersion; b is not
// retained.
func Decode(b []byte) (*Index, error) {
	if len(b) < codecHeader+codecChecksum || string(b[:8]) != codecMagic {
		return nil, ErrCorrupt
	}
	body := b[:len(b)-codecChecksum]
	if xxhash.Sum64(body) != binary.LittleEndian.Uint64(b[len(body):]) {
		return nil, ErrCorrupt
	}
	if binary.LittleEndian.Uint32(b[8:]) != codecVersion {
		return nil, ErrVersion
	}
	docs := uint64(binary.LittleEndian.Uint32(b[12:]))
	entries := binary.LittleEndian.Uint64(b[16:])
	rest := body[codecHeader:]
	// Exact size check before allocating anything sized by the header.
	if docs > uint64(len(rest))/8 || entries > uint64(len(rest))/8 ||
		uint64(len(rest)) != 8*docs+8*entries {
		return nil, ErrCorrupt
	}
	x := New()
	x.slots = make([]slot, 0, docs)
	x.alive = make([]bool, 0, docs)
	x.fwdTerms = make([]uint32, 0, entries)
	x.fwdVals = make([]float32, 0, entries)
	x.slotOf = make(map[uint32]uint32, docs)
	for range docs {
		if len(rest) < 8 {
			return nil, ErrCorrupt
		}
		rec := binary.LittleEndian.Uint32(rest)
		n := binary.LittleEndian.Uint32(rest[4:])
		rest = rest[8:]
		if n > MaxNonZero || uint64(len(rest)) < 8*uint64(n) {
			return nil, ErrCorrupt
		}
		if _, dup := x.slotOf[rec]; dup {
			return nil, ErrCorrupt
		}
		off := uint32(len(x.fwdTerms))
		for i := range n {
			t := binary.LittleEndian.Uint32(rest[4*i:])
			if i > 0 && t <= x.fwdTerms[len(x.fwdTerms)-1] {
				return nil, ErrCorrupt
			}
			x.fwdTerms = append(x.fwdTerms, t)
		}
		rest = rest[4*n:]
		for i := range n {
			v := math.Float32frombits(binary.LittleEndian.Uint32(rest[4*i:]))
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return nil, ErrCorrupt
			}
			x.fwdVals = append(x.fwdVals, v)
		}
		rest = rest[4*n:]
		x.slotOf[rec] = uint32(len(x.slots))
		x.slots = append(x.slots, slot{rec: rec, off: off, n: n})
		x.alive = append(x.alive, true)
	}
	if len(rest) != 0 || uint64(len(x.fwdTerms)) != entries {
		return nil, ErrCorrupt
	}
	// Postings: count document frequencies (terms[t].df) so compact can
	// lay every list out exactly sized; compact resets df while filling.
	x.live = len(x.slots)
	for _, term := range x.fwdTerms {
		t, ok := x.termOf[term]
		if !ok {
			t = uint32(len(x.terms))
			x.termOf[term] = t
			x.termIDs = append(x.termIDs, term)
			x.terms = append(x.terms, termList{})
		}
		x.terms[t].df++
	}
	x.compact()
	return x, nil
}

// xxhashSum is the snapshot checksum function (tests reseal with it).
func xxhashSum(b []byte) uint64 { return xxhash.Sum64(b) }
