// Command resthttp measures the REST API: keep-alive connections sending
// POST / with GET/SET JSON commands to (1) Updraft's HTTP path on gnet,
// (2) a minimal net/http server doing the same JSON work on the same
// engine, and (3) Updraft's RESP path at pipeline depth 1, in one run, and
// prints requests/s with p50/p99 latencies.
//
//	go run ./bench/resthttp -c 50 -d 5s
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/resp"
	"github.com/updraftdb/updraft/net/rest"
	"github.com/updraftdb/updraft/net/server"
)

const token = "bench"

func main() {
	conns := flag.Int("c", 50, "keep-alive connections")
	dur := flag.Duration("d", 5*time.Second, "duration of each run")
	keys := flag.Int("keys", 10000, "key space")
	loops := flag.Int("event-loops", 1, "Updraft event loops")
	flag.Parse()

	e, err := engine.Open(engine.Options{})
	check(err)
	defer e.Close()
	srv := server.New(e, server.Options{Port: 0, EventLoops: *loops, HTTPPort: -1, REST: rest.Options{Token: token}})
	go func() { _ = srv.Serve() }()
	check(srv.WaitReady())
	defer srv.Shutdown(context.Background())

	l, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	hs := &http.Server{Handler: &stdHandler{e: e}}
	go func() { _ = hs.Serve(l) }()
	defer hs.Close()

	restAddr := "127.0.0.1:" + strconv.Itoa(srv.HTTPPort())
	respAddr := "127.0.0.1:" + strconv.Itoa(srv.Port())
	fmt.Printf("%d connections, %v each, 50%% GET / 50%% SET over %d keys\n\n", *conns, *dur, *keys)
	fmt.Println("| target | requests/s | p50 | p99 |")
	fmt.Println("|---|---:|---:|---:|")
	var upd, std float64
	for _, t := range []struct {
		name, addr string
		proto      func(w *bufio.Writer, r *bufio.Reader, set bool, key string) error
	}{
		{"Updraft REST (gnet)", restAddr, httpReq},
		{"net/http + same engine", l.Addr().String(), httpReq},
		{"Updraft RESP -P 1", respAddr, respReq},
	} {
		rps, p50, p99 := run(t.addr, *conns, *dur, *keys, t.proto)
		fmt.Printf("| %s | %.0f | %v | %v |\n", t.name, rps, p50, p99)
		switch t.name[:3] {
		case "Upd":
			if upd == 0 {
				upd = rps
			} else {
				fmt.Printf("\nREST / RESP: %.2fx\n", upd/rps)
			}
		case "net":
			std = rps
		}
	}
	fmt.Printf("REST / net/http: %.2fx\n", upd/std)
}

// run drives addr with conns connections for d and returns requests/s and
// latency percentiles.
func run(addr string, conns int, d time.Duration, keys int, proto func(*bufio.Writer, *bufio.Reader, bool, string) error) (float64, time.Duration, time.Duration) {
	var wg sync.WaitGroup
	lat := make([][]time.Duration, conns)
	deadline := time.Now().Add(d)
	for i := 0; i < conns; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c, err := net.Dial("tcp", addr)
			check(err)
			defer c.Close()
			w, r := bufio.NewWriter(c), bufio.NewReader(c)
			n := i
			for time.Now().Before(deadline) {
				n++
				start := time.Now()
				check(proto(w, r, n%2 == 0, "key:"+strconv.Itoa(n%keys)))
				lat[i] = append(lat[i], time.Since(start))
			}
		}(i)
	}
	wg.Wait()
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	if len(all) == 0 {
		return 0, 0, 0
	}
	return float64(len(all)) / d.Seconds(), all[len(all)/2], all[len(all)*99/100]
}

// httpReq sends POST / with a JSON command and reads the response.
func httpReq(w *bufio.Writer, r *bufio.Reader, set bool, key string) error {
	body := `["GET","` + key + `"]`
	if set {
		body = `["SET","` + key + `","value-` + key + `"]`
	}
	fmt.Fprintf(w, "POST / HTTP/1.1\r\nHost: b\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", token, len(body), body)
	if err := w.Flush(); err != nil {
		return err
	}
	cl := -1
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			return err
		}
		if len(line) == 2 {
			break
		}
		if len(line) > 16 && (string(line[:15]) == "Content-Length:" || string(line[:15]) == "content-length:") {
			cl, _ = strconv.Atoi(string(line[16 : len(line)-2]))
		}
	}
	if cl < 0 {
		return fmt.Errorf("no Content-Length")
	}
	_, err := r.Discard(cl)
	return err
}

// respReq sends one RESP command and reads its reply.
func respReq(w *bufio.Writer, r *bufio.Reader, set bool, key string) error {
	if set {
		fmt.Fprintf(w, "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\nvalue-%s\r\n", len(key), key, len(key)+6, key)
	} else {
		fmt.Fprintf(w, "*2\r\n$3\r\nGET\r\n$%d\r\n%s\r\n", len(key), key)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	line, err := r.ReadSlice('\n')
	if err != nil {
		return err
	}
	if line[0] == '$' {
		n, _ := strconv.Atoi(string(line[1 : len(line)-2]))
		if n >= 0 {
			_, err = r.Discard(n + 2)
		}
	}
	return err
}

// stdHandler is the minimal net/http REST server: encoding/json in and
// out, engine.Exec on a pooled client.
type stdHandler struct {
	e    *engine.Engine
	pool sync.Pool
}

func (h *stdHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+token {
		http.Error(w, `{"error":"Unauthorized"}`, 401)
		return
	}
	b, err := io.ReadAll(r.Body)
	var cmd []any
	if err == nil {
		err = json.Unmarshal(b, &cmd)
	}
	if err != nil || len(cmd) == 0 {
		http.Error(w, `{"error":"ERR bad request"}`, 400)
		return
	}
	args := make([][]byte, len(cmd))
	for i, a := range cmd {
		switch v := a.(type) {
		case string:
			args[i] = []byte(v)
		default:
			args[i] = []byte(fmt.Sprint(v))
		}
	}
	cl, _ := h.pool.Get().(*engine.Client)
	if cl == nil {
		cl = h.e.NewClient(engine.ClientOptions{Addr: r.RemoteAddr})
	}
	cl.W.Buf = cl.W.Buf[:0]
	h.e.Exec(cl, args)
	v, _, _ := resp.ReadReply(cl.W.Buf)
	h.pool.Put(cl)
	w.Header().Set("Content-Type", "application/json")
	if v.Kind == resp.KindError {
		w.WriteHeader(400)
		_ = json.NewEncoder(w).Encode(map[string]any{"error": string(v.Str)})
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"result": toAny(v)})
}

func toAny(v resp.Value) any {
	switch {
	case v.Null:
		return nil
	case v.Kind == resp.KindInt:
		return v.Int
	case v.Kind == resp.KindArray:
		out := make([]any, len(v.Elems))
		for i, e := range v.Elems {
			out[i] = toAny(e)
		}
		return out
	}
	return string(v.Str)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
