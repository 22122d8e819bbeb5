package engine

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/updraftdb/updraft/internal/resp"
)

// Tests of the server and connection commands whose replies change from run
// to run (times, ids, memory), so that script files cannot hold them.

func srvOpen(t *testing.T, o Options) *Engine {
	t.Helper()
	e, err := Open(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// run executes a command and parses its reply.
func srvRun(t *testing.T, c *Client, args ...string) resp.Value {
	t.Helper()
	bargs := make([][]byte, len(args))
	for i, a := range args {
		bargs[i] = []byte(a)
	}
	c.W.Reset()
	c.e.Exec(c, bargs)
	if len(c.W.Buf) == 0 {
		return resp.Value{}
	}
	v, n, err := resp.ReadReply(c.W.Buf)
	if err != nil || n != len(c.W.Buf) {
		t.Fatalf("%v: bad reply %q (%v)", args, c.W.Buf, err)
	}
	return v
}

func srvWantOK(t *testing.T, v resp.Value, what string) {
	t.Helper()
	if v.Kind != resp.KindSimple || string(v.Str) != "OK" {
		t.Fatalf("%s: got %c %q, want +OK", what, v.Kind, v.Str)
	}
}

// infoFields parses INFO text into its fields, checking the format:
// "# Section" headers, key:value lines, CRLF, one blank line between
// sections.
func infoFields(t *testing.T, text string) (map[string]string, []string) {
	t.Helper()
	if !strings.HasSuffix(text, "\r\n") {
		t.Fatalf("INFO does not end with CRLF: %q", text)
	}
	fields := map[string]string{}
	var sections []string
	for i, sec := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n\r\n") {
		lines := strings.Split(sec, "\r\n")
		if !strings.HasPrefix(lines[0], "# ") {
			t.Fatalf("section %d starts with %q", i, lines[0])
		}
		sections = append(sections, lines[0][2:])
		for _, l := range lines[1:] {
			k, v, ok := strings.Cut(l, ":")
			if !ok || k == "" || strings.ContainsAny(l, "\r\n") {
				t.Fatalf("bad INFO line %q", l)
			}
			fields[k] = v
		}
	}
	return fields, sections
}

func TestInfoSectionsAndFields(t *testing.T) {
	e := srvOpen(t, Options{})
	e.ResetStats() // command counters belong to the process-wide table
	c := e.NewClient(ClientOptions{Addr: "127.0.0.1:5000"})
	srvRun(t, c, "SET", "a", "1")
	srvRun(t, c, "SET", "b", "x", "EX", "100")
	srvRun(t, c, "GET", "a")
	srvRun(t, c, "GET", "nokey")
	srvRun(t, c, "NOSUCHCOMMAND")
	srvRun(t, c, "INCR", "b")

	v := srvRun(t, c, "INFO")
	if v.Kind != resp.KindBulk {
		t.Fatalf("INFO in RESP2 is %c, want a bulk string", v.Kind)
	}
	f, secs := infoFields(t, string(v.Str))
	want := "Server Clients Memory Persistence Stats Replication CPU Modules Errorstats Cluster Keyspace"
	if got := strings.Join(secs, " "); got != want {
		t.Errorf("default sections %q, want %q", got, want)
	}
	for k, re := range map[string]string{
		"redis_version":               `^` + regexp.QuoteMeta(RedisVersion) + `$`,
		"redis_mode":                  `^standalone$`,
		"process_id":                  `^[0-9]+$`,
		"run_id":                      `^[0-9a-f]{40}$`,
		"uptime_in_seconds":           `^[0-9]+$`,
		"hz":                          `^10$`,
		"connected_clients":           `^1$`,
		"maxclients":                  `^10000$`,
		"used_memory":                 `^[1-9][0-9]*$`,
		"used_memory_human":           `^[0-9.]+[BKMGTP]$`,
		"used_memory_rss":             `^[1-9][0-9]*$`,
		"used_memory_peak":            `^[1-9][0-9]*$`,
		"mem_fragmentation_ratio":     `^[0-9]+\.[0-9]{2}$`,
		"used_memory_peak_perc":       `^[0-9]+\.[0-9]{2}%$`,
		"rdb_changes_since_last_save": `^[1-9][0-9]*$`,
		"total_commands_processed":    `^[1-9][0-9]*$`,
		"keyspace_hits":               `^1$`,
		"keyspace_misses":             `^1$`,
		"total_error_replies":         `^2$`,
		"errorstat_ERR":               `^count=2$`,
		"role":                        `^master$`,
		"master_replid":               `^[0-9a-f]{40}$`,
		"used_cpu_user":               `^[0-9]+\.[0-9]{6}$`,
		"cluster_enabled":             `^0$`,
		"db0":                         `^keys=2,expires=1,avg_ttl=[0-9]+$`,
	} {
		got, ok := f[k]
		if !ok {
			t.Errorf("INFO has no %s", k)
			continue
		}
		if !regexp.MustCompile(re).MatchString(got) {
			t.Errorf("%s:%s does not match %s", k, got, re)
		}
	}
	if ttl, _ := strconv.Atoi(strings.Split(f["db0"], "avg_ttl=")[1]); ttl < 90000 || ttl > 100000 {
		t.Errorf("avg_ttl %d, want about 100000", ttl)
	}
	if _, ok := f["cmdstat_get"]; ok {
		t.Error("plain INFO includes commandstats")
	}

	// Named sections, case-insensitive, in Redis's order whatever the
	// argument order; unknown sections are empty.
	f2, secs := infoFields(t, string(srvRun(t, c, "INFO", "KEYSPACE", "commandstats").Str))
	if got := strings.Join(secs, " "); got != "Commandstats Keyspace" {
		t.Errorf("sections %q", got)
	}
	if got := f2["cmdstat_get"]; !regexp.MustCompile(`^calls=2,usec=[0-9]+,usec_per_call=[0-9]+\.[0-9]{2},rejected_calls=0,failed_calls=0$`).MatchString(got) {
		t.Errorf("cmdstat_get:%s", got)
	}
	if got := f2["cmdstat_incr"]; !strings.HasSuffix(got, ",rejected_calls=0,failed_calls=1") {
		t.Errorf("cmdstat_incr:%s", got)
	}
	if v := srvRun(t, c, "INFO", "nosuch"); v.Kind != resp.KindBulk || len(v.Str) != 0 {
		t.Errorf("INFO nosuch = %c %q", v.Kind, v.Str)
	}
	_, secs = infoFields(t, string(srvRun(t, c, "INFO", "everything").Str))
	if len(secs) != 12 {
		t.Errorf("INFO everything sections %v", secs)
	}

	// RESP3: a verbatim string.
	c.W.Proto = 3
	c.W.Reset()
	e.Exec(c, [][]byte{[]byte("INFO"), []byte("cluster")})
	if got := string(c.W.Buf); got != "=34\r\ntxt:# Cluster\r\ncluster_enabled:0\r\n\r\n" {
		t.Errorf("RESP3 INFO cluster = %q", got)
	}
}

func TestConfigResetStat(t *testing.T) {
	e := srvOpen(t, Options{})
	c := e.NewClient(ClientOptions{})
	srvRun(t, c, "GET", "x")
	srvRun(t, c, "BADCMD")
	srvWantOK(t, srvRun(t, c, "CONFIG", "RESETSTAT"), "CONFIG RESETSTAT")
	f, _ := infoFields(t, string(srvRun(t, c, "INFO", "stats", "commandstats", "errorstats").Str))
	if f["keyspace_misses"] != "0" || f["total_error_replies"] != "0" {
		t.Errorf("after RESETSTAT: misses %s errors %s", f["keyspace_misses"], f["total_error_replies"])
	}
	if _, ok := f["cmdstat_get"]; ok {
		t.Error("cmdstat_get survived RESETSTAT")
	}
	if _, ok := f["cmdstat_config|resetstat"]; !ok {
		t.Error("no cmdstat_config|resetstat after RESETSTAT")
	}
}

var clientLineRE = regexp.MustCompile(`^id=[0-9]+ addr=\S* laddr=\S* fd=-?[0-9]+ name=\S* age=[0-9]+ idle=[0-9]+ flags=[A-Za-z]+ db=[0-9]+ sub=0 psub=0 ssub=0 multi=-1 qbuf=[0-9]+ qbuf-free=[0-9]+ argv-mem=[0-9]+ multi-mem=0 rbs=[0-9]+ rbp=[0-9]+ obl=0 oll=0 omem=0 tot-mem=[0-9]+ events=r cmd=\S+ user=default redir=-1 resp=[23] lib-name=\S* lib-ver=\S*$`)

func TestClientListAndKill(t *testing.T) {
	e := srvOpen(t, Options{})
	a := e.NewClient(ClientOptions{Addr: "127.0.0.1:1001", LocalAddr: "127.0.0.1:6379", FD: 7})
	b := e.NewClient(ClientOptions{Addr: "127.0.0.1:1002", LocalAddr: "127.0.0.1:6379", FD: 8})
	var closed sync.WaitGroup
	closed.Add(1)
	b.Close = closed.Done
	srvRun(t, b, "CLIENT", "SETNAME", "bee")
	srvRun(t, b, "SELECT", "2")
	srvRun(t, b, "HELLO", "3")
	srvRun(t, b, "CLIENT", "SETINFO", "LIB-NAME", "go-redis")
	srvRun(t, b, "CLIENT", "NO-EVICT", "on")

	list := string(srvRun(t, a, "CLIENT", "LIST").Str)
	lines := strings.Split(strings.TrimSuffix(list, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("CLIENT LIST has %d lines: %q", len(lines), list)
	}
	for _, l := range lines {
		if !clientLineRE.MatchString(l) {
			t.Errorf("CLIENT LIST line does not have Redis 7.2's fields:\n%s", l)
		}
	}
	wantA := "id=" + strconv.FormatInt(a.ID, 10) + " addr=127.0.0.1:1001 laddr=127.0.0.1:6379 fd=7 name= "
	if !strings.HasPrefix(lines[0], wantA) || !strings.Contains(lines[0], " flags=N db=0 ") ||
		!strings.Contains(lines[0], " argv-mem=10 ") || !strings.Contains(lines[0], " cmd=client|list ") {
		t.Errorf("own line: %s", lines[0])
	}
	for _, s := range []string{" name=bee ", " flags=e ", " db=2 ", " cmd=client|no-evict ", " resp=3 ", " lib-name=go-redis lib-ver="} {
		if !strings.Contains(lines[1], s) {
			t.Errorf("other client's line lacks %q: %s", s, lines[1])
		}
	}
	if got := string(srvRun(t, a, "CLIENT", "LIST", "ID", strconv.FormatInt(b.ID, 10)).Str); got != lines[1]+"\n" {
		t.Errorf("CLIENT LIST ID = %q", got)
	}
	if got := string(srvRun(t, a, "CLIENT", "LIST", "TYPE", "pubsub").Str); got != "" {
		t.Errorf("CLIENT LIST TYPE pubsub = %q", got)
	}
	info := string(srvRun(t, b, "CLIENT", "INFO").Str)
	if !strings.HasSuffix(info, "\n") || !clientLineRE.MatchString(strings.TrimSuffix(info, "\n")) {
		t.Errorf("CLIENT INFO = %q", info)
	}

	// New-style filters: SKIPME protects the caller by default.
	if v := srvRun(t, a, "CLIENT", "KILL", "ADDR", "127.0.0.1:1001"); v.Int != 0 {
		t.Errorf("KILL ADDR self = %d, want 0 (skipme)", v.Int)
	}
	if v := srvRun(t, a, "CLIENT", "KILL", "ID", strconv.FormatInt(b.ID, 10), "TYPE", "normal", "USER", "default"); v.Int != 1 {
		t.Errorf("KILL ID = %d, want 1", v.Int)
	}
	closed.Wait()
	srvWantOK(t, srvRun(t, a, "CLIENT", "KILL", "127.0.0.1:1001"), "KILL own addr")
	if !a.CloseAfterReply {
		t.Error("killing oneself does not close after the reply")
	}
}

func TestHelloAuthWithPassword(t *testing.T) {
	e := srvOpen(t, Options{RequirePass: "s3cret"})
	c := e.NewClient(ClientOptions{})
	if v := srvRun(t, c, "PING"); string(v.Str) != "NOAUTH Authentication required." {
		t.Fatalf("PING before AUTH: %q", v.Str)
	}
	if v := srvRun(t, c, "HELLO", "3"); !strings.HasPrefix(string(v.Str), "NOAUTH HELLO must be called") {
		t.Errorf("HELLO before AUTH: %q", v.Str)
	}
	if v := srvRun(t, c, "HELLO", "3", "AUTH", "default", "bad"); string(v.Str) != errInvalidPass {
		t.Errorf("HELLO with a bad password: %q", v.Str)
	}
	if c.W.Proto != 2 {
		t.Error("failed HELLO switched protocol")
	}
	v := srvRun(t, c, "HELLO", "3", "AUTH", "default", "s3cret", "SETNAME", "me")
	if v.Kind != resp.KindMap || len(v.Elems) != 14 || v.Elems[5].Int != 3 {
		t.Fatalf("HELLO 3 AUTH reply %+v", v)
	}
	if string(srvRun(t, c, "CLIENT", "GETNAME").Str) != "me" {
		t.Error("HELLO SETNAME did not name the connection")
	}
	srvWantOK(t, srvRun(t, c, "AUTH", "s3cret"), "AUTH password")
	srvWantOK(t, srvRun(t, c, "AUTH", "default", "s3cret"), "AUTH default password")
	if v := srvRun(t, c, "AUTH", "other", "s3cret"); string(v.Str) != errInvalidPass {
		t.Errorf("AUTH other user: %q", v.Str)
	}
	if v := srvRun(t, c, "RESET"); string(v.Str) != "RESET" {
		t.Fatalf("RESET: %q", v.Str)
	}
	if c.W.Proto != 2 || c.authenticated {
		t.Errorf("after RESET: proto %d, authenticated %v", c.W.Proto, c.authenticated)
	}
}

// monitorFeed starts a MONITOR client that records what it is pushed.
func monitorFeed(t *testing.T, e *Engine) (*Client, func() []string) {
	m := e.NewClient(ClientOptions{Addr: "127.0.0.1:9"})
	var mu sync.Mutex
	var got []string
	m.Push = func(b []byte) {
		mu.Lock()
		got = append(got, string(b))
		mu.Unlock()
	}
	srvWantOK(t, srvRun(t, m, "MONITOR"), "MONITOR")
	return m, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), got...)
	}
}

