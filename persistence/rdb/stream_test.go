package rdb

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// readCorpusPayload reads a payload saved in Go's fuzz corpus format.
func readCorpusPayload(t testing.TB, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	lit := strings.TrimSuffix(strings.TrimPrefix(lines[len(lines)-1], "[]byte("), ")")
	payload, err := strconv.Unquote(lit)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return []byte(payload)
}

// withFooter makes a DUMP payload of a value body: RDB version and CRC-64.
func withFooter(body []byte, version uint16) []byte {
	out := binary.LittleEndian.AppendUint16(append([]byte(nil), body...), version)
	return binary.LittleEndian.AppendUint64(out, Checksum(0, out))
}

// TestStreamDumpMatchesRedis re-encodes payloads redis-server 7.0.15 wrote
// with rdbcompression off (streams with groups, PELs and consumers, deleted
// and trimmed entries, several nodes, integer names, empty streams) and
// checks that the bytes are Redis's exactly.
func TestStreamDumpMatchesRedis(t *testing.T) {
	files, _ := filepath.Glob("testdata/stream_dumps/redis_*")
	if len(files) < 6 {
		t.Fatalf("found %d stream payloads", len(files))
	}
	for _, f := range files {
		payload := readCorpusPayload(t, f)
		v, err := ParseDump(payload)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if v.Kind != Stream || v.Stream == nil {
			t.Fatalf("%s: kind %d", f, v.Kind)
		}
		if got := AppendDump(nil, v); !bytes.Equal(got, payload) {
			i := 0
			for i < len(got) && i < len(payload) && got[i] == payload[i] {
				i++
			}
			t.Errorf("%s: re-encoded payload differs at byte %d of %d (got %d bytes)", f, i, len(payload), len(got))
		}
	}
}

// TestStreamLZFPayloads decodes the same streams dumped with Redis's
// default LZF compression: they decode to the same values, times aside.
func TestStreamLZFPayloads(t *testing.T) {
	files, _ := filepath.Glob("testdata/stream_dumps_lzf/redis_*")
	if len(files) < 6 {
		t.Fatalf("found %d stream payloads", len(files))
	}
	for _, f := range files {
		v, err := ParseDump(readCorpusPayload(t, f))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		plain, err := ParseDump(readCorpusPayload(t, filepath.Join("testdata/stream_dumps", filepath.Base(f))))
		if err != nil {
			t.Fatal(err)
		}
		if d := streamDiff(timeless(v.Stream), timeless(plain.Stream)); d != "" {
			t.Errorf("%s: compressed and plain payloads decode differently: %s", f, d)
		}
	}
}

// timeless copies a stream with its delivery and seen times zeroed.
func timeless(s *StreamValue) *StreamValue {
	cp := *s
	cp.Groups = append([]StreamGroup(nil), s.Groups...)
	for i := range cp.Groups {
		g := &cp.Groups[i]
		g.PEL = append([]StreamPending(nil), g.PEL...)
		for j := range g.PEL {
			g.PEL[j].DeliveryTime = 0
		}
		g.Consumers = append([]StreamConsumer(nil), g.Consumers...)
		for j := range g.Consumers {
			g.Consumers[j].SeenTime, g.Consumers[j].ActiveTime = 0, 0
		}
	}
	return &cp
}

