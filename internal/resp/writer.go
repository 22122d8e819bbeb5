package resp

import (
	"math"
	"strconv"
)

// Writer appends replies to Buf in the client's protocol version (2 or 3).
// The zero value speaks RESP2.
type Writer struct {
	Buf   []byte
	Proto int
}

// Reset empties the buffer and keeps its capacity.
func (w *Writer) Reset() { w.Buf = w.Buf[:0] }

// IsRESP3 reports whether replies use RESP3 types.
func (w *Writer) IsRESP3() bool { return w.Proto >= 3 }

// Raw appends bytes that are already encoded.
func (w *Writer) Raw(b []byte) { w.Buf = append(w.Buf, b...) }

// OK appends +OK.
func (w *Writer) OK() { w.Buf = append(w.Buf, "+OK\r\n"...) }

// Simple appends a status reply (+s).
func (w *Writer) Simple(s string) { w.Buf = AppendSimple(w.Buf, s) }

// SimpleBytes appends a status reply from bytes.
func (w *Writer) SimpleBytes(s []byte) {
	w.Buf = append(w.Buf, '+')
	w.Buf = append(w.Buf, s...)
	w.Buf = append(w.Buf, '\r', '\n')
}

// Error appends an error reply. msg must start with the error code
// ("ERR ...", "WRONGTYPE ...").
func (w *Writer) Error(msg string) { w.Buf = AppendError(w.Buf, msg) }

// Int appends an integer reply.
func (w *Writer) Int(n int64) { w.Buf = AppendInt(w.Buf, n) }

// Bulk appends a bulk string.
func (w *Writer) Bulk(b []byte) { w.Buf = AppendBulk(w.Buf, b) }

// BulkString appends a bulk string from a string.
func (w *Writer) BulkString(s string) { w.Buf = AppendBulkString(w.Buf, s) }

// BulkInt appends the decimal form of n as a bulk string.
func (w *Writer) BulkInt(n int64) {
	var tmp [20]byte
	w.Buf = AppendBulk(w.Buf, strconv.AppendInt(tmp[:0], n, 10))
}

// Null appends a null bulk string ($-1 in RESP2, _ in RESP3).
func (w *Writer) Null() {
	if w.Proto >= 3 {
		w.Buf = append(w.Buf, "_\r\n"...)
		return
	}
	w.Buf = append(w.Buf, "$-1\r\n"...)
}

// NullArray appends a null array (*-1 in RESP2, _ in RESP3).
func (w *Writer) NullArray() {
	if w.Proto >= 3 {
		w.Buf = append(w.Buf, "_\r\n"...)
		return
	}
	w.Buf = append(w.Buf, "*-1\r\n"...)
}

// Array appends an array header for n elements.
func (w *Writer) Array(n int) { w.Buf = appendHeader(w.Buf, '*', int64(n)) }

// Map appends a map header for n key/value pairs (a flat array of 2n in RESP2).
func (w *Writer) Map(n int) {
	if w.Proto >= 3 {
		w.Buf = appendHeader(w.Buf, '%', int64(n))
		return
	}
	w.Buf = appendHeader(w.Buf, '*', int64(2*n))
}

// Set appends a set header (an array in RESP2).
func (w *Writer) Set(n int) {
	if w.Proto >= 3 {
		w.Buf = appendHeader(w.Buf, '~', int64(n))
		return
	}
	w.Buf = appendHeader(w.Buf, '*', int64(n))
}

// Push appends a push header (an array in RESP2).
func (w *Writer) Push(n int) {
	if w.Proto >= 3 {
		w.Buf = appendHeader(w.Buf, '>', int64(n))
		return
	}
	w.Buf = appendHeader(w.Buf, '*', int64(n))
}

// Bool appends a boolean (#t/#f in RESP3, :1/:0 in RESP2).
func (w *Writer) Bool(b bool) {
	switch {
	case w.Proto >= 3 && b:
		w.Buf = append(w.Buf, "#t\r\n"...)
	case w.Proto >= 3:
		w.Buf = append(w.Buf, "#f\r\n"...)
	case b:
		w.Buf = append(w.Buf, ":1\r\n"...)
	default:
		w.Buf = append(w.Buf, ":0\r\n"...)
	}
}

// Double appends a floating-point reply: a RESP3 double, or in RESP2 a bulk
// string formatted as Redis's addReplyDouble does (%.17g).
func (w *Writer) Double(f float64) {
	var tmp [32]byte
	b := AppendDoubleText(tmp[:0], f)
	if w.Proto >= 3 {
		w.Buf = append(w.Buf, ',')
		w.Buf = append(w.Buf, b...)
		w.Buf = append(w.Buf, '\r', '\n')
		return
	}
	w.Buf = AppendBulk(w.Buf, b)
}

