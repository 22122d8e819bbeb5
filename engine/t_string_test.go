package engine

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// execLine runs one command given as space-separated words and returns
// the reply with "\r\n" as "\n".
func execLine(e *Engine, c *Client, words ...string) string {
	args := make([][]byte, len(words))
	for i, w := range words {
		args[i] = []byte(w)
	}
	c.W.Reset()
	e.Exec(c, args)
	return strings.ReplaceAll(string(c.W.Buf), "\r\n", "\n")
}

// fakeObject stands in for a collection, to test WRONGTYPE paths before
// other types exist.
type fakeObject struct{}

// plantObject stores a non-string value under key.
func plantObject(c *Client, key string) {
	k := []byte(key)
	sh, d, h32 := c.lockKey(k)
	if h := sh.find(d, k, h32); h != 0 {
		sh.remove(d, h)
	}
	h, r := sh.newRecord(k, h32, kindObject, 4, 0, c.e.lruClock())
	binary.LittleEndian.PutUint32(r.val(), sh.putObj(&fakeObject{}, 64))
	sh.insert(d, h)
	sh.mu.Unlock()
}

// TestStringsWrongType checks every string command against a key holding
// another type. The replies are redis-server 7.0's with a list at "l".
func TestStringsWrongType(t *testing.T) {
	e, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	c := e.NewClient(ClientOptions{})
	const wt = "-WRONGTYPE Operation against a key holding the wrong kind of value\n"
	cases := []struct {
		cmd, want   string
		stillObject bool
	}{
		{"GET l", wt, true},
		{"SET l v GET", wt, true},
		{"GETSET l v", wt, true},
		{"GETDEL l", wt, true},
		{"GETEX l", wt, true},
		{"GETEX l EX 0", wt, true},
		{"GETEX l foo", "-ERR syntax error\n", true},
		{"INCR l", wt, true},
		{"DECRBY l 2", wt, true},
		{"INCRBYFLOAT l 1", wt, true},
		{"APPEND l x", wt, true},
		{"STRLEN l", wt, true},
		{"GETRANGE l 0 1", wt, true},
		{"GETRANGE l a 1", "-ERR value is not an integer or out of range\n", true},
		{"SETRANGE l 0 x", wt, true},
		{"SETRANGE l 0 ", wt, true},
		{"SETRANGE l -1 x", "-ERR offset is out of range\n", true},
		{"LCS l x", "-ERR The specified keys must contain string values\n", true},
		{"LCS x l LEN", "-ERR The specified keys must contain string values\n", true},
		{"MGET l x", "*2\n$-1\n$-1\n", true},
		{"MSETNX l 1 y 2", ":0\n", true},
		{"SET l v NX GET", wt, true},
		{"SETNX l v", ":0\n", true},
		{"SET l v XX", "+OK\n", false},
		{"MSET l v", "+OK\n", false},
		{"SET l v", "+OK\n", false},
		{"GETSET x v", "$-1\n", true},
	}
	for _, tc := range cases {
		plantObject(c, "l")
		words := strings.Split(tc.cmd, " ")
		if got := execLine(e, c, words...); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.cmd, got, tc.want)
		}
		got := execLine(e, c, "GET", "l")
		if tc.stillObject && got != wt {
			t.Errorf("%s: key changed: GET l = %q", tc.cmd, got)
		}
		if !tc.stillObject && got != "$1\nv\n" {
			t.Errorf("%s: key not overwritten: GET l = %q", tc.cmd, got)
		}
	}
}

