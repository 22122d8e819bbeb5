package vector

import (
	"bytes"
	"context"
	"net/url"
	"time"
)

// The HTTP API: /vector/<index>/<endpoint>[/<namespace>], every endpoint
// of Upstash Vector (../shared/specs/vector.md) plus two admin endpoints,
// create-index and drop-index. Handlers parse the body, run the operation
// under the index's lock and append {"result": ...} to the connection's
// buffer. Work that must wait (a write until the log holds it, an
// embedding call) returns a later function, run on its own goroutine and
// answered through the connection's done callback, so the event loop never
// blocks.

// call is one HTTP request to the service.
type call struct {
	s        *Service
	x        *Index // nil for create-index
	name     string
	ns       string
	method   string
	rawQuery []byte
	body     []byte
	readOnly bool
}

// later is the part of a request that runs off the event loop; it returns
// the whole reply body.
type later func() ([]byte, *Error)

type handler func(c *call, out []byte) ([]byte, later, *Error)

// endpoint describes one endpoint: its handler, whether it writes, and
// which method besides POST it accepts ("" none).
type endpoint struct {
	h      handler
	write  bool
	method string
}

var endpoints map[string]endpoint

func init() {
	endpoints = map[string]endpoint{
		"upsert":               {hUpsert, true, ""},
		"upsert-data":          {hUpsertData, true, ""},
		"update":               {hUpdate, true, ""},
		"query":                {hQuery, false, ""},
		"query-data":           {hQueryData, false, ""},
		"resumable-query":      {hResumable, false, ""},
		"resumable-query-data": {hResumableData, false, ""},
		"resumable-query-next": {hResumeNext, false, ""},
		"resumable-query-end":  {hResumeEnd, false, ""},
		"fetch":                {hFetch, false, "GET"},
		"delete":               {hDelete, true, "DELETE"},
		"range":                {hRange, false, "GET"},
		"reset":                {hReset, true, "DELETE"},
		"info":                 {hInfo, false, "GET"},
		"list-namespaces":      {hListNamespaces, false, "GET"},
		"delete-namespace":     {hDeleteNamespace, true, "DELETE"},
		"random":               {hRandom, false, "GET"},
		"rename-namespace":     {hRenameNamespace, true, ""},
		"create-index":         {hCreateIndex, true, ""},
		"drop-index":           {hDropIndex, true, "DELETE"},
	}
}

// ServeVector implements net/rest's VectorAPI.
func (s *Service) ServeVector(method, path, query, body []byte, readOnly bool, out []byte,
	done func(status int, body []byte)) (int, []byte, bool) {
	res, lt, err := s.serve(method, path, query, body, readOnly, out)
	if lt != nil {
		go func() {
			b, err := lt()
			if err != nil {
				done(err.Status, appendError(nil, err))
				return
			}
			done(200, b)
		}()
		return 0, nil, false
	}
	if err != nil {
		return err.Status, appendError(out[:0], err), true
	}
	return 200, res, true
}

func (s *Service) serve(method, path, query, body []byte, readOnly bool, out []byte) ([]byte, later, *Error) {
	name, rest, _ := bytes.Cut(path, []byte{'/'})
	ep, nsRaw, _ := bytes.Cut(rest, []byte{'/'})
	e, ok := endpoints[string(ep)]
	if !ok {
		return nil, nil, errNotFound
	}
	m := string(method)
	if m != "POST" && (e.method == "" || m != e.method) {
		return nil, nil, errMethod
	}
	if e.write && readOnly {
		return nil, nil, errReadOnly
	}
	ns, err := url.PathUnescape(string(nsRaw))
	if err != nil || !validNamespace(ns) {
		return nil, nil, badRequest("Invalid namespace.")
	}
	c := &call{s: s, name: string(name), ns: ns, method: m, rawQuery: query, body: body, readOnly: readOnly}
	if string(ep) != "create-index" && string(ep) != "resumable-query-next" && string(ep) != "resumable-query-end" {
		if c.x = s.Index(c.name); c.x == nil {
			return nil, nil, errf(404, "Index "+c.name+" does not exist.")
		}
	}
	return e.h(c, appendResultOpen(out[:0]))
}

// success ends a reply whose result is "Success".
func success(out []byte) []byte { return append(out, `"Success"}`...) }

// afterWrite answers body once seq is durable: at once when it already
// is, otherwise from a goroutine that waits for the log.
func (c *call) afterWrite(seq uint64, body []byte) ([]byte, later, *Error) {
	if c.x.durable(seq) {
		return body, nil, nil
	}
	owned := append([]byte(nil), body...)
	x := c.x
	return nil, func() ([]byte, *Error) {
		if err := x.waitDurable(seq); err != nil {
			return nil, errf(500, "Write failed: "+err.Error())
		}
		return owned, nil
	}, nil
}

