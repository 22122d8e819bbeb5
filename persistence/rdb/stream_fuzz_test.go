package rdb

import (
	"bytes"
	"testing"
)

// FuzzParseStreamDump feeds stream payloads to the decoder: it must never
// panic or over-allocate, and what it accepts must re-encode to a payload
// that decodes to the same stream and re-encodes to the same bytes. The
// corpus holds payloads redis-server 7.0.15 wrote (plain and LZF).
func FuzzParseStreamDump(f *testing.F) {
	f.Add(AppendDump(nil, Value{Kind: Stream, Stream: &StreamValue{LastID: StreamID{1, 1}}}))
	f.Fuzz(func(t *testing.T, payload []byte) {
		// The footer is recomputed, so that mutations reach the decoder
		// instead of failing the checksum.
		if len(payload) >= 10 {
			payload = withFooter(payload[:len(payload)-10], 10)
		}
		v, err := ParseDump(payload)
		if err != nil || v.Kind != Stream {
			return
		}
		once := AppendDump(nil, v)
		again, err := ParseDump(once)
		if err != nil {
			t.Fatalf("re-encoded stream rejected: %v", err)
		}
		// Type 19 has no active time: it comes back as the seen time.
		want := *v.Stream
		want.Groups = append([]StreamGroup(nil), want.Groups...)
		for i := range want.Groups {
			g := &want.Groups[i]
			g.Consumers = append([]StreamConsumer(nil), g.Consumers...)
			for j := range g.Consumers {
				g.Consumers[j].ActiveTime = g.Consumers[j].SeenTime
			}
		}
		if d := streamDiff(again.Stream, &want); d != "" {
			t.Fatalf("round trip changed the stream: %s", d)
		}
		if twice := AppendDump(nil, again); !bytes.Equal(twice, once) {
			t.Fatal("encoding is not stable")
		}
	})
}

// corrupt rebuilds a valid payload after edit changed its body.
func corrupt(t *testing.T, payload []byte, edit func(body []byte) []byte) []byte {
	t.Helper()
	body := append([]byte(nil), payload[:len(payload)-10]...)
	return withFooter(edit(body), 10)
}

func TestStreamBadPayloads(t *testing.T) {
	small := readCorpusPayload(t, "testdata/stream_dumps/redis_stream_small")
	if _, err := ParseDump(small); err != nil {
		t.Fatal(err)
	}
	// Truncated anywhere (with a valid checksum): refused.
	for n := 1; n < len(small)-10; n++ {
		p := corrupt(t, small, func(b []byte) []byte { return b[:n] })
		if _, err := ParseDump(p); err == nil {
			t.Fatalf("payload truncated to %d bytes accepted", n)
		}
	}
	// Any single byte changed: never a panic; what is accepted is a
	// consistent stream that round-trips.
	for i := 1; i < len(small)-10; i++ {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			p := corrupt(t, small, func(b []byte) []byte { b[i] ^= x; return b })
			if v, err := ParseDump(p); err == nil {
				if _, err := ParseDump(AppendDump(nil, v)); err != nil {
					t.Fatalf("byte %d ^ %#x: accepted, but its re-encoding is refused", i, x)
				}
			}
		}
	}
	// The payload's layout (see redis_stream_small): type, node count,
	// 16-byte key, listpack length (2 bytes) at 19, the listpack at 21.
	lpStart := 21
	cases := []struct {
		name string
		edit func(b []byte) []byte
	}{
		{"node key of 15 bytes", func(b []byte) []byte { b[2] = 15; return b }},
		{"master count wrong", func(b []byte) []byte { b[lpStart+6] = 2; return b }},
		{"deleted count wrong", func(b []byte) []byte { b[lpStart+8] = 1; return b }},
		{"listpack element count wrong", func(b []byte) []byte { b[lpStart+4]++; return b }},
		{"listpack end byte missing", func(b []byte) []byte { b[lpStart+66] = 0; return b }},
		{"huge node count", func(b []byte) []byte {
			return append([]byte{b[0], 0x81, 0x0f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, b[2:]...)
		}},
	}
	for _, c := range cases {
		if _, err := ParseDump(corrupt(t, small, c.edit)); err == nil {
			t.Errorf("%s: accepted", c.name)
		}
	}
	// Structural checks on values the encoder writes as given.
	base := func() *StreamValue {
		v, _ := ParseDump(small)
		return v.Stream
	}
	bad := []struct {
		name string
		edit func(s *StreamValue)
	}{
		{"length not the live count", func(s *StreamValue) { s.Length = 2 }},
		{"last ID below an entry", func(s *StreamValue) { s.LastID = StreamID{1, 5} }},
		{"entries out of order", func(s *StreamValue) {
			e := s.Nodes[0].Entries
			e[0], e[1] = e[1], e[0]
		}},
		{"entry below its master", func(s *StreamValue) { s.Nodes[0].Master = StreamID{1, 2} }},
		{"empty node", func(s *StreamValue) {
			s.Nodes = append(s.Nodes, StreamNode{Master: StreamID{3, 0}})
		}},
		{"node overlapping the next", func(s *StreamValue) {
			n := s.Nodes[0]
			s.Nodes = []StreamNode{{Master: n.Master, Fields: n.Fields, Entries: []StreamEntry{n.Entries[0], n.Entries[2]}},
				{Master: StreamID{1, 2}, Fields: n.Fields, Entries: n.Entries[1:2]}}
		}},
		{"duplicate group", func(s *StreamValue) { s.Groups = append(s.Groups, s.Groups[0]) }},
		{"duplicate consumer", func(s *StreamValue) {
			g := &s.Groups[0]
			c := g.Consumers[0]
			c.PEL = nil
			g.Consumers = append(g.Consumers, c)
		}},
		{"pending entry without owner", func(s *StreamValue) { s.Groups[0].Consumers[0].PEL = s.Groups[0].Consumers[0].PEL[:1] }},
		{"consumer owning an ID not pending", func(s *StreamValue) {
			s.Groups[0].Consumers[0].PEL = append(s.Groups[0].Consumers[0].PEL, StreamID{9, 9})
		}},
		{"ID owned twice, another by none", func(s *StreamValue) {
			g := &s.Groups[0]
			g.Consumers[0].PEL = []StreamID{{1, 1}}
			g.Consumers = append(g.Consumers, StreamConsumer{Name: []byte("z"), PEL: []StreamID{{1, 1}}})
		}},
		{"duplicate pending entry", func(s *StreamValue) {
			g := &s.Groups[0]
			g.PEL = append(g.PEL, g.PEL[0])
		}},
	}
	for _, c := range bad {
		s := base()
		c.edit(s)
		if _, err := ParseDump(AppendDump(nil, Value{Kind: Stream, Stream: s})); err == nil {
			t.Errorf("%s: accepted", c.name)
		}
	}
}

// TestStreamHugeCountsDoNotAllocate checks that counts read from the
// input do not size allocations beyond what the input could hold.
func TestStreamHugeCountsDoNotAllocate(t *testing.T) {
	// A stream with no nodes, then a group whose PEL claims 2^32 entries.
	body := []byte{typeStreamListpacks2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 'g', 0, 0, 0, 0x80, 0xff, 0xff, 0xff, 0xff}
	p := withFooter(body, 10)
	allocs := testing.AllocsPerRun(10, func() {
		if _, err := ParseDump(p); err == nil {
			t.Fatal("accepted")
		}
	})
	if allocs > 20 {
		t.Fatalf("%v allocations", allocs)
	}
}