func TestStreamDecodedContent(t *testing.T) {
	v, err := ParseDump(readCorpusPayload(t, "testdata/stream_dumps/redis_stream_small"))
	if err != nil {
		t.Fatal(err)
	}
	s := v.Stream
	want := []StreamEntry{
		{ID: StreamID{1, 1}, Fields: strs("a", "1", "b", "hello")},
		{ID: StreamID{1, 2}, Fields: strs("a", "2", "b", "x")},
		{ID: StreamID{2, 0}, Fields: strs("c", "3")},
	}
	if len(s.Nodes) != 1 || !reflect.DeepEqual(s.Nodes[0].Entries, want) ||
		!reflect.DeepEqual(s.Nodes[0].Fields, strs("a", "b")) {
		t.Fatalf("nodes: %+v", s.Nodes)
	}
	if s.Length != 3 || s.LastID != (StreamID{2, 0}) || s.FirstID != (StreamID{1, 1}) || s.EntriesAdded != 3 {
		t.Fatalf("counters: %+v", s)
	}
	if len(s.Groups) != 1 {
		t.Fatalf("groups: %+v", s.Groups)
	}
	g := s.Groups[0]
	if string(g.Name) != "g" || g.LastID != (StreamID{1, 2}) || g.EntriesRead != 2 || len(g.PEL) != 2 ||
		g.PEL[0].DeliveryCount != 1 || g.PEL[0].DeliveryTime < 1.6e12 ||
		len(g.Consumers) != 1 || string(g.Consumers[0].Name) != "c1" ||
		!reflect.DeepEqual(g.Consumers[0].PEL, []StreamID{{1, 1}, {1, 2}}) ||
		g.Consumers[0].ActiveTime != g.Consumers[0].SeenTime {
		t.Fatalf("group: %+v", g)
	}

	// Deleted entries and integer group and consumer names.
	v, err = ParseDump(readCorpusPayload(t, "testdata/stream_dumps/redis_stream_deleted"))
	if err != nil {
		t.Fatal(err)
	}
	s = v.Stream
	var live, dead uint64
	for _, n := range s.Nodes {
		for _, e := range n.Entries {
			if e.Deleted {
				dead++
			} else {
				live++
			}
		}
	}
	if live != s.Length || dead == 0 || s.MaxDeletedID.Ms == 0 {
		t.Fatalf("live %d dead %d length %d max-deleted %v", live, dead, s.Length, s.MaxDeletedID)
	}
	if string(s.Groups[0].Name) != "123" || string(s.Groups[0].Consumers[0].Name) != "-7" {
		t.Fatalf("names: %q %q", s.Groups[0].Name, s.Groups[0].Consumers[0].Name)
	}
}

// encodeOld writes a stream as type 15 (Redis 5 and 6: no counters, no
// entries-read) or 21 (Redis 7.2: consumers' active time), for tests.
func encodeOld(s *StreamValue, typ byte) []byte {
	dst := []byte{typ}
	dst = AppendLen(dst, uint64(len(s.Nodes)))
	for i := range s.Nodes {
		dst = appendRawStreamID(AppendLen(dst, 16), s.Nodes[i].Master)
		dst = AppendString(dst, AppendStreamListpack(nil, &s.Nodes[i]))
	}
	dst = appendStreamID(AppendLen(dst, s.Length), s.LastID)
	if typ != typeStreamListpacks {
		dst = appendStreamID(appendStreamID(dst, s.FirstID), s.MaxDeletedID)
		dst = AppendLen(dst, s.EntriesAdded)
	}
	dst = AppendLen(dst, uint64(len(s.Groups)))
	for _, g := range s.Groups {
		dst = appendStreamID(AppendString(dst, g.Name), g.LastID)
		if typ != typeStreamListpacks {
			dst = AppendLen(dst, uint64(g.EntriesRead))
		}
		dst = AppendLen(dst, uint64(len(g.PEL)))
		for _, p := range g.PEL {
			dst = binary.LittleEndian.AppendUint64(appendRawStreamID(dst, p.ID), uint64(p.DeliveryTime))
			dst = AppendLen(dst, p.DeliveryCount)
		}
		dst = AppendLen(dst, uint64(len(g.Consumers)))
		for _, c := range g.Consumers {
			dst = binary.LittleEndian.AppendUint64(AppendString(dst, c.Name), uint64(c.SeenTime))
			if typ == typeStreamListpacks3 {
				dst = binary.LittleEndian.AppendUint64(dst, uint64(c.ActiveTime))
			}
			dst = AppendLen(dst, uint64(len(c.PEL)))
			for _, id := range c.PEL {
				dst = appendRawStreamID(dst, id)
			}
		}
	}
	return dst
}

