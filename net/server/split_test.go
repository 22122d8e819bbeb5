package server_test

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/servertest"
	"github.com/updraftdb/updraft/net/server"
)

// TestFramesSplitAcrossReads sends commands cut into pieces that arrive in
// separate reads (a 1 MB value in 7 KB pieces, and a pipeline cut inside a
// count line), and checks that every command runs once with its whole
// value.
func TestFramesSplitAcrossReads(t *testing.T) {
	s := servertest.Start(t, engine.Options{}, server.Options{EventLoops: 1})
	conn, err := net.Dial("tcp", s.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	val := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	var frame bytes.Buffer
	frame.WriteString("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + strconv.Itoa(len(val)) + "\r\n")
	frame.Write(val)
	frame.WriteString("\r\n*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n")
	data := frame.Bytes()
	for len(data) > 0 {
		n := min(7000, len(data))
		if _, err := conn.Write(data[:n]); err != nil {
			t.Fatal(err)
		}
		data = data[n:]
		time.Sleep(200 * time.Microsecond)
	}
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(conn)
	line, err := r.ReadString('\n')
	if err != nil || line != "+OK\r\n" {
		t.Fatalf("SET reply %q, %v", line, err)
	}
	line, err = r.ReadString('\n')
	if err != nil || line != "$"+strconv.Itoa(len(val))+"\r\n" {
		t.Fatalf("GET header %q, %v", line, err)
	}
	got := make([]byte, len(val)+2)
	if _, err := io.ReadFull(r, got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got[:len(val)], val) {
		t.Fatal("GET returned a different value")
	}

	// A pipeline cut in the middle of "*2\r\n" and of "$4".
	for _, piece := range []string{"*", "2\r\n$4\r", "\nECHO\r\n$", "2\r\nhi\r\n*1\r\n$4\r\nPING\r\n"} {
		if _, err := conn.Write([]byte(piece)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, want := range []string{"$2\r\n", "hi\r\n", "+PONG\r\n"} {
		if line, err := r.ReadString('\n'); err != nil || line != want {
			t.Fatalf("reply line %q, %v; want %q", line, err, want)
		}
	}
}
