package engine

import "sort"

// Stream consumer groups: the group's pending entries list (PEL), ordered
// by ID, and its consumers, ordered by name (Redis keeps both in radix
// trees, so replies list them in that order), each with its own PEL.

// streamInvalidRead is Redis's SCG_INVALID_ENTRIES_READ.
const streamInvalidRead = -1

// streamGroup is a consumer group.
type streamGroup struct {
	name        []byte
	lastID      streamID
	entriesRead int64
	pel         []pendingEntry // ordered by id
	consumers   []*streamConsumer
}

// pendingEntry is a delivered, not yet acknowledged entry.
type pendingEntry struct {
	id            streamID
	deliveryTime  int64 // unix ms
	deliveryCount int64
	consumer      *streamConsumer
}

// streamConsumer is a consumer of a group.
type streamConsumer struct {
	name     []byte
	seenTime int64
	pel      []streamID // ordered
}

func (g *streamGroup) copyGroup() *streamGroup {
	cp := &streamGroup{name: g.name, lastID: g.lastID, entriesRead: g.entriesRead}
	byName := map[*streamConsumer]*streamConsumer{}
	for _, c := range g.consumers {
		nc := &streamConsumer{name: c.name, seenTime: c.seenTime, pel: append([]streamID(nil), c.pel...)}
		byName[c] = nc
		cp.consumers = append(cp.consumers, nc)
	}
	cp.pel = make([]pendingEntry, len(g.pel))
	for i, p := range g.pel {
		p.consumer = byName[p.consumer]
		cp.pel[i] = p
	}
	return cp
}

// group returns the group named name, or nil.
func (s *stream) group(name []byte) *streamGroup {
	i := sort.Search(len(s.groups), func(i int) bool { return string(s.groups[i].name) >= string(name) })
	if i < len(s.groups) && string(s.groups[i].name) == string(name) {
		return s.groups[i]
	}
	return nil
}

// addGroup creates a group; false if one of that name exists.
func (s *stream) addGroup(name []byte, id streamID, entriesRead int64) bool {
	i := sort.Search(len(s.groups), func(i int) bool { return string(s.groups[i].name) >= string(name) })
	if i < len(s.groups) && string(s.groups[i].name) == string(name) {
		return false
	}
	g := &streamGroup{name: append([]byte(nil), name...), lastID: id, entriesRead: entriesRead}
	s.groups = append(s.groups, nil)
	copy(s.groups[i+1:], s.groups[i:])
	s.groups[i] = g
	s.mem += int64(len(name)) + 96
	return true
}

// delGroup destroys a group; false if there is none of that name.
func (s *stream) delGroup(name []byte) bool {
	for i, g := range s.groups {
		if string(g.name) == string(name) {
			s.groups = append(s.groups[:i], s.groups[i+1:]...)
			s.mem -= int64(len(name)) + 96 + int64(len(g.pel))*40
			return true
		}
	}
	return false
}

// consumer returns the consumer named name, or nil.
func (g *streamGroup) consumer(name []byte) *streamConsumer {
	i := sort.Search(len(g.consumers), func(i int) bool { return string(g.consumers[i].name) >= string(name) })
	if i < len(g.consumers) && string(g.consumers[i].name) == string(name) {
		return g.consumers[i]
	}
	return nil
}

// addConsumer creates a consumer seen at now; nil if it exists.
func (g *streamGroup) addConsumer(name []byte, now int64) *streamConsumer {
	i := sort.Search(len(g.consumers), func(i int) bool { return string(g.consumers[i].name) >= string(name) })
	if i < len(g.consumers) && string(g.consumers[i].name) == string(name) {
		return nil
	}
	c := &streamConsumer{name: append([]byte(nil), name...), seenTime: now}
	g.consumers = append(g.consumers, nil)
	copy(g.consumers[i+1:], g.consumers[i:])
	g.consumers[i] = c
	return c
}

// lookupOrAddConsumer returns the named consumer, creating it when missing;
// created reports whether it did.
func (g *streamGroup) lookupOrAddConsumer(name []byte, now int64) (c *streamConsumer, created bool) {
	if c = g.consumer(name); c != nil {
		return c, false
	}
	return g.addConsumer(name, now), true
}

// delConsumer removes a consumer and its pending entries from the group,
// returning how many entries it had pending (-1 if it does not exist).
func (g *streamGroup) delConsumer(name []byte) int64 {
	for i, c := range g.consumers {
		if string(c.name) == string(name) {
			for _, id := range c.pel {
				g.delPending(id)
			}
			g.consumers = append(g.consumers[:i], g.consumers[i+1:]...)
			return int64(len(c.pel))
		}
	}
	return -1
}

// pendingIndex returns where id is, or would be, in the group's PEL.
func (g *streamGroup) pendingIndex(id streamID) (int, bool) {
	i := sort.Search(len(g.pel), func(i int) bool { return g.pel[i].id.cmp(id) >= 0 })
	return i, i < len(g.pel) && g.pel[i].id == id
}

