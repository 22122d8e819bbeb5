package engine

import (
	"encoding/binary"
	"math"
)

// HyperLogLog values (Redis's hyperloglog.c), byte for byte: an HLL is a
// plain string starting with a 16-byte header
//
//	"HYLL" | encoding (0 dense, 1 sparse) | 3 unused bytes | cardinality
//
// where the cardinality is the last estimate, little endian, whose top bit
// set means "stale". Dense HLLs hold 16384 6-bit registers packed LSB first
// (12288 bytes); sparse ones a run-length code of the registers with three
// opcodes: ZERO 00xxxxxx (1..64 zero registers), XZERO 01xxxxxx yyyyyyyy
// (1..16384 zero registers) and VAL 1vvvvvxx (1..4 registers of value
// 1..32). Sparse HLLs become dense past hll-sparse-max-bytes or when a
// register needs a value above 32. Every function here follows Redis's
// algorithm step by step, so that the bytes (and GET of the key) match.

const (
	hllP         = 14
	hllQ         = 64 - hllP
	hllRegisters = 1 << hllP
	hllPMask     = hllRegisters - 1
	hllBits      = 6
	hllRegMax    = 1<<hllBits - 1
	hllHdrSize   = 16
	hllDenseSize = hllHdrSize + (hllRegisters*hllBits+7)/8
	hllDense     = 0
	hllSparse    = 1

	hllXZeroBit       = 0x40
	hllValBit         = 0x80
	hllValMaxValue    = 32
	hllValMaxLen      = 4
	hllZeroMaxLen     = 64
	hllXZeroMaxLen    = 16384
	hllSparseInitSize = hllHdrSize + (hllRegisters+hllXZeroMaxLen-1)/hllXZeroMaxLen*2

	// hllAlphaInf is 0.5/ln(2), the bias constant of Ertl's estimator.
	hllAlphaInf = 0.721347520444481703680
	// hllSeed is the MurmurHash64A seed Redis hashes elements with.
	hllSeed = 0xadc83b19
)

// Error replies of the HLL commands.
const (
	errHLLInvalid = "WRONGTYPE Key is not a valid HyperLogLog string value."
	errHLLCorrupt = "INVALIDOBJ Corrupted HLL object detected"
)

// murmurHash64A is MurmurHash2, 64-bit version, reading words little
// endian as Redis does on every platform.
func murmurHash64A(key []byte, seed uint64) uint64 {
	const m = 0xc6a4a7935bd1e995
	const r = 47
	h := seed ^ (uint64(len(key)) * m)
	n := len(key) &^ 7
	for i := 0; i < n; i += 8 {
		k := binary.LittleEndian.Uint64(key[i:])
		k *= m
		k ^= k >> r
		k *= m
		h ^= k
		h *= m
	}
	if tail := key[n:]; len(tail) > 0 {
		for i := len(tail) - 1; i >= 0; i-- {
			h ^= uint64(tail[i]) << (8 * i)
		}
		h *= m
	}
	h ^= h >> r
	h *= m
	h ^= h >> r
	return h
}

// hllPatLen returns the register an element hashes to and the length of
// its 000..1 pattern (1..Q+1), as Redis's hllPatLen.
func hllPatLen(ele []byte) (index int, count uint8) {
	hash := murmurHash64A(ele, hllSeed)
	index = int(hash & hllPMask)
	hash >>= hllP
	hash |= 1 << hllQ
	count = 1
	for bit := uint64(1); hash&bit == 0; bit <<= 1 {
		count++
	}
	return index, count
}

// hllDenseGet returns dense register i of regs (the bytes after the header).
func hllDenseGet(regs []byte, i int) uint8 {
	b := i * hllBits / 8
	fb := uint(i*hllBits) & 7
	b0 := uint(regs[b])
	var b1 uint
	if b+1 < len(regs) {
		b1 = uint(regs[b+1])
	}
	return uint8((b0>>fb | b1<<(8-fb)) & hllRegMax)
}

// hllDenseSetReg sets dense register i of regs to v.
func hllDenseSetReg(regs []byte, i int, v uint8) {
	b := i * hllBits / 8
	fb := uint(i*hllBits) & 7
	regs[b] &^= byte(hllRegMax << fb)
	regs[b] |= byte(uint(v) << fb)
	if b+1 < len(regs) {
		regs[b+1] &^= byte(hllRegMax >> (8 - fb))
		regs[b+1] |= byte(uint(v) >> (8 - fb))
	}
}

