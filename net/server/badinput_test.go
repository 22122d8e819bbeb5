package server_test

import (
	"bytes"
	"errors"
	"io"
	"net"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/servertest"
	"github.com/updraftdb/updraft/net/server"
)

// outcome is what a server did with some input: the bytes it replied, and
// whether it closed the connection.
type outcome struct {
	reply  string
	closed bool
}

// exchange sends data on a new connection, then reads until the server
// closes it or stays silent for quiet.
func exchange(t *testing.T, addr string, data []byte, quiet time.Duration) outcome {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// Write from a goroutine: a server that closes early may leave a big
	// write unfinished.
	go func() {
		_ = c.SetWriteDeadline(time.Now().Add(10 * time.Second))
		_, _ = c.Write(data)
	}()
	return readOutcome(c, quiet)
}

func readOutcome(c net.Conn, quiet time.Duration) outcome {
	var out bytes.Buffer
	buf := make([]byte, 64<<10)
	for {
		_ = c.SetReadDeadline(time.Now().Add(quiet))
		n, err := c.Read(buf)
		out.Write(buf[:n])
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				return outcome{reply: out.String()}
			}
			// EOF or a reset: closed either way.
			return outcome{reply: out.String(), closed: true}
		}
	}
}

// TestProtocolErrorsMatchRedis sends bad frames, each after a good
// command, to Updraft and to redis-server: the replies (the good command's,
// then "-ERR Protocol error: ...") and the closing of the connection must
// be the same.
func TestProtocolErrorsMatchRedis(t *testing.T) {
	redis := servertest.RedisServer(t)
	s := servertest.Start(t, engine.Options{}, server.Options{})
	big := strings.Repeat("a", 70<<10)
	cases := []struct{ name, in string }{
		{"bulk over proto-max-bulk-len", "*1\r\n$536870913\r\n"},
		{"bulk of 1 GB over the limit", "*1\r\n$1000000000\r\n"},
		{"negative bulk length", "*1\r\n$-1\r\n"},
		{"non-numeric bulk length", "*1\r\n$abc\r\nfoo\r\n"},
		{"bulk length with plus", "*1\r\n$+3\r\nfoo\r\n"},
		{"empty bulk length", "*1\r\n$\r\n"},
		{"non-numeric multibulk length", "*abc\r\n"},
		{"multibulk length with leading zero", "*01\r\n$4\r\nPING\r\n"},
		{"multibulk length over INT_MAX", "*3000000000\r\n"},
		{"missing dollar", "*1\r\n:3\r\nfoo\r\n"},
		{"unbalanced quotes", "ECHO \"abc\r\n"},
		{"text after closing quote", "ECHO \"abc\"def\r\n"},
		{"inline over 64 KB", big},
		{"multibulk count line over 64 KB", "*1" + big},
		{"bulk count line over 64 KB", "*1\r\n$1" + big},
		{"zero and negative counts are skipped", "*0\r\n*-1\r\nPING\r\n"},
		{"blank lines are skipped", "\r\n\n  \r\nPING\r\n"},
		{"RESP3 attribute frame from a client", "|1\r\n+a\r\n+b\r\nPING\r\n"},
		{"RESP3 push frame from a client", ">2\r\n$1\r\na\r\nPING\r\n"},
		{"bytes after a bulk are not checked", "*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n"},
		{"NUL byte before newline waits", "ECHO a\x00b\r\n"},
		{"multibulk count up to INT_MAX waits", "*2000000\r\n"},
		{"incomplete bulk waits", "*2\r\n$4\r\nECHO\r\n$10\r\nabc"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := []byte("*2\r\n$4\r\nECHO\r\n$6\r\nbefore\r\n" + tc.in)
			want := exchange(t, redis, in, 300*time.Millisecond)
			got := exchange(t, s.Addr, in, 300*time.Millisecond)
			if got != want {
				t.Fatalf("updraft: %q closed=%v\nredis-server: %q closed=%v", got.reply, got.closed, want.reply, want.closed)
			}
		})
	}
}

