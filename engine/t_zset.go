package engine

import (
	"math"
	"strconv"
)

// Sorted set commands (Redis's t_zset.c): adding, removing and reading
// single members here; ranges in t_zset_range.go, pops and blocking pops
// in t_zset_pop.go, set algebra in t_zset_algebra.go, ZRANDMEMBER and ZSCAN
// in t_zset_rand.go. The type itself is in zset.go.

func init() {
	zc := func(name string, arity int, flags Flags, first, last int, cats Category, proc func(*Client), tips ...string) *Command {
		step := 1
		if first == 0 {
			step = 0
		}
		return &Command{Name: name, Arity: arity, Flags: flags, First: first, Last: last, Step: step,
			Cats: cats | CatSortedSet, Proc: proc, Tips: tips}
	}
	const (
		ro   = FlagReadonly
		roF  = FlagReadonly | FlagFast
		wF   = FlagWrite | FlagFast
		wDF  = FlagWrite | FlagDenyOOM | FlagFast
		wD   = FlagWrite | FlagDenyOOM
		wMov = FlagWrite | FlagDenyOOM | FlagMovableKeys
		rMov = FlagReadonly | FlagMovableKeys
	)
	register(
		zc("zadd", -4, wDF, 1, 1, 0, cmdZAdd),
		zc("zincrby", 4, wDF, 1, 1, 0, cmdZIncrBy),
		zc("zrem", -3, wF, 1, 1, 0, cmdZRem),
		zc("zcard", 2, roF, 1, 1, 0, cmdZCard),
		zc("zscore", 3, roF, 1, 1, 0, cmdZScore),
		zc("zmscore", -3, roF, 1, 1, 0, cmdZMScore),
		zc("zrank", -3, roF, 1, 1, 0, cmdZRank),
		zc("zrevrank", -3, roF, 1, 1, 0, cmdZRevRank),
		zc("zcount", 4, roF, 1, 1, 0, cmdZCount),
		zc("zlexcount", 4, roF, 1, 1, 0, cmdZLexCount),
		zc("zrange", -4, ro, 1, 1, 0, cmdZRange),
		zc("zrangestore", -5, wD, 1, 2, 0, cmdZRangeStore),
		zc("zrevrange", -4, ro, 1, 1, 0, cmdZRevRange),
		zc("zrangebyscore", -4, ro, 1, 1, 0, cmdZRangeByScore),
		zc("zrevrangebyscore", -4, ro, 1, 1, 0, cmdZRevRangeByScore),
		zc("zrangebylex", -4, ro, 1, 1, 0, cmdZRangeByLex),
		zc("zrevrangebylex", -4, ro, 1, 1, 0, cmdZRevRangeByLex),
		zc("zremrangebyrank", 4, FlagWrite, 1, 1, 0, cmdZRemRangeByRank),
		zc("zremrangebyscore", 4, FlagWrite, 1, 1, 0, cmdZRemRangeByScore),
		zc("zremrangebylex", 4, FlagWrite, 1, 1, 0, cmdZRemRangeByLex),
		zc("zpopmin", -2, wF, 1, 1, 0, cmdZPopMin),
		zc("zpopmax", -2, wF, 1, 1, 0, cmdZPopMax),
		zc("bzpopmin", -3, FlagWrite|FlagNoScript|FlagBlocking|FlagFast, 1, -2, 0, cmdBZPopMin),
		zc("bzpopmax", -3, FlagWrite|FlagNoScript|FlagBlocking|FlagFast, 1, -2, 0, cmdBZPopMax),
		zc("zmpop", -4, FlagWrite|FlagMovableKeys, 0, 0, 0, cmdZMPop),
		zc("bzmpop", -5, FlagWrite|FlagBlocking|FlagMovableKeys, 0, 0, 0, cmdBZMPop),
		zc("zrandmember", -2, ro, 1, 1, 0, cmdZRandMember, "nondeterministic_output"),
		zc("zunion", -3, rMov, 0, 0, 0, cmdZUnion),
		zc("zinter", -3, rMov, 0, 0, 0, cmdZInter),
		zc("zdiff", -3, rMov, 0, 0, 0, cmdZDiff),
		zc("zunionstore", -4, wMov, 1, 1, 0, cmdZUnionStore),
		zc("zinterstore", -4, wMov, 1, 1, 0, cmdZInterStore),
		zc("zdiffstore", -4, wMov, 1, 1, 0, cmdZDiffStore),
		zc("zintercard", -3, rMov, 0, 0, 0, cmdZInterCard),
		zc("zscan", -3, ro, 1, 1, 0, cmdZScan, "nondeterministic_output"),
	)
	// Movable keys, as Redis's key specs find them.
	numkeys := func(numIdx int, store bool) func(args [][]byte, dst []int) []int {
		return func(args [][]byte, dst []int) []int { return zsetNumKeys(args, dst, numIdx, store) }
	}
	for _, n := range []string{"zunion", "zinter", "zdiff", "zintercard", "zmpop"} {
		commands[n].KeysProc = numkeys(1, false)
	}
	commands["bzmpop"].KeysProc = numkeys(2, false)
	for _, n := range []string{"zunionstore", "zinterstore", "zdiffstore"} {
		commands[n].KeysProc = numkeys(2, true)
	}
}

