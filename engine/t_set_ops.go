package engine

import "sort"

// SINTER, SINTERCARD, SINTERSTORE, SUNION, SUNIONSTORE, SDIFF, SDIFFSTORE
// (and SMEMBERS, which Redis 7.0 serves with SINTER's code). Results are
// built in a fresh setObject created as an intset, as Redis does, so that
// stored results get Redis's encoding and replies Redis's order (ascending
// for intsets).

// lockedSets locks the shards of keys and looks each up: a missing key
// gives a nil set. Every key is type-checked (WRONGTYPE even after a
// missing key, as Redis 7.0). The caller unlocks ix.
func (c *Client) lockedSets(keys [][]byte, lockKeys [][]byte, read bool) (sets []*setObject, ix []int, ok bool) {
	ix = c.shardIndexes(lockKeys)
	c.e.lockShards(ix)
	sets = make([]*setObject, len(keys))
	for i, k := range keys {
		sh, d, h32 := c.keyInShard(k)
		var h handle
		var s *setObject
		if h, s, ok = lookupObject[*setObject](c, sh, d, k, h32, read); !ok {
			return nil, ix, false
		}
		if h != 0 {
			sets[i] = s
		}
	}
	return sets, ix, true
}

// replySet writes a set's members as a set reply.
func (c *Client) replySet(s *setObject) {
	c.W.Set(s.card())
	s.each(func(m []byte) bool {
		c.W.Bulk(m)
		return true
	})
}

// storeSet stores result under dst (deleting dst when result is empty)
// and replies with its size, as the *STORE commands do.
func (c *Client) storeSet(dst []byte, result *setObject) {
	sh, d, h32 := c.keyInShard(dst)
	old := c.lookupMode(sh, d, dst, h32, lookNoTouch)
	n := result.card()
	switch {
	case n > 0:
		sh.storeObject(d, dst, h32, old, result, c.e.lruClock())
		c.modified(dst)
	case old != 0:
		sh.remove(d, old)
		c.modified(dst)
	}
	c.W.Int(int64(n))
}

func cmdSInter(c *Client)      { c.sinterGeneric(c.Args[1:], nil) }
func cmdSInterStore(c *Client) { c.sinterGeneric(c.Args[2:], c.Args[1]) }

// sinterGeneric replies with (or stores under dst) the intersection of
// the sets at keys.
func (c *Client) sinterGeneric(keys [][]byte, dst []byte) {
	lock := keys
	if dst != nil {
		lock = c.Args[1:]
	}
	sets, ix, ok := c.lockedSets(keys, lock, dst == nil)
	defer c.e.unlockShards(ix)
	if !ok {
		return
	}
	if len(sets) == 1 && dst == nil {
		// SMEMBERS, or SINTER of one set: its members in its own order.
		if sets[0] == nil {
			c.W.Set(0)
		} else {
			c.replySet(sets[0])
		}
		return
	}
	result := &setObject{ints: newIntset()}
	maxInts := c.maxIntset()
	c.intersect(sets, 0, func(m []byte) bool {
		result.add(m, maxInts)
		return true
	})
	if dst != nil {
		c.storeSet(dst, result)
		return
	}
	c.replySet(result)
}

// intersect calls fn with each member of the intersection of sets (none
// when a set is missing), iterating the smallest set, until fn returns
// false or limit (0: none) members were found.
func (c *Client) intersect(sets []*setObject, limit int64, fn func(m []byte) bool) {
	for _, s := range sets {
		if s == nil {
			return
		}
	}
	sorted := append([]*setObject(nil), sets...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].card() < sorted[j].card() })
	var found int64
	sorted[0].each(func(m []byte) bool {
		for _, s := range sorted[1:] {
			if s != sorted[0] && !s.has(m) {
				return true
			}
		}
		found++
		return fn(m) && (limit == 0 || found < limit)
	})
}

