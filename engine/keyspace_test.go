package engine

import (
	"bytes"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/updraftdb/updraft/internal/resp"
)

// ksEngine opens an engine for keyspace tests and returns it with a client.
func ksEngine(t testing.TB, opts Options) (*Engine, *Client) {
	t.Helper()
	e, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e, e.NewClient(ClientOptions{Addr: "127.0.0.1:1"})
}

// ksDo runs a command and returns its parsed reply.
func ksDo(t testing.TB, e *Engine, c *Client, args ...string) resp.Value {
	t.Helper()
	bargs := make([][]byte, len(args))
	for i, a := range args {
		bargs[i] = []byte(a)
	}
	c.W.Reset()
	e.Exec(c, bargs)
	v, n, err := resp.ReadReply(c.W.Buf)
	if err != nil || n != len(c.W.Buf) {
		t.Fatalf("%v: bad reply %q (%v)", args, c.W.Buf, err)
	}
	return v
}

func ksInt(t testing.TB, e *Engine, c *Client, args ...string) int64 {
	t.Helper()
	v := ksDo(t, e, c, args...)
	if v.Kind != resp.KindInt {
		t.Fatalf("%v: reply %q, want an integer", args, c.W.Buf)
	}
	return v.Int
}

func ksOK(t testing.TB, e *Engine, c *Client, args ...string) {
	t.Helper()
	if v := ksDo(t, e, c, args...); v.Kind != resp.KindSimple || string(v.Str) != "OK" {
		t.Fatalf("%v: reply %q, want OK", args, c.W.Buf)
	}
}

// ksStrings returns an array reply's elements as strings.
func ksStrings(t testing.TB, v resp.Value) []string {
	t.Helper()
	if v.Kind != resp.KindArray {
		t.Fatalf("reply kind %c, want an array", v.Kind)
	}
	out := make([]string, len(v.Elems))
	for i, el := range v.Elems {
		out[i] = string(el.Str)
	}
	return out
}

// ksMemory sums slab bytes in use, mapped pages and object-table bytes over
// every shard.
func ksMemory(e *Engine) (inUse, mapped, objBytes int64) {
	for i := range e.shards {
		sh := &e.shards[i]
		sh.mu.Lock()
		inUse += sh.slab.inUse
		mapped += sh.slab.mapped
		objBytes += sh.objBytes
		sh.mu.Unlock()
	}
	return
}

// TestScanAcrossResize runs full SCAN iterations while keys are added and
// deleted between calls, so that shard tables grow and shrink mid-scan, and
// checks that every key present for the whole scan is returned.
func TestScanAcrossResize(t *testing.T) {
	for _, shards := range []int{1, 4, 64} {
		t.Run("shards="+strconv.Itoa(shards), func(t *testing.T) {
			e, c := ksEngine(t, Options{Shards: shards})
			rng := rand.New(rand.NewPCG(uint64(shards), 9))
			stable := map[string]bool{}
			for i := 0; i < 1000; i++ {
				k := "stable:" + strconv.Itoa(i)
				stable[k] = true
				ksOK(t, e, c, "SET", k, "v")
			}
			var temps []string
			next := 0
			grow := true
			for round := 0; round < 4; round++ {
				seen := map[string]int{}
				cursor := "0"
				for calls := 0; ; calls++ {
					if calls > 20000 {
						t.Fatal("scan does not end")
					}
					v := ksDo(t, e, c, "SCAN", cursor, "COUNT", strconv.Itoa(1+rng.IntN(40)))
					cursor = string(v.Elems[0].Str)
					for _, k := range ksStrings(t, v.Elems[1]) {
						seen[k]++
					}
					if cursor == "0" {
						break
					}
					for j := 0; j < 50; j++ {
						if grow {
							k := "temp:" + strconv.Itoa(next)
							next++
							ksOK(t, e, c, "SET", k, "v")
							temps = append(temps, k)
						} else if len(temps) > 0 {
							i := rng.IntN(len(temps))
							ksInt(t, e, c, "DEL", temps[i])
							temps[i] = temps[len(temps)-1]
							temps = temps[:len(temps)-1]
						}
					}
					if grow && len(temps) > 8000 || !grow && len(temps) == 0 {
						grow = !grow
					}
				}
				for k := range stable {
					if seen[k] == 0 {
						t.Fatalf("round %d: SCAN missed %s", round, k)
					}
				}
			}
		})
	}
}

