package fuzz

import (
	"bytes"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/updraftdb/updraft/internal/resp"
	"github.com/updraftdb/updraft/persistence/rdb"
)

// Mode says how two replies to the same command are compared.
type Mode byte

// Comparison modes, each with the script line prefix that selects it.
const (
	// Exact compares the raw bytes (no prefix).
	Exact Mode = 0
	// Shape compares the reply's type, null-ness and element counts,
	// recursively, but not the values (prefix "~": TIME, CLIENT ID, INFO,
	// RANDOMKEY...).
	Shape Mode = '~'
	// Unordered compares with the elements of every array and set sorted,
	// and map entries sorted by key (prefix "=": KEYS, SCAN...).
	Unordered Mode = '='
	// Approx lets non-negative integers and doubles differ by up to
	// approxSlack; the rest, negative integers included, must be equal
	// (prefix "%": TTL and PTTL, where time passes between the two servers).
	Approx Mode = '%'
	// Ignore only checks that both servers replied, or both closed the
	// connection (prefix "!").
	Ignore Mode = '!'
	// Payload compares DUMP payloads by the value they decode to, members
	// of sets and hashes in any order (prefix "&"): redis-server
	// LZF-compresses long strings, which Updraft does not.
	Payload Mode = '&'
)

// Same reports whether a and b match under mode m.
func Same(m Mode, a, b Reply) bool {
	if a.Closed != b.Closed || a.TimedOut != b.TimedOut || a.ClosedAfter != b.ClosedAfter {
		return false
	}
	if m == Ignore {
		return true
	}
	if bytes.Equal(a.Raw, b.Raw) {
		return true
	}
	if m == Exact {
		return false
	}
	va, na, ea := resp.ReadReply(a.Raw)
	vb, nb, eb := resp.ReadReply(b.Raw)
	if ea != nil || eb != nil || na != len(a.Raw) || nb != len(b.Raw) {
		return false
	}
	switch m {
	case Shape:
		return sameShape(va, vb)
	case Unordered:
		return bytes.Equal(canonical(nil, va), canonical(nil, vb))
	case Approx:
		return approxEqual(va, vb)
	case Payload:
		return samePayload(va, vb)
	}
	return false
}

// samePayload compares two DUMP replies by their decoded values.
func samePayload(a, b resp.Value) bool {
	if a.Kind != resp.KindBulk || b.Kind != resp.KindBulk || a.Null || b.Null {
		return false
	}
	va, ea := rdb.ParseDump(a.Str)
	vb, eb := rdb.ParseDump(b.Str)
	if ea != nil || eb != nil || va.Kind != vb.Kind || !bytes.Equal(va.Str, vb.Str) {
		return false
	}
	if va.Kind == rdb.Stream {
		return sameStream(va.Stream, vb.Stream) // gen_stream.go
	}
	key := func(v rdb.Value) []string {
		out := make([]string, len(v.Elems))
		for i, e := range v.Elems {
			out[i] = string(e)
		}
		switch v.Kind {
		case rdb.Hash:
			pairs := make([]string, 0, len(out)/2)
			for i := 0; i+1 < len(out); i += 2 {
				pairs = append(pairs, strconv.Quote(out[i])+"="+strconv.Quote(out[i+1]))
			}
			out = pairs
		case rdb.ZSet:
			for i := range out {
				out[i] = strconv.Quote(out[i]) + "=" + strconv.FormatFloat(v.Scores[i], 'g', -1, 64)
			}
		}
		if v.Kind != rdb.List {
			sort.Strings(out)
		}
		return out
	}
	return slices.Equal(key(va), key(vb))
}

func sameShape(a, b resp.Value) bool {
	if a.Kind != b.Kind || a.Null != b.Null || len(a.Elems) != len(b.Elems) {
		return false
	}
	for i := range a.Elems {
		if !sameShape(a.Elems[i], b.Elems[i]) {
			return false
		}
	}
	return true
}

