package aof

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// recordEnds returns the end offset of each record of an incr file.
func recordEnds(b []byte) []int {
	var ends []int
	off := headerSize
	for off < len(b) {
		l, _ := recordLen(b[off:])
		off += recHeaderSize + int(l)
		ends = append(ends, off)
	}
	return ends
}

// cloneLog copies dir's manifest and files into a fresh directory with
// the last incr file replaced by data.
func cloneLog(t *testing.T, o Options, data []byte) Options {
	t.Helper()
	dst := t.TempDir()
	ents, _ := os.ReadDir(o.Dir)
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(o.Dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644)
	}
	os.WriteFile(filepath.Join(dst, filepath.Base(lastIncr(t, o))), data, 0o644)
	c := o
	c.Dir = dst
	return c
}

// sampleLog writes n records (sizes vary) and returns the options and the
// last incr file's bytes.
func sampleLog(t *testing.T, n int) (Options, []byte) {
	o := Options{Dir: t.TempDir(), Fsync: FsyncNo}
	l := mustOpen(t, o)
	writeRecords(t, l, 0, n)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(lastIncr(t, o))
	if err != nil {
		t.Fatal(err)
	}
	return o, b
}

func TestTruncatedAtEveryOffset(t *testing.T) {
	const n = 40
	o, data := sampleLog(t, n)
	ends := recordEnds(data)
	from := ends[n-5] // every byte of the last four records
	for cut := from; cut <= len(data); cut++ {
		kept := 0
		for kept < n && ends[kept] <= cut {
			kept++
		}
		boundary := ends[kept-1] == cut
		c := cloneLog(t, o, data[:cut])
		got, _, err := loadAll(c, false)
		if boundary {
			if err != nil {
				t.Fatalf("cut %d at a record boundary: %v", cut, err)
			}
			wantRecords(t, got, 0, kept)
			continue
		}
		if err == nil || !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "offset "+strconv.Itoa(ends[kept-1])) {
			t.Fatalf("cut %d, aof-load-truncated no: err %v", cut, err)
		}
		got, res, err := loadAll(c, true)
		if err != nil {
			t.Fatalf("cut %d, aof-load-truncated yes: %v", cut, err)
		}
		wantRecords(t, got, 0, kept)
		if !res.Truncated || res.TruncatedAt != int64(ends[kept-1]) || res.TruncatedBytes != int64(cut-ends[kept-1]) {
			t.Fatalf("cut %d: result %+v", cut, res)
		}
		// The tail is gone from the file: a strict load now succeeds, and
		// appending continues cleanly after the last good record.
		if cut == from+7 {
			l := mustOpen(t, c)
			writeRecords(t, l, kept, kept+3)
			l.Close()
			got, _, err := loadAll(c, false)
			if err != nil {
				t.Fatal(err)
			}
			wantRecords(t, got, 0, kept+3)
		}
	}
}

func TestTornHeaderAndZeroTail(t *testing.T) {
	o, data := sampleLog(t, 10)
	ends := recordEnds(data)
	// A tail of zeros (the file system extended the file, the data did not
	// reach the disk) is torn, however long.
	zeros := append(append([]byte(nil), data...), make([]byte, 9000)...)
	got, res, err := loadAll(cloneLog(t, o, zeros), true)
	if err != nil || !res.Truncated || res.TruncatedAt != int64(ends[9]) {
		t.Fatalf("zero tail: %v %+v", err, res)
	}
	wantRecords(t, got, 0, 10)
	// An incomplete header in the last file is a torn creation.
	c := cloneLog(t, o, data[:10])
	if _, _, err := loadAll(c, false); err == nil {
		t.Fatal("accepted an incomplete header")
	}
	got, _, err = loadAll(c, true)
	if err != nil || len(got) != 0 {
		t.Fatalf("incomplete header with truncation: %v %d", err, len(got))
	}
	l := mustOpen(t, c) // rewrites the header
	writeRecords(t, l, 0, 2)
	l.Close()
	got, _, err = loadAll(c, false)
	if err != nil {
		t.Fatal(err)
	}
	wantRecords(t, got, 0, 2)
	// A bad magic is never a torn tail.
	bad := append([]byte(nil), data...)
	bad[0] = 'X'
	if _, _, err := loadAll(cloneLog(t, o, bad), true); err == nil || !strings.Contains(err.Error(), "offset 0") {
		t.Fatalf("bad magic: %v", err)
	}
}

