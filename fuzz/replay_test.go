package fuzz_test

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/fuzz"
)

// TestReplayRandom checks the change log against the keyspace: random
// command sequences from the grammar (every type, transactions, scripts,
// blocking commands, plus replayExtra's clock- and chance-dependent
// writes) run on an engine writing to a log in memory; the log is then
// replayed into a fresh engine and both keyspaces must be identical.
//
//	go test ./fuzz/ -run TestReplayRandom -replay-rand 5000 -replay-seed N

var (
	replayRand = flag.Int("replay-rand", 0, "TestReplayRandom: run this many sequences (default: a quick set)")
	replaySeed = flag.Uint64("replay-seed", 0, "TestReplayRandom: seed of the first sequence (0: from the clock with -replay-rand)")
	replayLen  = flag.Int("replay-len", 80, "TestReplayRandom: commands per sequence")
)

// replayQuick is how many sequences a plain `go test` runs.
const replayQuick = 1000

// memLog is an engine.ChangeLog in memory.
type memLog struct {
	next atomic.Uint64
	mu   sync.Mutex
	recs map[uint64][]byte
}

func (l *memLog) Reserve() uint64 { return l.next.Add(1) }

func (l *memLog) Submit(seq uint64, rec []byte) {
	l.mu.Lock()
	l.recs[seq] = append([]byte(nil), rec...)
	l.mu.Unlock()
}

// records returns the records in order, or an error for a reserved
// number never submitted.
func (l *memLog) records() ([][]byte, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := l.next.Load()
	out := make([][]byte, 0, n)
	for seq := uint64(1); seq <= n; seq++ {
		rec, ok := l.recs[seq]
		if !ok {
			return nil, fmt.Errorf("sequence %d reserved but never submitted", seq)
		}
		out = append(out, rec)
	}
	return out, nil
}

func TestReplayRandom(t *testing.T) {
	n, seed := replayQuick, uint64(1)
	if *replayRand > 0 {
		n = *replayRand
		seed = *replaySeed
		if seed == 0 {
			seed = uint64(time.Now().UnixNano() % 1e9)
		}
	}
	failed := 0
	for i := 0; i < n && failed < 3; i++ {
		s := seed + uint64(i)
		if msg := replaySequence(t, s, *replayLen); msg != "" {
			failed++
			t.Errorf("seed %d (rerun: -replay-rand 1 -replay-seed %d):\n%s", s, s, msg)
		}
	}
}

// replaySequence runs one sequence and returns a description of the
// difference, "" when the replayed keyspace matches.
func replaySequence(t *testing.T, seed uint64, length int) string {
	src := fuzz.NewRandSource(seed)
	// CONFIG SET changes encodings (HyperLogLog sparse limits...) and is
	// not data: it is not logged, so it is left out.
	g := fuzz.NewGen(src, func(key string) bool { return key != "config|set" })
	e, err := engine.Open(engine.Options{EnableDebugCommand: "yes"})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	l := &memLog{recs: map[uint64][]byte{}}
	e.AttachLog(l)
	c := e.NewClient(engine.ClientOptions{})
	var ran []string
	for i := 0; i < length; i++ {
		var args [][]byte
		if src.Intn(4) == 0 {
			args = replayExtra(src)
		} else {
			args = g.Next(i).Args
		}
		ran = append(ran, fuzz.Quote(args))
		c.W.Buf = c.W.Buf[:0]
		e.Exec(c, args)
		if c.BlockPending() {
			// The client waits for a push; the sequence goes on from
			// a new client (the old one is served or times out).
			e.CommitBlock(c)
			ran = append(ran, "# (blocked; new client)")
			c = e.NewClient(engine.ClientOptions{})
		}
	}
	want := replaySnapshot(e)
	recs, err := l.records()
	if err != nil {
		return err.Error()
	}
	e2, err := engine.Open(engine.Options{EnableDebugCommand: "yes"})
	if err != nil {
		t.Fatal(err)
	}
	defer e2.Close()
	r := e2.NewReplayer()
	for _, rec := range recs {
		if err := r.Replay(rec); err != nil {
			return "replay: " + err.Error()
		}
	}
	if r.Errors > 0 {
		return fmt.Sprintf("replay: %d commands failed, last: %s\ncommands:\n%s", r.Errors, r.LastError, strings.Join(ran, "\n"))
	}
	got := replaySnapshot(e2)
	if got != want {
		return fmt.Sprintf("keyspaces differ\ncommands:\n%s\n%s", strings.Join(ran, "\n"), lineDiff(want, got))
	}
	return ""
}

