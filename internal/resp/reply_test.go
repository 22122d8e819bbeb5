package resp

import (
	"strconv"
	"testing"
)

// encodeValue writes v back as RESP3 (RESP2 nulls keep their form), for
// round-trip checks. Verbatim strings come back with a "txt:" prefix.
func encodeValue(dst []byte, v Value) []byte {
	switch v.Kind {
	case KindSimple, KindError, KindDouble, KindBigNumber:
		dst = append(dst, byte(v.Kind))
		dst = append(dst, v.Str...)
		return append(dst, '\r', '\n')
	case KindInt:
		return AppendInt(dst, v.Int)
	case KindNull:
		return append(dst, "_\r\n"...)
	case KindBool:
		if v.Int != 0 {
			return append(dst, "#t\r\n"...)
		}
		return append(dst, "#f\r\n"...)
	case KindBulk, KindBulkError:
		if v.Null {
			return appendHeader(dst, byte(v.Kind), -1)
		}
		dst = appendHeader(dst, byte(v.Kind), int64(len(v.Str)))
		dst = append(dst, v.Str...)
		return append(dst, '\r', '\n')
	case KindVerbatim:
		if v.Null {
			return appendHeader(dst, '=', -1)
		}
		dst = appendHeader(dst, '=', int64(len(v.Str)+4))
		dst = append(dst, "txt:"...)
		dst = append(dst, v.Str...)
		return append(dst, '\r', '\n')
	case KindArray, KindSet, KindPush, KindMap:
		if v.Null {
			return appendHeader(dst, byte(v.Kind), -1)
		}
		n := len(v.Elems)
		if v.Kind == KindMap {
			n /= 2
		}
		dst = appendHeader(dst, byte(v.Kind), int64(n))
		for _, e := range v.Elems {
			dst = encodeValue(dst, e)
		}
		return dst
	}
	panic("encodeValue: kind " + strconv.Itoa(int(v.Kind)))
}

func equalValue(a, b Value) bool {
	if a.Kind != b.Kind || string(a.Str) != string(b.Str) || a.Int != b.Int || a.Null != b.Null || len(a.Elems) != len(b.Elems) {
		return false
	}
	for i := range a.Elems {
		if !equalValue(a.Elems[i], b.Elems[i]) {
			return false
		}
	}
	return true
}

var replyCases = []struct {
	in   string
	want Value
}{
	{"+OK\r\n", Value{Kind: KindSimple, Str: []byte("OK")}},
	{"-ERR bad\r\n", Value{Kind: KindError, Str: []byte("ERR bad")}},
	{":-12\r\n", Value{Kind: KindInt, Int: -12}},
	{"$3\r\na\r\n\r\n", Value{Kind: KindBulk, Str: []byte("a\r\n")}},
	{"$0\r\n\r\n", Value{Kind: KindBulk, Str: []byte{}}},
	{"$-1\r\n", Value{Kind: KindBulk, Null: true}},
	{"*-1\r\n", Value{Kind: KindArray, Null: true}},
	{"*0\r\n", Value{Kind: KindArray}},
	{"_\r\n", Value{Kind: KindNull, Null: true}},
	{"#t\r\n", Value{Kind: KindBool, Int: 1}},
	{"#f\r\n", Value{Kind: KindBool}},
	{",1.5\r\n", Value{Kind: KindDouble, Str: []byte("1.5")}},
	{",-inf\r\n", Value{Kind: KindDouble, Str: []byte("-inf")}},
	{"(3492890328409238509324850943850943825024385\r\n", Value{Kind: KindBigNumber, Str: []byte("3492890328409238509324850943850943825024385")}},
	{"!21\r\nSYNTAX invalid syntax\r\n", Value{Kind: KindBulkError, Str: []byte("SYNTAX invalid syntax")}},
	{"=15\r\ntxt:Some string\r\n", Value{Kind: KindVerbatim, Str: []byte("Some string")}},
	{"*2\r\n:1\r\n$1\r\nx\r\n", Value{Kind: KindArray, Elems: []Value{{Kind: KindInt, Int: 1}, {Kind: KindBulk, Str: []byte("x")}}}},
	{"%1\r\n+k\r\n:2\r\n", Value{Kind: KindMap, Elems: []Value{{Kind: KindSimple, Str: []byte("k")}, {Kind: KindInt, Int: 2}}}},
	{"~2\r\n:1\r\n:2\r\n", Value{Kind: KindSet, Elems: []Value{{Kind: KindInt, Int: 1}, {Kind: KindInt, Int: 2}}}},
	{">2\r\n+message\r\n:1\r\n", Value{Kind: KindPush, Elems: []Value{{Kind: KindSimple, Str: []byte("message")}, {Kind: KindInt, Int: 1}}}},
	// An attribute is skipped: the value is the reply it annotates.
	{"|1\r\n+ttl\r\n:3600\r\n:7\r\n", Value{Kind: KindInt, Int: 7}},
	{"*1\r\n*1\r\n*0\r\n", Value{Kind: KindArray, Elems: []Value{{Kind: KindArray, Elems: []Value{{Kind: KindArray, Elems: []Value{}}}}}}},
}

func TestReadReply(t *testing.T) {
	for _, tc := range replyCases {
		v, n, err := ReadReply([]byte(tc.in))
		if err != nil || n != len(tc.in) {
			t.Errorf("%q: n %d err %v", tc.in, n, err)
			continue
		}
		if !equalValue(v, tc.want) {
			t.Errorf("%q: %+v, want %+v", tc.in, v, tc.want)
		}
		// Every proper prefix is incomplete.
		for i := 0; i < len(tc.in); i++ {
			if _, n, err := ReadReply([]byte(tc.in[:i])); n != 0 || err != nil {
				t.Errorf("%q prefix %d: n %d err %v, want incomplete", tc.in, i, n, err)
			}
		}
	}
}

func TestReadReplyPipeline(t *testing.T) {
	var buf []byte
	for _, tc := range replyCases {
		buf = append(buf, tc.in...)
	}
	for i, tc := range replyCases {
		v, n, err := ReadReply(buf)
		if err != nil || n != len(tc.in) || !equalValue(v, tc.want) {
			t.Fatalf("reply %d %q: %+v n %d err %v", i, tc.in, v, n, err)
		}
		buf = buf[n:]
	}
	if len(buf) != 0 {
		t.Fatalf("%d bytes left", len(buf))
	}
}

func TestReadReplyErrors(t *testing.T) {
	deep := ""
	for i := 0; i < 70; i++ {
		deep += "*1\r\n"
	}
	deep += ":1\r\n"
	for _, in := range []string{
		"?\r\n", ":abc\r\n", ":\r\n", "#x\r\n", "$-2\r\n", "$x\r\n", "*-2\r\n", "*x\r\n", "%x\r\n",
		"*1\r\n?\r\n", deep,
	} {
		if _, n, err := ReadReply([]byte(in)); err != ErrBadReply {
			t.Errorf("%q: n %d err %v, want ErrBadReply", in, n, err)
		}
	}
}

// TestReadReplyHugeCounts checks that a count far beyond the input is
// read as incomplete, not allocated.
func TestReadReplyHugeCounts(t *testing.T) {
	for _, in := range []string{"*9223372036854775807\r\n", "%9223372036854775807\r\n", "|4611686018427387904\r\n", "~1000000000\r\n", "$9223372036854775807\r\n"} {
		if _, n, err := ReadReply([]byte(in)); n != 0 {
			t.Errorf("%q: n %d err %v, want incomplete", in, n, err)
		}
	}
}
