package engine

import (
	"sync"
	"sync/atomic"

	"github.com/updraftdb/updraft/persistence/rdb"
)

// Point-in-time snapshots without stopping the world (BGSAVE, the base of
// an append-only log rewrite).
//
// The snapshot starts under the world lock, with no command in flight: it
// marks every shard pending and notes the time (the cut). Then a
// background goroutine visits the shards one by one and serializes each
// pending shard under its lock. Whoever locks a shard first after the cut
// (a command about to change it, the expiry cycle, the visitor) serializes
// it before doing anything else (shard.lock), so every shard is written as
// it was at the cut, while commands on other shards run on. The cost falls
// on the first command to touch each shard: one shard's serialization.

// snapshotRun is one snapshot in progress.
type snapshotRun struct {
	e        *Engine
	now      int64 // the cut, unix ms: keys expired by then are left out
	compress bool  // rdbcompression at the cut
	encoders sync.Pool

	mu     sync.Mutex
	ready  [][]byte // serialized shards not yet taken by the writer
	wake   chan struct{}
	left   atomic.Int64 // shards not serialized yet
	closed bool
}

// lock locks the shard, first serializing it if a snapshot still wants
// its state at the cut. Every path that may change a shard locks it with
// lock (readers too: it is as cheap as an atomic load).
func (sh *shard) lock() {
	sh.mu.Lock()
	if r := sh.snap.Load(); r != nil {
		r.take(sh)
	}
}

// take serializes sh for the snapshot; sh is locked and pending.
func (r *snapshotRun) take(sh *shard) {
	enc, _ := r.encoders.Get().(*rdb.Encoder)
	if enc == nil {
		enc = &rdb.Encoder{Compress: r.compress}
	}
	chunk := sh.appendRDBWith(enc, nil, r.now)
	r.encoders.Put(enc)
	sh.snap.Store(nil)
	r.mu.Lock()
	r.ready = append(r.ready, chunk)
	r.mu.Unlock()
	r.left.Add(-1)
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// startSnapshot marks every shard pending; the caller holds the world lock
// (no command in flight). The snapshot is then written by writeSnapshot.
func (e *Engine) startSnapshot(now int64) *snapshotRun {
	r := &snapshotRun{e: e, now: now, compress: e.rdbCompression(), wake: make(chan struct{}, 1)}
	r.left.Store(int64(len(e.shards)))
	for i := range e.shards {
		e.shards[i].snap.Store(r)
	}
	return r
}

// each hands the serialized shards to emit as they become ready, visiting
// the shards nobody has touched, until every shard is done. emit runs on
// the caller's goroutine without any lock held; an error from it stops the
// snapshot (the remaining shards are still released).
func (r *snapshotRun) each(emit func(chunk []byte) error) error {
	var err error
	drain := func() {
		r.mu.Lock()
		ready := r.ready
		r.ready = nil
		r.mu.Unlock()
		for _, chunk := range ready {
			if err == nil {
				err = emit(chunk)
			}
		}
	}
	for i := range r.e.shards {
		sh := &r.e.shards[i]
		if sh.snap.Load() == r {
			sh.lock() // serializes it
			sh.mu.Unlock()
		}
		drain()
	}
	for r.left.Load() > 0 {
		<-r.wake
		drain()
	}
	drain()
	return err
}