func TestMonitor(t *testing.T) {
	e := srvOpen(t, Options{})
	m, feed := monitorFeed(t, e)
	if v := srvRun(t, m, "MONITOR"); len(m.W.Buf) != 0 {
		t.Errorf("second MONITOR replied %+v", v)
	}
	c := e.NewClient(ClientOptions{Addr: "127.0.0.1:4242"})
	srvRun(t, c, "SELECT", "1")
	srvRun(t, c, "SET", "k", "a\x01\"b")
	srvRun(t, c, "AUTH", "default", "pw")
	srvRun(t, c, "CONFIG", "SET", "requirepass", "")
	srvRun(t, c, "CONFIG", "GET", "maxclients") // admin: not shown
	srvRun(t, c, "GET")                         // rejected: not shown
	lines := feed()
	re := regexp.MustCompile(`^\+[0-9]+\.[0-9]{6} \[([0-9]+) ([^\]]*)\] (.*)\r\n$`)
	want := []string{`1 127.0.0.1:4242 "SELECT" "1"`, `1 127.0.0.1:4242 "SET" "k" "a\x01\"b"`,
		`1 127.0.0.1:4242 "AUTH" "(redacted)" "(redacted)"`}
	if len(lines) != len(want) {
		t.Fatalf("monitor got %q", lines)
	}
	for i, l := range lines {
		mm := re.FindStringSubmatch(l)
		if mm == nil || mm[1]+" "+mm[2]+" "+mm[3] != want[i] {
			t.Errorf("line %d = %q, want %s", i, l, want[i])
		}
	}
	// A monitor may not touch the keyspace; RESET ends MONITOR.
	if v := srvRun(t, m, "GET", "k"); string(v.Str) != errMonitorKeyspace {
		t.Errorf("GET from a monitor: %q", v.Str)
	}
	if string(srvRun(t, m, "PING").Str) != "PONG" {
		t.Error("PING from a monitor failed")
	}
	// The monitor sees its own PING (after its reply), as in Redis.
	if l := feed(); len(l) != 4 || !strings.HasSuffix(l[3], ` [0 127.0.0.1:9] "PING"`+"\r\n") {
		t.Errorf("monitor's own PING: %q", l)
	}
	srvRun(t, m, "RESET")
	srvRun(t, c, "PING")
	if n := len(feed()); n != 4 {
		t.Errorf("monitor fed after RESET: %d lines", n)
	}
	if e.clients.monitor.Load() != 0 {
		t.Error("monitor count not back to 0")
	}
}

