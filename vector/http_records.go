package vector

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"sort"
	"strconv"

	"github.com/updraftdb/updraft/vector/filter"
)

// Record and namespace endpoints: fetch, delete, range, reset, info,
// namespaces, random, and the admin endpoints create-index / drop-index.

func hFetch(c *call, out []byte) ([]byte, later, *Error) {
	var fj fetchJSON
	if !emptyBody(c.body) {
		if err := decode(c.body, &fj); err != nil {
			return nil, nil, err
		}
	}
	if (fj.IDs != nil) == (fj.Prefix != nil) {
		return nil, nil, errFetchExclusive
	}
	ids, err := parseIDs(fj.IDs)
	if err != nil {
		return nil, nil, err
	}
	inc := include{fj.IncludeVectors, fj.IncludeMetadata, fj.IncludeData}
	x := c.x
	x.mu.RLock()
	defer x.mu.RUnlock()
	ns := x.ns[c.ns]
	out = append(out, '[')
	if fj.Prefix != nil {
		if ns != nil {
			for i, id := range ns.prefixRange(*fj.Prefix) {
				if i == MaxFetchPrefix {
					break
				}
				if i > 0 {
					out = append(out, ',')
				}
				out = appendRecord(out, ns, ns.ids[id], 0, false, inc)
			}
		}
		return append(out, "]}"...), nil, nil
	}
	for i, id := range ids {
		if i > 0 {
			out = append(out, ',')
		}
		slot, ok := uint32(0), false
		if ns != nil {
			slot, ok = ns.lookup(id)
		}
		if !ok {
			out = append(out, "null"...)
			continue
		}
		out = appendRecord(out, ns, slot, 0, false, inc)
	}
	return append(out, "]}"...), nil, nil
}

func hDelete(c *call, out []byte) ([]byte, later, *Error) {
	var dj deleteJSON
	if isArray(c.body) {
		if err := decode(c.body, &dj.IDs); err != nil {
			return nil, nil, err
		}
		if dj.IDs == nil {
			dj.IDs = []json.RawMessage{}
		}
	} else if err := decode(c.body, &dj); err != nil {
		return nil, nil, err
	}
	given := 0
	for _, p := range []bool{dj.IDs != nil, dj.Prefix != nil, dj.Filter != nil} {
		if p {
			given++
		}
	}
	if given != 1 {
		return nil, nil, errDeleteExclusive
	}
	var n int
	var seq uint64
	switch {
	case dj.IDs != nil:
		ids, err := parseIDs(dj.IDs)
		if err != nil {
			return nil, nil, err
		}
		n, seq = c.x.Delete(c.ns, ids)
	case dj.Prefix != nil:
		if *dj.Prefix == "" {
			return nil, nil, badRequest("prefix must not be empty.")
		}
		n, seq = c.x.DeletePrefix(c.ns, *dj.Prefix)
	default:
		f, err := filter.Parse(*dj.Filter)
		if err != nil {
			return nil, nil, badRequest(err.Error())
		}
		n, seq = c.x.DeleteFilter(c.ns, f)
	}
	out = append(out, `{"deleted":`...)
	out = strconv.AppendInt(out, int64(n), 10)
	return c.afterWrite(seq, append(out, "}}"...))
}

func hRange(c *call, out []byte) ([]byte, later, *Error) {
	var rj rangeJSON
	if err := decode(c.body, &rj); err != nil {
		return nil, nil, err
	}
	if rj.Limit == nil || *rj.Limit < 1 {
		return nil, nil, badRequest("limit must be a positive number.")
	}
	start, err := parseCursor(rj.Cursor)
	if err != nil {
		return nil, nil, err
	}
	limit := min(*rj.Limit, MaxFetchPrefix)
	inc := include{rj.IncludeVectors, rj.IncludeMetadata, rj.IncludeData}
	x := c.x
	x.mu.RLock()
	defer x.mu.RUnlock()
	var ids []string
	ns := x.ns[c.ns]
	if ns != nil {
		ids = ns.prefixRange(rj.Prefix)
	}
	start = min(start, len(ids))
	end := min(start+limit, len(ids))
	out = append(out, `{"nextCursor":`...)
	if end < len(ids) {
		out = appendString(out, strconv.Itoa(end))
	} else {
		out = append(out, `""`...)
	}
	out = append(out, `,"vectors":[`...)
	for i, id := range ids[start:end] {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendRecord(out, ns, ns.ids[id], 0, false, inc)
	}
	return append(out, "]}}"...), nil, nil
}

func hReset(c *call, out []byte) ([]byte, later, *Error) {
	var seq uint64
	if q := c.rawQuery; bytes.Equal(q, []byte("all")) || bytes.HasPrefix(q, []byte("all=")) || bytes.Contains(q, []byte("&all")) {
		seq = c.x.ResetAll()
	} else {
		seq = c.x.Reset(c.ns)
	}
	return c.afterWrite(seq, success(out))
}

