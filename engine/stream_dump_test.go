package engine

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/updraftdb/updraft/internal/resp"
	"github.com/updraftdb/updraft/persistence/rdb"
)

// readRedisPayload reads a DUMP payload redis-server saved in Go's fuzz
// corpus format.
func readRedisPayload(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	lit := strings.TrimSuffix(strings.TrimPrefix(lines[len(lines)-1], "[]byte("), ")")
	payload, err := strconv.Unquote(lit)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return payload
}

// TestStreamRestoreRedisPayloads restores streams redis-server 7.0.15
// dumped (groups, PELs, consumers, deleted entries, many nodes, empty
// streams) and dumps them again: the payload must come back byte for byte,
// so the engine rebuilt Redis's nodes, counters and groups exactly.
func TestStreamRestoreRedisPayloads(t *testing.T) {
	e, c := ksEngine(t, Options{})
	files, _ := filepath.Glob("../persistence/rdb/testdata/stream_dumps/redis_*")
	if len(files) < 6 {
		t.Fatalf("found %d payloads", len(files))
	}
	for _, f := range files {
		key := filepath.Base(f)
		payload := readRedisPayload(t, f)
		ksOK(t, e, c, "RESTORE", key, "0", payload)
		v := ksDo(t, e, c, "DUMP", key)
		if v.Kind != resp.KindBulk || string(v.Str) != payload {
			t.Errorf("%s: DUMP after RESTORE differs from Redis's payload", key)
		}
		if v := ksDo(t, e, c, "TYPE", key); string(v.Str) != "stream" {
			t.Errorf("%s: TYPE %q", key, v.Str)
		}
		// The stream is usable: a full XINFO walks entries and groups.
		if v := ksDo(t, e, c, "XINFO", "STREAM", key, "FULL"); v.Kind == resp.KindError {
			t.Errorf("%s: XINFO STREAM FULL: %s", key, v.Str)
		}
	}
	if n := ksInt(t, e, c, "XLEN", "redis_stream_large"); n != 636 {
		t.Fatalf("XLEN %d", n)
	}
	// A restored stream goes on splitting nodes as one never dumped: the
	// same XADDs on it and on a copy restored from its dump give the same
	// payload.
	payload := ksDo(t, e, c, "DUMP", "redis_stream_hundred").Str
	ksOK(t, e, c, "RESTORE", "copy", "0", string(payload))
	for i := 0; i < 150; i++ {
		// The same explicit ID on both: "*" could fall on different
		// milliseconds.
		id := strconv.Itoa(1e13+i) + "-0"
		for _, k := range []string{"redis_stream_hundred", "copy"} {
			ksDo(t, e, c, "XADD", k, id, "f", strconv.Itoa(i), "pad", strings.Repeat("p", i%90))
		}
	}
	a := ksDo(t, e, c, "DUMP", "redis_stream_hundred").Str
	b := ksDo(t, e, c, "DUMP", "copy").Str
	if !bytes.Equal(a, b) {
		t.Fatal("a restored stream grew differently from the original")
	}
}

// TestStreamNodeSizeMatchesListpack checks that the Redis listpack size a
// node tracks (for stream-node-max-bytes) is the size persistence/rdb
// writes, for nodes built by XADD and by RESTORE alike.
func TestStreamNodeSizeMatchesListpack(t *testing.T) {
	e, c := ksEngine(t, Options{})
	vals := []string{"1", "-1", "127", "128", "-4096", "4095", "70000", "-9000000", "3000000000",
		"-9223372036854775808", "007", "-0", "+5", " 1", "x", strings.Repeat("y", 70), strings.Repeat("z", 5000), ""}
	for i := 0; i < 400; i++ {
		args := []string{"XADD", "s", strconv.Itoa(1+i/3) + "-" + strconv.Itoa(i%3*5000)}
		if i%4 == 0 {
			args = append(args, "f"+strconv.Itoa(i%3), vals[i%len(vals)])
		} else {
			args = append(args, "f", vals[i%len(vals)], "g", vals[(i*7)%len(vals)])
		}
		ksDo(t, e, c, args...)
		if i%9 == 0 {
			ksDo(t, e, c, "XDEL", "s", args[2])
		}
	}
	payload := ksDo(t, e, c, "DUMP", "s").Str
	ksOK(t, e, c, "RESTORE", "r", "0", string(payload))
	for _, key := range []string{"s", "r"} {
		sh, d, h32 := c.lockKey([]byte(key))
		h := c.lookupRead(sh, d, []byte(key), h32)
		s := sh.objectAt(h).(*stream)
		if len(s.nodes) < 3 {
			t.Fatalf("%s: %d nodes", key, len(s.nodes))
		}
		for i := range s.nodes {
			rn := s.nodes[i].dumpNode()
			if got, want := s.nodes[i].lpBytes(), int64(len(rdb.AppendStreamListpack(nil, &rn))); got != want {
				t.Errorf("%s node %d: tracked size %d, listpack %d", key, i, got, want)
			}
		}
		sh.mu.Unlock()
	}
}

func TestStreamRestoreOptionsAndErrors(t *testing.T) {
	e, c := ksEngine(t, Options{})
	payload := readRedisPayload(t, "../persistence/rdb/testdata/stream_dumps/redis_stream_small")
	ksOK(t, e, c, "RESTORE", "s", "0", payload)
	if v := ksDo(t, e, c, "RESTORE", "s", "0", payload); v.Kind != resp.KindError || !strings.HasPrefix(string(v.Str), "BUSYKEY") {
		t.Fatalf("RESTORE over a key: %q", c.W.Buf)
	}
	ksOK(t, e, c, "RESTORE", "s", "100000", payload, "REPLACE", "IDLETIME", "100")
	if ttl := ksInt(t, e, c, "PTTL", "s"); ttl <= 0 || ttl > 100000 {
		t.Fatalf("PTTL %d", ttl)
	}
	if n := ksInt(t, e, c, "XACK", "s", "g", "1-1"); n != 1 {
		t.Fatalf("XACK %d", n)
	}
	v := ksDo(t, e, c, "XPENDING", "s", "g")
	if v.Kind != resp.KindArray || v.Elems[0].Int != 1 || string(v.Elems[1].Str) != "1-2" {
		t.Fatalf("XPENDING %q", c.W.Buf)
	}
	// A payload whose consumer owns an ID the group has not pending.
	sv, err := rdb.ParseDump([]byte(payload))
	if err != nil {
		t.Fatal(err)
	}
	sv.Stream.Groups[0].Consumers[0].PEL = append(sv.Stream.Groups[0].Consumers[0].PEL, rdb.StreamID{Ms: 9})
	bad := rdb.AppendDump(nil, sv)
	if v := ksDo(t, e, c, "RESTORE", "t", "0", string(bad)); v.Kind != resp.KindError || string(v.Str) != "ERR Bad data format" {
		t.Fatalf("bad payload: %q", c.W.Buf)
	}
}
