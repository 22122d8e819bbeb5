package engine

import "sync"

// The world lock makes EXEC atomic across shards. Every command runs under
// a read lock of one stripe, chosen by its client's id, so commands of
// different clients never wait for each other; EXEC takes every stripe for
// writing, so its queued commands run with nothing interleaved, as in
// single-threaded Redis. Background work that changes the keyspace (active
// expiry, serving blocked clients outside a command) takes a stripe too.

// worldStripes is the number of stripes: a power of two, well above the
// event loop count so that loops rarely share one.
const worldStripes = 64

// worldStripe is one padded reader/writer lock.
type worldStripe struct {
	mu sync.RWMutex
	_  [40]byte // to a cache line: RWMutex is 24 bytes
}

// world is the striped lock.
type world struct {
	stripes [worldStripes]worldStripe
}

// enter takes the read lock of stripe id and returns it for leave.
func (w *world) enter(id int64) *sync.RWMutex {
	m := &w.stripes[uint64(id)&(worldStripes-1)].mu
	m.RLock()
	return m
}

// lockAll takes every stripe for writing, in order, so that two EXECs never
// deadlock.
func (w *world) lockAll() {
	for i := range w.stripes {
		w.stripes[i].mu.Lock()
	}
}

// unlockAll releases what lockAll took.
func (w *world) unlockAll() {
	for i := len(w.stripes) - 1; i >= 0; i-- {
		w.stripes[i].mu.Unlock()
	}
}
