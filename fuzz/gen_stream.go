package fuzz

import (
	"bytes"
	"slices"

	"github.com/updraftdb/updraft/persistence/rdb"
)

// Stream commands of the grammar. IDs are explicit (never "*", whose
// milliseconds come from each server's clock), small, and often out of
// order so that XADD's ordering errors come up; replies carrying idle or
// delivery times are compared approximately.
func init() {
	streamKey := func(g *Gen) string {
		if g.src.Intn(3) != 0 {
			return g.pick("s1", "s2", "stream")
		}
		return g.key()
	}
	// Streams are created on their own keys, and now and then on the
	// shared ones, where DUMP, RESTORE and the other types' commands
	// meet them.
	newStreamKey := func(g *Gen) string {
		if g.src.Intn(5) == 0 {
			return g.key()
		}
		return g.pick("s1", "s2", "stream")
	}
	id := func(g *Gen) string {
		switch g.src.Intn(8) {
		case 0:
			return g.pick("0-0", "0", "-", "+", "abc", "", "1-x", "18446744073709551615-18446744073709551615",
				"18446744073709551616", "-1", "(1-1", "(2", "007-1", "1-*")
		case 1:
			return g.pick("1", "2", "3", "5", "9")
		}
		return string(rune('1'+g.src.Intn(9))) + "-" + string(rune('0'+g.src.Intn(4)))
	}
	addID := func(g *Gen) string {
		if g.src.Intn(4) == 0 {
			return string(rune('1'+g.src.Intn(9))) + "-*"
		}
		return id(g)
	}
	group := func(g *Gen) string { return g.pick("g1", "g1", "g2", "nog") }
	consumer := func(g *Gen) string { return g.pick("c1", "c1", "c2", "c3") }
	fields := func(g *Gen, args []string) []string {
		for n := 1 + g.src.Intn(3); n > 0; n-- {
			args = append(args, g.pick("f", "f", "g", "field", g.value()), g.value())
		}
		return args
	}
	trim := func(g *Gen, args []string) []string {
		if g.src.Intn(2) == 0 {
			args = append(args, g.pick("MAXLEN", "maxlen"))
			if g.src.Intn(2) == 0 {
				args = append(args, g.pick("~", "=", "~"))
			}
			args = append(args, g.pick("0", "1", "2", "5", "-1", "abc"))
		} else {
			args = append(args, "MINID")
			if g.src.Intn(2) == 0 {
				args = append(args, g.pick("~", "="))
			}
			args = append(args, id(g))
		}
		if g.src.Intn(4) == 0 {
			args = append(args, "LIMIT", g.pick("0", "1", "3", "-1", "abc"))
		}
		return args
	}
	ids := func(g *Gen, args []string) []string {
		for n := 1 + g.src.Intn(3); n > 0; n-- {
			args = append(args, id(g))
		}
		return args
	}
	addGrammar(
		genCmd{"xadd", Exact, func(g *Gen) []string {
			args := []string{"XADD", newStreamKey(g)}
			if g.src.Intn(6) == 0 {
				args = append(args, "NOMKSTREAM")
			}
			if g.src.Intn(4) == 0 {
				args = trim(g, args)
			}
			return fields(g, append(args, addID(g)))
		}},
		genCmd{"xlen", Exact, func(g *Gen) []string { return []string{"XLEN", streamKey(g)} }},
		genCmd{"xrange", Exact, func(g *Gen) []string {
			args := []string{g.pick("XRANGE", "XREVRANGE"), streamKey(g), id(g), id(g)}
			if g.src.Intn(3) == 0 {
				args = append(args, g.pick("COUNT", "count", "LIMIT"), g.pick("0", "1", "2", "-1", "abc"))
			}
			return args
		}},
		genCmd{"xrevrange", Exact, func(g *Gen) []string { return []string{"XREVRANGE", streamKey(g), "+", "-"} }},
		genCmd{"xdel", Exact, func(g *Gen) []string { return ids(g, []string{"XDEL", streamKey(g)}) }},
		genCmd{"xtrim", Exact, func(g *Gen) []string { return trim(g, []string{"XTRIM", streamKey(g)}) }},
		genCmd{"xsetid", Exact, func(g *Gen) []string {
			args := []string{"XSETID", streamKey(g), id(g)}
			if g.src.Intn(3) == 0 {
				args = append(args, "ENTRIESADDED", g.pick("0", "3", "10", "-1", "abc"))
			}
			if g.src.Intn(3) == 0 {
				args = append(args, "MAXDELETEDID", id(g))
			}
			return args
		}},
		genCmd{"xread", Exact, func(g *Gen) []string {
			args := []string{"XREAD"}
			if g.src.Intn(3) == 0 {
				args = append(args, "COUNT", g.pick("1", "2", "0", "-1", "abc"))
			}
			n := 1 + g.src.Intn(2)
			args = append(args, "STREAMS")
			for i := 0; i < n; i++ {
				args = append(args, streamKey(g))
			}
			for i := 0; i < n; i++ {
				args = append(args, g.pick("0", "$", "1-1", "3", ">", "abc"))
			}
			return args
		}},
		genCmd{"xreadgroup", Exact, func(g *Gen) []string {
			args := []string{"XREADGROUP", "GROUP", group(g), consumer(g)}
			if g.src.Intn(3) == 0 {
				args = append(args, "COUNT", g.pick("1", "2", "0", "abc"))
			}
			if g.src.Intn(4) == 0 {
				args = append(args, "NOACK")
			}
			return append(args, "STREAMS", streamKey(g), g.pick(">", ">", ">", "0", "2-1", "$", "abc"))
		}},
		genCmd{"xack", Exact, func(g *Gen) []string { return ids(g, []string{"XACK", streamKey(g), group(g)}) }},
		genCmd{"xpending", Exact, func(g *Gen) []string { return []string{"XPENDING", streamKey(g), group(g)} }},
		genCmd{"xpending", Approx, func(g *Gen) []string {
			args := []string{"XPENDING", streamKey(g), group(g)}
			if g.src.Intn(3) == 0 {
				args = append(args, "IDLE", g.pick("0", "1000000", "abc"))
			}
			args = append(args, id(g), id(g), g.pick("10", "1", "0", "-1", "abc"))
			if g.src.Intn(2) == 0 {
				args = append(args, consumer(g))
			}
			return args
		}},
		genCmd{"xclaim", Exact, func(g *Gen) []string {
			args := []string{"XCLAIM", streamKey(g), group(g), consumer(g), g.pick("0", "0", "1000000", "-1", "abc")}
			args = ids(g, args)
			for n := g.src.Intn(3); n > 0; n-- {
				switch g.src.Intn(7) {
				case 0:
					args = append(args, "IDLE", g.pick("0", "1000", "abc"))
				case 1:
					args = append(args, "TIME", g.pick("0", "1000", "abc"))
				case 2:
					args = append(args, "RETRYCOUNT", g.pick("0", "5", "abc"))
				case 3:
					args = append(args, "FORCE")
				case 4:
					args = append(args, "JUSTID")
				case 5:
					args = append(args, "LASTID", id(g))
				default:
					args = append(args, "BOGUS")
				}
			}
			return args
		}},
		genCmd{"xautoclaim", Exact, func(g *Gen) []string {
			args := []string{"XAUTOCLAIM", streamKey(g), group(g), consumer(g), g.pick("0", "0", "1000000", "abc"), id(g)}
			if g.src.Intn(2) == 0 {
				args = append(args, "COUNT", g.pick("1", "2", "100", "0", "abc"))
			}
			if g.src.Intn(3) == 0 {
				args = append(args, "JUSTID")
			}
			return args
		}},
		genCmd{"xgroup|create", Exact, func(g *Gen) []string {
			args := []string{"XGROUP", "CREATE", newStreamKey(g), group(g), g.pick("$", "0", "2-1", "abc")}
			if g.src.Intn(2) == 0 {
				args = append(args, "MKSTREAM")
			}
			if g.src.Intn(4) == 0 {
				args = append(args, "ENTRIESREAD", g.pick("0", "2", "-1", "-2", "abc"))
			}
			return args
		}},
		genCmd{"xgroup|setid", Exact, func(g *Gen) []string {
			args := []string{"XGROUP", "SETID", streamKey(g), group(g), g.pick("$", "0", "2-1", "abc")}
			if g.src.Intn(3) == 0 {
				args = append(args, "ENTRIESREAD", g.pick("0", "2", "-1", "abc"))
			}
			return args
		}},
		genCmd{"xgroup|destroy", Exact, func(g *Gen) []string { return []string{"XGROUP", "DESTROY", streamKey(g), group(g)} }},
		genCmd{"xgroup|createconsumer", Exact, func(g *Gen) []string {
			return []string{"XGROUP", "CREATECONSUMER", streamKey(g), group(g), consumer(g)}
		}},
		genCmd{"xgroup|delconsumer", Exact, func(g *Gen) []string {
			return []string{"XGROUP", "DELCONSUMER", streamKey(g), group(g), consumer(g)}
		}},
		genCmd{"xinfo|stream", Exact, func(g *Gen) []string { return []string{"XINFO", "STREAM", streamKey(g)} }},
		genCmd{"xinfo|stream", Approx, func(g *Gen) []string {
			return []string{"XINFO", "STREAM", streamKey(g), "FULL", "COUNT", g.pick("0", "1", "5", "-1")}
		}},
		genCmd{"xinfo|groups", Exact, func(g *Gen) []string { return []string{"XINFO", "GROUPS", streamKey(g)} }},
		genCmd{"xinfo|consumers", Approx, func(g *Gen) []string { return []string{"XINFO", "CONSUMERS", streamKey(g), group(g)} }},
		genCmd{"dump", Payload, func(g *Gen) []string { return []string{"DUMP", streamKey(g)} }},
		genCmd{"restore", Exact, func(g *Gen) []string {
			args := g.restoreArgs()
			args[1] = newStreamKey(g)
			if len(args[3]) > 10 {
				// Not one of the corrupted payloads: a stream instead.
				args[3] = string(rdb.AppendDump(nil, g.streamValue()))
				if g.src.Intn(10) == 0 {
					args[3] = args[3][:len(args[3])/2] + args[3][len(args[3])/2+1:]
				}
			}
			return args
		}},
	)
	Covered = append(Covered, "xadd", "xlen", "xrange", "xrevrange", "xdel", "xtrim", "xsetid", "xread",
		"xreadgroup", "xack", "xpending", "xclaim", "xautoclaim", "xgroup|create", "xgroup|setid",
		"xgroup|destroy", "xgroup|createconsumer", "xgroup|delconsumer", "xgroup|help", "xinfo|stream",
		"xinfo|groups", "xinfo|consumers", "xinfo|help")
}

