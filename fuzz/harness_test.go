package fuzz

import (
	"testing"
	"time"

	"github.com/updraftdb/updraft/internal/resp"
)

func TestSame(t *testing.T) {
	r := func(s string) Reply { return Reply{Raw: []byte(s)} }
	cases := []struct {
		mode Mode
		a, b string
		same bool
	}{
		{Exact, "+OK\r\n", "+OK\r\n", true},
		{Exact, ":1\r\n", ":2\r\n", false},
		{Shape, ":1\r\n", ":2\r\n", true},
		{Shape, "*2\r\n$1\r\na\r\n$2\r\nbb\r\n", "*2\r\n$3\r\nccc\r\n$0\r\n\r\n", true},
		{Shape, "*1\r\n$1\r\na\r\n", "*2\r\n$1\r\na\r\n$1\r\nb\r\n", false},
		{Shape, "$1\r\na\r\n", "$-1\r\n", false},
		{Shape, "$1\r\na\r\n", "=5\r\ntxt:a\r\n", false},
		{Unordered, "*2\r\n$1\r\na\r\n$1\r\nb\r\n", "*2\r\n$1\r\nb\r\n$1\r\na\r\n", true},
		{Unordered, "*2\r\n$1\r\na\r\n$1\r\nb\r\n", "*2\r\n$1\r\na\r\n$1\r\na\r\n", false},
		{Unordered, "*2\r\n$1\r\n0\r\n*2\r\n$1\r\nx\r\n$1\r\ny\r\n", "*2\r\n$1\r\n0\r\n*2\r\n$1\r\ny\r\n$1\r\nx\r\n", true},
		{Unordered, "%2\r\n+a\r\n:1\r\n+b\r\n:2\r\n", "%2\r\n+b\r\n:2\r\n+a\r\n:1\r\n", true},
		{Unordered, "%2\r\n+a\r\n:1\r\n+b\r\n:2\r\n", "%2\r\n+a\r\n:2\r\n+b\r\n:1\r\n", false},
		{Approx, ":100\r\n", ":99\r\n", true},
		{Approx, ":100000\r\n", ":99990\r\n", true},
		{Approx, ":100000\r\n", ":100\r\n", false},
		{Approx, ":-1\r\n", ":-2\r\n", false},
		{Approx, ":-1\r\n", ":0\r\n", false},
		{Approx, "$4\r\n10.5\r\n", "$4\r\n10.6\r\n", true},
		{Approx, "-ERR a\r\n", "-ERR b\r\n", false},
		{Ignore, "+OK\r\n", "-ERR x\r\n", true},
	}
	for _, tc := range cases {
		if got := Same(tc.mode, r(tc.a), r(tc.b)); got != tc.same {
			t.Errorf("Same(%q, %q, %q) = %v", tc.mode, tc.a, tc.b, got)
		}
	}
	if Same(Ignore, Reply{Closed: true}, r("+OK\r\n")) {
		t.Error("a closed connection matched a reply")
	}
	if !Same(Exact, Reply{Closed: true}, Reply{Closed: true}) {
		t.Error("two closed connections differ")
	}
}

func TestQuote(t *testing.T) {
	for _, args := range [][]string{
		{"SET", "k", "v"},
		{"SET", "", "a b"},
		{"ECHO", "\x00\xff\r\n\"'\\"},
		{"ECHO", "héllo", "'quoted'"},
	} {
		in := make([][]byte, len(args))
		for i, a := range args {
			in[i] = []byte(a)
		}
		line := Quote(in)
		var scratch []byte
		out, _, err := resp.ReadCommand([]byte(line+"\n"), nil, &scratch, resp.DefaultLimits)
		if err != nil || len(out) != len(args) {
			t.Fatalf("%q: %q, %v", line, out, err)
		}
		for i := range args {
			if string(out[i]) != args[i] {
				t.Errorf("%q: arg %d = %q, want %q", line, i, out[i], args[i])
			}
		}
	}
}

func TestParseScript(t *testing.T) {
	s, err := ParseScript("t.txt", []byte("# comment\n\nSET k \"a b\"\n~TIME\n@conn b\n@sleep 10ms\n%TTL k\n@resp3\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Protos) != 1 || s.Protos[0] != 3 {
		t.Errorf("protos %v", s.Protos)
	}
	if len(s.Lines) != 5 {
		t.Fatalf("%d lines", len(s.Lines))
	}
	if l := s.Lines[0]; l.No != 3 || l.Mode != Exact || string(l.Args[2]) != "a b" {
		t.Errorf("line 0: %+v", l)
	}
	if l := s.Lines[1]; l.Mode != Shape || string(l.Args[0]) != "TIME" {
		t.Errorf("line 1: %+v", l)
	}
	if s.Lines[2].Conn != "b" || s.Lines[3].Sleep != 10*time.Millisecond || s.Lines[4].Mode != Approx {
		t.Errorf("directives: %+v", s.Lines[2:])
	}
	for _, bad := range []string{"SET \"k\n", "@bogus\n", "@sleep x\n", "~\n"} {
		if _, err := ParseScript("bad.txt", []byte(bad)); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestCommandKey(t *testing.T) {
	b := func(s ...string) [][]byte {
		out := make([][]byte, len(s))
		for i, a := range s {
			out[i] = []byte(a)
		}
		return out
	}
	for _, tc := range []struct {
		args []string
		key  string
	}{
		{[]string{"GET", "k"}, "get"},
		{[]string{"Client", "SETNAME", "x"}, "client|setname"},
		{[]string{"CONFIG"}, "config"},
		{[]string{"set", "config", "x"}, "set"},
	} {
		if got := CommandKey(b(tc.args...)); got != tc.key {
			t.Errorf("CommandKey(%q) = %q, want %q", tc.args, got, tc.key)
		}
	}
}

// TestGenDeterministic checks that a seed always gives the same commands,
// so a failure can be rerun from its seed.
func TestGenDeterministic(t *testing.T) {
	a := NewGen(NewRandSource(7), nil).Script("a", 200)
	b := NewGen(NewRandSource(7), nil).Script("b", 200)
	for i := range a.Lines {
		if a.Lines[i].Text != b.Lines[i].Text {
			t.Fatalf("line %d: %q vs %q", i, a.Lines[i].Text, b.Lines[i].Text)
		}
	}
	seen := map[string]bool{}
	for _, l := range NewGen(NewRandSource(1), nil).Script("c", 5000).Lines {
		seen[CommandKey(l.Args)] = true
	}
	for _, c := range grammar {
		if !seen[c.key] {
			t.Errorf("5000 random commands never drew %s", c.key)
		}
	}
	src := &ByteSource{Data: []byte{1, 2, 3}}
	if src.Intn(10) != 258%10 || src.Done() || src.Intn(10) != 3*256%10 || !src.Done() || src.Intn(10) != 0 {
		t.Error("ByteSource does not read two bytes per choice")
	}
}