// TestScanFilters checks a full SCAN with MATCH and TYPE against KEYS, and
// that the empty key is returned without MATCH and with MATCH *.
func TestScanFilters(t *testing.T) {
	e, c := ksEngine(t, Options{})
	for i := 0; i < 500; i++ {
		ksOK(t, e, c, "SET", "user:"+strconv.Itoa(i), strconv.Itoa(i))
		ksOK(t, e, c, "SET", "item:"+strconv.Itoa(i), "x")
	}
	ksOK(t, e, c, "SET", "", "empty")
	scanAll := func(args ...string) []string {
		var out []string
		cursor := "0"
		for {
			v := ksDo(t, e, c, append([]string{"SCAN", cursor}, args...)...)
			if v.Kind != resp.KindArray {
				t.Fatalf("SCAN %v: %q", args, c.W.Buf)
			}
			cursor = string(v.Elems[0].Str)
			out = append(out, ksStrings(t, v.Elems[1])...)
			if cursor == "0" {
				sort.Strings(out)
				return out
			}
		}
	}
	keys := func(pattern string) []string {
		out := ksStrings(t, ksDo(t, e, c, "KEYS", pattern))
		sort.Strings(out)
		return out
	}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{nil, keys("*")},
		{[]string{"MATCH", "*"}, keys("*")},
		{[]string{"MATCH", "user:1*", "COUNT", "7"}, keys("user:1*")},
		{[]string{"MATCH", "item:[0-4]?", "TYPE", "STRING"}, keys("item:[0-4]?")},
		{[]string{"TYPE", "list"}, nil},
	} {
		got := scanAll(tc.args...)
		if strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("SCAN %v: got %d keys, want %d", tc.args, len(got), len(tc.want))
		}
	}
	if all := keys("*"); len(all) != 1001 || all[0] != "" {
		t.Errorf("KEYS * returned %d keys, first %q; want 1001 with the empty key", len(all), all[0])
	}
	if n := len(keys("user:*")); n != 500 {
		t.Errorf("KEYS user:* returned %d keys, want 500", n)
	}
}

// TestActiveExpiry checks that the cron reclaims 10 000 keys with a 50 ms
// time to live, and their slab memory, with no client traffic.
func TestActiveExpiry(t *testing.T) {
	e, c := ksEngine(t, Options{})
	for i := 0; i < 10000; i++ {
		ksOK(t, e, c, "SET", "key:"+strconv.Itoa(i), "some value", "PX", "50")
	}
	if inUse, _, _ := ksMemory(e); inUse == 0 {
		t.Fatal("no slab memory in use after 10000 SETs")
	}
	deadline := time.Now().Add(2500 * time.Millisecond)
	for e.dbSize(0) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d keys left 2.5 s after they expired", e.dbSize(0))
		}
		time.Sleep(10 * time.Millisecond)
	}
	if inUse, _, objBytes := ksMemory(e); inUse != 0 || objBytes != 0 {
		t.Fatalf("slab inUse %d, object bytes %d after every key expired", inUse, objBytes)
	}
	if n := e.ExpiredKeys(); n != 10000 {
		t.Fatalf("expired_keys %d, want 10000", n)
	}
}

