package aof

import (
	"encoding/binary"

	"github.com/cespare/xxhash/v2"
)

// An incr file is a 32-byte header followed by records:
//
//	header: magic "UPDRAOF\x00" | u32 version | u32 flags (0) |
//	        u64 first seq | u64 xxhash64(the 24 bytes before)
//	record: u32 payload length | u64 xxhash64(payload) | payload
//
// All integers are little-endian. The first seq is the sequence number
// the writing process gave the file's first record; it is informational
// (empty submissions write nothing, so records carry no seq).
const (
	headerSize    = 32
	recHeaderSize = 12
	formatVersion = 1
	magic         = "UPDRAOF\x00"
)

// appendHeader appends an incr file header.
func appendHeader(dst []byte, firstSeq uint64) []byte {
	start := len(dst)
	dst = append(dst, magic...)
	dst = binary.LittleEndian.AppendUint32(dst, formatVersion)
	dst = binary.LittleEndian.AppendUint32(dst, 0)
	dst = binary.LittleEndian.AppendUint64(dst, firstSeq)
	return binary.LittleEndian.AppendUint64(dst, xxhash.Sum64(dst[start:]))
}

// headerProblem says what is wrong with a header, or "" if it is good.
func headerProblem(h []byte) string {
	switch {
	case len(h) < headerSize:
		return "incomplete file header"
	case string(h[:8]) != magic:
		return "not an Updraft incr file (bad magic)"
	case binary.LittleEndian.Uint64(h[24:32]) != xxhash.Sum64(h[:24]):
		return "file header checksum mismatch"
	case binary.LittleEndian.Uint32(h[8:12]) != formatVersion:
		return "unsupported incr file format version"
	}
	return ""
}

// AppendRecord appends one framed record (length, checksum, payload).
func AppendRecord(dst, payload []byte) []byte {
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(payload)))
	dst = binary.LittleEndian.AppendUint64(dst, xxhash.Sum64(payload))
	return append(dst, payload...)
}

// recordLen reads a record header: payload length and checksum.
func recordLen(h []byte) (n uint32, sum uint64) {
	return binary.LittleEndian.Uint32(h), binary.LittleEndian.Uint64(h[4:])
}

// scanRecords walks whole records in b (a file's bytes after the header)
// and returns how many bytes form valid records and how many records that
// is; it stops at the first incomplete or bad record.
func scanRecords(b []byte) (good int, n int) {
	for {
		rest := b[good:]
		if len(rest) < recHeaderSize {
			return good, n
		}
		l, sum := recordLen(rest)
		if l > MaxRecord || uint64(l) > uint64(len(rest)-recHeaderSize) {
			return good, n
		}
		if xxhash.Sum64(rest[recHeaderSize:recHeaderSize+int(l)]) != sum {
			return good, n
		}
		good += recHeaderSize + int(l)
		n++
	}
}