func hUpsert(c *call, out []byte) ([]byte, later, *Error) {
	items, _, err := decodeOneOrMany[recordJSON](c.body)
	if err != nil {
		return nil, nil, err
	}
	if len(items) > MaxBatch {
		return nil, nil, badRequest("Too many records in one request (at most 1000).")
	}
	recs := make([]Record, len(items))
	for i := range items {
		if recs[i], err = items[i].toRecord(); err != nil {
			return nil, nil, err
		}
	}
	seq, e := c.x.Upsert(c.ns, recs)
	if e != nil {
		return nil, nil, asAPI(e)
	}
	return c.afterWrite(seq, success(out))
}

func hUpsertData(c *call, out []byte) ([]byte, later, *Error) {
	items, _, err := decodeOneOrMany[recordJSON](c.body)
	if err != nil {
		return nil, nil, err
	}
	if len(items) > MaxBatch {
		return nil, nil, badRequest("Too many records in one request (at most 1000).")
	}
	if err := c.s.dataAllowed(c.x); err != nil {
		return nil, nil, err
	}
	recs := make([]Record, len(items))
	texts := make([]string, len(items))
	for i := range items {
		if items[i].Data == nil {
			return nil, nil, badRequest("Each record must have data.")
		}
		items[i].Vector, items[i].SparseVector = nil, nil
		if recs[i], err = items[i].toRecord(); err != nil {
			return nil, nil, err
		}
		texts[i] = recs[i].Data
		if c.x.Kind.hasSparse() {
			recs[i].Sparse, recs[i].HasSparse = bm25Document(texts[i]), true
		}
	}
	if !c.x.Kind.hasDense() {
		seq, e := c.x.Upsert(c.ns, recs)
		if e != nil {
			return nil, nil, asAPI(e)
		}
		return c.afterWrite(seq, success(out))
	}
	body := success(append([]byte(nil), out...))
	x, ns, s := c.x, c.ns, c.s
	return nil, func() ([]byte, *Error) {
		vecs, err := s.embedTexts(texts)
		if err != nil {
			return nil, err
		}
		for i := range recs {
			recs[i].Vector = vecs[i]
		}
		seq, e := x.Upsert(ns, recs)
		if e != nil {
			return nil, asAPI(e)
		}
		if err := x.waitDurable(seq); err != nil {
			return nil, errf(500, "Write failed: "+err.Error())
		}
		return body, nil
	}, nil
}

// embedTexts calls the embedding provider with a deadline.
func (s *Service) embedTexts(texts []string) ([][]float32, *Error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*EmbedTimeout)
	defer cancel()
	vecs, err := s.embed.embed(ctx, texts)
	if err != nil {
		return nil, errf(502, "Embedding failed: "+err.Error())
	}
	return vecs, nil
}

// dataAllowed refuses data on an index whose dense part has no embedder.
func (s *Service) dataAllowed(x *Index) *Error {
	if x.Kind.hasDense() && s.embed == nil {
		return errNoEmbedding
	}
	return nil
}

func hUpdate(c *call, out []byte) ([]byte, later, *Error) {
	var uj updateJSON
	if err := decode(c.body, &uj); err != nil {
		return nil, nil, err
	}
	u, err := uj.toUpdate()
	if err != nil {
		return nil, nil, err
	}
	finish := func(u *Update, out []byte) ([]byte, uint64, *Error) {
		n, seq, e := c.x.Update(c.ns, u)
		if e != nil {
			return nil, 0, asAPI(e)
		}
		out = append(out, `{"updated":`...)
		out = append(out, byte('0'+n))
		return append(out, "}}"...), seq, nil
	}
	if u.Data != nil && u.Vector == nil && !u.HasSparse {
		if c.x.Kind.hasSparse() {
			u.Sparse, u.HasSparse = bm25Document(*u.Data), true
		}
		if c.x.Kind.hasDense() && c.s.embed != nil {
			x, s := c.x, c.s
			owned := append([]byte(nil), out...)
			return nil, func() ([]byte, *Error) {
				vecs, err := s.embedTexts([]string{*u.Data})
				if err != nil {
					return nil, err
				}
				u.Vector = vecs[0]
				body, seq, err := finish(&u, owned)
				if err != nil {
					return nil, err
				}
				if err := x.waitDurable(seq); err != nil {
					return nil, errf(500, "Write failed: "+err.Error())
				}
				return body, nil
			}, nil
		}
		if c.x.Kind == Hybrid {
			u.Sparse, u.HasSparse = Record{}.Sparse, false // hybrid needs both parts or neither
		}
	}
	body, seq, e := finish(&u, out)
	if e != nil {
		return nil, nil, e
	}
	return c.afterWrite(seq, body)
}

// durationSeconds converts maxIdle.
func durationSeconds(f *float64) time.Duration {
	if f == nil || *f <= 0 {
		return DefaultMaxIdle
	}
	return time.Duration(*f * float64(time.Second))
}
