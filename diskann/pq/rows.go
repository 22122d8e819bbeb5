package pq

import "github.com/updraftdb/updraft/diskann/kernel"

// l2Rows writes into out[c] the squared L2 distance between sub and row c
// of blk (len(out) rows of len(sub) values): one call per subspace instead
// of one per centroid, since subspaces are usually 4 to 16 values wide and
// a call would cost as much as the arithmetic.
func l2Rows(sub, blk []float32, out *[Centroids]float32) {
	w := len(sub)
	if w >= simdWidth {
		kernel.L2SquaredRows(sub, blk, out[:])
		return
	}
	blk = blk[:Centroids*w]
	switch w {
	case 4:
		q0, q1, q2, q3 := sub[0], sub[1], sub[2], sub[3]
		for c := range out {
			r := blk[c*4 : c*4+4 : c*4+4]
			d0, d1, d2, d3 := q0-r[0], q1-r[1], q2-r[2], q3-r[3]
			out[c] = (d0*d0 + d1*d1) + (d2*d2 + d3*d3)
		}
	case 8:
		q := sub[:8:8]
		for c := range out {
			r := blk[c*8 : c*8+8 : c*8+8]
			d0, d1, d2, d3 := q[0]-r[0], q[1]-r[1], q[2]-r[2], q[3]-r[3]
			d4, d5, d6, d7 := q[4]-r[4], q[5]-r[5], q[6]-r[6], q[7]-r[7]
			out[c] = ((d0*d0 + d1*d1) + (d2*d2 + d3*d3)) + ((d4*d4 + d5*d5) + (d6*d6 + d7*d7))
		}
	default:
		for c := range out {
			a, r := sub, blk[c*w:(c+1)*w]
			var s0, s1, s2, s3 float32
			for len(a) >= 4 && len(r) >= 4 {
				d0, d1, d2, d3 := a[0]-r[0], a[1]-r[1], a[2]-r[2], a[3]-r[3]
				s0 += d0 * d0
				s1 += d1 * d1
				s2 += d2 * d2
				s3 += d3 * d3
				a, r = a[4:], r[4:]
			}
			r = r[:len(a)]
			for j, v := range a {
				d := v - r[j]
				s0 += d * d
			}
			out[c] = (s0 + s1) + (s2 + s3)
		}
	}
}

// dotRows writes into out[c] the inner product of sub and row c of blk
// (see l2Rows).
func dotRows(sub, blk []float32, out *[Centroids]float32) {
	w := len(sub)
	if w >= simdWidth {
		kernel.DotRows(sub, blk, out[:])
		return
	}
	blk = blk[:Centroids*w]
	for c := range out {
		r := blk[c*w : (c+1)*w]
		r = r[:len(sub)]
		var s0, s1 float32
		j := 0
		for ; j+2 <= len(sub); j += 2 {
			s0 += sub[j] * r[j]
			s1 += sub[j+1] * r[j+1]
		}
		if j < len(sub) {
			s0 += sub[j] * r[j]
		}
		out[c] = s0 + s1
	}
}

// argmin returns the index of the smallest value of d (the first one on a
// tie).
func argmin(d *[Centroids]float32) byte {
	best, bestD := 0, d[0]
	for c, v := range d {
		if v < bestD {
			best, bestD = c, v
		}
	}
	return byte(best)
}
