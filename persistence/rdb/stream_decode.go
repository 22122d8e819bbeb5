package rdb

import (
	"bytes"
	"encoding/binary"
	"sort"
)

// Decoding of stream values (stream.go describes the layout). The decoder
// checks what the engine relies on, more strictly than redis-server without
// sanitize-dump-payload: entry IDs strictly increasing across nodes and
// below the next node's master ID, no empty node, the length and the
// master entry's counters matching the entries, the last ID not below any
// entry, unique group and consumer names, and every pending entry owned by
// exactly one consumer. Groups, consumers and PELs come out sorted, as
// Redis's radix trees keep them.

// streamPendingBytes is the least a PEL entry takes in the input (ID,
// delivery time, count), to bound preallocation.
const streamPendingBytes = 16 + 8 + 1

// streamValue reads a stream of type typ (15, 19 or 21).
func (r *Reader) streamValue(typ byte) (*StreamValue, error) {
	s := &StreamValue{}
	nodes, err := r.count()
	if err != nil {
		return nil, err
	}
	s.Nodes = make([]StreamNode, 0, min(nodes, r.Rest()/17))
	var live uint64
	var prev StreamID
	for i := 0; i < nodes; i++ {
		key, err := r.String()
		if err != nil || len(key) != 16 {
			return nil, ErrBadFormat
		}
		master := StreamID{binary.BigEndian.Uint64(key), binary.BigEndian.Uint64(key[8:])}
		if i > 0 && !prev.Less(master) {
			return nil, ErrBadFormat
		}
		lp, err := r.String()
		if err != nil {
			return nil, err
		}
		n, err := parseStreamNode(master, lp)
		if err != nil {
			return nil, err
		}
		if i > 0 && !prev.Less(n.Entries[0].ID) {
			return nil, ErrBadFormat
		}
		for _, e := range n.Entries {
			if !e.Deleted {
				live++
			}
		}
		prev = n.Entries[len(n.Entries)-1].ID
		s.Nodes = append(s.Nodes, n)
	}
	if s.Length, err = r.u64(); err != nil {
		return nil, err
	}
	if s.LastID, err = r.streamID(); err != nil {
		return nil, err
	}
	if s.Length != live || nodes > 0 && s.LastID.Less(prev) {
		return nil, ErrBadFormat
	}
	if typ == typeStreamListpacks {
		// Redis 5 and 6 kept no counters: Redis 7 derives them on load.
		s.EntriesAdded = s.Length
		s.FirstID = StreamID{^uint64(0), ^uint64(0)}
		if first, ok := s.firstLive(); ok {
			s.FirstID = first
		}
	} else {
		if s.FirstID, err = r.streamID(); err != nil {
			return nil, err
		}
		if s.MaxDeletedID, err = r.streamID(); err != nil {
			return nil, err
		}
		if s.EntriesAdded, err = r.u64(); err != nil {
			return nil, err
		}
	}
	if err := r.streamGroups(s, typ); err != nil {
		return nil, err
	}
	return s, nil
}

// u64 reads a length-encoded integer of up to 64 bits.
func (r *Reader) u64() (uint64, error) {
	n, enc, err := r.length()
	if err != nil || enc {
		return 0, ErrBadFormat
	}
	return n, nil
}

func (r *Reader) streamID() (StreamID, error) {
	ms, err := r.u64()
	if err != nil {
		return StreamID{}, err
	}
	seq, err := r.u64()
	return StreamID{ms, seq}, err
}

// rawStreamID reads a 16-byte big-endian ID.
func (r *Reader) rawStreamID() (StreamID, error) {
	b, err := r.bytes(16)
	if err != nil {
		return StreamID{}, err
	}
	return StreamID{binary.BigEndian.Uint64(b), binary.BigEndian.Uint64(b[8:])}, nil
}

func (r *Reader) millis() (int64, error) {
	b, err := r.bytes(8)
	if err != nil {
		return 0, err
	}
	return int64(binary.LittleEndian.Uint64(b)), nil
}

// firstLive is the ID of the first entry not deleted.
func (s *StreamValue) firstLive() (StreamID, bool) {
	for _, n := range s.Nodes {
		for _, e := range n.Entries {
			if !e.Deleted {
				return e.ID, true
			}
		}
	}
	return StreamID{}, false
}

