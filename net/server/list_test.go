package server_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/servertest"
	"github.com/updraftdb/updraft/net/server"
)

// Blocking list commands over TCP, several event loops: the blocked-client
// machinery of engine/blocking.go end to end.

func startBlocking(t *testing.T) (*servertest.Server, *redis.Client) {
	t.Helper()
	s := servertest.Start(t, engine.Options{}, server.Options{EventLoops: 4})
	rdb := newClient(s)
	t.Cleanup(func() { rdb.Close() })
	return s, rdb
}

func newClient(s *servertest.Server) *redis.Client {
	return redis.NewClient(&redis.Options{Addr: s.Addr, Protocol: 2, PoolSize: 1, ReadTimeout: -1})
}

// waitBlocked waits until n clients are blocked.
func waitBlocked(t *testing.T, s *servertest.Server, n int64) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for s.Engine.BlockedClients() != n {
		if time.Now().After(deadline) {
			t.Fatalf("blocked clients = %d, want %d", s.Engine.BlockedClients(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestListPushPop(t *testing.T) {
	_, rdb := startBlocking(t)
	ctx := context.Background()
	if n, err := rdb.RPush(ctx, "l", "a", "b", "c").Result(); err != nil || n != 3 {
		t.Fatalf("RPUSH = %d, %v", n, err)
	}
	if n, err := rdb.LPush(ctx, "l", "z").Result(); err != nil || n != 4 {
		t.Fatalf("LPUSH = %d, %v", n, err)
	}
	if v, err := rdb.LRange(ctx, "l", 0, -1).Result(); err != nil || strings.Join(v, ",") != "z,a,b,c" {
		t.Fatalf("LRANGE = %v, %v", v, err)
	}
	if v, err := rdb.RPopCount(ctx, "l", 2).Result(); err != nil || strings.Join(v, ",") != "c,b" {
		t.Fatalf("RPOP 2 = %v, %v", v, err)
	}
	if v, err := rdb.LMove(ctx, "l", "m", "LEFT", "RIGHT").Result(); err != nil || v != "z" {
		t.Fatalf("LMOVE = %q, %v", v, err)
	}
	if k, v, err := rdb.LMPop(ctx, "right", 5, "none", "l").Result(); err != nil || k != "l" || strings.Join(v, ",") != "a" {
		t.Fatalf("LMPOP = %q %v, %v", k, v, err)
	}
	if _, err := rdb.LPop(ctx, "l").Result(); err != redis.Nil {
		t.Fatalf("LPOP of a deleted list: %v", err)
	}
	// Many elements: several nodes.
	for i := 0; i < 5000; i++ {
		rdb.RPush(ctx, "big", strconv.Itoa(i)+strings.Repeat("x", i%50))
	}
	if v, err := rdb.LIndex(ctx, "big", 2500).Result(); err != nil || v != "2500" {
		t.Fatalf("LINDEX big 2500 = %q, %v", v, err)
	}
	if p, err := rdb.LPos(ctx, "big", "4999"+strings.Repeat("x", 4999%50), redis.LPosArgs{}).Result(); err != nil || p != 4999 {
		t.Fatalf("LPOS = %d, %v", p, err)
	}
}

// TestBlockingFIFO blocks 50 clients on one key and serves them with one
// push from another connection: each gets exactly one element, in the
// order they blocked.
func TestBlockingFIFO(t *testing.T) {
	s, rdb := startBlocking(t)
	ctx := context.Background()
	const n = 50
	got := make([]string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		c := newClient(s)
		defer c.Close()
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			v, err := c.BLPop(ctx, 0, "q").Result()
			if err != nil {
				t.Errorf("client %d: %v", i, err)
				return
			}
			got[i] = v[1]
		}(i)
		waitBlocked(t, s, int64(i+1))
	}
	vals := make([]any, n)
	for i := range vals {
		vals[i] = strconv.Itoa(i)
	}
	if err := rdb.RPush(ctx, "q", vals...).Err(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	for i, v := range got {
		if v != strconv.Itoa(i) {
			t.Fatalf("client %d got %q, want %d (all: %v)", i, v, i, got)
		}
	}
	if l, _ := rdb.LLen(ctx, "q").Result(); l != 0 {
		t.Fatalf("LLEN q = %d after serving", l)
	}
	waitBlocked(t, s, 0)
}

// TestBlockingPushesOneByOne serves blocked clients from many pushes of
// several connections at once.
func TestBlockingPushesOneByOne(t *testing.T) {
	s, _ := startBlocking(t)
	ctx := context.Background()
	const n = 40
	results := make(chan string, n)
	for i := 0; i < n; i++ {
		c := newClient(s)
		defer c.Close()
		go func() {
			v, err := c.BRPop(ctx, 0, "x", "y").Result()
			if err != nil {
				results <- "error: " + err.Error()
				return
			}
			results <- v[0] + "=" + v[1]
		}()
	}
	waitBlocked(t, s, n)
	var wg sync.WaitGroup
	for p := 0; p < 4; p++ {
		c := newClient(s)
		defer c.Close()
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			for i := 0; i < n/4; i++ {
				key := "x"
				if i%2 == 1 {
					key = "y"
				}
				c.LPush(ctx, key, strconv.Itoa(p*100+i))
			}
		}(p)
	}
	wg.Wait()
	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		select {
		case r := <-results:
			if strings.HasPrefix(r, "error") || seen[r] {
				t.Fatalf("bad or repeated result %q", r)
			}
			seen[r] = true
		case <-time.After(5 * time.Second):
			t.Fatalf("only %d of %d clients served", i, n)
		}
	}
	waitBlocked(t, s, 0)
}

func TestBlockingTimeouts(t *testing.T) {
	s, rdb := startBlocking(t)
	ctx := context.Background()
	start := time.Now()
	if _, err := rdb.BLPop(ctx, 150*time.Millisecond, "none").Result(); err != redis.Nil {
		t.Fatalf("BLPOP timeout: %v, want redis.Nil", err)
	}
	if d := time.Since(start); d < 140*time.Millisecond || d > 2*time.Second {
		t.Fatalf("BLPOP 0.15 returned after %v", d)
	}
	start = time.Now()
	if _, err := rdb.Do(ctx, "BLMPOP", "0.05", "1", "none", "LEFT").Result(); err != redis.Nil {
		t.Fatalf("BLMPOP timeout: %v", err)
	}
	if _, err := rdb.Do(ctx, "BRPOPLPUSH", "none", "d", "0.05").Result(); err != redis.Nil {
		t.Fatalf("BRPOPLPUSH timeout: %v", err)
	}
	if d := time.Since(start); d < 100*time.Millisecond {
		t.Fatalf("two 50 ms timeouts took %v", d)
	}
	// Timeout 0 waits until served, however long.
	c := newClient(s)
	defer c.Close()
	done := make(chan []string, 1)
	go func() { v, _ := c.BLPop(ctx, 0, "late").Result(); done <- v }()
	waitBlocked(t, s, 1)
	time.Sleep(300 * time.Millisecond)
	select {
	case v := <-done:
		t.Fatalf("BLPOP 0 returned %v unserved", v)
	default:
	}
	rdb.RPush(ctx, "late", "v")
	if v := <-done; len(v) != 2 || v[1] != "v" {
		t.Fatalf("BLPOP 0 = %v", v)
	}
}

// TestBlockingMoveChain: a BLMOVE served by a push pushes in turn, which
// serves a client blocked on its destination.
func TestBlockingMoveChain(t *testing.T) {
	s, rdb := startBlocking(t)
	ctx := context.Background()
	a, b := newClient(s), newClient(s)
	defer a.Close()
	defer b.Close()
	ra, rb := make(chan string, 1), make(chan string, 1)
	go func() { v, _ := a.BLMove(ctx, "src", "mid", "LEFT", "RIGHT", 0).Result(); ra <- v }()
	waitBlocked(t, s, 1)
	go func() { v, _ := b.BRPopLPush(ctx, "mid", "dst", 0).Result(); rb <- v }()
	waitBlocked(t, s, 2)
	rdb.RPush(ctx, "src", "e1")
	if v := <-ra; v != "e1" {
		t.Fatalf("BLMOVE = %q", v)
	}
	if v := <-rb; v != "e1" {
		t.Fatalf("BRPOPLPUSH = %q", v)
	}
	if v, _ := rdb.LRange(ctx, "dst", 0, -1).Result(); len(v) != 1 || v[0] != "e1" {
		t.Fatalf("dst = %v", v)
	}
	if n, _ := rdb.Exists(ctx, "src", "mid").Result(); n != 0 {
		t.Fatalf("%d of src, mid left", n)
	}
	waitBlocked(t, s, 0)
}

// rawConn is a plain RESP connection, for pipelines.
type rawConn struct {
	c net.Conn
	r *bufio.Reader
}

func dialRaw(t *testing.T, s *servertest.Server) *rawConn {
	t.Helper()
	c, err := net.Dial("tcp", s.Addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &rawConn{c: c, r: bufio.NewReader(c)}
}

// readReply reads one reply, a whole (possibly nested) array included.
func (rc *rawConn) readReply(t *testing.T) string {
	t.Helper()
	_ = rc.c.SetReadDeadline(time.Now().Add(5 * time.Second))
	line, err := rc.r.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	out := line
	switch line[0] {
	case '*':
		n, _ := strconv.Atoi(strings.TrimSpace(line[1:]))
		for i := 0; i < n; i++ {
			out += rc.readReply(t)
		}
	case '$':
		n, _ := strconv.Atoi(strings.TrimSpace(line[1:]))
		if n >= 0 {
			b := make([]byte, n+2)
			if _, err := io.ReadFull(rc.r, b); err != nil {
				t.Fatal(err)
			}
			out += string(b)
		}
	}
	return out
}

// TestBlockingPipeline: commands pipelined after a BLPOP wait in the input
// buffer and run, in order, once it is served.
func TestBlockingPipeline(t *testing.T) {
	s, rdb := startBlocking(t)
	ctx := context.Background()
	rc := dialRaw(t, s)
	_, _ = rc.c.Write([]byte("PING\r\nBLPOP q 0\r\nINCR cnt\r\nRPUSH q2 x\r\nBLPOP q2 0\r\nGET cnt\r\n"))
	if r := rc.readReply(t); r != "+PONG\r\n" {
		t.Fatalf("PING = %q", r)
	}
	waitBlocked(t, s, 1)
	time.Sleep(50 * time.Millisecond)
	if _, err := rdb.Get(ctx, "cnt").Result(); err != redis.Nil {
		t.Fatalf("INCR ran before the BLPOP before it was served: %v", err)
	}
	rdb.RPush(ctx, "q", "v")
	for _, want := range []string{"*2\r\n$1\r\nq\r\n$1\r\nv\r\n", ":1\r\n", ":1\r\n", "*2\r\n$2\r\nq2\r\n$1\r\nx\r\n", "$1\r\n1\r\n"} {
		if r := rc.readReply(t); r != want {
			t.Fatalf("reply %q, want %q", r, want)
		}
	}
	waitBlocked(t, s, 0)
}

// TestBlockedClientDisconnects: a client that leaves while blocked is
// forgotten and takes nothing from a later push.
func TestBlockedClientDisconnects(t *testing.T) {
	s, rdb := startBlocking(t)
	ctx := context.Background()
	rc := dialRaw(t, s)
	_, _ = rc.c.Write([]byte("BLPOP gone 0\r\n"))
	waitBlocked(t, s, 1)
	rc.c.Close()
	waitBlocked(t, s, 0)
	rdb.RPush(ctx, "gone", "kept")
	if n, _ := rdb.LLen(ctx, "gone").Result(); n != 1 {
		t.Fatalf("LLEN = %d, want 1", n)
	}
}

func TestClientUnblock(t *testing.T) {
	s, rdb := startBlocking(t)
	ctx := context.Background()
	for _, mode := range []string{"TIMEOUT", "ERROR", ""} {
		rc := dialRaw(t, s)
		_, _ = rc.c.Write([]byte("CLIENT ID\r\n"))
		id := strings.TrimSpace(rc.readReply(t)[1:])
		_, _ = rc.c.Write([]byte("BLMOVE none dst LEFT LEFT 0\r\nPING\r\n"))
		waitBlocked(t, s, 1)
		args := []any{"CLIENT", "UNBLOCK", id}
		if mode != "" {
			args = append(args, mode)
		}
		if n, err := rdb.Do(ctx, args...).Int(); err != nil || n != 1 {
			t.Fatalf("CLIENT UNBLOCK %s = %d, %v", mode, n, err)
		}
		want := "*-1\r\n"
		if mode == "ERROR" {
			want = "-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n"
		}
		if r := rc.readReply(t); r != want {
			t.Fatalf("%s: reply %q, want %q", mode, r, want)
		}
		if r := rc.readReply(t); r != "+PONG\r\n" {
			t.Fatalf("PING after unblock = %q", r)
		}
		if n, _ := rdb.Do(ctx, "CLIENT", "UNBLOCK", id).Int(); n != 0 {
			t.Fatalf("CLIENT UNBLOCK of an unblocked client = %d", n)
		}
		waitBlocked(t, s, 0)
	}
}
