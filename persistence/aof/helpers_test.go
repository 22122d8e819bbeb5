package aof

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// payload is record i's deterministic content, of varying length.
func payload(i int) []byte {
	b := []byte("rec-" + strconv.Itoa(i) + "-")
	for j := 0; j < i%37; j++ {
		b = append(b, byte('a'+j%26))
	}
	return b
}

// loadAll loads dir's log and returns the records' payloads.
func loadAll(o Options, truncatedOK bool) ([][]byte, LoadResult, error) {
	var recs [][]byte
	res, err := Load(o, func(path string, r io.Reader) error {
		b, err := io.ReadAll(r)
		recs = append(recs, append([]byte("BASE:"), b...))
		return err
	}, func(p []byte) error {
		recs = append(recs, append([]byte(nil), p...))
		return nil
	}, truncatedOK, nil)
	return recs, res, err
}

// writeRecords appends payload(from..to-1) in order and waits until durable.
func writeRecords(t testing.TB, l *Log, from, to int) {
	t.Helper()
	var seq uint64
	for i := from; i < to; i++ {
		seq = l.Reserve()
		l.Submit(seq, payload(i))
	}
	if err := l.WaitDurable(seq); err != nil {
		t.Fatal(err)
	}
}

// wantRecords fails unless got is exactly payload(from..to-1).
func wantRecords(t testing.TB, got [][]byte, from, to int) {
	t.Helper()
	if len(got) != to-from {
		t.Fatalf("got %d records, want %d", len(got), to-from)
	}
	for i, g := range got {
		if !bytes.Equal(g, payload(from+i)) {
			t.Fatalf("record %d = %q, want %q", i, g, payload(from+i))
		}
	}
}

func mustOpen(t testing.TB, o Options) *Log {
	t.Helper()
	l, err := Open(o)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// lastIncr returns the path of the manifest's last incr file.
func lastIncr(t testing.TB, o Options) string {
	t.Helper()
	m, ok, err := readManifest(o.fs(), o.Dir, o.fileName())
	if err != nil || !ok {
		t.Fatalf("manifest: %v %v", ok, err)
	}
	return filepath.Join(o.Dir, m.incrs[len(m.incrs)-1].name)
}

// eventually polls cond for up to 5 s.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// faultFS is the OS file layer with injectable faults: write and sync
// errors, short writes, and a freeze after a number of mutating calls
// (every later change fails, as if the process had died there).
type faultFS struct {
	OSFS
	mu         sync.Mutex
	writeErr   error // returned by writes
	shortWrite int   // bytes a failing write still writes
	syncErr    error // returned by Sync
	renameErr  error // returned by Rename
	truncErr   error // returned by Truncate
	budget     int   // mutating calls left before the freeze; <0 = no limit
	ops        int   // mutating calls made
}

var errFrozen = errors.New("frozen (simulated crash)")

func newFaultFS() *faultFS { return &faultFS{budget: -1} }

// mutate counts one mutating call and says whether it may proceed.
func (f *faultFS) mutate() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ops++
	if f.budget == 0 {
		return errFrozen
	}
	if f.budget > 0 {
		f.budget--
	}
	return nil
}

func (f *faultFS) set(fn func(f *faultFS)) {
	f.mu.Lock()
	fn(f)
	f.mu.Unlock()
}

func (f *faultFS) OpenFile(name string, flag int, perm fs.FileMode) (File, error) {
	if flag&(os.O_CREATE|os.O_TRUNC) != 0 {
		if err := f.mutate(); err != nil {
			return nil, err
		}
	}
	file, err := f.OSFS.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return &faultFile{File: file, fs: f}, nil
}

func (f *faultFS) Rename(o, n string) error {
	if err := f.mutate(); err != nil {
		return err
	}
	f.mu.Lock()
	err := f.renameErr
	f.mu.Unlock()
	if err != nil {
		return err
	}
	return f.OSFS.Rename(o, n)
}

func (f *faultFS) Remove(name string) error {
	if err := f.mutate(); err != nil {
		return err
	}
	return f.OSFS.Remove(name)
}

func (f *faultFS) SyncDir(dir string) error {
	if err := f.mutate(); err != nil {
		return err
	}
	return f.OSFS.SyncDir(dir)
}

type faultFile struct {
	File
	fs *faultFS
}

func (f *faultFile) WriteAt(b []byte, off int64) (int, error) {
	if err := f.fs.mutate(); err != nil {
		return 0, err
	}
	f.fs.mu.Lock()
	werr, short := f.fs.writeErr, f.fs.shortWrite
	f.fs.mu.Unlock()
	if werr != nil {
		n := min(short, len(b))
		if n > 0 {
			f.File.WriteAt(b[:n], off)
		}
		return n, werr
	}
	return f.File.WriteAt(b, off)
}

func (f *faultFile) Write(b []byte) (int, error) {
	if err := f.fs.mutate(); err != nil {
		return 0, err
	}
	f.fs.mu.Lock()
	werr := f.fs.writeErr
	f.fs.mu.Unlock()
	if werr != nil {
		return 0, werr
	}
	return f.File.Write(b)
}

func (f *faultFile) Sync() error {
	if err := f.fs.mutate(); err != nil {
		return err
	}
	f.fs.mu.Lock()
	err := f.fs.syncErr
	f.fs.mu.Unlock()
	if err != nil {
		return err
	}
	return f.File.Sync()
}

func (f *faultFile) Truncate(n int64) error {
	if err := f.fs.mutate(); err != nil {
		return err
	}
	f.fs.mu.Lock()
	err := f.fs.truncErr
	f.fs.mu.Unlock()
	if err != nil {
		return err
	}
	return f.File.Truncate(n)
}