func TestSlowlogAndLatency(t *testing.T) {
	e := srvOpen(t, Options{})
	c := e.NewClient(ClientOptions{Addr: "127.0.0.1:777"})
	srvWantOK(t, srvRun(t, c, "CONFIG", "SET", "slowlog-log-slower-than", "0"), "CONFIG SET")
	srvRun(t, c, "CLIENT", "SETNAME", "slow")
	srvRun(t, c, "SET", "k", strings.Repeat("v", 200))
	srvRun(t, c, "AUTH", "default", "pw")
	v := srvRun(t, c, "SLOWLOG", "GET", "2")
	if len(v.Elems) != 2 {
		t.Fatalf("SLOWLOG GET 2 = %+v", v)
	}
	auth, set := v.Elems[0], v.Elems[1]
	if len(set.Elems) != 6 || set.Elems[0].Int+1 != auth.Elems[0].Int {
		t.Fatalf("entries %+v", v)
	}
	if now := time.Now().Unix(); set.Elems[1].Int < now-5 || set.Elems[1].Int > now {
		t.Errorf("entry time %d", set.Elems[1].Int)
	}
	if args := set.Elems[3].Elems; len(args) != 3 || string(args[2].Str) != strings.Repeat("v", 128)+"... (72 more bytes)" {
		t.Errorf("SET entry args %+v", args)
	}
	if string(set.Elems[4].Str) != "127.0.0.1:777" || string(set.Elems[5].Str) != "slow" {
		t.Errorf("entry client %q %q", set.Elems[4].Str, set.Elems[5].Str)
	}
	if args := auth.Elems[3].Elems; string(args[1].Str) != "(redacted)" || string(args[2].Str) != "(redacted)" {
		t.Errorf("AUTH entry not redacted: %+v", args)
	}
	if n := srvRun(t, c, "SLOWLOG", "LEN").Int; n < 5 {
		t.Errorf("SLOWLOG LEN %d", n)
	}
	if n := len(srvRun(t, c, "SLOWLOG", "GET", "-1").Elems); n < 5 {
		t.Errorf("SLOWLOG GET -1 has %d entries", n)
	}
	srvWantOK(t, srvRun(t, c, "SLOWLOG", "RESET"), "SLOWLOG RESET")
	// The RESET itself is logged after it ran.
	if n := srvRun(t, c, "SLOWLOG", "LEN").Int; n != 1 {
		t.Errorf("SLOWLOG LEN after RESET = %d, want 1", n)
	}

	// A short log keeps the newest entries, newest first.
	srvWantOK(t, srvRun(t, c, "CONFIG", "SET", "slowlog-max-len", "3"), "CONFIG SET")
	for i := 0; i < 500; i++ {
		srvRun(t, c, "PING", strconv.Itoa(i))
	}
	if n := srvRun(t, c, "SLOWLOG", "LEN").Int; n != 3 {
		t.Errorf("SLOWLOG LEN with max-len 3 = %d", n)
	}
	got := srvRun(t, c, "SLOWLOG", "GET", "-1").Elems
	if len(got) != 3 || got[0].Elems[0].Int != got[1].Elems[0].Int+1 || string(got[1].Elems[3].Elems[1].Str) != "499" {
		t.Errorf("SLOWLOG GET with max-len 3: %+v", got)
	}
	srvWantOK(t, srvRun(t, c, "CONFIG", "SET", "slowlog-max-len", "0"), "CONFIG SET")
	if n := srvRun(t, c, "SLOWLOG", "LEN").Int; n != 0 {
		t.Errorf("SLOWLOG LEN with max-len 0 = %d", n)
	}

	srvWantOK(t, srvRun(t, c, "CONFIG", "SET", "latency-monitor-threshold", "1"), "CONFIG SET")
	e.latency.add("command", 12)
	lat := srvRun(t, c, "LATENCY", "LATEST")
	if len(lat.Elems) != 1 || string(lat.Elems[0].Elems[0].Str) != "command" || lat.Elems[0].Elems[3].Int != 12 {
		t.Errorf("LATENCY LATEST = %+v", lat)
	}
	if h := srvRun(t, c, "LATENCY", "HISTORY", "command"); len(h.Elems) != 1 || h.Elems[0].Elems[1].Int != 12 {
		t.Errorf("LATENCY HISTORY = %+v", h)
	}
	if n := srvRun(t, c, "LATENCY", "RESET", "command", "other").Int; n != 1 {
		t.Errorf("LATENCY RESET = %d", n)
	}
}

