package vector

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/updraftdb/updraft/vector/filter"
	"github.com/updraftdb/updraft/vector/fusion"
	"github.com/updraftdb/updraft/vector/sparse"
)

// Requests are decoded with encoding/json: a request is parsed once, far
// from any per-vector loop, and the standard decoder already reads
// "vector" straight into []float32 with float32 rounding and refuses
// out-of-range numbers. The fields whose type varies (ids and cursors are
// strings or numbers, a body is one object or an array) arrive as
// json.RawMessage and are read by the small functions below.

// sparseJSON is the API's sparse vector.
type sparseJSON struct {
	Indices []int32   `json:"indices"`
	Values  []float32 `json:"values"`
}

// recordJSON is one record of upsert and upsert-data.
type recordJSON struct {
	ID           json.RawMessage `json:"id"`
	Vector       []float32       `json:"vector"`
	SparseVector *sparseJSON     `json:"sparseVector"`
	Metadata     json.RawMessage `json:"metadata"`
	Data         *string         `json:"data"`
}

// queryJSON is one query of query, query-data and resumable-query.
type queryJSON struct {
	TopK              *int        `json:"topK"`
	Vector            []float32   `json:"vector"`
	SparseVector      *sparseJSON `json:"sparseVector"`
	Data              *string     `json:"data"`
	Filter            string      `json:"filter"`
	IncludeVectors    bool        `json:"includeVectors"`
	IncludeMetadata   bool        `json:"includeMetadata"`
	IncludeData       bool        `json:"includeData"`
	WeightingStrategy string      `json:"weightingStrategy"`
	FusionAlgorithm   string      `json:"fusionAlgorithm"`
	QueryMode         string      `json:"queryMode"`
	MaxIdle           *float64    `json:"maxIdle"`
}

// updateJSON is the body of update.
type updateJSON struct {
	ID                 json.RawMessage `json:"id"`
	Vector             []float32       `json:"vector"`
	SparseVector       *sparseJSON     `json:"sparseVector"`
	Data               *string         `json:"data"`
	Metadata           json.RawMessage `json:"metadata"`
	MetadataUpdateMode string          `json:"metadataUpdateMode"`
}

// fetchJSON is the body of fetch.
type fetchJSON struct {
	IDs             []json.RawMessage `json:"ids"`
	Prefix          *string           `json:"prefix"`
	IncludeVectors  bool              `json:"includeVectors"`
	IncludeMetadata bool              `json:"includeMetadata"`
	IncludeData     bool              `json:"includeData"`
}

// deleteJSON is the object body of delete.
type deleteJSON struct {
	IDs    []json.RawMessage `json:"ids"`
	Prefix *string           `json:"prefix"`
	Filter *string           `json:"filter"`
}

// rangeJSON is the body of range.
type rangeJSON struct {
	Cursor          json.RawMessage `json:"cursor"`
	Limit           *int            `json:"limit"`
	Prefix          string          `json:"prefix"`
	IncludeVectors  bool            `json:"includeVectors"`
	IncludeMetadata bool            `json:"includeMetadata"`
	IncludeData     bool            `json:"includeData"`
}

// createJSON is the body of the create-index admin endpoint.
type createJSON struct {
	Dimension          int    `json:"dimension"`
	SimilarityFunction string `json:"similarityFunction"`
	IndexType          string `json:"indexType"`
	ExistsOK           bool   `json:"existsOk"`
}

// isArray reports whether a JSON body is an array.
func isArray(body []byte) bool {
	b := bytes.TrimLeft(body, " \t\r\n")
	return len(b) > 0 && b[0] == '['
}

// emptyBody reports whether a body carries nothing (no body, or the SDK's
// "[]" for parameterless calls).
func emptyBody(body []byte) bool {
	b := bytes.TrimSpace(body)
	return len(b) == 0 || string(b) == "[]" || string(b) == "{}"
}

// decode unmarshals body into v with a 400 for bad JSON.
func decode(body []byte, v any) *Error {
	if len(body) > MaxBodyBytes {
		return badRequest("Request body is too large.")
	}
	if err := json.Unmarshal(body, v); err != nil {
		return badRequest("Invalid request body: " + err.Error())
	}
	return nil
}

