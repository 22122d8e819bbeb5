package vector

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"
)

// A resumable query ranks up to MaxResumableResults records once, at
// start, and hands them out in order: the first topK at start, then
// additionalK per next call. Sessions expire after maxIdle seconds without
// a call and are swept lazily.

// session is one open resumable query.
type session struct {
	x        *Index
	ns       string
	ids      []string // remaining ranked ids
	scores   []float64
	incV     bool
	incM     bool
	incD     bool
	maxIdle  time.Duration
	lastUsed time.Time
}

// resumables holds the open sessions.
type resumables struct {
	mu sync.Mutex
	m  map[string]*session
}

func (r *resumables) init() { r.m = map[string]*session{} }

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:], b[10:])
	return string(out[:])
}

// sweep drops expired sessions; call with r.mu held.
func (r *resumables) sweep(now time.Time) {
	for id, s := range r.m {
		if now.Sub(s.lastUsed) > s.maxIdle {
			delete(r.m, id)
		}
	}
}

// add registers s and returns its uuid.
func (r *resumables) add(s *session) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	r.sweep(now)
	if len(r.m) >= MaxResumable {
		return "", errTooManyResumable
	}
	s.lastUsed = now
	id := newUUID()
	r.m[id] = s
	return id, nil
}

// take removes up to k ranked ids from session id's front.
func (r *resumables) take(id string, k int) (*session, []string, []float64, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	r.sweep(now)
	s := r.m[id]
	if s == nil {
		return nil, nil, nil, errResumableGone
	}
	s.lastUsed = now
	k = min(k, len(s.ids))
	ids, scores := s.ids[:k], s.scores[:k]
	s.ids, s.scores = s.ids[k:], s.scores[k:]
	return s, ids, scores, nil
}

// end closes session id.
func (r *resumables) end(id string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.m[id]; !ok {
		return errResumableGone
	}
	delete(r.m, id)
	return nil
}
