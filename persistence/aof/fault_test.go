package aof

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// submitRange submits payload(from..to-1) without waiting.
func submitRange(l *Log, from, to int) uint64 {
	var seq uint64
	for i := from; i < to; i++ {
		seq = l.Reserve()
		l.Submit(seq, payload(i))
	}
	return seq
}

func TestWriteFaults(t *testing.T) {
	cases := []struct {
		name    string
		policy  Fsync
		short   int
		truncOK bool
	}{
		{"always-enospc", FsyncAlways, 0, true},
		{"everysec-short-write-then-enospc", FsyncEverySec, 7, true},
		{"no-short-write-truncate-fails-too", FsyncNo, 20, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := newFaultFS()
			o := Options{Dir: t.TempDir(), Fsync: c.policy, FS: fsys}
			l := mustOpen(t, o)
			writeRecords(t, l, 0, 5)
			fsys.set(func(f *faultFS) {
				f.writeErr, f.shortWrite = syscall.ENOSPC, c.short
				if !c.truncOK {
					f.truncErr = syscall.ENOSPC
				}
			})
			last := submitRange(l, 5, 50)
			eventually(t, "the write error", func() bool { return l.Err() != nil })
			if !strings.Contains(l.Err().Error(), "no space left on device") {
				t.Fatalf("Err() = %v", l.Err())
			}
			if err := l.WaitDurable(last); err == nil {
				t.Fatal("WaitDurable succeeded while writes fail")
			}
			if st := l.Stats(); st.LastWriteOK || st.Durable != 5 || st.PendingBytes == 0 {
				t.Fatalf("stats while failing: %+v", st)
			}
			time.Sleep(1100 * time.Millisecond) // at least one failed retry
			if d := l.Durable(); d != 5 {
				t.Fatalf("Durable moved to %d while failing", d)
			}
			fsys.set(func(f *faultFS) { f.writeErr, f.truncErr = nil, nil })
			eventually(t, "recovery", func() bool { return l.Durable() == last && l.Err() == nil })
			writeRecords(t, l, 50, 60)
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
			got, _, err := loadAll(o, false) // strict: no torn record anywhere
			if err != nil {
				t.Fatal(err)
			}
			wantRecords(t, got, 0, 60)
		})
	}
}

func TestFsyncFaults(t *testing.T) {
	t.Run("always-eio", func(t *testing.T) {
		fsys := newFaultFS()
		o := Options{Dir: t.TempDir(), Fsync: FsyncAlways, FS: fsys}
		l := mustOpen(t, o)
		writeRecords(t, l, 0, 3)
		fsys.set(func(f *faultFS) { f.syncErr = syscall.EIO })
		last := submitRange(l, 3, 30)
		eventually(t, "the fsync error", func() bool { return l.Err() != nil })
		if !strings.Contains(l.Err().Error(), "input/output error") || l.Durable() != 3 {
			t.Fatalf("Err() = %v, Durable %d", l.Err(), l.Durable())
		}
		fsys.set(func(f *faultFS) { f.syncErr = nil })
		if err := waitDurableRetrying(l, last); err != nil {
			t.Fatal(err)
		}
		if l.Err() != nil {
			t.Fatal(l.Err())
		}
		l.Close()
		got, _, err := loadAll(o, false)
		if err != nil {
			t.Fatal(err)
		}
		wantRecords(t, got, 0, 30)
	})
	t.Run("everysec-eio", func(t *testing.T) {
		fsys := newFaultFS()
		o := Options{Dir: t.TempDir(), Fsync: FsyncEverySec, FS: fsys}
		l := mustOpen(t, o)
		fsys.set(func(f *faultFS) { f.syncErr = syscall.EIO })
		writeRecords(t, l, 0, 10) // written: Durable under everysec
		eventually(t, "the background fsync error", func() bool { return l.Err() != nil })
		if st := l.Stats(); st.LastWriteOK || !strings.Contains(st.LastWriteError, "input/output error") {
			t.Fatalf("stats %+v", st)
		}
		fsys.set(func(f *faultFS) { f.syncErr = nil })
		eventually(t, "the fsync retry", func() bool { return l.Err() == nil })
		l.Close()
		got, _, err := loadAll(o, false)
		if err != nil {
			t.Fatal(err)
		}
		wantRecords(t, got, 0, 10)
	})
	t.Run("close-while-failing", func(t *testing.T) {
		fsys := newFaultFS()
		o := Options{Dir: t.TempDir(), Fsync: FsyncAlways, FS: fsys}
		l := mustOpen(t, o)
		writeRecords(t, l, 0, 3)
		fsys.set(func(f *faultFS) { f.writeErr = syscall.ENOSPC })
		submitRange(l, 3, 6)
		eventually(t, "the write error", func() bool { return l.Err() != nil })
		if err := l.Close(); err == nil || !strings.Contains(err.Error(), "unwritten") {
			t.Fatalf("Close while failing = %v", err)
		}
	})
}

// waitDurableRetrying waits for seq through WaitDurable, which returns the
// write error while the log is failing.
func waitDurableRetrying(l *Log, seq uint64) error {
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := l.WaitDurable(seq)
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(dir+"/appendonly.aof.manifest", []byte("file x seq 1\n"), 0o644)
	if _, err := Open(Options{Dir: dir}); err == nil || !strings.Contains(err.Error(), "Invalid AOF manifest file format") {
		t.Fatalf("bad manifest: %v", err)
	}
	os.WriteFile(dir+"/appendonly.aof.manifest", []byte("file a.incr.aof seq 1 type i\n"), 0o644)
	os.WriteFile(dir+"/a.incr.aof", []byte("this is not an updraft log at all"), 0o644)
	if _, err := Open(Options{Dir: dir}); err == nil || !strings.Contains(err.Error(), "bad magic") {
		t.Fatalf("foreign incr file: %v", err)
	}
}