// parseStreamNode decodes one node's listpack.
func parseStreamNode(master StreamID, lp []byte) (StreamNode, error) {
	n := StreamNode{Master: master}
	c, err := newLPCursor(lp)
	if err != nil {
		return n, ErrBadFormat
	}
	count, err1 := c.int()
	deleted, err2 := c.int()
	nf, err3 := c.int()
	if err1 != nil || err2 != nil || err3 != nil || count < 0 || deleted < 0 ||
		nf < 0 || nf > int64(len(lp)) || count+deleted > int64(len(lp)) {
		return n, ErrBadFormat
	}
	n.Fields = make([][]byte, nf)
	for i := range n.Fields {
		if n.Fields[i], err = c.str(); err != nil {
			return n, ErrBadFormat
		}
	}
	if zero, err := c.int(); err != nil || zero != 0 {
		return n, ErrBadFormat
	}
	n.Entries = make([]StreamEntry, 0, count+deleted)
	var live, dead int64
	for !c.done() {
		e, err := parseStreamEntry(&c, &n)
		if err != nil {
			return n, err
		}
		if e.ID.Less(master) || len(n.Entries) > 0 && !n.Entries[len(n.Entries)-1].ID.Less(e.ID) {
			return n, ErrBadFormat
		}
		if e.Deleted {
			dead++
		} else {
			live++
		}
		n.Entries = append(n.Entries, e)
	}
	if len(n.Entries) == 0 || live != count || dead != deleted || !c.countOK(lp) {
		return n, ErrBadFormat
	}
	return n, nil
}

// parseStreamEntry decodes the entry at the cursor.
func parseStreamEntry(c *lpCursor, n *StreamNode) (StreamEntry, error) {
	var e StreamEntry
	flags, err1 := c.int()
	msd, err2 := c.int()
	seqd, err3 := c.int()
	if err1 != nil || err2 != nil || err3 != nil || flags&^(streamFlagDeleted|streamFlagSameFields) != 0 {
		return e, ErrBadFormat
	}
	e.ID = StreamID{n.Master.Ms + uint64(msd), n.Master.Seq + uint64(seqd)}
	if e.ID.Ms < n.Master.Ms {
		return e, ErrBadFormat // the delta overflowed
	}
	e.Deleted = flags&streamFlagDeleted != 0
	nf := int64(len(n.Fields))
	elems := int64(3)
	var err error
	if flags&streamFlagSameFields != 0 {
		e.Fields = make([][]byte, 2*nf)
		for i := int64(0); i < nf; i++ {
			e.Fields[2*i] = n.Fields[i]
			if e.Fields[2*i+1], err = c.str(); err != nil {
				return e, ErrBadFormat
			}
		}
	} else {
		if nf, err = c.int(); err != nil || nf < 0 || nf > int64(len(c.b)) {
			return e, ErrBadFormat
		}
		elems += nf + 1
		e.Fields = make([][]byte, 2*nf)
		for i := range e.Fields {
			if e.Fields[i], err = c.str(); err != nil {
				return e, ErrBadFormat
			}
		}
	}
	if lpCount, err := c.int(); err != nil || lpCount != elems+nf {
		return e, ErrBadFormat
	}
	return e, nil
}

// streamGroups reads the consumer groups.
func (r *Reader) streamGroups(s *StreamValue, typ byte) error {
	ng, err := r.count()
	if err != nil {
		return err
	}
	s.Groups = make([]StreamGroup, 0, min(ng, maxPrealloc))
	for i := 0; i < ng; i++ {
		g := StreamGroup{}
		if g.Name, err = r.String(); err != nil {
			return err
		}
		if g.LastID, err = r.streamID(); err != nil {
			return err
		}
		if typ == typeStreamListpacks {
			g.EntriesRead = s.estimateDistance(g.LastID)
		} else {
			u, err := r.u64()
			if err != nil {
				return err
			}
			g.EntriesRead = int64(u)
		}
		if err := r.streamPEL(&g); err != nil {
			return err
		}
		if err := r.streamConsumers(&g, typ); err != nil {
			return err
		}
		s.Groups = append(s.Groups, g)
	}
	sort.Slice(s.Groups, func(i, j int) bool { return bytes.Compare(s.Groups[i].Name, s.Groups[j].Name) < 0 })
	for i := 1; i < len(s.Groups); i++ {
		if bytes.Equal(s.Groups[i-1].Name, s.Groups[i].Name) {
			return ErrBadFormat
		}
	}
	return nil
}

