package engine

// List commands (Redis's t_list.c): pushes, pops and the commands that read
// or edit a list in place. LMOVE, RPOPLPUSH and LMPOP are in
// t_list_move.go, the blocking family in t_list_block.go, the value itself
// in list.go.

func init() {
	lst := func(name string, arity int, flags Flags, cats Category, proc func(*Client)) *Command {
		return &Command{Name: name, Arity: arity, Flags: flags, First: 1, Last: 1, Step: 1,
			Cats: cats | CatList, Proc: proc}
	}
	const (
		rFast = CatRead | CatFast
		rSlow = CatRead | CatSlow
		wFast = CatWrite | CatFast
		wSlow = CatWrite | CatSlow
	)
	register(
		lst("lpush", -3, FlagWrite|FlagDenyOOM|FlagFast, wFast, func(c *Client) { c.pushGeneric(false, false) }),
		lst("rpush", -3, FlagWrite|FlagDenyOOM|FlagFast, wFast, func(c *Client) { c.pushGeneric(true, false) }),
		lst("lpushx", -3, FlagWrite|FlagDenyOOM|FlagFast, wFast, func(c *Client) { c.pushGeneric(false, true) }),
		lst("rpushx", -3, FlagWrite|FlagDenyOOM|FlagFast, wFast, func(c *Client) { c.pushGeneric(true, true) }),
		lst("lpop", -2, FlagWrite|FlagFast, wFast, func(c *Client) { c.popGeneric(false) }),
		lst("rpop", -2, FlagWrite|FlagFast, wFast, func(c *Client) { c.popGeneric(true) }),
		lst("llen", 2, FlagReadonly|FlagFast, rFast, cmdLLen),
		lst("lindex", 3, FlagReadonly, rSlow, cmdLIndex),
		lst("lset", 4, FlagWrite|FlagDenyOOM, wSlow, cmdLSet),
		lst("linsert", 5, FlagWrite|FlagDenyOOM, wSlow, cmdLInsert),
		lst("lrange", 4, FlagReadonly, rSlow, cmdLRange),
		lst("ltrim", 4, FlagWrite, wSlow, cmdLTrim),
		lst("lrem", 4, FlagWrite, wSlow, cmdLRem),
		lst("lpos", -3, FlagReadonly, rSlow, cmdLPos),
	)
}

// listFill is the node limit of list-max-listpack-size.
func (c *Client) listFill() listFill { return listFill(c.e.cfg.enc.listSize.Load()) }

// pushGeneric is LPUSH, RPUSH and, with onlyExisting, LPUSHX and RPUSHX.
func (c *Client) pushGeneric(tail, onlyExisting bool) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, l, ok := lookupObject[*listObj](c, sh, d, key, h32, false)
	if !ok {
		return
	}
	if h == 0 {
		if onlyExisting {
			c.W.Int(0)
			return
		}
		l = &listObj{}
	}
	fill := c.listFill()
	extra := 0
	for _, v := range c.Args[2:] {
		extra += listEntrySize(len(v))
	}
	l.reserve(extra, tail, fill)
	for _, v := range c.Args[2:] {
		l.push(v, tail, fill)
	}
	if h == 0 {
		sh.addObject(d, key, h32, l, c.e.lruClock())
	} else {
		sh.objectChanged(h)
	}
	c.modified(key)
	c.ready(key)
	c.W.Int(int64(l.n))
}

// listDone re-accounts list l under handle h after elements left it, and
// deletes the key when it is empty.
func (c *Client) listDone(sh *shard, d *dict, h handle, l *listObj) {
	if l.n == 0 {
		sh.remove(d, h)
		return
	}
	sh.objectChanged(h)
}

