package engine

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/updraftdb/updraft/persistence/rdb"
)

// memLog is a ChangeLog in memory: records by sequence number.
type memLog struct {
	next atomic.Uint64
	mu   sync.Mutex
	recs map[uint64][]byte
}

func newMemLog() *memLog { return &memLog{recs: map[uint64][]byte{}} }

func (l *memLog) Reserve() uint64 { return l.next.Add(1) }

func (l *memLog) Submit(seq uint64, rec []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, dup := l.recs[seq]; dup {
		panic(fmt.Sprintf("sequence %d submitted twice", seq))
	}
	l.recs[seq] = append([]byte(nil), rec...)
}

// records returns the records in sequence order; it fails when a reserved
// number was never submitted.
func (l *memLog) records(t testing.TB) [][]byte {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	n := l.next.Load()
	out := make([][]byte, 0, n)
	for seq := uint64(1); seq <= n; seq++ {
		rec, ok := l.recs[seq]
		if !ok {
			t.Fatalf("sequence %d reserved but never submitted", seq)
		}
		out = append(out, rec)
	}
	return out
}

// text renders the log's records as commands, one line each, for
// failure messages and tests of what a command logs.
func (l *memLog) text(t testing.TB) string {
	var b strings.Builder
	for _, rec := range l.records(t) {
		err := decodeEntries(rec, nil, func(db int, args [][]byte) error {
			fmt.Fprintf(&b, "%d:", db)
			for _, a := range args {
				fmt.Fprintf(&b, " %s", a)
			}
			b.WriteByte('\n')
			return nil
		})
		if err != nil {
			t.Fatalf("decode: %v", err)
		}
	}
	return b.String()
}

// loggedEngine opens an engine writing to a memory log.
func loggedEngine(t testing.TB) (*Engine, *memLog) {
	t.Helper()
	e, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	l := newMemLog()
	e.AttachLog(l)
	return e, l
}

// replayInto replays l into a fresh engine.
func replayInto(t testing.TB, l *memLog) *Engine {
	t.Helper()
	e2, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e2.Close() })
	r := e2.NewReplayer()
	for _, rec := range l.records(t) {
		if err := r.Replay(rec); err != nil {
			t.Fatalf("replay: %v", err)
		}
	}
	if r.Errors > 0 {
		t.Fatalf("replay: %d commands failed, last: %s\nlog:\n%s", r.Errors, r.LastError, l.text(t))
	}
	return e2
}

// run runs one command on c and returns the raw reply.
func run(e *Engine, c *Client, args ...string) string {
	argv := make([][]byte, len(args))
	for i, a := range args {
		argv[i] = []byte(a)
	}
	c.W.Buf = c.W.Buf[:0]
	e.Exec(c, argv)
	return string(c.W.Buf)
}

