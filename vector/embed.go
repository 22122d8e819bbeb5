package vector

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// EmbedOptions configure the embedding provider that turns data into
// dense vectors: any server speaking the OpenAI-compatible
// POST /v1/embeddings API (OpenAI, Ollama, text-embeddings-inference,
// vLLM...).
type EmbedOptions struct {
	// URL is the server's base URL (".../v1" or the full ".../embeddings"
	// URL are accepted too). Empty: no embedding; data on dense indexes is
	// refused with Upstash's error.
	URL string
	// Model is sent as "model".
	Model string
	// Key, when set, is sent as "Authorization: Bearer <key>".
	Key string
}

// embedder calls the embedding provider, in batches, with retries.
type embedder struct {
	url    string
	model  string
	key    string
	client *http.Client
}

func newEmbedder(o EmbedOptions) *embedder {
	if o.URL == "" {
		return nil
	}
	u := strings.TrimRight(o.URL, "/")
	switch {
	case strings.HasSuffix(u, "/embeddings"):
	case strings.HasSuffix(u, "/v1"):
		u += "/embeddings"
	default:
		u += "/v1/embeddings"
	}
	return &embedder{url: u, model: o.Model, key: o.Key, client: &http.Client{Timeout: EmbedTimeout}}
}

// errEmbed wraps failures of the provider (reported as 502 to clients).
var errEmbed = errors.New("embedding provider")

// embed returns one vector per text, in order.
func (e *embedder) embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, 0, len(texts))
	for start := 0; start < len(texts); start += EmbedBatch {
		batch := texts[start:min(start+EmbedBatch, len(texts))]
		var vecs [][]float32
		var err error
		backoff := EmbedBackoff
		for try := 0; ; try++ {
			var retry bool
			vecs, retry, err = e.call(ctx, batch)
			if err == nil || !retry || try == EmbedRetries {
				break
			}
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(backoff):
			}
			backoff *= 2
		}
		if err != nil {
			return nil, err
		}
		out = append(out, vecs...)
	}
	return out, nil
}

// call sends one request; retry says whether the failure is transient
// (network error, 429 or 5xx).
func (e *embedder) call(ctx context.Context, texts []string) ([][]float32, bool, error) {
	body, _ := json.Marshal(struct {
		Model string   `json:"model,omitempty"`
		Input []string `json:"input"`
	}{e.model, texts})
	req, err := http.NewRequestWithContext(ctx, "POST", e.url, bytes.NewReader(body))
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("Content-Type", "application/json")
	if e.key != "" {
		req.Header.Set("Authorization", "Bearer "+e.key)
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return nil, true, errors.Join(errEmbed, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, MaxBodyBytes))
	if err != nil {
		return nil, true, errors.Join(errEmbed, err)
	}
	if resp.StatusCode != 200 {
		retry := resp.StatusCode == 429 || resp.StatusCode >= 500
		return nil, retry, errors.Join(errEmbed, errors.New("HTTP "+strconv.Itoa(resp.StatusCode)+": "+trimBody(b)))
	}
	var res struct {
		Data []struct {
			Embedding []float32 `json:"embedding"`
			Index     int       `json:"index"`
		} `json:"data"`
	}
	if err := json.Unmarshal(b, &res); err != nil {
		return nil, false, errors.Join(errEmbed, err)
	}
	if len(res.Data) != len(texts) {
		return nil, false, errors.Join(errEmbed, errors.New("answered "+strconv.Itoa(len(res.Data))+" embeddings for "+strconv.Itoa(len(texts))+" inputs"))
	}
	out := make([][]float32, len(texts))
	for i, d := range res.Data {
		at := d.Index
		if at < 0 || at >= len(out) || out[at] != nil {
			at = i
		}
		out[at] = d.Embedding
	}
	for _, v := range out {
		if v == nil {
			return nil, false, errors.Join(errEmbed, errors.New("missing embedding"))
		}
	}
	return out, false, nil
}

func trimBody(b []byte) string {
	if len(b) > 200 {
		b = b[:200]
	}
	return string(b)
}
