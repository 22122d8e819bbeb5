package updraft

import (
	"math"
	"testing"
	"time"
)

// Tests of the typed string and expiry helpers, with the error texts
// redis-server 7 sends.

func TestGetSet(t *testing.T) {
	db := open(t, Options{})
	if v, ok, err := db.Get("missing"); v != "" || ok || err != nil {
		t.Fatalf("Get missing = %q %v %v", v, ok, err)
	}
	for _, val := range []string{"hello", "", "12345", "-7", "a\x00b\r\n", string(make([]byte, 70000))} {
		res, err := db.Set("k", val, SetOptions{})
		if err != nil || !res.Written {
			t.Fatalf("Set: %+v %v", res, err)
		}
		if v, ok, err := db.Get("k"); v != val || !ok || err != nil {
			t.Fatalf("Get = %q %v %v, want %q", v, ok, err, val)
		}
	}
}

func TestSetOptions(t *testing.T) {
	db := open(t, Options{})
	set := func(key, val string, o SetOptions) SetResult {
		t.Helper()
		res, err := db.Set(key, val, o)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if r := set("k", "1", SetOptions{XX: true}); r != (SetResult{}) {
		t.Fatalf("XX on missing: %+v", r)
	}
	if r := set("k", "1", SetOptions{NX: true}); r != (SetResult{Written: true}) {
		t.Fatalf("NX on missing: %+v", r)
	}
	if r := set("k", "2", SetOptions{NX: true}); r.Written {
		t.Fatalf("NX on existing: %+v", r)
	}
	if r := set("k", "3", SetOptions{XX: true, Get: true}); r != (SetResult{Written: true, Old: "1", Existed: true}) {
		t.Fatalf("XX GET: %+v", r)
	}
	if r := set("k", "4", SetOptions{NX: true, Get: true}); r != (SetResult{Old: "3", Existed: true}) {
		t.Fatalf("NX GET on existing: %+v", r)
	}
	if r := set("n", "5", SetOptions{NX: true, Get: true}); r != (SetResult{Written: true}) {
		t.Fatalf("NX GET on missing: %+v", r)
	}
	if r := set("k", "", SetOptions{Get: true}); r != (SetResult{Written: true, Old: "3", Existed: true}) {
		t.Fatalf("GET: %+v", r)
	}
	if r := set("k", "x", SetOptions{Get: true}); r != (SetResult{Written: true, Old: "", Existed: true}) {
		t.Fatalf("GET of empty: %+v", r)
	}
	if v, _, _ := db.Get("k"); v != "x" {
		t.Fatalf("value %q", v)
	}
	_, err := db.Set("k", "v", SetOptions{NX: true, XX: true})
	wantRedisErr(t, err, "ERR syntax error")
	for _, ttl := range []time.Duration{-time.Second, -5 * time.Millisecond, -time.Nanosecond} {
		_, err = db.Set("k", "v", SetOptions{TTL: ttl})
		wantRedisErr(t, err, "ERR invalid expire time in 'set' command")
	}
}

func TestSetTTL(t *testing.T) {
	db := open(t, Options{})
	for _, ttl := range []time.Duration{10 * time.Second, 1500 * time.Millisecond, time.Microsecond} {
		if _, err := db.Set("k", "v", SetOptions{TTL: ttl}); err != nil {
			t.Fatal(err)
		}
		got := must[time.Duration](t)(db.TTL("k"))
		want := max(ttl, time.Millisecond)
		if ttl > time.Millisecond && (got > want || got < want-time.Second) {
			t.Fatalf("TTL after SET with %v = %v", ttl, got)
		}
	}
	db.Set("k", "v", SetOptions{TTL: time.Hour})
	db.Set("k", "w", SetOptions{KeepTTL: true})
	if got := must[time.Duration](t)(db.TTL("k")); got < 59*time.Minute {
		t.Fatalf("TTL after KEEPTTL = %v", got)
	}
	db.Set("k", "x", SetOptions{})
	if got := must[time.Duration](t)(db.TTL("k")); got != NoExpiry {
		t.Fatalf("TTL after plain SET = %v, want NoExpiry", got)
	}
	if got := must[time.Duration](t)(db.TTL("missing")); got != NoKey {
		t.Fatalf("TTL of missing key = %v, want NoKey", got)
	}
}

func TestExpire(t *testing.T) {
	db := open(t, Options{})
	if ok := must[bool](t)(db.Expire("missing", time.Second)); ok {
		t.Fatal("Expire on a missing key reported true")
	}
	db.Set("k", "v", SetOptions{})
	if ok := must[bool](t)(db.Expire("k", 100*time.Second)); !ok {
		t.Fatal("Expire reported false")
	}
	if got := must[time.Duration](t)(db.TTL("k")); got <= 99*time.Second || got > 100*time.Second {
		t.Fatalf("TTL after EXPIRE 100 = %v", got)
	}
	if ok := must[bool](t)(db.Expire("k", 2500*time.Millisecond)); !ok {
		t.Fatal("PEXPIRE reported false")
	}
	if got := must[time.Duration](t)(db.TTL("k")); got <= 2*time.Second || got > 2500*time.Millisecond {
		t.Fatalf("TTL after PEXPIRE 2500 = %v", got)
	}
	if ok := must[bool](t)(db.Expire("k", -time.Second)); !ok {
		t.Fatal("Expire in the past reported false")
	}
	if n := must[int64](t)(db.Exists("k")); n != 0 {
		t.Fatal("a negative Expire kept the key")
	}
	db.Set("short", "v", SetOptions{TTL: 20 * time.Millisecond})
	time.Sleep(40 * time.Millisecond)
	if _, ok, _ := db.Get("short"); ok {
		t.Fatal("key outlived its TTL")
	}
}

func TestDelExists(t *testing.T) {
	db := open(t, Options{})
	if err := db.MSet("a", "1", "b", "2", "c", "3"); err != nil {
		t.Fatal(err)
	}
	if n := must[int64](t)(db.Exists("a", "a", "b", "zz")); n != 3 {
		t.Fatalf("Exists = %d, want 3", n)
	}
	if n := must[int64](t)(db.Del("a", "c", "zz")); n != 2 {
		t.Fatalf("Del = %d, want 2", n)
	}
	if n := must[int64](t)(db.Exists("a", "b", "c")); n != 1 {
		t.Fatalf("Exists after Del = %d, want 1", n)
	}
	_, err := db.Del()
	wantRedisErr(t, err, "ERR wrong number of arguments for 'del' command")
}

func TestIncr(t *testing.T) {
	db := open(t, Options{})
	if n := must[int64](t)(db.Incr("n")); n != 1 {
		t.Fatalf("Incr = %d", n)
	}
	if n := must[int64](t)(db.IncrBy("n", -11)); n != -10 {
		t.Fatalf("IncrBy = %d", n)
	}
	if f := must[float64](t)(db.IncrByFloat("n", 0.5)); f != -9.5 {
		t.Fatalf("IncrByFloat = %v", f)
	}
	if v, _, _ := db.Get("n"); v != "-9.5" {
		t.Fatalf("value %q", v)
	}
	_, err := db.Incr("n")
	wantRedisErr(t, err, "ERR value is not an integer or out of range")
	db.Set("big", "9223372036854775807", SetOptions{})
	_, err = db.IncrBy("big", 1)
	wantRedisErr(t, err, "ERR increment or decrement would overflow")
	db.Set("s", "abc", SetOptions{})
	_, err = db.IncrByFloat("s", 1)
	wantRedisErr(t, err, "ERR value is not a valid float")
	_, err = db.IncrByFloat("f", math.Inf(1))
	wantRedisErr(t, err, "ERR increment would produce NaN or Infinity")
}

func TestMGetMSet(t *testing.T) {
	db := open(t, Options{})
	if err := db.MSet("a", "1", "b", ""); err != nil {
		t.Fatal(err)
	}
	vals, found, err := db.MGet("a", "missing", "b")
	if err != nil {
		t.Fatal(err)
	}
	if len(vals) != 3 || vals[0] != "1" || vals[2] != "" || !found[0] || found[1] || !found[2] {
		t.Fatalf("MGet = %q %v", vals, found)
	}
	wantRedisErr(t, db.MSet("a"), "ERR wrong number of arguments for 'mset' command")
	wantRedisErr(t, db.MSet("a", "1", "b"), "ERR wrong number of arguments for 'mset' command")
}

func TestAppendRange(t *testing.T) {
	db := open(t, Options{})
	if n := must[int64](t)(db.Append("k", "Hello")); n != 5 {
		t.Fatalf("Append = %d", n)
	}
	if n := must[int64](t)(db.Append("k", " World")); n != 11 {
		t.Fatalf("Append = %d", n)
	}
	if s := must[string](t)(db.GetRange("k", -5, -1)); s != "World" {
		t.Fatalf("GetRange = %q", s)
	}
	if s := must[string](t)(db.GetRange("missing", 0, -1)); s != "" {
		t.Fatalf("GetRange of missing = %q", s)
	}
	if n := must[int64](t)(db.SetRange("k", 6, "Redis")); n != 11 {
		t.Fatalf("SetRange = %d", n)
	}
	if n := must[int64](t)(db.SetRange("pad", 3, "x")); n != 4 {
		t.Fatalf("SetRange padding = %d", n)
	}
	if v, _, _ := db.Get("k"); v != "Hello Redis" {
		t.Fatalf("value %q", v)
	}
	if v, _, _ := db.Get("pad"); v != "\x00\x00\x00x" {
		t.Fatalf("padded value %q", v)
	}
	_, err := db.SetRange("k", -1, "x")
	wantRedisErr(t, err, "ERR offset is out of range")
}
