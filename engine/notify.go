package engine

// What a write command reports about the keys it changed, in one place:
// persistence counts the change (dirty), WATCH is invalidated, and clients
// blocked on the key are woken. Commands call these while still holding the
// key's shard lock; everything they reach takes only leaf locks.

// modified records that the current command changed key in the client's
// database (Redis's signalModifiedKey and server.dirty++). Call it once per
// key actually changed: a write that changes nothing (LPOP on a missing
// key, SADD of present members) does not call it.
func (c *Client) modified(key []byte) { c.modifiedIn(c.DB, key) }

// modifiedIn is modified for a key of database db (MOVE, COPY ... DB).
func (c *Client) modifiedIn(db int, key []byte) {
	c.e.dirty.Add(1)
	c.e.touchWatched(db, key)
	if c.e.log != nil {
		c.logChange()
	}
}

// touchWatched invalidates the transactions of clients WATCHing key of
// database db (Redis's touchWatchedKey). The caller holds the key's shard
// lock. It costs one atomic load while nobody watches.
func (e *Engine) touchWatched(db int, key []byte) {
	if e.watches.keys.Load() == 0 {
		return
	}
	e.touchWatchedKey(db, key, func() bool {
		sh, h32 := e.shardFor(key)
		return sh.find(&sh.dbs[db], key, h32) != 0
	})
}

// ready reports that key, a list, sorted set or stream, may now serve
// clients blocked on it (Redis's signalKeyAsReady): pushes, adds and stream
// appends call it. It is cheap when no client is blocked.
func (c *Client) ready(key []byte) { c.e.signalReady(c.DB, key) }
