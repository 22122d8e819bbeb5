package rest_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/servertest"
	"github.com/updraftdb/updraft/net/rest"
	"github.com/updraftdb/updraft/net/server"
)

const (
	token   = "full-token"
	roToken = "ro-token"
)

// start runs a server with the REST API on a free port and returns its
// address.
func start(t *testing.T, ro rest.Options) (string, *servertest.Server) {
	t.Helper()
	if ro.Token == "" {
		ro.Token, ro.ReadOnlyToken = token, roToken
	}
	s := servertest.Start(t, engine.Options{}, server.Options{HTTPPort: -1, REST: ro})
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Srv.HTTPPort())), s
}

// client is one keep-alive connection speaking raw HTTP.
type client struct {
	t  *testing.T
	c  net.Conn
	br *bufio.Reader
}

func dial(t *testing.T, addr string) *client {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &client{t: t, c: c, br: bufio.NewReader(c)}
}

func (c *client) send(raw string) {
	c.t.Helper()
	if _, err := io.WriteString(c.c, raw); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) read() (*http.Response, string) {
	c.t.Helper()
	_ = c.c.SetReadDeadline(time.Now().Add(5 * time.Second))
	res, err := http.ReadResponse(c.br, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return res, string(b)
}

// post sends a JSON POST with the full token and returns status and body.
func (c *client) post(path, body string, hdr ...string) (*http.Response, string) {
	c.t.Helper()
	h := "Authorization: Bearer " + token + "\r\n"
	for _, x := range hdr {
		h += x + "\r\n"
	}
	c.send(fmt.Sprintf("POST %s HTTP/1.1\r\nHost: x\r\n%sContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", path, h, len(body), body))
	return c.read()
}

func expect(t *testing.T, res *http.Response, body string, code int, want string) {
	t.Helper()
	if res.StatusCode != code || body != want {
		t.Fatalf("got %d %s, want %d %s", res.StatusCode, body, code, want)
	}
}

func TestForms(t *testing.T) {
	addr, _ := start(t, rest.Options{})
	c := dial(t, addr)
	res, body := c.post("/", `["SET","k/x %",1.50]`)
	expect(t, res, body, 200, `{"result":"OK"}`)
	res, body = c.post("/", `["get","k/x %"]`, "Upstash-Encoding: base64")
	expect(t, res, body, 200, `{"result":"MS41MA=="}`)
	c.send("GET /get/k%2Fx%20%25 HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\n\r\n")
	res, body = c.read()
	expect(t, res, body, 200, `{"result":"1.50"}`)
	c.send("POST /set/p?EX=100&_token=" + token + " HTTP/1.1\r\nContent-Length: 7\r\n\r\nv\nal\"ue")
	res, body = c.read()
	expect(t, res, body, 200, `{"result":"OK"}`)
	res, body = c.post("/", `["ttl","p"]`)
	expect(t, res, body, 200, `{"result":100}`)
	res, body = c.post("/", `["get","p"]`)
	expect(t, res, body, 200, `{"result":"v\nal\"ue"}`)
	c.send("HEAD /get/p HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\n\r\n")
	_ = c.c.SetReadDeadline(time.Now().Add(5 * time.Second))
	res, err := http.ReadResponse(c.br, &http.Request{Method: "HEAD"})
	if err != nil || res.StatusCode != 200 || res.ContentLength != int64(len(`{"result":"v\nal\"ue"}`)) {
		t.Fatalf("HEAD: %v %v", res, err)
	}
	res, body = c.post("/pipeline", `[["set","a",1],["incr","a"],["incr","p"],["get","a"],["nosuch"]]`)
	expect(t, res, body, 200, `[{"result":"OK"},{"result":2},{"error":"ERR value is not an integer or out of range"},{"result":"2"},{"error":"ERR unknown command 'nosuch', with args beginning with: "}]`)
	res, body = c.post("/pipeline", `[["set","a",1],["get","a"]]`, "Upstash-Encoding: base64")
	expect(t, res, body, 200, `[{"result":"OK"},{"result":"MQ=="}]`)
	res, body = c.post("/", `["get","a"]`, "Upstash-Response-Format: resp2")
	expect(t, res, body, 200, "$1\r\n1\r\n")
	if res.Header.Get("Content-Type") != "application/octet-stream" {
		t.Fatal(res.Header)
	}
	res, body = c.post("/", `["incr","p"]`)
	expect(t, res, body, 400, `{"error":"ERR value is not an integer or out of range"}`)
	res, body = c.post("/", `["unlink"]`)
	expect(t, res, body, 200, `{"result":0}`)
	c.post("/", `["del","z"]`)
	c.post("/", `["rpush","z","a","b","c","d"]`)
	if engine.LookupCommand([]byte("zadd")) != nil {
		c.post("/", `["del","z"]`)
		c.post("/", `["zadd","z",1,"a",2,"b",3,"c",4,"d"]`)
		res, body = c.post("/", `["zrange","z",0,-1,"withscores","limit",1,2]`)
		expect(t, res, body, 200, `{"result":["b","2","c","3"]}`)
	}
	c.post("/", `["flushdb"]`)
	c.post("/", `["set","s","v"]`)
	res, body = c.post("/", `["scan",0,"withtype"]`)
	expect(t, res, body, 200, `{"result":["0",["s","string"]]}`)
}

func TestMultiExec(t *testing.T) {
	addr, _ := start(t, rest.Options{})
	c := dial(t, addr)
	res, body := c.post("/multi-exec", `[["set","a",1],["incr","a"],["incr","a"]]`)
	expect(t, res, body, 200, `[{"result":"OK"},{"result":2},{"result":3}]`)
	if engine.LookupCommand([]byte("multi")) == nil {
		return // atomic transactions arrive with engine/t_multi.go
	}
	res, body = c.post("/multi-exec", `[["set","a","x"],["incr","a"],["get","a"]]`)
	expect(t, res, body, 200, `[{"result":"OK"},{"error":"ERR value is not an integer or out of range"},{"result":"x"}]`)
	res, body = c.post("/multi-exec", `[["set","a","y"],["nosuch"]]`)
	if res.StatusCode != 400 || !strings.Contains(body, "unknown command") {
		t.Fatal(res.StatusCode, body)
	}
	res, body = c.post("/", `["get","a"]`)
	expect(t, res, body, 200, `{"result":"x"}`)
}

func TestErrors(t *testing.T) {
	addr, _ := start(t, rest.Options{})
	c := dial(t, addr)
	for _, tc := range []struct{ body, want string }{
		{`["set","a",null]`, `{"error":"ERR null is not a valid command argument (an undefined value in the client?)"}`},
		{`["set","a",[1]]`, `{"error":"ERR command arguments must be strings, numbers or booleans"}`},
		{`["set","a"`, `{"error":"ERR failed to parse the request body as JSON"}`},
		{`{"cmd":"get"}`, `{"error":"ERR the request body must be a JSON array of command arguments"}`},
		{`[]`, `{"error":"ERR empty command"}`},
		{`["hello","3"]`, `{"error":"ERR Command is not available: 'hello'"}`},
		{`["watch","a"]`, `{"error":"ERR Command is not available: 'watch'"}`},
	} {
		res, body := c.post("/", tc.body)
		expect(t, res, body, 400, tc.want)
	}
	res, body := c.post("/pipeline", `["get","a"]`)
	expect(t, res, body, 400, `{"error":"ERR the request body must be a JSON array of commands, each a JSON array"}`)
	res, body = c.post("/", `["get","a"]`, "Upstash-Encoding: base32")
	expect(t, res, body, 400, `{"error":"ERR invalid Upstash-Encoding header: only base64 is supported"}`)
	res, body = c.post("/", `["get","a"]`, "Upstash-Response-Format: xml")
	expect(t, res, body, 400, `{"error":"ERR invalid Upstash-Response-Format header: json or resp2 expected"}`)
	res, body = c.post("/", `["get","a"]`, "Upstash-Response-Format: resp2", "Upstash-Encoding: base64")
	expect(t, res, body, 400, `{"error":"ERR Upstash-Response-Format resp2 cannot be combined with Upstash-Encoding base64"}`)
	c.send("DELETE /get/a HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\n\r\n")
	res, body = c.read()
	expect(t, res, body, 405, `{"error":"ERR method not allowed"}`)
	c.send("GET /get/%zz HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\n\r\n")
	res, body = c.read()
	expect(t, res, body, 400, `{"error":"ERR malformed percent-encoding in the URL"}`)

	// Auth.
	for _, h := range []string{"", "Authorization: Bearer nope\r\n", "Authorization: Basic " + token + "\r\n"} {
		c.send("GET /get/a HTTP/1.1\r\n" + h + "\r\n")
		res, body = c.read()
		expect(t, res, body, 401, `{"error":"WRONGPASS invalid or missing auth token"}`)
	}
	c.send("GET /get/a?_token=" + roToken + " HTTP/1.1\r\n\r\n")
	res, body = c.read()
	expect(t, res, body, 200, `{"result":null}`)
	for _, cmd := range []string{"set", "scan", "keys", "flushall", "config"} {
		c.send("GET /" + cmd + "/get/b HTTP/1.1\r\nAuthorization: Bearer " + roToken + "\r\n\r\n")
		res, body = c.read()
		expect(t, res, body, 400, `{"error":"NOPERM this user has no permissions to run the '`+cmd+`' command or its subcommand"}`)
	}
	c.send("POST /pipeline HTTP/1.1\r\nAuthorization: Bearer " + roToken + "\r\nContent-Length: 29\r\n\r\n" + `[["get","a"],["set","a","b"]]`)
	res, body = c.read()
	expect(t, res, body, 200, `[{"result":null},{"error":"NOPERM this user has no permissions to run the 'set' command or its subcommand"}]`)

	// Too large: refused before the body is read, then closed.
	c.send("POST / HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\nContent-Length: 10485761\r\n\r\n")
	res, body = c.read()
	expect(t, res, body, 413, `{"error":"ERR max request size exceeded"}`)
	if _, err := c.br.ReadByte(); err != io.EOF {
		t.Fatalf("connection not closed: %v", err)
	}
	// Malformed HTTP.
	c = dial(t, addr)
	c.send("GARBAGE\r\n\r\n")
	res, body = c.read()
	expect(t, res, body, 400, `{"error":"ERR malformed HTTP request"}`)
}

func TestHTTPFeatures(t *testing.T) {
	addr, _ := start(t, rest.Options{CORSOrigins: []string{"http://ok.example"}, Limits: rest.Limits{MaxBody: 1 << 20}})
	c := dial(t, addr)
	auth := "Authorization: Bearer " + token + "\r\n"
	// Chunked body, Expect: 100-continue.
	c.send("POST / HTTP/1.1\r\n" + auth + "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n")
	line, _ := c.br.ReadString('\n')
	if line != "HTTP/1.1 100 Continue\r\n" {
		t.Fatalf("%q", line)
	}
	_, _ = c.br.ReadString('\n')
	c.send("5\r\n[\"set\r\n")
	c.send("c\r\n\",\"c\",\"val\"]\r\n0\r\n\r\n")
	res, body := c.read()
	expect(t, res, body, 200, `{"result":"OK"}`)
	// Two requests in one write (pipelining), and the CORS origin list.
	c.send("GET /get/c HTTP/1.1\r\n" + auth + "Origin: http://ok.example\r\n\r\nGET /get/c HTTP/1.1\r\n" + auth + "Origin: http://evil.example\r\n\r\n")
	res, body = c.read()
	expect(t, res, body, 200, `{"result":"val"}`)
	if res.Header.Get("Access-Control-Allow-Origin") != "http://ok.example" || res.Header.Get("Access-Control-Expose-Headers") != "upstash-sync-token" {
		t.Fatal(res.Header)
	}
	res, body = c.read()
	expect(t, res, body, 200, `{"result":"val"}`)
	if res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatal(res.Header)
	}
	// Preflight needs no token.
	c.send("OPTIONS /pipeline HTTP/1.1\r\nOrigin: http://ok.example\r\nAccess-Control-Request-Headers: authorization, upstash-sync-token\r\n\r\n")
	res, _ = c.read()
	if res.StatusCode != 204 || res.Header.Get("Access-Control-Allow-Headers") != "authorization, upstash-sync-token" {
		t.Fatal(res.StatusCode, res.Header)
	}
	// Body limit from the options; chunked too.
	c.send("POST / HTTP/1.1\r\n" + auth + "Transfer-Encoding: chunked\r\n\r\n200000\r\n")
	res, body = c.read()
	expect(t, res, body, 413, `{"error":"ERR max request size exceeded"}`)
	// HTTP/1.0: closed after the reply unless keep-alive.
	c = dial(t, addr)
	c.send("GET /get/c HTTP/1.0\r\n" + auth + "Connection: keep-alive\r\n\r\n")
	res, body = c.read()
	expect(t, res, body, 200, `{"result":"val"}`)
	c.send("GET /get/c HTTP/1.0\r\n" + auth + "\r\n")
	res, body = c.read()
	expect(t, res, body, 200, `{"result":"val"}`)
	if _, err := c.br.ReadByte(); err != io.EOF {
		t.Fatalf("HTTP/1.0 not closed: %v", err)
	}
	c = dial(t, addr)
	c.send("GET /get/c HTTP/1.1\r\n" + auth + "Connection: close\r\n\r\n")
	res, body = c.read()
	expect(t, res, body, 200, `{"result":"val"}`)
	if _, err := c.br.ReadByte(); err != io.EOF {
		t.Fatalf("Connection: close not honoured: %v", err)
	}
}