// Verbatim appends a verbatim string (=len\r\ntxt:...) in RESP3, a bulk
// string in RESP2.
func (w *Writer) Verbatim(format string, s []byte) {
	if w.Proto < 3 {
		w.Buf = AppendBulk(w.Buf, s)
		return
	}
	w.Buf = appendHeader(w.Buf, '=', int64(len(s)+4))
	w.Buf = append(w.Buf, format...)
	w.Buf = append(w.Buf, ':')
	w.Buf = append(w.Buf, s...)
	w.Buf = append(w.Buf, '\r', '\n')
}

// AppendDoubleText formats f as Redis does for replies: "inf", "-inf", "nan"
// or %.17g.
func AppendDoubleText(dst []byte, f float64) []byte {
	switch {
	case math.IsInf(f, 1):
		return append(dst, "inf"...)
	case math.IsInf(f, -1):
		return append(dst, "-inf"...)
	case math.IsNaN(f):
		return append(dst, "nan"...)
	}
	return AppendG17(dst, f)
}

// AppendG17 formats f like C's printf("%.17g").
func AppendG17(dst []byte, f float64) []byte {
	if f == 0 {
		if math.Signbit(f) {
			return append(dst, "-0"...)
		}
		return append(dst, '0')
	}
	exp := 0
	if a := math.Abs(f); a != 0 {
		// Decimal exponent of f once rounded to 17 significant digits.
		var tmp [32]byte
		e := strconv.AppendFloat(tmp[:0], f, 'e', 16, 64)
		for i := len(e) - 1; i >= 0; i-- {
			if e[i] == 'e' {
				x, _ := strconv.Atoi(string(e[i+1:]))
				exp = x
				break
			}
		}
	}
	if exp < -4 || exp >= 17 {
		var tmp [32]byte
		e := strconv.AppendFloat(tmp[:0], f, 'e', 16, 64)
		// Trim zeros in the mantissa and print the exponent with at least
		// two digits, as C does.
		i := 0
		for i < len(e) && e[i] != 'e' {
			i++
		}
		mant := trimZeros(e[:i])
		dst = append(dst, mant...)
		dst = append(dst, 'e')
		x := e[i+1:]
		sign := byte('+')
		if x[0] == '-' || x[0] == '+' {
			sign = x[0]
			x = x[1:]
		}
		dst = append(dst, sign)
		if len(x) < 2 {
			dst = append(dst, '0')
		}
		return append(dst, x...)
	}
	var tmp [48]byte
	s := strconv.AppendFloat(tmp[:0], f, 'f', 16-exp, 64)
	return append(dst, trimZeros(s)...)
}

func trimZeros(s []byte) []byte {
	dot := -1
	for i, c := range s {
		if c == '.' {
			dot = i
			break
		}
	}
	if dot < 0 {
		return s
	}
	end := len(s)
	for end > dot+1 && s[end-1] == '0' {
		end--
	}
	if end == dot+1 {
		end = dot
	}
	return s[:end]
}

// AppendSimple appends "+s\r\n".
func AppendSimple(dst []byte, s string) []byte {
	dst = append(dst, '+')
	dst = append(dst, s...)
	return append(dst, '\r', '\n')
}

// AppendError appends "-msg\r\n". Newlines inside msg are replaced by
// spaces, as Redis does, so the reply stays one line.
func AppendError(dst []byte, msg string) []byte {
	dst = append(dst, '-')
	for i := 0; i < len(msg); i++ {
		c := msg[i]
		if c == '\r' || c == '\n' {
			c = ' '
		}
		dst = append(dst, c)
	}
	return append(dst, '\r', '\n')
}

// AppendInt appends ":n\r\n".
func AppendInt(dst []byte, n int64) []byte {
	dst = append(dst, ':')
	dst = strconv.AppendInt(dst, n, 10)
	return append(dst, '\r', '\n')
}

// AppendBulk appends "$len\r\nb\r\n".
func AppendBulk(dst []byte, b []byte) []byte {
	dst = appendHeader(dst, '$', int64(len(b)))
	dst = append(dst, b...)
	return append(dst, '\r', '\n')
}

// AppendBulkString appends "$len\r\ns\r\n".
func AppendBulkString(dst []byte, s string) []byte {
	dst = appendHeader(dst, '$', int64(len(s)))
	dst = append(dst, s...)
	return append(dst, '\r', '\n')
}

// AppendArray appends an array header "*n\r\n".
func AppendArray(dst []byte, n int) []byte { return appendHeader(dst, '*', int64(n)) }

func appendHeader(dst []byte, c byte, n int64) []byte {
	dst = append(dst, c)
	dst = strconv.AppendInt(dst, n, 10)
	return append(dst, '\r', '\n')
}
