package engine

import (
	"sync"
	"time"
)

// Extensions: packages outside the engine (the vector service) add their
// own commands to the one command table and keep per-engine state that
// their commands reach through the client.

// Register adds commands to the command table; call it from an init
// function (the table is fixed once an engine runs). Each command needs
// the same metadata as the engine's own (Docs fields for COMMAND DOCS).
func Register(cmds ...*Command) { register(cmds...) }

// extensions holds per-engine state of extension packages, by name.
type extensions struct {
	mu sync.Mutex
	m  map[string]any
}

// SetExtension stores an extension's state under name.
func (e *Engine) SetExtension(name string, v any) {
	e.ext.mu.Lock()
	defer e.ext.mu.Unlock()
	if e.ext.m == nil {
		e.ext.m = map[string]any{}
	}
	e.ext.m[name] = v
}

// Extension returns the state stored under name, or nil.
func (e *Engine) Extension(name string) any {
	e.ext.mu.Lock()
	defer e.ext.mu.Unlock()
	return e.ext.m[name]
}

// OffLoop reports whether front ends must run the command off their event
// loop: a script (unless ScriptKnownQuick) or a command that waits
// (WAITAOF).
func (c *Command) OffLoop() bool { return runsAlone(c) || c.Flags&flagOffLoop != 0 }

// InTransaction reports whether the client is inside MULTI (its commands
// are queued, not run).
func (c *Client) InTransaction() bool { return c.tx.inMulti }

// quickScript is the longest a script's last run may have taken for
// ScriptKnownQuick to say it is quick: far below busy-reply-threshold, far
// above any script on a hot path (rate limiters, locks: microseconds),
// with room for a preempted run on a loaded machine.
const quickScript = int64(10 * time.Millisecond)

// ScriptKnownQuick reports whether args (an EVAL or EVALSHA command) run a
// cached script whose last run took less than 10 ms. Front ends run such
// scripts inline on their event loop (a goroutine hand-off per call costs
// more than the script) and any other script off the loop, where a long
// or endless one cannot stall the loop's other connections. A script that
// was quick and then runs long on new data still runs inline that once.
func (e *Engine) ScriptKnownQuick(args [][]byte) bool {
	if len(args) < 2 {
		return false
	}
	var s *script
	switch {
	case eqFold(args[0], "evalsha"), eqFold(args[0], "evalsha_ro"):
		s = e.findScript(args[1])
	case eqFold(args[0], "eval"), eqFold(args[0], "eval_ro"):
		var sha [40]byte
		s = e.findScript(sha1HexTo(sha[:0], args[1]))
	}
	if s == nil {
		return false
	}
	t := s.lastNs.Load()
	return t >= 0 && t < quickScript
}
