package engine

import (
	"bytes"
	"math"
	"strconv"
)

// Sorted set ranges: the score and lexicographic range specs (Redis's
// zrangespec and zlexrangespec), ZRANGE in all its forms, ZRANGESTORE,
// ZCOUNT, ZLEXCOUNT and ZREMRANGEBY*.
//
// ZRANGE ... LIMIT without BYSCORE or BYLEX is rejected with Redis's
// "ERR syntax error, LIMIT is only supported in combination with either
// BYSCORE or BYLEX" (some client SDKs send it; Redis rejects it too).

// zscoreRange is a score interval; minEx/maxEx make an end open.
type zscoreRange struct {
	min, max     float64
	minEx, maxEx bool
}

func (r *zscoreRange) gteMin(s float64) bool {
	if r.minEx {
		return s > r.min
	}
	return s >= r.min
}

func (r *zscoreRange) lteMax(s float64) bool {
	if r.maxEx {
		return s < r.max
	}
	return s <= r.max
}

// zlexBound is one end of a lexicographic range: inf -1 for "-" (below
// everything), +1 for "+" (above everything), else the string s.
type zlexBound struct {
	s   []byte
	inf int
	ex  bool
}

// cmpLex compares member m with bound b (sdscmplex).
func (b *zlexBound) cmpLex(m []byte) int {
	if b.inf != 0 {
		return -b.inf
	}
	return bytes.Compare(m, b.s)
}

// zspec is a score or lexicographic range, with the tests Redis's
// zslValueGteMin/LteMax and zslLexValueGteMin/LteMax make.
type zspec struct {
	lex      bool
	score    zscoreRange
	lmin     zlexBound
	lmax     zlexBound
	reversed bool
}

func (r *zspec) gteMin(s float64, m []byte) bool {
	if !r.lex {
		return r.score.gteMin(s)
	}
	c := r.lmin.cmpLex(m)
	return c > 0 || (c == 0 && !r.lmin.ex)
}

func (r *zspec) lteMax(s float64, m []byte) bool {
	if !r.lex {
		return r.score.lteMax(s)
	}
	c := r.lmax.cmpLex(m)
	return c < 0 || (c == 0 && !r.lmax.ex)
}

