// Package servertest starts an Updraft server in-process on a free loopback
// port for tests, and finds the external tools (redis-server, redis-cli,
// redis-benchmark) that integration tests compare against.
package servertest

import (
	"context"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/net/server"
)

// Server is a running in-process server.
type Server struct {
	Engine *engine.Engine
	Srv    *server.Server
	Addr   string // host:port
	Port   int

	done chan error // Serve's result
}

// Start opens an engine with eopts and serves it on 127.0.0.1 with a free
// port; the server stops when the test ends.
func Start(t testing.TB, eopts engine.Options, sopts server.Options) *Server {
	t.Helper()
	s, err := Open(eopts, sopts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// Open is Start for callers that manage the server's lifetime themselves
// (restarting it within a test, fuzz targets): stop it with Close.
func Open(eopts engine.Options, sopts server.Options) (*Server, error) {
	e, err := engine.Open(eopts)
	if err != nil {
		return nil, err
	}
	if len(sopts.Bind) == 0 {
		sopts.Bind = []string{"127.0.0.1"}
	}
	srv := server.New(e, sopts)
	done := make(chan error, 1)
	go func() { done <- srv.Serve() }()
	if err := srv.WaitReady(); err != nil {
		<-done
		_ = e.Close()
		return nil, err
	}
	return &Server{Engine: e, Srv: srv, Port: srv.Port(), Addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(srv.Port())), done: done}, nil
}

// Close shuts the server down and closes its engine.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.Srv.Shutdown(ctx)
	<-s.done
	_ = s.Engine.Close()
	return err
}

// FreePort returns a TCP port free on 127.0.0.1 right now.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Tool returns the path of an external program the test needs. Under CI
// (CI set) a missing tool fails the test, since .ci/run installs them;
// elsewhere the test is skipped with the reason.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not installed; .ci/run installs it", name)
	}
	t.Skipf("%s is not installed", name)
	return ""
}

// RedisServer starts a real redis-server on a free port with no
// persistence, for differential tests, and stops it when the test ends.
func RedisServer(t testing.TB, extra ...string) string {
	t.Helper()
	bin := Tool(t, "redis-server")
	port := FreePort(t)
	args := append([]string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
		"--dir", t.TempDir(), "--enable-debug-command", "yes"}, extra...)
	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			return addr
		}
		if time.Now().After(deadline) {
			t.Fatalf("redis-server did not start on %s: %v", addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
