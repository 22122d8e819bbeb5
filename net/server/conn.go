package server

import (
	"net"
	"sync/atomic"
	"time"

	"github.com/panjf2000/gnet/v2"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/resp"
	"github.com/updraftdb/updraft/net/rest"
)

// conn is the state of one RESP connection, kept in the gnet Conn's
// context.
type conn struct {
	cl      *engine.Client
	args    [][]byte
	scratch []byte
	need    int // input bytes needed before parsing again (big arguments)
	parked  bool
	// waitSeq is the log sequence number the held replies wait for
	// (durable.go); 0 when nothing is held.
	waitSeq uint64
	// script is the state of a script of this connection run off the
	// event loop (script.go); scriptArgs are its arguments, copied.
	script     atomic.Int32
	scriptArgs [][]byte
}

// park arranges for OnTraffic to run again after d, once per pause.
func (st *conn) park(c gnet.Conn, d time.Duration) {
	if st.parked {
		return
	}
	st.parked = true
	time.AfterFunc(d, func() { _ = c.Wake(nil) })
}

const errMaxClients = "-ERR max number of clients reached\r\n"

// outBufKeep is the reply buffer capacity kept between wake-ups; a buffer
// grown past it by a big reply is dropped so idle clients stay small.
const outBufKeep = 64 << 10

// OnOpen registers a client, or refuses it past maxclients as Redis does.
func (s *Server) OnOpen(c gnet.Conn) ([]byte, gnet.Action) {
	if n := s.conns.Add(1); n > int64(s.e.Config().MaxClients()) {
		s.conns.Add(-1)
		return []byte(errMaxClients), gnet.Close
	}
	if s.rest != nil && isHTTP(c, s.opts.HTTPPort) {
		c.SetContext(s.rest.Open(c))
		return nil, gnet.None
	}
	cl := s.e.NewClient(engine.ClientOptions{
		Addr:      c.RemoteAddr().String(),
		LocalAddr: c.LocalAddr().String(),
		FD:        c.Fd(),
	})
	cl.Close = func() { _ = c.Close() }
	cl.Wake = func() { _ = c.Wake(nil) }
	cl.Push = pushFunc(c, cl)
	c.SetContext(&conn{cl: cl, args: make([][]byte, 0, 16)})
	return nil, gnet.None
}

// OnClose unregisters the client.
func (s *Server) OnClose(c gnet.Conn, _ error) gnet.Action {
	if st, ok := c.Context().(*conn); ok && st != nil {
		if st.waitSeq != 0 {
			s.durable.forget(c)
		}
		if !st.script.CompareAndSwap(scriptRunning, scriptOrphaned) {
			st.cl.Release() // else the script's goroutine releases it
		}
		c.SetContext(nil)
		s.conns.Add(-1)
	} else if hc, ok := c.Context().(*rest.Conn); ok && hc != nil {
		s.rest.Closed(hc)
		c.SetContext(nil)
		s.conns.Add(-1)
	}
	return gnet.None
}

// isHTTP reports whether c came in on the REST API's port.
func isHTTP(c gnet.Conn, port int) bool {
	a, ok := c.LocalAddr().(*net.TCPAddr)
	return ok && a.Port == port
}