// pending returns the pending entry for id, or nil.
func (g *streamGroup) pending(id streamID) *pendingEntry {
	if i, ok := g.pendingIndex(id); ok {
		return &g.pel[i]
	}
	return nil
}

// addPending adds id to the group's PEL (it must be absent) for consumer c.
func (g *streamGroup) addPending(id streamID, c *streamConsumer, now int64, count int64) {
	i, _ := g.pendingIndex(id)
	g.pel = append(g.pel, pendingEntry{})
	copy(g.pel[i+1:], g.pel[i:])
	g.pel[i] = pendingEntry{id: id, deliveryTime: now, deliveryCount: count, consumer: c}
	c.addPending(id)
}

// delPending removes id from the group's PEL (not from its consumer's).
func (g *streamGroup) delPending(id streamID) {
	if i, ok := g.pendingIndex(id); ok {
		g.pel = append(g.pel[:i], g.pel[i+1:]...)
	}
}

// ack removes a pending entry from the group and its consumer; false when
// it was not pending.
func (g *streamGroup) ack(id streamID) bool {
	i, ok := g.pendingIndex(id)
	if !ok {
		return false
	}
	g.pel[i].consumer.delPending(id)
	g.pel = append(g.pel[:i], g.pel[i+1:]...)
	return true
}

// setOwner moves pending entry pe to consumer c.
func (g *streamGroup) setOwner(pe *pendingEntry, c *streamConsumer) {
	if pe.consumer == c {
		return
	}
	pe.consumer.delPending(pe.id)
	pe.consumer = c
	c.addPending(pe.id)
}

func (c *streamConsumer) pendingIndex(id streamID) (int, bool) {
	i := sort.Search(len(c.pel), func(i int) bool { return c.pel[i].cmp(id) >= 0 })
	return i, i < len(c.pel) && c.pel[i] == id
}

func (c *streamConsumer) addPending(id streamID) {
	i, ok := c.pendingIndex(id)
	if ok {
		return
	}
	c.pel = append(c.pel, streamID{})
	copy(c.pel[i+1:], c.pel[i:])
	c.pel[i] = id
}

func (c *streamConsumer) delPending(id streamID) {
	if i, ok := c.pendingIndex(id); ok {
		c.pel = append(c.pel[:i], c.pel[i+1:]...)
	}
}

// rangeHasTombstones reports whether entries between start and end
// (nil: the stream's ends) may have been deleted, as Redis's
// streamRangeHasTombstones.
func (s *stream) rangeHasTombstones(start, end *streamID) bool {
	if s.length == 0 || s.maxDeleted.isZero() {
		return false
	}
	if s.firstID.cmp(s.maxDeleted) > 0 {
		return false
	}
	st, en := streamID{}, maxStreamID
	if start != nil {
		st = *start
	}
	if end != nil {
		en = *end
	}
	return st.cmp(s.maxDeleted) <= 0 && s.maxDeleted.cmp(en) <= 0
}

// estimateDistance is Redis's streamEstimateDistanceFromFirstEverEntry:
// the logical read counter of id, or streamInvalidRead.
func (s *stream) estimateDistance(id streamID) int64 {
	if s.entriesAdded == 0 {
		return 0
	}
	if s.length == 0 && id.cmp(s.lastID) < 1 {
		return s.entriesAdded
	}
	switch c := id.cmp(s.lastID); {
	case c == 0:
		return s.entriesAdded
	case c > 0:
		return streamInvalidRead
	}
	cmpFirst := id.cmp(s.firstID)
	if s.maxDeleted.isZero() || s.maxDeleted.cmp(s.firstID) < 0 {
		if cmpFirst < 0 {
			return s.entriesAdded - s.length
		} else if cmpFirst == 0 {
			return s.entriesAdded - s.length + 1
		}
	}
	return streamInvalidRead
}

// lag is a group's lag (ok false when it cannot be known), as Redis's
// streamReplyWithCGLag.
func (s *stream) lag(g *streamGroup) (int64, bool) {
	if s.entriesAdded == 0 {
		return 0, true
	}
	if g.entriesRead != streamInvalidRead && !s.rangeHasTombstones(&g.lastID, nil) {
		return s.entriesAdded - g.entriesRead, true
	}
	if r := s.estimateDistance(g.lastID); r != streamInvalidRead {
		return s.entriesAdded - r, true
	}
	return 0, false
}

// delivered advances a group past id, an entry just delivered with ">",
// keeping its read counter as Redis's streamReplyWithRange does.
func (s *stream) delivered(g *streamGroup, id streamID) {
	if id.cmp(g.lastID) <= 0 {
		return
	}
	if g.entriesRead != streamInvalidRead && !s.rangeHasTombstones(&id, nil) {
		g.entriesRead++
	} else if s.entriesAdded != 0 {
		g.entriesRead = s.estimateDistance(id)
	}
	g.lastID = id
}
