package rdb

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

// testEntry is an entry written by buildFile.
type testEntry struct {
	db  int
	key string
	v   Value
	exp int64
}

func testEntries() []testEntry {
	many := make([]string, 0, 1400)
	ttls := make([]int64, 0, 700)
	for i := 0; i < 700; i++ {
		many = append(many, "f"+strconv.Itoa(i), "v"+strconv.Itoa(i))
		ttls = append(ttls, int64(i%3)*(1<<40+int64(i)))
	}
	return []testEntry{
		{0, "s", Value{Kind: String, Str: []byte("hello")}, 0},
		{0, "int", Value{Kind: String, Str: []byte("-123456")}, 1 << 41},
		{0, "empty", Value{Kind: String, Str: []byte{}}, 0},
		{0, "lzf", Value{Kind: String, Str: []byte(strings.Repeat("abcdefgh", 1000))}, 0},
		{0, strings.Repeat("long compressible key ", 10), Value{Kind: String, Str: []byte("x")}, 0},
		{0, "list", Value{Kind: List, Elems: strs("a", "1", "", strings.Repeat("z", 9000))}, 0},
		{0, "set", Value{Kind: Set, Elems: strs("a", "b")}, 0},
		{0, "zset", Value{Kind: ZSet, Elems: strs("a", "b"), Scores: []float64{math.Inf(-1), 2.5}}, 0},
		{1, "hash", Value{Kind: Hash, Elems: strs("f", "v", "g", "12")}, 0},
		{1, "hashttl", Value{Kind: Hash, Elems: strs("f", "v", "g", "w", "h", "x"), TTLs: []int64{0, 1 << 41, 1<<41 - 5}}, 0},
		{1, "bighashttl", Value{Kind: Hash, Elems: strs(many...), TTLs: ttls}, 0},
		{2, "json", Value{Kind: JSON, Str: []byte(`{"a":[1,2,{"b":null}]}`)}, 0},
	}
}

