package engine

import (
	"math/rand/v2"

	"github.com/updraftdb/updraft/internal/resp"
)

// Database-wide commands (Redis's db.c): KEYS SCAN RANDOMKEY DBSIZE MOVE
// SWAPDB FLUSHDB FLUSHALL. Commands that visit every key lock one shard at
// a time, so a big database never stalls the other shards' clients for the
// whole command.

func init() {
	register(
		&Command{Name: "keys", Arity: 2, Flags: FlagReadonly, Cats: CatKeyspace | CatRead | CatSlow | CatDangerous,
			Proc: cmdKeys,
			Tips: []string{"request_policy:all_shards", "nondeterministic_output_order"}},
		&Command{Name: "scan", Arity: -2, Flags: FlagReadonly, Cats: CatKeyspace | CatRead | CatSlow,
			Proc: cmdScan,
			Tips: []string{"nondeterministic_output", "request_policy:special"}},
		&Command{Name: "randomkey", Arity: 1, Flags: FlagReadonly, Cats: CatKeyspace | CatRead | CatSlow,
			Proc: cmdRandomKey, Tips: []string{"request_policy:all_shards", "nondeterministic_output"}},
		&Command{Name: "dbsize", Arity: 1, Flags: FlagReadonly | FlagFast, Cats: CatKeyspace | CatRead | CatFast,
			Proc: cmdDBSize, Tips: []string{"request_policy:all_shards", "response_policy:agg_sum"}},
		&Command{Name: "move", Arity: 3, Flags: FlagWrite | FlagFast, First: 1, Last: 1, Step: 1,
			Cats: CatKeyspace | CatWrite | CatFast, Proc: cmdMove},
		&Command{Name: "swapdb", Arity: 3, Flags: FlagWrite | FlagFast, Cats: CatKeyspace | CatWrite | CatFast | CatDangerous,
			Proc: cmdSwapDB},
		&Command{Name: "flushdb", Arity: -1, Flags: FlagWrite, Cats: CatKeyspace | CatWrite | CatSlow | CatDangerous,
			Proc: cmdFlushDB,
			Tips: []string{"request_policy:all_shards", "response_policy:all_succeeded"}},
		&Command{Name: "flushall", Arity: -1, Flags: FlagWrite, Cats: CatKeyspace | CatWrite | CatSlow | CatDangerous,
			Proc: cmdFlushAll,
			Tips: []string{"request_policy:all_shards", "response_policy:all_succeeded"}},
	)
}

// each calls fn for every record of d. fn may free the record it is given
// (the chain's next handle is read first) but must not otherwise change d.
func (sh *shard) each(d *dict, fn func(h handle)) {
	for t := 0; t < 2; t++ {
		for _, h := range d.tab[t] {
			for h != 0 {
				next := sh.rec(h).next()
				fn(h)
				h = next
			}
		}
	}
}

// prependArray inserts an array header for n elements at mark, before the
// elements already written after it.
func (c *Client) prependArray(mark, n int) {
	var tmp [24]byte
	c.insertAt(mark, resp.AppendArray(tmp[:0], n))
}

// insertAt inserts b into the reply buffer at mark.
func (c *Client) insertAt(mark int, b []byte) {
	buf := append(c.W.Buf, b...)
	copy(buf[mark+len(b):], buf[mark:len(buf)-len(b)])
	copy(buf[mark:], b)
	c.W.Buf = buf
}

func cmdKeys(c *Client) {
	pattern := c.Args[1]
	mark := len(c.W.Buf)
	n := 0
	now := c.now()
	var sh *shard
	emit := func(h handle) {
		r := sh.rec(h)
		if key := sh.key(r); matchKey(pattern, key) && !expired(r, now) {
			c.W.Bulk(key)
			n++
		}
	}
	for i := range c.e.shards {
		sh = &c.e.shards[i]
		sh.lock()
		sh.each(&sh.dbs[c.DB], emit)
		sh.mu.Unlock()
	}
	c.prependArray(mark, n)
}

// parseScanCursor parses a SCAN cursor as Redis does with strtoull: an
// optional sign (a negative value wraps), decimal digits, nothing else, no
// leading space; the empty string is cursor 0.
func parseScanCursor(b []byte) (uint64, bool) {
	neg := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		b = b[1:]
		if len(b) == 0 {
			return 0, false
		}
	}
	var v uint64
	for _, ch := range b {
		if ch < '0' || ch > '9' {
			return 0, false
		}
		d := uint64(ch - '0')
		if v > (1<<64-1-d)/10 {
			return 0, false
		}
		v = v*10 + d
	}
	if neg {
		v = -v
	}
	return v, true
}

