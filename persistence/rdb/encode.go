package rdb

import (
	"encoding/binary"
	"math"
	"sort"
	"strconv"
)

// AppendLen appends a length in RDB's length encoding.
func AppendLen(dst []byte, n uint64) []byte {
	switch {
	case n < 1<<6:
		return append(dst, byte(n))
	case n < 1<<14:
		return append(dst, 0x40|byte(n>>8), byte(n))
	case n <= math.MaxUint32:
		return binary.BigEndian.AppendUint32(append(dst, 0x80), uint32(n))
	}
	return binary.BigEndian.AppendUint64(append(dst, 0x81), n)
}

// AppendString appends a string, as an integer encoding when it is a
// canonical integer of 32 bits or less (as Redis's rdbTryIntegerEncoding),
// raw otherwise. Strings are not LZF-compressed.
func AppendString(dst []byte, s []byte) []byte {
	if len(s) <= 11 {
		if v, ok := canonicalInt(s); ok {
			switch {
			case v >= math.MinInt8 && v <= math.MaxInt8:
				return append(dst, 0xc0, byte(v))
			case v >= math.MinInt16 && v <= math.MaxInt16:
				return binary.LittleEndian.AppendUint16(append(dst, 0xc1), uint16(v))
			case v >= math.MinInt32 && v <= math.MaxInt32:
				return binary.LittleEndian.AppendUint32(append(dst, 0xc2), uint32(v))
			}
		}
	}
	return append(AppendLen(dst, uint64(len(s))), s...)
}

// AppendValue appends v's type byte and body, in the encoding redis-server
// 7.0 itself would use for a value of that size where it is a packed one.
func AppendValue(dst []byte, v Value) []byte {
	switch v.Kind {
	case String:
		return AppendString(append(dst, typeString), v.Str)
	case List:
		return appendQuicklist(append(dst, typeListQuicklist2), v.Elems)
	case Set:
		if blob, ok := intsetBlob(v.Elems); ok {
			return AppendString(append(dst, typeSetIntset), blob)
		}
		dst = AppendLen(append(dst, typeSet), uint64(len(v.Elems)))
		for _, m := range v.Elems {
			dst = AppendString(dst, m)
		}
		return dst
	case Hash:
		if hasTTL(v.TTLs) {
			return appendHashTTL(dst, v)
		}
		if len(v.Elems)/2 <= packedHashEntries && allShort(v.Elems) {
			return AppendString(append(dst, typeHashListpack), appendListpack(nil, v.Elems))
		}
		dst = AppendLen(append(dst, typeHash), uint64(len(v.Elems)/2))
		for _, e := range v.Elems {
			dst = AppendString(dst, e)
		}
		return dst
	case Stream:
		return appendStream(append(dst, typeStreamListpacks2), v.Stream)
	case ZSet:
		if len(v.Elems) <= packedZSetEntries && allShort(v.Elems) {
			pairs := make([][]byte, 0, 2*len(v.Elems))
			for i, m := range v.Elems {
				pairs = append(pairs, m, FormatScore(nil, v.Scores[i]))
			}
			return AppendString(append(dst, typeZSetListpack), appendListpack(nil, pairs))
		}
		dst = AppendLen(append(dst, typeZSet2), uint64(len(v.Elems)))
		// Redis writes the skiplist from the highest score down, so that
		// loading inserts each member at the head.
		for i := len(v.Elems) - 1; i >= 0; i-- {
			dst = AppendString(dst, v.Elems[i])
			dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(v.Scores[i]))
		}
		return dst
	}
	panic("rdb: unknown value kind")
}

// appendQuicklist writes a list as quicklist nodes of packed listpacks of
// at most 8 KB, Redis 7.0's default node size.
func appendQuicklist(dst []byte, elems [][]byte) []byte {
	var nodes [][][]byte
	size, start := 0, 0
	for i, e := range elems {
		if i > start && size+len(e)+11 > 8192 {
			nodes = append(nodes, elems[start:i])
			start, size = i, 0
		}
		size += len(e) + 11
	}
	if start < len(elems) {
		nodes = append(nodes, elems[start:])
	}
	dst = AppendLen(dst, uint64(len(nodes)))
	for _, n := range nodes {
		dst = AppendLen(dst, quicklistNodePacked)
		dst = AppendString(dst, appendListpack(nil, n))
	}
	return dst
}

func allShort(elems [][]byte) bool {
	for _, e := range elems {
		if len(e) > packedValueBytes {
			return false
		}
	}
	return true
}

// intsetBlob encodes members as an intset when they are all canonical
// integers and few enough, as Redis keeps such sets.
func intsetBlob(members [][]byte) ([]byte, bool) {
	if len(members) == 0 || len(members) > intsetEntries {
		return nil, false
	}
	vals := make([]int64, len(members))
	width := 2
	for i, m := range members {
		v, ok := canonicalInt(m)
		if !ok {
			return nil, false
		}
		vals[i] = v
		switch {
		case v < math.MinInt32 || v > math.MaxInt32:
			width = 8
		case (v < math.MinInt16 || v > math.MaxInt16) && width < 4:
			width = 4
		}
	}
	sort.Slice(vals, func(i, j int) bool { return vals[i] < vals[j] })
	blob := binary.LittleEndian.AppendUint32(nil, uint32(width))
	blob = binary.LittleEndian.AppendUint32(blob, uint32(len(vals)))
	for _, v := range vals {
		switch width {
		case 2:
			blob = binary.LittleEndian.AppendUint16(blob, uint16(v))
		case 4:
			blob = binary.LittleEndian.AppendUint32(blob, uint32(v))
		default:
			blob = binary.LittleEndian.AppendUint64(blob, uint64(v))
		}
	}
	return blob, true
}

// FormatScore formats a score as Redis's d2string: integral values as
// integers, others with 17 significant digits, "inf" and "-inf".
func FormatScore(dst []byte, f float64) []byte {
	switch {
	case math.IsInf(f, 1):
		return append(dst, "inf"...)
	case math.IsInf(f, -1):
		return append(dst, "-inf"...)
	case f == math.Trunc(f) && math.Abs(f) < 1<<53:
		if f == 0 && math.Signbit(f) {
			return append(dst, "-0"...)
		}
		return strconv.AppendInt(dst, int64(f), 10)
	}
	return strconv.AppendFloat(dst, f, 'g', 17, 64)
}

// AppendDump builds a DUMP payload: the value, the RDB version and the
// CRC-64 of both.
func AppendDump(dst []byte, v Value) []byte {
	start := len(dst)
	dst = AppendValue(dst, v)
	dst = binary.LittleEndian.AppendUint16(dst, Version)
	return binary.LittleEndian.AppendUint64(dst, Checksum(0, dst[start:]))
}