// cmdSInterCard is SINTERCARD numkeys key [key ...] [LIMIT limit].
func cmdSInterCard(c *Client) {
	n, ok := parseInt64(c.Args[1])
	if !ok || n < 1 {
		c.W.Error("ERR numkeys should be greater than 0")
		return
	}
	if n > int64(len(c.Args)-2) {
		c.W.Error("ERR Number of keys can't be greater than number of args")
		return
	}
	keys := c.Args[2 : 2+n]
	var limit int64
	for i := 2 + int(n); i < len(c.Args); i++ {
		if eqFold(c.Args[i], "limit") && i+1 < len(c.Args) {
			if limit, ok = parseInt64(c.Args[i+1]); !ok || limit < 0 {
				c.W.Error("ERR LIMIT can't be negative")
				return
			}
			i++
			continue
		}
		c.W.Error(errSyntax)
		return
	}
	sets, ix, ok := c.lockedSets(keys, keys, true)
	defer c.e.unlockShards(ix)
	if !ok {
		return
	}
	var card int64
	c.intersect(sets, limit, func([]byte) bool {
		card++
		return true
	})
	c.W.Int(card)
}

func cmdSUnion(c *Client)      { c.sunionDiffGeneric(c.Args[1:], nil, false) }
func cmdSUnionStore(c *Client) { c.sunionDiffGeneric(c.Args[2:], c.Args[1], false) }
func cmdSDiff(c *Client)       { c.sunionDiffGeneric(c.Args[1:], nil, true) }
func cmdSDiffStore(c *Client)  { c.sunionDiffGeneric(c.Args[2:], c.Args[1], true) }

// sunionDiffGeneric replies with (or stores under dst) the union or the
// difference of the sets at keys, choosing between Redis's two difference
// algorithms by the same estimate, so results get Redis's encoding.
func (c *Client) sunionDiffGeneric(keys [][]byte, dst []byte, diff bool) {
	lock := keys
	if dst != nil {
		lock = c.Args[1:]
	}
	sets, ix, ok := c.lockedSets(keys, lock, dst == nil)
	defer c.e.unlockShards(ix)
	if !ok {
		return
	}
	result := &setObject{ints: newIntset()}
	maxInts := c.maxIntset()
	add := func(m []byte) bool {
		result.add(m, maxInts)
		return true
	}
	switch {
	case !diff:
		for _, s := range sets {
			if s != nil {
				s.each(add)
			}
		}
	case sets[0] == nil || sameSetAgain(sets):
		// Nothing to subtract from, or the first set subtracts itself.
	default:
		c.setDiff(sets, result, add)
	}
	if dst != nil {
		c.storeSet(dst, result)
		return
	}
	c.replySet(result)
}

// sameSetAgain reports whether the first set appears again among sets.
func sameSetAgain(sets []*setObject) bool {
	for _, s := range sets[1:] {
		if s == sets[0] {
			return true
		}
	}
	return false
}

// setDiff puts sets[0] minus the other sets into result.
func (c *Client) setDiff(sets []*setObject, result *setObject, add func([]byte) bool) {
	var one, two int64
	for _, s := range sets {
		if s != nil {
			one += int64(sets[0].card())
			two += int64(s.card())
		}
	}
	if one/2 <= two {
		// Algorithm 1: test each member of the first set against the
		// others, biggest first.
		others := append([]*setObject(nil), sets[1:]...)
		sort.SliceStable(others, func(i, j int) bool { return card(others[i]) > card(others[j]) })
		sets[0].each(func(m []byte) bool {
			for _, s := range others {
				if s != nil && s.has(m) {
					return true
				}
			}
			return add(m)
		})
		return
	}
	// Algorithm 2: copy the first set, then remove the others' members.
	sets[0].each(add)
	for _, s := range sets[1:] {
		if s == nil {
			continue
		}
		s.each(func(m []byte) bool {
			result.remove(m)
			return result.card() > 0
		})
		if result.card() == 0 {
			return
		}
	}
}

// card is a possibly missing set's size.
func card(s *setObject) int {
	if s == nil {
		return 0
	}
	return s.card()
}
