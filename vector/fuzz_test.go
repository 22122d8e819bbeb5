package vector

import (
	"strings"
	"testing"
)

// FuzzServeVector feeds arbitrary bodies to every endpoint of an in-memory
// service of each index type: a bad request must get a JSON error, never
// a panic, and a 200 must be a JSON result envelope.
func FuzzServeVector(f *testing.F) {
	seeds := []string{
		`{"id":"a","vector":[0.1,0.2],"metadata":{"k":[1,{"x":null}]},"data":"t"}`,
		`[{"id":1,"sparseVector":{"indices":[1,2],"values":[0.5,1]}},{"id":"b","vector":[1,2],"sparseVector":{"indices":[3],"values":[1]}}]`,
		`{"vector":[0.1,0.2],"topK":3,"filter":"k CONTAINS 1 AND HAS FIELD x","includeVectors":true,"includeMetadata":true}`,
		`[{"sparseVector":{"indices":[1],"values":[1]},"topK":2,"weightingStrategy":"IDF","fusionAlgorithm":"DBSF","queryMode":"SPARSE"}]`,
		`{"ids":["a",1,null],"prefix":"a"}`, `{"prefix":"a","includeData":true}`, `{"filter":"k = 'v'"}`, `["a","b"]`,
		`{"cursor":"5","limit":2,"prefix":"a"}`, `{"cursor":-1,"limit":1}`,
		`{"id":"a","metadata":{"n":null},"metadataUpdateMode":"PATCH"}`, `{"id":"a","vector":[1e39,0]}`,
		`{"uuid":"x","additionalK":3}`, `{"namespace":"a","newNamespace":"b","deleteExisting":true}`,
		`{"dimension":2,"similarityFunction":"EUCLIDEAN","indexType":"HYBRID"}`, `[]`, ``, `{`, `null`, `"s"`, `{"data":"hello world","topK":1}`,
	}
	eps := []string{"upsert", "upsert-data", "update", "query", "query-data", "resumable-query", "resumable-query-next",
		"resumable-query-end", "fetch", "delete", "range", "reset", "info", "list-namespaces", "delete-namespace/n",
		"random", "rename-namespace", "create-index", "upsert/n", "query/n"}
	for i, s := range seeds {
		f.Add(uint8(i), uint8(i%3), s)
	}
	f.Fuzz(func(t *testing.T, ep, kind uint8, body string) {
		s, err := Open(Options{})
		if err != nil {
			t.Fatal(err)
		}
		name := []string{"d", "s", "h"}[kind%3]
		_, _ = s.Create(Spec{Name: "d", Dim: 2}, false)
		_, _ = s.Create(Spec{Name: "s", Kind: Sparse}, false)
		_, _ = s.Create(Spec{Name: "h", Dim: 2, Kind: Hybrid, Metric: DotProduct}, false)
		// Some data, so queries and updates have records to touch.
		serve(t, s, "POST", "h/upsert", `{"id":"a","vector":[1,0],"sparseVector":{"indices":[1],"values":[1]},"metadata":{"k":"v"}}`)
		serve(t, s, "POST", "d/upsert", `{"id":"a","vector":[1,0],"metadata":{"k":"v"}}`)
		serve(t, s, "POST", "s/upsert-data", `{"id":"a","data":"hello world"}`)
		e := eps[int(ep)%len(eps)]
		st, out := serve(t, s, "POST", name+"/"+e, body)
		if st == 200 && !strings.HasPrefix(out, `{"result":`) || st != 200 && !strings.HasPrefix(out, `{"error":`) {
			t.Fatalf("%s %q: %d %s", e, body, st, out)
		}
		// The log encoding of whatever was stored decodes and applies.
		x := s.Index(name)
		if x == nil {
			return
		}
		x.mu.RLock()
		snap := x.appendSnapshot(nil)
		x.mu.RUnlock()
		y := newIndex(x.Spec)
		if err := y.loadSnapshot(strings.NewReader(string(snap))); err != nil {
			t.Fatalf("snapshot after %s %q: %v", e, body, err)
		}
		if y.Count() != x.Count() {
			t.Fatalf("snapshot count %d, index %d", y.Count(), x.Count())
		}
	})
}

// FuzzApplyOps checks that any bytes given to the log decoder are refused
// or applied without a panic.
func FuzzApplyOps(f *testing.F) {
	x := newIndex(Spec{Name: "h", Dim: 2, Kind: Hybrid})
	r := Record{ID: "a", Vector: []float32{1, 2}, HasSparse: true, Data: "d", HasData: true}
	r.Sparse.Indices, r.Sparse.Values = []uint32{3}, []float32{1}
	f.Add(appendUpsertOp(nil, "ns", &r))
	f.Add(appendRenameOp(appendDeleteOp(nil, "ns", "a"), "ns", "n2"))
	f.Add([]byte{opResetAll, opNamespace, 1, 'x', opReset, 1, 'x', opDropNS, 1, 'x'})
	f.Fuzz(func(t *testing.T, b []byte) {
		y := newIndex(x.Spec)
		_ = y.apply(b)
	})
}
