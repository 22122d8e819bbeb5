package rest

import (
	"strings"
	"testing"
)

func TestParseHead(t *testing.T) {
	lim := DefaultLimits
	cases := []struct {
		in     string
		n      int // -1: error, 0: incomplete, else len(in)
		status int
	}{
		{"GET /get/foo HTTP/1.1\r\nHost: x\r\n\r\n", 1, 0},
		{"POST / HTTP/1.0\r\nContent-Length: 5\r\n\r\n", 1, 0},
		{"\r\nGET / HTTP/1.1\r\n\r\n", 1, 0},
		{"GET / HTTP/1.1\r\nHost: x\r\n", 0, 0},
		{"GET / HTTP/2.0\r\n\r\n", -1, 505},
		{"GET / FOO\r\n\r\n", -1, 400},
		{"get / HTTP/1.1\r\n\r\n", -1, 400},
		{"GET /a b HTTP/1.1\r\n\r\n", -1, 400},
		{"GET / HTTP/1.1\r\nNo colon\r\n\r\n", -1, 400},
		{"GET / HTTP/1.1\r\nHost : x\r\n\r\n", -1, 400},
		{"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", -1, 400},
		{"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n", -1, 400},
		{"POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", -1, 400},
		{"POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", -1, 501},
		{"POST / HTTP/1.1\r\nExpect: 200-ok\r\n\r\n", -1, 417},
		{"GET / HTTP/1.1\r\nX: " + strings.Repeat("a", 20000) + "\r\n\r\n", -1, 431},
		{"GET / HTTP/1.1\r\n" + strings.Repeat("A: b\r\n", 101) + "\r\n", -1, 431},
	}
	for _, c := range cases {
		var r request
		n, err := parseHead([]byte(c.in), &lim, &r)
		switch {
		case c.n < 0:
			he, ok := err.(*httpError)
			if !ok || he.status != c.status {
				t.Errorf("%q: got n=%d err=%v, want status %d", c.in, n, err, c.status)
			}
		case c.n == 0:
			if n != 0 || err != nil {
				t.Errorf("%q: got n=%d err=%v, want incomplete", c.in, n, err)
			}
		default:
			if n != len(c.in) || err != nil {
				t.Errorf("%q: got n=%d err=%v", c.in, n, err)
			}
		}
	}
}

func TestParseHeadFields(t *testing.T) {
	in := "POST /set/a%2Fb?EX=10&_token=x HTTP/1.1\r\nauthorization: Bearer tok\r\nUpstash-Encoding: base64\r\n" +
		"Upstash-Response-Format: resp2\r\nConnection: close\r\nContent-Length: 3\r\nExpect: 100-continue\r\nOrigin: http://a\r\n\r\n"
	var r request
	lim := DefaultLimits
	if _, err := parseHead([]byte(in), &lim, &r); err != nil {
		t.Fatal(err)
	}
	if string(r.method) != "POST" || string(r.path) != "/set/a%2Fb" || string(r.query) != "EX=10&_token=x" ||
		string(r.auth) != "Bearer tok" || string(r.encoding) != "base64" || string(r.format) != "resp2" ||
		r.keepAlive || r.contentLen != 3 || !r.expect100 || string(r.origin) != "http://a" {
		t.Fatalf("%+v", r)
	}
}

func TestReadChunked(t *testing.T) {
	body := "4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\nTrailer: x\r\n\r\nNEXT"
	out, n, err := readChunked([]byte(body), nil, 100)
	if err != nil || string(out) != "Wikipedia" || n != len(body)-4 {
		t.Fatalf("%q %d %v", out, n, err)
	}
	for i := 0; i < len(body)-4; i++ {
		if _, n, err := readChunked([]byte(body[:i]), nil, 100); n != 0 || err != nil {
			t.Fatalf("prefix %d: n=%d err=%v", i, n, err)
		}
	}
	if _, _, err := readChunked([]byte("zz\r\n"), nil, 100); err != errBadChunk {
		t.Fatal(err)
	}
	if _, _, err := readChunked([]byte("ff\r\n"), nil, 100); err != errBodyTooLarge {
		t.Fatal(err)
	}
	if _, _, err := readChunked([]byte("2\r\nabXY"), nil, 100); err != errBadChunk {
		t.Fatal(err)
	}
}

// TestParseHeadAllocs checks the hot path allocates nothing.
func TestParseHeadAllocs(t *testing.T) {
	in := []byte("POST / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\nUpstash-Encoding: base64\r\nContent-Length: 17\r\n\r\n")
	body := []byte(`["set","k",1,true]`)
	lim := DefaultLimits
	var r request
	var p cmdParser
	var out []byte
	reply := []byte("*2\r\n$3\r\nabc\r\n:12\r\n")
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := parseHead(in, &lim, &r); err != nil {
			t.Fatal(err)
		}
		if err := p.parseCommand(body); err != nil {
			t.Fatal(err)
		}
		out, _ = appendReplyJSON(out[:0], reply, true, true, 0)
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per request", allocs)
	}
}

func FuzzParseHead(f *testing.F) {
	f.Add([]byte("GET /get/foo HTTP/1.1\r\nHost: x\r\n\r\n"))
	f.Add([]byte("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"))
	f.Add([]byte("POST /pipeline HTTP/1.0\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n[]"))
	f.Fuzz(func(t *testing.T, b []byte) {
		lim := Limits{MaxHeaderBytes: 1024, MaxHeaders: 8, MaxBody: 1 << 16}
		var r request
		n, err := parseHead(b, &lim, &r)
		if err != nil {
			if n != 0 {
				t.Fatal("error with n > 0")
			}
			return
		}
		if n > len(b) {
			t.Fatal("n past input")
		}
		if n > 0 {
			if len(r.method) == 0 || (len(r.path) > 0 && r.path[0] != '/') {
				t.Fatalf("%+v", r)
			}
			if r.chunked {
				_, m, _ := readChunked(b[n:], nil, lim.MaxBody)
				if m > len(b)-n {
					t.Fatal("chunked n past input")
				}
			}
		}
	})
}