// streamValue is a random stream as RESTORE takes it: a few nodes of
// entries (some deleted) with their master fields, consistent counters,
// and groups whose PEL entries are each owned by one consumer. Times are
// in the past and the same for both servers, so idle times agree.
func (g *Gen) streamValue() rdb.Value {
	s := &rdb.StreamValue{}
	fieldSets := [][]string{{"f"}, {"f", "g"}, {"field"}, {"1"}, {"g", "f"}}
	id := rdb.StreamID{Ms: 1 + uint64(g.src.Intn(3)), Seq: uint64(g.src.Intn(3))}
	var ids []rdb.StreamID
	for n := g.src.Intn(12); n > 0; n-- {
		if g.src.Intn(3) == 0 {
			id = rdb.StreamID{Ms: id.Ms + 1 + uint64(g.src.Intn(3)), Seq: uint64(g.src.Intn(3))}
		} else {
			id.Seq++
		}
		names := fieldSets[g.src.Intn(len(fieldSets))]
		e := rdb.StreamEntry{ID: id, Deleted: g.src.Intn(4) == 0}
		for _, f := range names {
			e.Fields = append(e.Fields, []byte(f), []byte(g.value()))
		}
		if len(s.Nodes) == 0 || g.src.Intn(4) == 0 {
			node := rdb.StreamNode{Master: id}
			for _, f := range names {
				node.Fields = append(node.Fields, []byte(f))
			}
			s.Nodes = append(s.Nodes, node)
		}
		last := &s.Nodes[len(s.Nodes)-1]
		last.Entries = append(last.Entries, e)
		ids = append(ids, id)
		if e.Deleted {
			s.MaxDeletedID = id
		} else {
			if s.Length == 0 {
				s.FirstID = id
			}
			s.Length++
		}
	}
	s.LastID = id
	if g.src.Intn(4) == 0 {
		s.LastID.Ms += 5
	}
	s.EntriesAdded = uint64(len(ids) + g.src.Intn(3))
	pickID := func() rdb.StreamID {
		if len(ids) == 0 || g.src.Intn(4) == 0 {
			return rdb.StreamID{Ms: uint64(g.src.Intn(4)), Seq: uint64(g.src.Intn(2))}
		}
		return ids[g.src.Intn(len(ids))]
	}
	past := func() int64 { return 1700000000000 + int64(g.src.Intn(1000))*1000 }
	for _, name := range []string{"g1", "g2"} {
		if g.src.Intn(3) == 0 {
			continue
		}
		grp := rdb.StreamGroup{Name: []byte(name), LastID: pickID(), EntriesRead: int64(g.src.Intn(len(ids)+2)) - 1}
		var consumers []rdb.StreamConsumer
		for _, c := range []string{"c1", "c2", "c3"} {
			if g.src.Intn(2) == 0 {
				consumers = append(consumers, rdb.StreamConsumer{Name: []byte(c), SeenTime: past()})
			}
		}
		seen := map[rdb.StreamID]bool{}
		for n := g.src.Intn(5); n > 0 && len(consumers) > 0; n-- {
			pid := pickID()
			if seen[pid] {
				continue
			}
			seen[pid] = true
			grp.PEL = append(grp.PEL, rdb.StreamPending{ID: pid, DeliveryTime: past(),
				DeliveryCount: uint64(g.src.Intn(4))})
			c := &consumers[g.src.Intn(len(consumers))]
			c.PEL = append(c.PEL, pid)
		}
		grp.Consumers = consumers
		s.Groups = append(s.Groups, grp)
	}
	return rdb.Value{Kind: rdb.Stream, Stream: s}
}

