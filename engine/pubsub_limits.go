package engine

import (
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// client-output-buffer-limit: the pending output past which Redis drops a
// client, per client class (normal, replica, pubsub): a hard limit, and a
// soft limit that may be exceeded for at most soft_seconds. The front end,
// which knows how many bytes wait to be sent, asks OutputLimitExceeded.

// Client classes of client-output-buffer-limit, in CONFIG GET order.
const (
	oblNormal = iota
	oblReplica
	oblPubsub
)

var oblClassNames = [3]string{"normal", "slave", "pubsub"}

// outputLimit is one class's limits.
type outputLimit struct {
	hard, soft, softSeconds atomic.Int64
}

// outputLimits are the three classes' limits.
type outputLimits [3]outputLimit

// Redis's defaults: replicas 256mb/64mb/60s, pubsub 32mb/8mb/60s.
const defaultOutputLimits = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"

// registerOutputLimitParams adds client-output-buffer-limit.
func (c *Config) registerOutputLimitParams() {
	l := &c.obl
	_ = l.set(defaultOutputLimits)
	c.Register(Param{Name: "client-output-buffer-limit", Get: l.get, Set: l.set})
}

func (l *outputLimits) get() string {
	var b []byte
	for i := range l {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, oblClassNames[i]...)
		for _, v := range []int64{l[i].hard.Load(), l[i].soft.Load(), l[i].softSeconds.Load()} {
			b = append(b, ' ')
			b = strconv.AppendInt(b, v, 10)
		}
	}
	return string(b)
}

// set parses "class hard soft seconds ..." as Redis's CONFIG SET does: all
// groups are checked before any is applied.
func (l *outputLimits) set(v string) error {
	f := strings.Fields(v)
	if len(f)%4 != 0 {
		return errors.New("Wrong number of arguments in buffer limit configuration.")
	}
	type group struct {
		class            int
		hard, soft, secs int64
	}
	var gs []group
	for i := 0; i < len(f); i += 4 {
		class := -1
		switch strings.ToLower(f[i]) {
		case "normal":
			class = oblNormal
		case "slave", "replica":
			class = oblReplica
		case "pubsub":
			class = oblPubsub
		}
		if class < 0 {
			return errors.New("Invalid client class specified in buffer limit configuration.")
		}
		hard, e1 := ParseMemory(f[i+1])
		soft, e2 := ParseMemory(f[i+2])
		secs, ok := parseInt64([]byte(f[i+3]))
		if e1 != nil || e2 != nil || !ok || secs < 0 {
			return errors.New("Error in hard, soft or soft_seconds setting in buffer limit configuration.")
		}
		gs = append(gs, group{class, hard, soft, secs})
	}
	for _, g := range gs {
		l[g.class].hard.Store(g.hard)
		l[g.class].soft.Store(g.soft)
		l[g.class].softSeconds.Store(g.secs)
	}
	return nil
}

// OutputLimitExceeded reports whether a client with pending bytes of
// output waiting must be disconnected (Redis's
// checkClientOutputBufferLimits). It is called by the front end on the
// client's event loop only, which owns softSince.
func (c *Client) OutputLimitExceeded(pending int64) bool {
	class := oblNormal
	if c.ps.count[psChannel].Load()+c.ps.count[psPattern].Load()+c.ps.count[psShard].Load() > 0 {
		class = oblPubsub
	}
	l := &c.e.cfg.obl[class]
	if hard := l.hard.Load(); hard > 0 && pending >= hard {
		c.e.pubsub.oblDisconnects.Add(1)
		return true
	}
	soft := l.soft.Load()
	if soft == 0 || pending < soft {
		c.oblSoftSince.Store(0)
		return false
	}
	now := time.Now().UnixMilli()
	since := c.oblSoftSince.Load()
	if since == 0 {
		c.oblSoftSince.Store(now)
		return false
	}
	if now-since > l.softSeconds.Load()*1000 {
		c.e.pubsub.oblDisconnects.Add(1)
		return true
	}
	return false
}

// OutputLimitDisconnects is INFO's client_output_buffer_limit_disconnections.
func (e *Engine) OutputLimitDisconnects() int64 { return e.pubsub.oblDisconnects.Load() }