// TestStringsEditModel runs random APPEND, SETRANGE, GETRANGE, STRLEN,
// SET and INCR commands against a model, with values crossing the slab's
// size classes and the heap threshold, and checks that the expire time
// survives every move of the record.
func TestStringsEditModel(t *testing.T) {
	e, err := Open(Options{Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	c := e.NewClient(ClientOptions{})
	rng := rand.New(rand.NewPCG(1, 2))
	model := map[string][]byte{}
	ttl := map[string]bool{}
	keys := []string{"a", "b", strings.Repeat("k", 300), strings.Repeat("h", 20000)}
	randBytes := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('a' + rng.IntN(26))
		}
		return b
	}
	randLen := func() int {
		switch rng.IntN(4) {
		case 0:
			return rng.IntN(8)
		case 1:
			return rng.IntN(200)
		case 2:
			return rng.IntN(3000)
		}
		return rng.IntN(40000)
	}
	for step := 0; step < 3000; step++ {
		k := keys[rng.IntN(len(keys))]
		cur := model[k]
		var got, want string
		var cmd string
		switch rng.IntN(8) {
		case 0:
			v := randBytes(randLen())
			cmd = "APPEND"
			got = execLine(e, c, "APPEND", k, string(v))
			_, exists := model[k]
			model[k] = append(append([]byte{}, cur...), v...)
			if !exists {
				model[k] = v
			}
			want = ":" + strconv.Itoa(len(model[k])) + "\n"
		case 1:
			off := rng.IntN(len(cur) + 100)
			if rng.IntN(10) == 0 {
				off = rng.IntN(40000)
			}
			v := randBytes(randLen()%5000 + 1)
			cmd = "SETRANGE"
			got = execLine(e, c, "SETRANGE", k, strconv.Itoa(off), string(v))
			n := max(len(cur), off+len(v))
			nb := make([]byte, n)
			copy(nb, cur)
			copy(nb[off:], v)
			model[k] = nb
			want = ":" + strconv.Itoa(n) + "\n"
		case 2:
			s, en := rng.IntN(60000)-30000, rng.IntN(60000)-30000
			cmd = "GETRANGE"
			got = execLine(e, c, "GETRANGE", k, strconv.Itoa(s), strconv.Itoa(en))
			want = "$" + strconv.Itoa(len(getRangeModel(cur, s, en))) + "\n" + string(getRangeModel(cur, s, en)) + "\n"
		case 3:
			cmd = "STRLEN"
			got = execLine(e, c, "STRLEN", k)
			want = ":" + strconv.Itoa(len(cur)) + "\n"
		case 4:
			v := randBytes(randLen())
			cmd = "SET"
			if rng.IntN(2) == 0 {
				got = execLine(e, c, "SET", k, string(v), "EX", "1000")
				ttl[k] = true
			} else {
				got = execLine(e, c, "SET", k, string(v))
				ttl[k] = false
			}
			model[k] = v
			want = "+OK\n"
		case 5:
			n := rng.Int64N(1000000)
			cmd = "SET int"
			got = execLine(e, c, "SET", k, strconv.FormatInt(n, 10), "EX", "1000")
			ttl[k] = true
			model[k] = []byte(strconv.FormatInt(n, 10))
			want = "+OK\n"
		case 6:
			cmd = "INCR"
			got = execLine(e, c, "INCR", k)
			if n, ok := parseInt64(cur); ok || cur == nil {
				model[k] = strconv.AppendInt(nil, n+1, 10)
				want = ":" + string(model[k]) + "\n"
			} else {
				want = "-ERR value is not an integer or out of range\n"
			}
		case 7:
			cmd = "GET"
			got = execLine(e, c, "GET", k)
			if cur == nil {
				want = "$-1\n"
			} else {
				want = "$" + strconv.Itoa(len(cur)) + "\n" + string(cur) + "\n"
			}
		}
		if got != want {
			t.Fatalf("step %d: %s %s...: got %.80q, want %.80q", step, cmd, k[:1], got, want)
		}
		kb := []byte(k)
		sh, d, h32 := c.lockKey(kb)
		h := sh.find(d, kb, h32)
		if h != 0 {
			r := sh.rec(h)
			if r.hasExpire() != ttl[k] {
				t.Fatalf("step %d: %s: expire %v, want %v", step, cmd, r.hasExpire(), ttl[k])
			}
			if v := sh.stringBytes(r, nil); !bytes.Equal(v, model[k]) {
				t.Fatalf("step %d: %s: stored value differs", step, cmd)
			}
		}
		sh.mu.Unlock()
	}
}

// getRangeModel is GETRANGE's index arithmetic, written out plainly.
func getRangeModel(s []byte, start, end int) []byte {
	n := len(s)
	if start < 0 && end < 0 && start > end {
		return nil
	}
	if start < 0 {
		start = max(n+start, 0)
	}
	if end < 0 {
		end = max(n+end, 0)
	}
	end = min(end, n-1)
	if start > end || n == 0 {
		return nil
	}
	return s[start : end+1]
}

