package engine

import (
	"strconv"
	"testing"

	"github.com/updraftdb/updraft/internal/resp"
)

// MEMORY PURGE replies OK and leaves used_memory no higher than the live
// data: garbage made by reallocating collections is gone after it.
func TestMemoryPurge(t *testing.T) {
	e := srvOpen(t, Options{})
	c := e.NewClient(ClientOptions{})
	srvWantOK(t, srvRun(t, c, "MEMORY", "PURGE"), "MEMORY PURGE")
	if v := srvRun(t, c, "MEMORY", "PURGE", "x"); v.Kind != resp.KindError {
		t.Fatalf("MEMORY PURGE x: got %c %q, want an arity error", v.Kind, v.Str)
	}
	for i := 0; i < 2000; i++ {
		k := "k" + strconv.Itoa(i)
		for j := 0; j < 5; j++ {
			srvRun(t, c, "ZADD", k, strconv.Itoa(j), "m"+strconv.Itoa(j))
		}
	}
	srvWantOK(t, srvRun(t, c, "MEMORY", "PURGE"), "MEMORY PURGE")
	before := e.MemoryStats().Used
	srvWantOK(t, srvRun(t, c, "MEMORY", "PURGE"), "MEMORY PURGE")
	if after := e.MemoryStats().Used; after > before+64<<10 {
		t.Fatalf("used_memory grew from %d to %d across a second purge", before, after)
	}
}

// Small collections hold their packed blob in its malloc size class, not a
// doubled capacity, and MEMORY USAGE counts what they hold.
func TestSmallCollectionsExactSize(t *testing.T) {
	e := srvOpen(t, Options{})
	c := e.NewClient(ClientOptions{})
	cities := [][3]string{{"13.361389", "38.115556", "Palermo"}, {"15.087269", "37.502669", "Catania"},
		{"12.496366", "41.902782", "Rome"}, {"9.189982", "45.464204", "Milan"}, {"14.268124", "40.851775", "Naples"}}
	for _, ct := range cities {
		srvRun(t, c, "GEOADD", "geo", ct[0], ct[1], ct[2])
	}
	for j := 1; j <= 5; j++ {
		s := strconv.Itoa(j)
		srvRun(t, c, "ZADD", "z", s, "m"+s)
		srvRun(t, c, "SADD", "s", s)
		srvRun(t, c, "RPUSH", "l", "item"+s)
		srvRun(t, c, "HSET", "h", "field"+s, "value"+s)
	}
	blobs := map[string]func(o any) []byte{
		"geo": func(o any) []byte { return o.(*zset).lp },
		"z":   func(o any) []byte { return o.(*zset).lp },
		"s":   func(o any) []byte { return o.(*setObject).ints },
		"l":   func(o any) []byte { return o.(*listObj).nodes[0].b },
		"h":   func(o any) []byte { return o.(*hashObj).lp },
	}
	for key, blob := range blobs {
		sh, d, h32 := c.lockKey([]byte(key))
		h := sh.find(d, []byte(key), h32)
		if h == 0 {
			sh.mu.Unlock()
			t.Fatalf("%s: missing", key)
		}
		i := sh.rec(h).objIdx()
		if p, ok := sh.objs[i].(packedObj); ok {
			// Packed by the cron: header and bytes in one size class.
			sh.mu.Unlock()
			if n := packTrailer + len(p.bytes()); p.memSize() != int64(mallocSize(n)) {
				t.Errorf("%s: packed blob of %d bytes accounted %d", key, n, p.memSize())
			}
			continue
		}
		b := blob(sh.objs[i])
		sh.mu.Unlock()
		if want := cap(allocPacked(len(b))); cap(b) != want {
			t.Errorf("%s: blob of %d bytes has cap %d, size class %d", key, len(b), cap(b), want)
		}
	}
	// 5 geo entries: 24-byte record header + key, 32-byte zset, 80-byte
	// blob, a 4-byte slot: well under Redis 7.0's 160.
	if v := srvRun(t, c, "MEMORY", "USAGE", "geo"); v.Kind != resp.KindInt || v.Int > 160 {
		t.Fatalf("MEMORY USAGE geo: %c %d, want at most 160", v.Kind, v.Int)
	}
}
