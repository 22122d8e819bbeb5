package engine

import "sync"

// HyperLogLog commands (Redis's hyperloglog.c): PFADD, PFCOUNT, PFMERGE,
// PFDEBUG and PFSELFTEST over HLL strings (see hll.go). An HLL is an
// ordinary string value: the commands read it in place, edit dense HLLs in
// place, and write sparse ones back through writeBytes. Like Redis's
// dbUnshareStringValue, every command that may write the value leaves it
// "raw" (OBJECT ENCODING).

func init() {
	register(
		&Command{Name: "pfadd", Arity: -2, Flags: FlagWrite | FlagDenyOOM | FlagFast, First: 1, Last: 1, Step: 1,
			Cats: CatWrite | CatHyperLogLog | CatFast, Proc: cmdPFAdd},
		&Command{Name: "pfcount", Arity: -2, Flags: FlagReadonly, First: 1, Last: -1, Step: 1,
			Cats: CatRead | CatHyperLogLog | CatSlow, Proc: cmdPFCount},
		&Command{Name: "pfmerge", Arity: -2, Flags: FlagWrite | FlagDenyOOM, First: 1, Last: -1, Step: 1,
			Cats: CatWrite | CatHyperLogLog | CatSlow, Proc: cmdPFMerge},
		&Command{Name: "pfdebug", Arity: 3, Flags: FlagWrite | FlagDenyOOM | FlagAdmin, First: 2, Last: 2, Step: 1,
			Cats: CatWrite | CatHyperLogLog | CatAdmin | CatSlow | CatDangerous, Proc: cmdPFDebug},
		&Command{Name: "pfselftest", Arity: 1, Flags: FlagAdmin,
			Cats: CatHyperLogLog | CatAdmin | CatSlow | CatDangerous, Proc: cmdPFSelfTest},
	)
}

// hllScratch holds the working copies of sparse HLLs and PFMERGE's register
// maxima, reused across commands.
var hllScratch = sync.Pool{New: func() any { b := make([]byte, 0, hllDenseSize); return &b }}

// hllLookup finds key as an HLL for a command: h == 0 for a missing key,
// ok == false after an error reply (another type, or a string that is not
// an HLL). v is the value's bytes, which the caller may edit in place when
// it keeps their length.
func (c *Client) hllLookup(sh *shard, d *dict, key []byte, h32 uint32, read bool) (h handle, v []byte, ok bool) {
	if read {
		h = c.lookupRead(sh, d, key, h32)
	} else {
		h = c.lookup(sh, d, key, h32)
	}
	if h == 0 {
		return 0, nil, true
	}
	r := sh.rec(h)
	if !isString(r) {
		c.W.Error(errWrongType)
		return h, nil, false
	}
	if r.kind() == kindInt {
		c.W.Error(errHLLInvalid)
		return h, nil, false
	}
	v = sh.stringBytes(r, nil)
	if !hllValid(v) {
		c.W.Error(errHLLInvalid)
		return h, nil, false
	}
	return h, v, true
}

// hllStore writes HLL bytes v under key in place of old (0: a new key),
// keeping old's expire time, as a raw string.
func (c *Client) hllStore(sh *shard, d *dict, key []byte, h32 uint32, old handle, v []byte) {
	var expire int64
	if old != 0 {
		if r := sh.rec(old); r.hasExpire() {
			expire = r.expireAt()
		}
	}
	sh.writeBytes(d, key, h32, old, v, expire, c.e.lruClock(), encRaw)
}

