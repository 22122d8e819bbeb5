package engine

// List commands that touch several keys: LMOVE, RPOPLPUSH and LMPOP, and
// the parts BLMOVE, BRPOPLPUSH, BLMPOP, BLPOP and BRPOP share with them.

func init() {
	register(
		&Command{Name: "lmove", Arity: 5, Flags: FlagWrite | FlagDenyOOM, First: 1, Last: 2, Step: 1,
			Cats: CatWrite | CatList | CatSlow, Proc: cmdLMove},
		&Command{Name: "rpoplpush", Arity: 3, Flags: FlagWrite | FlagDenyOOM, First: 1, Last: 2, Step: 1,
			Cats: CatWrite | CatList | CatSlow, Proc: cmdRPopLPush},
		&Command{Name: "lmpop", Arity: -4, Flags: FlagWrite | FlagMovableKeys, KeysProc: numKeysAt(1),
			Cats: CatWrite | CatList | CatSlow, Proc: cmdLMPop},
	)
}

// parseWhere parses LEFT or RIGHT (true for RIGHT, the tail).
func (c *Client) parseWhere(a []byte) (tail, ok bool) {
	switch {
	case eqFold(a, "left"):
		return false, true
	case eqFold(a, "right"):
		return true, true
	}
	c.W.Error(errSyntax)
	return false, false
}

func cmdLMove(c *Client) {
	from, ok := c.parseWhere(c.Args[3])
	if !ok {
		return
	}
	to, ok := c.parseWhere(c.Args[4])
	if !ok {
		return
	}
	if !c.listMove(from, to) {
		c.W.Null()
	}
}

func cmdRPopLPush(c *Client) {
	if !c.listMove(true, false) {
		c.W.Null()
	}
}

// listMove moves an element from the list at Args[1] to the list at
// Args[2], replying with it, as Redis's lmoveGenericCommand. It returns
// false, without a reply, when the source is missing (or, when a blocked
// client is run again, holds another type); errors are replied.
func (c *Client) listMove(fromTail, toTail bool) bool {
	src, dst := c.Args[1], c.Args[2]
	ix := c.shardIndexes(c.Args[1:3])
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)
	sh, d, h32 := c.keyInShard(src)
	hs, sl, ok := c.lookupList(sh, d, src, h32)
	if !ok {
		return true
	}
	if hs == 0 {
		return false
	}
	dsh, dd, dh32 := c.keyInShard(dst)
	hd, dl, ok := lookupObject[*listObj](c, dsh, dd, dst, dh32, false)
	if !ok {
		return true
	}
	v := sl.popInto(c.tmp[:0], fromTail)
	fill := c.listFill()
	if hd == 0 {
		dl = &listObj{}
		dl.push(v, toTail, fill)
		dsh.addObject(dd, dst, dh32, dl, c.e.lruClock())
	} else {
		dl.push(v, toTail, fill)
		dsh.objectChanged(hd)
	}
	c.listDone(sh, d, hs, sl)
	c.modified(src)
	c.modified(dst)
	c.logListMove(src, dst, fromTail, toTail)
	c.ready(dst)
	c.W.Bulk(v)
	return true
}

// lookupList finds a list for a write. A blocked client run again does not
// fail on a key of another type (Redis 7.0 serves it only from a list): it
// sees the key as missing and stays blocked.
func (c *Client) lookupList(sh *shard, d *dict, key []byte, h32 uint32) (handle, *listObj, bool) {
	if !c.blk.retrying {
		return lookupObject[*listObj](c, sh, d, key, h32, false)
	}
	h := c.lookup(sh, d, key, h32)
	if h == 0 {
		return 0, nil, true
	}
	l, _ := sh.objectAt(h).(*listObj)
	if l == nil {
		return 0, nil, true
	}
	return h, l, true
}

// popFirst pops from the first non-empty list among keys: one element
// replied as [key, element] when count < 0 (BLPOP, BRPOP), up to count as
// [key, [elements...]] otherwise (LMPOP, BLMPOP). It returns false, without
// a reply, when every list is empty; errors are replied.
func (c *Client) popFirst(keys [][]byte, tail bool, count int64) bool {
	ix := c.shardIndexes(keys)
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)
	for _, key := range keys {
		sh, d, h32 := c.keyInShard(key)
		h, l, ok := c.lookupList(sh, d, key, h32)
		if !ok {
			return true
		}
		if h == 0 {
			continue
		}
		c.W.Array(2)
		c.W.Bulk(key)
		if count < 0 {
			c.W.Bulk(l.end(tail))
			l.removeEnd(tail)
		} else {
			c.popRangeReply(l, tail, count)
		}
		c.listDone(sh, d, h, l)
		c.modified(key)
		c.logListPop(key, tail, count)
		return true
	}
	return false
}

// parseMPop parses LMPOP's and BLMPOP's arguments from numkeys at index
// nk: the keys, the end and the count, or replies with the error.
func (c *Client) parseMPop(nk int) (keys [][]byte, tail bool, count int64, ok bool) {
	n, ok := parseInt64(c.Args[nk])
	if !ok || n < 1 {
		c.W.Error("ERR numkeys should be greater than 0")
		return nil, false, 0, false
	}
	if n >= int64(len(c.Args)-nk-1) {
		c.W.Error(errSyntax)
		return nil, false, 0, false
	}
	where := nk + int(n) + 1
	if tail, ok = c.parseWhere(c.Args[where]); !ok {
		return nil, false, 0, false
	}
	count = -1
	for j := where + 1; j < len(c.Args); j++ {
		if count == -1 && eqFold(c.Args[j], "count") && j+1 < len(c.Args) {
			j++
			v, ok := parseInt64(c.Args[j])
			if !ok || v < 1 {
				c.W.Error("ERR count should be greater than 0")
				return nil, false, 0, false
			}
			count = v
			continue
		}
		c.W.Error(errSyntax)
		return nil, false, 0, false
	}
	if count == -1 {
		count = 1
	}
	return c.Args[nk+1 : where], tail, count, true
}

// LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]
func cmdLMPop(c *Client) {
	keys, tail, count, ok := c.parseMPop(1)
	if !ok {
		return
	}
	if !c.popFirst(keys, tail, count) {
		c.W.NullArray()
	}
}
