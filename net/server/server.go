package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/panjf2000/gnet/v2"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/resp"
)

// Server runs the RESP listeners on one gnet engine.
type Server struct {
	gnet.BuiltinEventEngine

	e     *engine.Engine
	opts  Options
	limit resp.Limits

	eng     gnet.Engine
	booted  chan struct{}
	bootErr error
	addrs   []string
	conns   atomic.Int64

	mu      sync.Mutex
	stopped bool
}

// ErrServerClosed is returned by Serve after Shutdown.
var ErrServerClosed = errors.New("server: closed")

// New prepares a server for e. Call Serve to run it.
func New(e *engine.Engine, o Options) *Server {
	d := DefaultOptions()
	if len(o.Bind) == 0 {
		o.Bind = d.Bind
	}
	if o.EventLoops <= 0 {
		o.EventLoops = d.EventLoops
	}
	if o.QueryBufferLimit <= 0 {
		o.QueryBufferLimit = d.QueryBufferLimit
	}
	if o.MaxMultibulkLen <= 0 {
		o.MaxMultibulkLen = d.MaxMultibulkLen
	}
	s := &Server{
		e:      e,
		opts:   o,
		limit:  resp.Limits{MaxBulkLen: e.Options().ProtoMaxBulkLen, MaxMultibulkLen: o.MaxMultibulkLen},
		booted: make(chan struct{}),
	}
	return s
}

// Addrs returns the listen addresses as "tcp://host:port".
func (s *Server) Addrs() []string {
	out := make([]string, len(s.opts.Bind))
	for i, b := range s.opts.Bind {
		out[i] = "tcp://" + net.JoinHostPort(b, strconv.Itoa(s.opts.Port))
	}
	return out
}

// Serve listens and runs the event loops until Shutdown. It returns
// ErrServerClosed after a clean shutdown.
func (s *Server) Serve() error {
	if s.opts.Port == 0 {
		// gnet cannot report an ephemeral port back, so pick one first.
		p, err := freePort(s.opts.Bind[0])
		if err != nil {
			close(s.booted)
			return err
		}
		s.opts.Port = p
	}
	s.addrs = s.Addrs()
	opts := []gnet.Option{
		gnet.WithMulticore(s.opts.EventLoops > 1),
		gnet.WithNumEventLoop(s.opts.EventLoops),
		gnet.WithReusePort(s.opts.ReusePort),
		gnet.WithReuseAddr(true),
		gnet.WithTCPNoDelay(gnet.TCPNoDelay),
		gnet.WithLogger(gnetLogger{slog.Default()}),
	}
	if s.opts.TCPKeepAlive > 0 {
		opts = append(opts, gnet.WithTCPKeepAlive(time.Duration(s.opts.TCPKeepAlive)*time.Second))
	}
	err := gnet.Rotate(s, s.addrs, opts...)
	select {
	case <-s.booted:
	default:
		s.bootErr = err
		close(s.booted)
	}
	s.mu.Lock()
	stopped := s.stopped
	s.mu.Unlock()
	if stopped && err == nil {
		return ErrServerClosed
	}
	return err
}

// WaitReady blocks until the listeners are open (or failed to open).
func (s *Server) WaitReady() error {
	<-s.booted
	return s.bootErr
}

// Port is the RESP port in use.
func (s *Server) Port() int { return s.opts.Port }

// Shutdown stops accepting, closes connections once their pending replies
// are written, and returns when the event loops have ended.
func (s *Server) Shutdown(ctx context.Context) error {
	if err := s.WaitReady(); err != nil {
		return err
	}
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return nil
	}
	s.stopped = true
	s.mu.Unlock()
	return s.eng.Stop(ctx)
}

// OnBoot records the engine handle.
func (s *Server) OnBoot(eng gnet.Engine) gnet.Action {
	s.eng = eng
	close(s.booted)
	return gnet.None
}

func freePort(host string) (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