// buildFile writes the test entries as a file.
func buildFile(t testing.TB, compress bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	fw := NewFileWriter(&buf, MaxVersion)
	fw.Compress = compress
	fw.WriteAuxFields("7.0.15", 1700000000, 12345)
	fw.WriteFunctions([][]byte{[]byte("#!lua name=lib\nredis.register_function('f', function() return 1 end)")})
	var chunk []byte
	db := -1
	for _, e := range testEntries() {
		if e.db != db {
			db = e.db
			chunk = AppendResizeDB(AppendSelectDB(chunk, db), 5, 1)
		}
		chunk = fw.AppendEntry(chunk, []byte(e.key), e.v, e.exp)
	}
	if err := fw.WriteRaw(chunk); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readAll reads every record, copying what Next's buffer holds.
func readAll(r io.Reader) (entries []testEntry, aux map[string]string, codes []string, err error) {
	fr, err := NewFileReader(r)
	if err != nil {
		return nil, nil, nil, err
	}
	aux = map[string]string{}
	for {
		rec, err := fr.Next()
		if err == io.EOF {
			return entries, aux, codes, nil
		}
		if err != nil {
			return entries, aux, codes, err
		}
		switch rec.Kind {
		case RecordEntry:
			v := rec.Value
			v.Str = append([]byte(nil), v.Str...)
			entries = append(entries, testEntry{rec.DB, string(rec.Key), v, rec.ExpireMs})
		case RecordAux:
			aux[string(rec.AuxKey)] = string(rec.AuxValue)
		case RecordFunction:
			codes = append(codes, string(rec.Code))
		}
	}
}

func TestFileRoundTrip(t *testing.T) {
	for _, compress := range []bool{false, true} {
		b := buildFile(t, compress)
		for name, r := range map[string]io.Reader{"whole": bytes.NewReader(b), "bytewise": iotest.OneByteReader(bytes.NewReader(b))} {
			entries, aux, codes, err := readAll(r)
			if err != nil {
				t.Fatalf("compress=%v %s: %v", compress, name, err)
			}
			want := testEntries()
			if len(entries) != len(want) {
				t.Fatalf("%d entries, want %d", len(entries), len(want))
			}
			for i, e := range entries {
				w := want[i]
				same := sameValue(e.v, w.v)
				if w.v.TTLs != nil {
					same = sameTTLs(e.v, w.v) && sameTTLs(w.v, e.v)
				}
				if e.db != w.db || e.key != w.key || e.exp != w.exp || !same {
					t.Fatalf("compress=%v entry %d: got %v %q %d %+v", compress, i, e.db, e.key, e.exp, short(e.v))
				}
			}
			if aux["redis-ver"] != "7.0.15" || aux["ctime"] != "1700000000" || aux["redis-bits"] != "64" || len(codes) != 1 {
				t.Fatalf("aux %v codes %q", aux, codes)
			}
		}
	}
	if plain, packed := buildFile(t, false), buildFile(t, true); len(packed) >= len(plain)-5000 {
		t.Fatalf("compression saved too little: %d -> %d bytes", len(plain), len(packed))
	}
}

// sameTTLs reports whether every field of b has the same value and TTL
// in a (a listpackex puts fields with TTLs first).
func sameTTLs(a, b Value) bool {
	type vt struct {
		v   string
		ttl int64
	}
	m := map[string]vt{}
	for i := 0; i < len(a.Elems)/2 && i < len(a.TTLs); i++ {
		m[string(a.Elems[2*i])] = vt{string(a.Elems[2*i+1]), a.TTLs[i]}
	}
	for i := 0; i < len(b.Elems)/2; i++ {
		if m[string(b.Elems[2*i])] != (vt{string(b.Elems[2*i+1]), b.TTLs[i]}) {
			return false
		}
	}
	return len(a.Elems) == len(b.Elems)
}

func TestFileTruncated(t *testing.T) {
	b := buildFile(t, true)
	// Every offset of the first 2 KB (header, aux fields, functions and
	// small entries), then every 37th.
	for n := 0; n < len(b); n++ {
		if n > 2048 && n%37 != 0 {
			continue
		}
		_, _, _, err := readAll(bytes.NewReader(b[:n]))
		if err == nil {
			t.Fatalf("file cut at %d of %d bytes accepted", n, len(b))
		}
		if n >= 9 && !errors.Is(err, ErrCorrupt) {
			t.Fatalf("cut at %d: %v is not ErrCorrupt", n, err)
		}
	}
}

func TestFileChecksum(t *testing.T) {
	b := buildFile(t, false)
	bad := append([]byte(nil), b...)
	bad[len(bad)-1] ^= 1
	if _, _, _, err := readAll(bytes.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "wrong checksum") {
		t.Fatalf("bad checksum: %v", err)
	}
	// A flipped byte inside a value is caught by the checksum at least.
	bad = append([]byte(nil), b...)
	bad[len(bad)/2] ^= 0x20
	if _, _, _, err := readAll(bytes.NewReader(bad)); err == nil {
		t.Fatal("flipped byte accepted")
	}
	// A zero checksum means checksums were disabled.
	zero := append([]byte(nil), b...)
	binary.LittleEndian.PutUint64(zero[len(zero)-8:], 0)
	if _, _, _, err := readAll(bytes.NewReader(zero)); err != nil {
		t.Fatalf("zero checksum: %v", err)
	}
}

// fileWith builds a file whose body is body, with a valid checksum.
func fileWith(version string, body []byte) []byte {
	b := append([]byte("REDIS"+version), body...)
	b = append(b, opEOF)
	return binary.LittleEndian.AppendUint64(b, Checksum(0, b))
}

func TestFileRefusals(t *testing.T) {
	moduleID := func(name string) uint64 {
		const charset = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		var id uint64
		for i := 0; i < 9; i++ {
			id = id<<6 | uint64(strings.IndexByte(charset, name[i]))
		}
		return id<<10 | 3
	}
	huge := AppendString(nil, []byte("k"))
	huge = append([]byte{typeString}, huge...)
	huge = append(huge, 0x81, 0x40, 0, 0, 0, 0, 0, 0, 0)
	cases := []struct {
		name, version string
		body          []byte
		want          string
	}{
		{"unknown type", "0010", append([]byte{30}, AppendString(nil, []byte("k"))...), `(key "k"): unknown value type 30`},
		{"module", "0010", AppendLen(append([]byte{typeModule2}, AppendString(nil, []byte("mykey"))...), moduleID("ReJSON-RL")),
			`(key "mykey"): module type "ReJSON-RL" is not supported`},
		{"pre-GA functions", "0010", []byte{opFunctionPre, 1, 'x'}, "pre-release"},
		{"future version", "0013", nil, "unsupported RDB version"},
		{"bad magic", "0010", nil, ""},
		{"huge length", "0010", huge, "cannot decode value"},
		{"db index", "0010", []byte{opSelectDB, 0xc0}, "corrupt opcode 254"},
	}
	for _, tc := range cases {
		b := fileWith(tc.version, tc.body)
		if tc.name == "bad magic" {
			b[0] = 'X'
			tc.want = "not an RDB file"
		}
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		_, _, _, err := readAll(bytes.NewReader(b))
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "offset") {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 8<<20 {
			t.Errorf("%s: allocated %d bytes", tc.name, grew)
		}
	}
}

func TestFileOldVersionsAndOpcodes(t *testing.T) {
	var body []byte
	body = append(body, opAux)
	body = AppendString(AppendString(body, []byte("redis-ver")), []byte("6.0.0"))
	body = AppendLen(append(body, opSlotInfo), 1)
	body = AppendLen(AppendLen(body, 2), 3)
	// A module aux payload: id, when opcode, when, then uint, string, EOF.
	body = AppendLen(append(body, opModuleAux), 12345)
	body = AppendLen(AppendLen(body, moduleOpUInt), 2)
	body = AppendLen(AppendLen(body, moduleOpUInt), 7)
	body = AppendString(AppendLen(body, moduleOpString), []byte("data"))
	body = append(AppendLen(body, moduleOpDouble), 0, 0, 0, 0, 0, 0, 0, 0)
	body = AppendLen(body, moduleOpEOF)
	body = AppendLen(append(body, opSelectDB), 3)
	body = binary.LittleEndian.AppendUint32(append(body, opExpireTime), 2000000000)
	body = AppendLen(append(body, opIdle), 77)
	body = append(body, opFreq, 9)
	body = AppendString(AppendString(append(body, typeString), []byte("k")), []byte("v"))
	fr, err := NewFileReader(bytes.NewReader(fileWith("0009", body)))
	if err != nil || fr.Version() != 9 {
		t.Fatal(err)
	}
	var got *Record
	for {
		rec, err := fr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec.Kind == RecordEntry {
			cp := *rec
			got = &cp
		}
	}
	if got == nil || got.DB != 3 || got.ExpireMs != 2000000000000 || got.Idle != 77 || got.Freq != 9 || string(got.Key) != "k" {
		t.Fatalf("entry %+v", got)
	}
}

func TestLZFRoundTrip(t *testing.T) {
	var z lzfCompressor
	rnd := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 300; i++ {
		n := rnd.IntN(20000) + 21
		in := make([]byte, n)
		alphabet := 1 + rnd.IntN(255)
		for j := range in {
			if j > 300 && rnd.IntN(4) == 0 {
				in[j] = in[j-1-rnd.IntN(300)]
			} else {
				in[j] = byte(rnd.IntN(alphabet))
			}
		}
		out, ok := z.compress(nil, in)
		if !ok {
			if alphabet < 8 {
				t.Fatalf("input of %d bytes over %d symbols did not compress", n, alphabet)
			}
			continue
		}
		back, err := lzfDecompress(out, n)
		if err != nil || !bytes.Equal(back, in) {
			t.Fatalf("round trip of %d bytes: %v", n, err)
		}
		again, err := lzfExpand([]byte("prefix"), out, n)
		if err != nil || string(again[:6]) != "prefix" || !bytes.Equal(again[6:], in) {
			t.Fatalf("lzfExpand of %d bytes: %v", n, err)
		}
		if _, err := lzfExpand(nil, out[:len(out)-1], n); err == nil {
			t.Fatal("lzfExpand accepted truncated data")
		}
	}
}

func BenchmarkFileReaderStrings(b *testing.B) {
	var buf bytes.Buffer
	fw := NewFileWriter(&buf, FileVersion)
	chunk := AppendSelectDB(nil, 0)
	for i := 0; i < 100000; i++ {
		chunk = fw.AppendEntry(chunk, []byte("key:"+strconv.Itoa(1000000+i)+"-pad"), Value{Kind: String, Str: []byte("value-value-value-value-" + strconv.Itoa(i))}, 0)
	}
	fw.WriteRaw(chunk)
	fw.Close()
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		fr, err := NewFileReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := fr.Next(); err != nil {
				if err != io.EOF {
					b.Fatal(err)
				}
				break
			}
		}
	}
}
