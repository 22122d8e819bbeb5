package engine

import "math"

// SPOP, SRANDMEMBER and SSCAN: commands that pick random members or walk
// a set in steps. Their cases follow Redis 7.0's t_set.c, so counts,
// duplicates and reply types match even where the members picked differ.

// spopMoveStrategyMul is Redis's SPOP_MOVE_STRATEGY_MUL: SPOP with a count
// rebuilds the set from the members it keeps when fewer than count/5 remain.
const spopMoveStrategyMul = 5

// srandmemberSubStrategyMul is Redis's SRANDMEMBER_SUB_STRATEGY_MUL.
const srandmemberSubStrategyMul = 3

func cmdSPop(c *Client) {
	switch len(c.Args) {
	case 2:
		c.spopOne()
	case 3:
		c.spopCount()
	default:
		c.W.Error(errSyntax)
	}
}

// spopOne is SPOP key: one random member, nil for a missing key.
func (c *Client) spopOne() {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := lookupObject[*setObject](c, sh, d, key, h32, false)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Null()
		return
	}
	var buf [24]byte
	m := s.random(sh.random, buf[:0])
	c.W.Bulk(m)
	var lg memberLog
	lg.add(c, argSRem, key, m)
	c.finishPop(sh, d, h, s, m)
	c.modified(key)
	lg.flush(c)
}

// finishPop removes member m (which may point into s) from s, and the key
// when s becomes empty.
func (c *Client) finishPop(sh *shard, d *dict, h handle, s *setObject, m []byte) {
	var tmp [64]byte
	s.remove(append(tmp[:0], m...))
	if s.card() == 0 {
		sh.remove(d, h)
	} else {
		sh.objectChanged(h)
	}
}