func TestConfigRewrite(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "updraft.conf")
	orig := "# my settings\nmaxclients 50\nunknown-directive 1\n\ntimeout 3\ntimeout 4\n"
	if err := os.WriteFile(file, []byte(orig), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := NewConfig()
	cfg.File = file
	e, err := OpenConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	c := e.NewClient(ClientOptions{})
	srvWantOK(t, srvRun(t, c, "CONFIG", "SET", "timeout", "9", "slowlog-max-len", "7", "requirepass", "a b"), "CONFIG SET")
	srvWantOK(t, srvRun(t, c, "CONFIG", "REWRITE"), "CONFIG REWRITE")
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := "# my settings\nmaxclients 50\nunknown-directive 1\n\ntimeout 9\n" +
		"# Generated by CONFIG REWRITE\nslowlog-max-len 7\nrequirepass \"a b\"\n"
	if string(got) != want {
		t.Errorf("rewritten file:\n%s\nwant:\n%s", got, want)
	}
	if st, _ := os.Stat(file); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
}

func TestMemoryUsageAndStats(t *testing.T) {
	e := srvOpen(t, Options{})
	c := e.NewClient(ClientOptions{})
	srvRun(t, c, "SET", "small", "v")
	srvRun(t, c, "SET", "big", strings.Repeat("x", 100000))
	small := srvRun(t, c, "MEMORY", "USAGE", "small").Int
	big := srvRun(t, c, "MEMORY", "USAGE", "big", "SAMPLES", "0").Int
	if small < 24 || small > 128 {
		t.Errorf("MEMORY USAGE small = %d", small)
	}
	if big < 100000 || big > 140000 {
		t.Errorf("MEMORY USAGE big = %d", big)
	}
	m := e.MemoryStats()
	if m.SlabInUse <= 0 || m.ObjBytes < 100000 || m.DictBytes <= 0 || m.Used < m.SlabInUse+m.ObjBytes || m.RSS <= 0 {
		t.Errorf("MemoryStats %+v", m)
	}
	if got := string(appendHuman(nil, 1023)) + " " + string(appendHuman(nil, 1536)) + " " + string(appendHuman(nil, 3<<30)); got != "1023B 1.50K 3.00G" {
		t.Errorf("appendHuman: %s", got)
	}
}