// TestSyncToken: present on every response, moved on by writes and
// pipelines, incoming values ignored.
func TestSyncToken(t *testing.T) {
	addr, _ := start(t, rest.Options{})
	c := dial(t, addr)
	res, _ := c.post("/", `["get","a"]`, "upstash-sync-token: ")
	t0 := res.Header.Get("upstash-sync-token")
	res, _ = c.post("/", `["get","a"]`, "upstash-sync-token: my-new-sync-token")
	if t0 == "" || res.Header.Get("upstash-sync-token") != t0 {
		t.Fatal("read changed the token", t0, res.Header)
	}
	res, _ = c.post("/", `["set","a","b"]`)
	t1 := res.Header.Get("upstash-sync-token")
	res, _ = c.post("/pipeline", `[["set","a","c"]]`)
	t2 := res.Header.Get("upstash-sync-token")
	if t1 == t0 || t2 == t1 || t2 == "" {
		t.Fatal(t0, t1, t2)
	}
}

func TestTimeouts(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs in the full test suite")
	}
	addr, _ := start(t, rest.Options{HeaderTimeout: time.Second, IdleTimeout: 2 * time.Second})
	// Slowloris: one header byte every 200 ms is closed by the header
	// timeout.
	c := dial(t, addr)
	head := "GET /get/a HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\nX-Slow: " + strings.Repeat("a", 100) + "\r\n\r\n"
	startAt := time.Now()
	var err error
	for i := 0; i < len(head) && err == nil; i++ {
		_, err = c.c.Write([]byte{head[i]})
		time.Sleep(200 * time.Millisecond)
	}
	if err == nil {
		_ = c.c.SetReadDeadline(time.Now().Add(3 * time.Second))
		_, err = c.br.ReadByte()
	}
	if err == nil || time.Since(startAt) > 5*time.Second {
		t.Fatalf("slow client not closed in time: %v after %v", err, time.Since(startAt))
	}
	// Idle keep-alive connections are closed.
	c = dial(t, addr)
	_, _ = c.post("/", `["ping"]`)
	_ = c.c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.br.ReadByte(); err != io.EOF {
		t.Fatalf("idle connection not closed: %v", err)
	}
}