// hllDenseSet raises dense register i to count, reporting whether it grew.
func hllDenseSet(regs []byte, i int, count uint8) bool {
	if count > hllDenseGet(regs, i) {
		hllDenseSetReg(regs, i, count)
		return true
	}
	return false
}

// Sparse opcodes.
func hllIsZero(b byte) bool  { return b&0xc0 == 0 }
func hllIsXZero(b byte) bool { return b&0xc0 == hllXZeroBit }
func hllIsVal(b byte) bool   { return b&hllValBit != 0 }
func hllZeroLen(b byte) int  { return int(b&0x3f) + 1 }

// hllXZeroLen reads the XZERO opcode at s[p]; a missing second byte reads
// as 0, like the terminating zero byte Redis's sds strings end with.
func hllXZeroLen(s []byte, p int) int {
	lo := 0
	if p+1 < len(s) {
		lo = int(s[p+1])
	}
	return (int(s[p]&0x3f)<<8 | lo) + 1
}
func hllValValue(b byte) int      { return int(b>>2&0x1f) + 1 }
func hllValLen(b byte) int        { return int(b&3) + 1 }
func hllValOp(val, n int) byte    { return byte((val-1)<<2|(n-1)) | hllValBit }
func hllZeroOp(n int) byte        { return byte(n - 1) }
func hllXZeroOp(n int) [2]byte    { return [2]byte{byte((n-1)>>8) | hllXZeroBit, byte(n - 1)} }
func hllInvalidateCache(h []byte) { h[15] |= 0x80 }
func hllValidCache(h []byte) bool { return h[15]&0x80 == 0 }