// isEmpty reports ranges that can match nothing.
func (r *zspec) isEmpty() bool {
	if !r.lex {
		s := &r.score
		return s.min > s.max || (s.min == s.max && (s.minEx || s.maxEx))
	}
	c := cmpInt(r.lmin.inf, r.lmax.inf)
	if r.lmin.inf == 0 && r.lmax.inf == 0 {
		c = bytes.Compare(r.lmin.s, r.lmax.s)
	}
	return c > 0 || (c == 0 && (r.lmin.ex || r.lmax.ex))
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// parseRangeScore parses one end of a score range as zslParseRange does
// with strtod: leading spaces allowed, "(" for open, the whole argument
// (up to a NUL byte) must be used, NaN rejected; overflow gives ±inf.
func parseRangeScore(b []byte) (f float64, ex bool, ok bool) {
	b = cString(b)
	if len(b) > 0 && b[0] == '(' {
		ex = true
		b = b[1:]
	}
	if len(b) == 0 {
		return 0, ex, true
	}
	i := 0
	for i < len(b) && (b[i] == ' ' || (b[i] >= '\t' && b[i] <= '\r')) {
		i++
	}
	f, ok = strtodAll(b[i:])
	return f, ex, ok
}

// strtodAll parses b as a whole with strtod's syntax: decimal or hex,
// inf, infinity; overflow gives ±inf and underflow 0, as strtod returns.
func strtodAll(b []byte) (float64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	body := b
	if body[0] == '+' || body[0] == '-' {
		body = body[1:]
	}
	hex := len(body) > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')
	hasP := false
	for _, ch := range body {
		if ch == '_' || ch == ' ' || ch == 0 {
			return 0, false
		}
		hasP = hasP || ch == 'p' || ch == 'P'
	}
	s := string(b)
	if hex && !hasP {
		s += "p0"
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return 0, false
		}
	}
	if math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// parseScoreRange parses a min/max pair (zslParseRange).
func parseScoreRange(min, max []byte) (r zspec, ok bool) {
	var ok1, ok2 bool
	r.score.min, r.score.minEx, ok1 = parseRangeScore(min)
	r.score.max, r.score.maxEx, ok2 = parseRangeScore(max)
	return r, ok1 && ok2
}

// parseLexBound parses "-", "+", "(str" or "[str" (zslParseLexRangeItem).
func parseLexBound(b []byte) (zlexBound, bool) {
	if len(b) == 0 {
		return zlexBound{}, false
	}
	switch b[0] {
	case '+', '-':
		if len(b) > 1 && b[1] != 0 {
			return zlexBound{}, false
		}
		inf := 1
		if b[0] == '-' {
			inf = -1
		}
		return zlexBound{inf: inf, ex: true}, true
	case '(':
		return zlexBound{s: b[1:], ex: true}, true
	case '[':
		return zlexBound{s: b[1:]}, true
	}
	return zlexBound{}, false
}

func parseLexRange(min, max []byte) (r zspec, ok bool) {
	var ok1, ok2 bool
	r.lex = true
	r.lmin, ok1 = parseLexBound(min)
	r.lmax, ok2 = parseLexBound(max)
	return r, ok1 && ok2
}

// rangeStart returns the rank where iterating a range begins (the first
// member in range, or the last when rev), or -1 when nothing is in range:
// Redis's zzlFirstInRange/zzlLastInRange and their skiplist versions.
func (z *zset) rangeStart(r *zspec, rev bool) int {
	n := z.card()
	if n == 0 || r.isEmpty() {
		return -1
	}
	lm, ls := z.at(n - 1)
	fm, fs := z.at(0)
	if !r.gteMin(ls, lm) || !r.lteMax(fs, fm) {
		return -1
	}
	if !rev {
		i := z.countWhile(func(s float64, m []byte) bool { return !r.gteMin(s, m) })
		if i >= n {
			return -1
		}
		if m, s := z.at(i); !r.lteMax(s, m) {
			return -1
		}
		return i
	}
	i := n - 1 - z.countUntil(func(s float64, m []byte) bool { return !r.lteMax(s, m) })
	if i < 0 {
		return -1
	}
	if m, s := z.at(i); !r.gteMin(s, m) {
		return -1
	}
	return i
}

// eachInRange calls fn for the members in range, ascending (descending
// when rev), skipping offset of them first and stopping after limit (< 0:
// no limit), as Redis's genericZrangebyscore/lexCommand walk them.
func (z *zset) eachInRange(r *zspec, rev bool, offset, limit int64, fn func(m []byte, s float64) bool) {
	start := z.rangeStart(r, rev)
	if start < 0 || offset < 0 {
		return
	}
	if rev {
		start -= int(min(offset, int64(start)+1))
	} else {
		start += int(min(offset, int64(z.card())))
	}
	z.each(start, rev, func(m []byte, s float64) bool {
		if limit == 0 {
			return false
		}
		if rev && !r.gteMin(s, m) || !rev && !r.lteMax(s, m) {
			return false
		}
		limit--
		return fn(m, s)
	})
}

// eachInScoreRange is eachInRange for a score range, without offset and
// limit (the API for GEO).
func (z *zset) eachInScoreRange(sr zscoreRange, rev bool, fn func(m []byte, s float64) bool) {
	r := zspec{score: sr}
	z.eachInRange(&r, rev, 0, -1, fn)
}

// countInRange counts the members in range.
func (z *zset) countInRange(r *zspec) int {
	n := 0
	z.eachInRange(r, false, 0, -1, func([]byte, float64) bool { n++; return true })
	return n
}

// countInScoreRange counts the members with scores in sr (the API for GEO).
func (z *zset) countInScoreRange(sr zscoreRange) int {
	r := zspec{score: sr}
	return z.countInRange(&r)
}

func cmdZCount(c *Client)    { c.zcountGeneric(false) }
func cmdZLexCount(c *Client) { c.zcountGeneric(true) }

// zcountGeneric is ZCOUNT and ZLEXCOUNT.
func (c *Client) zcountGeneric(lex bool) {
	var r zspec
	var ok bool
	if lex {
		if r, ok = parseLexRange(c.Args[2], c.Args[3]); !ok {
			c.W.Error(errZLexRange)
			return
		}
	} else if r, ok = parseScoreRange(c.Args[2], c.Args[3]); !ok {
		c.W.Error(errZMinMax)
		return
	}
	sh, _, _, z, ok := c.lockZset(c.Args[1], true)
	if !ok {
		return
	}
	n := 0
	if z != nil {
		n = z.countInRange(&r)
	}
	sh.mu.Unlock()
	c.W.Int(int64(n))
}

// Range kinds of zrangeGeneric.
const (
	zrAuto = iota
	zrRank
	zrScore
	zrLex
)

func cmdZRange(c *Client)           { c.zrangeGeneric(1, false, zrAuto, false) }
func cmdZRevRange(c *Client)        { c.zrangeGeneric(1, false, zrRank, true) }
func cmdZRangeByScore(c *Client)    { c.zrangeGeneric(1, false, zrScore, false) }
func cmdZRevRangeByScore(c *Client) { c.zrangeGeneric(1, false, zrScore, true) }
func cmdZRangeByLex(c *Client)      { c.zrangeGeneric(1, false, zrLex, false) }
func cmdZRevRangeByLex(c *Client)   { c.zrangeGeneric(1, false, zrLex, true) }
func cmdZRangeStore(c *Client)      { c.zrangeGeneric(2, true, zrAuto, false) }

// zrangeGeneric is every ZRANGE form and ZRANGESTORE (Redis's
// zrangeGenericCommand): the source key is at argument src, kind and rev
// are fixed by the old commands (zrAuto and false let the options choose).
func (c *Client) zrangeGeneric(src int, store bool, kind int, rev bool) {
	args := c.Args
	var offset, limit int64 = 0, -1
	withScores := false
	revFixed := kind != zrAuto
	for j := src + 3; j < len(args); j++ {
		a := args[j]
		left := len(args) - j - 1
		switch {
		case !store && eqFold(a, "withscores"):
			withScores = true
		case eqFold(a, "limit") && left >= 2:
			var ok bool
			if offset, ok = parseInt64(args[j+1]); !ok {
				c.W.Error(errNotInt)
				return
			}
			if limit, ok = parseInt64(args[j+2]); !ok {
				c.W.Error(errNotInt)
				return
			}
			j += 2
		case !revFixed && !rev && eqFold(a, "rev"):
			rev = true
		case kind == zrAuto && eqFold(a, "bylex"):
			kind = zrLex
		case kind == zrAuto && eqFold(a, "byscore"):
			kind = zrScore
		default:
			c.W.Error(errSyntax)
			return
		}
	}
	if kind == zrAuto {
		kind = zrRank
	}
	if limit != -1 && kind == zrRank {
		c.W.Error("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX")
		return
	}
	if withScores && kind == zrLex {
		c.W.Error("ERR syntax error, WITHSCORES not supported in combination with BYLEX")
		return
	}
	minArg, maxArg := args[src+1], args[src+2]
	if rev && kind != zrRank {
		minArg, maxArg = maxArg, minArg
	}
	var start, end int64
	var r zspec
	var ok bool
	switch kind {
	case zrRank:
		if start, ok = parseInt64(minArg); !ok {
			c.W.Error(errNotInt)
			return
		}
		if end, ok = parseInt64(maxArg); !ok {
			c.W.Error(errNotInt)
			return
		}
	case zrScore:
		if r, ok = parseScoreRange(minArg, maxArg); !ok {
			c.W.Error(errZMinMax)
			return
		}
	case zrLex:
		if r, ok = parseLexRange(minArg, maxArg); !ok {
			c.W.Error(errZLexRange)
			return
		}
	}
	if store {
		c.zrangeStore(args[1], args[src], kind, rev, start, end, &r, offset, limit)
		return
	}
	sh, _, _, z, ok := c.lockZset(args[src], true)
	if !ok {
		return
	}
	defer sh.mu.Unlock()
	if z == nil {
		c.W.Array(0)
		return
	}
	mark := len(c.W.Buf)
	n := 0
	emit := func(m []byte, s float64) bool {
		n++
		if withScores {
			if c.W.IsRESP3() {
				c.W.Array(2)
			}
			c.W.Bulk(m)
			c.W.Double(s)
		} else {
			c.W.Bulk(m)
		}
		return true
	}
	if kind == zrRank {
		z.eachInRanks(start, end, rev, emit)
	} else {
		if offset > 0 && offset >= int64(z.card()) {
			c.W.Array(0)
			return
		}
		z.eachInRange(&r, rev, offset, limit, emit)
	}
	if withScores && !c.W.IsRESP3() {
		n *= 2
	}
	c.prependArray(mark, n)
}

// rankRange resolves start/end ranks (negative from the end) against n:
// the inclusive 0-based range, or ok == false when empty.
func rankRange(start, end int64, n int) (int, int, bool) {
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
		return 0, 0, false
	}
	if end >= ln {
		end = ln - 1
	}
	return int(start), int(end), true
}

