package aof

import (
	"bytes"
	"errors"
	"os"
	"sort"
	"strings"
	"testing"
)

func dirNames(t *testing.T, dir string) []string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func TestRewriteCommit(t *testing.T) {
	o := Options{Dir: t.TempDir(), Fsync: FsyncAlways}
	l := mustOpen(t, o)
	writeRecords(t, l, 0, 10)
	rw, err := l.StartRewrite()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.StartRewrite(); !errors.Is(err, ErrRewriteInProgress) {
		t.Fatalf("second StartRewrite: %v", err)
	}
	writeRecords(t, l, 10, 20) // after the cut: the new incr file
	rw.Base().Write([]byte("snapshot"))
	if !l.Stats().RewriteRunning {
		t.Fatal("rewrite not shown as running")
	}
	if err := rw.Commit(); err != nil {
		t.Fatal(err)
	}
	writeRecords(t, l, 20, 25)
	st := l.Stats()
	if st.Rewrites != 1 || st.BaseSize != 8 || st.RewriteRunning || !st.LastRewriteOK || st.CurrentSize != 8+st.IncrSize {
		t.Fatalf("stats %+v", st)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	want := []string{"appendonly.aof.1.base.rdb", "appendonly.aof.2.incr.aof", "appendonly.aof.manifest"}
	if got := dirNames(t, o.Dir); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("files %v, want %v", got, want)
	}
	man, _ := os.ReadFile(o.Dir + "/appendonly.aof.manifest")
	if string(man) != "file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n" {
		t.Fatalf("manifest %q", man)
	}
	got, res, err := loadAll(o, false)
	if err != nil {
		t.Fatal(err)
	}
	if string(got[0]) != "BASE:snapshot" || res.BasePath == "" {
		t.Fatalf("base %q", got[0])
	}
	wantRecords(t, got[1:], 10, 25)
}

func TestRewriteAbortKeepsEverything(t *testing.T) {
	o := Options{Dir: t.TempDir(), Fsync: FsyncEverySec}
	l := mustOpen(t, o)
	writeRecords(t, l, 0, 10)
	rw, _ := l.StartRewrite()
	writeRecords(t, l, 10, 20)
	rw.Base().Write([]byte("half a snapshot"))
	rw.Abort()
	if st := l.Stats(); st.LastRewriteOK || st.RewriteFailures != 1 {
		t.Fatalf("stats after abort %+v", st)
	}
	// A later rewrite succeeds and replaces both incr files.
	rw, err := l.StartRewrite()
	if err != nil {
		t.Fatal(err)
	}
	writeRecords(t, l, 20, 30)
	rw.Base().Write([]byte("s2"))
	if err := rw.Commit(); err != nil {
		t.Fatal(err)
	}
	l.Close()
	got, res, err := loadAll(o, false)
	if err != nil || res.IncrFiles != 1 || string(got[0]) != "BASE:s2" {
		t.Fatalf("%v %+v", err, res)
	}
	wantRecords(t, got[1:], 20, 30)
}

// TestRewriteCrashAtEveryStep stops every file change from some point of
// Commit on, as a crash there would, and checks that the directory then
// loads either the old state (all incr records) or the new one (base plus
// the records after the cut), never a mix or an error.
func TestRewriteCrashAtEveryStep(t *testing.T) {
	sawOld, sawNew := false, false
	for k := 0; ; k++ {
		fsys := newFaultFS()
		o := Options{Dir: t.TempDir(), Fsync: FsyncAlways, FS: fsys}
		l := mustOpen(t, o)
		writeRecords(t, l, 0, 10)
		rw, err := l.StartRewrite()
		if err != nil {
			t.Fatal(err)
		}
		writeRecords(t, l, 10, 20)
		rw.Base().Write([]byte("snap"))
		fsys.set(func(f *faultFS) { f.budget = k })
		cerr := rw.Commit()
		l.Close()
		fsys.set(func(f *faultFS) { f.budget = -1 })

		plain := Options{Dir: o.Dir}
		got, _, err := loadAll(plain, false)
		if err != nil {
			t.Fatalf("crash after %d steps: %v", k, err)
		}
		if len(got) > 0 && bytes.Equal(got[0], []byte("BASE:snap")) {
			sawNew = true
			wantRecords(t, got[1:], 10, 20)
		} else {
			sawOld = true
			wantRecords(t, got, 0, 20)
		}
		// Reopening cleans up and keeps the same data.
		l2 := mustOpen(t, plain)
		writeRecords(t, l2, 20, 22)
		l2.Close()
		again, _, err := loadAll(plain, false)
		if err != nil || len(again) != len(got)+2 {
			t.Fatalf("crash after %d steps, reopened: %v, %d records", k, err, len(again))
		}
		for _, n := range dirNames(t, o.Dir) {
			if strings.HasPrefix(n, "temp-") {
				t.Fatalf("crash after %d steps: %s left after reopening", k, n)
			}
		}
		if cerr == nil {
			break
		}
		if k > 100 {
			t.Fatal("Commit never succeeds")
		}
	}
	if !sawOld || !sawNew {
		t.Fatalf("old state seen %v, new state seen %v", sawOld, sawNew)
	}
}