// SCAN's cursor is (dict cursor << shardBits) | shard index: the shards are
// visited in order, each with Redis's reverse-binary dict cursor, so a full
// iteration returns every key present from start to end at least once even
// when tables grow or shrink between calls.
func cmdScan(c *Client) {
	cursor, ok := parseScanCursor(c.Args[1])
	if !ok {
		c.W.Error(errCursor)
		return
	}
	count := int64(10)
	var pattern, typ []byte
	for i := 2; i < len(c.Args); i += 2 {
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
		case eqFold(a, "type"):
			typ = c.Args[i+1]
		default:
			c.W.Error(errSyntax)
			return
		}
	}
	e := c.e
	mask := uint64(len(e.shards) - 1)
	si, dcur := int(cursor&mask), cursor>>e.shardBits
	mark := len(c.W.Buf)
	n, now := 0, c.now()
	var dead []handle
	var sh *shard
	emit := func(h handle) {
		r := sh.rec(h)
		key := sh.key(r)
		if pattern != nil && !matchKey(pattern, key) {
			return
		}
		if typ != nil && !eqFold(typ, sh.typeName(r)) {
			return
		}
		if expired(r, now) {
			dead = append(dead, h)
			return
		}
		c.W.Bulk(key)
		n++
	}
	maxIter := count * 10
	next := uint64(0)
	for {
		sh = &e.shards[si]
		sh.lock()
		d := &sh.dbs[c.DB]
		if d.count == 0 {
			dcur = 0
		}
		for d.count > 0 {
			dcur = sh.scan(d, dcur, emit)
			for _, h := range dead {
				key := append([]byte(nil), sh.key(sh.rec(h))...)
				c.removeExpired(sh, d, h, key)
			}
			dead = dead[:0]
			maxIter--
			if dcur == 0 || maxIter <= 0 || int64(n) >= count {
				break
			}
		}
		sh.mu.Unlock()
		if dcur == 0 {
			si++
			if si == len(e.shards) {
				break
			}
		}
		if int64(n) >= count || maxIter <= 0 {
			next = dcur<<e.shardBits | uint64(si)
			break
		}
	}
	c.prependArray(mark, n)
	var tmp [48]byte
	head := resp.AppendArray(tmp[:0], 2)
	var num [20]byte
	head = resp.AppendBulk(head, appendUint(num[:0], next))
	c.insertAt(mark, head)
}

func appendUint(dst []byte, v uint64) []byte {
	if v < 1<<63 {
		return appendInt(dst, int64(v))
	}
	var b [20]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return append(dst, b[i:]...)
}

// randomHandle returns a random record of d, which must not be empty,
// choosing a random non-empty bucket and then a random entry of its chain
// (Redis's dictGetRandomKey).
func (sh *shard) randomHandle(d *dict) handle {
	sh.step(d)
	var h handle
	for h == 0 {
		if d.rehashing() {
			n0 := len(d.tab[0]) - d.rehash
			i := rand.IntN(n0 + len(d.tab[1]))
			if i < n0 {
				h = d.tab[0][d.rehash+i]
			} else {
				h = d.tab[1][i-n0]
			}
		} else {
			h = d.tab[0][rand.IntN(len(d.tab[0]))]
		}
	}
	l := 0
	for x := h; x != 0; x = sh.rec(x).next() {
		l++
	}
	for k := rand.IntN(l); k > 0; k-- {
		h = sh.rec(h).next()
	}
	return h
}

// cmdRandomKey picks a shard with probability proportional to its key
// count, then a random key in it. An expired key it meets is deleted and
// another one drawn, as in Redis.
func cmdRandomKey(c *Client) {
	e := c.e
	for {
		total := 0
		for i := range e.shards {
			sh := &e.shards[i]
			sh.lock()
			total += sh.dbs[c.DB].count
			sh.mu.Unlock()
		}
		if total == 0 {
			c.W.Null()
			return
		}
		target := rand.IntN(total)
		for i := range e.shards {
			sh := &e.shards[i]
			sh.lock()
			d := &sh.dbs[c.DB]
			if target >= d.count {
				target -= d.count
				sh.mu.Unlock()
				continue
			}
			h := sh.randomHandle(d)
			r := sh.rec(h)
			if expired(r, c.now()) {
				key := append([]byte(nil), sh.key(r)...)
				c.removeExpired(sh, d, h, key)
			} else {
				c.W.Bulk(sh.key(r))
				sh.mu.Unlock()
				return
			}
			sh.mu.Unlock()
			break
		}
		// Counts changed under us, or the key had expired: draw again.
	}
}

func cmdDBSize(c *Client) { c.W.Int(int64(c.e.dbSize(c.DB))) }

