package vector

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// fakeEmbedder is a deterministic OpenAI-compatible embedding server: the
// vector of a text is [number of 'a's + 1, number of 'b's + 1]. Its first
// request fails with a 503, to exercise retries.
func fakeEmbedder(t *testing.T, calls, inputs *atomic.Int64) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/embeddings" || r.Header.Get("Authorization") != "Bearer k" {
			http.Error(w, "bad request", 400)
			return
		}
		if calls.Add(1) == 1 {
			http.Error(w, "warming up", 503)
			return
		}
		var req struct {
			Model string   `json:"model"`
			Input []string `json:"input"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Model != "m" {
			http.Error(w, "bad body", 400)
			return
		}
		inputs.Add(int64(len(req.Input)))
		var b strings.Builder
		b.WriteString(`{"object":"list","data":[`)
		for i, s := range req.Input {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"object":"embedding","index":%d,"embedding":[%d,%d]}`, i,
				strings.Count(s, "a")+1, strings.Count(s, "b")+1)
		}
		b.WriteString(`]}`)
		w.Write([]byte(b.String()))
	}))
}

func TestEmbeddingProvider(t *testing.T) {
	var calls, inputs atomic.Int64
	srv := fakeEmbedder(t, &calls, &inputs)
	defer srv.Close()
	s := mustOpen(t, Options{Embed: EmbedOptions{URL: srv.URL, Model: "m", Key: "k"},
		Indexes: []Spec{{Name: "d", Dim: 2, Metric: Euclidean}, {Name: "h", Dim: 2, Kind: Hybrid}}})
	var recs []string
	for i := range 40 { // more than EmbedBatch: two requests
		recs = append(recs, fmt.Sprintf(`{"id":"r%d","data":"%s"}`, i, strings.Repeat("a", i)))
	}
	if st, out := serve(t, s, "POST", "d/upsert-data", "["+strings.Join(recs, ",")+"]"); st != 200 {
		t.Fatalf("upsert-data: %d %s", st, out)
	}
	if inputs.Load() != 40 || calls.Load() != 3 {
		t.Fatalf("embedded %d inputs in %d calls, want 40 in 3 (one retried)", inputs.Load(), calls.Load())
	}
	if _, out := serve(t, s, "POST", "d/fetch", `{"ids":["r3"],"includeVectors":true,"includeData":true}`); out != `{"result":[{"id":"r3","vector":[4,1],"data":"aaa"}]}` {
		t.Fatalf("fetch: %s", out)
	}
	if _, out := serve(t, s, "POST", "d/query-data", `{"data":"aaaaa","topK":1}`); out != `{"result":[{"id":"r5","score":1}]}` {
		t.Fatalf("query-data: %s", out)
	}
	if _, out := serve(t, s, "POST", "d/update", `{"id":"r5","data":"bb"}`); out != `{"result":{"updated":1}}` {
		t.Fatalf("update: %s", out)
	}
	if _, out := serve(t, s, "POST", "d/fetch", `{"ids":["r5"],"includeVectors":true}`); out != `{"result":[{"id":"r5","vector":[1,3]}]}` {
		t.Fatalf("re-embedded: %s", out)
	}
	// Hybrid: dense from the provider, sparse from BM25.
	serve(t, s, "POST", "h/upsert-data", `[{"id":"x","data":"alpha beta"},{"id":"y","data":"gamma delta"}]`)
	if _, out := serve(t, s, "POST", "h/query-data", `{"data":"gamma","topK":1,"queryMode":"SPARSE"}`); !strings.HasPrefix(out, `{"result":[{"id":"y"`) {
		t.Fatalf("hybrid query-data: %s", out)
	}
	if _, out := serve(t, s, "POST", "d/info", `[]`); !strings.Contains(out, `"embeddingModel":"m"`) {
		t.Fatalf("info: %s", out)
	}
	// A provider that fails for good gives a clear error.
	srv.Close()
	if st, out := serve(t, s, "POST", "d/query-data", `{"data":"a","topK":1}`); st != 502 || !strings.Contains(out, "Embedding failed") {
		t.Fatalf("dead provider: %d %s", st, out)
	}
}