func cmdPFAdd(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, v, ok := c.hllLookup(sh, d, key, h32, false)
	if !ok {
		return
	}
	updated := 0
	bp := hllScratch.Get().(*[]byte)
	defer hllScratch.Put(bp)
	// Dense HLLs are edited in place (their length never changes), sparse
	// ones in a scratch copy that is written back.
	var s []byte
	inPlace := false
	switch {
	case h == 0:
		s = appendNewHLL((*bp)[:0])
		updated++
	case v[4] == hllDense:
		s, inPlace = v, true
		sh.rec(h).setEnc(encRaw)
	default:
		s = append((*bp)[:0], v...)
		sh.rec(h).setEnc(encRaw)
	}
	maxBytes := int(min(c.e.cfg.enc.hllSparseBytes.Load(), 1<<30))
	for _, ele := range c.Args[2:] {
		var ret int
		s, ret = hllAdd(s, ele, maxBytes)
		if ret == 1 {
			updated++
		} else if ret < 0 {
			if updated > 0 && h != 0 {
				// Redis keeps the edits made before the corrupt part.
				c.hllStore(sh, d, key, h32, h, s)
			}
			c.W.Error(errHLLCorrupt)
			return
		}
	}
	if updated > 0 {
		hllInvalidateCache(s)
		if !inPlace {
			c.hllStore(sh, d, key, h32, h, s)
		}
		c.modified(key)
		c.e.dirty.Add(int64(updated - 1))
		c.W.Int(1)
	} else {
		c.W.Int(0)
	}
	if !inPlace && cap(s) <= hllDenseSize {
		*bp = s[:0]
	}
}

func cmdPFCount(c *Client) {
	if len(c.Args) > 2 {
		c.pfcountMulti()
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, v, ok := c.hllLookup(sh, d, key, h32, true)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Int(0)
		return
	}
	sh.rec(h).setEnc(encRaw)
	if hllValidCache(v) {
		c.W.Int(int64(hllCachedCard(v)))
		return
	}
	card, invalid := hllCount(v, false)
	if invalid {
		c.W.Error(errHLLCorrupt)
		return
	}
	// A read command that writes: the cached estimate is part of the value.
	hllSetCard(v, card)
	c.modified(key)
	c.W.Int(int64(card))
}

// pfcountMulti is PFCOUNT of several keys: the estimate of their union,
// computed on a merged one-byte-per-register copy; no cache is written.
func (c *Client) pfcountMulti() {
	keys := c.Args[1:]
	ix := c.shardIndexes(keys)
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)
	bp := hllScratch.Get().(*[]byte)
	defer hllScratch.Put(bp)
	mx := append((*bp)[:0], make([]byte, hllHdrSize+hllRegisters)...)
	*bp = mx[:0]
	for _, k := range keys {
		sh, d, h32 := c.keyInShard(k)
		h, v, ok := c.hllLookup(sh, d, k, h32, true)
		if !ok {
			return
		}
		if h != 0 && !hllMerge(mx[hllHdrSize:], v) {
			c.W.Error(errHLLCorrupt)
			return
		}
	}
	card, _ := hllCount(mx, true)
	c.W.Int(int64(card))
}

func cmdPFMerge(c *Client) {
	keys := c.Args[1:]
	ix := c.shardIndexes(keys)
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)
	bp := hllScratch.Get().(*[]byte)
	defer hllScratch.Put(bp)
	var max [hllRegisters]byte
	useDense := false
	for _, k := range keys {
		sh, d, h32 := c.keyInShard(k)
		h, v, ok := c.hllLookup(sh, d, k, h32, true)
		if !ok {
			return
		}
		if h == 0 {
			continue
		}
		if v[4] == hllDense {
			useDense = true
		}
		if !hllMerge(max[:], v) {
			c.W.Error(errHLLCorrupt)
			return
		}
	}
	key := keys[0]
	sh, d, h32 := c.keyInShard(key)
	h := c.lookup(sh, d, key, h32)
	var s []byte
	if h == 0 {
		s = appendNewHLL((*bp)[:0])
	} else {
		s = append((*bp)[:0], sh.stringBytes(sh.rec(h), nil)...)
	}
	if useDense {
		var ok bool
		if s, ok = hllSparseToDense(s); !ok {
			c.W.Error(errHLLCorrupt)
			return
		}
	}
	maxBytes := int(min(c.e.cfg.enc.hllSparseBytes.Load(), 1<<30))
	for j, m := range max {
		if m == 0 {
			continue
		}
		if s[4] == hllDense {
			hllDenseSet(s[hllHdrSize:], j, m)
		} else {
			s, _ = hllSparseSet(s, j, m, maxBytes)
		}
	}
	hllInvalidateCache(s)
	c.hllStore(sh, d, key, h32, h, s)
	if cap(s) <= hllDenseSize {
		*bp = s[:0]
	}
	c.modified(key)
	c.W.OK()
}
