package engine

import (
	"sync"
	"time"
)

// slowlog keeps the most recent commands slower than
// slowlog-log-slower-than, like Redis's SLOWLOG.
type slowlog struct {
	mu sync.Mutex
	// entries holds the log oldest first; only the newest limit entries
	// count. Older ones are dropped in batches, so that adding an entry
	// costs O(1) amortized whatever slowlog-max-len is.
	entries []slowEntry
	limit   int // slowlog-max-len when the last entry was added
	nextID  int64
}

// live returns the entries in the log, oldest first.
func (s *slowlog) live() []slowEntry {
	if len(s.entries) > s.limit {
		return s.entries[len(s.entries)-s.limit:]
	}
	return s.entries
}

type slowEntry struct {
	id         int64
	time       int64 // unix seconds
	usec       int64
	args       [][]byte
	addr, name string
}

const (
	slowlogMaxArgc = 32  // SLOWLOG_ENTRY_MAX_ARGC
	slowlogMaxArg  = 128 // SLOWLOG_ENTRY_MAX_STRING
)

// redacted replaces arguments that MONITOR and the slow log must not show.
var redacted = []byte("(redacted)")

func (s *slowlog) init() {}

// add records a command, copying at most 32 arguments of 128 bytes as Redis
// does.
func (s *slowlog) add(c *Client, args [][]byte, usec int64, maxLen int) {
	if maxLen <= 0 {
		// Redis pushes the entry, numbering it, then trims the log to
		// nothing.
		s.mu.Lock()
		s.nextID++
		s.entries, s.limit = nil, 0
		s.mu.Unlock()
		return
	}
	n := len(args)
	if n > slowlogMaxArgc {
		n = slowlogMaxArgc
	}
	cp := make([][]byte, n)
	for i := 0; i < n; i++ {
		a := args[i]
		if i < 64 && c.redact&(1<<uint(i)) != 0 {
			a = redacted
		}
		if i == slowlogMaxArgc-1 && len(args) > slowlogMaxArgc {
			cp[i] = []byte("... (" + itoa(int64(len(args)-slowlogMaxArgc+1)) + " more arguments)")
			continue
		}
		if len(a) > slowlogMaxArg {
			b := append([]byte(nil), a[:slowlogMaxArg]...)
			cp[i] = append(b, "... ("+itoa(int64(len(a)-slowlogMaxArg))+" more bytes)"...)
			continue
		}
		cp[i] = append([]byte(nil), a...)
	}
	c.info.mu.Lock()
	addr, name := c.info.addr, c.info.name
	c.info.mu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	e := slowEntry{id: s.nextID, time: time.Now().Unix(), usec: usec, args: cp, addr: addr, name: name}
	s.nextID++
	s.entries = append(s.entries, e)
	s.limit = maxLen
	if n := len(s.entries); n > maxLen && n-maxLen >= 64+maxLen/4 {
		kept := copy(s.entries, s.entries[n-maxLen:])
		clear(s.entries[kept:])
		s.entries = s.entries[:kept]
	}
}

func itoa(n int64) string { return string(appendInt(nil, n)) }

// latencyMonitor records latency spikes per event (LATENCY LATEST/HISTORY).
type latencyMonitor struct {
	mu     sync.Mutex
	events map[string]*latencyEvent
}

type latencyEvent struct {
	history []latencySample // oldest first, at most 160 as in Redis
	max     int64
}

type latencySample struct {
	time int64 // unix seconds
	ms   int64
}

const latencyHistoryLen = 160

func (l *latencyMonitor) add(event string, ms int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.events == nil {
		l.events = map[string]*latencyEvent{}
	}
	ev := l.events[event]
	if ev == nil {
		ev = &latencyEvent{}
		l.events[event] = ev
	}
	now := time.Now().Unix()
	if n := len(ev.history); n > 0 && ev.history[n-1].time == now {
		if ms > ev.history[n-1].ms {
			ev.history[n-1].ms = ms
		}
	} else {
		ev.history = append(ev.history, latencySample{now, ms})
		if len(ev.history) > latencyHistoryLen {
			ev.history = ev.history[1:]
		}
	}
	if ms > ev.max {
		ev.max = ms
	}
}