// TestKeepAlive10k sends 10 000 requests on one connection, half of them
// pipelined.
func TestKeepAlive10k(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs in the full test suite")
	}
	addr, _ := start(t, rest.Options{})
	c := dial(t, addr)
	req := "POST / HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\nContent-Length: 12\r\n\r\n" + `["incr","n"]`
	go func() {
		var batch bytes.Buffer
		for i := 0; i < 10000; i++ {
			batch.WriteString(req)
			if i%2 == 0 || batch.Len() > 16<<10 {
				_, _ = c.c.Write(batch.Bytes())
				batch.Reset()
			}
		}
		_, _ = c.c.Write(batch.Bytes())
	}()
	for i := 1; i <= 10000; i++ {
		res, body := c.read()
		if want := `{"result":` + strconv.Itoa(i) + `}`; res.StatusCode != 200 || body != want {
			t.Fatalf("request %d: %d %s", i, res.StatusCode, body)
		}
	}
}

// TestConcurrent2000 holds 2 000 connections open at once.
func TestConcurrent2000(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs in the full test suite")
	}
	addr, _ := start(t, rest.Options{})
	const n = 2000
	conns := make([]*client, n)
	for i := range conns {
		conns[i] = dial(t, addr)
	}
	var wg sync.WaitGroup
	errs := make(chan string, n)
	for i, c := range conns {
		wg.Add(1)
		go func(i int, c *client) {
			defer wg.Done()
			body := `["incr","n"]`
			fmt.Fprintf(c.c, "POST / HTTP/1.1\r\nAuthorization: Bearer %s\r\nContent-Length: %d\r\n\r\n%s", token, len(body), body)
			_ = c.c.SetReadDeadline(time.Now().Add(20 * time.Second))
			res, err := http.ReadResponse(c.br, nil)
			if err != nil || res.StatusCode != 200 {
				errs <- fmt.Sprint(i, err)
				return
			}
			_, _ = io.ReadAll(res.Body)
		}(i, c)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
	res, body := conns[0].post("/", `["get","n"]`)
	expect(t, res, body, 200, `{"result":"2000"}`)
}