// TestHugeBulkHeaderNoAllocation sends the header of a 1 GB argument (under
// a 2 GB proto-max-bulk-len) and no body: the server must wait for the body
// without allocating for it, and stay responsive.
func TestHugeBulkHeaderNoAllocation(t *testing.T) {
	s := servertest.Start(t, engine.Options{ProtoMaxBulkLen: 2 << 30}, server.Options{})
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	conns := make([]net.Conn, 8)
	for i := range conns {
		c, err := net.Dial("tcp", s.Addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if _, err := c.Write([]byte("*1\r\n$1000000000\r\n")); err != nil {
			t.Fatal(err)
		}
		// Some of the body, too.
		if _, err := c.Write(bytes.Repeat([]byte("x"), 100<<10)); err != nil {
			t.Fatal(err)
		}
		conns[i] = c
	}
	time.Sleep(300 * time.Millisecond)
	if got := exchange(t, s.Addr, []byte("PING\r\n"), 200*time.Millisecond); got.reply != "+PONG\r\n" {
		t.Fatalf("PING while big arguments are pending: %+v", got)
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapInuse) - int64(before.HeapInuse); grew > 64<<20 {
		t.Fatalf("heap grew by %d MB for 8 pending 1 GB arguments", grew>>20)
	}
	if sys := after.Sys; sys > 512<<20 {
		t.Fatalf("process holds %d MB from the OS", sys>>20)
	}
	for _, c := range conns {
		if o := readOutcome(c, 50*time.Millisecond); o.reply != "" || o.closed {
			t.Fatalf("pending big argument: %+v, want no reply and an open connection", o)
		}
	}
}

// TestPipeline10000 sends 10,000 commands in one write: every reply must
// arrive, in order.
func TestPipeline10000(t *testing.T) {
	s := servertest.Start(t, engine.Options{}, server.Options{})
	var in, want bytes.Buffer
	for i := 0; i < 10000; i++ {
		v := strconv.Itoa(i)
		switch i % 3 {
		case 0:
			in.WriteString("*2\r\n$4\r\nECHO\r\n$" + strconv.Itoa(len(v)) + "\r\n" + v + "\r\n")
			want.WriteString("$" + strconv.Itoa(len(v)) + "\r\n" + v + "\r\n")
		case 1:
			in.WriteString("SET k" + v + " " + v + "\r\n")
			want.WriteString("+OK\r\n")
		default:
			prev := strconv.Itoa(i - 1)
			in.WriteString("*2\r\n$3\r\nGET\r\n$" + strconv.Itoa(len(prev)+1) + "\r\nk" + prev + "\r\n")
			want.WriteString("$" + strconv.Itoa(len(prev)) + "\r\n" + prev + "\r\n")
		}
	}
	c, err := net.Dial("tcp", s.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	go func() { _, _ = c.Write(in.Bytes()) }()
	got := make([]byte, want.Len())
	_ = c.SetReadDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.ReadFull(c, got); err != nil {
		t.Fatalf("read %d reply bytes: %v", want.Len(), err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		i := 0
		for i < len(got) && got[i] == want.Bytes()[i] {
			i++
		}
		t.Fatalf("replies differ at byte %d: got %q, want %q", i, got[i:min(i+40, len(got))], want.Bytes()[i:min(i+40, want.Len())])
	}
}

// TestHalfCommandThenDisconnect leaves commands unfinished on closed
// connections: the server must drop them and stay healthy.
func TestHalfCommandThenDisconnect(t *testing.T) {
	s := servertest.Start(t, engine.Options{}, server.Options{})
	halves := []string{
		"*3\r\n$3\r\nSET\r\n$1\r\nk",
		"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100000\r\n" + strings.Repeat("v", 50000),
		"*3\r\n$3\r\nSET\r",
		"SET k v",
		"*1\r\n$1000000\r\n",
	}
	for i := 0; i < 200; i++ {
		c, err := net.Dial("tcp", s.Addr)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Write([]byte(halves[i%len(halves)])); err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			// Let the server see the bytes before the close.
			time.Sleep(time.Millisecond)
		}
		c.Close()
	}
	if got := exchange(t, s.Addr, []byte("EXISTS k\r\nPING\r\n"), 200*time.Millisecond); got.reply != ":0\r\n+PONG\r\n" {
		t.Fatalf("after half commands: %+v", got)
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.Engine.ConnectedClients() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d clients still registered after every connection closed", s.Engine.ConnectedClients())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// raiseFileLimit lifts the soft RLIMIT_NOFILE to at least n (within the
// hard limit), for tests that hold many sockets at both ends.
func raiseFileLimit(t *testing.T, n uint64) {
	t.Helper()
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
	if lim.Cur >= n {
		return
	}
	if lim.Max < n {
		t.Fatalf("RLIMIT_NOFILE hard limit %d is below the %d this test needs (ulimit -Hn)", lim.Max, n)
	}
	old := lim
	lim.Cur = n
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = syscall.Setrlimit(syscall.RLIMIT_NOFILE, &old) })
}

// TestManyConnections holds 5,000 connections open at once, each doing
// PING concurrently.
func TestManyConnections(t *testing.T) {
	if testing.Short() {
		t.Skip("5,000 sockets at both ends: not in -short runs")
	}
	const n = 5000
	raiseFileLimit(t, 2*n+500)
	s := servertest.Start(t, engine.Options{}, server.Options{})
	conns := make([]net.Conn, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	sem := make(chan struct{}, 128) // dial in waves: the listen backlog is finite
	for i := range conns {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			c, err := net.DialTimeout("tcp", s.Addr, 10*time.Second)
			if err != nil {
				errs <- err
				return
			}
			conns[i] = c
		}(i)
	}
	wg.Wait()
	defer func() {
		for _, c := range conns {
			if c != nil {
				c.Close()
			}
		}
	}()
	select {
	case err := <-errs:
		t.Fatalf("dial: %v", err)
	default:
	}
	for i, c := range conns {
		wg.Add(1)
		go func(i int, c net.Conn) {
			defer wg.Done()
			msg := strconv.Itoa(i)
			_ = c.SetDeadline(time.Now().Add(20 * time.Second))
			if _, err := c.Write([]byte("PING " + msg + "\r\n")); err != nil {
				errs <- err
				return
			}
			want := "$" + strconv.Itoa(len(msg)) + "\r\n" + msg + "\r\n"
			got := make([]byte, len(want))
			if _, err := io.ReadFull(c, got); err != nil || string(got) != want {
				errs <- errors.New("connection " + msg + ": " + strconv.Quote(string(got)))
			}
		}(i, c)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if got := s.Engine.ConnectedClients(); got != n {
		t.Fatalf("ConnectedClients = %d, want %d", got, n)
	}
}

// maxClientsOutcome fills a server with limit connections and returns what
// the next one gets; the filling connections must still work.
func maxClientsOutcome(t *testing.T, addr string, limit int) outcome {
	t.Helper()
	var held []net.Conn
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	for i := 0; i < limit; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
		if _, err := c.Write([]byte("PING\r\n")); err != nil {
			t.Fatal(err)
		}
		if o := readOutcome(c, 100*time.Millisecond); o.reply != "+PONG\r\n" {
			t.Fatalf("connection %d of %d: %+v", i+1, limit, o)
		}
	}
	return exchange(t, addr, []byte("PING\r\n"), 300*time.Millisecond)
}

// TestMaxClients checks the refusal past maxclients against redis-server:
// "-ERR max number of clients reached", then the connection closes.
func TestMaxClients(t *testing.T) {
	const limit = 10
	redis := servertest.RedisServer(t, "--maxclients", strconv.Itoa(limit))
	want := maxClientsOutcome(t, redis, limit)
	if want.reply != "-ERR max number of clients reached\r\n" || !want.closed {
		t.Fatalf("redis-server: %+v", want)
	}
	s := servertest.Start(t, engine.Options{MaxClients: limit}, server.Options{})
	if got := maxClientsOutcome(t, s.Addr, limit); got != want {
		t.Fatalf("updraft: %+v, redis-server: %+v", got, want)
	}
	// Once a client leaves, a new one is admitted.
	deadline := time.Now().Add(5 * time.Second)
	for {
		o := exchange(t, s.Addr, []byte("PING\r\n"), 200*time.Millisecond)
		if o.reply == "+PONG\r\n" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after clients left: %+v", o)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestQueryBufferLimit sends an argument bigger than
// client-query-buffer-limit: both servers close the connection without a
// reply.
func TestQueryBufferLimit(t *testing.T) {
	redis := servertest.RedisServer(t, "--client-query-buffer-limit", "1mb")
	s := servertest.Start(t, engine.Options{}, server.Options{QueryBufferLimit: 1 << 20})
	in := append([]byte("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3000000\r\n"), bytes.Repeat([]byte("v"), 2<<20)...)
	want := exchange(t, redis, in, time.Second)
	if want.reply != "" || !want.closed {
		t.Fatalf("redis-server: %+v", want)
	}
	if got := exchange(t, s.Addr, in, time.Second); got != want {
		t.Fatalf("updraft: %q closed=%v, redis-server: %q closed=%v", got.reply, got.closed, want.reply, want.closed)
	}
	// A pipeline of small commands far bigger than the limit is fine: each
	// command is parsed as it arrives.
	var pipe bytes.Buffer
	for pipe.Len() < 3<<20 {
		pipe.WriteString("SET k 0123456789012345678901234567890123456789\r\n")
	}
	n := pipe.Len() / len("SET k 0123456789012345678901234567890123456789\r\n")
	c, err := net.Dial("tcp", s.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	go func() { _, _ = c.Write(pipe.Bytes()) }()
	got := make([]byte, 5*n)
	_ = c.SetReadDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.ReadFull(c, got); err != nil {
		t.Fatalf("pipeline over the limit: %v", err)
	}
}
