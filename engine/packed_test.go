package engine

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/updraftdb/updraft/internal/resp"
)

// The size class table matches the runtime's.
func TestMallocSize(t *testing.T) {
	for n := 1; n <= 32768; n++ {
		if got, want := mallocSize(n), cap(allocPacked(n)); got != want {
			t.Fatalf("mallocSize(%d) = %d, runtime %d", n, got, want)
		}
	}
}

// packAll packs every queued collection of every shard.
func packAll(e *Engine) {
	for i := range e.shards {
		sh := &e.shards[i]
		sh.lock()
		sh.packSome(1 << 30)
		sh.mu.Unlock()
	}
}

// objIn returns the object table entry of key.
func objIn(t *testing.T, c *Client, key string) any {
	t.Helper()
	sh, d, h32 := c.lockKey([]byte(key))
	defer sh.mu.Unlock()
	h := sh.find(d, []byte(key), h32)
	if h == 0 {
		t.Fatalf("%s: missing", key)
	}
	return sh.objs[sh.rec(h).objIdx()]
}

// A packed collection answers every generic command as its full form did,
// expands for commands and packs again; listpackex hashes and big
// encodings stay as they are.
func TestPackedCollections(t *testing.T) {
	e := srvOpen(t, Options{})
	c := e.NewClient(ClientOptions{})
	for j := 1; j <= 5; j++ {
		s := strconv.Itoa(j)
		srvRun(t, c, "ZADD", "z", s+".5", "m"+s)
		srvRun(t, c, "SADD", "s", s)
		srvRun(t, c, "HSET", "h", "field"+s, "value"+s)
		srvRun(t, c, "HSET", "hx", "field"+s, "value"+s)
		srvRun(t, c, "SADD", "big", "x"+s)
	}
	srvRun(t, c, "HPEXPIRE", "hx", "100000", "FIELDS", "1", "field1")
	keys := []string{"z", "s", "h", "hx", "big"}
	type view struct{ typ, enc, dump, usage string }
	look := func(k string) view {
		var v view
		v.typ = string(srvRun(t, c, "TYPE", k).Str)
		v.enc = string(srvRun(t, c, "OBJECT", "ENCODING", k).Str)
		v.dump = string(srvRun(t, c, "DUMP", k).Str)
		if u := srvRun(t, c, "MEMORY", "USAGE", k); u.Kind == resp.KindInt {
			v.usage = strconv.FormatInt(u.Int, 10)
		}
		return v
	}
	before := map[string]view{}
	for _, k := range keys {
		before[k] = look(k)
	}
	packAll(e)
	for _, k := range keys {
		_, packed := objIn(t, c, k).(packedObj)
		if want := k == "z" || k == "s" || k == "h"; packed != want {
			t.Fatalf("%s: packed %v, want %v", k, packed, want)
		}
		after := look(k)
		if after.typ != before[k].typ || after.enc != before[k].enc || after.dump != before[k].dump {
			t.Fatalf("%s: packed %+v, was %+v", k, after, before[k])
		}
		if packed {
			if a, _ := strconv.Atoi(after.usage); a >= mustAtoi(t, before[k].usage) {
				t.Errorf("%s: MEMORY USAGE %s packed, %s unpacked", k, after.usage, before[k].usage)
			}
		}
	}
	// COPY of a packed key, then commands on both.
	srvRun(t, c, "COPY", "z", "z2")
	packAll(e)
	if _, ok := objIn(t, c, "z2").(packedObj); !ok {
		t.Fatalf("z2: COPY of a packed key is %T", objIn(t, c, "z2"))
	}
	srvRun(t, c, "ZADD", "z", "9", "m9")
	if _, ok := objIn(t, c, "z").(*zset); !ok {
		t.Fatalf("z: not expanded by ZADD")
	}
	if v := srvRun(t, c, "ZCARD", "z"); v.Int != 6 {
		t.Fatalf("ZCARD z = %d", v.Int)
	}
	if v := srvRun(t, c, "ZSCORE", "z2", "m3"); string(v.Str) != "3.5" {
		t.Fatalf("ZSCORE z2 m3 = %q", v.Str)
	}
	if v := srvRun(t, c, "SISMEMBER", "s", "4"); v.Int != 1 {
		t.Fatalf("SISMEMBER s 4 = %d", v.Int)
	}
	if v := srvRun(t, c, "HGET", "h", "field2"); string(v.Str) != "value2" {
		t.Fatalf("HGET h field2 = %q", v.Str)
	}
	packAll(e)
	if _, ok := objIn(t, c, "z").(packedObj); !ok {
		t.Fatalf("z: not packed again")
	}
	v := srvRun(t, c, "ZRANGE", "z", "0", "-1", "WITHSCORES")
	var got [][]byte
	for _, x := range v.Elems {
		got = append(got, x.Str)
	}
	if want := []byte("m1 1.5 m2 2.5 m3 3.5 m4 4.5 m5 5.5 m9 9"); !bytes.Equal(bytes.Join(got, []byte(" ")), want) {
		t.Fatalf("ZRANGE z: %q", bytes.Join(got, []byte(" ")))
	}
	srvRun(t, c, "DEL", "z", "z2", "s", "h")
	packAll(e)
	if v := srvRun(t, c, "EXISTS", "z", "s", "h"); v.Int != 0 {
		t.Fatalf("EXISTS after DEL = %d", v.Int)
	}
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return n
}

// BenchmarkPackExpand times the cycle a key touched between two cron ticks
// goes through: packed in place, then expanded by a read (ZSCORE).
func BenchmarkPackExpand(b *testing.B) {
	s := newStrBench(b, 0)
	key := s.key(0, 1)
	for j, m := range smallMembers {
		s.exec(bZADD, key, []byte(strconv.Itoa(j)), m)
	}
	zscore := []byte("ZSCORE")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sh, _, _ := s.c.lockKey(key)
		sh.packSome(1)
		sh.mu.Unlock()
		s.exec(zscore, key, smallMembers[2])
	}
}
