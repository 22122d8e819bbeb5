package resp

import (
	"bytes"
	"math"
	"testing"
)

// The seed corpora are in testdata/fuzz/<FuzzName>/ (go's corpus file
// format); `go test` runs them as regression tests and `make fuzz` fuzzes
// each target for $(FUZZTIME).

// fuzzLimits are the limits each input is parsed with: Redis's defaults, and
// none at all, so lengths near the integer limits are reached.
var fuzzLimits = []Limits{DefaultLimits, {MaxBulkLen: math.MaxInt64, MaxMultibulkLen: math.MaxInt64}}

// FuzzReadCommand checks ReadCommand on any input: it never panics, never
// consumes more than it was given, promises more bytes only beyond what it
// has, and every command it parses, re-encoded as a multibulk frame, parses
// back to the same arguments. Frames are read one after another, as the
// server reads a pipeline.
func FuzzReadCommand(f *testing.F) {
	f.Add([]byte("*2\r\n$4\r\nECHO\r\n$3\r\nabc\r\n"))
	f.Add([]byte("SET \"a b\" 'c\\'d' \"\\x41\\n\"\r\nGET a\n"))
	f.Add([]byte("|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.1923\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lim := range fuzzLimits {
			var scratch, scratch2 []byte
			var args, back [][]byte
			buf := data
			for len(buf) > 0 {
				var n int
				var err error
				args, n, err = ReadCommand(buf, args, &scratch, lim)
				if n > len(buf) {
					t.Fatalf("n %d > len %d", n, len(buf))
				}
				if err != nil {
					if n != 0 || len(args) != 0 {
						t.Fatalf("error %v with n %d and %d args", err, n, len(args))
					}
					break
				}
				if n <= 0 {
					if -n != 0 && -n <= len(buf) {
						t.Fatalf("incomplete frame needs %d bytes but %d are there", -n, len(buf))
					}
					if len(args) != 0 {
						t.Fatalf("incomplete frame with %d args", len(args))
					}
					break
				}
				enc := encodeCommand(nil, args)
				var n2 int
				back, n2, err = ReadCommand(enc, back, &scratch2, fuzzLimits[1])
				if err != nil || n2 != len(enc) {
					t.Fatalf("re-encoded %q: n %d of %d, err %v", enc, n2, len(enc), err)
				}
				if len(back) != len(args) {
					t.Fatalf("re-encoded: %d args, want %d", len(back), len(args))
				}
				for i := range args {
					if !bytes.Equal(back[i], args[i]) {
						t.Fatalf("re-encoded arg %d: %q, want %q", i, back[i], args[i])
					}
				}
				buf = buf[n:]
			}
		}
	})
}

// encodeCommand appends args as a multibulk frame.
func encodeCommand(dst []byte, args [][]byte) []byte {
	dst = AppendArray(dst, len(args))
	for _, a := range args {
		dst = AppendBulk(dst, a)
	}
	return dst
}

// FuzzReadReply checks ReadReply on any input: it never panics or consumes
// more than it was given, and a parsed value written back as RESP parses to
// the same value.
func FuzzReadReply(f *testing.F) {
	for _, tc := range replyCases {
		f.Add([]byte(tc.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, n, err := ReadReply(data)
		if n > len(data) || n < 0 {
			t.Fatalf("n %d, len %d", n, len(data))
		}
		if err != nil || n == 0 {
			return
		}
		enc := encodeValue(nil, v)
		back, n2, err := ReadReply(enc)
		if err != nil || n2 != len(enc) {
			t.Fatalf("re-encoded %q: n %d of %d, err %v", enc, n2, len(enc), err)
		}
		if !equalValue(back, v) {
			t.Fatalf("re-encoded %q: %+v, want %+v", enc, back, v)
		}
	})
}
