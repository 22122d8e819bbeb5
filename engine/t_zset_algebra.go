package engine

import (
	"bytes"
	"math"
	"slices"
	"sort"
)

// Sorted set algebra (Redis's zunionInterDiffGenericCommand): ZUNION,
// ZINTER, ZDIFF, their *STORE forms and ZINTERCARD. Plain sets are valid
// inputs, every member with score 1.

const (
	zopUnion = iota
	zopInter
	zopDiff
)

const (
	aggrSum = iota
	aggrMin
	aggrMax
)

// zsrc is one input: a sorted set, a set, or nothing (missing key).
type zsrc struct {
	z      *zset
	s      *setObject
	weight float64
}

func (s *zsrc) card() int {
	switch {
	case s.z != nil:
		return s.z.card()
	case s.s != nil:
		return s.s.card()
	}
	return 0
}

// each calls fn with every member and score of the input.
func (s *zsrc) each(fn func(m []byte, score float64) bool) {
	switch {
	case s.z != nil:
		s.z.each(0, false, fn)
	case s.s != nil:
		s.s.each(func(m []byte) bool { return fn(m, 1) })
	}
}

// find returns the score of m in the input.
func (s *zsrc) find(m []byte) (float64, bool) {
	switch {
	case s.z != nil:
		return s.z.score(m)
	case s.s != nil:
		return 1, s.s.has(m)
	}
	return 0, false
}

// zentry is a member of a computed result.
type zentry struct {
	m string
	s float64
}

func aggregate(target *float64, v float64, how int) {
	switch how {
	case aggrSum:
		*target += v
		if math.IsNaN(*target) {
			*target = 0
		}
	case aggrMin:
		if v < *target {
			*target = v
		}
	case aggrMax:
		if v > *target {
			*target = v
		}
	}
}

func cmdZUnion(c *Client)      { c.zsetOp(nil, 1, zopUnion, false) }
func cmdZInter(c *Client)      { c.zsetOp(nil, 1, zopInter, false) }
func cmdZDiff(c *Client)       { c.zsetOp(nil, 1, zopDiff, false) }
func cmdZUnionStore(c *Client) { c.zsetOp(c.Args[1], 2, zopUnion, false) }
func cmdZInterStore(c *Client) { c.zsetOp(c.Args[1], 2, zopInter, false) }
func cmdZDiffStore(c *Client)  { c.zsetOp(c.Args[1], 2, zopDiff, false) }
func cmdZInterCard(c *Client)  { c.zsetOp(nil, 1, zopInter, true) }