// replayExtra draws a command the grammar lacks or rarely makes: small
// relative expiry times (keys expire during the run), random pops,
// field expiry, functions, flushes and swaps, scripts that read the
// clock or chance before writing, and blocking pops.
func replayExtra(src fuzz.Source) [][]byte {
	keys := []string{"a", "b", "list", "set", "hash", "zset", "s"}
	k := keys[src.Intn(len(keys))]
	small := strconv.Itoa(src.Intn(4))
	pick := func(xs ...string) string { return xs[src.Intn(len(xs))] }
	var w []string
	switch src.Intn(24) {
	case 0:
		w = []string{"SET", k, "v", pick("PX", "EX", "PXAT"), pick(small, "100000", "1")}
	case 1:
		w = []string{"PEXPIRE", k, pick(small, "100000", "-1")}
	case 2:
		w = []string{"EXPIREAT", k, pick("1", "4102444800")}
	case 3:
		w = []string{"GETEX", k, pick("PX", "EX", "PXAT", "PERSIST"), small}
		if w[2] == "PERSIST" {
			w = w[:3]
		}
	case 4:
		w = []string{"SPOP", "set"}
		if src.Intn(2) == 0 {
			w = append(w, pick("1", "2", "5", "100"))
		}
	case 5:
		w = []string{"SADD", "set", "1", "2", "x", "y", strconv.Itoa(src.Intn(50))}
	case 6:
		w = []string{"HSET", "hash", "f" + small, "v", "g", "1.5"}
	case 7:
		w = []string{pick("HPEXPIRE", "HEXPIRE", "HPEXPIREAT"), "hash", pick(small, "100000", "1"), "FIELDS", "2", "f" + small, "g"}
	case 8:
		w = []string{"HSETEX", "hash", pick("PX", "EX", "PXAT"), pick(small, "100000", "1"), "FIELDS", "1", "f" + small, "w"}
	case 9:
		w = []string{"HGETEX", "hash", pick("PX", "PERSIST", "EXAT"), small, "FIELDS", "1", "f" + small}
		if w[2] == "PERSIST" {
			w = append(w[:3], w[4:]...)
		}
	case 10:
		w = []string{"HGETDEL", "hash", "FIELDS", "2", "f" + small, "g"}
	case 11:
		w = []string{"HINCRBYFLOAT", "hash", "g", pick("0.1", "1e3", "-2.5")}
	case 12:
		w = []string{"FUNCTION", "LOAD", "REPLACE", "#!lua name=lib" + small + "\nredis.register_function('f" + small + "', function(keys, args) return redis.call('set', keys[1], args[1]) end)"}
	case 13:
		w = []string{pick("FUNCTION", "FCALL"), pick("DELETE", "f0", "f1"), "1", k, "x"}
		if w[0] == "FUNCTION" {
			w = w[:3]
			w[2] = "lib" + small
		}
	case 14:
		w = []string{pick("FLUSHALL", "FLUSHDB", "SWAPDB")}
		if w[0] == "SWAPDB" {
			w = append(w, pick("0", "1"), pick("0", "1"))
		} else if src.Intn(3) != 0 {
			w = []string{"DBSIZE"}
		}
	case 15:
		w = []string{"EVAL", pick(
			"local t = redis.call('time') redis.call('set', KEYS[1], t[1] .. t[2]) return 1",
			"local m = redis.call('srandmember', 'set') if m then redis.call('set', KEYS[1], m) end return 1",
			"redis.call('pexpire', KEYS[1], 1) return 1",
			"return redis.call('spop', 'set')"), "1", k}
	case 16:
		w = []string{pick("BLPOP", "BRPOP"), "list", k, pick("0", "0.2")}
	case 17:
		w = []string{"BLMOVE", "list", pick("list", "b"), pick("LEFT", "RIGHT"), pick("LEFT", "RIGHT"), pick("0", "0.2")}
	case 18:
		w = []string{pick("BZPOPMIN", "BZPOPMAX"), "zset", pick("0", "0.2")}
	case 19:
		w = []string{"BZMPOP", "0.2", "1", "zset", pick("MIN", "MAX"), "COUNT", "2"}
	case 20:
		w = []string{"RPUSH", "list", "a", "b", "c"}
	case 21:
		w = []string{"ZADD", "zset", small, "m" + small, "1", "n"}
	case 22:
		w = []string{"XADD", "s", pick("MAXLEN", "MINID"), "~", pick("1", "2", "0"), "*", "f", small}
	case 23:
		w = []string{"XREADGROUP", "GROUP", "g", "c" + small, "COUNT", "2", "STREAMS", "s", pick(">", "0")}
		if src.Intn(3) == 0 {
			w = []string{"XGROUP", "CREATE", "s", "g", pick("0", "$"), "MKSTREAM"}
		}
	}
	args := make([][]byte, len(w))
	for i, s := range w {
		args[i] = []byte(s)
	}
	return args
}

// lineDiff lists the lines of want and got that the other lacks.
func lineDiff(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}