func TestByteFlips(t *testing.T) {
	const n = 60
	o, data := sampleLog(t, n)
	ends := recordEnds(data)
	r := rand.New(rand.NewPCG(7, 7))
	var positions []int
	for i := 0; i < 150; i++ {
		positions = append(positions, r.IntN(len(data)))
	}
	for p := ends[n-3]; p < len(data); p++ { // every byte of the last two records
		positions = append(positions, p)
	}
	path := filepath.Base(lastIncr(t, o))
	accepted, refused := 0, 0
	defer func() {
		if !t.Failed() && (accepted == 0 || refused == 0) {
			t.Fatalf("flips: %d accepted as a torn tail, %d refused: both kinds expected", accepted, refused)
		}
	}()
	for _, p := range positions {
		flipped := append([]byte(nil), data...)
		flipped[p] ^= byte(1 + r.IntN(255))
		c := cloneLog(t, o, flipped)
		if _, _, err := loadAll(c, false); err == nil || !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) {
			t.Fatalf("flip at %d accepted with aof-load-truncated no: %v", p, err)
		}
		got, _, err := loadAll(c, true)
		if err != nil {
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "at offset ") {
				t.Fatalf("flip at %d: error without file and offset: %v", p, err)
			}
			refused++
			continue
		}
		// Accepted: only as an exact prefix that drops the flipped byte.
		accepted++
		kept := len(got)
		wantRecords(t, got, 0, kept)
		if kept == n || (kept > 0 && ends[kept-1] > p) {
			t.Fatalf("flip at %d: kept %d records, the damaged one included", p, kept)
		}
		if p < ends[n-2] {
			t.Fatalf("flip at %d in a middle record read as a torn tail (kept %d)", p, kept)
		}
	}
}

func TestDamageInEarlierFileIsRefused(t *testing.T) {
	o := Options{Dir: t.TempDir(), Fsync: FsyncAlways}
	l := mustOpen(t, o)
	writeRecords(t, l, 0, 10)
	first := lastIncr(t, o)
	rw, err := l.StartRewrite()
	if err != nil {
		t.Fatal(err)
	}
	rw.Abort() // keeps both incr files
	writeRecords(t, l, 10, 20)
	l.Close()
	got, res, err := loadAll(o, false)
	if err != nil || res.IncrFiles != 2 {
		t.Fatalf("%v %+v", err, res)
	}
	wantRecords(t, got, 0, 20)
	b, _ := os.ReadFile(first)
	os.WriteFile(first, b[:len(b)-3], 0o644)
	_, _, err = loadAll(o, true)
	if err == nil || !strings.Contains(err.Error(), "Bad file format reading the append only file "+first+" at offset") {
		t.Fatalf("truncated first file: %v", err)
	}
}

func TestLoadWithoutManifestAndMissingFiles(t *testing.T) {
	o := Options{Dir: t.TempDir()}
	res, err := Load(o, nil, func([]byte) error { return nil }, false, nil)
	if err != nil || res.Found {
		t.Fatalf("empty dir: %v %+v", err, res)
	}
	os.WriteFile(filepath.Join(o.Dir, "appendonly.aof.manifest"), []byte("file appendonly.aof.1.incr.aof seq 1 type i\n"), 0o644)
	if _, err := Load(o, nil, func([]byte) error { return nil }, false, nil); err == nil || !strings.Contains(err.Error(), "doesn't exist") {
		t.Fatalf("missing incr: %v", err)
	}
	// An error from the caller's rec stops the load and names the place.
	o2, _ := sampleLog(t, 5)
	stop := errors.New("stop")
	_, err = Load(o2, nil, func([]byte) error { return stop }, false, nil)
	if !errors.Is(err, stop) || !strings.Contains(err.Error(), "offset 32") {
		t.Fatalf("rec error: %v", err)
	}
	var calls int
	var last [2]int64
	_, err = Load(o2, nil, func([]byte) error { return nil }, false, func(d, t int64) { calls++; last = [2]int64{d, t} })
	if err != nil || calls == 0 || last[0] != last[1] || last[1] == 0 {
		t.Fatalf("progress: %v %d %v", err, calls, last)
	}
	if !bytes.HasPrefix(payload(1), []byte("rec-1-")) {
		t.Fatal("payload helper")
	}
}
