package engine_test

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/resp"
	"github.com/updraftdb/updraft/persistence/rdb"
)

func openEngine(t testing.TB) (*engine.Engine, doer) {
	t.Helper()
	e, err := engine.Open(engine.Options{EnableDebugCommand: "yes"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e, engineDoer(t, e)
}

// reload writes src's dataset and loads it into a fresh engine.
func reload(t *testing.T, src *engine.Engine) (*engine.Engine, doer) {
	t.Helper()
	var buf bytes.Buffer
	if err := src.WriteRDB(&buf); err != nil {
		t.Fatal(err)
	}
	e, d := openEngine(t)
	if _, err := e.LoadRDB(&buf, nil); err != nil {
		t.Fatal(err)
	}
	return e, d
}

func TestRDBHashFieldTTLsAndJSON(t *testing.T) {
	src, sd := openEngine(t)
	sd("HSET", "small", "a", "1", "b", "2", "c", "3")
	sd("HPEXPIRE", "small", "500000", "FIELDS", "1", "b")
	for i := 0; i < 600; i++ {
		sd("HSET", "big", "f"+strconv.Itoa(i), "v")
	}
	sd("HPEXPIRE", "big", "700000", "FIELDS", "2", "f1", "f599")
	sd("JSON.SET", "doc", "$", `{"a":[1,2.5,"x",null,true],"b":{"c":"d"}}`)
	sd("EXPIRE", "doc", "100")
	_, d := reload(t, src)
	for _, c := range []struct {
		key, field, enc string
		ms              int64
	}{{"small", "b", "listpackex", 500000}, {"big", "f1", "hashtable", 700000}, {"big", "f599", "hashtable", 700000}} {
		v := d("HPTTL", c.key, "FIELDS", "1", c.field)
		if v.Kind != resp.KindArray || v.Elems[0].Int < c.ms-2000 || v.Elems[0].Int > c.ms {
			t.Errorf("%s %s: HPTTL %v", c.key, c.field, v)
		}
		if enc := string(d("OBJECT", "ENCODING", c.key).Str); enc != c.enc {
			t.Errorf("%s: encoding %s, want %s", c.key, enc, c.enc)
		}
	}
	if v := d("HPTTL", "small", "FIELDS", "1", "a"); v.Elems[0].Int != -1 {
		t.Errorf("field without TTL: %v", v)
	}
	if n := d("HLEN", "big").Int; n != 600 {
		t.Errorf("HLEN big = %d", n)
	}
	if got, want := string(d("JSON.GET", "doc").Str), string(sd("JSON.GET", "doc").Str); got != want {
		t.Errorf("JSON.GET = %s, want %s", got, want)
	}
	if ttl := d("TTL", "doc").Int; ttl < 98 || ttl > 100 {
		t.Errorf("TTL doc = %d", ttl)
	}
}

func TestRDBLoadDropsExpiredAndRefuses(t *testing.T) {
	past := time.Now().Add(-time.Hour).UnixMilli()
	var buf bytes.Buffer
	fw := rdb.NewFileWriter(&buf, rdb.FileVersion)
	chunk := rdb.AppendSelectDB(nil, 0)
	chunk = rdb.AppendEntry(chunk, []byte("old"), rdb.Value{Kind: rdb.String, Str: []byte("x")}, past)
	chunk = rdb.AppendEntry(chunk, []byte("live"), rdb.Value{Kind: rdb.String, Str: []byte("y")}, 0)
	fw.WriteRaw(chunk)
	fw.Close()
	file := buf.Bytes()
	e, d := openEngine(t)
	if n, err := e.LoadRDB(bytes.NewReader(file), nil); err != nil || n != 1 {
		t.Fatalf("loaded %d: %v", n, err)
	}
	if d("EXISTS", "old").Int != 0 || string(d("GET", "live").Str) != "y" {
		t.Fatal("expired key loaded or live key missing")
	}
	info := string(d("INFO", "persistence").Str)
	if !strings.Contains(info, "rdb_last_load_keys_expired:1\r\n") || !strings.Contains(info, "rdb_last_load_keys_loaded:1\r\n") {
		t.Fatalf("INFO persistence:\n%s", info)
	}
	// Loading again: the key is a duplicate, which Redis refuses too.
	if _, err := e.LoadRDB(bytes.NewReader(file), nil); !errors.Is(err, engine.ErrRDBLoad) || !strings.Contains(err.Error(), "duplicate key") {
		t.Fatalf("duplicate: %v", err)
	}
	// A database beyond "databases".
	buf.Reset()
	fw = rdb.NewFileWriter(&buf, rdb.FileVersion)
	fw.WriteRaw(rdb.AppendEntry(rdb.AppendSelectDB(nil, 99), []byte("k"), rdb.Value{Kind: rdb.String, Str: []byte("v")}, 0))
	fw.Close()
	if _, err := e.LoadRDB(&buf, nil); err == nil || !strings.Contains(err.Error(), "database 99 out of range") {
		t.Fatalf("db 99: %v", err)
	}
}

func TestSaveCommand(t *testing.T) {
	t.Chdir(t.TempDir())
	e, d := openEngine(t)
	if v := d("CONFIG", "SET", "dbfilename", "a/b.rdb"); v.Kind != resp.KindError {
		t.Fatalf("dbfilename with a path accepted: %v", v)
	}
	d("CONFIG", "SET", "dbfilename", "snap.rdb")
	if got := strsOf(d("CONFIG", "GET", "dbfilename")); got[1] != "snap.rdb" {
		t.Fatalf("CONFIG GET dbfilename: %v", got)
	}
	d("SET", "k", "v")
	d("RPUSH", "l", "a", "b")
	d("FUNCTION", "LOAD", "#!lua name=lib\nredis.register_function('f', function() return 7 end)")
	before := d("LASTSAVE").Int
	time.Sleep(1100 * time.Millisecond)
	if v := d("SAVE"); string(v.Str) != "OK" {
		t.Fatalf("SAVE: %v", v)
	}
	if d("LASTSAVE").Int <= before {
		t.Fatal("LASTSAVE did not move")
	}
	info := string(d("INFO", "persistence").Str)
	for _, want := range []string{"rdb_changes_since_last_save:0\r\n", "rdb_saves:1\r\n", "rdb_last_bgsave_status:ok\r\n"} {
		if !strings.Contains(info, want) {
			t.Fatalf("INFO persistence lacks %q:\n%s", want, info)
		}
	}
	if _, err := os.Stat("snap.rdb"); err != nil {
		t.Fatal(err)
	}
	e2, d2 := openEngine(t)
	if n, err := e2.LoadRDBFile("snap.rdb", nil); err != nil || n != 2 {
		t.Fatalf("loading SAVE's file: %d keys, %v", n, err)
	}
	if d2("FCALL", "f", "0").Int != 7 {
		t.Fatal("function library not in SAVE's file")
	}
	if v := d("MULTI"); v.Kind == resp.KindError {
		t.Fatal(v)
	}
	if v := d("SAVE"); v.Kind != resp.KindError {
		t.Fatalf("SAVE in MULTI: %v", v)
	}
	d("DISCARD")

	// DEBUG RELOAD saves, empties and loads back.
	d("SET", "k2", "12345")
	if v := d("DEBUG", "RELOAD"); string(v.Str) != "OK" {
		t.Fatalf("DEBUG RELOAD: %v", v)
	}
	if d("DBSIZE").Int != 3 || string(d("GET", "k2").Str) != "12345" || string(d("OBJECT", "ENCODING", "k2").Str) != "int" {
		t.Fatal("DEBUG RELOAD lost data")
	}
	if d("FCALL", "f", "0").Int != 7 {
		t.Fatal("DEBUG RELOAD lost the function library")
	}
	_ = e
}

// BenchmarkLoadRDB loads 200k string keys (16-byte keys, 32-byte values)
// into a fresh engine per iteration and reports keys/s.
func BenchmarkLoadRDB(b *testing.B) {
	const n = 200000
	src, err := engine.Open(engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	c := src.NewClient(engine.ClientOptions{})
	val := []byte(strings.Repeat("v", 32))
	for i := 0; i < n; i++ {
		src.Exec(c, [][]byte{[]byte("SET"), []byte("key:" + strconv.Itoa(100000000000+i)), val})
	}
	var buf bytes.Buffer
	if err := src.WriteRDB(&buf); err != nil {
		b.Fatal(err)
	}
	src.Close()
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var total time.Duration
	for b.Loop() {
		b.StopTimer()
		e, err := engine.Open(engine.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		if k, err := e.LoadRDB(bytes.NewReader(data), nil); err != nil || k != n {
			b.Fatal(k, err)
		}
		total += time.Since(start)
		b.StopTimer()
		e.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/total.Seconds(), "keys/s")
}
