package sparse

import "slices"

// BM25 holds BM25's constants. DefaultBM25 gives Upstash's.
type BM25 struct {
	K1        float64 // term-frequency saturation
	B         float64 // length normalization
	AvgDocLen float64 // average document length, in kept tokens
}

// DefaultBM25 returns k1 1.2, b 0.75 and a fixed average length of 32, the
// constants of Upstash's hosted BM25 (see defaults.go).
func DefaultBM25() BM25 { return BM25{K1: BM25K1, B: BM25B, AvgDocLen: BM25AvgDocLen} }

// Weight is the BM25 document weight of a term seen f times in a
// document of docLen kept tokens:
//
//	f * (k1 + 1) / (f + k1 * (1 - b + b * docLen / avgDocLen))
//
// IDF is not part of it: it is applied at query time (WeightIDF), from
// document frequencies that the index keeps current, as Upstash does.
func (p BM25) Weight(f, docLen int) float32 {
	ff := float64(f)
	return float32(ff * (p.K1 + 1) / (ff + p.K1*(1-p.B+p.B*float64(docLen)/p.AvgDocLen)))
}

// Encoder turns text into BM25 sparse vectors, reusing its buffers; one
// Encoder must not be used by two goroutines at once.
type Encoder struct {
	Params BM25
	tok    Tokenizer
	terms  []uint32
	top    []termWeight
}

type termWeight struct {
	term uint32
	w    float32
}

// NewEncoder returns an Encoder with DefaultBM25.
func NewEncoder() *Encoder { return &Encoder{Params: DefaultBM25()} }

// Document writes into dst (reusing its storage) the BM25 vector of a
// document's text, sorted by index, and returns it with the document's
// length in kept tokens (for callers that keep length statistics). A
// document with more than MaxNonZero distinct terms keeps the MaxNonZero
// heaviest (the most frequent; ties by smaller term id), so it stays
// storable.
func (e *Encoder) Document(dst Vector, text string) (Vector, int) {
	e.terms = e.tok.AppendTerms(e.terms[:0], text)
	docLen := len(e.terms)
	slices.Sort(e.terms)
	dst.Indices, dst.Values = dst.Indices[:0], dst.Values[:0]
	for i := 0; i < len(e.terms); {
		j := i + 1
		for j < len(e.terms) && e.terms[j] == e.terms[i] {
			j++
		}
		dst.Indices = append(dst.Indices, e.terms[i])
		dst.Values = append(dst.Values, e.Params.Weight(j-i, docLen))
		i = j
	}
	if dst.Len() > MaxNonZero {
		dst = e.keepHeaviest(dst)
	}
	return dst, docLen
}

func (e *Encoder) keepHeaviest(v Vector) Vector {
	e.top = e.top[:0]
	for i, t := range v.Indices {
		e.top = append(e.top, termWeight{t, v.Values[i]})
	}
	slices.SortFunc(e.top, func(a, b termWeight) int {
		switch {
		case a.w > b.w:
			return -1
		case a.w < b.w:
			return 1
		case a.term < b.term:
			return -1
		case a.term > b.term:
			return 1
		}
		return 0
	})
	e.top = e.top[:MaxNonZero]
	slices.SortFunc(e.top, func(a, b termWeight) int { return int(int64(a.term) - int64(b.term)) })
	v.Indices, v.Values = v.Indices[:0], v.Values[:0]
	for _, tw := range e.top {
		v.Indices = append(v.Indices, tw.term)
		v.Values = append(v.Values, tw.w)
	}
	return v
}

// Query writes into dst the query vector of text: every distinct kept
// term with value 1, sorted by index (capped at MaxNonZero terms), so the
// inner product with a document sums the document's BM25 weights of the
// query's terms; with WeightIDF each is multiplied by its IDF, giving the
// full BM25 score.
func (e *Encoder) Query(dst Vector, text string) Vector {
	e.terms = e.tok.AppendTerms(e.terms[:0], text)
	slices.Sort(e.terms)
	e.terms = slices.Compact(e.terms)
	if len(e.terms) > MaxNonZero {
		e.terms = e.terms[:MaxNonZero]
	}
	dst.Indices = append(dst.Indices[:0], e.terms...)
	dst.Values = dst.Values[:0]
	for range e.terms {
		dst.Values = append(dst.Values, 1)
	}
	return dst
}
