package resp

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// mb encodes args as a multibulk frame, the way clients send commands.
func mb(args ...string) string {
	var b strings.Builder
	b.WriteString("*" + strconv.Itoa(len(args)) + "\r\n")
	for _, a := range args {
		b.WriteString("$" + strconv.Itoa(len(a)) + "\r\n" + a + "\r\n")
	}
	return b.String()
}

func parse(t *testing.T, in string) ([]string, int, error) {
	t.Helper()
	var scratch []byte
	args, n, err := ReadCommand([]byte(in), nil, &scratch, DefaultLimits)
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = string(a)
	}
	return out, n, err
}

func equalArgs(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// commandCases are whole frames and the arguments they parse to; the
// multibulk and inline forms follow redis-server's processMultibulkBuffer
// and processInlineBuffer (sdssplitargs).
var commandCases = []struct {
	name string
	in   string
	args []string
}{
	{"multibulk", mb("SET", "key", "value"), []string{"SET", "key", "value"}},
	{"multibulk empty arg", mb("SET", "k", ""), []string{"SET", "k", ""}},
	{"multibulk binary", mb("SET", "a\r\nb", "\x00\xff"), []string{"SET", "a\r\nb", "\x00\xff"}},
	{"multibulk one", mb("PING"), []string{"PING"}},
	{"multibulk zero count", "*0\r\n", nil},
	{"multibulk negative count", "*-1\r\n", nil},
	{"multibulk big arg", mb("ECHO", strings.Repeat("x", 100000)), []string{"ECHO", strings.Repeat("x", 100000)}},
	// Redis skips the two bytes after a bulk without checking them.
	{"multibulk no crlf after bulk", "*1\r\n$4\r\nPINGxx", []string{"PING"}},
	// A count line ends at the first '\r'; the byte after it is skipped.
	{"multibulk lone cr", "*1\rx$4\rxPING\r\n", []string{"PING"}},
	{"inline crlf", "SET a b\r\n", []string{"SET", "a", "b"}},
	{"inline lf", "SET a b\n", []string{"SET", "a", "b"}},
	{"inline spaces", "  SET \t a   b  \r\n", []string{"SET", "a", "b"}},
	{"inline empty", "\r\n", nil},
	{"inline blank", "   \n", nil},
	{"inline double quotes", `SET "a b" "c"` + "\r\n", []string{"SET", "a b", "c"}},
	{"inline single quotes", `SET 'a b' 'it\'s'` + "\r\n", []string{"SET", "a b", "it's"}},
	{"inline escapes", `ECHO "\n\r\t\b\a\\\"\q"` + "\n", []string{"ECHO", "\n\r\t\b\a\\\"q"}},
	{"inline hex", `ECHO "\x41\x7a\xff\x0" "\xZZ"` + "\n", []string{"ECHO", "Az\xffx0", "xZZ"}},
	{"inline single no escapes", `ECHO '\n\x41'` + "\n", []string{"ECHO", `\n\x41`}},
	{"inline empty quotes", `SET k ""` + "\n", []string{"SET", "k", ""}},
	// sdssplitargs starts a quoted part mid-word: a"b c" is one argument.
	{"inline quote inside word", `SET a"b c" x'y z'` + "\n", []string{"SET", "ab c", "xy z"}},
	// Only space, \t, \r and \n end an unquoted word; \v and \f do not,
	// though they are skipped between words and may follow a closing quote.
	{"inline vertical tab", "ECHO a\vb \v\f\"c\"\v\n", []string{"ECHO", "a\vb", "c"}},
	{"inline cr inside", "SET a\rb c\n", []string{"SET", "a", "b", "c"}},
	{"inline resp3 attribute", "|1\r\n", []string{"|1"}},
	{"inline resp3 push", ">2\r\n", []string{">2"}},
	{"inline dollar", "$3\r\n", []string{"$3"}},
	{"inline many", strings.Repeat("a ", 40) + "\n", strings.Fields(strings.Repeat("a ", 40))},
}

func TestReadCommand(t *testing.T) {
	for _, tc := range commandCases {
		t.Run(tc.name, func(t *testing.T) {
			args, n, err := parse(t, tc.in)
			if err != nil {
				t.Fatalf("error %v", err)
			}
			if n != len(tc.in) {
				t.Fatalf("n = %d, want %d", n, len(tc.in))
			}
			if !equalArgs(args, tc.args) {
				t.Fatalf("args = %q, want %q", args, tc.args)
			}
		})
	}
}

// TestReadCommandPartial cuts every frame at every byte: each prefix is an
// incomplete frame (n <= 0, no error, and a negative n never promises more
// than the whole frame), and the whole frame then parses once.
func TestReadCommandPartial(t *testing.T) {
	for _, tc := range commandCases {
		if len(tc.in) > 2000 {
			continue
		}
		for i := 0; i < len(tc.in); i++ {
			args, n, err := parse(t, tc.in[:i])
			if err != nil || n > 0 || len(args) != 0 {
				t.Fatalf("%s: prefix %q: args %q n %d err %v, want incomplete", tc.name, tc.in[:i], args, n, err)
			}
			if n < 0 && (-n > len(tc.in) || -n <= i) {
				t.Fatalf("%s: prefix of %d: needs %d bytes, frame has %d", tc.name, i, -n, len(tc.in))
			}
		}
	}
}

// TestReadCommandNeed checks the byte count promised for a big argument.
func TestReadCommandNeed(t *testing.T) {
	frame := mb("SET", "k", strings.Repeat("v", 5000))
	_, n, err := parse(t, frame[:100])
	if err != nil || n != -len(frame) {
		t.Fatalf("n = %d err %v, want %d", n, err, -len(frame))
	}
}

// TestReadCommandPipeline parses many frames, inline and multibulk, from
// one buffer.
func TestReadCommandPipeline(t *testing.T) {
	var buf bytes.Buffer
	var want [][]string
	for _, tc := range commandCases {
		buf.WriteString(tc.in)
		want = append(want, tc.args)
	}
	data := buf.Bytes()
	var scratch []byte
	var args [][]byte
	pos := 0
	for i, w := range want {
		var n int
		var err error
		args, n, err = ReadCommand(data[pos:], args, &scratch, DefaultLimits)
		if err != nil || n <= 0 {
			t.Fatalf("frame %d (%s): n %d err %v", i, commandCases[i].name, n, err)
		}
		got := make([]string, len(args))
		for j, a := range args {
			got[j] = string(a)
		}
		if !equalArgs(got, w) {
			t.Fatalf("frame %d (%s): %q, want %q", i, commandCases[i].name, got, w)
		}
		pos += n
	}
	if pos != len(data) {
		t.Fatalf("consumed %d of %d", pos, len(data))
	}
}

// TestReadCommandErrors checks the protocol errors, with the texts
// redis-server 7 replies (after "-ERR ") before closing the connection.
func TestReadCommandErrors(t *testing.T) {
	big := strings.Repeat("a", InlineMax+1)
	cases := []struct {
		in, err string
	}{
		{"*abc\r\n", "Protocol error: invalid multibulk length"},
		{"*01\r\n", "Protocol error: invalid multibulk length"},
		{"*+1\r\n", "Protocol error: invalid multibulk length"},
		{"*\r\n", "Protocol error: invalid multibulk length"},
		{"* 1\r\n", "Protocol error: invalid multibulk length"},
		{"*99999999999999999999\r\n", "Protocol error: invalid multibulk length"},
		{"*1\r\n$-1\r\n", "Protocol error: invalid bulk length"},
		{"*1\r\n$abc\r\n", "Protocol error: invalid bulk length"},
		{"*1\r\n$+3\r\nfoo\r\n", "Protocol error: invalid bulk length"},
		{"*1\r\n$03\r\nfoo\r\n", "Protocol error: invalid bulk length"},
		{"*1\r\n$\r\n", "Protocol error: invalid bulk length"},
		{"*1\r\n$600000000\r\n", "Protocol error: invalid bulk length"},
		{"*1\r\nx3\r\nfoo\r\n", "Protocol error: expected '$', got 'x'"},
		{"*2\r\n$1\r\na\r\n:1\r\n", "Protocol error: expected '$', got ':'"},
		{"*1\r\n\xaa3\r\n", "Protocol error: expected '$', got '\xaa'"},
		{"*1" + big, "Protocol error: too big mbulk count string"},
		{"*1\r\n$" + big, "Protocol error: too big bulk count string"},
		{big, "Protocol error: too big inline request"},
		{`SET "a` + "\r\n", "Protocol error: unbalanced quotes in request"},
		{`SET 'a` + "\r\n", "Protocol error: unbalanced quotes in request"},
		{`SET "a"b` + "\r\n", "Protocol error: unbalanced quotes in request"},
		{`SET 'a'b` + "\r\n", "Protocol error: unbalanced quotes in request"},
		{`SET "a\"` + "\r\n", "Protocol error: unbalanced quotes in request"},
		{`SET a"b` + "\r\n", "Protocol error: unbalanced quotes in request"},
		{`SET a"b"c` + "\r\n", "Protocol error: unbalanced quotes in request"},
	}
	for _, tc := range cases {
		_, n, err := parse(t, tc.in)
		if err == nil || err.Error() != tc.err {
			name := tc.in
			if len(name) > 40 {
				name = name[:40] + "..."
			}
			t.Errorf("%q: n %d err %v, want %q", name, n, err, tc.err)
		}
	}
}

// TestReadCommandNUL follows redis-server, which finds line ends with
// strchr: a NUL byte before the '\n' of an inline command or the '\r' of a
// count line leaves the frame incomplete until it is too big. NUL bytes in
// bulk arguments are plain data.
func TestReadCommandNUL(t *testing.T) {
	for _, in := range []string{"ECHO a\x00b\r\n", "*1\x00\r\n$4\r\nPING\r\n", "*1\r\n$4\x00\r\nPING\r\n"} {
		if args, n, err := parse(t, in); n > 0 || err != nil || len(args) != 0 {
			t.Errorf("%q: args %q n %d err %v, want incomplete", in, args, n, err)
		}
	}
	pad := strings.Repeat("x", InlineMax)
	if _, _, err := parse(t, "ECHO \x00"+pad+"\n"); err != ErrTooBigInline {
		t.Errorf("long line with NUL: err %v, want %v", err, ErrTooBigInline)
	}
	if args, n, err := parse(t, mb("ECHO", "a\x00b")); err != nil || n <= 0 || args[1] != "a\x00b" {
		t.Errorf("NUL in bulk: args %q n %d err %v", args, n, err)
	}
}

// TestReadCommandLimits checks that the limits passed in apply.
func TestReadCommandLimits(t *testing.T) {
	lim := Limits{MaxBulkLen: 10, MaxMultibulkLen: 3}
	var scratch []byte
	for _, tc := range []struct {
		in  string
		err error
	}{
		{mb("a", "0123456789"), nil},
		{mb("a", "01234567890"), ErrInvalidBulkLen},
		{mb("a", "b", "c"), nil},
		{mb("a", "b", "c", "d"), ErrInvalidMbulkLen},
	} {
		_, _, err := ReadCommand([]byte(tc.in), nil, &scratch, lim)
		if err != tc.err {
			t.Errorf("%q: err %v, want %v", tc.in, err, tc.err)
		}
	}
}

// TestReadCommandAliasing checks that arguments are capped slices: appending
// to one never overwrites the input after it.
func TestReadCommandAliasing(t *testing.T) {
	for _, in := range []string{mb("SET", "k", "v"), "SET k v\n", `SET "k" "v"` + "\n"} {
		buf := []byte(in)
		var scratch []byte
		args, _, err := ReadCommand(buf, nil, &scratch, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		for i := range args {
			if cap(args[i]) != len(args[i]) {
				t.Errorf("%q: arg %d has cap %d > len %d", in, i, cap(args[i]), len(args[i]))
			}
		}
		_ = append(args[1], 'X')
		if string(args[2]) != "v" {
			t.Errorf("%q: appending to an argument changed the next one", in)
		}
	}
}

// TestParseInt follows Redis's string2ll.
func TestParseInt(t *testing.T) {
	good := map[string]int64{"0": 0, "1": 1, "-1": -1, "9223372036854775807": 1<<63 - 1, "-9223372036854775808": -1 << 63, "123": 123}
	for s, want := range good {
		if v, ok := parseInt([]byte(s)); !ok || v != want {
			t.Errorf("parseInt(%q) = %d, %v", s, v, ok)
		}
	}
	for _, s := range []string{"", "-", "+1", "01", "-0", "00", " 1", "1 ", "1a", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "99999999999999999999", "123456789012345678901"} {
		if v, ok := parseInt([]byte(s)); ok {
			t.Errorf("parseInt(%q) = %d, want failure", s, v)
		}
	}
}

func BenchmarkReadCommand(b *testing.B) {
	frame := []byte(mb("SET", "key:000001", "value-value-value"))
	args := make([][]byte, 0, 8)
	var scratch []byte
	b.ReportAllocs()
	for b.Loop() {
		args, _, _ = ReadCommand(frame, args, &scratch, DefaultLimits)
	}
}
