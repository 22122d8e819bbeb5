package engine

import (
	"math"
	"strconv"
)

// The JSON serializer: what serde_json writes for RedisJSON, compact or
// with JSON.GET's INDENT / NEWLINE / SPACE (RedisJSON's formatter, based
// on serde_json's PrettyFormatter), floats in ryu's shortest form
// ("1.0", "1e300", "0.0001").

// jsonFmt holds JSON.GET's formatting strings; the zero value is compact.
type jsonFmt struct {
	indent, newline, space []byte
	level                  int
}

func (f *jsonFmt) pretty() bool {
	return f != nil && (f.indent != nil || f.newline != nil || f.space != nil)
}

func (f *jsonFmt) newLine(dst []byte) []byte {
	dst = append(dst, f.newline...)
	for j := 0; j < f.level; j++ {
		dst = append(dst, f.indent...)
	}
	return dst
}

// appendJSON serializes value i of d.
func (d *jsonDoc) appendJSON(dst []byte, i int32, f *jsonFmt) []byte {
	nd := d.nodes[i]
	switch nd.k {
	case jNull:
		return append(dst, "null"...)
	case jBool:
		if nd.v != 0 {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case jInt:
		return strconv.AppendInt(dst, int64(nd.v), 10)
	case jFloat:
		return appendJSONFloat(dst, math.Float64frombits(nd.v))
	case jStr:
		return appendJSONString(dst, d.str(i))
	case jArr:
		return d.appendArray(dst, d.run(i), f)
	}
	r := d.run(i)
	if !f.pretty() {
		dst = append(dst, '{')
		for p := 0; p < len(r); p += 2 {
			if p > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, d.str(r[p]))
			dst = append(dst, ':')
			dst = d.appendJSON(dst, r[p+1], f)
		}
		return append(dst, '}')
	}
	dst = append(dst, '{')
	f.level++
	for p := 0; p < len(r); p += 2 {
		if p > 0 {
			dst = append(dst, ',')
		}
		dst = f.newLine(dst)
		dst = appendJSONString(dst, d.str(r[p]))
		dst = append(dst, ':')
		dst = append(dst, f.space...)
		dst = d.appendJSON(dst, r[p+1], f)
	}
	f.level--
	if len(r) > 0 {
		dst = f.newLine(dst)
	}
	return append(dst, '}')
}

// appendArray serializes the values vs of d as a JSON array (an array
// node's elements, or the results of a JSONPath query).
func (d *jsonDoc) appendArray(dst []byte, vs []int32, f *jsonFmt) []byte {
	dst = append(dst, '[')
	if !f.pretty() {
		for j, v := range vs {
			if j > 0 {
				dst = append(dst, ',')
			}
			dst = d.appendJSON(dst, v, f)
		}
		return append(dst, ']')
	}
	f.level++
	for j, v := range vs {
		if j > 0 {
			dst = append(dst, ',')
		}
		dst = f.newLine(dst)
		dst = d.appendJSON(dst, v, f)
	}
	f.level--
	if len(vs) > 0 {
		dst = f.newLine(dst)
	}
	return append(dst, ']')
}

const hexDigits = "0123456789abcdef"

// appendJSONString writes s as a JSON string with serde_json's escapes.
func appendJSONString(dst, s []byte) []byte {
	dst = append(dst, '"')
	start := 0
	for j := 0; j < len(s); j++ {
		c := s[j]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:j]...)
		switch c {
		case '"':
			dst = append(dst, '\\', '"')
		case '\\':
			dst = append(dst, '\\', '\\')
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		}
		start = j + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendJSONFloat writes f as ryu's pretty format does: the shortest
// digits that round-trip, in plain notation for decimal exponents from -5
// to 16 (always with a fraction: "2.0"), else in scientific notation
// ("1e16", "1.5e-7").
func appendJSONFloat(dst []byte, f float64) []byte {
	if f == 0 {
		if math.Signbit(f) {
			return append(dst, "-0.0"...)
		}
		return append(dst, "0.0"...)
	}
	var tmp [32]byte
	e := strconv.AppendFloat(tmp[:0], f, 'e', -1, 64)
	if e[0] == '-' {
		dst = append(dst, '-')
		e = e[1:]
	}
	// e is d[.ddd]e±xx: split the digits and the exponent.
	var digits [24]byte
	nd := 0
	j := 0
	for ; j < len(e) && e[j] != 'e'; j++ {
		if e[j] != '.' {
			digits[nd] = e[j]
			nd++
		}
	}
	exp, _ := strconv.Atoi(string(e[j+1:]))
	kk := exp + 1 // position of the decimal point relative to the digits
	k := kk - nd  // value = digits * 10^k
	ds := digits[:nd]
	switch {
	case k >= 0 && kk <= 16:
		dst = append(dst, ds...)
		for ; k > 0; k-- {
			dst = append(dst, '0')
		}
		return append(dst, '.', '0')
	case kk > 0 && kk <= 16:
		dst = append(dst, ds[:kk]...)
		dst = append(dst, '.')
		return append(dst, ds[kk:]...)
	case kk > -5 && kk <= 0:
		dst = append(dst, '0', '.')
		for z := kk; z < 0; z++ {
			dst = append(dst, '0')
		}
		return append(dst, ds...)
	}
	dst = append(dst, ds[0])
	if nd > 1 {
		dst = append(dst, '.')
		dst = append(dst, ds[1:]...)
	}
	dst = append(dst, 'e')
	return strconv.AppendInt(dst, int64(kk-1), 10)
}
