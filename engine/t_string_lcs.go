package engine

import "math"

// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]: the longest
// common subsequence of two strings, by Redis's dynamic programming table
// and walk back, so that ties pick the same subsequence and the same match
// ranges as Redis.

func init() {
	register(&Command{Name: "lcs", Arity: -3, Flags: FlagReadonly, First: 1, Last: 2, Step: 1,
		Cats: CatRead | CatString | CatSlow, Proc: cmdLCS})
}

// lcsRange is one match of LCS IDX: a[a0..a1] equals b[b0..b1].
type lcsRange struct{ a0, a1, b0, b1 uint32 }

func cmdLCS(c *Client) {
	a, b, ok := c.lcsStrings(c.Args[1], c.Args[2])
	if !ok {
		c.W.Error("ERR The specified keys must contain string values")
		return
	}
	var getLen, getIdx, withLen bool
	var minLen int64
	for j := 3; j < len(c.Args); j++ {
		opt := c.Args[j]
		switch {
		case eqFold(opt, "idx"):
			getIdx = true
		case eqFold(opt, "len"):
			getLen = true
		case eqFold(opt, "withmatchlen"):
			withLen = true
		case eqFold(opt, "minmatchlen") && j+1 < len(c.Args):
			n, ok := parseInt64(c.Args[j+1])
			if !ok {
				c.W.Error(errNotInt)
				return
			}
			minLen = max(n, 0)
			j++
		default:
			c.W.Error(errSyntax)
			return
		}
	}
	if getIdx && getLen {
		c.W.Error("ERR If you want both the length and indexes, please just use IDX.")
		return
	}
	if len(a) >= math.MaxUint32-1 || len(b) >= math.MaxUint32-1 {
		c.W.Error("ERR String too long for LCS")
		return
	}
	alen, blen := len(a), len(b)
	cells := uint64(alen+1) * uint64(blen+1)
	if cells*4 > uint64(c.e.opts.ProtoMaxBulkLen) {
		c.W.Error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len")
		return
	}
	// dp[i*(blen+1)+j] is the LCS length of a[:i] and b[:j].
	w := blen + 1
	dp := make([]uint32, cells)
	for i := 1; i <= alen; i++ {
		row, prev := dp[i*w:(i+1)*w], dp[(i-1)*w:i*w]
		ai := a[i-1]
		for j := 1; j <= blen; j++ {
			switch {
			case ai == b[j-1]:
				row[j] = prev[j-1] + 1
			case prev[j] > row[j-1]:
				row[j] = prev[j]
			default:
				row[j] = row[j-1]
			}
		}
	}
	total := dp[alen*w+blen]
	if getLen {
		c.W.Int(int64(total))
		return
	}
	// Walk back from the end, building the subsequence and the ranges of
	// contiguous matches (emitted from the end of the strings).
	result := make([]byte, total)
	var ranges []lcsRange
	idx := total
	unset := uint32(alen)
	cur := lcsRange{a0: unset}
	i, j := alen, blen
	for i > 0 && j > 0 {
		emit := false
		if a[i-1] == b[j-1] {
			result[idx-1] = a[i-1]
			if cur.a0 == unset {
				cur = lcsRange{uint32(i - 1), uint32(i - 1), uint32(j - 1), uint32(j - 1)}
			} else if cur.a0 == uint32(i) && cur.b0 == uint32(j) {
				cur.a0--
				cur.b0--
			} else {
				emit = true
			}
			if cur.a0 == 0 || cur.b0 == 0 {
				emit = true
			}
			idx--
			i--
			j--
		} else {
			if dp[(i-1)*w+j] > dp[i*w+j-1] {
				i--
			} else {
				j--
			}
			if cur.a0 != unset {
				emit = true
			}
		}
		if emit {
			if n := int64(cur.a1 - cur.a0 + 1); getIdx && (minLen == 0 || n >= minLen) {
				ranges = append(ranges, cur)
			}
			cur.a0 = unset
		}
	}
	if !getIdx {
		c.W.Bulk(result)
		return
	}
	c.W.Map(2)
	c.W.BulkString("matches")
	c.W.Array(len(ranges))
	for _, r := range ranges {
		if withLen {
			c.W.Array(3)
		} else {
			c.W.Array(2)
		}
		c.W.Array(2)
		c.W.Int(int64(r.a0))
		c.W.Int(int64(r.a1))
		c.W.Array(2)
		c.W.Int(int64(r.b0))
		c.W.Int(int64(r.b1))
		if withLen {
			c.W.Int(int64(r.a1 - r.a0 + 1))
		}
	}
	c.W.BulkString("len")
	c.W.Int(int64(total))
}

// lcsStrings copies the values of two keys (missing keys read as ""), so
// that LCS computes without holding shard locks. ok is false when either
// key holds another type.
func (c *Client) lcsStrings(k1, k2 []byte) (a, b []byte, ok bool) {
	ix := c.shardIndexesStep(c.Args[1:3], 1)
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)
	var tmp [20]byte
	ok = true
	get := func(k []byte) []byte {
		sh, d, h32 := c.keyInShard(k)
		h := c.lookupRead(sh, d, k, h32)
		if h == 0 {
			return nil
		}
		r := sh.rec(h)
		if !isString(r) {
			ok = false
			return nil
		}
		return append([]byte(nil), sh.stringBytes(r, tmp[:0])...)
	}
	a, b = get(k1), get(k2)
	return a, b, ok
}
