package updraft

import (
	"strings"
	"testing"
	"time"
)

// TestSessionBlocking: a library session's BLPOP waits until another
// session pushes, and times out on its own.
func TestSessionBlocking(t *testing.T) {
	db, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := db.Session()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	done := make(chan Reply, 1)
	go func() {
		r, err := s.Do("BLPOP", "q", "0")
		if err != nil {
			t.Error(err)
		}
		done <- r
	}()
	time.Sleep(50 * time.Millisecond)
	select {
	case r := <-done:
		t.Fatalf("BLPOP returned %v before a push", r)
	default:
	}
	if _, err := db.Do("RPUSH", "q", "v"); err != nil {
		t.Fatal(err)
	}
	select {
	case r := <-done:
		if r.Len() != 2 || r.At(1).String() != "v" {
			t.Fatalf("BLPOP = %v", r)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("BLPOP not served")
	}
	start := time.Now()
	if r, err := s.Do("BLPOP", "q", "0.05"); err != nil || !r.IsNil() {
		t.Fatalf("BLPOP timeout = %v, %v", r, err)
	}
	if d := time.Since(start); d < 40*time.Millisecond {
		t.Fatalf("BLPOP 0.05 returned after %v", d)
	}
}

// TestBlockedServedAfterExec: a client blocked on a key is served once the
// transaction that pushed to it has run whole, as Redis does: it gets what
// is left at EXEC's end, not the first element pushed.
func TestBlockedServedAfterExec(t *testing.T) {
	db, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	blocked, err := db.Session()
	if err != nil {
		t.Fatal(err)
	}
	defer blocked.Close()
	tx, err := db.Session()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	done := make(chan Reply, 1)
	go func() {
		r, _ := blocked.Do("BLPOP", "k", "0")
		done <- r
	}()
	for i := 0; i < 100; i++ { // wait until it is registered
		if r, _ := db.Do("INFO", "clients"); containsLine(r.String(), "blocked_clients:1") {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	for _, cmd := range [][]string{{"MULTI"}, {"RPUSH", "k", "x"}, {"RPUSH", "k", "y"}, {"LPOP", "k"}, {"EXEC"}} {
		if _, err := tx.Do(cmd...); err != nil {
			t.Fatal(cmd, err)
		}
	}
	select {
	case r := <-done:
		if r.Len() != 2 || r.At(1).String() != "y" {
			t.Fatalf("BLPOP = %v, want [k y]", r)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("BLPOP not served")
	}
}

func containsLine(text, line string) bool {
	for _, l := range strings.Split(text, "\r\n") {
		if l == line {
			return true
		}
	}
	return false
}
