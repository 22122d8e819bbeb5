package engine

import (
	"sync/atomic"
	"time"
)

// Active expiry of hash fields. Commands remove expired fields of the hashes
// they touch (lookupHash); this sweep removes them from hashes nobody reads,
// and the key with its last field, as Redis's activeExpireCycle does
// through db->hexpires.
//
// Each shard keeps the set of keys that hold hashes with field TTLs,
// registered by the commands that set one (HEXPIRE..., HSETEX, HGETEX).
// Every cron tick visits up to hashSweepKeys of them per shard: a key no
// longer there, no longer a hash or without TTLs leaves the set. Shards
// whose set is empty cost one atomic load. A hash renamed, moved or swapped
// to another database leaves the set too; its fields then expire lazily,
// until a field expiry command registers it again.

// hashSweepKeys bounds the keys a shard's sweep visits per cron tick: with
// 10 ticks a second, a shard re-checks 640 hashes a second, each in time
// proportional to its expired fields (listpacks keep them first; tables
// keep a lower bound of their expire times).
const hashSweepKeys = 64

type hashTTLKeys struct {
	n    atomic.Int32 // len(keys), readable without the shard lock
	keys map[hashTTLKey]struct{}
}

type hashTTLKey struct {
	db  int
	key string
}

// watchHashTTL registers key of database db (the shard's lock held).
func (sh *shard) watchHashTTL(db int, key []byte) {
	t := &sh.hashTTL
	if t.keys == nil {
		t.keys = map[hashTTLKey]struct{}{}
	}
	k := hashTTLKey{db, string(key)}
	if _, ok := t.keys[k]; !ok {
		t.keys[k] = struct{}{}
		t.n.Store(int32(len(t.keys)))
	}
}

// expireHashFields runs one sweep over every shard.
func (e *Engine) expireHashFields() {
	now := time.Now().UnixMilli()
	for i := range e.shards {
		sh := &e.shards[i]
		if sh.hashTTL.n.Load() == 0 {
			continue
		}
		sh.lock()
		e.sweepHashes(sh, now)
		sh.mu.Unlock()
	}
}

// sweepHashes expires the due fields of up to hashSweepKeys registered
// hashes of sh (locked).
func (e *Engine) sweepHashes(sh *shard, now int64) {
	t := &sh.hashTTL
	visited := 0
	for k := range t.keys {
		if visited == hashSweepKeys {
			break
		}
		visited++
		if k.db >= len(sh.dbs) || !e.sweepHash(sh, k, now) {
			delete(t.keys, k)
		}
	}
	t.n.Store(int32(len(t.keys)))
}

// sweepHash expires the due fields of one registered key and reports
// whether it still holds a hash with field TTLs.
func (e *Engine) sweepHash(sh *shard, k hashTTLKey, now int64) bool {
	d := &sh.dbs[k.db]
	key := []byte(k.key)
	h := sh.find(d, key, uint32(hashKey(key)))
	if h == 0 {
		return false
	}
	o, ok := sh.objectAt(h).(*hashObj)
	if !ok || !o.hasTTLs() {
		return false
	}
	e.logDueFieldsBG(k.db, key, o, now)
	if o.expireDue(now) == 0 {
		return true
	}
	e.dirty.Add(1)
	e.touchWatched(k.db, key)
	if o.length() == 0 {
		sh.remove(d, h)
		return false
	}
	sh.objectChanged(h)
	return o.hasTTLs()
}