func TestStreamOlderAndNewerTypes(t *testing.T) {
	v, err := ParseDump(readCorpusPayload(t, "testdata/stream_dumps/redis_stream_deleted"))
	if err != nil {
		t.Fatal(err)
	}
	s := v.Stream
	// Redis 7.2's type 21 adds the consumers' active time.
	s21 := timeless(s)
	for i := range s21.Groups {
		for j := range s21.Groups[i].Consumers {
			s21.Groups[i].Consumers[j].SeenTime = 1000
			s21.Groups[i].Consumers[j].ActiveTime = 2000 + int64(j)
		}
	}
	got, err := ParseDump(withFooter(encodeOld(s21, typeStreamListpacks3), 11))
	if err != nil {
		t.Fatal(err)
	}
	if d := streamDiff(got.Stream, s21); d != "" {
		t.Fatalf("type 21: %s", d)
	}
	// Redis 6's type 15 has no counters: they are derived as Redis 7
	// derives them (entries-added = length, the first live ID, no max
	// deleted ID, groups' entries-read estimated).
	got, err = ParseDump(withFooter(encodeOld(s, typeStreamListpacks), 9))
	if err != nil {
		t.Fatal(err)
	}
	g := got.Stream
	if g.EntriesAdded != s.Length || g.FirstID != s.FirstID || g.MaxDeletedID != (StreamID{}) ||
		len(g.Nodes) != len(s.Nodes) || len(g.Groups) != len(s.Groups) {
		t.Fatalf("type 15: counters %v %v %v", g.EntriesAdded, g.FirstID, g.MaxDeletedID)
	}
	if d := streamDiff(&StreamValue{Nodes: g.Nodes}, &StreamValue{Nodes: s.Nodes}); d != "" {
		t.Fatalf("type 15: %s", d)
	}
	for _, gr := range g.Groups {
		if want := g.estimateDistance(gr.LastID); gr.EntriesRead != want {
			t.Errorf("group %s entries-read %d, want %d", gr.Name, gr.EntriesRead, want)
		}
	}
	// An empty type-15 stream's first ID is the maximum one, as Redis's
	// streamGetEdgeID reports when there is no entry.
	got, err = ParseDump(withFooter(encodeOld(&StreamValue{LastID: StreamID{5, 5}}, typeStreamListpacks), 9))
	if err != nil || got.Stream.FirstID != (StreamID{^uint64(0), ^uint64(0)}) {
		t.Fatalf("empty type 15: %v %+v", err, got.Stream)
	}
}

