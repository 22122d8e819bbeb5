package rest

import "sync"

// Upstash Vector's HTTP API lives below /vector/<index>/ on the same
// listener and tokens; package vector implements it. A request it cannot
// answer at once (an embedding call, a long query) completes later: the
// connection parks like a blocking command and the answer is sent when
// the service calls back, so the event loop never waits.

// VectorAPI serves the vector HTTP API.
type VectorAPI interface {
	// ServeVector answers one request. path is what follows "/vector/"
	// (the index name, then the endpoint) and query the raw query string;
	// they and body are valid only during the call. It either answers at
	// once, returning answered true with the status and the JSON body
	// appended to out, or returns answered false and later calls done
	// exactly once, from any goroutine.
	ServeVector(method, path, query, body []byte, readOnly bool, out []byte,
		done func(status int, body []byte)) (status int, res []byte, answered bool)
}

// vectorWait is a request handed to the vector service that has not been
// answered yet.
type vectorWait struct {
	mu      sync.Mutex
	pending bool
	ready   bool
	status  int
	body    []byte
}

// routeVector answers /vector/... requests; false means the request waits
// for the service (it is routed again when the answer arrives).
func (st *Conn) routeVector(req *request, body []byte, md mode) bool {
	s := st.s
	w := &st.vec
	w.mu.Lock()
	if w.ready {
		status, res := w.status, w.body
		w.ready, w.pending, w.body = false, false, nil
		w.mu.Unlock()
		st.blocked = false
		st.out = s.appendBody(st.out, req, status, ctJSON, res)
		return true
	}
	if w.pending {
		w.mu.Unlock()
		return false
	}
	w.pending = true
	w.mu.Unlock()
	path := req.path[len("/vector/"):]
	gc := st.gc
	done := func(status int, res []byte) {
		w.mu.Lock()
		w.ready, w.status, w.body = true, status, res
		w.mu.Unlock()
		_ = gc.Wake(nil)
	}
	status, res, answered := s.opts.Vector.ServeVector(req.method, path, req.query, body, md.readOnly, st.body[:0], done)
	if !answered {
		st.blocked = true
		return false
	}
	w.mu.Lock()
	w.pending = false
	w.mu.Unlock()
	st.body = res
	st.out = s.appendBody(st.out, req, status, ctJSON, res)
	return true
}