func TestDebug(t *testing.T) {
	off := srvOpen(t, Options{})
	if v := srvRun(t, off.NewClient(ClientOptions{}), "DEBUG", "SLEEP", "0"); string(v.Str) != errDebugNotAllowed {
		t.Errorf("DEBUG with enable-debug-command no: %q", v.Str)
	}
	local := srvOpen(t, Options{EnableDebugCommand: "local"})
	srvWantOK(t, srvRun(t, local.NewClient(ClientOptions{Addr: "127.0.0.1:5"}), "DEBUG", "SLEEP", "0"), "local DEBUG")
	srvWantOK(t, srvRun(t, local.NewClient(ClientOptions{Addr: "[::1]:5"}), "DEBUG", "SLEEP", "0"), "local v6 DEBUG")
	if v := srvRun(t, local.NewClient(ClientOptions{Addr: "10.1.2.3:5"}), "DEBUG", "SLEEP", "0"); string(v.Str) != errDebugNotAllowed {
		t.Errorf("remote DEBUG with local: %q", v.Str)
	}

	e := srvOpen(t, Options{EnableDebugCommand: "yes"})
	c := e.NewClient(ClientOptions{})
	srvRun(t, c, "SET", "n", "123")
	srvRun(t, c, "SET", "s", "hello")
	re := regexp.MustCompile(`^Value at:0x[0-9a-f]+ refcount:([0-9]+) encoding:(\w+) serializedlength:([0-9]+) lru:[0-9]+ lru_seconds_idle:[0-9]+$`)
	for key, want := range map[string]string{"n": "2147483647 int 2", "s": "1 embstr 6"} {
		m := re.FindStringSubmatch(string(srvRun(t, c, "DEBUG", "OBJECT", key).Str))
		if m == nil || strings.Join(m[1:], " ") != want {
			t.Errorf("DEBUG OBJECT %s = %q, want %s", key, m, want)
		}
	}
	start := time.Now()
	srvWantOK(t, srvRun(t, c, "DEBUG", "SLEEP", "0.05"), "DEBUG SLEEP")
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("DEBUG SLEEP 0.05 took %v", d)
	}
	// With active expiry off, an expired key stays until it is touched.
	srvWantOK(t, srvRun(t, c, "DEBUG", "SET-ACTIVE-EXPIRE", "0"), "SET-ACTIVE-EXPIRE")
	srvRun(t, c, "SET", "gone", "1", "PX", "1")
	time.Sleep(300 * time.Millisecond)
	if n := srvRun(t, c, "DBSIZE").Int; n != 3 {
		t.Errorf("DBSIZE with active expiry off = %d, want 3", n)
	}
	srvWantOK(t, srvRun(t, c, "DEBUG", "SET-ACTIVE-EXPIRE", "1"), "SET-ACTIVE-EXPIRE")
	deadline := time.Now().Add(2 * time.Second)
	for srvRun(t, c, "DBSIZE").Int != 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := srvRun(t, c, "DBSIZE").Int; n != 2 {
		t.Errorf("DBSIZE with active expiry on = %d, want 2", n)
	}
}

