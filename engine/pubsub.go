package engine

import (
	"sync"
	"sync/atomic"

	"github.com/updraftdb/updraft/internal/glob"
	"github.com/updraftdb/updraft/internal/resp"
)

// Pub/Sub delivery (Redis's pubsub.c). The registry maps channels, shard
// channels and patterns to their subscribers. PUBLISH runs on the
// publisher's goroutine: a subscriber that is the publisher itself gets the
// message in its reply buffer, in order before the PUBLISH reply; any other
// gets it through its front end's Push, which queues it on the subscriber's
// event loop without blocking and enforces client-output-buffer-limit.

// pubsubKind selects one of the three subscription namespaces.
type pubsubKind uint8

const (
	psChannel pubsubKind = iota
	psPattern
	psShard
)

// pubsubNames are the reply words of each kind: subscribe, unsubscribe,
// message.
var pubsubNames = [3][3]string{
	{"subscribe", "unsubscribe", "message"},
	{"psubscribe", "punsubscribe", "pmessage"},
	{"ssubscribe", "sunsubscribe", "smessage"},
}

// pubsubState is a client's subscriptions, in subscription order. Only the
// client's goroutine changes them; the counts are atomic for CLIENT LIST.
type pubsubState struct {
	subs  [3][]string
	count [3]atomic.Int32
	n     int // total subscriptions: > 0 is Redis's CLIENT_PUBSUB
}

// pubsubRegistry is the server-wide subscription table.
type pubsubRegistry struct {
	mu   sync.RWMutex
	subs [3]map[string][]*Client
	// patterns in creation order, for delivery.
	patterns []string
	clients  atomic.Int64 // clients with a subscription (pubsub_clients)
	sizes    [3]atomic.Int64
	// oblDisconnects counts clients dropped by client-output-buffer-limit.
	oblDisconnects atomic.Int64
}

// has reports whether c is subscribed to name.
func (s *pubsubState) has(kind pubsubKind, name []byte) bool {
	for _, n := range s.subs[kind] {
		if n == string(name) {
			return true
		}
	}
	return false
}

// subscribe adds a subscription; it reports false when c already had it.
func (e *Engine) subscribe(c *Client, kind pubsubKind, name []byte) bool {
	if c.ps.has(kind, name) {
		return false
	}
	n := string(name)
	r := &e.pubsub
	r.mu.Lock()
	if r.subs[kind] == nil {
		r.subs[kind] = map[string][]*Client{}
	}
	q := r.subs[kind][n]
	if len(q) == 0 {
		r.sizes[kind].Add(1)
		if kind == psPattern {
			r.patterns = append(r.patterns, n)
		}
	}
	r.subs[kind][n] = append(q, c)
	r.mu.Unlock()
	c.ps.subs[kind] = append(c.ps.subs[kind], n)
	c.ps.count[kind].Add(1)
	c.pubsubCountChanged(1)
	return true
}

// unsubscribe removes a subscription; it reports false when c had none.
func (e *Engine) unsubscribe(c *Client, kind pubsubKind, name string) bool {
	subs := c.ps.subs[kind]
	i := -1
	for j, n := range subs {
		if n == name {
			i = j
			break
		}
	}
	if i < 0 {
		return false
	}
	c.ps.subs[kind] = append(subs[:i], subs[i+1:]...)
	r := &e.pubsub
	r.mu.Lock()
	q := r.subs[kind][name]
	for j, o := range q {
		if o == c {
			q = append(q[:j:j], q[j+1:]...)
			break
		}
	}
	if len(q) == 0 {
		delete(r.subs[kind], name)
		r.sizes[kind].Add(-1)
		if kind == psPattern {
			for j, p := range r.patterns {
				if p == name {
					r.patterns = append(r.patterns[:j:j], r.patterns[j+1:]...)
					break
				}
			}
		}
	} else {
		r.subs[kind][name] = q
	}
	r.mu.Unlock()
	c.ps.count[kind].Add(-1)
	c.pubsubCountChanged(-1)
	return true
}

