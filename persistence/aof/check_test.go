package aof

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	o, data := sampleLog(t, 20)
	ends := recordEnds(data)
	man := filepath.Join(o.Dir, "appendonly.aof.manifest")
	out, err := Check(man, false)
	if err != nil || !strings.Contains(out, "All AOF files and manifest are valid") {
		t.Fatalf("valid log: %v\n%s", err, out)
	}

	// Torn tail: refused without fix, truncated with it.
	c := cloneLog(t, o, data[:len(data)-5])
	cman := filepath.Join(c.Dir, "appendonly.aof.manifest")
	out, err = Check(cman, false)
	if err == nil || !strings.Contains(out, "ok_up_to="+strconv.Itoa(ends[18])) || !strings.Contains(out, "torn tail") {
		t.Fatalf("torn tail without fix: %v\n%s", err, out)
	}
	out, err = Check(cman, true)
	if err != nil || !strings.Contains(out, "Successfully truncated") {
		t.Fatalf("fix: %v\n%s", err, out)
	}
	got, _, err := loadAll(c, false)
	if err != nil {
		t.Fatal(err)
	}
	wantRecords(t, got, 0, 19)

	// A flipped byte in the middle of the last file: fix keeps the records
	// before it (and says so); the incr file can be checked on its own.
	bad := append([]byte(nil), data...)
	bad[ends[9]+recHeaderSize+1] ^= 0x40
	c = cloneLog(t, o, bad)
	incr := lastIncr(t, c)
	if out, err := Check(incr, false); err == nil || !strings.Contains(out, "Bad file format") {
		t.Fatalf("flip: %v\n%s", err, out)
	}
	if out, err := Check(incr, true); err != nil || !strings.Contains(out, "10 records kept") {
		t.Fatalf("fix flip: %v\n%s", err, out)
	}
	got, _, err = loadAll(c, false)
	if err != nil {
		t.Fatal(err)
	}
	wantRecords(t, got, 0, 10)
}

func TestCheckCannotFixEarlierFile(t *testing.T) {
	o := Options{Dir: t.TempDir()}
	l := mustOpen(t, o)
	writeRecords(t, l, 0, 5)
	first := lastIncr(t, o)
	rw, _ := l.StartRewrite()
	rw.Abort()
	writeRecords(t, l, 5, 10)
	l.Close()
	b, _ := os.ReadFile(first)
	os.WriteFile(first, b[:len(b)-1], 0o644)
	out, err := Check(filepath.Join(o.Dir, "appendonly.aof.manifest"), true)
	if err == nil || !strings.Contains(out, "Cannot fix") {
		t.Fatalf("%v\n%s", err, out)
	}
	if _, err := Check(filepath.Join(o.Dir, "missing.manifest"), false); err == nil {
		t.Fatal("missing manifest accepted")
	}
}
