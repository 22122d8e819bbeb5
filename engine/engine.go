package engine

import (
	"math/bits"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cespare/xxhash/v2"
)

// Engine is the keyspace and the command executor shared by every front end.
type Engine struct {
	shards    []shard
	shardBits uint
	opts      Options
	cfg       *Config

	clients clientRegistry
	blk     blockRegistry
	stats   Stats
	slowlog slowlog
	latency latencyMonitor
	srv     serverState    // INFO, CLIENT PAUSE and DEBUG state (t_server.go)
	world   world          // EXEC's stop-the-others lock (world.go)
	watches watchRegistry  // WATCHed keys (multi.go)
	pubsub  pubsubRegistry // Pub/Sub subscriptions (pubsub.go)
	scripts scriptState    // Lua scripts and functions (script.go)

	start    time.Time
	lruBase  time.Time
	clock    coarseClock
	dirty    atomic.Int64 // changes since the last save
	lastSave atomic.Int64 // unix seconds
	rdb      rdbStats     // SAVE and snapshot load statistics (t_save.go)
	shutdown []func()
	// log receives every change (propagate.go); nil without persistence
	// and while the log is replayed.
	log       ChangeLog
	persist   persistState // the append-only log (persist.go)
	bg        bgState      // BGSAVE and BGREWRITEAOF (t_bgsave.go)
	ext       extensions   // state of extension packages (extension.go)
	scriptMem scriptWatch  // the script memory watchdog (script_memory.go)
	// Scratch buffers of the active expiry cycle (one goroutine).
	expireKey, expireRec []byte
	// shutdownReq is what SHUTDOWN runs (SetShutdownHandler).
	shutdownReq atomic.Pointer[func()]
	stopCron    chan struct{}
	cronDone    sync.WaitGroup
	closeOnce   sync.Once
}

// Open creates an engine with the given options (zero fields take their
// defaults) and starts its background work (active expiry, rehashing).
func Open(opts Options) (*Engine, error) {
	return OpenConfig(newConfig(opts))
}

// OpenConfig creates an engine from a configuration registry (see NewConfig).
func OpenConfig(cfg *Config) (*Engine, error) {
	opts := cfg.Options()
	opts.ensureDefaults()
	if err := opts.validate(); err != nil {
		return nil, err
	}
	n := opts.Shards
	e := &Engine{
		shards:    make([]shard, n),
		shardBits: uint(bits.TrailingZeros(uint(n))),
		opts:      opts,
		start:     time.Now(),
		stopCron:  make(chan struct{}),
		cfg:       cfg,
	}
	// The LRU clock starts 2^30 s (34 years) in, so that any idle time a
	// key can have (RESTORE ... IDLETIME, a loaded snapshot) fits below it.
	e.lruBase = e.start.Add(-lruClockOffset * time.Second)
	e.clock.refresh(e.lruBase)
	e.lastSave.Store(e.start.Unix())
	for i := range e.shards {
		e.shards[i].init(opts.Databases)
	}
	e.clients.init()
	e.blk.init()
	e.slowlog.init()
	if err := e.openPersistence(); err != nil {
		return nil, err
	}
	e.cronDone.Add(1)
	go e.cron()
	return e, nil
}

// Close stops background work, runs the shutdown hooks and frees memory.
// The engine must not be used afterwards.
func (e *Engine) Close() error {
	e.closeOnce.Do(func() {
		e.stopScript() // a script looping forever holds the world lock
		close(e.stopCron)
		e.cronDone.Wait()
		e.waitBackground()
		e.closePersistence()
		for _, f := range e.shutdown {
			f()
		}
		for i := range e.shards {
			sh := &e.shards[i]
			sh.mu.Lock()
			sh.slab.reset()
			sh.mu.Unlock()
		}
	})
	return nil
}

// OnShutdown registers f to run when the engine closes (persistence flushes).
func (e *Engine) OnShutdown(f func()) { e.shutdown = append(e.shutdown, f) }

