package rdb

// lzfCompressor writes liblzf's format (what lzf.go decodes): literal runs
// of 1 to 32 bytes behind a control byte of their length minus one, and
// back references of 3 to 264 bytes up to 8 KB back. It keeps a table of
// recent positions by the hash of the 3 bytes there; entries left from
// earlier inputs are harmless, since every candidate is checked.
type lzfCompressor struct {
	table [1 << lzfHashBits]int32
}

const (
	lzfHashBits   = 14
	lzfMaxOffset  = 1 << 13
	lzfMaxMatch   = 264
	lzfMaxLiteral = 32
	// lzfMinInput is the shortest string Redis tries to compress (its
	// rdbSaveRawString compresses above 20 bytes).
	lzfMinInput = 21
)

// compress appends in's compressed form to dst and reports whether it
// saves at least 4 bytes (Redis keeps a string raw otherwise).
func (z *lzfCompressor) compress(dst, in []byte) ([]byte, bool) {
	limit := len(dst) + len(in) - 4
	lit := 0
	i := 0
	for i+2 < len(in) {
		h := (uint32(in[i])<<16 | uint32(in[i+1])<<8 | uint32(in[i+2])) * 2654435761 >> (32 - lzfHashBits)
		cand := int(z.table[h]) - 1
		z.table[h] = int32(i + 1)
		if cand < 0 || cand >= i || i-cand > lzfMaxOffset ||
			in[cand] != in[i] || in[cand+1] != in[i+1] || in[cand+2] != in[i+2] {
			i++
			continue
		}
		m := 3
		maxM := min(lzfMaxMatch, len(in)-i)
		for m < maxM && in[cand+m] == in[i+m] {
			m++
		}
		dst = appendLiterals(dst, in[lit:i])
		off := i - cand - 1
		if l := m - 2; l < 7 {
			dst = append(dst, byte(l<<5)|byte(off>>8), byte(off))
		} else {
			dst = append(dst, 7<<5|byte(off>>8), byte(l-7), byte(off))
		}
		i += m
		lit = i
		if len(dst) > limit {
			return dst, false
		}
	}
	dst = appendLiterals(dst, in[lit:])
	return dst, len(dst) <= limit
}

// appendLiterals appends b as literal runs.
func appendLiterals(dst, b []byte) []byte {
	for len(b) > 0 {
		n := min(len(b), lzfMaxLiteral)
		dst = append(dst, byte(n-1))
		dst = append(dst, b[:n]...)
		b = b[n:]
	}
	return dst
}

// lzfExpand is lzfDecompress appending to dst, so that the file reader
// decodes compressed strings into a reused buffer.
func lzfExpand(dst, in []byte, n int) ([]byte, error) {
	base := len(dst)
	if cap(dst)-base < n {
		dst = append(dst[:cap(dst)], make([]byte, base+n-cap(dst))...)[:base]
	}
	for i := 0; i < len(in); {
		ctrl := int(in[i])
		i++
		if ctrl < 32 {
			run := ctrl + 1
			if i+run > len(in) || len(dst)-base+run > n {
				return nil, errLZF
			}
			dst = append(dst, in[i:i+run]...)
			i += run
			continue
		}
		length := ctrl >> 5
		if length == 7 {
			if i >= len(in) {
				return nil, errLZF
			}
			length += int(in[i])
			i++
		}
		if i >= len(in) {
			return nil, errLZF
		}
		ref := len(dst) - ((ctrl&0x1f)<<8 | int(in[i])) - 1
		i++
		length += 2
		if ref < base || len(dst)-base+length > n {
			return nil, errLZF
		}
		for k := 0; k < length; k++ {
			dst = append(dst, dst[ref+k])
		}
	}
	if len(dst)-base != n {
		return nil, errLZF
	}
	return dst, nil
}
