package engine

import (
	"sync"
	"sync/atomic"
	"time"
)

// Transaction state and the WATCH registry (Redis's multi.c).
//
// A client in MULTI queues its commands (owned copies of the arguments) and
// EXEC runs them under the world lock (world.go). WATCH registers the
// client under (db, key); a write that changes a watched key flags its
// watchers "dirty CAS" (touchWatched, called by Client.modified), and EXEC
// of a dirty client replies a null array. The registry costs one atomic
// load per write while nobody watches.

// Client flag bits for CLIENT LIST, beside those of t_client.go.
const (
	clientFlagMulti    = 1 << 8 // x: in MULTI
	clientFlagDirtyCAS = 1 << 9 // d: a watched key was touched
)

// txState is a client's MULTI queue and watched keys.
type txState struct {
	inMulti   bool
	dirtyExec bool // an error while queueing: EXEC aborts
	queue     []queuedCmd
	watched   []*watchedKey
	// dirtyCAS is set by other clients' writes, under the registry lock.
	dirtyCAS atomic.Bool
	queued   atomic.Int64 // len(queue), for CLIENT LIST from other clients
}

// queuedCmd is one command queued by MULTI; args point into buf.
type queuedCmd struct {
	cmd  *Command
	args [][]byte
}

// watchedKey is one WATCHed key of one client.
type watchedKey struct {
	c   *Client
	key blockKey
	// expired: the key was already logically expired at WATCH time; its
	// deletion then is no change (Redis's wk->expired).
	expired bool
}

// watchRegistry maps watched keys to their watchers.
type watchRegistry struct {
	mu       sync.Mutex // leaf lock: taken under shard locks
	byKey    map[blockKey][]*watchedKey
	keys     atomic.Int64 // entries of byKey (0: nobody watches)
	watchers atomic.Int64 // clients watching at least one key
}

// queue appends the current command to the MULTI queue, copying its
// arguments into one buffer.
func (t *txState) queueCommand(cmd *Command, args [][]byte) {
	n := 0
	for _, a := range args {
		n += len(a)
	}
	buf := make([]byte, 0, n)
	own := make([][]byte, len(args))
	for i, a := range args {
		buf = append(buf, a...)
		own[i] = buf[len(buf)-len(a) : len(buf) : len(buf)]
	}
	t.queue = append(t.queue, queuedCmd{cmd: cmd, args: own})
	t.queued.Store(int64(len(t.queue)))
}

// watch adds key of database db to c's watched keys.
func (e *Engine) watch(c *Client, db int, key []byte) {
	r := &e.watches
	r.mu.Lock()
	for _, wk := range c.tx.watched {
		if wk.key.db == db && wk.key.key == string(key) {
			r.mu.Unlock()
			return
		}
	}
	r.mu.Unlock()
	sh, h32 := e.shardFor(key)
	sh.lock()
	expired := false
	if h := sh.find(&sh.dbs[db], key, h32); h != 0 {
		expired = expiredAt(sh.rec(h), c.now())
	}
	sh.mu.Unlock()
	wk := &watchedKey{c: c, key: blockKey{db, string(key)}, expired: expired}
	r.mu.Lock()
	if r.byKey == nil {
		r.byKey = map[blockKey][]*watchedKey{}
	}
	q := r.byKey[wk.key]
	if len(q) == 0 {
		r.keys.Add(1)
	}
	r.byKey[wk.key] = append(q, wk)
	if len(c.tx.watched) == 0 {
		r.watchers.Add(1)
	}
	c.tx.watched = append(c.tx.watched, wk)
	r.mu.Unlock()
}

// expiredAt reports whether a record is logically expired at now.
func expiredAt(r record, now int64) bool { return r.hasExpire() && r.expireAt() < now }

// unwatchAll forgets every key c watches (the dirty flag stays).
func (e *Engine) unwatchAll(c *Client) {
	r := &e.watches
	r.mu.Lock()
	e.unwatchLocked(c)
	r.mu.Unlock()
}

// unwatchLocked is unwatchAll with the registry locked.
func (e *Engine) unwatchLocked(c *Client) {
	r := &e.watches
	if len(c.tx.watched) == 0 {
		return
	}
	for _, wk := range c.tx.watched {
		q := r.byKey[wk.key]
		for i, o := range q {
			if o == wk {
				q = append(q[:i:i], q[i+1:]...)
				break
			}
		}
		if len(q) == 0 {
			delete(r.byKey, wk.key)
			r.keys.Add(-1)
		} else {
			r.byKey[wk.key] = q
		}
	}
	clear(c.tx.watched)
	c.tx.watched = c.tx.watched[:0]
	r.watchers.Add(-1)
}