// canonical encodes v with aggregate elements in sorted order.
func canonical(dst []byte, v resp.Value) []byte {
	dst = append(dst, byte(v.Kind))
	if v.Null {
		return append(dst, "null;"...)
	}
	switch v.Kind {
	case resp.KindArray, resp.KindSet, resp.KindPush:
		parts := make([][]byte, len(v.Elems))
		for i, e := range v.Elems {
			parts[i] = canonical(nil, e)
		}
		sort.Slice(parts, func(i, j int) bool { return bytes.Compare(parts[i], parts[j]) < 0 })
		dst = strconv.AppendInt(dst, int64(len(parts)), 10)
		dst = append(dst, '[')
		for _, p := range parts {
			dst = append(dst, p...)
		}
		return append(dst, ']')
	case resp.KindMap:
		parts := make([][]byte, 0, len(v.Elems)/2)
		for i := 0; i+1 < len(v.Elems); i += 2 {
			p := canonical(nil, v.Elems[i])
			parts = append(parts, canonical(p, v.Elems[i+1]))
		}
		sort.Slice(parts, func(i, j int) bool { return bytes.Compare(parts[i], parts[j]) < 0 })
		dst = strconv.AppendInt(dst, int64(len(parts)), 10)
		dst = append(dst, '{')
		for _, p := range parts {
			dst = append(dst, p...)
		}
		return append(dst, '}')
	}
	dst = strconv.AppendInt(dst, v.Int, 10)
	dst = append(dst, ':')
	dst = strconv.AppendInt(dst, int64(len(v.Str)), 10)
	dst = append(dst, ':')
	dst = append(dst, v.Str...)
	return append(dst, ';')
}

func approxEqual(a, b resp.Value) bool {
	if a.Kind != b.Kind || a.Null != b.Null || len(a.Elems) != len(b.Elems) {
		return false
	}
	switch a.Kind {
	case resp.KindInt:
		return closeEnough(float64(a.Int), float64(b.Int))
	case resp.KindDouble, resp.KindBulk:
		fa, errA := strconv.ParseFloat(string(a.Str), 64)
		fb, errB := strconv.ParseFloat(string(b.Str), 64)
		if errA == nil && errB == nil {
			return closeEnough(fa, fb)
		}
	}
	if string(a.Str) != string(b.Str) || a.Int != b.Int {
		return false
	}
	for i := range a.Elems {
		if !approxEqual(a.Elems[i], b.Elems[i]) {
			return false
		}
	}
	return true
}

// approxSlack is how far apart Approx lets two non-negative numbers be:
// the milliseconds that may pass between the two servers' runs of the same
// commands on a loaded machine (for seconds it is generous, but a unit
// mistake is still far outside it).
const approxSlack = 250

func closeEnough(a, b float64) bool {
	if a < 0 || b < 0 {
		return a == b
	}
	return math.Abs(a-b) <= approxSlack
}

// Show renders a reply for a diff: RESP lines one per line, with bytes that
// are not printable escaped.
func Show(r Reply) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(string(r.Raw), "\r\n") {
		if line == "" {
			continue
		}
		b.WriteString("    ")
		b.WriteString(escape(strings.TrimSuffix(line, "\r\n")))
		if !strings.HasSuffix(line, "\r\n") {
			b.WriteString("  (no CRLF)")
		}
		b.WriteByte('\n')
	}
	switch {
	case r.ClosedAfter:
		b.WriteString("    <then closed the connection>\n")
	case r.Closed:
		b.WriteString("    <connection closed>\n")
	case r.TimedOut:
		b.WriteString("    <no reply: timed out>\n")
	case len(r.Raw) == 0:
		b.WriteString("    <empty>\n")
	}
	return b.String()
}

// escape quotes control and non-ASCII bytes as \xNN.
func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\n':
			b.WriteString(`\n`)
		case c < 0x20 || c >= 0x7f:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(c)|0x100, 16)[1:])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Quote renders a command's arguments as an inline line that ReadCommand
// reads back to the same arguments.
func Quote(args [][]byte) string {
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		plain := len(a) > 0
		for _, c := range a {
			if c <= ' ' || c >= 0x7f || c == '"' || c == '\'' || c == '\\' {
				plain = false
				break
			}
		}
		if plain {
			b.Write(a)
			continue
		}
		b.WriteByte('"')
		for _, c := range a {
			switch {
			case c == '"' || c == '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case c < 0x20 || c >= 0x7f:
				b.WriteString(`\x`)
				b.WriteString(strconv.FormatUint(uint64(c)|0x100, 16)[1:])
			default:
				b.WriteByte(c)
			}
		}
		b.WriteByte('"')
	}
	return b.String()
}
