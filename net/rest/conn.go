package rest

import (
	"sync/atomic"
	"time"

	"github.com/panjf2000/gnet/v2"

	"github.com/updraftdb/updraft/engine"
)

// Connection phases, for the timeout sweeper.
const (
	phaseIdle    = iota // between requests: the idle timeout runs
	phaseReading        // a request has begun arriving: the header timeout runs
	phaseBusy           // parked in a blocking command, or streaming events
)

// outKeep is the buffer capacity kept between requests; a buffer grown
// past it by a big body or reply is dropped so idle connections stay small.
const outKeep = 64 << 10

// Conn is the state of one HTTP connection, the gnet connection's context.
type Conn struct {
	s  *Server
	gc gnet.Conn
	cl *engine.Client

	req     request
	p       cmdParser
	chunked []byte // decoded chunked body
	body    []byte // JSON reply body being built
	out     []byte // responses to send at the end of this wake-up
	need    int    // input bytes needed before parsing again

	continued bool // 100 Continue sent for the current request
	blocked   bool // the current request waits in a blocking command
	done      int  // commands of the current request already answered
	stream    bool // the connection streams Server-Sent Events
	closeNow  bool // close once out is sent

	vec       vectorWait   // a /vector/ request the service answers later (vector.go)
	script    atomic.Int32 // a script of this connection running off the loop (script.go)
	scriptArg [][]byte     // its arguments, copied

	phase     atomic.Int32
	since     atomic.Int64 // unix ms when the phase began
	closed    atomic.Bool
	streaming atomic.Bool // event stream headers sent: push may write
}

// wait enters a phase, keeping the start time when it does not change.
func (st *Conn) wait(p int32) {
	if st.phase.Load() == p && p != phaseIdle {
		return
	}
	st.since.Store(time.Now().UnixMilli())
	st.phase.Store(p)
}

// Traffic runs every whole request buffered on c and writes the responses
// once.
func (s *Server) Traffic(st *Conn, c gnet.Conn) gnet.Action {
	if st.stream {
		// Event streams take no more requests: drop what the client sends.
		_, _ = c.Discard(-1)
		return gnet.None
	}
	if st.cl.Blocked() || st.script.Load() != scriptIdle {
		return gnet.None
	}
	buffered := c.InboundBuffered()
	if buffered < st.need && !st.blocked {
		return gnet.None
	}
	st.need = 0
	buf, _ := c.Peek(-1)
	pos := 0
	for pos < len(buf) && !st.closeNow {
		n := st.serve(buf[pos:])
		if n == 0 {
			break
		}
		pos += n
		if st.stream {
			break
		}
	}
	if pos > 0 {
		_, _ = c.Discard(pos)
	}
	if len(st.out) > 0 {
		_, _ = c.Write(st.out)
	}
	st.out = trimBuf(st.out)
	if !st.blocked {
		st.body = trimBuf(st.body) // a parked pipeline keeps its answers so far
	}
	if cap(st.chunked) > outKeep {
		st.chunked = nil
	}
	if st.closeNow {
		return gnet.Close
	}
	switch {
	case st.blocked:
		st.phase.Store(phaseBusy)
		if st.cl.BlockPending() {
			s.e.CommitBlock(st.cl)
		}
	case st.stream:
		st.phase.Store(phaseBusy)
		_, _ = c.Discard(-1)
	case c.InboundBuffered() > 0:
		st.wait(phaseReading)
	default:
		st.wait(phaseIdle)
	}
	return gnet.None
}

func trimBuf(b []byte) []byte {
	if cap(b) > outKeep {
		return nil
	}
	return b[:0]
}

// serve answers the request at the start of buf. It returns the bytes used, 0 when the request is not
// whole yet or waits in a blocking command.
func (st *Conn) serve(buf []byte) int {
	s := st.s
	req := &st.req
	hn, err := parseHead(buf, &s.opts.Limits, req)
	if err != nil {
		st.fail(err)
		return len(buf)
	}
	if hn == 0 {
		return 0
	}
	total := hn
	var body []byte
	switch {
	case req.chunked:
		if req.expect100 && !st.continued {
			st.sendContinue()
		}
		dec, n, err := readChunked(buf[hn:], st.chunked[:0], s.opts.Limits.MaxBody)
		st.chunked = dec
		if err != nil {
			st.fail(err)
			return len(buf)
		}
		if n == 0 {
			return 0
		}
		total += n
		body = dec
	case req.contentLen > 0:
		if req.contentLen > s.opts.Limits.MaxBody {
			st.fail(errBodyTooLarge)
			return len(buf)
		}
		total += int(req.contentLen)
		if len(buf) < total {
			if req.expect100 && !st.continued {
				st.sendContinue()
			}
			st.need = total // from the request start, once what precedes is discarded
			return 0
		}
		body = buf[hn:total]
	}
	if !st.route(req, body) {
		return 0 // blocked: the request stays in the input until woken
	}
	st.continued = false
	if !req.keepAlive {
		st.closeNow = true
	}
	return total
}

// sendContinue tells a client waiting on Expect: 100-continue to send its
// body.
func (st *Conn) sendContinue() {
	st.continued = true
	_, _ = st.gc.Write([]byte("HTTP/1.1 100 Continue\r\n\r\n"))
}

// fail answers a request the parser refused and closes the connection.
func (st *Conn) fail(err error) {
	he, ok := err.(*httpError)
	if !ok {
		he = errBadRequest
	}
	st.req.keepAlive = false
	if st.req.method == nil {
		st.req.method = []byte("GET")
	}
	st.out = st.s.appendError(st.out, &st.req, he.status, []byte(he.msg))
	st.closeNow = true
}

// push delivers out-of-band RESP (MONITOR lines, pub/sub messages) as
// Server-Sent Events; it runs on any goroutine.
func (st *Conn) push(b []byte) {
	if st.closed.Load() || !st.streaming.Load() {
		return
	}
	out := appendSSE(nil, b)
	if len(out) > 0 {
		_ = st.gc.AsyncWrite(out, nil)
	}
}