// markDirty flags c's transaction as failed and drops its watches, which
// can no longer matter. The registry is locked.
func (e *Engine) markDirtyLocked(c *Client) {
	c.tx.dirtyCAS.Store(true)
	c.setFlag(clientFlagDirtyCAS, true)
	e.unwatchLocked(c)
}

// touchWatchedKey flags the watchers of (db, key). exists tells whether the
// key is in the database now (for keys already expired at WATCH time,
// whose deletion is no change). The caller holds the key's shard lock.
func (e *Engine) touchWatchedKey(db int, key []byte, exists func() bool) {
	r := &e.watches
	if r.keys.Load() == 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	q := r.byKey[blockKey{db, string(key)}]
	if len(q) == 0 {
		return
	}
	// Copy: markDirtyLocked edits the list.
	for _, wk := range append([]*watchedKey(nil), q...) {
		if wk.expired {
			if !exists() {
				wk.expired = false
			}
			continue
		}
		e.markDirtyLocked(wk.c)
	}
}

// touchWatchedInDB invalidates the watchers of keys of database emptied
// that FLUSHDB, FLUSHALL or SWAPDB changes (Redis's
// touchAllWatchedKeysInDb): keys present in emptied, or, for SWAPDB, in
// replacedWith (-1 for none). No shard lock may be held.
func (e *Engine) touchWatchedInDB(emptied, replacedWith int) {
	r := &e.watches
	if r.keys.Load() == 0 {
		return
	}
	r.mu.Lock()
	var keys []blockKey
	for k := range r.byKey {
		if k.db == emptied {
			keys = append(keys, k)
		}
	}
	r.mu.Unlock()
	now := time.Now().UnixMilli()
	for _, k := range keys {
		inEmptied, _ := e.keyState(emptied, k.key, now)
		inReplaced, replacedExpired := false, false
		if replacedWith >= 0 {
			inReplaced, replacedExpired = e.keyState(replacedWith, k.key, now)
		}
		if !inEmptied && !inReplaced {
			continue
		}
		r.mu.Lock()
		for _, wk := range append([]*watchedKey(nil), r.byKey[k]...) {
			switch {
			case wk.expired && !inReplaced:
				wk.expired = false // an expired key deleted: no change
				continue
			case wk.expired && replacedExpired:
				continue
			case !wk.expired && !inEmptied && replacedExpired:
				wk.expired = true
				continue
			}
			e.markDirtyLocked(wk.c)
		}
		r.mu.Unlock()
	}
}

// keyState reports whether key is in database db (expired or not) and
// whether it is logically expired.
func (e *Engine) keyState(db int, key string, now int64) (exists, expired bool) {
	k := []byte(key)
	sh, h32 := e.shardFor(k)
	sh.lock()
	defer sh.mu.Unlock()
	h := sh.find(&sh.dbs[db], k, h32)
	if h == 0 {
		return false, false
	}
	return true, expiredAt(sh.rec(h), now)
}

// watchedKeyExpired reports whether a key c watches expired since WATCH
// (Redis's isWatchedKeyExpired).
func (e *Engine) watchedKeyExpired(c *Client) bool {
	e.watches.mu.Lock()
	keys := make([]blockKey, 0, len(c.tx.watched))
	for _, wk := range c.tx.watched {
		if !wk.expired {
			keys = append(keys, wk.key)
		}
	}
	e.watches.mu.Unlock()
	now := c.now()
	for _, k := range keys {
		if _, exp := e.keyState(k.db, k.key, now); exp {
			return true
		}
	}
	return false
}

// discardTransaction leaves MULTI, forgets the queue and the watches
// (Redis's discardTransaction).
func (e *Engine) discardTransaction(c *Client) {
	clear(c.tx.queue)
	c.tx.queue = c.tx.queue[:0]
	if cap(c.tx.queue) > 64 {
		c.tx.queue = nil
	}
	c.tx.inMulti, c.tx.dirtyExec = false, false
	c.tx.queued.Store(0)
	e.unwatchAll(c)
	c.tx.dirtyCAS.Store(false)
	c.setFlag(clientFlagMulti|clientFlagDirtyCAS, false)
}

// WatchingClients is INFO's watching_clients.
func (e *Engine) WatchingClients() int64 { return e.watches.watchers.Load() }

// WatchedKeys is INFO's total_watched_keys.
func (e *Engine) WatchedKeys() int64 { return e.watches.keys.Load() }

// dbIndex returns the number of database d of the shard.
func (sh *shard) dbIndex(d *dict) int {
	for i := range sh.dbs {
		if &sh.dbs[i] == d {
			return i
		}
	}
	return -1
}

// multiCount is CLIENT LIST's multi=: queued commands, -1 outside MULTI.
// Only the client's own goroutine sees it exactly; others read a hint.
func (c *Client) multiCount() int64 {
	if c.info.flags.Load()&clientFlagMulti == 0 {
		return -1
	}
	return c.tx.queued.Load()
}
