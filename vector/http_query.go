package vector

import (
	"time"

	"github.com/updraftdb/updraft/vector/sparse"
)

// Query endpoints: query and query-data (one query or a batch), and the
// resumable queries.

// prepared is a query ready to run, and the data to embed for it, if any.
type prepared struct {
	q    Query
	data *string
}

// prepareQueries decodes a query body; withData is true for the -data
// endpoints, where each query carries data instead of vectors.
func (c *call) prepareQueries(withData bool) ([]prepared, bool, *Error) {
	items, array, err := decodeOneOrMany[queryJSON](c.body)
	if err != nil {
		return nil, false, err
	}
	if len(items) > MaxBatch {
		return nil, false, badRequest("Too many queries in one request (at most 1000).")
	}
	ps := make([]prepared, len(items))
	for i := range items {
		qj := &items[i]
		if qj.Data != nil {
			qj.Vector, qj.SparseVector = nil, nil
		}
		if ps[i].q, err = qj.toQuery(); err != nil {
			return nil, false, err
		}
		if qj.Data != nil {
			ps[i].data = qj.Data
			if c.x.Kind.hasSparse() {
				ps[i].q.Sparse, ps[i].q.HasSparse = bm25Query(*qj.Data), true
				if qj.WeightingStrategy == "" {
					ps[i].q.Weighting = sparse.WeightIDF // BM25 needs IDF
				}
			}
		} else if withData {
			return nil, false, badRequest("Each query must have data.")
		}
	}
	return ps, array, nil
}

// needsEmbedding reports whether some query's dense part comes from data.
func (c *call) needsEmbedding(ps []prepared) (bool, *Error) {
	need := false
	for i := range ps {
		if ps[i].data != nil && c.x.Kind.hasDense() {
			if err := c.s.dataAllowed(c.x); err != nil {
				return false, err
			}
			need = true
		}
	}
	return need, nil
}

// embedQueries fills the dense vectors of data queries.
func (c *call) embedQueries(ps []prepared) *Error {
	var texts []string
	for i := range ps {
		if ps[i].data != nil {
			texts = append(texts, *ps[i].data)
		}
	}
	vecs, err := c.s.embedTexts(texts)
	if err != nil {
		return err
	}
	j := 0
	for i := range ps {
		if ps[i].data != nil {
			ps[i].q.Vector = vecs[j]
			j++
		}
	}
	return nil
}

// runQueries runs prepared queries and appends their results with the
// batch shape rule: one object or a one-element array gives a flat array,
// two or more an array of arrays.
func (c *call) runQueries(ps []prepared, array bool, out []byte) ([]byte, *Error) {
	for i := range ps {
		if err := c.x.checkQuery(&ps[i].q); err != nil {
			return nil, err
		}
	}
	nested := array && len(ps) != 1
	if nested {
		out = append(out, '[')
	}
	x := c.x
	x.mu.RLock()
	defer x.mu.RUnlock()
	ns := x.ns[c.ns]
	var res []scored
	for i := range ps {
		if i > 0 {
			out = append(out, ',')
		}
		q := &ps[i].q
		out = append(out, '[')
		if ns != nil {
			res = x.search(ns, q, q.TopK, res[:0])
			inc := include{q.IncludeVectors, q.IncludeMetadata, q.IncludeData}
			for j, r := range res {
				if j > 0 {
					out = append(out, ',')
				}
				out = appendRecord(out, ns, r.slot, r.score, true, inc)
			}
		}
		out = append(out, ']')
	}
	if nested {
		out = append(out, ']')
	}
	return append(out, '}'), nil
}

func hQuery(c *call, out []byte) ([]byte, later, *Error) { return c.query(out, false) }

func hQueryData(c *call, out []byte) ([]byte, later, *Error) { return c.query(out, true) }

func (c *call) query(out []byte, withData bool) ([]byte, later, *Error) {
	ps, array, err := c.prepareQueries(withData)
	if err != nil {
		return nil, nil, err
	}
	need, err := c.needsEmbedding(ps)
	if err != nil {
		return nil, nil, err
	}
	if !need {
		b, err := c.runQueries(ps, array, out)
		return b, nil, err
	}
	owned := append([]byte(nil), out...)
	return nil, func() ([]byte, *Error) {
		if err := c.embedQueries(ps); err != nil {
			return nil, err
		}
		return c.runQueries(ps, array, owned)
	}, nil
}