// zsetOp runs a union, intersection or difference of the keys counted at
// argument numIdx, storing it at dst when set, or only counting it
// (ZINTERCARD).
func (c *Client) zsetOp(dst []byte, numIdx, op int, cardOnly bool) {
	args := c.Args
	setnum, ok := parseInt64(args[numIdx])
	if !ok {
		c.W.Error(errNotInt)
		return
	}
	if setnum < 1 {
		c.W.Error("ERR at least 1 input key is needed for '" + c.cmd.Name + "' command")
		return
	}
	if setnum > int64(len(args)-numIdx-1) {
		c.W.Error(errSyntax)
		return
	}
	keys := args[numIdx+1 : numIdx+1+int(setnum)]
	lockKeys := keys
	if dst != nil {
		lockKeys = append(append(make([][]byte, 0, len(keys)+1), keys...), dst)
	}
	ix := c.shardIndexes(lockKeys)
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)
	src := make([]zsrc, len(keys))
	for i, k := range keys {
		sh, d, h32 := c.keyInShard(k)
		var h handle
		if dst == nil {
			h = c.lookupRead(sh, d, k, h32)
		} else {
			h = c.lookup(sh, d, k, h32)
		}
		src[i].weight = 1
		if h == 0 {
			continue
		}
		switch o := sh.objectAt(h).(type) {
		case *zset:
			src[i].z = o
		case *setObject:
			src[i].s = o
		default:
			c.W.Error(errWrongType)
			return
		}
	}
	how := aggrSum
	withScores := false
	limit := int64(0)
	for j := numIdx + 1 + int(setnum); j < len(args); {
		left := len(args) - j
		a := args[j]
		switch {
		case op != zopDiff && !cardOnly && left >= len(src)+1 && eqFold(a, "weights"):
			j++
			for i := range src {
				w, ok := parseScore(args[j])
				if !ok {
					c.W.Error("ERR weight value is not a float")
					return
				}
				src[i].weight = w
				j++
			}
		case op != zopDiff && !cardOnly && left >= 2 && eqFold(a, "aggregate"):
			switch v := args[j+1]; {
			case eqFold(v, "sum"):
				how = aggrSum
			case eqFold(v, "min"):
				how = aggrMin
			case eqFold(v, "max"):
				how = aggrMax
			default:
				c.W.Error(errSyntax)
				return
			}
			j += 2
		case dst == nil && !cardOnly && eqFold(a, "withscores"):
			withScores = true
			j++
		case cardOnly && left >= 2 && eqFold(a, "limit"):
			n, ok := parseInt64(args[j+1])
			if !ok || n < 0 {
				c.W.Error("ERR LIMIT can't be negative")
				return
			}
			limit = n
			j += 2
		default:
			c.W.Error(errSyntax)
			return
		}
	}
	if op != zopDiff {
		sort.SliceStable(src, func(i, j int) bool { return src[i].card() < src[j].card() })
	}
	var res []zentry
	switch op {
	case zopInter:
		n := int64(0)
		if src[0].card() > 0 {
			src[0].each(func(m []byte, s float64) bool {
				score := src[0].weight * s
				if math.IsNaN(score) {
					score = 0
				}
				for j := 1; j < len(src); j++ {
					v, found := src[j].find(m)
					if !found {
						return true
					}
					aggregate(&score, v*src[j].weight, how)
				}
				if cardOnly {
					n++
					return limit == 0 || n < limit
				}
				res = append(res, zentry{string(m), score})
				return true
			})
		}
		if cardOnly {
			c.W.Int(n)
			return
		}
	case zopUnion:
		acc := map[string]int{}
		for i := range src {
			src[i].each(func(m []byte, s float64) bool {
				score := src[i].weight * s
				if math.IsNaN(score) {
					score = 0
				}
				if k, found := acc[string(m)]; found {
					aggregate(&res[k].s, score, how)
				} else {
					acc[string(m)] = len(res)
					res = append(res, zentry{string(m), score})
				}
				return true
			})
		}
	case zopDiff:
		src[0].each(func(m []byte, s float64) bool {
			for j := 1; j < len(src); j++ {
				if _, found := src[j].find(m); found {
					return true
				}
			}
			res = append(res, zentry{string(m), s})
			return true
		})
	}
	slices.SortFunc(res, func(a, b zentry) int {
		switch {
		case a.s < b.s:
			return -1
		case a.s > b.s:
			return 1
		}
		return bytes.Compare([]byte(a.m), []byte(b.m))
	})
	if dst != nil {
		maxEntries, maxValue := c.zsetLimits()
		c.storeZset(dst, zsetFromSorted(res, maxEntries, maxValue))
		return
	}
	n := len(res)
	if withScores && !c.W.IsRESP3() {
		n *= 2
	}
	c.W.Array(n)
	for _, e := range res {
		if withScores && c.W.IsRESP3() {
			c.W.Array(2)
		}
		c.W.BulkString(e.m)
		if withScores {
			c.W.Double(e.s)
		}
	}
}

// zsetFromSorted builds a sorted set from entries in order: a listpack
// when it fits the limits, else a skiplist (zsetConvertToListpackIfNeeded).
func zsetFromSorted(res []zentry, maxEntries, maxValue int64) *zset {
	z := newZset()
	fits := int64(len(res)) <= maxEntries
	for i := 0; fits && i < len(res); i++ {
		fits = int64(len(res[i].m)) <= maxValue
	}
	if fits {
		for _, e := range res {
			z.lpAppend([]byte(e.m), e.s)
		}
		return z
	}
	z.sl = newSkiplist(len(res))
	for _, e := range res {
		z.sl.insert(e.s, []byte(e.m))
	}
	return z
}
