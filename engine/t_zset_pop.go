package engine

// Sorted set pops (Redis's genericZpopCommand and its callers): ZPOPMIN,
// ZPOPMAX, ZMPOP and the blocking BZPOPMIN, BZPOPMAX and BZMPOP, which
// park through blocking.go when every key is empty.

func cmdZPopMin(c *Client) { c.zpopMinMax(false) }
func cmdZPopMax(c *Client) { c.zpopMinMax(true) }

// zpopMinMax is ZPOPMIN/ZPOPMAX key [count].
func (c *Client) zpopMinMax(max bool) {
	if len(c.Args) > 3 {
		c.W.Error(errSyntax)
		return
	}
	count := int64(-1)
	if len(c.Args) == 3 {
		n, ok := parseInt64(c.Args[2])
		if !ok || n < 0 {
			c.W.Error(errNotPositive)
			return
		}
		count = n
	}
	nested := c.W.IsRESP3() && count != -1
	c.zpopKeys(c.Args[1:2], max, false, count, nested, false, false)
}

// zpopKeys pops from the first of keys holding a sorted set. It reports
// whether it replied: false when no key holds one and block is set (the
// caller then blocks); otherwise the empty reply is an empty array, or a
// null array with nilEmpty.
func (c *Client) zpopKeys(keys [][]byte, max, emitKey bool, count int64, nested, nilEmpty, block bool) bool {
	ix := c.shardIndexes(keys)
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)
	for _, key := range keys {
		sh, d, h32 := c.keyInShard(key)
		h, z, ok := lookupObject[*zset](c, sh, d, key, h32, false)
		if !ok {
			return true
		}
		if h == 0 || z.card() == 0 {
			continue
		}
		if count == 0 {
			c.W.Array(0)
			return true
		}
		c.zpop(sh, d, h, z, key, max, emitKey, count, nested)
		return true
	}
	if block {
		return false
	}
	if nilEmpty {
		c.W.NullArray()
	} else {
		c.W.Array(0)
	}
	return true
}

// zpop pops up to count (-1: one) members of z at key from the min or max
// end and writes the reply in the shape Redis's genericZpopCommand picks
// from emitKey and nested.
func (c *Client) zpop(sh *shard, d *dict, h handle, z *zset, key []byte, max, emitKey bool, count int64, nested bool) {
	if count == -1 {
		count = 1
	}
	n := int(min(count, int64(z.card())))
	switch {
	case !nested && !emitKey:
		c.W.Array(2 * n)
	case nested && !emitKey:
		c.W.Array(n)
	case !nested && emitKey:
		c.W.Array(2*n + 1)
		c.W.Bulk(key)
	default:
		c.W.Array(2)
		c.W.Bulk(key)
		c.W.Array(n)
	}
	start := 0
	if max {
		start = z.card() - 1
	}
	left := n
	z.each(start, max, func(m []byte, s float64) bool {
		if nested {
			c.W.Array(2)
		}
		c.W.Bulk(m)
		c.W.Double(s)
		left--
		return left > 0
	})
	if max {
		z.deleteRange(z.card()-n, z.card()-1)
	} else {
		z.deleteRange(0, n-1)
	}
	c.zsetRemoved(sh, d, h, z, key, n)
	c.logZPop(key, max, count)
}

func cmdBZPopMin(c *Client) { c.bzpopMinMax(false) }
func cmdBZPopMax(c *Client) { c.bzpopMinMax(true) }

// bzpopMinMax is BZPOPMIN/BZPOPMAX key [key ...] timeout.
func (c *Client) bzpopMinMax(max bool) {
	deadline, msg := c.parseTimeout(c.Args[len(c.Args)-1], true)
	if msg != "" {
		c.W.Error(msg)
		return
	}
	keys := c.Args[1 : len(c.Args)-1]
	if !c.zpopKeys(keys, max, true, -1, false, false, true) {
		c.block(keys, deadline, nil, func(c *Client) { c.W.NullArray() })
	}
}

func cmdZMPop(c *Client)  { c.zmpopGeneric(1, false) }
func cmdBZMPop(c *Client) { c.zmpopGeneric(2, true) }

// zmpopGeneric is ZMPOP numkeys key [key ...] MIN|MAX [COUNT count] and
// BZMPOP timeout numkeys ...
func (c *Client) zmpopGeneric(numIdx int, blocking bool) {
	args := c.Args
	numkeys, ok := parseInt64(args[numIdx])
	if !ok || numkeys < 1 {
		c.W.Error("ERR numkeys should be greater than 0")
		return
	}
	if numkeys >= int64(len(args)) {
		c.W.Error(errSyntax)
		return
	}
	whereIdx := numIdx + int(numkeys) + 1
	if whereIdx >= len(args) {
		c.W.Error(errSyntax)
		return
	}
	var max bool
	switch {
	case eqFold(args[whereIdx], "min"):
	case eqFold(args[whereIdx], "max"):
		max = true
	default:
		c.W.Error(errSyntax)
		return
	}
	count := int64(-1)
	for j := whereIdx + 1; j < len(args); j++ {
		if count == -1 && eqFold(args[j], "count") && j+1 < len(args) {
			j++
			n, ok := parseInt64(args[j])
			if !ok || n < 1 {
				c.W.Error("ERR count should be greater than 0")
				return
			}
			count = n
			continue
		}
		c.W.Error(errSyntax)
		return
	}
	if count == -1 {
		count = 1
	}
	keys := args[numIdx+1 : whereIdx]
	if !blocking {
		c.zpopKeys(keys, max, true, count, true, true, false)
		return
	}
	deadline, msg := c.parseTimeout(args[1], true)
	if msg != "" {
		c.W.Error(msg)
		return
	}
	if !c.zpopKeys(keys, max, true, count, true, true, true) {
		c.block(keys, deadline, nil, func(c *Client) { c.W.NullArray() })
	}
}
