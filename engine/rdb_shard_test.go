package engine

import (
	"bytes"
	"io"
	"strconv"
	"testing"
	"time"

	"github.com/updraftdb/updraft/persistence/rdb"
)

// TestShardAppendRDB builds a file from each shard's appendRDB chunk, as a
// shard-by-shard snapshot does, and reads it back: every live key once,
// in its database, expired keys left out, the shards left unchanged.
func TestShardAppendRDB(t *testing.T) {
	e, c := ksEngine(t, Options{})
	for i := 0; i < 3000; i++ {
		ksOK(t, e, c, "SET", "k"+strconv.Itoa(i), strconv.Itoa(i))
	}
	ksOK(t, e, c, "SELECT", "2")
	ksInt(t, e, c, "RPUSH", "list", "a", "b")
	ksOK(t, e, c, "SET", "dying", "x", "PX", "1")
	time.Sleep(3 * time.Millisecond)
	var buf bytes.Buffer
	fw := rdb.NewFileWriter(&buf, e.rdbVersion())
	now := time.Now().UnixMilli()
	for i := range e.shards {
		sh := &e.shards[i]
		sh.lock()
		before := sh.slab
		chunk := sh.appendRDB(nil, now)
		if len(sh.slab.pages) != len(before.pages) {
			t.Fatal("appendRDB changed the shard")
		}
		sh.mu.Unlock()
		fw.WriteRaw(chunk)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	fr, err := rdb.NewFileReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for {
		rec, err := fr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec.Kind == rdb.RecordEntry {
			seen[strconv.Itoa(rec.DB)+"/"+string(rec.Key)]++
		}
	}
	if len(seen) != 3001 || seen["2/list"] != 1 || seen["0/k2999"] != 1 || seen["2/dying"] != 0 {
		t.Fatalf("%d keys read back (list %d, dying %d)", len(seen), seen["2/list"], seen["2/dying"])
	}
	for k, n := range seen {
		if n != 1 {
			t.Fatalf("%s written %d times", k, n)
		}
	}
}