func hResumable(c *call, out []byte) ([]byte, later, *Error) { return c.resumable(out, false) }

func hResumableData(c *call, out []byte) ([]byte, later, *Error) { return c.resumable(out, true) }

func (c *call) resumable(out []byte, withData bool) ([]byte, later, *Error) {
	var qj queryJSON
	if err := decode(c.body, &qj); err != nil {
		return nil, nil, err
	}
	ps := []prepared{{}}
	var err *Error
	if qj.Data != nil {
		qj.Vector, qj.SparseVector = nil, nil
	} else if withData {
		return nil, nil, badRequest("The query must have data.")
	}
	if ps[0].q, err = qj.toQuery(); err != nil {
		return nil, nil, err
	}
	if qj.Data != nil {
		ps[0].data = qj.Data
		if c.x.Kind.hasSparse() {
			ps[0].q.Sparse, ps[0].q.HasSparse = bm25Query(*qj.Data), true
			if qj.WeightingStrategy == "" {
				ps[0].q.Weighting = sparse.WeightIDF
			}
		}
	}
	idle := durationSeconds(qj.MaxIdle)
	need, err := c.needsEmbedding(ps)
	if err != nil {
		return nil, nil, err
	}
	if !need {
		b, err := c.startResumable(&ps[0].q, idle, out)
		return b, nil, err
	}
	owned := append([]byte(nil), out...)
	return nil, func() ([]byte, *Error) {
		if err := c.embedQueries(ps); err != nil {
			return nil, err
		}
		return c.startResumable(&ps[0].q, idle, owned)
	}, nil
}

// startResumable ranks the namespace once for q and opens a session.
func (c *call) startResumable(q *Query, idle time.Duration, out []byte) ([]byte, *Error) {
	if err := c.x.checkQuery(q); err != nil {
		return nil, err
	}
	x := c.x
	x.mu.RLock()
	defer x.mu.RUnlock()
	s := &session{x: x, ns: c.ns, incV: q.IncludeVectors, incM: q.IncludeMetadata, incD: q.IncludeData, maxIdle: idle}
	ns := x.ns[c.ns]
	var res []scored
	if ns != nil {
		res = x.search(ns, q, min(max(ns.count(), 1), MaxResumableResults), nil)
	}
	first := min(q.TopK, len(res))
	for _, r := range res[first:] {
		s.ids = append(s.ids, ns.recs[r.slot].id)
		s.scores = append(s.scores, r.score)
	}
	uuid, err := c.s.resume.add(s)
	if err != nil {
		return nil, asAPI(err)
	}
	out = append(out, `{"uuid":`...)
	out = appendString(out, uuid)
	out = append(out, `,"scores":[`...)
	inc := include{q.IncludeVectors, q.IncludeMetadata, q.IncludeData}
	for i, r := range res[:first] {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendRecord(out, ns, r.slot, r.score, true, inc)
	}
	return append(out, "]}}"...), nil
}

func hResumeNext(c *call, out []byte) ([]byte, later, *Error) {
	var req struct {
		UUID        string `json:"uuid"`
		AdditionalK int    `json:"additionalK"`
	}
	if err := decode(c.body, &req); err != nil {
		return nil, nil, err
	}
	if req.AdditionalK < 1 || req.AdditionalK > MaxTopK {
		return nil, nil, badRequest("additionalK must be between 1 and 1000.")
	}
	s, ids, scores, err := c.s.resume.take(req.UUID, req.AdditionalK)
	if err != nil {
		return nil, nil, asAPI(err)
	}
	x := s.x
	x.mu.RLock()
	defer x.mu.RUnlock()
	ns := x.ns[s.ns]
	out = append(out, '[')
	n := 0
	for i, id := range ids {
		if ns == nil {
			break
		}
		slot, ok := ns.lookup(id)
		if !ok {
			continue // deleted since the query started
		}
		if n > 0 {
			out = append(out, ',')
		}
		out = appendRecord(out, ns, slot, scores[i], true, include{s.incV, s.incM, s.incD})
		n++
	}
	return append(out, "]}"...), nil, nil
}

func hResumeEnd(c *call, out []byte) ([]byte, later, *Error) {
	var req struct {
		UUID string `json:"uuid"`
	}
	if err := decode(c.body, &req); err != nil {
		return nil, nil, err
	}
	if err := c.s.resume.end(req.UUID); err != nil {
		return nil, nil, asAPI(err)
	}
	return success(out), nil, nil
}
