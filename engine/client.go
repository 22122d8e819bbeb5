package engine

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/updraftdb/updraft/internal/resp"
)

// Client is one session with the engine: a connection of a front end, a
// REST request, or a library caller. It carries the selected database, the
// protocol version and the reply buffer. A Client is used by one goroutine
// at a time; the fields other clients may read (CLIENT LIST) are guarded.
type Client struct {
	e  *Engine
	ID int64
	// DB is the selected database.
	DB int
	// W receives replies. The front end sends and resets W.Buf.
	W resp.Writer
	// Args are the current command's arguments.
	Args [][]byte

	authenticated bool

	// Close is set by the front end: it closes the connection from any
	// goroutine (CLIENT KILL, idle timeout).
	Close func()
	// CloseAfterReply asks the front end to close once replies are sent
	// (QUIT, protocol errors).
	CloseAfterReply bool
	// Wake is set by the front end: it makes the connection process its
	// buffered input again, from any goroutine (the end of CLIENT PAUSE).
	Wake func()
	// Push is set by the front end: it delivers bytes to the client out of
	// band from any goroutine (MONITOR output, later pub/sub messages).
	Push func(b []byte)

	// Reply suppression (CLIENT REPLY OFF|SKIP).
	replyOff, replySkip, replySkipNext bool
	noEvict, noTouch                   bool

	nowMs int64    // cached time for the current command, 0 when unread
	cmd   *Command // the command being run

	// noBlock makes blocking commands answer at once with their timeout
	// reply (inside MULTI/EXEC and scripts).
	noBlock bool
	blk     blockState // the blocked command (blocking.go)
	// redact marks arguments (bit i: Args[i]) that MONITOR and the slow
	// log show as "(redacted)": passwords of AUTH, HELLO, CONFIG SET.
	redact  uint64
	keyIdx  []int
	shardIx []int
	tmp     [64]byte

	info clientInfo

	pr        propState  // the record of the running command (propagate.go)
	propTo    *propState // set on the script client: the caller's record
	replaying bool       // the log replay client: its clock is stopped
	logSeq    uint64     // the log record of the client's last change

	tx           txState      // MULTI queue and WATCHed keys (multi.go)
	ps           pubsubState  // subscriptions (pubsub.go)
	oblSoftSince atomic.Int64 // unix ms the soft output limit was passed, 0 if not
}

// clientInfo holds what CLIENT LIST/INFO report, readable from any
// goroutine.
type clientInfo struct {
	mu              sync.Mutex
	name            string
	libName, libVer string
	user            string
	addr, laddr     string
	fd              int
	kind            string // "normal", "pubsub", "master", "replica"

	created         time.Time
	lastInteraction atomic.Int64 // unix ms
	db              atomic.Int32
	lastCmd         atomic.Pointer[Command]
	monitor         atomic.Bool
	paused          atomic.Bool   // parked by CLIENT PAUSE (PauseWait)
	blocked         atomic.Bool   // waiting in a blocking command
	resp            atomic.Int32  // protocol version, for CLIENT LIST resp=
	flags           atomic.Uint32 // clientFlag* bits, for CLIENT LIST flags=
}

// ClientOptions describe a new client's connection.
type ClientOptions struct {
	Addr, LocalAddr string
	FD              int
}

// NewClient registers a client session.
func (e *Engine) NewClient(o ClientOptions) *Client {
	c := &Client{e: e}
	c.W.Proto = 2
	c.info.resp.Store(2)
	c.authenticated = e.cfg.RequirePass() == ""
	c.info.addr, c.info.laddr, c.info.fd = o.Addr, o.LocalAddr, o.FD
	c.info.user = "default"
	c.info.kind = "normal"
	c.info.created = time.Now()
	c.info.lastInteraction.Store(c.info.created.UnixMilli())
	e.clients.add(c)
	return c
}

// Release unregisters the client when its connection ends.
func (c *Client) Release() {
	c.e.unblock(c, nil)
	c.e.releaseSession(c)
	c.e.clients.remove(c)
}

// Touch records activity, for idle timeouts and CLIENT LIST idle.
func (c *Client) Touch() { c.info.lastInteraction.Store(c.e.clock.unixMs.Load()) }

// Engine returns the engine the client belongs to.
func (c *Client) Engine() *Engine { return c.e }

// now returns the current unix time in milliseconds, read once per command.
func (c *Client) now() int64 {
	if c.nowMs == 0 {
		if c.replaying {
			return replayNow
		}
		c.nowMs = time.Now().UnixMilli()
	}
	return c.nowMs
}

// selectDB switches the client's database.
func (c *Client) selectDB(db int) {
	c.DB = db
	c.info.db.Store(int32(db))
}

// clientRegistry tracks live clients for CLIENT LIST/KILL, INFO clients and
// idle timeouts.
type clientRegistry struct {
	mu      sync.Mutex
	byID    map[int64]*Client
	nextID  atomic.Int64
	total   atomic.Int64 // connections ever accepted
	monitor atomic.Int32 // clients in MONITOR mode
}

func (r *clientRegistry) init() { r.byID = map[int64]*Client{} }

func (r *clientRegistry) add(c *Client) {
	c.ID = r.nextID.Add(1)
	r.total.Add(1)
	r.mu.Lock()
	r.byID[c.ID] = c
	r.mu.Unlock()
}

func (r *clientRegistry) remove(c *Client) {
	r.mu.Lock()
	delete(r.byID, c.ID)
	r.mu.Unlock()
	if c.info.monitor.Swap(false) {
		r.monitor.Add(-1)
	}
}

// list returns the live clients ordered by id.
func (r *clientRegistry) list() []*Client {
	r.mu.Lock()
	out := make([]*Client, 0, len(r.byID))
	for _, c := range r.byID {
		out = append(out, c)
	}
	r.mu.Unlock()
	sortClients(out)
	return out
}

func sortClients(cs []*Client) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].ID < cs[j-1].ID; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

// Count is the number of connected clients.
func (r *clientRegistry) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.byID)
}

// ConnectedClients is the number of registered clients.
func (e *Engine) ConnectedClients() int { return e.clients.count() }

// closeIdle closes clients idle longer than timeout seconds (0: never).
func (r *clientRegistry) closeIdle(timeout int64) {
	if timeout <= 0 {
		return
	}
	limit := time.Now().UnixMilli() - timeout*1000
	r.mu.Lock()
	var idle []*Client
	for _, c := range r.byID {
		if c.info.lastInteraction.Load() < limit && c.Close != nil && !c.info.monitor.Load() {
			idle = append(idle, c)
		}
	}
	r.mu.Unlock()
	for _, c := range idle {
		c.Close()
	}
}