func TestTimeAndLastSave(t *testing.T) {
	e := srvOpen(t, Options{})
	c := e.NewClient(ClientOptions{})
	v := srvRun(t, c, "TIME")
	sec, _ := strconv.ParseInt(string(v.Elems[0].Str), 10, 64)
	us, _ := strconv.ParseInt(string(v.Elems[1].Str), 10, 64)
	if now := time.Now().Unix(); len(v.Elems) != 2 || sec < now-1 || sec > now || us < 0 || us > 999999 {
		t.Errorf("TIME = %+v", v)
	}
	if ls := srvRun(t, c, "LASTSAVE").Int; ls != e.start.Unix() {
		t.Errorf("LASTSAVE = %d, want start time %d", ls, e.start.Unix())
	}
}

// TestCommandTable checks every command's COMMAND INFO and COMMAND DOCS
// parse, and that the counts agree.
func TestCommandTable(t *testing.T) {
	e := srvOpen(t, Options{})
	c := e.NewClient(ClientOptions{})
	for _, proto := range []int{2, 3} {
		c.W.Proto = proto
		all := srvRun(t, c, "COMMAND")
		if int64(len(all.Elems)) != srvRun(t, c, "COMMAND", "COUNT").Int {
			t.Fatalf("COMMAND has %d entries, COUNT says otherwise", len(all.Elems))
		}
		for _, ci := range all.Elems {
			if len(ci.Elems) != 10 {
				t.Fatalf("COMMAND entry with %d fields: %+v", len(ci.Elems), ci)
			}
			for _, sub := range ci.Elems[9].Elems {
				if !strings.HasPrefix(string(sub.Elems[0].Str), string(ci.Elems[0].Str)+"|") {
					t.Errorf("subcommand %q of %q", sub.Elems[0].Str, ci.Elems[0].Str)
				}
			}
		}
		docs := srvRun(t, c, "COMMAND", "DOCS")
		if len(docs.Elems) != 2*len(all.Elems) {
			t.Errorf("COMMAND DOCS has %d elements for %d commands", len(docs.Elems), len(all.Elems))
		}
	}
	c.W.Proto = 2
	names := srvRun(t, c, "COMMAND", "LIST")
	seen := map[string]bool{}
	for _, n := range names.Elems {
		seen[string(n.Str)] = true
	}
	for _, n := range []string{"get", "client", "client|list", "config|set", "command|docs", "info"} {
		if !seen[n] {
			t.Errorf("COMMAND LIST lacks %s", n)
		}
	}
	for _, n := range srvRun(t, c, "COMMAND", "LIST", "FILTERBY", "ACLCAT", "dangerous").Elems {
		if cmd := lookupFullName(string(n.Str)); cmd == nil || cmd.aclCategories()&CatDangerous == 0 {
			t.Errorf("ACLCAT dangerous lists %s", n.Str)
		}
	}
}