// popGeneric is LPOP and RPOP, with an optional count.
func (c *Client) popGeneric(tail bool) {
	if len(c.Args) > 3 {
		c.W.Error(errArity(c.cmd.Name))
		return
	}
	count, hasCount := int64(0), len(c.Args) == 3
	if hasCount {
		n, ok := parseInt64(c.Args[2])
		if !ok || n < 0 {
			c.W.Error(errNotPositive)
			return
		}
		count = n
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, l, ok := lookupObject[*listObj](c, sh, d, key, h32, false)
	switch {
	case !ok:
		return
	case h == 0 && hasCount:
		c.W.NullArray()
		return
	case h == 0:
		c.W.Null()
		return
	case !hasCount:
		c.W.Bulk(l.end(tail))
		l.removeEnd(tail)
	case count == 0:
		c.W.Array(0)
		return
	default:
		c.popRangeReply(l, tail, count)
	}
	c.listDone(sh, d, h, l)
	c.modified(key)
}

// popRangeReply pops up to count elements from one end, replying with them
// as an array in popping order.
func (c *Client) popRangeReply(l *listObj, tail bool, count int64) {
	n := int(min(count, int64(l.n)))
	c.W.Array(n)
	for i := 0; i < n; i++ {
		c.W.Bulk(l.end(tail))
		l.removeEnd(tail)
	}
}

func cmdLLen(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, l, ok := lookupObject[*listObj](c, sh, d, key, h32, true)
	switch {
	case !ok:
	case h == 0:
		c.W.Int(0)
	default:
		c.W.Int(int64(l.n))
	}
}

// listIndex turns a LINDEX/LSET index into a position, or -1 when out of
// range.
func listIndex(idx int64, n int) int {
	if idx < 0 {
		idx += int64(n)
	}
	if idx < 0 || idx >= int64(n) {
		return -1
	}
	return int(idx)
}

func cmdLIndex(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, l, ok := lookupObject[*listObj](c, sh, d, key, h32, true)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Null()
		return
	}
	idx, ok := parseInt64(c.Args[2])
	if !ok {
		c.W.Error(errNotInt)
		return
	}
	if i := listIndex(idx, l.n); i >= 0 {
		c.W.Bulk(l.index(i))
		return
	}
	c.W.Null()
}

func cmdLSet(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, l, ok := lookupObject[*listObj](c, sh, d, key, h32, false)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Error(errNoSuchKey)
		return
	}
	idx, ok := parseInt64(c.Args[2])
	if !ok {
		c.W.Error(errNotInt)
		return
	}
	i := listIndex(idx, l.n)
	if i < 0 {
		c.W.Error("ERR index out of range")
		return
	}
	l.set(i, c.Args[3], c.listFill())
	sh.objectChanged(h)
	c.modified(key)
	c.W.OK()
}