// sameStream compares two dumped streams: everything exactly but the
// delivery and seen times, which come from each server's clock.
func sameStream(a, b *rdb.StreamValue) bool {
	if a.Length != b.Length || a.LastID != b.LastID || a.FirstID != b.FirstID ||
		a.MaxDeletedID != b.MaxDeletedID || a.EntriesAdded != b.EntriesAdded ||
		len(a.Nodes) != len(b.Nodes) || len(a.Groups) != len(b.Groups) {
		return false
	}
	for i := range a.Nodes {
		x, y := &a.Nodes[i], &b.Nodes[i]
		if x.Master != y.Master || !slices.EqualFunc(x.Fields, y.Fields, bytes.Equal) ||
			!slices.EqualFunc(x.Entries, y.Entries, func(e, f rdb.StreamEntry) bool {
				return e.ID == f.ID && e.Deleted == f.Deleted && slices.EqualFunc(e.Fields, f.Fields, bytes.Equal)
			}) {
			return false
		}
	}
	for i := range a.Groups {
		x, y := &a.Groups[i], &b.Groups[i]
		if !bytes.Equal(x.Name, y.Name) || x.LastID != y.LastID || x.EntriesRead != y.EntriesRead ||
			!slices.EqualFunc(x.PEL, y.PEL, func(p, q rdb.StreamPending) bool {
				return p.ID == q.ID && p.DeliveryCount == q.DeliveryCount &&
					closeEnough(float64(p.DeliveryTime), float64(q.DeliveryTime))
			}) ||
			!slices.EqualFunc(x.Consumers, y.Consumers, func(c, d rdb.StreamConsumer) bool {
				return bytes.Equal(c.Name, d.Name) && slices.Equal(c.PEL, d.PEL) &&
					closeEnough(float64(c.SeenTime), float64(d.SeenTime))
			}) {
			return false
		}
	}
	return true
}
