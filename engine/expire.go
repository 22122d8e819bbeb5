package engine

import "time"

// Active expiry, after Redis's activeExpireCycle: each cron tick samples
// keys that have an expire time, shard by shard, deleting the expired ones,
// and keeps sampling a shard while more than a tenth of its sample had
// expired, within a time budget of a quarter of the tick. Memory held by
// expired keys is reclaimed even when no client touches them.

const (
	expireSample     = 20 // keys sampled per round (ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP)
	expireAcceptable = 10 // percent of stale keys that ends a shard's rounds
)

func (e *Engine) activeExpireCycle() {
	budget := time.Second / time.Duration(e.opts.Hz) / 4
	deadline := time.Now().Add(budget)
	now := time.Now().UnixMilli()
	for i := range e.shards {
		sh := &e.shards[i]
		sh.mu.Lock()
		for j := range sh.dbs {
			d := &sh.dbs[j]
			for len(d.vol) > 0 {
				expired, sampled := 0, 0
				for k := 0; k < expireSample && len(d.vol) > 0; k++ {
					h := d.vol[sh.random()%uint64(len(d.vol))]
					sampled++
					if r := sh.rec(h); r.expireAt() <= now {
						sh.remove(d, h)
						expired++
					}
				}
				e.stats.expiredKeys.Add(int64(expired))
				if expired*100 <= sampled*expireAcceptable {
					break
				}
				if time.Now().After(deadline) {
					sh.mu.Unlock()
					return
				}
			}
		}
		sh.mu.Unlock()
	}
}
