package engine

import "github.com/updraftdb/updraft/persistence/rdb"

// setObject is a Redis set. While every member is the canonical decimal
// form of an int64 and there are at most set-max-intset-entries of them,
// it is an intset (sorted packed integers); otherwise a setTable. As in
// Redis 7.0 the conversion is one-way: a set never returns to an intset.
type setObject struct {
	ints intset    // the members while intset-encoded; nil afterwards
	tab  *setTable // the members once hashtable-encoded
}

// newSetFor returns an empty set with the encoding Redis's setTypeCreate
// picks for a set whose first member is m.
func newSetFor(m []byte) *setObject {
	if _, ok := parseCanonicalInt(m); ok {
		return &setObject{ints: newIntset()}
	}
	return &setObject{tab: newSetTable(0)}
}

func (s *setObject) typeName() string { return "set" }

func (s *setObject) encodingName() string {
	if s.tab == nil {
		return "intset"
	}
	return "hashtable"
}

func (s *setObject) copyObject() object {
	if s.tab == nil {
		ints := intset(allocPacked(len(s.ints)))
		copy(ints, s.ints)
		return &setObject{ints: ints}
	}
	return &setObject{tab: s.tab.clone()}
}

func (s *setObject) memSize() int64 {
	if s.tab == nil {
		return 32 + int64(cap(s.ints))
	}
	return 32 + s.tab.memSize()
}

// card is the member count.
func (s *setObject) card() int {
	if s.tab == nil {
		return s.ints.len()
	}
	return s.tab.n
}

func (s *setObject) isIntset() bool { return s.tab == nil }

// has reports whether m is a member.
func (s *setObject) has(m []byte) bool {
	if s.tab != nil {
		return s.tab.contains(m)
	}
	v, ok := parseCanonicalInt(m)
	return ok && s.ints.contains(v)
}

// add inserts m, converting to a hashtable as Redis's setTypeAdd does (a
// non-integer member, or more than maxInts integers), and reports whether
// m was new. m is copied.
func (s *setObject) add(m []byte, maxInts int64) bool {
	if s.tab == nil {
		if v, ok := parseCanonicalInt(m); ok {
			var added bool
			s.ints, added = s.ints.add(v)
			if added && int64(s.ints.len()) > min(maxInts, 1<<30) {
				s.convert()
			}
			return added
		}
		s.convert()
	}
	return s.tab.add(m)
}

// convert moves an intset's members to a hashtable.
func (s *setObject) convert() {
	n := s.ints.len()
	t := newSetTable(n + 1)
	var buf [24]byte
	for i := 0; i < n; i++ {
		t.add(appendInt(buf[:0], s.ints.at(i)))
	}
	s.ints, s.tab = nil, t
}

// remove deletes m and reports whether it was a member.
func (s *setObject) remove(m []byte) bool {
	if s.tab != nil {
		return s.tab.remove(m)
	}
	v, ok := parseCanonicalInt(m)
	if !ok {
		return false
	}
	s.ints, ok = s.ints.remove(v)
	return ok
}

// each calls fn with every member, in Redis's iteration order for the
// encoding (ascending for intsets), until fn returns false. The bytes are
// only valid during the call.
func (s *setObject) each(fn func(m []byte) bool) {
	if s.tab != nil {
		s.tab.each(fn)
		return
	}
	var buf [24]byte
	for i, n := 0, s.ints.len(); i < n; i++ {
		if !fn(appendInt(buf[:0], s.ints.at(i))) {
			return
		}
	}
}

// members appends every member to dst (copies into one backing array) in
// iteration order.
func (s *setObject) members(dst [][]byte) [][]byte {
	var arena []byte
	var offs []int
	s.each(func(m []byte) bool {
		offs = append(offs, len(arena))
		arena = append(arena, m...)
		return true
	})
	for i, o := range offs {
		end := len(arena)
		if i+1 < len(offs) {
			end = offs[i+1]
		}
		dst = append(dst, arena[o:end:end])
	}
	return dst
}

// random returns a random member, formatted into buf for intsets. The set
// must not be empty.
func (s *setObject) random(rnd func() uint64, buf []byte) []byte {
	if s.tab != nil {
		m, _ := s.tab.slotMember(s.tab.randomSlot(rnd))
		return m
	}
	return appendInt(buf[:0], s.ints.at(int(rnd()%uint64(s.ints.len()))))
}

// dumpValue is the set's content for DUMP.
func (s *setObject) dumpValue() rdb.Value {
	return rdb.Value{Kind: rdb.Set, Elems: s.members(nil)}
}

// restoreSet builds a set from a RESTORE payload, as Redis's rdbLoadObject
// does (an intset while the members allow it); nil for an empty set or
// duplicate members, which Redis refuses.
func restoreSet(c *Client, v rdb.Value) object {
	if len(v.Elems) == 0 {
		return nil
	}
	s := newSetFor(v.Elems[0])
	maxInts := c.maxIntset()
	for _, m := range v.Elems {
		if !s.add(m, maxInts) {
			return nil
		}
	}
	return s
}

func init() { restorers[rdb.Set] = restoreSet }
