package aof

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad loads arbitrary bytes as the only incr file of a log. Load must
// never panic or allocate a bogus length; what it accepts strictly must be
// the file's whole valid record chain, and what it accepts with
// aof-load-truncated must be a prefix of that chain, cut off the file.
// Seeds: a valid log, a torn one, a flipped one (testdata/fuzz/FuzzLoad).
func FuzzLoad(f *testing.F) {
	var good []byte
	good = appendHeader(good, 1)
	for i := 0; i < 4; i++ {
		good = AppendRecord(good, payload(i))
	}
	f.Add(good)
	f.Add(good[:len(good)-3])
	f.Add(append(append([]byte(nil), good...), make([]byte, 40)...))
	f.Add(appendHeader(nil, 9)[:20])
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		o := Options{Dir: dir}
		os.WriteFile(filepath.Join(dir, "appendonly.aof.manifest"), []byte("file appendonly.aof.1.incr.aof seq 1 type i\n"), 0o644)
		path := filepath.Join(dir, "appendonly.aof.1.incr.aof")
		os.WriteFile(path, data, 0o644)
		var chain [][]byte
		chainEnd := 0
		if headerProblem(data) == "" {
			chainEnd = headerSize
			body := data[headerSize:]
			for off := 0; ; {
				n, _ := scanRecords(body[off:])
				if n == 0 {
					break
				}
				l, _ := recordLen(body[off:])
				chain = append(chain, body[off+recHeaderSize:off+recHeaderSize+int(l)])
				off += recHeaderSize + int(l)
				chainEnd = headerSize + off
			}
		}
		got, _, err := loadAll(o, false)
		if err == nil {
			if chainEnd != len(data) || !sameRecords(got, chain) {
				t.Fatalf("strict load accepted %d records of a file whose valid chain is %d records, %d of %d bytes",
					len(got), len(chain), chainEnd, len(data))
			}
			return
		}
		got, res, err := loadAll(o, true)
		if err != nil {
			return
		}
		if len(got) > len(chain) || !sameRecords(got, chain[:len(got)]) {
			t.Fatalf("truncated load is not a prefix of the valid chain")
		}
		fi, _ := os.Stat(path)
		if res.Truncated && fi.Size() != res.TruncatedAt {
			t.Fatalf("file is %d bytes after truncating at %d", fi.Size(), res.TruncatedAt)
		}
		Check(path, false)
	})
}

func sameRecords(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}
