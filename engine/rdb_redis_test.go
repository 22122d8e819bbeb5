package engine_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/resp"
	"github.com/updraftdb/updraft/internal/servertest"
)

// Differential tests of snapshot files against a real redis-server: a
// dataset with every type in every encoding is written by one side and
// loaded by the other, then compared key by key (type, content, TTL within
// a second, OBJECT ENCODING).

// doer runs a command and returns its reply, strings copied.
type doer func(args ...string) resp.Value

func cloneValue(v resp.Value) resp.Value {
	v.Str = append([]byte(nil), v.Str...)
	for i := range v.Elems {
		v.Elems[i] = cloneValue(v.Elems[i])
	}
	return v
}

// redisDoer talks RESP to addr.
func redisDoer(t testing.TB, addr string) doer {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	var buf []byte
	return func(args ...string) resp.Value {
		t.Helper()
		out := resp.AppendArray(nil, len(args))
		for _, a := range args {
			out = resp.AppendBulkString(out, a)
		}
		if _, err := conn.Write(out); err != nil {
			t.Fatal(err)
		}
		buf = buf[:0]
		tmp := make([]byte, 64<<10)
		for {
			if v, n, err := resp.ReadReply(buf); err != nil {
				t.Fatal(err)
			} else if n > 0 {
				return cloneValue(v)
			}
			conn.SetReadDeadline(time.Now().Add(60 * time.Second))
			n, err := conn.Read(tmp)
			if err != nil {
				t.Fatalf("%v: %v", args, err)
			}
			buf = append(buf, tmp[:n]...)
		}
	}
}

// engineDoer runs commands on e.
func engineDoer(t testing.TB, e *engine.Engine) doer {
	c := e.NewClient(engine.ClientOptions{Addr: "127.0.0.1:1"})
	return func(args ...string) resp.Value {
		t.Helper()
		bargs := make([][]byte, len(args))
		for i, a := range args {
			bargs[i] = []byte(a)
		}
		c.W.Reset()
		e.Exec(c, bargs)
		v, _, err := resp.ReadReply(c.W.Buf)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return cloneValue(v)
	}
}

func strsOf(v resp.Value) []string {
	out := make([]string, len(v.Elems))
	for i, e := range v.Elems {
		out[i] = string(e.Str)
	}
	return out
}

// pairsSorted sorts a flat field/value list by field.
func pairsSorted(s []string) []string {
	type kv struct{ k, v string }
	ps := make([]kv, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		ps = append(ps, kv{s[i], s[i+1]})
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].k < ps[j].k })
	out := make([]string, 0, len(s))
	for _, p := range ps {
		out = append(out, p.k, p.v)
	}
	return out
}

// describe is a key's type, content, encoding and TTL in seconds, as text.
func describe(t testing.TB, do doer, key string) (desc string, ttlMs int64) {
	typ := string(do("TYPE", key).Str)
	var content []string
	switch typ {
	case "string":
		content = []string{string(do("GET", key).Str)}
	case "list":
		content = strsOf(do("LRANGE", key, "0", "-1"))
	case "set":
		content = strsOf(do("SMEMBERS", key))
		sort.Strings(content)
	case "zset":
		content = strsOf(do("ZRANGE", key, "0", "-1", "WITHSCORES"))
	case "hash":
		content = pairsSorted(strsOf(do("HGETALL", key)))
	case "stream":
		content = []string{fmt.Sprint(do("XRANGE", key, "-", "+")), fmt.Sprint(do("XPENDING", key, "grp"))}
	default:
		t.Fatalf("key %q: type %q", key, typ)
	}
	enc := string(do("OBJECT", "ENCODING", key).Str)
	return fmt.Sprintf("%s/%s/%q", typ, enc, content), do("PTTL", key).Int
}

// compareAll checks that every key of every database of want is in got
// with the same description.
func compareAll(t *testing.T, want, got doer, dbs []int) int {
	t.Helper()
	n := 0
	for _, db := range dbs {
		want("SELECT", strconv.Itoa(db))
		got("SELECT", strconv.Itoa(db))
		keys := strsOf(want("KEYS", "*"))
		if g := got("DBSIZE").Int; g != int64(len(keys)) {
			t.Errorf("db %d: %d keys, want %d", db, g, len(keys))
		}
		for _, k := range keys {
			wd, wt := describe(t, want, k)
			gd, gt := describe(t, got, k)
			if wd != gd {
				t.Errorf("db %d key %q:\n got  %.300s\n want %.300s", db, k, gd, wd)
			}
			if (wt < 0) != (gt < 0) || wt-gt > 1500 || gt-wt > 1500 {
				t.Errorf("db %d key %q: pttl %d, want %d", db, k, gt, wt)
			}
			n++
		}
	}
	want("SELECT", "0")
	got("SELECT", "0")
	return n
}