// spopCount is SPOP key count: up to count distinct random members, as a
// set reply.
func (c *Client) spopCount() {
	n, ok := parseInt64(c.Args[2])
	if !ok || n < 0 {
		c.W.Error(errNotPositive)
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := lookupObject[*setObject](c, sh, d, key, h32, false)
	if !ok {
		return
	}
	if h == 0 || n == 0 {
		c.W.Set(0)
		return
	}
	size := int64(s.card())
	c.modified(key)
	if n >= size {
		c.replySet(s)
		sh.remove(d, h)
		c.logDel(key)
		return
	}
	var lg memberLog
	defer lg.flush(c)
	c.W.Set(int(n))
	var buf [24]byte
	remaining := size - n
	if remaining*spopMoveStrategyMul > n {
		for i := int64(0); i < n; i++ {
			m := s.random(sh.random, buf[:0])
			c.W.Bulk(m)
			lg.add(c, argSRem, key, m)
			var tmp [64]byte
			s.remove(append(tmp[:0], m...))
		}
		sh.objectChanged(h)
		return
	}
	{
		// Keep `remaining` random members in a new set (which may be an
		// intset again) and reply with the rest.
		var kept *setObject
		maxInts := c.maxIntset()
		for i := int64(0); i < remaining; i++ {
			m := append([]byte(nil), s.random(sh.random, buf[:0])...)
			if kept == nil {
				kept = newSetFor(m)
			}
			kept.add(m, maxInts)
			s.remove(m)
		}
		s.each(func(m []byte) bool {
			c.W.Bulk(m)
			lg.add(c, argSRem, key, m)
			return true
		})
		sh.storeObjectKeepTTL(d, key, h32, h, kept, c.e.lruClock())
	}
}

// storeObjectKeepTTL replaces the collection of record h with o, keeping
// the key's expire time (Redis's dbOverwrite).
func (sh *shard) storeObjectKeepTTL(d *dict, key []byte, h32 uint32, h handle, o object, lru uint32) {
	r := sh.rec(h)
	var expire int64
	if r.hasExpire() {
		expire = r.expireAt()
	}
	nh := sh.storeObject(d, key, h32, h, o, lru)
	if expire != 0 {
		sh.setExpire(d, nh, expire)
	}
}

// cmdSRandMember is SRANDMEMBER key [count]: a negative count allows
// repeats, a positive one gives distinct members.
func cmdSRandMember(c *Client) {
	if len(c.Args) > 3 {
		c.W.Error(errSyntax)
		return
	}
	withCount := len(c.Args) == 3
	var n int64
	if withCount {
		var ok bool
		if n, ok = parseInt64(c.Args[2]); !ok {
			c.W.Error(errNotInt)
			return
		}
		if n == math.MinInt64 {
			c.W.Error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807")
			return
		}
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := lookupObject[*setObject](c, sh, d, key, h32, true)
	switch {
	case !ok:
		return
	case h == 0 && withCount:
		c.W.Array(0)
		return
	case h == 0:
		c.W.Null()
		return
	}
	var buf [24]byte
	if !withCount {
		c.W.Bulk(s.random(sh.random, buf[:0]))
		return
	}
	switch size := int64(s.card()); {
	case n == 0:
		c.W.Array(0)
	case n < 0 || n == 1:
		// Repeats allowed: independent picks.
		n = max(n, -n)
		c.W.Array(int(n))
		for i := int64(0); i < n; i++ {
			c.W.Bulk(s.random(sh.random, buf[:0]))
		}
	case n >= size:
		c.W.Array(int(size))
		s.each(func(m []byte) bool {
			c.W.Bulk(m)
			return true
		})
	case n*srandmemberSubStrategyMul > size:
		// Copy the set, then drop random members until n remain.
		cp := s.copyObject().(*setObject)
		for int64(cp.card()) > n {
			var tmp [64]byte
			cp.remove(append(tmp[:0], cp.random(sh.random, buf[:0])...))
		}
		c.W.Array(int(n))
		cp.each(func(m []byte) bool {
			c.W.Bulk(m)
			return true
		})
	default:
		// Pick random members until n distinct ones were seen.
		picked := &setObject{tab: newSetTable(int(n))}
		for int64(picked.tab.n) < n {
			picked.tab.add(s.random(sh.random, buf[:0]))
		}
		c.W.Array(int(n))
		picked.each(func(m []byte) bool {
			c.W.Bulk(m)
			return true
		})
	}
}

// cmdSSCAN is SSCAN key cursor [MATCH pattern] [COUNT count]. Intsets are
// returned whole (cursor 0), as Redis does for compact encodings; tables
// are walked by slot, the cursor being the next slot.
func cmdSScan(c *Client) {
	cursor, ok := parseScanCursor(c.Args[2])
	if !ok {
		c.W.Error(errCursor)
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := lookupObject[*setObject](c, sh, d, key, h32, true)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Array(2)
		c.W.BulkString("0")
		c.W.Array(0)
		return
	}
	pattern, count, ok := c.parseScanOptions(3)
	if !ok {
		return
	}
	var out [][]byte
	keep := func(m []byte) bool { return pattern == nil || matchKey(pattern, m) }
	next := uint64(0)
	if s.isIntset() {
		s.each(func(m []byte) bool {
			if keep(m) {
				out = append(out, append([]byte(nil), m...))
			}
			return true
		})
	} else {
		t := s.tab
		i := cursor
		visited := int64(0)
		for ; i < uint64(len(t.slots)) && visited < count; i++ {
			if m, ok := t.slotMember(int(i)); ok {
				visited++
				if keep(m) {
					out = append(out, m)
				}
			}
		}
		if i < uint64(len(t.slots)) {
			next = i
		}
	}
	c.W.Array(2)
	var num [20]byte
	c.W.Bulk(appendUint(num[:0], next))
	c.W.Array(len(out))
	for _, m := range out {
		c.W.Bulk(m)
	}
}

// parseScanOptions parses the *SCAN options MATCH and COUNT from argument
// from on, replying with Redis's error when they are wrong. pattern is nil
// for none (or "*").
func (c *Client) parseScanOptions(from int) (pattern []byte, count int64, ok bool) {
	count = 10
	for i := from; i < len(c.Args); i += 2 {
		if i+1 >= len(c.Args) {
			c.W.Error(errSyntax)
			return nil, 0, false
		}
		switch a := c.Args[i]; {
		case eqFold(a, "count"):
			n, ok := parseInt64(c.Args[i+1])
			if !ok {
				c.W.Error(errNotInt)
				return nil, 0, false
			}
			if n < 1 {
				c.W.Error(errSyntax)
				return nil, 0, false
			}
			count = n
		case eqFold(a, "match"):
			pattern = c.Args[i+1]
			if len(pattern) == 1 && pattern[0] == '*' {
				pattern = nil
			}
		default:
			c.W.Error(errSyntax)
			return nil, 0, false
		}
	}
	return pattern, count, true
}
