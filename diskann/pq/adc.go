package pq

// Metric is the distance a Table computes.
type Metric uint8

const (
	// L2 is the squared Euclidean distance.
	L2 Metric = iota
	// InnerProduct is the negated inner product, so that smaller is
	// closer as with L2. For cosine, normalize the vectors and use either:
	// on unit vectors L2 ranks exactly as cosine, and its ADC estimate
	// does not suffer from the reconstructions' norms varying.
	InnerProduct
)

// Table is one query's lookup table for asymmetric distance computation:
// row s holds the distance between the query's subspace s and each of
// that subspace's centroids, so a code's distance is the sum of M table
// entries. Build one per query with Codebook.NewTable and refill it with
// Fill for the next query; a Table is not safe for concurrent use.
type Table struct {
	rows [][Centroids]float32
}

// NewTable allocates a table for cb's codes.
func (cb *Codebook) NewTable() *Table {
	return &Table{rows: make([][Centroids]float32, cb.m)}
}

// Fill computes t for query q (Dim values) under metric: for L2, entry
// (s, c) is the squared distance from q's subspace s to centroid c; for
// InnerProduct, it is minus their inner product.
func (cb *Codebook) Fill(t *Table, q []float32, metric Metric) {
	q = q[:cb.dim]
	rows := t.rows[:cb.m]
	for s := range rows {
		sub := q[cb.offs[s]:cb.offs[s+1]]
		row := &rows[s]
		if metric == InnerProduct {
			dotRows(sub, cb.block(s), row)
			for c := range row {
				row[c] = -row[c]
			}
			continue
		}
		l2Rows(sub, cb.block(s), row)
	}
}

// Distance returns the ADC distance of code (M bytes): the sum of its
// table entries. It is the inner loop of candidate scoring: four
// independent sums, and indexes (a byte into a 256-entry row) that need
// no bounds checks.
func (t *Table) Distance(code []byte) float32 {
	rows := t.rows[:len(code)]
	var s0, s1, s2, s3 float32
	for len(code) >= 4 && len(rows) >= 4 {
		s0 += rows[0][code[0]]
		s1 += rows[1][code[1]]
		s2 += rows[2][code[2]]
		s3 += rows[3][code[3]]
		code, rows = code[4:], rows[4:]
	}
	rows = rows[:len(code)]
	for i, c := range code {
		s0 += rows[i][c]
	}
	return (s0 + s1) + (s2 + s3)
}

// Distances writes into out[i] the distance of code i of codes, which
// holds len(out) codes of M bytes each, back to back.
func (t *Table) Distances(codes []byte, out []float32) {
	m := len(t.rows)
	codes = codes[:m*len(out)]
	for i := range out {
		out[i] = t.Distance(codes[i*m : (i+1)*m])
	}
}
