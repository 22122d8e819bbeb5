package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/updraftdb/updraft/engine"
)

// writeTestRDB writes a file of n string keys in db 0 and one in db 3.
func writeTestRDB(t *testing.T, path string, n int) {
	t.Helper()
	e, err := engine.Open(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	c := e.NewClient(engine.ClientOptions{})
	for i := 0; i < n; i++ {
		e.Exec(c, [][]byte{[]byte("SET"), []byte("k" + strconv.Itoa(i)), []byte("v")})
	}
	e.Exec(c, [][]byte{[]byte("SELECT"), []byte("3")})
	e.Exec(c, [][]byte{[]byte("RPUSH"), []byte("list"), []byte("a"), []byte("b")})
	var buf bytes.Buffer
	if err := e.WriteRDB(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestImportRDB(t *testing.T) {
	src := filepath.Join(t.TempDir(), "in.rdb")
	writeTestRDB(t, src, 100)
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if rc := run([]string{"import-rdb", src, "--dir", dir}, nil, &out, &errOut); rc != 0 {
		t.Fatalf("rc %d: %s", rc, errOut.String())
	}
	for _, want := range []string{"db0: 100 keys", "db3: 1 keys", "checksum OK"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("output lacks %q:\n%s", want, out.String())
		}
	}
	// The result loads, with every key.
	e, err := engine.Open(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if n, err := e.LoadRDBFile(filepath.Join(dir, "dump.rdb"), nil); err != nil || n != 101 {
		t.Fatalf("loaded %d keys: %v", n, err)
	}

	// Existing data is not overwritten without --force.
	out.Reset()
	errOut.Reset()
	if rc := run([]string{"import-rdb", src, "--dir", dir}, nil, &out, &errOut); rc != 1 ||
		!strings.Contains(errOut.String(), "--force") {
		t.Fatalf("second import: rc %d, %q", rc, errOut.String())
	}
	aofDir := t.TempDir()
	if err := os.Mkdir(filepath.Join(aofDir, "appendonlydir"), 0o755); err != nil {
		t.Fatal(err)
	}
	if rc := run([]string{"import-rdb", src, "--dir", aofDir}, nil, &out, &errOut); rc != 1 {
		t.Fatalf("import over an appendonlydir: rc %d", rc)
	}
	if rc := run([]string{"import-rdb", src, "--dir", dir, "--force"}, nil, &out, &errOut); rc != 0 {
		t.Fatalf("--force: rc %d: %s", rc, errOut.String())
	}

	// A corrupt file is refused with its offset, and nothing is written.
	b, _ := os.ReadFile(src)
	b[len(b)/2] ^= 0x55
	bad := filepath.Join(t.TempDir(), "bad.rdb")
	os.WriteFile(bad, b, 0o644)
	empty := t.TempDir()
	errOut.Reset()
	if rc := run([]string{"import-rdb", bad, "--dir", empty}, nil, &out, &errOut); rc != 1 ||
		!strings.Contains(errOut.String(), "offset") {
		t.Fatalf("corrupt file: rc %d, %q", rc, errOut.String())
	}
	if _, err := os.Stat(filepath.Join(empty, "dump.rdb")); err == nil {
		t.Fatal("a corrupt import wrote dump.rdb")
	}
	if rc := run([]string{"import-rdb"}, nil, &out, &errOut); rc != 2 {
		t.Fatalf("no file: rc %d", rc)
	}
}