func (r *Reader) streamPEL(g *StreamGroup) error {
	n, err := r.count()
	if err != nil {
		return err
	}
	g.PEL = make([]StreamPending, 0, min(n, r.Rest()/streamPendingBytes))
	for i := 0; i < n; i++ {
		var p StreamPending
		if p.ID, err = r.rawStreamID(); err != nil {
			return err
		}
		if p.DeliveryTime, err = r.millis(); err != nil {
			return err
		}
		if p.DeliveryCount, err = r.u64(); err != nil {
			return err
		}
		g.PEL = append(g.PEL, p)
	}
	sort.Slice(g.PEL, func(i, j int) bool { return g.PEL[i].ID.Less(g.PEL[j].ID) })
	for i := 1; i < len(g.PEL); i++ {
		if g.PEL[i-1].ID == g.PEL[i].ID {
			return ErrBadFormat
		}
	}
	return nil
}

// streamConsumers reads a group's consumers and checks that their PELs
// split the group's among them.
func (r *Reader) streamConsumers(g *StreamGroup, typ byte) error {
	n, err := r.count()
	if err != nil {
		return err
	}
	g.Consumers = make([]StreamConsumer, 0, min(n, maxPrealloc))
	owned := 0
	for i := 0; i < n; i++ {
		var c StreamConsumer
		if c.Name, err = r.String(); err != nil {
			return err
		}
		if c.SeenTime, err = r.millis(); err != nil {
			return err
		}
		c.ActiveTime = c.SeenTime
		if typ == typeStreamListpacks3 {
			if c.ActiveTime, err = r.millis(); err != nil {
				return err
			}
		}
		np, err := r.count()
		if err != nil {
			return err
		}
		c.PEL = make([]StreamID, 0, min(np, r.Rest()/16))
		for j := 0; j < np; j++ {
			id, err := r.rawStreamID()
			if err != nil {
				return err
			}
			if !g.hasPending(id) {
				return ErrBadFormat // not in the group's PEL
			}
			c.PEL = append(c.PEL, id)
		}
		sort.Slice(c.PEL, func(i, j int) bool { return c.PEL[i].Less(c.PEL[j]) })
		for j := 1; j < len(c.PEL); j++ {
			if c.PEL[j-1] == c.PEL[j] {
				return ErrBadFormat
			}
		}
		owned += len(c.PEL)
		g.Consumers = append(g.Consumers, c)
	}
	sort.Slice(g.Consumers, func(i, j int) bool { return bytes.Compare(g.Consumers[i].Name, g.Consumers[j].Name) < 0 })
	for i := 1; i < len(g.Consumers); i++ {
		if bytes.Equal(g.Consumers[i-1].Name, g.Consumers[i].Name) {
			return ErrBadFormat
		}
	}
	// Each consumer's IDs are distinct and in the group's PEL, so the
	// PEL is split exactly when the counts add up (no ID twice, none
	// without an owner).
	if owned != len(g.PEL) {
		return ErrBadFormat
	}
	return g.checkOwnersDistinct()
}

func (g *StreamGroup) hasPending(id StreamID) bool {
	i := sort.Search(len(g.PEL), func(i int) bool { return !g.PEL[i].ID.Less(id) })
	return i < len(g.PEL) && g.PEL[i].ID == id
}

// checkOwnersDistinct refuses an ID listed by two consumers.
func (g *StreamGroup) checkOwnersDistinct() error {
	if len(g.Consumers) < 2 {
		return nil
	}
	seen := make(map[StreamID]struct{}, len(g.PEL))
	for _, c := range g.Consumers {
		for _, id := range c.PEL {
			if _, dup := seen[id]; dup {
				return ErrBadFormat
			}
			seen[id] = struct{}{}
		}
	}
	return nil
}

// estimateDistance is Redis's streamEstimateDistanceFromFirstEverEntry,
// which Redis 7 uses to give the groups of an older stream a read counter.
func (s *StreamValue) estimateDistance(id StreamID) int64 {
	added := int64(s.EntriesAdded)
	if added == 0 {
		return 0
	}
	if s.Length == 0 && !s.LastID.Less(id) {
		return added
	}
	switch {
	case id == s.LastID:
		return added
	case s.LastID.Less(id):
		return StreamInvalidRead
	}
	zero := StreamID{}
	if s.MaxDeletedID == zero || s.MaxDeletedID.Less(s.FirstID) {
		switch {
		case id.Less(s.FirstID):
			return added - int64(s.Length)
		case id == s.FirstID:
			return added - int64(s.Length) + 1
		}
	}
	return StreamInvalidRead
}
