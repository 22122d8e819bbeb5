package aof

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"time"

	"github.com/cespare/xxhash/v2"
)

// fileScan is what reading one incr file found.
type fileScan struct {
	good    int64  // offset just after the last good record (or the header)
	records int64  // good records
	problem string // why reading stopped before the end; "" if it did not
}

// scanIncr reads an incr file of the given size from r, calling emit for
// each good record's payload (nil emit only verifies), and stops at the
// first problem. Only emit's own error is returned as an error.
func scanIncr(r io.Reader, size int64, emit func([]byte) error, buf *[]byte) (fileScan, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	var s fileScan
	var hdr [headerSize]byte
	n, _ := io.ReadFull(br, hdr[:])
	if p := headerProblem(hdr[:n]); p != "" {
		s.problem = p
		return s, nil
	}
	s.good = headerSize
	var rh [recHeaderSize]byte
	for {
		n, err := io.ReadFull(br, rh[:])
		if err == io.EOF && n == 0 {
			return s, nil
		}
		if err != nil {
			s.problem = "incomplete record header"
			return s, nil
		}
		l, sum := recordLen(rh[:])
		if l > MaxRecord {
			s.problem = "record length over the 512 MB limit"
			return s, nil
		}
		if int64(l) > size-s.good-recHeaderSize {
			s.problem = "incomplete record (length past the end of the file)"
			return s, nil
		}
		if cap(*buf) < int(l) {
			*buf = make([]byte, l)
		}
		p := (*buf)[:l]
		if _, err := io.ReadFull(br, p); err != nil {
			s.problem = "incomplete record"
			return s, nil
		}
		if xxhash.Sum64(p) != sum {
			s.problem = "record checksum mismatch"
			return s, nil
		}
		if emit != nil {
			if err := emit(p); err != nil {
				return s, err
			}
		}
		s.good += recHeaderSize + int64(l)
		s.records++
	}
}

// Limits of tornTail's search, beyond which it refuses rather than guesses.
const (
	maxTailScan   = 64 << 20  // bytes after a bad record searched for records
	maxTailHashed = 256 << 20 // bytes hashed while searching
)

// tornTail decides whether the bytes of the last incr file from its first
// bad record (at off) to the end (size) are a torn tail: true when no
// valid record sequence starts anywhere after off and runs exactly to the
// end of the file. Valid records after damage mean the damage is in the
// middle (a flipped byte, a lost page), and the file is refused instead:
// Load then never drops records that were intact.
func tornTail(r io.ReaderAt, off, size int64) (bool, error) {
	rem := size - off
	if rem <= recHeaderSize {
		return true, nil
	}
	if rem > maxTailScan {
		return allZero(r, off, size)
	}
	b := make([]byte, rem)
	if _, err := r.ReadAt(b, off); err != nil && !errors.Is(err, io.EOF) {
		return false, err
	}
	hashed := 0
	for o := 1; o+recHeaderSize <= len(b); o++ {
		l := binary.LittleEndian.Uint32(b[o:])
		if l > MaxRecord || int(l) > len(b)-o-recHeaderSize {
			continue
		}
		hashed += int(l)
		if hashed > maxTailHashed {
			return false, nil
		}
		if xxhash.Sum64(b[o+recHeaderSize:o+recHeaderSize+int(l)]) != binary.LittleEndian.Uint64(b[o+4:]) {
			continue
		}
		if good, _ := scanRecords(b[o:]); o+good == len(b) {
			return false, nil
		}
	}
	return true, nil
}

// allZero reports whether r holds only zero bytes in [off, size): a tail
// the file system extended without its data.
func allZero(r io.ReaderAt, off, size int64) (bool, error) {
	buf := make([]byte, 1<<20)
	for off < size {
		n := min(int64(len(buf)), size-off)
		if _, err := r.ReadAt(buf[:n], off); err != nil && !errors.Is(err, io.EOF) {
			return false, err
		}
		for _, c := range buf[:n] {
			if c != 0 {
				return false, nil
			}
		}
		off += n
	}
	return true, nil
}

// progressReader counts the bytes read through it and calls fn about once
// a second with the running total (checking the clock once per MiB).
type progressReader struct {
	r     io.Reader
	p     *progressState
	since int64
}

// progressState is the shared state of a Load's progress reports.
type progressState struct {
	done, total int64
	last        time.Time
	fn          func(done, total int64)
}

func (pr *progressReader) Read(b []byte) (int, error) {
	n, err := pr.r.Read(b)
	p := pr.p
	p.done += int64(n)
	pr.since += int64(n)
	if p.fn != nil && pr.since >= 1<<20 {
		pr.since = 0
		if now := time.Now(); now.Sub(p.last) >= time.Second {
			p.last = now
			p.fn(p.done, p.total)
		}
	}
	return n, err
}
