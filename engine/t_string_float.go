package engine

import (
	"math/big"
)

// Long double arithmetic for INCRBYFLOAT (and HINCRBYFLOAT). Redis adds in
// C's long double, which on x86-64 is the x87 80-bit format: a 64-bit
// mantissa and a 15-bit exponent. A float64 gives different digits (0.1 +
// 0.1 prints "0.20000000000000001" in double but "0.2" in long double), so
// the values are emulated with math/big: numbers are parsed exactly and
// rounded once to 64 bits, sums are rounded to 64 bits to nearest even as
// the x87 does, and printing converts the binary value exactly, as glibc's
// printf does. Subnormal long doubles keep 64 bits here (x87 keeps fewer):
// the only difference, below 3.4e-4932.

const (
	ldPrec = 64 // mantissa bits of an x87 long double
	// ldMaxExp bounds big.Float's MantExp exponent (x = m × 2^exp, 0.5 ≤
	// |m| < 1) of a finite long double: LDBL_MAX < 2^16384.
	ldMaxExp = 16384
	// ldMinExp is the exponent of the smallest subnormal, 2^-16445: smaller
	// values underflow to zero.
	ldMinExp = -16444
	// ldMaxChars is Redis's MAX_LONG_DOUBLE_CHARS: longer strings are not
	// parsed (string2ld) and no formatted value is longer.
	ldMaxChars = 5 * 1024
	// ldDecMax and ldDecMin bound the decimal exponent of a parsable value
	// (LDBL_MAX ≈ 1.19e4932, the smallest subnormal ≈ 3.6e-4951), with
	// margin: values outside overflow or underflow without exact arithmetic.
	ldDecMax = 4940
	ldDecMin = -4960
)

// newLD returns a long double zero.
func newLD() *big.Float { return new(big.Float).SetPrec(ldPrec).SetMode(big.ToNearestEven) }

// ldParse parses b as Redis's string2ld does (strtold over the whole
// string, no leading space, no NaN, no overflow or underflow to zero) into
// x. Infinity ("inf", "infinity", any case) is accepted, as strtold does.
func ldParse(x *big.Float, b []byte) bool {
	x.SetPrec(ldPrec).SetMode(big.ToNearestEven)
	if len(b) == 0 || len(b) >= ldMaxChars {
		return false
	}
	neg := false
	s := b
	switch s[0] {
	case '-':
		neg = true
		s = s[1:]
	case '+':
		s = s[1:]
	}
	if len(s) == 0 {
		return false
	}
	var ok bool
	switch {
	case eqFold(s, "inf") || eqFold(s, "infinity"):
		x.SetInf(neg)
		return true
	case len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'):
		ok = ldParseHex(x, s[2:])
	default:
		ok = ldParseDec(x, s)
	}
	if !ok {
		return false
	}
	if neg {
		x.Neg(x)
	}
	return true
}

// ldParseDec parses unsigned decimal digits with an optional point and
// exponent: [digits][.digits][(e|E)[+-]digits], at least one digit.
func ldParseDec(x *big.Float, s []byte) bool {
	i := 0
	var mant big.Int
	digits, frac, sig := 0, 0, 0
	var buf [19]byte // decimal digits gathered before being added to mant
	nbuf := 0
	flush := func() {
		if nbuf == 0 {
			return
		}
		var v uint64
		for _, d := range buf[:nbuf] {
			v = v*10 + uint64(d)
		}
		mant.Mul(&mant, pow10Int(nbuf))
		mant.Add(&mant, new(big.Int).SetUint64(v))
		nbuf = 0
	}
	point := false
	for ; i < len(s); i++ {
		c := s[i]
		if c == '.' && !point {
			point = true
			continue
		}
		if c < '0' || c > '9' {
			break
		}
		digits++
		if point {
			frac++
		}
		if sig == 0 && c == '0' {
			continue // leading zeros add nothing to the mantissa
		}
		sig++
		buf[nbuf] = c - '0'
		nbuf++
		if nbuf == len(buf) {
			flush()
		}
	}
	flush()
	if digits == 0 {
		return false
	}
	exp, ok := parseExponent(s, i, 'e')
	if !ok {
		return false
	}
	if sig == 0 {
		x.SetInt64(0)
		return true
	}
	// value = mant × 10^(exp-frac), mant has sig digits (trailing zeros
	// included), so its magnitude is 10^(mag-1) ≤ value < 10^mag.
	e10 := exp - frac
	mag := e10 + sig
	if mag > ldDecMax {
		return false // overflow: strtold returns HUGE_VALL with ERANGE
	}
	if mag < ldDecMin {
		return false // underflow to zero
	}
	if e10 >= 0 {
		mant.Mul(&mant, pow10Int(e10))
		x.SetInt(&mant)
	} else {
		var q big.Rat
		q.SetFrac(&mant, pow10Int(-e10))
		x.SetRat(&q)
	}
	return ldInRange(x)
}

