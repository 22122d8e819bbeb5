package engine

import (
	"encoding/binary"
	"sort"

	"github.com/updraftdb/updraft/persistence/rdb"
)

// DUMP and RESTORE of streams (t_dump.go). A stream serializes node by
// node, deleted entries included, so that persistence/rdb writes the same
// listpacks redis-server keeps; restoring rebuilds the same nodes (not
// re-splitting them by the current node limits, as Redis keeps the
// listpacks it loads), with the counters, groups, PELs and consumers of
// the payload.

// dumpValue implements dumper.
func (s *stream) dumpValue() rdb.Value {
	sv := &rdb.StreamValue{
		Nodes:        make([]rdb.StreamNode, len(s.nodes)),
		Length:       uint64(s.length),
		LastID:       rdbID(s.lastID),
		FirstID:      rdbID(s.firstID),
		MaxDeletedID: rdbID(s.maxDeleted),
		EntriesAdded: uint64(s.entriesAdded),
		Groups:       make([]rdb.StreamGroup, len(s.groups)),
	}
	for i := range s.nodes {
		sv.Nodes[i] = s.nodes[i].dumpNode()
	}
	for i, g := range s.groups {
		rg := rdb.StreamGroup{
			Name:        append([]byte(nil), g.name...),
			LastID:      rdbID(g.lastID),
			EntriesRead: g.entriesRead,
			PEL:         make([]rdb.StreamPending, len(g.pel)),
			Consumers:   make([]rdb.StreamConsumer, len(g.consumers)),
		}
		for j, pe := range g.pel {
			rg.PEL[j] = rdb.StreamPending{ID: rdbID(pe.id), DeliveryTime: pe.deliveryTime, DeliveryCount: uint64(pe.deliveryCount)}
		}
		for j, c := range g.consumers {
			rc := rdb.StreamConsumer{Name: append([]byte(nil), c.name...), SeenTime: c.seenTime,
				ActiveTime: c.seenTime, PEL: make([]rdb.StreamID, len(c.pel))}
			for k, id := range c.pel {
				rc.PEL[k] = rdbID(id)
			}
			rg.Consumers[j] = rc
		}
		sv.Groups[i] = rg
	}
	return rdb.Value{Kind: rdb.Stream, Stream: sv}
}

func rdbID(id streamID) rdb.StreamID { return rdb.StreamID{Ms: id.ms, Seq: id.seq} }

func engineID(id rdb.StreamID) streamID { return streamID{id.Ms, id.Seq} }

// dumpNode copies a node's master fields and entries, deleted ones
// included. The strings share one copy of the node's block.
func (n *streamNode) dumpNode() rdb.StreamNode {
	buf := append([]byte(nil), n.buf...)
	cp := streamNode{buf: buf, master: n.master, nmaster: n.nmaster, entries: n.entries}
	rn := rdb.StreamNode{Master: rdbID(n.master), Fields: make([][]byte, n.nmaster)}
	p := 0
	for i := range rn.Fields {
		rn.Fields[i], p = readLenBytes(buf, p)
	}
	for p := int(n.entries); p < len(buf); {
		e := cp.decodeEntry(p)
		re := rdb.StreamEntry{ID: rdbID(e.id), Deleted: e.flags&streamDeleted != 0, Fields: make([][]byte, 0, 2*e.nf)}
		cp.eachField(&e, func(f, v []byte) { re.Fields = append(re.Fields, f, v) })
		rn.Entries = append(rn.Entries, re)
		p = e.end
	}
	return rn
}

