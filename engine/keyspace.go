package engine

// Helpers that commands use to reach keys. A command locks the shard that
// owns its key, works on the record through the shard, and unlocks before
// returning; multi-key commands lock their shards in index order.

// lockKey locks the shard owning key and returns it with the client's
// database in it and the key's bucket hash.
func (c *Client) lockKey(key []byte) (*shard, *dict, uint32) {
	sh, h32 := c.e.shardFor(key)
	sh.lock()
	return sh, &sh.dbs[c.DB], h32
}

// lookup finds a live key: an expired one is deleted on the spot (lazy
// expiry) and reported missing. It bumps the key's LRU clock unless the
// client asked for CLIENT NO-TOUCH.
func (c *Client) lookup(sh *shard, d *dict, key []byte, h32 uint32) handle {
	h := sh.find(d, key, h32)
	if h == 0 {
		return 0
	}
	r := sh.rec(h)
	if r.hasExpire() && r.expireAt() < c.now() {
		c.removeExpired(sh, d, h, key)
		return 0
	}
	if !c.noTouch {
		r.setLRU(c.e.lruClock())
	}
	return h
}

// lookupRead is lookup for read commands: it counts keyspace hits and
// misses.
func (c *Client) lookupRead(sh *shard, d *dict, key []byte, h32 uint32) handle {
	h := c.lookup(sh, d, key, h32)
	if h == 0 {
		sh.misses++
	} else {
		sh.hits++
	}
	return h
}

// shardIndexes returns the sorted, distinct shard indexes owning keys.
func (c *Client) shardIndexes(keys [][]byte) []int {
	ix := c.shardIx[:0]
	for _, k := range keys {
		ix = append(ix, c.e.shardOf(hashKey(k)))
	}
	// Insertion sort: key counts are small, and this does not allocate.
	for i := 1; i < len(ix); i++ {
		for j := i; j > 0 && ix[j] < ix[j-1]; j-- {
			ix[j], ix[j-1] = ix[j-1], ix[j]
		}
	}
	out := ix[:0]
	for i, s := range ix {
		if i == 0 || s != ix[i-1] {
			out = append(out, s)
		}
	}
	c.shardIx = out
	return out
}

// lockShards locks the given shards (sorted, distinct) in order.
func (e *Engine) lockShards(ix []int) {
	for _, i := range ix {
		e.shards[i].lock()
	}
}

// unlockShards unlocks shards locked by lockShards.
func (e *Engine) unlockShards(ix []int) {
	for j := len(ix) - 1; j >= 0; j-- {
		e.shards[ix[j]].mu.Unlock()
	}
}

// lockAll locks every shard in order (FLUSHALL, SWAPDB, KEYS).
func (e *Engine) lockAll() {
	for i := range e.shards {
		e.shards[i].lock()
	}
}

func (e *Engine) unlockAll() {
	for i := len(e.shards) - 1; i >= 0; i-- {
		e.shards[i].mu.Unlock()
	}
}

// keyInShard returns the dict and hash for a key whose shard is already
// locked.
func (c *Client) keyInShard(key []byte) (*shard, *dict, uint32) {
	sh, h32 := c.e.shardFor(key)
	return sh, &sh.dbs[c.DB], h32
}

// dbSize counts the keys of one database (expired keys not yet reclaimed
// included, as in Redis).
func (e *Engine) dbSize(db int) int {
	n := 0
	for i := range e.shards {
		sh := &e.shards[i]
		sh.lock()
		n += sh.dbs[db].count
		sh.mu.Unlock()
	}
	return n
}

// KeyspaceStats returns keyspace_hits and keyspace_misses.
func (e *Engine) KeyspaceStats() (hits, misses int64) {
	for i := range e.shards {
		sh := &e.shards[i]
		sh.lock()
		hits += sh.hits
		misses += sh.misses
		sh.mu.Unlock()
	}
	return
}

// random returns a pseudo-random number from the shard's xorshift state
// (the shard's lock must be held).
func (sh *shard) random() uint64 {
	x := sh.rng
	if x == 0 {
		x = 0x9E3779B97F4A7C15
	}
	x ^= x << 13
	x ^= x >> 7
	x ^= x << 17
	sh.rng = x
	return x
}

// removeExpired deletes the expired key at h, found by c (lazy expiry): it
// is counted, WATCHers are told and the log gets a DEL.
func (c *Client) removeExpired(sh *shard, d *dict, h handle, key []byte) {
	sh.remove(d, h)
	c.e.stats.expiredKeys.Add(1)
	db := sh.dbIndex(d)
	if c.e.watches.keys.Load() > 0 {
		c.e.touchWatched(db, key)
	}
	c.logExpired(db, key)
}
