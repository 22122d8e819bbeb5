package resp

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestWriterForms checks each reply in RESP2 and RESP3, as redis-server
// encodes them (addReply* in networking.c).
func TestWriterForms(t *testing.T) {
	cases := []struct {
		name         string
		write        func(w *Writer)
		resp2, resp3 string
	}{
		{"ok", func(w *Writer) { w.OK() }, "+OK\r\n", "+OK\r\n"},
		{"simple", func(w *Writer) { w.Simple("PONG") }, "+PONG\r\n", "+PONG\r\n"},
		{"simple bytes", func(w *Writer) { w.SimpleBytes([]byte("QUEUED")) }, "+QUEUED\r\n", "+QUEUED\r\n"},
		{"error", func(w *Writer) { w.Error("ERR syntax error") }, "-ERR syntax error\r\n", "-ERR syntax error\r\n"},
		{"error newlines", func(w *Writer) { w.Error("ERR a\r\nb\nc") }, "-ERR a  b c\r\n", "-ERR a  b c\r\n"},
		{"int", func(w *Writer) { w.Int(-42) }, ":-42\r\n", ":-42\r\n"},
		{"int min", func(w *Writer) { w.Int(math.MinInt64) }, ":-9223372036854775808\r\n", ":-9223372036854775808\r\n"},
		{"bulk", func(w *Writer) { w.Bulk([]byte("a\r\nb")) }, "$4\r\na\r\nb\r\n", "$4\r\na\r\nb\r\n"},
		{"bulk empty", func(w *Writer) { w.Bulk(nil) }, "$0\r\n\r\n", "$0\r\n\r\n"},
		{"bulk string", func(w *Writer) { w.BulkString("hello") }, "$5\r\nhello\r\n", "$5\r\nhello\r\n"},
		{"bulk int", func(w *Writer) { w.BulkInt(-1234) }, "$5\r\n-1234\r\n", "$5\r\n-1234\r\n"},
		{"null", func(w *Writer) { w.Null() }, "$-1\r\n", "_\r\n"},
		{"null array", func(w *Writer) { w.NullArray() }, "*-1\r\n", "_\r\n"},
		{"array", func(w *Writer) { w.Array(2); w.Int(1); w.Null() }, "*2\r\n:1\r\n$-1\r\n", "*2\r\n:1\r\n_\r\n"},
		{"empty array", func(w *Writer) { w.Array(0) }, "*0\r\n", "*0\r\n"},
		{"map", func(w *Writer) { w.Map(1); w.BulkString("k"); w.Int(1) }, "*2\r\n$1\r\nk\r\n:1\r\n", "%1\r\n$1\r\nk\r\n:1\r\n"},
		{"set", func(w *Writer) { w.Set(1); w.BulkString("m") }, "*1\r\n$1\r\nm\r\n", "~1\r\n$1\r\nm\r\n"},
		{"push", func(w *Writer) { w.Push(1); w.BulkString("x") }, "*1\r\n$1\r\nx\r\n", ">1\r\n$1\r\nx\r\n"},
		{"true", func(w *Writer) { w.Bool(true) }, ":1\r\n", "#t\r\n"},
		{"false", func(w *Writer) { w.Bool(false) }, ":0\r\n", "#f\r\n"},
		{"double", func(w *Writer) { w.Double(1.5) }, "$3\r\n1.5\r\n", ",1.5\r\n"},
		{"double tenth", func(w *Writer) { w.Double(0.1) }, "$19\r\n0.10000000000000001\r\n", ",0.10000000000000001\r\n"},
		{"double int", func(w *Writer) { w.Double(3) }, "$1\r\n3\r\n", ",3\r\n"},
		{"double inf", func(w *Writer) { w.Double(math.Inf(1)) }, "$3\r\ninf\r\n", ",inf\r\n"},
		{"double -inf", func(w *Writer) { w.Double(math.Inf(-1)) }, "$4\r\n-inf\r\n", ",-inf\r\n"},
		{"double nan", func(w *Writer) { w.Double(math.NaN()) }, "$3\r\nnan\r\n", ",nan\r\n"},
		{"verbatim", func(w *Writer) { w.Verbatim("txt", []byte("hi")) }, "$2\r\nhi\r\n", "=6\r\ntxt:hi\r\n"},
		{"raw", func(w *Writer) { w.Raw([]byte(":1\r\n")) }, ":1\r\n", ":1\r\n"},
	}
	for _, tc := range cases {
		for _, proto := range []int{2, 3} {
			w := Writer{Proto: proto}
			tc.write(&w)
			want := tc.resp2
			if proto == 3 {
				want = tc.resp3
			}
			if string(w.Buf) != want {
				t.Errorf("%s RESP%d: %q, want %q", tc.name, proto, w.Buf, want)
			}
			// Every reply must parse back as one whole value.
			if _, n, err := ReadReply(w.Buf); err != nil || n != len(w.Buf) {
				t.Errorf("%s RESP%d: ReadReply n %d err %v", tc.name, proto, n, err)
			}
		}
	}
	var zero Writer
	zero.Null()
	if string(zero.Buf) != "$-1\r\n" || zero.IsRESP3() {
		t.Errorf("zero Writer is not RESP2: %q", zero.Buf)
	}
	zero.Reset()
	if len(zero.Buf) != 0 || cap(zero.Buf) == 0 {
		t.Errorf("Reset: len %d cap %d", len(zero.Buf), cap(zero.Buf))
	}
}

// TestAppendG17 compares AppendG17 with C's printf("%.17g") on the values
// in testdata/g17.txt (made with python3, whose %-formatting is C's).
func TestAppendG17(t *testing.T) {
	f, err := os.Open("testdata/g17.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		hexBits, want, _ := strings.Cut(line, " ")
		bits, err := strconv.ParseUint(hexBits, 16, 64)
		if err != nil {
			t.Fatal(err)
		}
		x := math.Float64frombits(bits)
		if got := string(AppendG17(nil, x)); got != want {
			t.Errorf("%%.17g of %v (%s): %q, want %q", x, hexBits, got, want)
		}
		n++
	}
	if n < 300 {
		t.Fatalf("only %d values in testdata/g17.txt", n)
	}
	for x, want := range map[float64]string{0: "0", math.Copysign(0, -1): "-0"} {
		if got := string(AppendG17(nil, x)); got != want {
			t.Errorf("%%.17g of %v: %q, want %q", x, got, want)
		}
	}
}

// TestAppendG17RoundTrip checks on many values that %.17g text parses back
// to the same float, as it must.
func TestAppendG17RoundTrip(t *testing.T) {
	x := uint64(0x9e3779b97f4a7c15)
	for i := 0; i < 20000; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		f := math.Float64frombits(x)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		s := AppendG17(nil, f)
		back, err := strconv.ParseFloat(string(s), 64)
		if err != nil || back != f {
			t.Fatalf("%v -> %q -> %v, %v", f, s, back, err)
		}
	}
}

func BenchmarkWriterBulk(b *testing.B) {
	w := Writer{Proto: 2}
	v := []byte("value-value-value")
	b.ReportAllocs()
	for b.Loop() {
		w.Reset()
		w.Bulk(v)
		w.Int(12345)
	}
}
