package fuzz_test

import (
	"bytes"
	"net"
	"testing"
	"time"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/fuzz"
	"github.com/updraftdb/updraft/internal/resp"
)

// protocolSafe are the commands raw fuzz input may run: quick, with
// deterministic replies, and harmless to the servers.
var protocolSafe = map[string]bool{
	"ping": true, "echo": true, "get": true, "set": true, "mget": true, "mset": true, "strlen": true,
	"append": true, "exists": true, "del": true, "incr": true, "dbsize": true, "type": true, "getrange": true,
}

// sendRaw writes data on a new connection, half-closes it, and returns
// everything the server sends until it closes the connection.
func sendRaw(t *testing.T, addr string, data []byte) ([]byte, bool) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(3 * time.Second))
	if _, err := c.Write(data); err != nil {
		t.Fatal(err)
	}
	_ = c.(*net.TCPConn).CloseWrite()
	var out bytes.Buffer
	_, err = out.ReadFrom(c)
	timedOut := false
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		timedOut = true
	}
	return out.Bytes(), timedOut
}

// FuzzProtocol sends raw fuzz input, as a client would, to both servers
// and compares everything they send back before closing: the RESP parser
// (inline and multibulk, protocol errors) against redis-server's own. Input
// whose commands (as Updraft parses them) are not all harmless, or not
// unknown to both servers, is skipped.
func FuzzProtocol(f *testing.F) {
	for _, seed := range []string{
		"*2\r\n$4\r\nECHO\r\n$3\r\nabc\r\n",
		"PING\r\nECHO \"a\\x41\\n\" 'b\\'c'\r\n",
		"ECHO a\"b c\"\r\n",
		"SET k v\r\nGET k\r\nAPPEND k \"\\x00\"\r\nSTRLEN k\r\n",
		"*1\r\n$-1\r\n",
		"*abc\r\n",
		"*1\r\nx3\r\n",
		"|1\r\n+a\r\n+b\r\nPING\r\n",
		">2\r\n$1\r\na\r\nPING\r\n",
		"NOSUCHCMD a 'b c'\r\n",
		"*0\r\n*-1\r\n\r\nPING\r\n",
		"*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n",
	} {
		f.Add([]byte(seed))
	}
	p := newPair(f)
	redisKnows := map[string]bool{}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return
		}
		var scratch []byte
		var args [][]byte
		for buf := data; len(buf) > 0; {
			var n int
			var err error
			args, n, err = resp.ReadCommand(buf, args, &scratch, resp.DefaultLimits)
			if err != nil || n <= 0 {
				break
			}
			buf = buf[n:]
			if len(args) == 0 {
				continue
			}
			name := string(bytes.ToLower(args[0]))
			if protocolSafe[name] {
				continue
			}
			known, ok := redisKnows[name]
			if !ok {
				known = engine.LookupCommand(args[0]) != nil || !unknownToRedis(t, p, name)
				redisKnows[name] = known
			}
			if known {
				t.Skip("input runs", name)
			}
		}
		if err := p.Reset(); err != nil {
			t.Fatal(err)
		}
		want, wantTO := sendRaw(t, p.RedisAddr, data)
		got, gotTO := sendRaw(t, p.Updraft.Addr(), data)
		if !bytes.Equal(got, want) || gotTO != wantTO {
			t.Fatalf("input %q\nredis-server (timed out %v):\n%s\nupdraft (timed out %v):\n%s",
				data, wantTO, fuzz.Show(fuzz.Reply{Raw: want}), gotTO, fuzz.Show(fuzz.Reply{Raw: got}))
		}
	})
}

// unknownToRedis reports whether redis-server has no command name.
func unknownToRedis(t *testing.T, p *fuzz.Pair, name string) bool {
	c, err := fuzz.Dial(p.RedisAddr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r := c.Do([][]byte{[]byte("COMMAND"), []byte("INFO"), []byte(name)}, time.Second)
	return string(r.Raw) == "*1\r\n$-1\r\n"
}