// snapshotText describes every key of every database of e, read with the
// clock stopped (so that both engines see the same keys, expired ones
// included): type, absolute expiry, value (decoded DUMP, sorted where
// Redis's order is not part of the value) and, for hashes, field expiry
// times.
func snapshotText(t testing.TB, e *Engine) string {
	t.Helper()
	c := e.NewReplayer().c
	var b strings.Builder
	for db := 0; db < e.opts.Databases; db++ {
		run(e, c, "SELECT", fmt.Sprint(db))
		keys := parseArrayReply(t, run(e, c, "KEYS", "*"))
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "%d %q %s exp=%s", db, k, strings.TrimSpace(run(e, c, "TYPE", k)),
				strings.TrimSpace(run(e, c, "PEXPIRETIME", k)))
			dump := run(e, c, "DUMP", k)
			if strings.HasPrefix(dump, "$") {
				payload := dump[strings.Index(dump, "\r\n")+2 : len(dump)-2]
				v, err := rdb.ParseDump([]byte(payload))
				if err != nil {
					t.Fatalf("key %q: %v", k, err)
				}
				fmt.Fprintf(&b, " %s", valueText(v))
			} else {
				fmt.Fprintf(&b, " dump=%q", dump)
			}
			if strings.TrimSpace(run(e, c, "TYPE", k)) == "+hash" {
				fields := parseArrayReply(t, run(e, c, "HKEYS", k))
				sort.Strings(fields)
				for _, f := range fields {
					fmt.Fprintf(&b, " %s@%s", f, strings.ReplaceAll(run(e, c, "HPEXPIRETIME", k, "FIELDS", "1", f), "\r\n", " "))
				}
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// valueText renders a decoded value; the members of sets and hashes are
// sorted (their order depends on the encoding's history).
func valueText(v rdb.Value) string {
	switch v.Kind {
	case rdb.Set:
		m := slices.Clone(v.Elems)
		slices.SortFunc(m, bytes.Compare)
		return fmt.Sprintf("%q", m)
	case rdb.Hash:
		pairs := make([]string, 0, len(v.Elems)/2)
		for i := 0; i+1 < len(v.Elems); i += 2 {
			pairs = append(pairs, fmt.Sprintf("%q=%q", v.Elems[i], v.Elems[i+1]))
		}
		sort.Strings(pairs)
		return strings.Join(pairs, ",")
	case rdb.ZSet:
		return fmt.Sprintf("%q %v", v.Elems, v.Scores)
	}
	return fmt.Sprintf("%q %q", v.Str, v.Elems)
}

// parseArrayReply reads a RESP2 array of bulk strings.
func parseArrayReply(t testing.TB, s string) []string {
	t.Helper()
	if !strings.HasPrefix(s, "*") {
		t.Fatalf("not an array: %q", s)
	}
	lines := strings.Split(s, "\r\n")
	var out []string
	for i := 1; i+1 < len(lines); i += 2 {
		out = append(out, lines[i+1])
	}
	return out
}

// checkReplay runs cmds on a logged engine, replays its log into a fresh
// one and compares the two keyspaces.
func checkReplay(t *testing.T, cmds [][]string) (*Engine, *memLog) {
	t.Helper()
	e, l := loggedEngine(t)
	c := e.NewClient(ClientOptions{})
	defer c.Release()
	for _, cmd := range cmds {
		run(e, c, cmd...)
	}
	want := snapshotText(t, e)
	got := snapshotText(t, replayInto(t, l))
	if got != want {
		t.Fatalf("replayed keyspace differs\nwant:\n%s\ngot:\n%s\nlog:\n%s", want, got, l.text(t))
	}
	return e, l
}

func TestReplayBasics(t *testing.T) {
	checkReplay(t, [][]string{
		{"SET", "a", "1"}, {"INCR", "a"}, {"RPUSH", "l", "x", "y", "z"}, {"LPOP", "l"},
		{"HSET", "h", "f", "v", "g", "w"}, {"SADD", "s", "1", "2", "3"}, {"ZADD", "z", "1", "m"},
		{"SELECT", "3"}, {"SET", "b", "in3"}, {"SELECT", "0"}, {"DEL", "nothing"},
		{"MULTI"}, {"SET", "t", "1"}, {"INCR", "t"}, {"EXEC"},
		{"EVAL", "redis.call('set', KEYS[1], 'v') return redis.call('incr', KEYS[2])", "2", "k1", "k2"},
		{"SET", "gone", "1"}, {"DEL", "gone"},
	})
}

// TestLogOrder checks what a few commands log, entry by entry.
func TestLogOrder(t *testing.T) {
	e, l := loggedEngine(t)
	c := e.NewClient(ClientOptions{})
	defer c.Release()
	run(e, c, "SET", "k", "v")
	run(e, c, "GET", "k")       // a read logs nothing
	run(e, c, "DEL", "missing") // a write that changes nothing logs nothing
	run(e, c, "MULTI")
	run(e, c, "SET", "a", "1")
	run(e, c, "GET", "a")
	run(e, c, "SET", "b", "2")
	run(e, c, "EXEC")
	run(e, c, "SET", "e", "1", "PXAT", "1000") // already expired
	run(e, c, "GET", "e")                      // lazily deleted: DEL logged
	want := "0: SET k v\n0: SET a 1\n0: SET b 2\n0: SET e 1 PXAT 1000\n0: DEL e\n"
	if got := l.text(t); got != want {
		t.Fatalf("log:\n%s\nwant:\n%s", got, want)
	}
	if n := len(l.records(t)); n != 4 {
		t.Fatalf("%d records, want 4 (EXEC's commands share one)", n)
	}
}