// TestLazyExpiry checks what clients see of keys whose time has passed but
// that the cron has not reclaimed yet: DBSIZE counts them, as in Redis, and
// every lookup treats them as missing and deletes them. The cron runs once
// a second here, after the test's checks.
func TestLazyExpiry(t *testing.T) {
	e, c := ksEngine(t, Options{Hz: 1})
	ksOK(t, e, c, "SET", "gone", "v", "PX", "20")
	ksOK(t, e, c, "SET", "gone2", "12", "PX", "20")
	ksOK(t, e, c, "SET", "gone3", "v", "PX", "20")
	ksOK(t, e, c, "SET", "stays", "v")
	time.Sleep(40 * time.Millisecond)
	if n := ksInt(t, e, c, "DBSIZE"); n != 4 {
		t.Fatalf("DBSIZE %d before any lookup, want 4 (expired keys not yet reclaimed)", n)
	}
	if got := ksStrings(t, ksDo(t, e, c, "KEYS", "*")); len(got) != 1 || got[0] != "stays" {
		t.Fatalf("KEYS * = %q, want [stays]", got)
	}
	v := ksDo(t, e, c, "SCAN", "0", "COUNT", "1000")
	if got := ksStrings(t, v.Elems[1]); len(got) != 1 || got[0] != "stays" {
		t.Fatalf("SCAN = %q, want [stays]", got)
	}
	// SCAN deleted what it met expired.
	if n := ksInt(t, e, c, "DBSIZE"); n != 1 {
		t.Fatalf("DBSIZE %d after SCAN, want 1", n)
	}
	if n := e.ExpiredKeys(); n != 3 {
		t.Fatalf("expired_keys %d, want 3", n)
	}

	ksOK(t, e, c, "SET", "a", "v", "PX", "20")
	ksOK(t, e, c, "SET", "b", "v", "PX", "20")
	ksOK(t, e, c, "SET", "c", "v", "PX", "20")
	time.Sleep(40 * time.Millisecond)
	if n := ksInt(t, e, c, "EXISTS", "a", "stays"); n != 1 {
		t.Fatalf("EXISTS a stays = %d, want 1", n)
	}
	if v := ksDo(t, e, c, "GET", "b"); !v.Null {
		t.Fatalf("GET of an expired key: %q", c.W.Buf)
	}
	if n := ksInt(t, e, c, "TTL", "c"); n != -2 {
		t.Fatalf("TTL of an expired key: %d", n)
	}
	if n := ksInt(t, e, c, "DBSIZE"); n != 1 {
		t.Fatalf("DBSIZE %d after lookups deleted the expired keys, want 1", n)
	}

	ksInt(t, e, c, "DEL", "stays")
	ksOK(t, e, c, "SET", "x", "v", "PX", "20")
	ksOK(t, e, c, "SET", "y", "v", "PX", "20")
	time.Sleep(40 * time.Millisecond)
	if v := ksDo(t, e, c, "RANDOMKEY"); !v.Null {
		t.Fatalf("RANDOMKEY with only expired keys: %q", c.W.Buf)
	}
	if n := ksInt(t, e, c, "DBSIZE"); n != 0 {
		t.Fatalf("DBSIZE %d after RANDOMKEY met every expired key, want 0", n)
	}
	if inUse, _, _ := ksMemory(e); inUse != 0 {
		t.Fatalf("slab inUse %d with no key left", inUse)
	}
}

// bigValue is a value too large for a slab chunk (kept in the object
// table).
func bigValue(tag string) string { return strings.Repeat("v", maxChunk+10) + tag }

// TestRenameCopyMoveValues moves and copies every representation (inline
// string, integer, heap string, heap key) across shards and databases and
// checks values, expire times and that no memory is leaked.
func TestRenameCopyMoveValues(t *testing.T) {
	e, c := ksEngine(t, Options{})
	bigKey := strings.Repeat("k", maxChunk+5)
	values := map[string]string{
		"small": "hello", "int": "12345", "heap": bigValue("1"), bigKey: "value of a big key",
		"mid": strings.Repeat("m", maxChunk-100), // fits beside a short key, not beside bigKey
	}
	for k, v := range values {
		ksOK(t, e, c, "SET", k, v, "EX", "1000")
	}
	check := func(db string, want map[string]string) {
		t.Helper()
		ksOK(t, e, c, "SELECT", db)
		for k, v := range want {
			got := ksDo(t, e, c, "GET", k)
			if string(got.Str) != v {
				t.Fatalf("db %s GET %.20q: %d bytes, want %d", db, k, len(got.Str), len(v))
			}
			if ttl := ksInt(t, e, c, "TTL", k); ttl < 999 || ttl > 1000 {
				t.Fatalf("db %s TTL %.20q = %d", db, k, ttl)
			}
		}
		ksOK(t, e, c, "SELECT", "0")
	}
	// RENAME every key to a few new names and back, through the big key.
	for k := range values {
		for i := 0; i < 5; i++ {
			ksOK(t, e, c, "RENAME", k, "tmp"+strconv.Itoa(i))
			ksOK(t, e, c, "RENAME", "tmp"+strconv.Itoa(i), bigKey+"x")
			ksOK(t, e, c, "RENAME", bigKey+"x", k)
		}
	}
	check("0", values)
	// COPY to db 1, then change the sources: the copies keep their values.
	for k := range values {
		if n := ksInt(t, e, c, "COPY", k, k, "DB", "1"); n != 1 {
			t.Fatalf("COPY %.20q: %d", k, n)
		}
		if n := ksInt(t, e, c, "COPY", k, k+":copy"); n != 1 {
			t.Fatalf("COPY %.20q: %d", k, n)
		}
	}
	for k := range values {
		ksOK(t, e, c, "SET", k, "changed", "EX", "1000")
	}
	check("1", values)
	copies := map[string]string{}
	for k, v := range values {
		copies[k+":copy"] = v
	}
	check("0", copies)
	// MOVE the copies to db 2.
	for k := range copies {
		if n := ksInt(t, e, c, "MOVE", k, "2"); n != 1 {
			t.Fatalf("MOVE %.20q: %d", k, n)
		}
	}
	check("2", copies)
	if n := ksInt(t, e, c, "DBSIZE"); n != int64(len(values)) {
		t.Fatalf("DBSIZE %d, want %d", n, len(values))
	}
	// SWAPDB 1 and 2, then delete everything key by key.
	ksOK(t, e, c, "SWAPDB", "1", "2")
	check("1", copies)
	check("2", values)
	for _, db := range []string{"0", "1", "2"} {
		ksOK(t, e, c, "SELECT", db)
		for _, k := range ksStrings(t, ksDo(t, e, c, "KEYS", "*")) {
			ksInt(t, e, c, "DEL", k)
		}
	}
	if inUse, _, objBytes := ksMemory(e); inUse != 0 || objBytes != 0 {
		t.Fatalf("slab inUse %d, object bytes %d after deleting every key", inUse, objBytes)
	}
}

