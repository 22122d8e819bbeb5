package engine

import (
	"math/rand/v2"
	"runtime"
	"time"
)

// Active expiry, after Redis's activeExpireCycle: each cron tick samples
// keys that have an expire time, shard by shard, deleting the expired ones,
// and keeps sampling a shard's database while more than a tenth of its
// sample had expired, within a time budget of a quarter of the tick. Memory
// held by expired keys is reclaimed even when no client touches them.
//
// Each cycle starts at a random shard, so when the budget runs out no shard
// is always the one left for later, and a shard's lock is released every
// few rounds so its clients wait at most a fraction of a millisecond.

const (
	expireSample     = 20 // keys sampled per round (ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP)
	expireAcceptable = 10 // percent of stale keys that ends a shard's rounds
	// expireRoundsPerLock bounds the rounds (320 samples, some tens of
	// microseconds) run under one hold of a shard lock.
	expireRoundsPerLock = 16
)

func (e *Engine) activeExpireCycle() {
	start := time.Now()
	deadline := start.Add(time.Second / time.Duration(e.opts.Hz) / 4)
	now := start.UnixMilli()
	n := len(e.shards)
	first := rand.IntN(n)
	for k := 0; k < n; k++ {
		// Under a world stripe, shard by shard: an EXEC waits at most
		// one shard's rounds.
		w := e.world.enter(int64(k))
		ok := e.expireShard(&e.shards[(first+k)%n], now, deadline)
		w.RUnlock()
		if !ok {
			return
		}
	}
}

// expireShard samples the volatile keys of every database of sh, deleting
// the expired ones. It returns false when the time budget ran out.
func (e *Engine) expireShard(sh *shard, now int64, deadline time.Time) bool {
	sh.lock()
	for j := range sh.dbs {
		for rounds := 1; ; rounds++ {
			d := &sh.dbs[j] // re-read: SWAPDB may run while the lock is released
			if len(d.vol) == 0 {
				break
			}
			expired, sampled := 0, 0
			for k := 0; k < expireSample && len(d.vol) > 0; k++ {
				h := d.vol[sh.random()%uint64(len(d.vol))]
				sampled++
				if r := sh.rec(h); r.expireAt() < now {
					if e.watches.keys.Load() > 0 || e.log != nil {
						key := append(e.expireKey[:0], sh.key(r)...)
						e.expireKey = key
						sh.remove(d, h)
						e.touchWatched(j, key)
						e.expireRec = e.logDeleted(e.expireRec, j, key)
					} else {
						sh.remove(d, h)
					}
					expired++
				}
			}
			e.stats.expiredKeys.Add(int64(expired))
			if expired*100 <= sampled*expireAcceptable {
				break
			}
			if time.Now().After(deadline) {
				sh.mu.Unlock()
				return false
			}
			if rounds%expireRoundsPerLock == 0 {
				sh.mu.Unlock()
				runtime.Gosched()
				sh.lock()
			}
		}
	}
	sh.mu.Unlock()
	return true
}