// eachInRanks walks ranks start..end (Redis's indexes) ascending, or the
// reversed order's ranks when rev.
func (z *zset) eachInRanks(start, end int64, rev bool, fn func(m []byte, s float64) bool) {
	n := z.card()
	s, e, ok := rankRange(start, end, n)
	if !ok {
		return
	}
	count := e - s + 1
	from := s
	if rev {
		from = n - 1 - s
	}
	z.each(from, rev, func(m []byte, sc float64) bool {
		if count == 0 {
			return false
		}
		count--
		return fn(m, sc)
	})
}

// zrangeStore is ZRANGESTORE: the range of src stored at dst.
func (c *Client) zrangeStore(dst, src []byte, kind int, rev bool, start, end int64, r *zspec, offset, limit int64) {
	ix := c.shardIndexes([][]byte{dst, src})
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)
	ssh, sd, sh32 := c.keyInShard(src)
	_, z, ok := lookupObject[*zset](c, ssh, sd, src, sh32, true)
	if !ok {
		return
	}
	out := newZset()
	if z != nil {
		maxEntries, maxValue := c.zsetLimits()
		add := func(m []byte, s float64) bool {
			out.add(m, s, 0, maxEntries, maxValue)
			return true
		}
		if kind == zrRank {
			z.eachInRanks(start, end, rev, add)
		} else if offset <= 0 || offset < int64(z.card()) {
			z.eachInRange(r, rev, offset, limit, add)
		}
	}
	c.storeZset(dst, out)
}

