package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// openDurable opens an engine with the append-only log in dir.
func openDurable(t testing.TB, dir, fsync string) *Engine {
	t.Helper()
	e, err := Open(Options{Dir: dir, AppendOnly: true, AppendFsync: fsync})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// fillAllTypes writes one key of every type, with and without TTLs, in
// two databases.
func fillAllTypes(e *Engine, c *Client, prefix string) {
	for _, cmd := range [][]string{
		{"SET", prefix + "s", "hello"}, {"SET", prefix + "n", "41"}, {"INCR", prefix + "n"},
		{"SET", prefix + "ttl", "v", "EX", "1000"}, {"EXPIRE", prefix + "n", "2000"},
		{"RPUSH", prefix + "l", "a", "b", "c"}, {"LPOP", prefix + "l"},
		{"HSET", prefix + "h", "f1", "v1", "f2", "v2"}, {"HPEXPIRE", prefix + "h", "500000", "FIELDS", "1", "f1"},
		{"SADD", prefix + "set", "x", "y", "z"}, {"SPOP", prefix + "set"},
		{"ZADD", prefix + "z", "1", "a", "2.5", "b"}, {"ZINCRBY", prefix + "z", "1.25", "a"},
		{"INCRBYFLOAT", prefix + "f", "1.5"},
		{"SELECT", "5"}, {"SET", prefix + "in5", "v"}, {"SELECT", "0"},
		{"PFADD", prefix + "hll", "a", "b", "c"},
		{"SETBIT", prefix + "bits", "100", "1"},
	} {
		run(e, c, cmd...)
	}
}

func TestAOFRestart(t *testing.T) {
	for _, fsync := range []string{"always", "everysec", "no"} {
		t.Run(fsync, func(t *testing.T) {
			dir := t.TempDir()
			e := openDurable(t, dir, fsync)
			c := e.NewClient(ClientOptions{})
			fillAllTypes(e, c, "k")
			run(e, c, "FUNCTION", "LOAD", "#!lua name=lib\nredis.register_function('f', function() return 1 end)")
			want := snapshotText(t, e)
			c.Release()
			e.Close()

			e2 := openDurable(t, dir, fsync)
			defer e2.Close()
			if got := snapshotText(t, e2); got != want {
				t.Fatalf("after restart:\n%s\nwant:\n%s", got, want)
			}
			c2 := e2.NewClient(ClientOptions{})
			defer c2.Release()
			if got := run(e2, c2, "FCALL", "f", "0"); got != ":1\r\n" {
				t.Fatalf("function after restart: %q", got)
			}
		})
	}
}

// waitBg waits for the background snapshot to end.
func waitBg(t testing.TB, e *Engine) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		e.bg.mu.Lock()
		running := e.bg.running
		e.bg.mu.Unlock()
		if running == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("background snapshot still running")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestAOFRewrite(t *testing.T) {
	dir := t.TempDir()
	e := openDurable(t, dir, "everysec")
	c := e.NewClient(ClientOptions{})
	for i := range 2000 {
		run(e, c, "SET", fmt.Sprint("key", i), fmt.Sprint(i))
		run(e, c, "INCR", "counter")
	}
	if got := run(e, c, "BGREWRITEAOF"); got != "+Background append only file rewriting started\r\n" {
		t.Fatalf("BGREWRITEAOF: %q", got)
	}
	fillAllTypes(e, c, "after") // during or after the rewrite
	waitBg(t, e)
	if !e.bg.lastRewriteOK.Load() {
		t.Fatal("rewrite failed")
	}
	run(e, c, "DEL", "key7")
	want := snapshotText(t, e)
	c.Release()
	e.Close()

	names, _ := os.ReadDir(filepath.Join(dir, "appendonlydir"))
	var files []string
	for _, n := range names {
		files = append(files, n.Name())
	}
	if !strings.Contains(strings.Join(files, " "), ".base.rdb") {
		t.Fatalf("no base file after the rewrite: %v", files)
	}
	e2 := openDurable(t, dir, "everysec")
	defer e2.Close()
	if got := snapshotText(t, e2); got != want {
		t.Fatalf("after rewrite and restart: differs (%d vs %d bytes)", len(got), len(want))
	}
}

func TestBgsave(t *testing.T) {
	dir := t.TempDir()
	e, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	c := e.NewClient(ClientOptions{})
	defer c.Release()
	fillAllTypes(e, c, "k")
	want := snapshotText(t, e)
	if got := run(e, c, "BGSAVE"); got != "+Background saving started\r\n" {
		t.Fatalf("BGSAVE: %q", got)
	}
	waitBg(t, e)
	if got := run(e, c, "BGSAVE", "x"); !strings.HasPrefix(got, "-ERR syntax error") {
		t.Fatalf("BGSAVE x: %q", got)
	}
	e2, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e2.Close()
	if _, err := e2.LoadRDBFile(filepath.Join(dir, "dump.rdb"), nil); err != nil {
		t.Fatal(err)
	}
	if got := snapshotText(t, e2); got != want {
		t.Fatalf("loaded BGSAVE file:\n%s\nwant:\n%s", got, want)
	}
}

// TestSnapshotPointInTime runs transactions that keep 200 counters, spread
// over every shard, equal, while BGSAVE runs: the file must hold them
// equal (a point in time), and at least the value they had at the start.
func TestSnapshotPointInTime(t *testing.T) {
	dir := t.TempDir()
	e, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	const n = 200
	c := e.NewClient(ClientOptions{})
	defer c.Release()
	for i := range n {
		run(e, c, "SET", fmt.Sprint("ctr", i), "0")
		for j := range 50 { // bulk, so that shards take a while to write
			run(e, c, "SET", fmt.Sprint("pad", i, ":", j), strings.Repeat("x", 100))
		}
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cw := e.NewClient(ClientOptions{})
			defer cw.Release()
			for k := 0; !stop.Load(); k++ {
				run(e, cw, "MULTI")
				for i := range n {
					run(e, cw, "INCR", fmt.Sprint("ctr", (i+w*7)%n))
				}
				if got := run(e, cw, "EXEC"); !strings.HasPrefix(got, "*") {
					t.Errorf("EXEC: %q", got)
					return
				}
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	run(e, c, "BGSAVE")
	waitBg(t, e)
	stop.Store(true)
	wg.Wait()

	e2, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e2.Close()
	if _, err := e2.LoadRDBFile(filepath.Join(dir, "dump.rdb"), nil); err != nil {
		t.Fatal(err)
	}
	c2 := e2.NewClient(ClientOptions{})
	defer c2.Release()
	first := run(e2, c2, "GET", "ctr0")
	for i := 1; i < n; i++ {
		if got := run(e2, c2, "GET", fmt.Sprint("ctr", i)); got != first {
			t.Fatalf("ctr%d = %q but ctr0 = %q: not a point in time", i, got, first)
		}
	}
	if first == "$1\r\n0\r\n" {
		t.Log("snapshot taken before any transaction ran")
	}
}

// TestAOFTornTail cuts the log inside its last record: with
// aof-load-truncated yes the record is dropped, with no the start fails.
func TestAOFTornTail(t *testing.T) {
	dir := t.TempDir()
	e := openDurable(t, dir, "always")
	c := e.NewClient(ClientOptions{})
	for i := range 100 {
		run(e, c, "SET", fmt.Sprint("k", i), fmt.Sprint(i))
	}
	c.Release()
	e.Close()
	incr, _ := filepath.Glob(filepath.Join(dir, "appendonlydir", "*.incr.aof"))
	if len(incr) != 1 {
		t.Fatalf("incr files: %v", incr)
	}
	st, _ := os.Stat(incr[0])
	if err := os.Truncate(incr[0], st.Size()-3); err != nil {
		t.Fatal(err)
	}
	e2 := openDurable(t, dir, "always")
	c2 := e2.NewClient(ClientOptions{})
	if got := run(e2, c2, "DBSIZE"); got != ":99\r\n" {
		t.Fatalf("after a torn tail: DBSIZE %q, want 99 (the torn SET dropped)", got)
	}
	c2.Release()
	e2.Close()

	st, _ = os.Stat(incr[0])
	if err := os.Truncate(incr[0], st.Size()-3); err != nil {
		t.Fatal(err)
	}
	e3, err := Open(Options{Dir: dir, AppendOnly: true, AOFLoadTruncated: "no"})
	if err == nil {
		e3.Close()
		t.Fatal("aof-load-truncated no loaded a torn log")
	}
	if !strings.Contains(err.Error(), filepath.Base(incr[0])) {
		t.Fatalf("error does not name the file: %v", err)
	}
}

func TestDebugPopulateLogged(t *testing.T) {
	dir := t.TempDir()
	e, err := Open(Options{Dir: dir, AppendOnly: true, EnableDebugCommand: "yes"})
	if err != nil {
		t.Fatal(err)
	}
	c := e.NewClient(ClientOptions{})
	run(e, c, "SET", "key:3", "mine")
	if got := run(e, c, "DEBUG", "POPULATE", "1000", "key", "10"); got != "+OK\r\n" {
		t.Fatalf("DEBUG POPULATE: %q", got)
	}
	if got := run(e, c, "GET", "key:3"); got != "$4\r\nmine\r\n" {
		t.Fatalf("existing key overwritten: %q", got)
	}
	if got := run(e, c, "GET", "key:999"); got != "$10\r\nvalue:999\x00\r\n" {
		t.Fatalf("key:999 = %q", got)
	}
	want := snapshotText(t, e)
	c.Release()
	e.Close()
	e2 := openDurable(t, dir, "everysec") // debug disabled: replay runs it anyway
	defer e2.Close()
	if got := snapshotText(t, e2); got != want {
		t.Fatal("DEBUG POPULATE not restored from the log")
	}
}

func TestWaitAOF(t *testing.T) {
	e := openDurable(t, t.TempDir(), "everysec")
	defer e.Close()
	c := e.NewClient(ClientOptions{})
	defer c.Release()
	run(e, c, "SET", "k", "v")
	if got := run(e, c, "WAITAOF", "1", "0", "0"); got != "*2\r\n:1\r\n:0\r\n" {
		t.Fatalf("WAITAOF 1 0 0: %q", got)
	}
	start := time.Now()
	if got := run(e, c, "WAITAOF", "0", "1", "50"); got != "*2\r\n:1\r\n:0\r\n" || time.Since(start) < 50*time.Millisecond {
		t.Fatalf("WAITAOF 0 1 50: %q after %v", got, time.Since(start))
	}
	if got := run(e, c, "WAITAOF", "-1", "0", "0"); got != "-ERR value is out of range, must be positive\r\n" {
		t.Fatalf("WAITAOF -1: %q", got)
	}
	e2, _ := Open(Options{})
	defer e2.Close()
	c2 := e2.NewClient(ClientOptions{})
	defer c2.Release()
	if got := run(e2, c2, "WAITAOF", "1", "0", "0"); got != "-ERR WAITAOF cannot be used when numlocal is set but appendonly is disabled.\r\n" {
		t.Fatalf("WAITAOF without a log: %q", got)
	}
	if got := run(e2, c2, "WAITAOF", "0", "0", "0"); got != "*2\r\n:0\r\n:0\r\n" {
		t.Fatalf("WAITAOF 0 0 0 without a log: %q", got)
	}
}