// TestStringsProtoMaxBulkLen checks the size limits against a smaller
// proto-max-bulk-len (replies as redis-server gives with 1mb).
func TestStringsProtoMaxBulkLen(t *testing.T) {
	e, err := Open(Options{ProtoMaxBulkLen: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	c := e.NewClient(ClientOptions{})
	const tooLong = "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\n"
	const lcsMem = "-ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len\n"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"SET", "a", strings.Repeat("a", 1000)}, "+OK\n"},
		{[]string{"SET", "b", strings.Repeat("b", 1000)}, "+OK\n"},
		{[]string{"LCS", "a", "b", "LEN"}, lcsMem},
		{[]string{"SET", "c", strings.Repeat("c", 300)}, "+OK\n"},
		{[]string{"LCS", "c", "b", "LEN"}, lcsMem},
		{[]string{"SET", "c", strings.Repeat("c", 200)}, "+OK\n"},
		{[]string{"LCS", "c", "b", "LEN"}, ":0\n"},
		{[]string{"SETRANGE", "a", "1048575", "x"}, ":1048576\n"},
		{[]string{"SETRANGE", "a", "1048576", "x"}, tooLong},
		{[]string{"APPEND", "a", "x"}, tooLong},
		{[]string{"STRLEN", "a"}, ":1048576\n"},
		{[]string{"SETRANGE", "n", "1048575", "xy"}, tooLong},
	} {
		if got := execLine(e, c, tc.args...); got != tc.want {
			t.Errorf("%s: got %.100q, want %q", tc.args[0], got, tc.want)
		}
	}
}

// TestLongDouble checks the long double emulation on values whose float64
// result would print differently (replies from redis-server on x86-64).
func TestLongDouble(t *testing.T) {
	for _, tc := range []struct{ a, b, want string }{
		{"0.1", "0.1", "0.2"},
		{"0.2", "0.1", "0.3"},
		{"1.1", "2.2", "3.3"},
		{"10.5", "0.1", "10.6"},
		{"5.0e3", "2.0e2", "5200"},
		{"0", "-0.0", "0"},
		{"1e308", "1e308", "199999999999999999993371759311691291321120199694831134415594095989843469737676123744200253843777078640893494450108026446304269499187921167194841628860392837535918200039206381557326219209014213335878306791577877829121087126122536729803237260434173178506889763247582601711514636284849020905456510092687857156096"},
		{"0", "0.000003814697265625", "0.00000381469726562"},
		{"9223372036854775807", "1", "9223372036854775808"},
		{"0x1p3", "0X.8", "8.5"},
		{"123456789.123456789", "0", "123456789.12345678899873747"},
	} {
		x, y := newLD(), newLD()
		if !ldParse(x, []byte(tc.a)) || !ldParse(y, []byte(tc.b)) || !ldAdd(x, y) {
			t.Errorf("%s + %s: failed", tc.a, tc.b)
			continue
		}
		if got := string(ldAppendHuman(nil, x)); got != tc.want {
			t.Errorf("%s + %s = %s, want %s", tc.a, tc.b, got, tc.want)
		}
	}
	x, y := newLD(), newLD()
	if !ldParse(x, []byte("1e4932")) || !ldParse(y, []byte("1e4932")) || ldAdd(x, y) {
		t.Error("1e4932 + 1e4932 did not overflow")
	}
	for _, bad := range []string{"", " 1", "1 ", "nan", "1e", "0x", ".", "1e5000", "1e-5000", "abc", "1..2", "--1", "5\x00"} {
		if ldParse(newLD(), []byte(bad)) {
			t.Errorf("ldParse(%q) accepted", bad)
		}
	}
}

// TestStringsKeyspaceStats checks which commands count keyspace hits and
// misses (redis-server's INFO stats after each command).
func TestStringsKeyspaceStats(t *testing.T) {
	e, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	c := e.NewClient(ClientOptions{})
	for _, tc := range []struct {
		cmd          string
		hits, misses int64
	}{
		{"set a 1", 0, 0}, {"set a 2 get", 1, 0}, {"getset a 3", 2, 0}, {"incr a", 2, 0},
		{"append a x", 2, 0}, {"setrange a 0 y", 2, 0}, {"strlen a", 3, 0}, {"getrange a 0 1", 4, 0},
		{"mget a b", 5, 1}, {"lcs a b", 6, 2}, {"getex a", 7, 2}, {"getdel a", 8, 2},
		{"msetnx a 1", 8, 2}, {"setnx a 2", 8, 2}, {"incrbyfloat a 1", 8, 2},
	} {
		execLine(e, c, strings.Split(tc.cmd, " ")...)
		if h, m := e.KeyspaceStats(); h != tc.hits || m != tc.misses {
			t.Errorf("after %s: hits %d misses %d, want %d %d", tc.cmd, h, m, tc.hits, tc.misses)
		}
	}
}
