package engine

import "math"

// Correctly rounded sine, cosine and arcsine for the distance formula.
// Go's math.Sin/Cos/Asin are a few ulps off at times, while glibc's, which
// redis-server uses, are (nearly always) correctly rounded; distances with
// STOREDIST expose all 17 digits. These evaluate in double-double
// arithmetic (about 32 significant digits) and round once.

// dd is an unevaluated sum hi+lo with |lo| <= ulp(hi)/2.
type dd struct{ hi, lo float64 }

func ddTwoSum(a, b float64) dd {
	s := a + b
	bb := s - a
	return dd{s, (a - (s - bb)) + (b - bb)}
}

func ddAdd(a, b dd) dd {
	s := ddTwoSum(a.hi, b.hi)
	s.lo += a.lo + b.lo
	return ddTwoSum(s.hi, s.lo)
}

func ddMul(a, b dd) dd {
	p := a.hi * b.hi
	e := math.FMA(a.hi, b.hi, -p)
	// float64() stops the compiler fusing these into FMAs (arm64 does),
	// which would change the rounding Redis's results depend on.
	e += float64(a.hi*b.lo) + float64(a.lo*b.hi)
	return ddTwoSum(p, e)
}

func ddNeg(a dd) dd { return dd{-a.hi, -a.lo} }

// ddDiv divides a by b to double-double precision (one correction step).
func ddDiv(a, b dd) dd {
	q := a.hi / b.hi
	r := ddAdd(a, ddNeg(ddMul(dd{q, 0}, b)))
	q2 := r.hi / b.hi
	return ddTwoSum(q, q2)
}

// ddSinCos returns sin x and cos x for |x| <= 2 by their Taylor series.
func ddSinCos(x dd) (s, c dd) {
	x2 := ddMul(x, x)
	term := x // x^n/n!, n odd, for sin
	s = x
	for n := 3; n < 40; n += 2 {
		term = ddMul(term, x2)
		term = ddDiv(ddNeg(term), dd{float64((n - 1) * n), 0})
		s = ddAdd(s, term)
		if math.Abs(term.hi) < 1e-36 {
			break
		}
	}
	term = dd{1, 0}
	c = term
	for n := 2; n < 40; n += 2 {
		term = ddMul(term, x2)
		term = ddDiv(ddNeg(term), dd{float64((n - 1) * n), 0})
		c = ddAdd(c, term)
		if math.Abs(term.hi) < 1e-36 {
			break
		}
	}
	return s, c
}

// geoSin is sin x, correctly rounded for |x| <= 2 (math.Sin beyond).
func geoSin(x float64) float64 {
	if math.Abs(x) > 2 || x == 0 {
		return math.Sin(x)
	}
	s, _ := ddSinCos(dd{x, 0})
	return s.hi + s.lo
}

// geoCos is cos x, correctly rounded for |x| <= 2 (math.Cos beyond).
func geoCos(x float64) float64 {
	if math.Abs(x) > 2 {
		return math.Cos(x)
	}
	_, c := ddSinCos(dd{x, 0})
	return c.hi + c.lo
}

// geoAsin is asin x: math.Asin refined by a Newton step in double-double.
func geoAsin(x float64) float64 {
	y0 := math.Asin(x)
	if math.IsNaN(y0) || x == 0 || math.Abs(x) == 1 {
		return y0
	}
	s, c := ddSinCos(dd{y0, 0})
	if c.hi < 1e-6 {
		return y0
	}
	d := ddDiv(ddAdd(s, dd{-x, 0}), c)
	y := ddAdd(dd{y0, 0}, ddNeg(d))
	return y.hi + y.lo
}