// storeZset stores z at dst for the *STORE commands (whose shards are
// locked) and replies with its size: an empty result deletes dst.
func (c *Client) storeZset(dst []byte, z *zset) {
	dsh, dd, dh32 := c.keyInShard(dst)
	old := c.lookupMode(dsh, dd, dst, dh32, lookNoTouch)
	n := z.card()
	if n == 0 {
		if old != 0 {
			dsh.remove(dd, old)
			c.modified(dst)
		}
		c.W.Int(0)
		return
	}
	dsh.storeObject(dd, dst, dh32, old, z, c.e.lruClock())
	c.modified(dst)
	c.W.Int(int64(n))
}

func cmdZRemRangeByRank(c *Client)  { c.zremrangeGeneric(zrRank) }
func cmdZRemRangeByScore(c *Client) { c.zremrangeGeneric(zrScore) }
func cmdZRemRangeByLex(c *Client)   { c.zremrangeGeneric(zrLex) }

// zremrangeGeneric is ZREMRANGEBYRANK, ZREMRANGEBYSCORE and
// ZREMRANGEBYLEX.
func (c *Client) zremrangeGeneric(kind int) {
	key := c.Args[1]
	var start, end int64
	var r zspec
	var ok bool
	switch kind {
	case zrRank:
		if start, ok = parseInt64(c.Args[2]); !ok {
			c.W.Error(errNotInt)
			return
		}
		if end, ok = parseInt64(c.Args[3]); !ok {
			c.W.Error(errNotInt)
			return
		}
	case zrScore:
		if r, ok = parseScoreRange(c.Args[2], c.Args[3]); !ok {
			c.W.Error(errZMinMax)
			return
		}
	case zrLex:
		if r, ok = parseLexRange(c.Args[2], c.Args[3]); !ok {
			c.W.Error(errZLexRange)
			return
		}
	}
	sh, d, h, z, ok := c.lockZset(key, false)
	if !ok {
		return
	}
	defer sh.mu.Unlock()
	if z == nil {
		c.W.Int(0)
		return
	}
	n := 0
	if kind == zrRank {
		if s, e, ok := rankRange(start, end, z.card()); ok {
			n = z.deleteRange(s, e)
		}
	} else if s := z.rangeStart(&r, false); s >= 0 {
		e := s - 1
		z.each(s, false, func(m []byte, sc float64) bool {
			if !r.lteMax(sc, m) {
				return false
			}
			e++
			return true
		})
		n = z.deleteRange(s, e)
	}
	c.zsetRemoved(sh, d, h, z, key, n)
	c.W.Int(int64(n))
}