// MOVE relinks the record into the other database's dict of the same
// shard: no copy.
func cmdMove(c *Client) {
	key := c.Args[1]
	db, errMsg := c.parseDBIndex(c.Args[2])
	if errMsg != "" {
		c.W.Error(errMsg)
		return
	}
	if db == c.DB {
		c.W.Error(errSameObject)
		return
	}
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h := c.lookupMode(sh, d, key, h32, 0)
	if h == 0 {
		c.W.Int(0)
		return
	}
	dd := &sh.dbs[db]
	if c.lookupMode(sh, dd, key, h32, 0) != 0 {
		c.W.Int(0)
		return
	}
	sh.unlink(d, h)
	sh.insert(dd, h)
	c.e.touchWatched(c.DB, key) // MOVE signals the key in both databases
	c.modifiedIn(db, key)
	c.W.Int(1)
}

// SWAPDB locks every shard, in order, and swaps the two dicts in each, so
// no client sees the databases half swapped.
func cmdSwapDB(c *Client) {
	a, errA := parseInt32Arg(c.Args[1])
	if errA != "" {
		c.W.Error("ERR invalid first DB index")
		return
	}
	b, errB := parseInt32Arg(c.Args[2])
	if errB != "" {
		c.W.Error("ERR invalid second DB index")
		return
	}
	n := c.databases()
	if a < 0 || a >= n || b < 0 || b >= n {
		c.W.Error(errDBIndex)
		return
	}
	if a != b {
		c.e.touchWatchedInDB(a, b)
		c.e.touchWatchedInDB(b, a)
		c.e.lockAll()
		c.logVerbatim()
		for i := range c.e.shards {
			dbs := c.e.shards[i].dbs
			dbs[a], dbs[b] = dbs[b], dbs[a]
		}
		c.e.unlockAll()
	}
	c.e.dirty.Add(1)
	c.W.OK()
}

// parseFlushMode parses FLUSHDB/FLUSHALL's [ASYNC|SYNC].
func (c *Client) parseFlushMode() (async, ok bool) {
	switch {
	case len(c.Args) == 1:
		return false, true
	case len(c.Args) > 2:
		return false, false
	case eqFold(c.Args[1], "sync"):
		return false, true
	case eqFold(c.Args[1], "async"):
		return true, true
	}
	return false, false
}

func cmdFlushDB(c *Client) {
	async, ok := c.parseFlushMode()
	if !ok {
		c.W.Error(errSyntax)
		return
	}
	c.e.touchWatchedInDB(c.DB, -1)
	c.e.lockAll()
	c.logVerbatim() // under every shard lock: ordered against every write
	c.e.dirty.Add(c.e.flushLocked(c.DB, async))
	c.e.unlockAll()
	c.W.OK()
}

func cmdFlushAll(c *Client) {
	async, ok := c.parseFlushMode()
	if !ok {
		c.W.Error(errSyntax)
		return
	}
	for db := range c.databases() {
		c.e.touchWatchedInDB(db, -1)
	}
	c.e.lockAll()
	c.logVerbatim()
	c.e.dirty.Add(c.e.flushLocked(-1, async) + 1)
	c.e.unlockAll()
	c.W.OK()
}

// flushLocked empties database db, or all of them when db < 0, with every
// shard locked by the caller (FLUSHALL is atomic, as in Redis), and
// returns the number of keys removed. A shard left with no key in any
// database gives its slab pages back to the OS; with async the pages are
// unmapped by a background goroutine.
func (e *Engine) flushLocked(db int, async bool) int64 {
	var removed int64
	var freed []slab
	for i := range e.shards {
		sh := &e.shards[i]
		n, old := sh.flush(db)
		removed += int64(n)
		if len(old.pages) > 0 {
			if async {
				freed = append(freed, old)
			} else {
				old.reset()
			}
		}
	}
	if len(freed) > 0 {
		go func() {
			for i := range freed {
				freed[i].reset()
			}
		}()
	}
	return removed
}

// flush empties database db of the shard (all when db < 0). When no key is
// left in any database it drops the whole slab and object table at once
// and returns the detached slab for the caller to unmap; otherwise it frees
// the records one by one.
func (sh *shard) flush(db int) (removed int, old slab) {
	others := 0
	for j := range sh.dbs {
		if db < 0 || j == db {
			removed += sh.dbs[j].count
		} else {
			others += sh.dbs[j].count
		}
	}
	if others == 0 {
		for j := range sh.dbs {
			sh.dbs[j] = newDict()
		}
		old = sh.slab
		sh.slab = slab{}
		sh.objs, sh.freeObjs, sh.objBytes = nil, nil, 0
		return removed, old
	}
	if removed > 0 {
		d := &sh.dbs[db]
		sh.each(d, sh.freeRecord)
		*d = newDict()
	}
	return removed, slab{}
}
