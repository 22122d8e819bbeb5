package engine

import (
	"math"
	"sync"
	"sync/atomic"
	"time"
)

// Blocking commands (BLPOP, BLMOVE, BZPOPMIN, XREAD BLOCK, ...), as Redis's
// blocked.c does them, without ever blocking an event loop.
//
// A command that finds nothing to serve calls c.block and returns without a
// reply. The front end sees BlockPending, stops running the client's
// pipeline (the rest stays in its input buffer), sends what is already
// replied, and calls CommitBlock, which registers the client under its keys
// and arms the timeout. From then on the front end leaves the client alone
// until its Wake is called.
//
// A write that may serve blocked clients (a push, an add, a stream append)
// calls c.ready(key). After the command, Exec serves the ready keys: each
// client blocked on one, oldest first, runs its command again on the
// serving goroutine, writing its reply into its own buffer; if it is served
// it is unblocked and woken, and its front end sends the reply and goes on
// with its pipeline. A command run again that still finds nothing calls
// c.block again, which keeps the client in its place in the queue. Serving
// is serialized by one mutex, which gives FIFO order among the clients
// blocked on a key.

// blockKey names a key of one database.
type blockKey struct {
	db  int
	key string
}

// blockState is a client's blocked command.
type blockState struct {
	cmd       *Command
	args      [][]byte // the command to run again, owned copies
	keys      []blockKey
	deadline  int64 // unix ms; 0 waits forever
	onTimeout func(c *Client)
	timer     *time.Timer
	gen       uint64 // bumped on each block, so a stale timer does nothing

	pending  bool   // blocked by the last command, not yet committed
	retrying bool   // being run again by serveReady
	still    bool   // the run again blocked once more
	readyKey string // while retrying: the key that became ready
}

// blockRegistry holds the blocked clients and the keys ready to serve them.
type blockRegistry struct {
	mu    sync.Mutex // serializes serving, timeouts and unblocking
	byKey map[blockKey][]*Client
	count atomic.Int64 // blocked clients, INFO's blocked_clients
	keys  atomic.Int64 // keys with blocked clients, INFO's blocking_keys

	readyMu sync.Mutex // leaf lock: taken under shard locks
	ready   []blockKey
	nready  atomic.Int64
}

func (b *blockRegistry) init() { b.byKey = map[blockKey][]*Client{} }

// block parks the client on keys (the current command's, in the client's
// database) until one of them is ready or deadline (unix ms, 0 for never)
// passes; onTimeout then writes the timeout reply. args is the command to
// run again when a key is ready (nil: the current arguments; XREAD passes
// its arguments with "$" resolved). Inside MULTI or a script a command never
// blocks: block writes the timeout reply at once. A command run again by
// serveReady that calls block stays blocked where it was.
func (c *Client) block(keys [][]byte, deadline int64, args [][]byte, onTimeout func(c *Client)) {
	b := &c.blk
	if b.retrying {
		b.still = true
		return
	}
	if c.noBlock {
		onTimeout(c)
		return
	}
	if args == nil {
		args = c.Args
	}
	b.cmd = c.cmd
	b.args = b.args[:0]
	for _, a := range args {
		b.args = append(b.args, append([]byte(nil), a...))
	}
	b.keys = b.keys[:0]
	for _, k := range keys {
		bk := blockKey{c.DB, string(k)}
		dup := false
		for _, o := range b.keys {
			dup = dup || o == bk
		}
		if !dup {
			b.keys = append(b.keys, bk)
		}
	}
	b.deadline = deadline
	b.onTimeout = onTimeout
	b.pending = true
}

// BlockPending reports that the last command blocked the client: the front
// end stops running its pipeline and calls CommitBlock once it has sent what
// is already replied.
func (c *Client) BlockPending() bool { return c.blk.pending }

// Blocked reports that the client waits in a blocking command; the front
// end neither runs its commands nor touches its reply buffer until Wake.
func (c *Client) Blocked() bool { return c.info.blocked.Load() }

// CommitBlock registers a client whose command blocked. The client may be
// served at once, if its key became ready in between.
func (e *Engine) CommitBlock(c *Client) {
	b := &c.blk
	if !b.pending {
		return
	}
	e.blk.mu.Lock()
	b.pending = false
	b.gen++
	c.info.blocked.Store(true)
	e.blk.count.Add(1)
	for _, k := range b.keys {
		q := e.blk.byKey[k]
		if len(q) == 0 {
			e.blk.keys.Add(1)
		}
		e.blk.byKey[k] = append(q, c)
	}
	if b.deadline > 0 {
		gen := b.gen
		wait := time.Duration(b.deadline-time.Now().UnixMilli()) * time.Millisecond
		b.timer = time.AfterFunc(max(wait, 0), func() { e.blockTimedOut(c, gen) })
	}
	e.blk.mu.Unlock()
	// A key may have been filled between the command and now.
	for _, k := range b.keys {
		e.signalReady(k.db, []byte(k.key))
	}
	// Serving runs commands: not during an EXEC. A script holding the
	// world serves what is ready when it ends.
	if w := e.enterUnlessScript(c.ID); w != nil {
		e.serveReady()
		w.RUnlock()
	}
}