// TestFlushFreesMemory checks that FLUSHDB frees one database's records
// while others keep theirs, and that a shard left empty gives back its
// pages, with SYNC and ASYNC.
func TestFlushFreesMemory(t *testing.T) {
	for _, mode := range []string{"SYNC", "ASYNC"} {
		t.Run(mode, func(t *testing.T) {
			e, c := ksEngine(t, Options{})
			fill := func(db string, n int) {
				ksOK(t, e, c, "SELECT", db)
				for i := 0; i < n; i++ {
					v := "v"
					if i%100 == 0 {
						v = bigValue(db)
					}
					ksOK(t, e, c, "SET", "key:"+strconv.Itoa(i), v, "EX", "1000")
				}
			}
			fill("1", 1000)
			in1, _, obj1 := ksMemory(e)
			fill("0", 3000)
			ksOK(t, e, c, "FLUSHDB", mode)
			if n := ksInt(t, e, c, "DBSIZE"); n != 0 {
				t.Fatalf("DBSIZE %d after FLUSHDB", n)
			}
			if in, _, obj := ksMemory(e); in != in1 || obj != obj1 {
				t.Fatalf("after FLUSHDB: inUse %d, objects %d; want db 1's %d, %d", in, obj, in1, obj1)
			}
			ksOK(t, e, c, "SELECT", "1")
			if n := ksInt(t, e, c, "DBSIZE"); n != 1000 {
				t.Fatalf("db 1 DBSIZE %d after FLUSHDB of db 0", n)
			}
			if v := ksDo(t, e, c, "GET", "key:100"); string(v.Str) != bigValue("1") {
				t.Fatal("db 1 value lost")
			}
			ksOK(t, e, c, "FLUSHALL", mode)
			if in, mapped, obj := ksMemory(e); in != 0 || mapped != 0 || obj != 0 {
				t.Fatalf("after FLUSHALL: inUse %d, mapped %d, objects %d", in, mapped, obj)
			}
			for db := 0; db < 16; db++ {
				if n := e.dbSize(db); n != 0 {
					t.Fatalf("db %d has %d keys after FLUSHALL", db, n)
				}
			}
			// The keyspace works again, and active expiry found nothing stale.
			fill("0", 100)
			if n := ksInt(t, e, c, "DBSIZE"); n != 100 {
				t.Fatalf("DBSIZE %d after refilling", n)
			}
		})
	}
}