func hInfo(c *call, out []byte) ([]byte, later, *Error) {
	x := c.x
	x.mu.RLock()
	defer x.mu.RUnlock()
	total, size := 0, int64(0)
	for _, ns := range x.ns {
		total += ns.count()
		size += ns.bytes()
	}
	out = append(out, `{"vectorCount":`...)
	out = strconv.AppendInt(out, int64(total), 10)
	out = append(out, `,"pendingVectorCount":0,"indexSize":`...)
	out = strconv.AppendInt(out, size, 10)
	out = append(out, `,"dimension":`...)
	out = strconv.AppendInt(out, int64(x.Dim), 10)
	out = append(out, `,"similarityFunction":"`...)
	out = append(out, x.Metric.String()...)
	out = append(out, `","indexType":"`...)
	out = append(out, x.Kind.String()...)
	out = append(out, '"')
	if x.Kind.hasDense() {
		out = append(out, `,"denseIndex":{"dimension":`...)
		out = strconv.AppendInt(out, int64(x.Dim), 10)
		out = append(out, `,"similarityFunction":"`...)
		out = append(out, x.Metric.String()...)
		out = append(out, '"')
		if e := c.s.embed; e != nil && e.model != "" {
			out = append(out, `,"embeddingModel":`...)
			out = appendString(out, e.model)
		}
		out = append(out, '}')
	}
	if x.Kind.hasSparse() {
		out = append(out, `,"sparseIndex":{"embeddingModel":"BM25"}`...)
	}
	out = append(out, `,"namespaces":{`...)
	first := true
	for _, name := range sortedKeys(x.ns) {
		if !first {
			out = append(out, ',')
		}
		first = false
		out = appendString(out, name)
		out = append(out, `:{"vectorCount":`...)
		out = strconv.AppendInt(out, int64(x.ns[name].count()), 10)
		out = append(out, `,"pendingVectorCount":0}`...)
	}
	return append(out, "}}}"...), nil, nil
}

func hListNamespaces(c *call, out []byte) ([]byte, later, *Error) {
	out = append(out, '[')
	for i, n := range c.x.Namespaces() {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendString(out, n)
	}
	return append(out, "]}"...), nil, nil
}

func hDeleteNamespace(c *call, out []byte) ([]byte, later, *Error) {
	seq, err := c.x.DeleteNamespace(c.ns)
	if err != nil {
		return nil, nil, asAPI(err)
	}
	return c.afterWrite(seq, success(out))
}

func hRenameNamespace(c *call, out []byte) ([]byte, later, *Error) {
	var rj struct {
		Namespace      *string `json:"namespace"`
		NewNamespace   *string `json:"newNamespace"`
		DeleteExisting bool    `json:"deleteExisting"`
	}
	if err := decode(c.body, &rj); err != nil {
		return nil, nil, err
	}
	if rj.Namespace == nil || rj.NewNamespace == nil || !validNamespace(*rj.NewNamespace) {
		return nil, nil, badRequest("namespace and newNamespace are required.")
	}
	seq, err := c.x.RenameNamespace(*rj.Namespace, *rj.NewNamespace, rj.DeleteExisting)
	if err != nil {
		return nil, nil, asAPI(err)
	}
	return c.afterWrite(seq, append(out, `{"renamed":true}}`...))
}

func hRandom(c *call, out []byte) ([]byte, later, *Error) {
	x := c.x
	x.mu.RLock()
	defer x.mu.RUnlock()
	ns := x.ns[c.ns]
	if ns == nil || ns.count() == 0 {
		return append(out, "null}"...), nil, nil
	}
	for {
		slot := uint32(rand.IntN(len(ns.recs)))
		if ns.recs[slot].live {
			out = appendRecord(out, ns, slot, 0, false, include{true, true, true})
			return append(out, '}'), nil, nil
		}
	}
}

func hCreateIndex(c *call, out []byte) ([]byte, later, *Error) {
	var cj createJSON
	if err := decode(c.body, &cj); err != nil {
		return nil, nil, err
	}
	sp := Spec{Name: c.name, Dim: cj.Dimension}
	var ok bool
	if sp.Metric, ok = ParseMetric(orDefault(cj.SimilarityFunction, "COSINE")); !ok {
		return nil, nil, badRequest(`similarityFunction must be "COSINE", "EUCLIDEAN" or "DOT_PRODUCT".`)
	}
	if sp.Kind, ok = ParseKind(orDefault(cj.IndexType, "DENSE")); !ok {
		return nil, nil, badRequest(`indexType must be "DENSE", "SPARSE" or "HYBRID".`)
	}
	if _, err := c.s.Create(sp, cj.ExistsOK); err != nil {
		if err == ErrIndexExists {
			return nil, nil, badRequest("Index " + c.name + " already exists.")
		}
		return nil, nil, asAPI(err)
	}
	return success(out), nil, nil
}

func hDropIndex(c *call, out []byte) ([]byte, later, *Error) {
	if err := c.s.Drop(c.name); err != nil {
		return nil, nil, asAPI(err)
	}
	return success(out), nil, nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func sortedKeys(m map[string]*namespace) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