// decodeOneOrMany reads a body that is one T or an array of T.
func decodeOneOrMany[T any](body []byte) ([]T, bool, *Error) {
	if isArray(body) {
		var items []T
		if err := decode(body, &items); err != nil {
			return nil, true, err
		}
		return items, true, nil
	}
	var one T
	if err := decode(body, &one); err != nil {
		return nil, false, err
	}
	return []T{one}, false, nil
}

// parseID reads an id: a string, or a number kept as its JSON text.
func parseID(raw json.RawMessage) (string, *Error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", badRequest("Record id is required.")
	}
	switch c := raw[0]; {
	case c == '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", badRequest("Invalid record id.")
		}
		return s, nil
	case c == '-' || c >= '0' && c <= '9':
		return string(raw), nil
	}
	return "", badRequest("Record id must be a string or a number.")
}

func parseIDs(raws []json.RawMessage) ([]string, *Error) {
	ids := make([]string, len(raws))
	for i, r := range raws {
		id, err := parseID(r)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return ids, nil
}

// parseMetadata encodes a metadata object (nil for absent or null).
func parseMetadata(raw json.RawMessage) (filter.Doc, *Error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] != '{' {
		return nil, badRequest("Metadata must be a JSON object.")
	}
	if len(raw) > MaxMetadataBytes {
		return nil, badRequest("Metadata is larger than 48 KB.")
	}
	d, err := filter.Encode(raw)
	if err != nil {
		return nil, badRequest("Invalid metadata: " + err.Error())
	}
	return d, nil
}

// parseSparse converts the API's sparse vector.
func parseSparse(sj *sparseJSON) (sparse.Vector, *Error) {
	v, err := sparse.FromInt32(sparse.Vector{}, sj.Indices, sj.Values)
	if err != nil {
		return v, badRequest("Invalid sparse vector: " + err.Error())
	}
	return v, nil
}

// toRecord converts one decoded record (vectors not yet checked against
// the index: Index.validate does that).
func (rj *recordJSON) toRecord() (Record, *Error) {
	var r Record
	id, err := parseID(rj.ID)
	if err != nil {
		return r, err
	}
	r.ID = id
	r.Vector = rj.Vector
	if rj.SparseVector != nil {
		if r.Sparse, err = parseSparse(rj.SparseVector); err != nil {
			return r, err
		}
		r.HasSparse = true
	}
	if r.Metadata, err = parseMetadata(rj.Metadata); err != nil {
		return r, err
	}
	if rj.Data != nil {
		r.Data, r.HasData = *rj.Data, true
	}
	return r, nil
}

// toQuery converts one decoded query (the data, if any, is embedded by the
// caller).
func (qj *queryJSON) toQuery() (Query, *Error) {
	q := Query{TopK: 10, Vector: qj.Vector,
		IncludeVectors: qj.IncludeVectors, IncludeMetadata: qj.IncludeMetadata, IncludeData: qj.IncludeData}
	if qj.TopK != nil {
		q.TopK = *qj.TopK
	}
	if qj.SparseVector != nil {
		v, err := parseSparse(qj.SparseVector)
		if err != nil {
			return q, err
		}
		q.Sparse, q.HasSparse = v, true
	}
	if qj.Filter != "" {
		f, err := filter.Parse(qj.Filter)
		if err != nil && err != filter.ErrEmpty {
			return q, badRequest(err.Error())
		}
		q.Filter = f
	}
	var err error
	if q.Weighting, err = sparse.ParseWeighting(qj.WeightingStrategy); err != nil {
		return q, badRequest(err.Error())
	}
	if q.Fusion, err = fusion.ParseAlgorithm(qj.FusionAlgorithm); err != nil {
		return q, badRequest(err.Error())
	}
	if q.Mode, err = fusion.ParseMode(qj.QueryMode); err != nil {
		return q, badRequest(err.Error())
	}
	return q, nil
}

// parseCursor reads range's cursor: 0, "0" or "" start; otherwise a
// non-negative offset, as a number or a string.
func parseCursor(raw json.RawMessage) (int, *Error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` {
		return 0, nil
	}
	s := string(raw)
	if raw[0] == '"' {
		if json.Unmarshal(raw, &s) != nil {
			return 0, badRequest("Invalid cursor.")
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, badRequest("Invalid cursor.")
	}
	return n, nil
}