// TestMovedKeysExpire checks that keys moved by MOVE, RENAME and SWAPDB
// are still reclaimed by active expiry in their new place.
func TestMovedKeysExpire(t *testing.T) {
	e, c := ksEngine(t, Options{})
	for i := 0; i < 200; i++ {
		k := "k" + strconv.Itoa(i)
		ksOK(t, e, c, "SET", k, "v", "PX", "100")
		switch i % 3 {
		case 0:
			ksInt(t, e, c, "MOVE", k, "3")
		case 1:
			ksOK(t, e, c, "RENAME", k, "renamed"+k)
		}
	}
	ksOK(t, e, c, "SWAPDB", "3", "4")
	if n := e.dbSize(0) + e.dbSize(4); n != 200 {
		t.Fatalf("%d keys, want 200", n)
	}
	deadline := time.Now().Add(2500 * time.Millisecond)
	for e.dbSize(0)+e.dbSize(4) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("db 0 has %d keys, db 4 %d, 2.5 s after they expired", e.dbSize(0), e.dbSize(4))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestRandomKeySpread checks that RANDOMKEY reaches every key.
func TestRandomKeySpread(t *testing.T) {
	e, c := ksEngine(t, Options{})
	want := map[string]bool{}
	for i := 0; i < 40; i++ {
		k := "r" + strconv.Itoa(i)
		want[k] = true
		ksOK(t, e, c, "SET", k, "v")
	}
	seen := map[string]bool{}
	for i := 0; i < 3000 && len(seen) < len(want); i++ {
		v := ksDo(t, e, c, "RANDOMKEY")
		if !want[string(v.Str)] {
			t.Fatalf("RANDOMKEY returned %q", v.Str)
		}
		seen[string(v.Str)] = true
	}
	if len(seen) != len(want) {
		t.Fatalf("RANDOMKEY reached %d of %d keys in 3000 draws", len(seen), len(want))
	}
}

// TestObjectIdleTime checks that OBJECT IDLETIME grows with the LRU clock
// and that reads reset it while OBJECT, TYPE, EXISTS and TTL do not.
func TestObjectIdleTime(t *testing.T) {
	e, c := ksEngine(t, Options{Hz: 1}) // the cron refreshes the clock after the test
	ksOK(t, e, c, "SET", "k", "v")
	// Age the key by moving its LRU stamp back instead of sleeping.
	age := func(sec uint32) {
		sh, d, h32 := c.lockKey([]byte("k"))
		r := sh.rec(sh.find(d, []byte("k"), h32))
		r.setLRU(r.lru() - sec)
		sh.mu.Unlock()
	}
	e.clock.lru.Store(1000) // room to move the stamp back
	ksDo(t, e, c, "GET", "k")
	age(30)
	for _, cmd := range [][]string{{"OBJECT", "ENCODING", "k"}, {"TYPE", "k"}, {"EXISTS", "k"}, {"TTL", "k"}} {
		ksDo(t, e, c, cmd...)
	}
	if n := ksInt(t, e, c, "OBJECT", "IDLETIME", "k"); n != 30 {
		t.Fatalf("OBJECT IDLETIME = %d, want 30", n)
	}
	ksInt(t, e, c, "TOUCH", "k")
	if n := ksInt(t, e, c, "OBJECT", "IDLETIME", "k"); n != 0 {
		t.Fatalf("OBJECT IDLETIME after TOUCH = %d, want 0", n)
	}
	if !bytes.Equal(ksDo(t, e, c, "OBJECT", "ENCODING", "k").Str, []byte("embstr")) {
		t.Fatalf("OBJECT ENCODING = %q", c.W.Buf)
	}
}

// TestKeyCommandsDoNotAllocate checks the per-key commands stay off the
// heap.
func TestKeyCommandsDoNotAllocate(t *testing.T) {
	e, c := ksEngine(t, Options{})
	ksOK(t, e, c, "SET", "k", "v")
	ksOK(t, e, c, "SET", "k2", "v")
	for _, cmd := range [][]string{
		{"EXISTS", "k", "k2", "nokey"}, {"TOUCH", "k", "k2"}, {"TYPE", "k"}, {"TTL", "k"}, {"PTTL", "k"},
		{"EXPIRE", "k", "100"}, {"PEXPIREAT", "k", "99999999999999", "GT"}, {"PERSIST", "k"},
		{"EXPIRETIME", "k"}, {"DEL", "nokey", "k3"}, {"DBSIZE"}, {"RENAME", "k", "k"},
	} {
		args := make([][]byte, len(cmd))
		for i, a := range cmd {
			args[i] = []byte(a)
		}
		if n := testing.AllocsPerRun(100, func() { c.W.Reset(); e.Exec(c, args) }); n != 0 {
			t.Errorf("%v: %.1f allocations per call", cmd, n)
		}
	}
}