// TestMonitorStream: /monitor streams commands as Server-Sent Events.
func TestMonitorStream(t *testing.T) {
	addr, _ := start(t, rest.Options{})
	m := dial(t, addr)
	m.send("POST /monitor HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\nAccept: text/event-stream\r\nContent-Length: 2\r\n\r\n[]")
	_ = m.c.SetReadDeadline(time.Now().Add(5 * time.Second))
	res, err := http.ReadResponse(m.br, nil)
	if err != nil || res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatal(res, err)
	}
	br := bufio.NewReader(res.Body)
	if l, _ := br.ReadString('\n'); l != "data: \"OK\"\n" {
		t.Fatalf("%q", l)
	}
	c := dial(t, addr)
	c.post("/", `["set","mk","v,1"]`)
	for {
		l, err := br.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(l, "data: ") && strings.HasSuffix(l, "\"set\" \"mk\" \"v,1\"\n") {
			break
		}
	}
}

// TestSubscribeStream: /subscribe receives a PUBLISH as an event.
func TestSubscribeStream(t *testing.T) {
	if engine.LookupCommand([]byte("subscribe")) == nil {
		t.Skip("pub/sub is not in this engine yet (engine/t_pubsub*.go)")
	}
	addr, _ := start(t, rest.Options{})
	m := dial(t, addr)
	m.send("POST /subscribe/chat%201 HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\nAccept: text/event-stream\r\nContent-Length: 2\r\n\r\n[]")
	_ = m.c.SetReadDeadline(time.Now().Add(5 * time.Second))
	res, err := http.ReadResponse(m.br, nil)
	if err != nil || res.StatusCode != 200 {
		t.Fatal(res, err)
	}
	br := bufio.NewReader(res.Body)
	if l, _ := br.ReadString('\n'); l != "data: subscribe,chat 1,1\n" {
		t.Fatalf("%q", l)
	}
	c := dial(t, addr)
	res, body := c.post("/", `["publish","chat 1","{\"a\":1,\"b\":2}"]`)
	expect(t, res, body, 200, `{"result":1}`)
	for {
		l, err := br.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if l == "data: message,chat 1,{\"a\":1,\"b\":2}\n" {
			break
		}
	}
	m.c.Close()
	time.Sleep(100 * time.Millisecond)
	res, body = c.post("/", `["publish","chat 1","x"]`)
	expect(t, res, body, 200, `{"result":0}`)
}