// fillEveryEncoding writes the differential dataset through do.
func fillEveryEncoding(t *testing.T, do doer) {
	t.Helper()
	must := func(args ...string) {
		t.Helper()
		if v := do(args...); v.Kind == resp.KindError {
			t.Fatalf("%v: %s", args, v.Str)
		}
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 3000)
	for i := range random {
		random[i] = byte(rnd.Uint32())
	}
	must("SET", "s:int", "12345")
	must("SET", "s:neg", "-42")
	must("SET", "s:max", "9223372036854775807")
	must("SET", "s:notint", "007")
	must("SET", "s:emb", "short string")
	must("SET", "s:raw", strings.Repeat("0123456789", 10))
	must("SET", "s:lzf", strings.Repeat("compressible text ", 2000))
	must("SET", "s:empty", "")
	must("SET", "s:bin", "\x00\xff\r\n\x01binary")
	must("SET", "s:random", string(random))
	must("SET", "s:ttl", "expiring", "EX", "1000")
	must("SET", strings.Repeat("long key ", 40), "v")
	must("RPUSH", "l:small", "a", "1", "-5", "", "70000", "4294967296")
	for i := 0; i < 1200; i++ {
		must("RPUSH", "l:big", "element-"+strconv.Itoa(i), strconv.Itoa(i*7919))
	}
	must("RPUSH", "l:plain", strings.Repeat("p", 9000), "x")
	must("SADD", "set:int", "1", "2", "3", "-100000", "1099511627776")
	must("SADD", "set:str", "a", "b", "c", "12")
	for i := 0; i < 600; i++ {
		must("SADD", "set:bigint", strconv.Itoa(i*3-50))
		must("SADD", "set:big", "member:"+strconv.Itoa(i))
	}
	must("ZADD", "z:small", "1", "a", "2.5", "b", "-inf", "c", "inf", "d", "0.1", "e")
	for i := 0; i < 300; i++ {
		must("ZADD", "z:big", strconv.FormatFloat(float64(i)/7, 'g', -1, 64), "m"+strconv.Itoa(i))
	}
	must("ZADD", "z:longmember", "1", strings.Repeat("m", 100))
	must("HSET", "h:small", "f", "v", "n", "12", "neg", "-3", "empty", "")
	for i := 0; i < 700; i++ {
		must("HSET", "h:big", "field"+strconv.Itoa(i), "value"+strconv.Itoa(i))
	}
	must("HSET", "h:longval", "f", strings.Repeat("v", 200))
	must("HSET", "h:ttl", "f", "v")
	must("PEXPIRE", "h:ttl", "500000")
	for i := 1; i <= 150; i++ {
		must("XADD", "st", strconv.Itoa(i)+"-1", "field", "value"+strconv.Itoa(i), "n", strconv.Itoa(i))
	}
	must("XGROUP", "CREATE", "st", "grp", "0")
	must("XREADGROUP", "GROUP", "grp", "alice", "COUNT", "3", "STREAMS", "st", ">")
	must("SELECT", "1")
	must("SET", "db1:s", "in db 1")
	must("SADD", "db1:set", "x")
	must("SELECT", "5")
	must("HSET", "db5:h", "a", "b")
	must("SELECT", "0")
	must("FUNCTION", "LOAD", "#!lua name=mylib\nredis.register_function('myfunc', function(keys, args) return args[1] end)")
}

func TestRDBFromRedis(t *testing.T) {
	dir := t.TempDir()
	addr := servertest.RedisServer(t, "--dir", dir)
	rd := redisDoer(t, addr)
	fillEveryEncoding(t, rd)
	if v := rd("SAVE"); string(v.Str) != "OK" {
		t.Fatalf("SAVE: %q", v.Str)
	}
	e, err := engine.Open(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var progressed int64
	n, err := e.LoadRDBFile(filepath.Join(dir, "dump.rdb"), func(keys, _ int64) { progressed = keys })
	if err != nil {
		t.Fatal(err)
	}
	if n != 30 || progressed != n {
		t.Fatalf("loaded %d keys (progress said %d), want 30", n, progressed)
	}
	ed := engineDoer(t, e)
	if got := compareAll(t, rd, ed, []int{0, 1, 5}); got != 30 {
		t.Fatalf("compared %d keys", got)
	}
	if v := ed("FCALL", "myfunc", "0", "hello"); string(v.Str) != "hello" {
		t.Fatalf("FCALL after load: %q", v.Str)
	}
}

func TestRDBToRedis(t *testing.T) {
	e, err := engine.Open(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ed := engineDoer(t, e)
	fillEveryEncoding(t, ed)
	ed("SET", "gone", "x", "PX", "1")
	time.Sleep(5 * time.Millisecond)
	dir := t.TempDir()
	path := filepath.Join(dir, "updraft.rdb")
	var buf bytes.Buffer
	if err := e.WriteRDB(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if check, err := exec.LookPath("redis-check-rdb"); err == nil {
		out, err := exec.Command(check, path).CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte("RDB looks OK")) {
			t.Fatalf("redis-check-rdb: %v\n%s", err, out)
		}
	}
	addr := servertest.RedisServer(t, "--dir", dir, "--dbfilename", "updraft.rdb")
	rd := redisDoer(t, addr)
	if got := compareAll(t, ed, rd, []int{0, 1, 5}); got != 30 {
		t.Fatalf("compared %d keys", got)
	}
	if v := rd("FCALL", "myfunc", "0", "hello"); string(v.Str) != "hello" {
		t.Fatalf("FCALL on redis-server: %q", v.Str)
	}
}