// LINSERT key BEFORE|AFTER pivot element
func cmdLInsert(c *Client) {
	var after bool
	switch w := c.Args[2]; {
	case eqFold(w, "after"):
		after = true
	case eqFold(w, "before"):
	default:
		c.W.Error(errSyntax)
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, l, ok := lookupObject[*listObj](c, sh, d, key, h32, false)
	switch {
	case !ok:
	case h == 0:
		c.W.Int(0)
	case !l.insert(c.Args[3], c.Args[4], after, c.listFill()):
		c.W.Int(-1)
	default:
		sh.objectChanged(h)
		c.modified(key)
		c.W.Int(int64(l.n))
	}
}

// listRange clips LRANGE/LTRIM's start and end to the list of n elements:
// the first position and the count, 0 when the range is empty.
func listRange(start, end int64, n int) (int, int) {
	ln := int64(n)
	if start < 0 {
		start += ln
	}
	if end < 0 {
		end += ln
	}
	if start < 0 {
		start = 0
	}
	if start > end || start >= ln {
		return 0, 0
	}
	if end >= ln {
		end = ln - 1
	}
	return int(start), int(end - start + 1)
}

// parseRange parses the start and end arguments at i and i+1.
func (c *Client) parseRange(i int) (int64, int64, bool) {
	start, ok1 := parseInt64(c.Args[i])
	end, ok2 := parseInt64(c.Args[i+1])
	if !ok1 || !ok2 {
		c.W.Error(errNotInt)
		return 0, 0, false
	}
	return start, end, true
}

func cmdLRange(c *Client) {
	start, end, ok := c.parseRange(2)
	if !ok {
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, l, ok := lookupObject[*listObj](c, sh, d, key, h32, true)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Array(0)
		return
	}
	from, n := listRange(start, end, l.n)
	c.W.Array(n)
	l.eachFrom(from, n, func(v []byte) { c.W.Bulk(v) })
}

func cmdLTrim(c *Client) {
	start, end, ok := c.parseRange(2)
	if !ok {
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, l, ok := lookupObject[*listObj](c, sh, d, key, h32, false)
	if !ok {
		return
	}
	if h != 0 {
		from, n := listRange(start, end, l.n)
		if tail := l.n - from - n; n > 0 && tail > 0 {
			l.deleteRange(from+n, tail)
		}
		if from > 0 || n == 0 {
			l.deleteRange(0, l.n-n)
		}
		c.listDone(sh, d, h, l)
		// Redis signals the key even when nothing was trimmed.
		c.modified(key)
	}
	c.W.OK()
}

func cmdLRem(c *Client) {
	count, ok := parseInt64(c.Args[2])
	if !ok {
		c.W.Error(errNotInt)
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, l, ok := lookupObject[*listObj](c, sh, d, key, h32, false)
	switch {
	case !ok:
	case h == 0:
		c.W.Int(0)
	default:
		cnt := int(max(min(count, int64(l.n)), -int64(l.n)))
		removed := l.removeMatches(c.Args[3], cnt)
		if removed > 0 {
			c.listDone(sh, d, h, l)
			c.modified(key)
		}
		c.W.Int(int64(removed))
	}
}

// LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]
func cmdLPos(c *Client) {
	rank, count, maxlen := int64(1), int64(0), int64(0)
	hasCount := false
	for j := 3; j < len(c.Args); j++ {
		opt, more := c.Args[j], j+1 < len(c.Args)
		switch {
		case eqFold(opt, "rank") && more:
			j++
			n, ok := parseInt64(c.Args[j])
			if !ok {
				c.W.Error(errNotInt)
				return
			}
			if n == 0 {
				c.W.Error("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list")
				return
			}
			rank = n
		case eqFold(opt, "count") && more:
			j++
			n, ok := parseInt64(c.Args[j])
			if !ok || n < 0 {
				c.W.Error("ERR COUNT can't be negative")
				return
			}
			count, hasCount = n, true
		case eqFold(opt, "maxlen") && more:
			j++
			n, ok := parseInt64(c.Args[j])
			if !ok || n < 0 {
				c.W.Error("ERR MAXLEN can't be negative")
				return
			}
			maxlen = n
		default:
			c.W.Error(errSyntax)
			return
		}
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, l, ok := lookupObject[*listObj](c, sh, d, key, h32, true)
	if !ok {
		return
	}
	if h == 0 {
		if hasCount {
			c.W.Array(0)
		} else {
			c.W.Null()
		}
		return
	}
	tail := rank < 0
	if tail {
		rank = -rank // -MinInt64 stays negative, as in C: every match counts
	}
	ele := c.Args[2]
	var found []int64
	var index, matches int64
	n := int64(l.n)
	visit := func(v []byte) bool {
		if maxlen != 0 && index >= maxlen {
			return false
		}
		if string(v) == string(ele) {
			matches++
			if matches >= rank {
				pos := index
				if tail {
					pos = n - index - 1
				}
				found = append(found, pos)
				if !hasCount || (count != 0 && matches-rank+1 >= count) {
					return false
				}
			}
		}
		index++
		return true
	}
	if tail {
		l.eachReverse(visit)
	} else {
		l.each(visit)
	}
	if hasCount {
		c.W.Array(len(found))
		for _, p := range found {
			c.W.Int(p)
		}
		return
	}
	if len(found) == 0 {
		c.W.Null()
		return
	}
	c.W.Int(found[0])
}
