package engine

import "github.com/updraftdb/updraft/internal/resp"

// ZRANDMEMBER and ZSCAN.

// ZRANDMEMBER key [count [WITHSCORES]]
func cmdZRandMember(c *Client) {
	args := c.Args
	if len(args) >= 3 {
		l, ok := parseInt64(args[2])
		if !ok {
			c.W.Error(errNotInt)
			return
		}
		if l == -1<<63 {
			c.W.Error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807")
			return
		}
		withScores := false
		switch {
		case len(args) > 4 || (len(args) == 4 && !eqFold(args[3], "withscores")):
			c.W.Error(errSyntax)
			return
		case len(args) == 4:
			withScores = true
			if l < -(1<<63-1)/2 || l > (1<<63-1)/2 {
				c.W.Error("ERR value is out of range")
				return
			}
		}
		c.zrandWithCount(l, withScores)
		return
	}
	sh, _, _, z, ok := c.lockZset(args[1], true)
	if !ok {
		return
	}
	defer sh.mu.Unlock()
	if z == nil {
		c.W.Null()
		return
	}
	m, _ := z.at(int(sh.random() % uint64(z.card())))
	c.W.Bulk(m)
}

// zrandWithCount is ZRANDMEMBER with a count (Redis's
// zrandmemberWithCountCommand): a negative count may repeat members, a
// count at least the size returns the whole set (descending).
func (c *Client) zrandWithCount(l int64, withScores bool) {
	sh, _, _, z, ok := c.lockZset(c.Args[1], true)
	if !ok {
		return
	}
	defer sh.mu.Unlock()
	if z == nil || l == 0 {
		c.W.Array(0)
		return
	}
	size := z.card()
	emit := func(m []byte, s float64) {
		if withScores && c.W.IsRESP3() {
			c.W.Array(2)
		}
		c.W.Bulk(m)
		if withScores {
			c.W.Double(s)
		}
	}
	header := func(n int) {
		if withScores && !c.W.IsRESP3() {
			n *= 2
		}
		c.W.Array(n)
	}
	if l < 0 || l == 1 {
		count := l
		if count < 0 {
			count = -count
		}
		header(int(count))
		for i := int64(0); i < count; i++ {
			emit(z.at(int(sh.random() % uint64(size))))
		}
		return
	}
	if l >= int64(size) {
		// The whole set, in descending order as redis-server 7.0 sends it.
		header(size)
		z.each(size-1, true, func(m []byte, s float64) bool { emit(m, s); return true })
		return
	}
	// Distinct random members: a partial shuffle of the ranks.
	count := int(l)
	ranks := make([]int32, size)
	for i := range ranks {
		ranks[i] = int32(i)
	}
	header(count)
	for i := 0; i < count; i++ {
		j := i + int(sh.random()%uint64(size-i))
		ranks[i], ranks[j] = ranks[j], ranks[i]
		emit(z.at(int(ranks[i])))
	}
}

// ZSCAN key cursor [MATCH pattern] [COUNT count]. A listpack is returned
// whole with cursor 0, as Redis does; a skiplist's cursor is the next rank.
func cmdZScan(c *Client) {
	cursor, ok := parseScanCursor(c.Args[2])
	if !ok {
		c.W.Error(errCursor)
		return
	}
	sh, _, _, z, ok := c.lockZset(c.Args[1], true)
	if !ok {
		return
	}
	defer sh.mu.Unlock()
	if z == nil {
		c.W.Raw([]byte("*2\r\n$1\r\n0\r\n*0\r\n"))
		return
	}
	count := int64(10)
	var pattern []byte
	for i := 3; i < len(c.Args); i += 2 {
		a := c.Args[i]
		if i+1 >= len(c.Args) {
			c.W.Error(errSyntax)
			return
		}
		switch {
		case eqFold(a, "count"):
			n, ok := parseInt64(c.Args[i+1])
			if !ok {
				c.W.Error(errNotInt)
				return
			}
			if n < 1 {
				c.W.Error(errSyntax)
				return
			}
			count = n
		case eqFold(a, "match"):
			pattern = c.Args[i+1]
		default:
			c.W.Error(errSyntax)
			return
		}
	}
	start, stop := 0, z.card()
	next := uint64(0)
	if z.sl != nil {
		start = int(min(cursor, uint64(stop)))
		if uint64(start)+uint64(count) < uint64(stop) {
			stop = start + int(count)
			next = uint64(stop)
		}
	}
	c.W.Array(2)
	var tmp [24]byte
	c.W.Bulk(appendInt(tmp[:0], int64(next)))
	mark := len(c.W.Buf)
	n := 0
	left := stop - start
	var num [32]byte
	z.each(start, false, func(m []byte, s float64) bool {
		if left == 0 {
			return false
		}
		left--
		if pattern == nil || matchKey(pattern, m) {
			c.W.Bulk(m)
			c.W.Bulk(resp.AppendDoubleText(num[:0], s))
			n += 2
		}
		return true
	})
	c.prependArray(mark, n)
}