func TestStreamRoundTrip(t *testing.T) {
	s := &StreamValue{
		Nodes: []StreamNode{
			{Master: StreamID{5, 10}, Fields: strs("f", "g"), Entries: []StreamEntry{
				{ID: StreamID{5, 10}, Fields: strs("f", "1", "g", "-1")},
				{ID: StreamID{5, 11}, Deleted: true, Fields: strs("f", "x", "g", strings.Repeat("y", 5000))},
				{ID: StreamID{7, 0}, Fields: strs("other", "9223372036854775807")},
				{ID: StreamID{1 << 62, 3}, Fields: strs("f", "-9223372036854775808", "g", "007")},
			}},
			{Master: StreamID{1<<62 + 1, 0}, Fields: strs("1"), Entries: []StreamEntry{
				{ID: StreamID{1<<62 + 1, 0}, Deleted: true, Fields: strs("1", "2")},
				{ID: StreamID{1<<62 + 1, 1}, Fields: strs("1", "2")},
			}},
		},
		Length: 4, LastID: StreamID{1 << 63, 0}, FirstID: StreamID{5, 10}, MaxDeletedID: StreamID{1<<62 + 1, 0},
		EntriesAdded: 100,
		Groups: []StreamGroup{
			{Name: strs("10")[0], LastID: StreamID{7, 0}, EntriesRead: StreamInvalidRead,
				PEL: []StreamPending{{StreamID{5, 10}, 1700000000000, 3}, {StreamID{7, 0}, -5, 1 << 40}},
				Consumers: []StreamConsumer{
					{Name: []byte("a"), SeenTime: 17, ActiveTime: 17, PEL: []StreamID{{7, 0}}},
					{Name: []byte("b"), SeenTime: 18, ActiveTime: 18, PEL: []StreamID{{5, 10}}},
					{Name: []byte(""), SeenTime: 0, ActiveTime: 0, PEL: []StreamID{}},
				}},
		},
	}
	// Consumers come back sorted by name.
	want := *s
	want.Groups = []StreamGroup{s.Groups[0]}
	want.Groups[0].Consumers = []StreamConsumer{s.Groups[0].Consumers[2], s.Groups[0].Consumers[0], s.Groups[0].Consumers[1]}
	payload := AppendDump(nil, Value{Kind: Stream, Stream: s})
	got, err := ParseDump(payload)
	if err != nil {
		t.Fatal(err)
	}
	if d := streamDiff(got.Stream, &want); d != "" {
		t.Fatalf("round trip: %s", d)
	}
	if again := AppendDump(nil, got); !bytes.Equal(again, AppendDump(nil, Value{Kind: Stream, Stream: &want})) {
		t.Fatal("re-encoding differs")
	}
}

// streamDiff names the first difference between two streams ("" if none),
// nil and empty slices alike.
func streamDiff(a, b *StreamValue) string {
	if len(a.Nodes) != len(b.Nodes) {
		return "node count " + strconv.Itoa(len(a.Nodes)) + " vs " + strconv.Itoa(len(b.Nodes))
	}
	for i := range a.Nodes {
		x, y := &a.Nodes[i], &b.Nodes[i]
		if x.Master != y.Master || !sameBytes(x.Fields, y.Fields) || len(x.Entries) != len(y.Entries) {
			return "node " + strconv.Itoa(i)
		}
		for j := range x.Entries {
			if x.Entries[j].ID != y.Entries[j].ID || x.Entries[j].Deleted != y.Entries[j].Deleted ||
				!sameBytes(x.Entries[j].Fields, y.Entries[j].Fields) {
				return "node " + strconv.Itoa(i) + " entry " + strconv.Itoa(j)
			}
		}
	}
	if a.Length != b.Length || a.LastID != b.LastID || a.FirstID != b.FirstID ||
		a.MaxDeletedID != b.MaxDeletedID || a.EntriesAdded != b.EntriesAdded {
		return "counters"
	}
	if len(a.Groups) != len(b.Groups) {
		return "group count"
	}
	for i := range a.Groups {
		x, y := &a.Groups[i], &b.Groups[i]
		if !bytes.Equal(x.Name, y.Name) || x.LastID != y.LastID || x.EntriesRead != y.EntriesRead ||
			len(x.PEL) != len(y.PEL) || len(x.Consumers) != len(y.Consumers) {
			return "group " + strconv.Itoa(i)
		}
		for j := range x.PEL {
			if x.PEL[j] != y.PEL[j] {
				return "group " + strconv.Itoa(i) + " pending " + strconv.Itoa(j)
			}
		}
		for j := range x.Consumers {
			c, d := &x.Consumers[j], &y.Consumers[j]
			if !bytes.Equal(c.Name, d.Name) || c.SeenTime != d.SeenTime || c.ActiveTime != d.ActiveTime ||
				len(c.PEL) != len(d.PEL) {
				return "group " + strconv.Itoa(i) + " consumer " + strconv.Itoa(j)
			}
			for k := range c.PEL {
				if c.PEL[k] != d.PEL[k] {
					return "group " + strconv.Itoa(i) + " consumer " + strconv.Itoa(j) + " pending"
				}
			}
		}
	}
	return ""
}

func sameBytes(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}
