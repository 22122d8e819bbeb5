package engine

import (
	"math"

	"github.com/updraftdb/updraft/internal/resp"
)

// Hash counters (HINCRBY, HINCRBYFLOAT), HRANDFIELD and HSCAN.

func cmdHIncrBy(c *Client) {
	incr, ok := parseInt64(c.Args[3])
	if !ok {
		c.W.Error(errNotInt)
		return
	}
	key, f := c.Args[1], c.Args[2]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.hashForWrite(sh, d, key, h32)
	if !ok {
		return
	}
	var v int64
	if cur, _, found := o.get(f); found {
		if v, ok = parseInt64(cur); !ok {
			c.W.Error("ERR hash value is not an integer")
			return
		}
	}
	if (incr < 0 && v < 0 && incr < math.MinInt64-v) || (incr > 0 && v > 0 && incr > math.MaxInt64-v) {
		c.W.Error(errOverflow)
		return
	}
	v += incr
	o.set(f, appendInt(c.tmp[:0], v), true, c.hashLimits())
	sh.objectChanged(h)
	c.modified(key)
	c.W.Int(v)
}

// cmdHIncrByFloat adds in long double precision exactly as INCRBYFLOAT
// does (t_string_float.go), keeping the field's TTL.
func cmdHIncrByFloat(c *Client) {
	incr := newLD()
	if !ldParse(incr, c.Args[3]) {
		c.W.Error(errNotFloat)
		return
	}
	if incr.IsInf() {
		c.W.Error("ERR value is NaN or Infinity")
		return
	}
	key, f := c.Args[1], c.Args[2]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.hashForWrite(sh, d, key, h32)
	if !ok {
		return
	}
	v := newLD()
	if cur, _, found := o.get(f); found && !ldParse(v, cur) {
		c.W.Error("ERR hash value is not a float")
		return
	}
	if !ldAdd(v, incr) {
		c.W.Error("ERR increment would produce NaN or Infinity")
		return
	}
	out := ldAppendHuman(c.tmp[:0], v)
	o.set(f, out, true, c.hashLimits())
	sh.objectChanged(h)
	c.modified(key)
	c.logHashFloat(key, f, out, o)
	c.W.Bulk(out)
}

// hrandMaxCount bounds HRANDFIELD's count: Redis would build a reply of
// that many elements until memory runs out; Updraft closes the connection.
const hrandMaxCount = 1 << 24

