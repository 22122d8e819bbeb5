package server

import (
	"net"
	"strings"
	"testing"

	"github.com/updraftdb/updraft/engine"
)

// TestPortInUse checks that a port held by another process is reported
// as such, with Redis's wording, instead of gnet's "bad file descriptor".
func TestPortInUse(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	e, err := engine.Open(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	s := New(e, Options{Bind: []string{"127.0.0.1"}, Port: port})
	go func() { _ = s.Serve() }()
	err = s.WaitReady()
	if err == nil {
		t.Fatal("Serve started on a port in use")
	}
	if want := "Could not create server TCP listening socket 127.0.0.1:"; !strings.Contains(err.Error(), want) ||
		!strings.Contains(err.Error(), "address already in use") {
		t.Fatalf("error = %q", err)
	}
}
