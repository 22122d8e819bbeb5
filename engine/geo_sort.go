package engine

import "sort"

// Sorting of search results by distance as Redis does it, so that equal
// distances come out in the same order: a stable sort (glibc's qsort is a
// merge sort) when every result is returned, else Redis's pqsort, a
// Bentley-McIlroy quicksort that only sorts the partitions overlapping the
// first COUNT positions (pqsort.c), replayed here on indexes.

// geoSortPoints orders pts by distance (desc: descending) so that the first
// n are final.
func geoSortPoints(pts []geoPoint, desc bool, n int) {
	cmp := func(a, b *geoPoint) int {
		x, y := a.dist, b.dist
		if desc {
			x, y = y, x
		}
		switch {
		case x > y:
			return 1
		case x == y:
			return 0
		}
		return -1
	}
	if n >= len(pts) {
		sort.SliceStable(pts, func(i, j int) bool { return cmp(&pts[i], &pts[j]) < 0 })
		return
	}
	pqsort(0, len(pts), func(i, j int) int { return cmp(&pts[i], &pts[j]) },
		func(i, j int) { pts[i], pts[j] = pts[j], pts[i] }, 0, n-1)
}

// pqsort is Redis's _pqsort (pqsort.c) over the elements [a, a+n) of a
// sequence reached through c (compare elements i and j) and swap: a
// Bentley-McIlroy quicksort that sorts at least the elements whose final
// positions are in [lr, rr]. Elements that compare equal end up in the
// order Redis's leaves them in, which SORT and GEO*'s COUNT make visible.
func pqsort(a, n int, c func(i, j int) int, swap func(i, j int), lr, rr int) {
	vecswap := func(i, j, k int) {
		for ; k > 0; k-- {
			swap(i, j)
			i++
			j++
		}
	}
	med3 := func(x, y, z int) int {
		if c(x, y) < 0 {
			if c(y, z) < 0 {
				return y
			}
			if c(x, z) < 0 {
				return z
			}
			return x
		}
		if c(y, z) > 0 {
			return y
		}
		if c(x, z) < 0 {
			return x
		}
		return z
	}
	outside := func(l, r int) bool { return (lr < l && rr < l) || (lr > r && rr > r) }
	for {
		if n < 7 {
			for pm := a + 1; pm < a+n; pm++ {
				for pl := pm; pl > a && c(pl-1, pl) > 0; pl-- {
					swap(pl, pl-1)
				}
			}
			return
		}
		pm := a + n/2
		if n > 7 {
			pl, pn := a, a+n-1
			if n > 40 {
				d := n / 8
				pl = med3(pl, pl+d, pl+2*d)
				pm = med3(pm-d, pm, pm+d)
				pn = med3(pn-2*d, pn-d, pn)
			}
			pm = med3(pl, pm, pn)
		}
		swap(a, pm)
		pa, pb := a+1, a+1
		pc, pd := a+n-1, a+n-1
		for {
			for pb <= pc {
				r := c(pb, a)
				if r > 0 {
					break
				}
				if r == 0 {
					swap(pa, pb)
					pa++
				}
				pb++
			}
			for pb <= pc {
				r := c(pc, a)
				if r < 0 {
					break
				}
				if r == 0 {
					swap(pc, pd)
					pd--
				}
				pc--
			}
			if pb > pc {
				break
			}
			swap(pb, pc)
			pb++
			pc--
		}
		pn := a + n
		r := min(pa-a, pb-pa)
		vecswap(a, pb-r, r)
		r = min(pd-pc, pn-pd-1)
		vecswap(pb, pn-r, r)
		if r = pb - pa; r > 1 && !outside(a, a+r-1) {
			pqsort(a, r, c, swap, lr, rr)
		}
		if r = pd - pc; r > 1 {
			a, n = pn-r, r
			if !outside(a, a+r-1) {
				continue
			}
		}
		return
	}
}
