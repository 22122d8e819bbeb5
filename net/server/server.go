package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/panjf2000/gnet/v2"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/resp"
	"github.com/updraftdb/updraft/net/rest"
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
	rest    *rest.Server // the REST API's connections, when http-port is set
	// Replies held until the log is durable (appendfsync always).
	syncReplies bool
	durable     durableWaiters

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
	if e.SyncReplies() {
		s.syncReplies = true
		e.OnLogDurable(s.durable.release)
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
			s.bootErr = err
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
	addrs := s.addrs
	if s.opts.HTTPPort != 0 {
		if len(s.opts.HTTPBind) == 0 {
			s.opts.HTTPBind = []string{"127.0.0.1"}
		}
		if s.opts.HTTPPort < 0 {
			p, err := freePort(s.opts.HTTPBind[0])
			if err != nil {
				s.bootErr = err
				close(s.booted)
				return err
			}
			s.opts.HTTPPort = p
		}
		s.rest = rest.New(s.e, s.opts.REST)
		defer s.rest.Close()
		addrs = append(append([]string(nil), addrs...), s.HTTPAddrs()...)
	}
	if err := checkAddrs(addrs, s.opts.ReusePort); err != nil {
		s.bootErr = err
		close(s.booted)
		return err
	}
	err := gnet.Rotate(s, addrs, opts...)
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

// checkAddrs binds each address once and lets it go, so that a port in use
// is reported as such (gnet reports it as a bad file descriptor), with
// Redis's wording.
func checkAddrs(addrs []string, reusePort bool) error {
	if reusePort {
		return nil // another process may legitimately share the port
	}
	for _, a := range addrs {
		hostPort := strings.TrimPrefix(a, "tcp://")
		l, err := net.Listen("tcp", hostPort)
		if err != nil {
			var op *net.OpError
			if errors.As(err, &op) {
				err = op.Err
			}
			return fmt.Errorf("Could not create server TCP listening socket %s: %w", hostPort, err)
		}
		l.Close()
	}
	return nil
}

// HTTPAddrs returns the REST API's listen addresses as "tcp://host:port"
// (none when http-port is 0).
func (s *Server) HTTPAddrs() []string {
	if s.opts.HTTPPort <= 0 {
		return nil
	}
	out := make([]string, len(s.opts.HTTPBind))
	for i, b := range s.opts.HTTPBind {
		out[i] = "tcp://" + net.JoinHostPort(b, strconv.Itoa(s.opts.HTTPPort))
	}
	return out
}

// HTTPPort is the REST API's port in use, 0 when disabled.
func (s *Server) HTTPPort() int { return max(s.opts.HTTPPort, 0) }

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
