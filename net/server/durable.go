package server

import (
	"sync"

	"github.com/panjf2000/gnet/v2"
)

// Under appendfsync always a reply leaves only once the change it
// acknowledges is on stable storage. OnTraffic runs a connection's
// commands as usual, then, if the client's last change is not durable yet,
// keeps the replies in the client's buffer and parks the connection here;
// the log's writer wakes it after the fsync that covers it (one fsync per
// batch of commands from every connection: group commit). The event loop
// never waits.

// durableWaiters are the connections holding replies.
type durableWaiters struct {
	mu      sync.Mutex
	waiting map[gnet.Conn]uint64 // connection -> sequence number it needs
}

// hold parks c until the log is durable up to seq.
func (w *durableWaiters) hold(c gnet.Conn, seq uint64) {
	w.mu.Lock()
	if w.waiting == nil {
		w.waiting = make(map[gnet.Conn]uint64)
	}
	w.waiting[c] = seq
	w.mu.Unlock()
}

// release wakes the connections whose changes are durable now; it runs
// on the log's writer goroutine.
func (w *durableWaiters) release(durable uint64) {
	w.mu.Lock()
	for c, seq := range w.waiting {
		if seq <= durable {
			delete(w.waiting, c)
			_ = c.Wake(nil)
		}
	}
	w.mu.Unlock()
}

// forget drops a closed connection.
func (w *durableWaiters) forget(c gnet.Conn) {
	w.mu.Lock()
	delete(w.waiting, c)
	w.mu.Unlock()
}

// holdReplies parks the connection when its client's last change is not
// durable yet, and reports whether it did. The check after parking closes
// the race with a release that ran in between.
func (s *Server) holdReplies(c gnet.Conn, st *conn) bool {
	seq := st.cl.LogSeq()
	if seq == 0 || s.e.LogDurable() >= seq {
		return false
	}
	st.waitSeq = seq
	s.durable.hold(c, seq)
	if s.e.LogDurable() >= seq {
		s.durable.forget(c)
		st.waitSeq = 0
		return false
	}
	return true
}