// ldParseHex parses the part of a hex float after "0x": hex digits with an
// optional point and an optional binary exponent (p[+-]digits).
func ldParseHex(x *big.Float, s []byte) bool {
	var mant big.Int
	i, digits, frac := 0, 0, 0
	point := false
	var w big.Word
	nw := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c == '.' && !point {
			point = true
			continue
		}
		d, ok := hexDigit(c)
		if !ok {
			break
		}
		digits++
		if point {
			frac++
		}
		w = w<<4 | big.Word(d)
		nw++
		if nw == 7 { // 28 bits: fits a Word on every platform
			mant.Lsh(&mant, 28)
			mant.Or(&mant, new(big.Int).SetUint64(uint64(w)))
			w, nw = 0, 0
		}
	}
	if nw > 0 {
		mant.Lsh(&mant, uint(4*nw))
		mant.Or(&mant, new(big.Int).SetUint64(uint64(w)))
	}
	if digits == 0 {
		return false
	}
	exp, ok := parseExponent(s, i, 'p')
	if !ok {
		return false
	}
	if mant.Sign() == 0 {
		x.SetInt64(0)
		return true
	}
	e2 := exp - 4*frac
	if e2+mant.BitLen() > ldMaxExp+1 || e2+mant.BitLen() < ldMinExp-1 {
		return false
	}
	x.SetInt(&mant)
	x.SetMantExp(x, e2)
	return ldInRange(x)
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// pow10Int returns 10^n.
func pow10Int(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// ldInRange reports whether a nonzero x, already rounded to 64 bits, is a
// finite, nonzero long double.
func ldInRange(x *big.Float) bool {
	e := x.MantExp(nil)
	return e <= ldMaxExp && e >= ldMinExp
}

// ldAdd sets x to x+y rounded as an x87 long double. It reports false when
// the sum is infinite or NaN (an operand was infinite, or it overflowed).
func ldAdd(x, y *big.Float) bool {
	if x.IsInf() || y.IsInf() {
		return false
	}
	x.SetPrec(ldPrec).SetMode(big.ToNearestEven)
	x.Add(x, y)
	if x.Sign() == 0 {
		return true
	}
	e := x.MantExp(nil)
	if e < ldMinExp {
		x.SetInt64(0) // underflow
		return true
	}
	return e <= ldMaxExp
}

// ldAppendHuman appends x as Redis's ld2string(LD_STR_HUMAN) prints it:
// "%.17Lf" with trailing zeros (and a trailing point) removed, "-0" as "0".
func ldAppendHuman(dst []byte, x *big.Float) []byte {
	start := len(dst)
	dst = x.Append(dst, 'f', 17)
	n := len(dst)
	for n > start && dst[n-1] == '0' {
		n--
	}
	if n > start && dst[n-1] == '.' {
		n--
	}
	dst = dst[:n]
	if n-start == 2 && dst[start] == '-' && dst[start+1] == '0' {
		dst = append(dst[:start], '0')
	}
	return dst
}

// parseExponent reads an optional exponent ("e-12", or "p+3" in hex
// floats) starting at s[i], marked by letter in either case, and reports
// whether it ends s exactly. An exponent letter without digits leaves
// trailing bytes, which strtold (and so Redis) rejects. Exponents are
// clamped at about a million, far past long double's range.
func parseExponent(s []byte, i int, letter byte) (int, bool) {
	exp := 0
	if i < len(s) && (s[i] == letter || s[i] == letter-'a'+'A') {
		j := i + 1
		neg := false
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			neg = s[j] == '-'
			j++
		}
		if j == len(s) || s[j] < '0' || s[j] > '9' {
			return 0, false
		}
		for ; j < len(s) && s[j] >= '0' && s[j] <= '9'; j++ {
			if exp < 1<<20 {
				exp = exp*10 + int(s[j]-'0')
			}
		}
		if neg {
			exp = -exp
		}
		i = j
	}
	return exp, i == len(s)
}