// restoreStream builds a stream from a decoded value. persistence/rdb has
// checked the entries' order, the counters against the entries and the
// PELs against the consumers; an empty stream is valid (Redis keeps
// streams whose entries were all deleted).
func restoreStream(_ *Client, v rdb.Value) object {
	sv := v.Stream
	if sv == nil {
		return nil
	}
	s := &stream{
		nodes:        make([]streamNode, 0, len(sv.Nodes)),
		length:       int64(sv.Length),
		lastID:       engineID(sv.LastID),
		firstID:      engineID(sv.FirstID),
		maxDeleted:   engineID(sv.MaxDeletedID),
		entriesAdded: int64(sv.EntriesAdded),
	}
	for i := range sv.Nodes {
		s.nodes = append(s.nodes, restoreNode(&sv.Nodes[i]))
		s.mem += int64(cap(s.nodes[i].buf))
	}
	for i := range sv.Groups {
		rg := &sv.Groups[i]
		s.addGroup(rg.Name, engineID(rg.LastID), rg.EntriesRead)
	}
	// Groups are sorted by name in both, as addGroup keeps them.
	for i := range sv.Groups {
		restoreGroup(s, s.group(sv.Groups[i].Name), &sv.Groups[i])
	}
	return s
}

// restoreGroup fills group g with the PEL and consumers of rg.
func restoreGroup(s *stream, g *streamGroup, rg *rdb.StreamGroup) {
	g.pel = make([]pendingEntry, len(rg.PEL))
	for j, p := range rg.PEL {
		g.pel[j] = pendingEntry{id: engineID(p.ID), deliveryTime: p.DeliveryTime, deliveryCount: int64(p.DeliveryCount)}
	}
	s.mem += int64(len(g.pel)) * 48
	g.consumers = make([]*streamConsumer, len(rg.Consumers))
	for j := range rg.Consumers {
		rc := &rg.Consumers[j]
		c := &streamConsumer{name: append([]byte(nil), rc.Name...), seenTime: rc.SeenTime, pel: make([]streamID, len(rc.PEL))}
		for k, id := range rc.PEL {
			c.pel[k] = engineID(id)
			if pe := g.pending(c.pel[k]); pe != nil {
				pe.consumer = c
			}
		}
		g.consumers[j] = c
	}
	sort.Slice(g.consumers, func(a, b int) bool { return string(g.consumers[a].name) < string(g.consumers[b].name) })
}

// restoreNode rebuilds a node's block from its entries, with the counters
// and Redis listpack size that streamNode.append keeps.
func restoreNode(rn *rdb.StreamNode) streamNode {
	n := streamNode{master: engineID(rn.Master), nmaster: int32(len(rn.Fields))}
	n.lpBase = 6 + 1 + lpIntSize(int64(n.nmaster)) + lpIntSize(0)
	for _, f := range rn.Fields {
		n.buf = appendLenBytes(n.buf, f)
		n.lpBase += lpStrSize(f)
	}
	n.entries = int32(len(n.buf))
	for i := range rn.Entries {
		e := &rn.Entries[i]
		id := engineID(e.ID)
		flags := byte(0)
		if e.Deleted {
			flags |= streamDeleted
			n.deleted++
		} else {
			n.live++
		}
		same := n.sameMaster(e.Fields)
		if same {
			flags |= streamSameFields
		}
		n.buf = append(n.buf, flags)
		n.buf = binary.AppendUvarint(n.buf, id.ms-n.master.ms)
		n.buf = binary.AppendUvarint(n.buf, id.seq-n.master.seq)
		nf := int64(len(e.Fields) / 2)
		lpCount := nf + 3
		n.lpBase += 2 + lpIntSize(int64(id.ms-n.master.ms)) + lpIntSize(int64(id.seq-n.master.seq))
		if same {
			for j := 1; j < len(e.Fields); j += 2 {
				n.buf = appendLenBytes(n.buf, e.Fields[j])
				n.lpBase += lpStrSize(e.Fields[j])
			}
		} else {
			lpCount += nf + 1
			n.buf = binary.AppendUvarint(n.buf, uint64(nf))
			n.lpBase += lpIntSize(nf)
			for _, a := range e.Fields[:2*nf] {
				n.buf = appendLenBytes(n.buf, a)
				n.lpBase += lpStrSize(a)
			}
		}
		n.lpBase += lpIntSize(lpCount)
		n.last = id
	}
	return n
}

func init() { restorers[rdb.Stream] = restoreStream }
