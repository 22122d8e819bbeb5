package fusion

import (
	"errors"
	"math"
	"slices"
)

// Tunables with their reasons.
const (
	// RRFK is the constant K in 1 / (rank + K). Upstash's docs: "K is a
	// constant set to 60" (the value of Cormack et al., SIGIR 2009).
	RRFK = 60

	// RRFFirstRank is the rank given to the first result of a list. The
	// RRF paper ranks from 1, so the best result of a list scores
	// 1/61; Upstash's docs only say "the position of the result"
	// (unconfirmed), so this is the one place to change it.
	RRFFirstRank = 1

	// DBSFSigmas is the number of standard deviations either side of the
	// mean that DBSF maps onto [0, 1] (Upstash: μ ± 3σ).
	DBSFSigmas = 3

	// DBSFFlat is the normalized score of every result of a list whose
	// scores have no spread (one result, or all equal): the formula is 0/0
	// there, and the limit for a score at the mean is the middle, 0.5.
	DBSFFlat = 0.5
)

// Hit is a record id and a score, higher is better.
type Hit struct {
	ID    uint32
	Score float64
}

// Algorithm is a fusion algorithm.
type Algorithm uint8

const (
	// RRF is Reciprocal Rank Fusion, Upstash's default.
	RRF Algorithm = iota
	// DBSF is Distribution-Based Score Fusion.
	DBSF
)

// Mode is a hybrid index's queryMode.
type Mode uint8

const (
	// Hybrid queries both parts and fuses them (the default).
	Hybrid Mode = iota
	// Dense queries only the dense part.
	Dense
	// Sparse queries only the sparse part.
	Sparse
)

// Errors for unknown field values; the messages name the accepted values.
var (
	ErrAlgorithm = errors.New(`fusionAlgorithm must be "RRF" or "DBSF"`)
	ErrMode      = errors.New(`queryMode must be "HYBRID", "DENSE" or "SPARSE"`)
)

// ParseAlgorithm maps fusionAlgorithm ("" means the default, RRF).
func ParseAlgorithm(s string) (Algorithm, error) {
	switch s {
	case "", "RRF":
		return RRF, nil
	case "DBSF":
		return DBSF, nil
	}
	return RRF, ErrAlgorithm
}

// ParseMode maps queryMode ("" means the default, HYBRID).
func ParseMode(s string) (Mode, error) {
	switch s {
	case "", "HYBRID":
		return Hybrid, nil
	case "DENSE":
		return Dense, nil
	case "SPARSE":
		return Sparse, nil
	}
	return Hybrid, ErrMode
}

// Fuse fuses the dense and sparse lists with alg; see RRFFuse and
// DBSFFuse.
func Fuse(alg Algorithm, dense, sparse []Hit, k int, dst []Hit) []Hit {
	if alg == DBSF {
		return DBSFFuse(dense, sparse, k, dst)
	}
	return RRFFuse(dense, sparse, k, dst)
}

// RRFFuse appends to dst the k best records of the two lists (each ordered
// best first, each id at most once per list) under Reciprocal Rank Fusion:
// a record scores 1/(rank+RRFK) in each list it appears in, summed; the
// input scores are ignored. Results are ordered by fused score, ties by
// smaller id.
func RRFFuse(dense, sparse []Hit, k int, dst []Hit) []Hit {
	start := len(dst)
	for i, h := range dense {
		dst = append(dst, Hit{ID: h.ID, Score: 1 / float64(i+RRFFirstRank+RRFK)})
	}
	for i, h := range sparse {
		dst = append(dst, Hit{ID: h.ID, Score: 1 / float64(i+RRFFirstRank+RRFK)})
	}
	return merge(dst, start, k)
}

// DBSFFuse appends to dst the k best records of the two lists under
// Distribution-Based Score Fusion: each list's scores are mapped by
// (s - (μ - 3σ)) / ((μ + 3σ) - (μ - 3σ)) with μ and σ the mean and
// (population) standard deviation of that list, then summed per record.
// Scores beyond μ ± 3σ are not clamped, as in Upstash's formula. A list
// with no spread maps to DBSFFlat.
func DBSFFuse(dense, sparse []Hit, k int, dst []Hit) []Hit {
	start := len(dst)
	dst = appendDBSF(dst, dense)
	dst = appendDBSF(dst, sparse)
	return merge(dst, start, k)
}

func appendDBSF(dst []Hit, list []Hit) []Hit {
	if len(list) == 0 {
		return dst
	}
	var sum float64
	for _, h := range list {
		sum += h.Score
	}
	mean := sum / float64(len(list))
	var ss float64
	for _, h := range list {
		d := h.Score - mean
		ss += d * d
	}
	sigma := math.Sqrt(ss / float64(len(list)))
	lo, hi := mean-DBSFSigmas*sigma, mean+DBSFSigmas*sigma
	for _, h := range list {
		s := DBSFFlat
		if hi > lo {
			s = (h.Score - lo) / (hi - lo)
		}
		dst = append(dst, Hit{ID: h.ID, Score: s})
	}
	return dst
}

// merge sums the scores of equal ids in dst[start:], orders the result by
// score (ties by smaller id) and keeps the first k.
func merge(dst []Hit, start, k int) []Hit {
	part := dst[start:]
	slices.SortFunc(part, func(a, b Hit) int { return cmpUint(a.ID, b.ID) })
	n := 0
	for i, h := range part {
		if i > 0 && h.ID == part[n-1].ID {
			part[n-1].Score += h.Score
			continue
		}
		part[n] = h
		n++
	}
	part = part[:n]
	slices.SortFunc(part, func(a, b Hit) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return cmpUint(a.ID, b.ID)
	})
	return dst[:start+min(n, max(k, 0))]
}

func cmpUint(a, b uint32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