// TestBlockingParks: BLPOP over REST parks the connection without holding
// the event loop; a push from another connection answers it.
func TestBlockingParks(t *testing.T) {
	if engine.LookupCommand([]byte("blpop")) == nil {
		t.Skip("lists are not in this engine yet (engine/t_list.go)")
	}
	addr, _ := start(t, rest.Options{})
	b := dial(t, addr)
	pl := `[["get","x"],["blpop","q",0],["get","x"]]`
	b.send("POST /pipeline HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\nContent-Length: " + strconv.Itoa(len(pl)) + "\r\n\r\n" + pl)
	time.Sleep(100 * time.Millisecond)
	c := dial(t, addr)
	res, body := c.post("/", `["set","x","1"]`) // the loop still serves
	expect(t, res, body, 200, `{"result":"OK"}`)
	res, body = c.post("/", `["rpush","q","v"]`)
	expect(t, res, body, 200, `{"result":1}`)
	res, body = b.read()
	expect(t, res, body, 200, `[{"result":null},{"result":["q","v"]},{"result":"1"}]`)
}

func TestJSONResultsValid(t *testing.T) {
	addr, _ := start(t, rest.Options{})
	c := dial(t, addr)
	val := "\x00\x01\xff\xfe\u2028é😀\"\\/\n"
	b, _ := json.Marshal([]string{"set", "bin", val})
	c.post("/", string(b))
	res, body := c.post("/", `["get","bin"]`)
	var out struct{ Result string }
	if res.StatusCode != 200 || json.Unmarshal([]byte(body), &out) != nil || out.Result != "\x00\x01\ufffd\ufffd\u2028é😀\"\\/\n" {
		t.Fatalf("%s", body)
	}
}
