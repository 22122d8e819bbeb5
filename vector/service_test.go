package vector

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/updraftdb/updraft/persistence/aof"
)

// serve runs one request synchronously (waiting for a later answer).
func serve(t testing.TB, s *Service, method, path, body string) (int, string) {
	t.Helper()
	var wg sync.WaitGroup
	var st int
	var res []byte
	wg.Add(1)
	status, out, answered := s.ServeVector([]byte(method), []byte(path), nil, []byte(body), false, nil,
		func(code int, b []byte) { st, res = code, b; wg.Done() })
	if answered {
		return status, string(out)
	}
	wg.Wait()
	return st, string(res)
}

func mustOpen(t *testing.T, o Options) *Service {
	t.Helper()
	s, err := Open(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestHTTPTable checks replies word for word against the spec's shapes.
func TestHTTPTable(t *testing.T) {
	s := mustOpen(t, Options{})
	for _, sp := range []Spec{{Name: "d", Dim: 2}, {Name: "e", Dim: 2, Metric: Euclidean}, {Name: "p", Dim: 2, Metric: DotProduct},
		{Name: "s", Kind: Sparse}, {Name: "h", Dim: 2, Kind: Hybrid}} {
		if _, err := s.Create(sp, false); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct{ method, path, body, want string }{
		{"POST", "d/upsert", `[{"id":"a","vector":[0.1,0.2],"metadata":{"k":"v"}},{"id":33,"vector":[0.2,0.1],"data":"x"}]`, `{"result":"Success"}`},
		{"POST", "d/query", `{"vector":[0.1,0.2],"topK":1,"includeVectors":true,"includeMetadata":true}`, `{"result":[{"id":"a","score":1,"vector":[0.1,0.2],"metadata":{"k":"v"}}]}`},
		{"POST", "d/query", `[{"vector":[0.1,0.2],"topK":1}]`, `{"result":[{"id":"a","score":1}]}`},
		{"POST", "d/query", `[{"vector":[0.1,0.2],"topK":1},{"vector":[0.2,0.1],"topK":1}]`, `{"result":[[{"id":"a","score":1}],[{"id":"33","score":1}]]}`},
		{"POST", "d/query", `{"vector":[1,2,3],"topK":1}`, `{"error":"Invalid vector dimension: 3, expected: 2","status":422}`},
		{"POST", "d/query", `{"vector":[-0.1,-0.2],"topK":1}`, `{"result":[{"id":"33","score":0.09999999999999998}]}`},
		{"POST", "d/query", `{"topK":1}`, `{"error":"Either data, vector or sparseVector should be provided.","status":400}`},
		{"POST", "d/fetch", `{"ids":["33","zz"],"includeData":true}`, `{"result":[{"id":"33","data":"x"},null]}`},
		{"GET", "d/fetch", `{"prefix":"a"}`, `{"result":[{"id":"a"}]}`},
		{"POST", "d/fetch", `{"ids":["a"],"prefix":"a"}`, `{"error":"Only one of ids or prefix must be provided.","status":400}`},
		{"POST", "d/delete", `{"ids":["a"],"filter":"k = 'v'"}`, `{"error":"Only and only one of the ids, prefix, or filter must be provided.","status":400}`},
		{"POST", "d/range", `{"cursor":"0","limit":1}`, `{"result":{"nextCursor":"1","vectors":[{"id":"33"}]}}`},
		{"POST", "d/range", `{"cursor":"1","limit":1}`, `{"result":{"nextCursor":"","vectors":[{"id":"a"}]}}`},
		{"POST", "d/update", `{"id":"a","metadata":{"n":null,"m":1},"metadataUpdateMode":"PATCH"}`, `{"result":{"updated":1}}`},
		{"POST", "d/fetch", `{"ids":["a"],"includeMetadata":true}`, `{"result":[{"id":"a","metadata":{"k":"v","m":1}}]}`},
		{"POST", "d/upsert-data", `{"id":"z","data":"hi"}`, `{"error":"Embedding data for this index is not allowed. The index must be created with an embedding model to use it.","status":422}`},
		{"POST", "d/delete", `["a"]`, `{"result":{"deleted":1}}`},
		{"POST", "d/delete-namespace/nope", `[]`, `{"error":"Namespace nope for the index d does not exist","status":404}`},
		{"POST", "d/delete-namespace", `[]`, `{"error":"Default namespace cannot be deleted.","status":400}`},
		{"PUT", "d/info", ``, `{"error":"Method Not Allowed","status":405}`},
		{"POST", "d/nope", ``, `{"error":"Not Found","status":404}`},
		{"POST", "e/upsert", `{"id":"o","vector":[0,0]}`, `{"result":"Success"}`},
		{"POST", "e/query", `{"vector":[1,1],"topK":1}`, `{"result":[{"id":"o","score":0.3333333333333333}]}`},
		{"POST", "p/upsert", `{"id":"u","vector":[0.6,0.8]}`, `{"result":"Success"}`},
		{"POST", "p/query", `{"vector":[-0.6,-0.8],"topK":1}`, `{"result":[{"id":"u","score":0}]}`},
		{"POST", "s/upsert", `{"id":"x","sparseVector":{"indices":[3,1],"values":[0.5,2]}}`, `{"result":"Success"}`},
		{"POST", "s/query", `{"sparseVector":{"indices":[1],"values":[2]},"topK":3,"includeVectors":true}`, `{"result":[{"id":"x","score":4,"sparseVector":{"indices":[1,3],"values":[2,0.5]}}]}`},
		{"POST", "s/upsert", `{"id":"y","vector":[1,2]}`, `{"error":"This index does not support dense vectors.","status":422}`},
		{"POST", "h/upsert", `{"id":"y","vector":[1,2]}`, `{"error":"This index requires sparse vectors.","status":422}`},
		{"POST", "h/upsert", `{"id":"y","vector":[1,0],"sparseVector":{"indices":[1],"values":[1]}}`, `{"result":"Success"}`},
		{"POST", "h/query", `{"vector":[1,0],"sparseVector":{"indices":[1],"values":[1]},"topK":1}`, `{"result":[{"id":"y","score":0.03278688524590164}]}`},
		{"POST", "d/rename-namespace", `{"namespace":"","newNamespace":"x"}`, `{"error":"The default namespace cannot be renamed.","status":400}`},
		{"POST", "d/upsert/ns", `{"id":"q","vector":[1,1]}`, `{"result":"Success"}`},
		{"POST", "d/rename-namespace", `{"namespace":"ns","newNamespace":"ns2"}`, `{"result":{"renamed":true}}`},
		{"POST", "d/list-namespaces", `[]`, `{"result":["","ns2"]}`},
		{"POST", "d/fetch/ns2", `{"ids":["q"]}`, `{"result":[{"id":"q"}]}`},
		{"POST", "d/reset?all", `[]`, `{"result":"Success"}`},
		{"POST", "zz/info", `[]`, `{"error":"Index zz does not exist.","status":404}`},
	}
	for _, c := range cases {
		path := c.path
		var q []byte
		if p, qs, ok := strings.Cut(path, "?"); ok {
			path, q = p, []byte(qs)
		}
		var st int
		var got []byte
		var wg sync.WaitGroup
		wg.Add(1)
		status, out, answered := s.ServeVector([]byte(c.method), []byte(path), q, []byte(c.body), false, nil,
			func(code int, b []byte) { st, got = code, b; wg.Done() })
		if answered {
			st, got = status, out
		} else {
			wg.Wait()
		}
		if string(got) != c.want {
			t.Errorf("%s %s %s:\n got %s\nwant %s", c.method, c.path, c.body, got, c.want)
		}
		var env struct{ Status int }
		_ = json.Unmarshal(got, &env)
		if env.Status != 0 && env.Status != st || env.Status == 0 && st != 200 {
			t.Errorf("%s %s: HTTP status %d, body %s", c.method, c.path, st, got)
		}
	}
	if st, _ := serve(t, s, "POST", "d/info", "[]"); st != 200 {
		t.Fatal(st)
	}
	if n := s.Index("d").Count(); n != 0 {
		t.Errorf("after reset all: %d records", n)
	}
}

func TestReadOnlyRefusesWrites(t *testing.T) {
	s := mustOpen(t, Options{Indexes: []Spec{{Name: "d", Dim: 1}}})
	for _, ep := range []string{"upsert", "upsert-data", "update", "delete", "reset", "delete-namespace/x", "rename-namespace", "drop-index", "create-index"} {
		st, out, _ := s.ServeVector([]byte("POST"), []byte("d/"+ep), nil, []byte(`{}`), true, nil, nil)
		if st != 403 {
			t.Errorf("%s with the read-only token: %d %s", ep, st, out)
		}
	}
	if st, out, _ := s.ServeVector([]byte("POST"), []byte("d/info"), nil, []byte(`[]`), true, nil, nil); st != 200 {
		t.Errorf("info with the read-only token: %d %s", st, out)
	}
}

// TestDurability writes through the log, abandons the service without
// Close (as kill -9 would), reopens the directory and checks every
// acknowledged record; then tears the log's tail and checks recovery keeps
// the earlier batches.
func TestDurability(t *testing.T) {
	dir := t.TempDir()
	o := Options{Dir: dir, Fsync: aof.FsyncAlways}
	s := mustOpen(t, o)
	if _, err := s.Create(Spec{Name: "d", Dim: 3, Metric: Euclidean}, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Create(Spec{Name: "h", Dim: 2, Kind: Hybrid}, false); err != nil {
		t.Fatal(err)
	}
	const n = 300
	for i := range n {
		body := fmt.Sprintf(`{"id":"r%03d","vector":[%d,1,2],"metadata":{"i":%d},"data":"t%d"}`, i, i, i, i)
		if st, out := serve(t, s, "POST", "d/upsert/ns", body); st != 200 {
			t.Fatal(out)
		}
	}
	serve(t, s, "POST", "d/delete/ns", `{"filter":"i < 10"}`)
	serve(t, s, "POST", "d/update/ns", `{"id":"r050","metadata":{"x":true},"metadataUpdateMode":"PATCH"}`)
	serve(t, s, "POST", "h/upsert", `{"id":"a","vector":[1,2],"sparseVector":{"indices":[7],"values":[0.5]}}`)
	want := snapshotAll(t, s)
	// "kill": no Close; a second service reads the same files.
	s2 := mustOpen(t, o)
	if got := snapshotAll(t, s2); got != want {
		t.Fatalf("after reopen:\n got %.300s\nwant %.300s", got, want)
	}
	// A rewrite (snapshot as the base) keeps everything too.
	if err := s2.Index("d").Rewrite(); err != nil {
		t.Fatal(err)
	}
	serve(t, s2, "POST", "d/upsert", `{"id":"late","vector":[9,9,9]}`)
	want2 := snapshotAll(t, s2)
	if err := s2.Close(); err != nil {
		t.Fatal(err)
	}
	s3 := mustOpen(t, o)
	if got := snapshotAll(t, s3); got != want2 {
		t.Fatalf("after rewrite and reopen:\n got %.300s\nwant %.300s", got, want2)
	}
	s3.Close()
	// Tear the tail of the newest incr file: the last batch is lost, the
	// rest survives.
	files, _ := filepath.Glob(filepath.Join(dir, "d", "vector.aof.*.incr.aof"))
	last := files[len(files)-1]
	st, _ := os.Stat(last)
	if err := os.Truncate(last, st.Size()-3); err != nil {
		t.Fatal(err)
	}
	s4 := mustOpen(t, o)
	defer s4.Close()
	if s4.Index("d").Count() != 290 { // 300 upserts, 10 deleted by filter, "late" torn
		t.Fatalf("after a torn tail: %d records", s4.Index("d").Count())
	}
	if _, out := serve(t, s4, "POST", "d/fetch", `{"ids":["late"]}`); out != `{"result":[null]}` {
		t.Fatalf("torn batch survived: %s", out)
	}
	if _, out := serve(t, s4, "POST", "d/fetch/ns", `{"ids":["r050"],"includeMetadata":true}`); out != `{"result":[{"id":"r050","metadata":{"i":50,"x":true}}]}` {
		t.Fatalf("r050: %s", out)
	}
}

// snapshotAll dumps every record of every index and namespace.
func snapshotAll(t *testing.T, s *Service) string {
	var b strings.Builder
	for _, name := range s.Names() {
		for _, ns := range s.Index(name).Namespaces() {
			path := name + "/range"
			if ns != "" {
				path += "/" + ns
			}
			_, out := serve(t, s, "POST", path, `{"cursor":0,"limit":1000,"includeVectors":true,"includeMetadata":true,"includeData":true}`)
			b.WriteString(path + out + "\n")
		}
	}
	return b.String()
}
