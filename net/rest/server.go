package rest

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/panjf2000/gnet/v2"

	"github.com/updraftdb/updraft/engine"
)

// Options configure the REST front end.
type Options struct {
	// Token is rest-token: the full-access bearer token.
	Token string
	// ReadOnlyToken is rest-readonly-token: the token limited to reads.
	ReadOnlyToken string
	// CORSOrigins is rest-cors-origins: the origins allowed to call from a
	// browser; "*" (the default) allows all.
	CORSOrigins []string
	// Limits bound request sizes; zero fields take DefaultLimits.
	Limits Limits
	// HeaderTimeout is how long a request may take to arrive once it has
	// started (head and body): 10 s, like nginx's client_header_timeout.
	HeaderTimeout time.Duration
	// IdleTimeout closes keep-alive connections with no request for this
	// long: 120 s, longer than fetch's and undici's pools keep sockets.
	IdleTimeout time.Duration
	// Vector serves Upstash Vector's API below /vector/ (nil: not served).
	Vector VectorAPI

	headerSec, idleSec int64 // set by Register
}

// Defaults with reasons (see Options).
const (
	defaultHeaderTimeout = 10 * time.Second
	defaultIdleTimeout   = 120 * time.Second
)

// Server is the REST front end of one engine. net/server hands it the
// connections of its HTTP listener.
type Server struct {
	e       *engine.Engine
	opts    Options
	token   []byte
	roToken []byte
	corsAny bool

	// sync is the upstash-sync-token: bumped by every write.
	sync atomic.Uint64

	mu    sync.Mutex
	conns map[*Conn]struct{}
	stop  chan struct{}
	once  sync.Once
}

// New prepares the REST front end and starts its timeout sweeper; Close
// stops it.
func New(e *engine.Engine, o Options) *Server {
	if o.Limits.MaxHeaderBytes <= 0 {
		o.Limits.MaxHeaderBytes = DefaultLimits.MaxHeaderBytes
	}
	if o.Limits.MaxHeaders <= 0 {
		o.Limits.MaxHeaders = DefaultLimits.MaxHeaders
	}
	if o.Limits.MaxBody <= 0 {
		o.Limits.MaxBody = DefaultLimits.MaxBody
	}
	if o.HeaderTimeout <= 0 && o.headerSec > 0 {
		o.HeaderTimeout = time.Duration(o.headerSec) * time.Second
	}
	if o.IdleTimeout <= 0 && o.idleSec > 0 {
		o.IdleTimeout = time.Duration(o.idleSec) * time.Second
	}
	if o.HeaderTimeout <= 0 {
		o.HeaderTimeout = defaultHeaderTimeout
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = defaultIdleTimeout
	}
	if len(o.CORSOrigins) == 0 {
		o.CORSOrigins = []string{"*"}
	}
	s := &Server{e: e, opts: o, token: []byte(o.Token), roToken: []byte(o.ReadOnlyToken),
		conns: map[*Conn]struct{}{}, stop: make(chan struct{})}
	for _, c := range o.CORSOrigins {
		s.corsAny = s.corsAny || c == "*"
	}
	s.sync.Store(uint64(time.Now().UnixNano()) &^ 0xffff) // distinct across restarts
	go s.sweep()
	return s
}

// Close stops the timeout sweeper.
func (s *Server) Close() { s.once.Do(func() { close(s.stop) }) }

// Open registers a new connection; the caller stores the result as the
// gnet connection's context.
func (s *Server) Open(c gnet.Conn) *Conn {
	cl := s.e.NewClient(engine.ClientOptions{
		Addr:      c.RemoteAddr().String(),
		LocalAddr: c.LocalAddr().String(),
		FD:        c.Fd(),
	})
	st := &Conn{s: s, gc: c, cl: cl}
	cl.Close = func() { _ = c.Close() }
	cl.Wake = func() { _ = c.Wake(nil) }
	cl.Push = st.push
	st.wait(phaseIdle)
	s.mu.Lock()
	s.conns[st] = struct{}{}
	s.mu.Unlock()
	return st
}

// Closed unregisters a connection (its subscriptions and blocked command
// go with its client).
func (s *Server) Closed(st *Conn) {
	s.mu.Lock()
	delete(s.conns, st)
	s.mu.Unlock()
	st.closed.Store(true)
	if !st.script.CompareAndSwap(scriptRunning, scriptOrphaned) {
		st.cl.Release() // else the script's goroutine releases it
	}
}

// sweep closes connections past the header or idle timeout. One goroutine
// for all connections: cheaper than a timer per request.
func (s *Server) sweep() {
	tick := s.opts.HeaderTimeout / 4
	if t := s.opts.IdleTimeout / 4; t < tick {
		tick = t
	}
	if tick > time.Second {
		tick = time.Second
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	var late []*Conn
	for {
		select {
		case <-s.stop:
			return
		case now := <-t.C:
			ms := now.UnixMilli()
			head, idle := s.opts.HeaderTimeout.Milliseconds(), s.opts.IdleTimeout.Milliseconds()
			late = late[:0]
			s.mu.Lock()
			for c := range s.conns {
				since := c.since.Load()
				switch c.phase.Load() {
				case phaseIdle:
					if ms-since > idle {
						late = append(late, c)
					}
				case phaseReading:
					if ms-since > head {
						late = append(late, c)
					}
				}
			}
			s.mu.Unlock()
			for _, c := range late {
				_ = c.gc.Close()
			}
		}
	}
}

// bumpSync moves the sync token on after a write.
func (s *Server) bumpSync() { s.sync.Add(1) }