// appendNewHLL appends an empty sparse HLL (Redis's createHLLObject).
func appendNewHLL(dst []byte) []byte {
	dst = append(dst, 'H', 'Y', 'L', 'L', hllSparse, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	for aux := hllRegisters; aux > 0; {
		n := min(aux, hllXZeroMaxLen)
		op := hllXZeroOp(n)
		dst = append(dst, op[0], op[1])
		aux -= n
	}
	return dst
}

// hllValid reports whether a string value is a HyperLogLog Redis accepts
// (isHLLObjectOrReply): the magic, a known encoding, and the exact size
// when dense. Sparse bodies are checked only as they are decoded.
func hllValid(v []byte) bool {
	if len(v) < hllHdrSize || v[0] != 'H' || v[1] != 'Y' || v[2] != 'L' || v[3] != 'L' || v[4] > hllSparse {
		return false
	}
	return v[4] != hllDense || len(v) == hllDenseSize
}

// hllSparseToDense returns the dense form of a sparse HLL in a new slice
// (dense input is returned as is); ok is false for a corrupt sparse body.
// The header, cached cardinality included, is kept.
func hllSparseToDense(s []byte) (dense []byte, ok bool) {
	if s[4] == hllDense {
		return s, true
	}
	dense = make([]byte, hllDenseSize)
	copy(dense, s[:hllHdrSize])
	dense[4] = hllDense
	regs := dense[hllHdrSize:]
	idx := 0
	for p := hllHdrSize; p < len(s); {
		switch b := s[p]; {
		case hllIsZero(b):
			idx += hllZeroLen(b)
			p++
		case hllIsXZero(b):
			idx += hllXZeroLen(s, p)
			p += 2
		default:
			n, v := hllValLen(b), hllValValue(b)
			if idx+n > hllRegisters {
				return nil, false
			}
			for ; n > 0; n-- {
				hllDenseSetReg(regs, idx, uint8(v))
				idx++
			}
			p++
		}
	}
	if idx != hllRegisters {
		return nil, false
	}
	return dense, true
}

// hllSparseSet raises register index of sparse HLL s to count, as Redis's
// hllSparseSet: it edits the opcode run in place, splitting it, then merges
// adjacent equal VAL opcodes; it promotes to dense when count exceeds 32 or
// the HLL would grow past maxBytes. It returns the HLL (possibly moved or
// dense) and 1 when a register changed, 0 when not, -1 when s is corrupt.
func hllSparseSet(s []byte, index int, count uint8, maxBytes int) ([]byte, int) {
	if count > hllValMaxValue {
		return hllPromote(s, index, count)
	}
	// Step 1: find the opcode covering the register.
	end := len(s)
	p, prev := hllHdrSize, -1
	first, span := 0, 0
	for p < end {
		oplen := 1
		b := s[p]
		switch {
		case hllIsZero(b):
			span = hllZeroLen(b)
		case hllIsVal(b):
			span = hllValLen(b)
		default:
			if p+1 >= end {
				return s, -1
			}
			span = hllXZeroLen(s, p)
			oplen = 2
		}
		if index <= first+span-1 {
			break
		}
		prev = p
		p += oplen
		first += span
	}
	if span == 0 || p >= end {
		return s, -1
	}
	b := s[p]
	isZero, isXZero, isVal := hllIsZero(b), hllIsXZero(b), hllIsVal(b)
	var runlen int
	switch {
	case isZero:
		runlen = hllZeroLen(b)
	case isXZero:
		runlen = hllXZeroLen(s, p)
	default:
		runlen = hllValLen(b)
	}
	// Step 2: the trivial cases update one byte.
	if isVal {
		old := hllValValue(b)
		if old >= int(count) {
			return s, 0
		}
		if runlen == 1 {
			s[p] = hllValOp(int(count), 1)
			return hllSparseMerge(s, prev), 1
		}
	}
	if isZero && runlen == 1 {
		s[p] = hllValOp(int(count), 1)
		return hllSparseMerge(s, prev), 1
	}
	// General case: split the opcode into up to three.
	var seq [5]byte
	n := 0
	last := first + span - 1
	zeros := func(l int) {
		if l > hllZeroMaxLen {
			op := hllXZeroOp(l)
			seq[n], seq[n+1] = op[0], op[1]
			n += 2
		} else {
			seq[n] = hllZeroOp(l)
			n++
		}
	}
	if isZero || isXZero {
		if index != first {
			zeros(index - first)
		}
		seq[n] = hllValOp(int(count), 1)
		n++
		if index != last {
			zeros(last - index)
		}
	} else {
		cur := hllValValue(b)
		if index != first {
			seq[n] = hllValOp(cur, index-first)
			n++
		}
		seq[n] = hllValOp(int(count), 1)
		n++
		if index != last {
			seq[n] = hllValOp(cur, last-index)
			n++
		}
	}
	// Step 3: put the new sequence in place of the old opcode.
	oldlen := 1
	if isXZero {
		oldlen = 2
	}
	delta := n - oldlen
	if delta > 0 && len(s)+delta > maxBytes {
		return hllPromote(s, index, count)
	}
	next := p + oldlen
	if delta > 0 {
		s = append(s, seq[:delta]...) // room; overwritten below
	}
	copy(s[next+delta:], s[next:end])
	s = s[:end+delta]
	copy(s[p:], seq[:n])
	return hllSparseMerge(s, prev), 1
}

// hllSparseMerge is step 4 of hllSparseSet: it merges adjacent VAL opcodes
// of equal value, scanning up to five opcodes from prev (-1: the first),
// and marks the cached cardinality stale.
func hllSparseMerge(s []byte, prev int) []byte {
	p := prev
	if p < 0 {
		p = hllHdrSize
	}
	for scan := 5; p < len(s) && scan > 0; scan-- {
		b := s[p]
		if hllIsXZero(b) {
			p += 2
			continue
		}
		if hllIsZero(b) {
			p++
			continue
		}
		if p+1 < len(s) && hllIsVal(s[p+1]) {
			v1, v2 := hllValValue(b), hllValValue(s[p+1])
			if v1 == v2 {
				if l := hllValLen(b) + hllValLen(s[p+1]); l <= hllValMaxLen {
					s[p+1] = hllValOp(v1, l)
					copy(s[p:], s[p+1:])
					s = s[:len(s)-1]
					continue
				}
			}
		}
		p++
	}
	hllInvalidateCache(s)
	return s
}

// hllPromote converts s to dense and sets the register there.
func hllPromote(s []byte, index int, count uint8) ([]byte, int) {
	d, ok := hllSparseToDense(s)
	if !ok {
		return s, -1
	}
	hllDenseSet(d[hllHdrSize:], index, count)
	return d, 1
}

// hllAdd adds an element to a valid HLL, returning it (possibly moved) and
// 1 if a register changed, 0 if not, -1 if the HLL is corrupt.
func hllAdd(s []byte, ele []byte, maxBytes int) ([]byte, int) {
	index, count := hllPatLen(ele)
	if s[4] == hllDense {
		if hllDenseSet(s[hllHdrSize:], index, count) {
			return s, 1
		}
		return s, 0
	}
	return hllSparseSet(s, index, count, maxBytes)
}

// hllHisto counts the registers of HLL s by value. raw marks PFCOUNT's
// internal form: one byte per register after the header. invalid reports a
// sparse body that does not cover exactly 16384 registers.
func hllHisto(s []byte, raw bool, histo *[64]int) (invalid bool) {
	regs := s[hllHdrSize:]
	switch {
	case raw:
		for _, r := range regs[:hllRegisters] {
			histo[r&63]++
		}
	case s[4] == hllDense:
		for i := 0; i < hllRegisters; i++ {
			histo[hllDenseGet(regs, i)]++
		}
	default:
		idx := 0
		for p := 0; p < len(regs); {
			switch b := regs[p]; {
			case hllIsZero(b):
				n := hllZeroLen(b)
				idx += n
				histo[0] += n
				p++
			case hllIsXZero(b):
				n := hllXZeroLen(regs, p)
				idx += n
				histo[0] += n
				p += 2
			default:
				n := hllValLen(b)
				idx += n
				histo[hllValValue(b)] += n
				p++
			}
		}
		return idx != hllRegisters
	}
	return false
}

// hllSigma and hllTau are the helper functions of Otmar Ertl's estimator
// ("New cardinality estimation algorithms for HyperLogLog sketches",
// arXiv:1702.01284), computed in the same order as Redis. The float64
// conversions keep the compiler from fusing multiply-adds.
func hllSigma(x float64) float64 {
	if x == 1 {
		return math.Inf(1)
	}
	y, z := 1.0, x
	for {
		x = float64(x * x)
		zp := z
		z += float64(x * y)
		y += y
		if zp == z {
			return z
		}
	}
}

func hllTau(x float64) float64 {
	if x == 0 || x == 1 {
		return 0
	}
	y, z := 1.0, 1-x
	for {
		x = math.Sqrt(x)
		zp := z
		y *= 0.5
		d := float64(1 - x)
		z -= float64(float64(d*d) * y)
		if zp == z {
			return z / 3
		}
	}
}

// hllCount estimates the cardinality of HLL s (Redis's hllCount).
func hllCount(s []byte, raw bool) (card uint64, invalid bool) {
	var histo [64]int
	if hllHisto(s, raw, &histo) {
		return 0, true
	}
	m := float64(hllRegisters)
	z := m * hllTau((m-float64(histo[hllQ+1]))/m)
	for j := hllQ; j >= 1; j-- {
		z += float64(histo[j])
		z *= 0.5
	}
	z += m * hllSigma(float64(histo[0])/m)
	alpha := float64(hllAlphaInf)
	return uint64(math.Round(alpha * m * m / z)), false
}

// hllCachedCard and hllSetCard read and write the header's cardinality.
func hllCachedCard(s []byte) uint64    { return binary.LittleEndian.Uint64(s[8:]) }
func hllSetCard(s []byte, card uint64) { binary.LittleEndian.PutUint64(s[8:], card) }

// hllMerge raises max[i] (one byte per register) to register i of HLL s;
// false for a corrupt sparse body.
func hllMerge(max []byte, s []byte) bool {
	regs := s[hllHdrSize:]
	if s[4] == hllDense {
		for i := 0; i < hllRegisters; i++ {
			if v := hllDenseGet(regs, i); v > max[i] {
				max[i] = v
			}
		}
		return true
	}
	i := 0
	for p := 0; p < len(regs); {
		switch b := regs[p]; {
		case hllIsZero(b):
			i += hllZeroLen(b)
			p++
		case hllIsXZero(b):
			i += hllXZeroLen(regs, p)
			p += 2
		default:
			n, v := hllValLen(b), uint8(hllValValue(b))
			if i+n > hllRegisters {
				return false
			}
			for ; n > 0; n-- {
				if v > max[i] {
					max[i] = v
				}
				i++
			}
			p++
		}
	}
	return i == hllRegisters
}