// Options returns the options the engine was opened with.
func (e *Engine) Options() Options { return e.opts }

// Config returns the runtime configuration (CONFIG GET/SET).
func (e *Engine) Config() *Config { return e.cfg }

// hashKey returns the key's 64-bit hash. The top bits choose the shard, the
// low 32 bits the bucket.
func hashKey(key []byte) uint64 { return xxhash.Sum64(key) }

func (e *Engine) shardOf(h uint64) int { return int(h >> (64 - e.shardBits)) }

// shardFor returns the shard owning key and the key's bucket hash.
func (e *Engine) shardFor(key []byte) (*shard, uint32) {
	h := hashKey(key)
	if e.shardBits == 0 {
		return &e.shards[0], uint32(h)
	}
	return &e.shards[h>>(64-e.shardBits)], uint32(h)
}

// lruClockOffset is where the LRU clock starts, in seconds.
const lruClockOffset = 1 << 30

// lruClock is the LRU clock in seconds since lruBase, refreshed
// by the cron.
func (e *Engine) lruClock() uint32 { return e.clock.lru.Load() }

// lfuInitVal is the LFU counter of a new key (LFU_INIT_VAL in Redis).
const lfuInitVal = 5

// cron runs background work ten times a second (Redis's hz 10): active
// expiry and incremental rehashing of idle dicts.
func (e *Engine) cron() {
	defer e.cronDone.Done()
	t := time.NewTicker(time.Second / time.Duration(e.opts.Hz))
	defer t.Stop()
	for {
		select {
		case <-e.stopCron:
			return
		case <-t.C:
			e.clock.refresh(e.lruBase)
			e.srv.sampleOps(e)
			if !e.srv.activeExpireOff.Load() {
				e.activeExpireCycle()
				e.expireHashFields()
			}
			e.rehashIdle()
			e.packTouched()
			e.backgroundCron()
			e.clients.closeIdle(e.cfg.timeoutSeconds())
		}
	}
}

// rehashIdle advances rehashes of dicts that see no traffic, spending at
// most a millisecond.
func (e *Engine) rehashIdle() {
	deadline := time.Now().Add(time.Millisecond)
	for i := range e.shards {
		sh := &e.shards[i]
		sh.lock()
		for j := range sh.dbs {
			d := &sh.dbs[j]
			for k := 0; k < 100 && d.rehashing(); k++ {
				sh.step(d)
			}
		}
		sh.mu.Unlock()
		if time.Now().After(deadline) {
			return
		}
	}
}

func appendInt(dst []byte, n int64) []byte { return strconv.AppendInt(dst, n, 10) }

// parseCanonicalInt parses b when it is the canonical decimal form of an
// int64 (what Redis stores with the int encoding): no sign but '-', no
// leading zeros, no spaces.
func parseCanonicalInt(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 20 {
		return 0, false
	}
	if len(b) == 1 && b[0] == '0' {
		return 0, true
	}
	neg := b[0] == '-'
	i := 0
	if neg {
		i = 1
		if len(b) == 1 {
			return 0, false
		}
	}
	if b[i] < '1' || b[i] > '9' {
		return 0, false
	}
	var v uint64
	for ; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		hi, lo := bits.Mul64(v, 10)
		if hi != 0 {
			return 0, false
		}
		v, hi = bits.Add64(lo, uint64(c-'0'), 0)
		if hi != 0 {
			return 0, false
		}
	}
	if neg {
		if v > 1<<63 {
			return 0, false
		}
		return int64(-v), true
	}
	if v > 1<<63-1 {
		return 0, false
	}
	return int64(v), true
}

// defaultShards is the shard count: at least 4 per core and at least 64, a
// power of two, so that event loops rarely meet on one shard lock.
func defaultShards() int {
	n := 4 * runtime.GOMAXPROCS(0)
	if n < 64 {
		n = 64
	}
	return 1 << bits.Len(uint(n-1))
}