// OnTraffic runs every whole command buffered and writes the replies once.
func (s *Server) OnTraffic(c gnet.Conn) gnet.Action {
	st, _ := c.Context().(*conn)
	if st == nil {
		if hc, ok := c.Context().(*rest.Conn); ok && hc != nil {
			return s.rest.Traffic(hc, c)
		}
		return gnet.Close
	}
	cl := st.cl
	if st.script.Load() != scriptIdle {
		return gnet.None // a script of this connection runs: input waits
	}
	if st.waitSeq != 0 {
		if s.e.LogDurable() < st.waitSeq {
			return gnet.None // woken early: keep holding, input waits
		}
		st.waitSeq = 0
		s.flush(c, cl)
	}
	if cl.Blocked() {
		// Waiting in a blocking command: the engine owns the reply
		// buffer until it wakes the connection.
		return s.checkQueryLimit(c, c.InboundBuffered())
	}
	buffered := c.InboundBuffered()
	if buffered < st.need {
		s.flush(c, cl) // a reply to a command that was blocked
		return s.checkQueryLimit(c, buffered)
	}
	st.need = 0
	st.parked = false
	buf, _ := c.Peek(-1)
	cl.Touch()
	pos := 0
	action := gnet.None
	scripted := false
	for pos < len(buf) {
		args, n, err := resp.ReadCommand(buf[pos:], st.args, &st.scratch, s.limit)
		st.args = args[:0]
		if err != nil {
			cl.W.Error("ERR " + err.Error())
			action = gnet.Close
			pos = len(buf)
			break
		}
		if n <= 0 {
			if n < 0 {
				st.need = -n // counted from pos, which is discarded below
			}
			break
		}
		pos += n
		if len(args) == 0 {
			continue
		}
		if wait := s.e.PauseWait(cl, args); wait > 0 {
			// CLIENT PAUSE: park this command and the rest of the
			// pipeline in the input buffer, and come back when the pause
			// ends (CLIENT UNPAUSE wakes the connection sooner).
			pos -= n
			st.park(c, wait)
			break
		}
		if cmd := engine.LookupCommand(args[0]); cmd != nil && cmd.OffLoop() && !cl.InTransaction() &&
			!s.e.ScriptKnownQuick(args) {
			// A script runs off the loop (script.go); the rest of the
			// pipeline waits in the input buffer, and the replies so far
			// go out with the script's once it ends.
			st.startScript(c, args)
			scripted = true
			break
		}
		s.e.Exec(cl, args)
		if cl.BlockPending() {
			break // the rest of the pipeline waits in the input buffer
		}
		if cl.CloseAfterReply {
			action = gnet.Close
			pos = len(buf)
			break
		}
	}
	if pos > 0 {
		// Only when something was used: gnet's Discard(0) drops the
		// whole input, including a partial frame still to be completed.
		_, _ = c.Discard(pos)
	}
	if scripted {
		return gnet.None // the script goroutine owns the client until it wakes us
	}
	if s.syncReplies && action == gnet.None && !cl.BlockPending() && s.holdReplies(c, st) {
		return gnet.None
	}
	s.flush(c, cl)
	if cap(st.scratch) > outBufKeep {
		st.scratch = nil
	}
	if cl.BlockPending() {
		// After the flush: from here on a key made ready by another
		// client's write may serve this one on that client's goroutine.
		s.e.CommitBlock(cl)
	}
	if action == gnet.None {
		return s.checkQueryLimit(c, c.InboundBuffered())
	}
	return action
}

// flush writes the client's pending replies to the connection.
func (s *Server) flush(c gnet.Conn, cl *engine.Client) {
	if len(cl.W.Buf) > 0 {
		_, _ = c.Write(cl.W.Buf)
	}
	if cap(cl.W.Buf) > outBufKeep {
		cl.W.Buf = nil
	} else {
		cl.W.Buf = cl.W.Buf[:0]
	}
}

// checkQueryLimit closes a client whose unparsed input passed
// client-query-buffer-limit, as Redis does.
func (s *Server) checkQueryLimit(_ gnet.Conn, buffered int) gnet.Action {
	if int64(buffered) > s.opts.QueryBufferLimit {
		return gnet.Close
	}
	return gnet.None
}

// pushFunc returns the client's Push: out-of-band output (Pub/Sub
// messages, MONITOR) queued on the connection's event loop from any
// goroutine. Output that waits, queued or in gnet's outbound buffer, is
// checked against client-output-buffer-limit, and a client past it is
// closed, as Redis does with a subscriber that does not read.
func pushFunc(c gnet.Conn, cl *engine.Client) func(b []byte) {
	var queued, outbound atomic.Int64 // bytes not yet handed to the socket
	var closing atomic.Bool
	drop := func() {
		if closing.CompareAndSwap(false, true) {
			_ = c.Close()
		}
	}
	return func(b []byte) {
		if closing.Load() {
			return
		}
		n := int64(len(b))
		if cl.OutputLimitExceeded(queued.Load() + outbound.Load() + n) {
			drop()
			return
		}
		queued.Add(n)
		cp := append([]byte(nil), b...)
		_ = c.AsyncWrite(cp, func(c gnet.Conn, _ error) error {
			queued.Add(-n)
			outbound.Store(int64(c.OutboundBuffered()))
			if outbound.Load() > 0 && cl.OutputLimitExceeded(queued.Load()+outbound.Load()) {
				drop()
			}
			return nil
		})
	}
}