// pubsubCountChanged keeps the client's pubsub flag and type in step with
// its subscription count.
func (c *Client) pubsubCountChanged(d int) {
	before := c.ps.n
	c.ps.n += d
	if (before == 0) == (c.ps.n == 0) {
		return
	}
	kind := "normal"
	if c.ps.n > 0 {
		kind = "pubsub"
		c.e.pubsub.clients.Add(1)
	} else {
		c.e.pubsub.clients.Add(-1)
	}
	c.info.mu.Lock()
	if c.info.kind == "normal" || c.info.kind == "pubsub" {
		c.info.kind = kind
	}
	c.info.mu.Unlock()
}

// unsubscribeAll drops every subscription of c (disconnect, RESET).
func (e *Engine) unsubscribeAll(c *Client) {
	for k := range c.ps.subs {
		for len(c.ps.subs[k]) > 0 {
			e.unsubscribe(c, pubsubKind(k), c.ps.subs[k][0])
		}
	}
}

// publish delivers message to the subscribers of channel (kind psChannel
// also reaches matching patterns; psShard only shard subscribers) and
// returns how many received it.
func (e *Engine) publish(pub *Client, kind pubsubKind, channel, message []byte) int64 {
	r := &e.pubsub
	if r.sizes[kind].Load() == 0 && (kind != psChannel || r.sizes[psPattern].Load() == 0) {
		return 0
	}
	var f frames
	n := int64(0)
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, sub := range r.subs[kind][string(channel)] {
		f.deliver(pub, sub, pubsubNames[kind][2], nil, channel, message)
		n++
	}
	if kind != psChannel {
		return n
	}
	for _, p := range r.patterns {
		if !glob.Match([]byte(p), channel, false) {
			continue
		}
		pat := []byte(p)
		f.pattern = nil
		for _, sub := range r.subs[psPattern][p] {
			f.deliver(pub, sub, "pmessage", pat, channel, message)
			n++
		}
	}
	return n
}

// frames caches one message's RESP2 and RESP3 encodings during a publish.
type frames struct {
	pattern     []byte // the pattern the cached frames are for
	resp2, rsp3 []byte
	word        string
}

// deliver sends one message to sub.
func (f *frames) deliver(pub, sub *Client, word string, pattern, channel, message []byte) {
	if f.word != word || string(f.pattern) != string(pattern) {
		f.resp2, f.rsp3, f.word, f.pattern = nil, nil, word, pattern
	}
	proto := int(sub.info.resp.Load())
	var b *[]byte
	if proto >= 3 {
		b = &f.rsp3
	} else {
		b = &f.resp2
	}
	if *b == nil {
		*b = appendMessage(nil, proto, word, pattern, channel, message)
	}
	if sub == pub {
		pub.W.Buf = append(pub.W.Buf, *b...)
		return
	}
	if sub.Push != nil {
		sub.Push(*b)
	}
}

// appendMessage encodes a message, pmessage or smessage in RESP2 (array)
// or RESP3 (push).
func appendMessage(b []byte, proto int, word string, pattern, channel, message []byte) []byte {
	n := 3
	if pattern != nil {
		n = 4
	}
	if proto >= 3 {
		b = append(b, '>', byte('0'+n), '\r', '\n')
	} else {
		b = resp.AppendArray(b, n)
	}
	b = resp.AppendBulkString(b, word)
	if pattern != nil {
		b = resp.AppendBulk(b, pattern)
	}
	b = resp.AppendBulk(b, channel)
	return resp.AppendBulk(b, message)
}

// PubsubClients is INFO's pubsub_clients.
func (e *Engine) PubsubClients() int64 { return e.pubsub.clients.Load() }

// PubsubChannels is INFO's pubsub_channels.
func (e *Engine) PubsubChannels() int64 { return e.pubsub.sizes[psChannel].Load() }

// PubsubPatterns is INFO's pubsub_patterns.
func (e *Engine) PubsubPatterns() int64 { return e.pubsub.sizes[psPattern].Load() }

// PubsubShardChannels is INFO's pubsubshard_channels.
func (e *Engine) PubsubShardChannels() int64 { return e.pubsub.sizes[psShard].Load() }

// Subscriptions returns the client's channel, pattern and shard channel
// counts, for CLIENT LIST.
func (c *Client) Subscriptions() (sub, psub, ssub int32) {
	return c.ps.count[psChannel].Load(), c.ps.count[psPattern].Load(), c.ps.count[psShard].Load()
}
