package engine

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// unixMs matches absolute times in unix ms (and stream IDs' ms parts).
var unixMs = regexp.MustCompile(`\b1[0-9]{12}\b`)

// logLines runs cmds on a logged engine and returns its log as text, with
// absolute times replaced by T.
func logLines(t *testing.T, cmds [][]string) string {
	t.Helper()
	e, l := loggedEngine(t)
	c := e.NewClient(ClientOptions{})
	defer c.Release()
	for _, cmd := range cmds {
		run(e, c, cmd...)
	}
	return unixMs.ReplaceAllString(l.text(t), "T")
}

// TestLogRewrites checks, entry by entry, what commands whose effect
// depends on the clock, chance or blocking log (the forms Redis 7 writes
// to its AOF, checked against redis-server 7.0's appendonly files).
func TestLogRewrites(t *testing.T) {
	cases := []struct {
		name string
		cmds [][]string
		want string
	}{
		{"set ex", [][]string{{"SET", "k", "v", "EX", "100"}, {"SET", "k", "v", "PX", "100", "GET"}, {"SET", "k", "w", "EXAT", "4102444800"}},
			"0: SET k v PXAT T\n0: SET k v PXAT T\n0: SET k w PXAT 4102444800000\n"},
		{"set get", [][]string{{"SET", "k", "v", "GET"}, {"SET", "k", "v", "PXAT", "4102444800000", "NX"}}, "0: SET k v\n"},
		{"setex", [][]string{{"SETEX", "k", "100", "v"}, {"PSETEX", "k", "100", "v"}}, "0: SET k v PXAT T\n0: SET k v PXAT T\n"},
		{"getex", [][]string{{"SET", "k", "v"}, {"GETEX", "k", "EX", "100"}, {"GETEX", "k", "PERSIST"}, {"GETEX", "k", "PXAT", "1"}},
			"0: SET k v\n0: PEXPIREAT k T\n0: PERSIST k\n0: DEL k\n"},
		{"getdel", [][]string{{"SET", "k", "v"}, {"GETDEL", "k"}, {"GETDEL", "k"}}, "0: SET k v\n0: DEL k\n"},
		{"incrbyfloat", [][]string{{"INCRBYFLOAT", "f", "1.5"}, {"INCRBYFLOAT", "f", "1e2"}}, "0: SET f 1.5 KEEPTTL\n0: SET f 101.5 KEEPTTL\n"},
		{"expire", [][]string{{"SET", "k", "v"}, {"EXPIRE", "k", "100"}, {"PEXPIRE", "k", "1000000", "GT"}, {"EXPIREAT", "k", "4102444800"}, {"PEXPIREAT", "k", "1"}},
			"0: SET k v\n0: PEXPIREAT k T\n0: PEXPIREAT k T GT\n0: PEXPIREAT k 4102444800000\n0: DEL k\n"},
		{"spop all", [][]string{{"SADD", "s", "a", "b"}, {"SPOP", "s", "5"}}, "0: SADD s a b\n0: DEL s\n"},
		{"list pops", [][]string{{"RPUSH", "l", "a", "b", "c", "d"}, {"BLPOP", "x", "l", "0"}, {"BRPOP", "l", "0"}, {"BLMPOP", "0", "1", "l", "RIGHT", "COUNT", "5"}},
			"0: RPUSH l a b c d\n0: LPOP l\n0: RPOP l\n0: RPOP l 5\n"},
		{"list moves", [][]string{{"RPUSH", "l", "a", "b"}, {"BLMOVE", "l", "m", "LEFT", "RIGHT", "0"}, {"BRPOPLPUSH", "l", "m", "0"}},
			"0: RPUSH l a b\n0: LMOVE l m LEFT RIGHT\n0: RPOPLPUSH l m\n"},
		{"zset pops", [][]string{{"ZADD", "z", "1", "a", "2", "b", "3", "c"}, {"BZPOPMIN", "z", "0"}, {"BZMPOP", "0", "1", "z", "MAX", "COUNT", "5"}, {"ZADD", "z", "1", "a"}, {"ZMPOP", "1", "z", "MIN"}},
			"0: ZADD z 1 a 2 b 3 c\n0: ZPOPMIN z\n0: ZPOPMAX z 5\n0: ZADD z 1 a\n0: ZPOPMIN z 1\n"},
		{"hincrbyfloat", [][]string{{"HINCRBYFLOAT", "h", "f", "1.5"}, {"HPEXPIREAT", "h", "4102444800000", "FIELDS", "1", "f"}, {"HINCRBYFLOAT", "h", "f", "1"}},
			"0: HSET h f 1.5\n0: HPEXPIREAT h 4102444800000 FIELDS 1 f\n0: HSET h f 2.5\n0: HPEXPIREAT h 4102444800000 FIELDS 1 f\n"},
		{"hexpire", [][]string{{"HSET", "h", "f", "1", "g", "2"}, {"HEXPIRE", "h", "100", "FIELDS", "2", "f", "nofield"}, {"HPEXPIREAT", "h", "1", "FIELDS", "1", "g"}},
			"0: HSET h f 1 g 2\n0: HPEXPIREAT h T FIELDS 1 f\n0: HDEL h g\n"},
		{"hgetex hsetex hgetdel", [][]string{{"HSETEX", "h", "EX", "100", "FIELDS", "2", "f", "1", "g", "2"}, {"HGETEX", "h", "PERSIST", "FIELDS", "1", "f"}, {"HGETDEL", "h", "FIELDS", "2", "g", "x"}},
			"0: HSETEX h PXAT T FIELDS 2 f 1 g 2\n0: HPERSIST h FIELDS 1 f\n0: HDEL h g\n"},
		{"not data", [][]string{{"FUNCTION", "LOAD", "#!lua name=l\nredis.register_function('f', function() return 1 end)"}, {"FUNCTION", "DELETE", "l"}, {"SWAPDB", "0", "1"}, {"FLUSHALL"}, {"PUBLISH", "ch", "m"}, {"SCRIPT", "LOAD", "return 1"}},
			"0: FUNCTION LOAD #!lua name=l\nredis.register_function('f', function() return 1 end)\n0: FUNCTION DELETE l\n0: SWAPDB 0 1\n0: FLUSHALL\n"},
		{"multi", [][]string{{"MULTI"}, {"SET", "k", "v", "EX", "100"}, {"BLPOP", "k2", "0"}, {"EXEC"}}, "0: SET k v PXAT T\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := logLines(t, tc.cmds); got != tc.want {
				t.Fatalf("log:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestLogRandomPops(t *testing.T) {
	got := logLines(t, [][]string{{"SADD", "s", "a", "b", "c", "d", "e", "f"}, {"SPOP", "s"}, {"SPOP", "s", "2"}, {"SPOP", "s", "2"}})
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[1], "0: SREM s ") || len(strings.Fields(lines[2])) != 5 || len(strings.Fields(lines[3])) != 5 {
		t.Fatalf("log:\n%s", got)
	}
	checkReplay(t, [][]string{{"SADD", "s", "a", "b", "c", "d", "e", "f", "1", "2", "3"}, {"SPOP", "s"}, {"SPOP", "s", "3"}, {"SPOP", "s", "5"},
		{"SADD", "t", "1", "2", "3"}, {"EVAL", "local m = redis.call('srandmember', 't') redis.call('set', KEYS[1], m) return redis.call('spop', 't')", "1", "r"}})
}

// TestLogServedLater checks a blocked pop served by a later push: the
// push and then the pop, as its plain form, in that order.
func TestLogServedLater(t *testing.T) {
	e, l := loggedEngine(t)
	a, b := e.NewClient(ClientOptions{}), e.NewClient(ClientOptions{})
	defer a.Release()
	defer b.Release()
	for _, cmd := range [][]string{{"BLPOP", "q", "0"}, {"BZPOPMAX", "z", "0"}, {"BLMOVE", "m", "n", "RIGHT", "LEFT", "0"}} {
		run(e, b, cmd...)
		if !b.BlockPending() {
			t.Fatalf("%v did not block", cmd)
		}
		e.CommitBlock(b)
		switch cmd[0] {
		case "BLPOP":
			run(e, a, "RPUSH", "q", "x", "y")
		case "BZPOPMAX":
			run(e, a, "ZADD", "z", "1", "m", "2", "n")
		default:
			run(e, a, "LPUSH", "m", "v")
		}
		if b.Blocked() {
			t.Fatalf("%v not served", cmd)
		}
	}
	want := "0: RPUSH q x y\n0: LPOP q\n0: ZADD z 1 m 2 n\n0: ZPOPMAX z\n0: LPUSH m v\n0: LMOVE m n RIGHT LEFT\n"
	if got := l.text(t); got != want {
		t.Fatalf("log:\n%s\nwant:\n%s", got, want)
	}
	if got, want := snapshotText(t, replayInto(t, l)), snapshotText(t, e); got != want {
		t.Fatalf("replay:\n%s\nwant:\n%s", got, want)
	}
}

// TestLogExpiredFields checks that hash fields expiring inside a command
// log HDELs ahead of it, and that a read logs nothing else.
func TestLogExpiredFields(t *testing.T) {
	e, l := loggedEngine(t)
	c := e.NewClient(ClientOptions{})
	defer c.Release()
	run(e, c, "HSET", "h", "f", "1", "g", "2", "k", "3")
	run(e, c, "HPEXPIRE", "h", "1", "FIELDS", "1", "f")
	run(e, c, "HPEXPIRE", "h", "100000", "FIELDS", "1", "g")
	time.Sleep(5 * time.Millisecond)
	run(e, c, "HGET", "h", "k")
	run(e, c, "HSET", "h", "f", "4")
	got := unixMs.ReplaceAllString(l.text(t), "T")
	want := "0: HSET h f 1 g 2 k 3\n0: HPEXPIREAT h T FIELDS 1 f\n0: HPEXPIREAT h T FIELDS 1 g\n0: HDEL h f\n0: HSET h f 4\n"
	if got != want {
		t.Fatalf("log:\n%s\nwant:\n%s", got, want)
	}
	if got, want := snapshotText(t, replayInto(t, l)), snapshotText(t, e); got != want {
		t.Fatalf("replay:\n%s\nwant:\n%s", got, want)
	}
}

func TestLogStreams(t *testing.T) {
	got := logLines(t, [][]string{{"XADD", "x", "*", "a", "1"}, {"XADD", "x", "9000000000000-*", "a", "2"}, {"XGROUP", "CREATE", "x", "g", "0"},
		{"XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "x", ">"}, {"XREADGROUP", "GROUP", "g", "d", "NOACK", "STREAMS", "x", ">"},
		{"XACK", "x", "g", "nothing-0"}})
	want := "0: XADD x T-0 a 1\n0: XADD x 9000000000000-0 a 2\n0: XGROUP CREATE x g 0\n" +
		"0: XGROUP CREATECONSUMER x g c\n0: XCLAIM x g c 0 T-0 TIME T RETRYCOUNT 1 FORCE JUSTID LASTID T-0\n0: XGROUP SETID x g T-0 ENTRIESREAD 1\n" +
		"0: XGROUP CREATECONSUMER x g d\n0: XGROUP SETID x g 9000000000000-0 ENTRIESREAD 2\n"
	if got != want {
		t.Fatalf("log:\n%s\nwant:\n%s", got, want)
	}
}

// TestReplayRules replays each family, with relative times that must
// come back as the same absolute ones.
func TestReplayRules(t *testing.T) {
	checkReplay(t, [][]string{
		{"SET", "a", "1", "EX", "100"}, {"SETEX", "b", "100", "v"}, {"PSETEX", "c", "100000", "v"}, {"SET", "d", "v"},
		{"GETEX", "d", "PX", "50000"}, {"SET", "e", "v"}, {"EXPIRE", "e", "1000"}, {"SET", "f", "1", "PX", "1"},
		{"INCRBYFLOAT", "g", "0.1"}, {"INCRBYFLOAT", "g", "0.2"}, {"SET", "gone", "v"}, {"PEXPIRE", "gone", "-1"},
		{"HSET", "h", "f", "1", "g", "2"}, {"HEXPIRE", "h", "100", "FIELDS", "1", "f"}, {"HINCRBYFLOAT", "h", "f", "1.5"},
		{"HSETEX", "h2", "PX", "100000", "FIELDS", "1", "x", "y"}, {"HGETEX", "h2", "EX", "500", "FIELDS", "1", "x"},
		{"RPUSH", "l", "a", "b", "c"}, {"BLMPOP", "0", "1", "l", "LEFT", "COUNT", "2"}, {"ZADD", "z", "1", "a", "2", "b"}, {"BZPOPMAX", "z", "0"},
		{"XADD", "x", "*", "a", "1"}, {"XADD", "x", "MAXLEN", "~", "1", "*", "a", "2"}, {"XGROUP", "CREATE", "x", "grp", "0"},
		{"XREADGROUP", "GROUP", "grp", "c1", "STREAMS", "x", ">"}, {"XCLAIM", "x", "grp", "c2", "0", "0-1", "IDLE", "500"},
		{"XAUTOCLAIM", "x", "grp", "c3", "0", "0"}, {"XREADGROUP", "GROUP", "grp", "c3", "STREAMS", "x", "0"},
		{"EVAL", "local t = redis.call('time') redis.call('set', KEYS[1], t[1]) redis.call('expire', KEYS[1], 100) return 1", "1", "lua"},
		{"SELECT", "2"}, {"SET", "in2", "v", "PX", "100000"}, {"SWAPDB", "2", "3"},
	})
}