// cmdHRandField is HRANDFIELD key [count [WITHVALUES]].
func cmdHRandField(c *Client) {
	var count int64
	withValues := false
	if len(c.Args) >= 3 {
		var ok bool
		if count, ok = parseInt64(c.Args[2]); !ok {
			c.W.Error(errNotInt)
			return
		}
		if count == math.MinInt64 {
			c.W.Error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807")
			return
		}
		if len(c.Args) > 4 || (len(c.Args) == 4 && !eqFold(c.Args[3], "withvalues")) {
			c.W.Error(errSyntax)
			return
		}
		if len(c.Args) == 4 {
			withValues = true
			if count < -math.MaxInt64/2 || count > math.MaxInt64/2 {
				c.W.Error("ERR value is out of range")
				return
			}
		}
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.lookupHash(sh, d, key, h32, true)
	if !ok {
		return
	}
	if len(c.Args) < 3 {
		if h == 0 {
			c.W.Null()
			return
		}
		f, _ := o.pick(sh, o.length())
		c.W.Bulk(f)
		return
	}
	if h == 0 || count == 0 {
		c.W.Array(0)
		return
	}
	c.hashRandom(sh, o, count, withValues)
}

// pick returns a random field and value of a hash with n fields.
func (o *hashObj) pick(sh *shard, n int) (f, v []byte) {
	if t := o.ht; t != nil {
		e := t.randomEntry(sh.random)
		return t.field(e), t.value(e)
	}
	k := int(sh.random() % uint64(n))
	for off := 1; ; k-- {
		f, v, _, next := lpEntry(o.lp, off)
		if k == 0 {
			return f, v
		}
		off = next
	}
}

func (c *Client) replyRandPair(f, v []byte, withValues bool) {
	if withValues && c.W.IsRESP3() {
		c.W.Array(2)
	}
	c.W.Bulk(f)
	if withValues {
		c.W.Bulk(v)
	}
}

// hashRandom replies with count random fields: distinct ones for a
// positive count (all of them when it covers the hash), possibly repeated
// ones for a negative count. RESP3 nests each field/value pair.
func (c *Client) hashRandom(sh *shard, o *hashObj, count int64, withValues bool) {
	size := int64(o.length())
	uniq := count > 0
	if !uniq {
		count = -count
	}
	if count > hrandMaxCount && (!uniq || size > hrandMaxCount) {
		c.CloseAfterReply = true
		return
	}
	n := count
	if uniq && n > size {
		n = size
	}
	if withValues && !c.W.IsRESP3() {
		c.W.Array(int(2 * n))
	} else {
		c.W.Array(int(n))
	}
	switch {
	case !uniq || count == 1:
		if o.ht == nil {
			// Index the listpack once rather than walking it per pick.
			offs := make([]int, 0, size)
			for off := 1; off < len(o.lp); {
				offs = append(offs, off)
				_, _, _, off = lpEntry(o.lp, off)
			}
			for ; count > 0; count-- {
				f, v, _, _ := lpEntry(o.lp, offs[sh.random()%uint64(size)])
				c.replyRandPair(f, v, withValues)
			}
			return
		}
		for ; count > 0; count-- {
			f, v := o.pick(sh, int(size))
			c.replyRandPair(f, v, withValues)
		}
	case count >= size:
		o.each(func(f, v []byte, _ int64) bool {
			c.replyRandPair(f, v, withValues)
			return true
		})
	default:
		// Choose count distinct positions, then reply in the hash's order
		// (Redis does so for listpacks; for tables the order is random
		// anyway).
		keep := make([]bool, size)
		for left := size; left > count; {
			k := sh.random() % uint64(size)
			if !keep[k] {
				keep[k] = true
				left--
			}
		}
		k := 0
		o.each(func(f, v []byte, _ int64) bool {
			if !keep[k] {
				c.replyRandPair(f, v, withValues)
			}
			k++
			return true
		})
	}
}

// cmdHScan is HSCAN key cursor [MATCH pattern] [COUNT count] [NOVALUES].
// A listpack hash is returned whole with cursor 0, as Redis does; a
// hashtable is walked with Redis's reverse-binary cursor over its buckets,
// COUNT counting fields and values (two per field) as Redis 7.0 does.
func cmdHScan(c *Client) {
	cursor, ok := parseScanCursor(c.Args[2])
	if !ok {
		c.W.Error(errCursor)
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.lookupHash(sh, d, key, h32, true)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Array(2)
		c.W.BulkString("0")
		c.W.Array(0)
		return
	}
	count := int64(10)
	var pattern []byte
	noValues := false
	for i := 3; i < len(c.Args); {
		a, more := c.Args[i], len(c.Args)-i >= 2
		switch {
		case eqFold(a, "count") && more:
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
			i += 2
		case eqFold(a, "match") && more:
			pattern = c.Args[i+1]
			if len(pattern) == 1 && pattern[0] == '*' {
				pattern = nil
			}
			i += 2
		case eqFold(a, "novalues"):
			noValues = true
			i++
		default:
			c.W.Error(errSyntax)
			return
		}
	}
	mark := len(c.W.Buf)
	n := 0
	emit := func(f, v []byte) {
		if pattern != nil && !matchKey(pattern, f) {
			return
		}
		c.W.Bulk(f)
		n++
		if !noValues {
			c.W.Bulk(v)
			n++
		}
	}
	next := uint64(0)
	if t := o.ht; t == nil {
		o.each(func(f, v []byte, _ int64) bool {
			emit(f, v)
			return true
		})
	} else {
		maxIter := count * 10
		seen := int64(0)
		for {
			t.scanBucket(cursor&uint64(len(t.buckets)-1), func(e *htEntry) {
				emit(t.field(e), t.value(e))
				seen += 2
			})
			cursor = t.scanNext(cursor)
			maxIter--
			if cursor == 0 || maxIter == 0 || seen >= count {
				break
			}
		}
		next = cursor
	}
	c.prependArray(mark, n)
	var tmp [48]byte
	head := resp.AppendArray(tmp[:0], 2)
	var num [20]byte
	head = resp.AppendBulk(head, appendUint(num[:0], next))
	c.insertAt(mark, head)
}