// signalReady queues key for serving if some client is blocked.
func (e *Engine) signalReady(db int, key []byte) {
	if e.blk.count.Load() == 0 {
		return
	}
	e.blk.readyMu.Lock()
	k := blockKey{db, string(key)}
	dup := false
	for _, o := range e.blk.ready {
		dup = dup || o == k
	}
	if !dup {
		e.blk.ready = append(e.blk.ready, k)
		e.blk.nready.Add(1)
	}
	e.blk.readyMu.Unlock()
}

func (e *Engine) popReady() (blockKey, bool) {
	e.blk.readyMu.Lock()
	defer e.blk.readyMu.Unlock()
	if len(e.blk.ready) == 0 {
		return blockKey{}, false
	}
	k := e.blk.ready[0]
	e.blk.ready = e.blk.ready[1:]
	if len(e.blk.ready) == 0 {
		e.blk.ready = nil
	}
	e.blk.nready.Add(-1)
	return k, true
}

// serveReady serves the clients blocked on ready keys, oldest first.
func (e *Engine) serveReady() {
	if e.blk.nready.Load() == 0 {
		return
	}
	e.blk.mu.Lock()
	defer e.blk.mu.Unlock()
	for {
		k, ok := e.popReady()
		if !ok {
			return
		}
		// Served clients leave the queue; the ones still blocked keep
		// their place. A client served may fill another key (BLMOVE),
		// which queues that key in turn.
		for i := 0; i < len(e.blk.byKey[k]); {
			bc := e.blk.byKey[k][i]
			if !e.runAgain(bc, k.key) {
				i++
			}
		}
	}
}

// runAgain runs a blocked client's command again because key became
// ready; it reports whether the client was served (and so unblocked).
func (e *Engine) runAgain(c *Client, key string) bool {
	b := &c.blk
	b.retrying, b.still, b.readyKey = true, false, key
	c.Args, c.cmd, c.nowMs = b.args, b.cmd, 0
	e.procLogged(c, b.cmd, b.args)
	b.retrying, b.readyKey = false, ""
	if b.still {
		return false
	}
	e.unblockLocked(c)
	return true
}

// blockTimedOut answers a blocked client with its timeout reply.
func (e *Engine) blockTimedOut(c *Client, gen uint64) {
	e.blk.mu.Lock()
	defer e.blk.mu.Unlock()
	if !c.info.blocked.Load() || c.blk.gen != gen {
		return
	}
	c.nowMs = 0
	c.blk.onTimeout(c)
	e.unblockLocked(c)
}

// unblockLocked removes c from the registry and wakes its front end. The
// registry's mutex is held.
func (e *Engine) unblockLocked(c *Client) {
	b := &c.blk
	for _, k := range b.keys {
		q := e.blk.byKey[k]
		for i, o := range q {
			if o == c {
				q = append(q[:i:i], q[i+1:]...)
				break
			}
		}
		if len(q) == 0 {
			delete(e.blk.byKey, k)
			e.blk.keys.Add(-1)
		} else {
			e.blk.byKey[k] = q
		}
	}
	if b.timer != nil {
		b.timer.Stop()
		b.timer = nil
	}
	b.gen++
	b.onTimeout = nil
	e.blk.count.Add(-1)
	c.info.blocked.Store(false)
	if c.Wake != nil {
		c.Wake()
	}
}

// unblock ends c's wait without a reply (the client disconnected), or with
// reply (CLIENT UNBLOCK). It reports whether c was blocked.
func (e *Engine) unblock(c *Client, reply func(c *Client)) bool {
	e.blk.mu.Lock()
	defer e.blk.mu.Unlock()
	if reply == nil {
		// The client's own goroutine, leaving: drop an uncommitted block.
		c.blk.pending = false
	}
	if !c.info.blocked.Load() {
		return false
	}
	if reply != nil {
		reply(c)
	}
	e.unblockLocked(c)
	return true
}

// BlockedClients is INFO's blocked_clients.
func (e *Engine) BlockedClients() int64 { return e.blk.count.Load() }

// parseTimeout parses a blocking command's timeout as Redis's
// getTimeoutFromObjectOrReply: seconds as a float (BLPOP, BZPOPMIN...) or
// milliseconds as an integer (XREAD BLOCK). It returns the absolute
// deadline in unix ms, 0 for "wait forever", or an error reply.
func (c *Client) parseTimeout(arg []byte, seconds bool) (int64, string) {
	var ms int64
	if seconds {
		f, ok := parseFloat(arg)
		if !ok {
			return 0, "ERR timeout is not a float or out of range"
		}
		f *= 1000
		if f >= math.MaxInt64 || f < math.MinInt64 || math.IsNaN(f) {
			// C converts out-of-range doubles to LLONG_MIN on x86-64.
			return 0, "ERR timeout is negative"
		}
		ms = int64(f)
	} else {
		n, ok := parseInt64(arg)
		if !ok {
			return 0, "ERR timeout is not an integer or out of range"
		}
		ms = n
	}
	if ms < 0 {
		return 0, "ERR timeout is negative"
	}
	if ms == 0 {
		return 0, ""
	}
	now := c.now()
	if ms > math.MaxInt64-now {
		return 0, "ERR timeout is out of range"
	}
	return now + ms, ""
}