// zsetNumKeys finds the keys of a command whose key count is args[numIdx]
// and keys follow it, after the destination args[1] when store, as Redis's
// key specs (and, for counts they reject, its genericGetKeys) find them.
func zsetNumKeys(args [][]byte, dst []int, numIdx int, store bool) []int {
	dst = dst[:0]
	if numIdx >= len(args) {
		return dst
	}
	n, ok := parseInt64(args[numIdx])
	if !ok || n < 1 || n > int64(len(args)-numIdx-1) {
		// The spec is invalid: genericGetKeys, with atoi.
		n = atoiPrefix(args[numIdx])
		if n < 1 || n > int64(len(args)-numIdx-1) {
			return dst
		}
		for i := 0; i < int(n); i++ {
			dst = append(dst, numIdx+1+i)
		}
		if store {
			dst = append(dst, 1)
		}
		return dst
	}
	if store {
		dst = append(dst, 1)
	}
	for i := 0; i < int(n); i++ {
		dst = append(dst, numIdx+1+i)
	}
	return dst
}

// atoiPrefix is C's atoi: optional spaces and sign, then digits.
func atoiPrefix(b []byte) int64 {
	i := 0
	for i < len(b) && (b[i] == ' ' || (b[i] >= '\t' && b[i] <= '\r')) {
		i++
	}
	neg := false
	if i < len(b) && (b[i] == '-' || b[i] == '+') {
		neg = b[i] == '-'
		i++
	}
	var n int64
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9' && n < 1<<40; i++ {
		n = n*10 + int64(b[i]-'0')
	}
	if neg {
		return -n
	}
	return n
}

const (
	errZNaN      = "ERR resulting score is not a number (NaN)"
	errZMinMax   = "ERR min or max is not a float"
	errZLexRange = "ERR min or max not valid string range item"
	errZNotFloat = "ERR value is not a valid float"
)

// zsetLimits returns zset-max-listpack-entries and -value.
func (c *Client) zsetLimits() (int64, int64) {
	return c.e.cfg.enc.zsetEntries.Load(), c.e.cfg.enc.zsetValue.Load()
}

// parseScore parses a score as Redis's getDoubleFromObject (strtod): no
// leading space, nothing after the number, hex allowed, NaN, overflow and
// underflow to zero rejected.
func parseScore(b []byte) (float64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	switch b[0] {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return 0, false
	}
	var buf [64]byte
	s := b
	body := b
	if body[0] == '+' || body[0] == '-' {
		body = body[1:]
	}
	hex := len(body) > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')
	for _, ch := range body {
		if ch == '_' || ch == ' ' {
			return 0, false
		}
		if hex && (ch == 'p' || ch == 'P') {
			hex = false // has its exponent
			break
		}
	}
	if hex {
		// strtod takes hex without a binary exponent; Go wants one.
		if len(b) > len(buf)-2 {
			return 0, false
		}
		s = append(append(buf[:0], b...), 'p', '0')
	}
	f, err := strconv.ParseFloat(string(s), 64)
	if err != nil {
		return 0, false
	}
	if math.IsNaN(f) {
		return 0, false
	}
	if f == 0 && hasNonZeroDigit(body) {
		return 0, false // underflow: strtod sets ERANGE
	}
	return f, true
}

