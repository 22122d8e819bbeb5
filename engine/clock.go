package engine

import (
	"sync/atomic"
	"time"
	_ "unsafe" // for go:linkname
)

// Clocks. Reading the wall clock costs two vDSO calls; the hot path needs
// only a monotonic duration per command (nanotime) and coarse clocks for
// LRU ages and idle times, which the cron refreshes ten times a second as
// Redis's serverCron refreshes server.lruclock.

//go:linkname nanotime runtime.nanotime
func nanotime() int64

// coarseClock holds times refreshed by the cron.
type coarseClock struct {
	lru    atomic.Uint32 // seconds since the engine's lruBase
	unixMs atomic.Int64
}

func (k *coarseClock) refresh(base time.Time) {
	now := time.Now()
	k.lru.Store(uint32(now.Sub(base) / time.Second))
	k.unixMs.Store(now.UnixMilli())
}
