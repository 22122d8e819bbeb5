package engine

import (
	"io/fs"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/updraftdb/updraft/persistence/aof"
)

// fullDisk is the OS file layer with writes failing with ENOSPC while
// full is set.
type fullDisk struct {
	aof.OSFS
	full *atomic.Bool
}

func (d fullDisk) OpenFile(name string, flag int, perm fs.FileMode) (aof.File, error) {
	f, err := d.OSFS.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return fullFile{f, d.full}, nil
}

type fullFile struct {
	aof.File
	full *atomic.Bool
}

func (f fullFile) WriteAt(p []byte, off int64) (int, error) {
	if f.full.Load() {
		return 0, &fs.PathError{Op: "write", Path: "aof", Err: syscall.ENOSPC}
	}
	return f.File.WriteAt(p, off)
}

func (f fullFile) Write(p []byte) (int, error) {
	if f.full.Load() {
		return 0, &fs.PathError{Op: "write", Path: "aof", Err: syscall.ENOSPC}
	}
	return f.File.Write(p)
}

// TestAOFDiskFull: while the log cannot be written, writes (and PING) get
// Redis's MISCONF error and reads go on; nothing acknowledged is lost, and
// once space is back writes are accepted again.
func TestAOFDiskFull(t *testing.T) {
	dir := t.TempDir()
	var full atomic.Bool
	e, err := Open(Options{Dir: dir, AppendOnly: true, AppendFsync: "always", aofFS: fullDisk{full: &full}})
	if err != nil {
		t.Fatal(err)
	}
	c := e.NewClient(ClientOptions{})
	run(e, c, "SET", "before", "1")
	full.Store(true)
	run(e, c, "SET", "during", "1") // acknowledged in memory; the log keeps it and retries
	deadline := time.Now().Add(5 * time.Second)
	var got string
	for time.Now().Before(deadline) {
		if got = run(e, c, "SET", "x", "1"); strings.HasPrefix(got, "-MISCONF") {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if got != "-MISCONF Errors writing to the AOF file: No space left on device\r\n" {
		t.Fatalf("write while the disk is full: %q", got)
	}
	if got := run(e, c, "PING"); !strings.HasPrefix(got, "-MISCONF") {
		t.Fatalf("PING while the disk is full: %q", got)
	}
	if got := run(e, c, "GET", "before"); got != "$1\r\n1\r\n" {
		t.Fatalf("read while the disk is full: %q", got)
	}
	if got := run(e, c, "INFO", "persistence"); !strings.Contains(got, "aof_last_write_status:err") {
		t.Fatal("INFO persistence does not show the write error")
	}
	full.Store(false)
	for deadline = time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if got = run(e, c, "SET", "after", "1"); got == "+OK\r\n" {
			break
		}
	}
	if got != "+OK\r\n" {
		t.Fatalf("write once space is back: %q", got)
	}
	c.Release()
	e.Close()

	e2 := openDurable(t, dir, "always")
	defer e2.Close()
	c2 := e2.NewClient(ClientOptions{})
	defer c2.Release()
	for _, k := range []string{"before", "during", "after"} {
		if got := run(e2, c2, "GET", k); got != "$1\r\n1\r\n" {
			t.Fatalf("after restart, %s = %q", k, got)
		}
	}
}