// hasNonZeroDigit reports whether a number's mantissa has a non-zero digit.
func hasNonZeroDigit(b []byte) bool {
	hex := len(b) > 2 && b[0] == '0' && (b[1] == 'x' || b[1] == 'X')
	if hex {
		b = b[2:]
	}
	for _, ch := range b {
		switch {
		case ch >= '1' && ch <= '9':
			return true
		case hex && ((ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')):
			return true
		case !hex && (ch == 'e' || ch == 'E'), hex && (ch == 'p' || ch == 'P'):
			return false
		}
	}
	return false
}

func cmdZAdd(c *Client)    { c.zaddGeneric(0) }
func cmdZIncrBy(c *Client) { c.zaddGeneric(zaddIncr) }

// zaddGeneric is ZADD and ZINCRBY (Redis's zaddGenericCommand).
func (c *Client) zaddGeneric(flags int) {
	key := c.Args[1]
	ch := false
	i := 2
loop:
	for ; i < len(c.Args); i++ {
		a := c.Args[i]
		switch {
		case eqFold(a, "nx"):
			flags |= zaddNX
		case eqFold(a, "xx"):
			flags |= zaddXX
		case eqFold(a, "ch"):
			ch = true
		case eqFold(a, "incr"):
			flags |= zaddIncr
		case eqFold(a, "gt"):
			flags |= zaddGT
		case eqFold(a, "lt"):
			flags |= zaddLT
		default:
			break loop
		}
	}
	pairs := c.Args[i:]
	if len(pairs) == 0 || len(pairs)%2 != 0 {
		c.W.Error(errSyntax)
		return
	}
	nx, xx, gt, lt := flags&zaddNX != 0, flags&zaddXX != 0, flags&zaddGT != 0, flags&zaddLT != 0
	incr := flags&zaddIncr != 0
	switch {
	case nx && xx:
		c.W.Error("ERR XX and NX options at the same time are not compatible")
		return
	case (gt && nx) || (lt && nx) || (gt && lt):
		c.W.Error("ERR GT, LT, and/or NX options at the same time are not compatible")
		return
	case incr && len(pairs) > 2:
		c.W.Error("ERR INCR option supports a single increment-element pair")
		return
	}
	for j := 0; j < len(pairs); j += 2 {
		if _, ok := parseScore(pairs[j]); !ok {
			c.W.Error(errZNotFloat)
			return
		}
	}
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, z, ok := lookupObject[*zset](c, sh, d, key, h32, false)
	if !ok {
		return
	}
	added, updated, processed := 0, 0, 0
	var score float64
	if h == 0 {
		if xx {
			c.zaddReply(incr, ch, 0, 0, 0, 0)
			return
		}
		z = newZset()
		h = sh.addObject(d, key, h32, z, c.e.lruClock())
	}
	maxEntries, maxValue := c.zsetLimits()
	for j := 0; j < len(pairs); j += 2 {
		s, _ := parseScore(pairs[j])
		out, ns := z.add(pairs[j+1], s, flags, maxEntries, maxValue)
		if out&zaddOutNaN != 0 {
			c.W.Error(errZNaN)
			break
		}
		if out&zaddOutAdded != 0 {
			added++
		}
		if out&zaddOutUpdated != 0 {
			updated++
		}
		if out&zaddOutNop == 0 {
			processed++
		}
		score = ns
		if j+2 == len(pairs) {
			c.zaddReply(incr, ch, added, updated, processed, score)
		}
	}
	if added+updated > 0 {
		sh.objectChanged(h)
		c.modified(key)
		c.e.dirty.Add(int64(added + updated - 1))
		c.ready(key)
	}
	if z.card() == 0 {
		sh.remove(d, h)
	}
}

func (c *Client) zaddReply(incr, ch bool, added, updated, processed int, score float64) {
	switch {
	case incr && processed > 0:
		c.W.Double(score)
	case incr:
		c.W.Null()
	case ch:
		c.W.Int(int64(added + updated))
	default:
		c.W.Int(int64(added))
	}
}

// lockZset locks key's shard and finds its sorted set for a read (read)
// or write command. It returns ok == false, with the shard unlocked, when
// it replied WRONGTYPE; z is nil for a missing key. The caller unlocks.
func (c *Client) lockZset(key []byte, read bool) (sh *shard, d *dict, h handle, z *zset, ok bool) {
	sh, d, h32 := c.lockKey(key)
	h, z, ok = lookupObject[*zset](c, sh, d, key, h32, read)
	if !ok {
		sh.mu.Unlock()
	}
	return sh, d, h, z, ok
}

// zsetRemoved finishes a write that removed n members from z (key h).
func (c *Client) zsetRemoved(sh *shard, d *dict, h handle, z *zset, key []byte, n int) {
	if n == 0 {
		return
	}
	if z.card() == 0 {
		sh.remove(d, h)
	} else {
		sh.objectChanged(h)
	}
	c.modified(key)
	c.e.dirty.Add(int64(n - 1))
}

func cmdZRem(c *Client) {
	key := c.Args[1]
	sh, d, h, z, ok := c.lockZset(key, false)
	if !ok {
		return
	}
	defer sh.mu.Unlock()
	n := 0
	if z != nil {
		for _, m := range c.Args[2:] {
			if z.remove(m) {
				n++
				if z.card() == 0 {
					break
				}
			}
		}
	}
	c.zsetRemoved(sh, d, h, z, key, n)
	c.W.Int(int64(n))
}

func cmdZCard(c *Client) {
	sh, _, _, z, ok := c.lockZset(c.Args[1], true)
	if !ok {
		return
	}
	n := 0
	if z != nil {
		n = z.card()
	}
	sh.mu.Unlock()
	c.W.Int(int64(n))
}

func cmdZScore(c *Client) {
	sh, _, _, z, ok := c.lockZset(c.Args[1], true)
	if !ok {
		return
	}
	defer sh.mu.Unlock()
	if z == nil {
		c.W.Null()
		return
	}
	if s, found := z.score(c.Args[2]); found {
		c.W.Double(s)
	} else {
		c.W.Null()
	}
}

func cmdZMScore(c *Client) {
	sh, _, _, z, ok := c.lockZset(c.Args[1], true)
	if !ok {
		return
	}
	defer sh.mu.Unlock()
	ms := c.Args[2:]
	c.W.Array(len(ms))
	for _, m := range ms {
		if z == nil {
			c.W.Null()
		} else if s, found := z.score(m); found {
			c.W.Double(s)
		} else {
			c.W.Null()
		}
	}
}

func cmdZRank(c *Client)    { c.zrankGeneric(false) }
func cmdZRevRank(c *Client) { c.zrankGeneric(true) }

// zrankGeneric is ZRANK and ZREVRANK, with Redis 7.2's WITHSCORE.
func (c *Client) zrankGeneric(rev bool) {
	withScore := false
	switch {
	case len(c.Args) > 4:
		c.W.Error(errArity(c.cmd.Name))
		return
	case len(c.Args) == 4 && eqFold(c.Args[3], "withscore"):
		withScore = true
	case len(c.Args) > 3:
		c.W.Error(errSyntax)
		return
	}
	sh, _, _, z, ok := c.lockZset(c.Args[1], true)
	if !ok {
		return
	}
	defer sh.mu.Unlock()
	if z == nil {
		c.zrankNull(withScore)
		return
	}
	r, s, found := z.rank(c.Args[2])
	if !found {
		c.zrankNull(withScore)
		return
	}
	if rev {
		r = z.card() - 1 - r
	}
	if withScore {
		c.W.Array(2)
		c.W.Int(int64(r))
		c.W.Double(s)
		return
	}
	c.W.Int(int64(r))
}

func (c *Client) zrankNull(withScore bool) {
	if withScore {
		c.W.NullArray()
	} else {
		c.W.Null()
	}
}
