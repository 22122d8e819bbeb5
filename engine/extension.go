package engine

import "sync"

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

// RunsAlone reports whether the command runs a script (EVAL, FCALL and
// their variants): it holds the whole keyspace while it runs and may run
// long, so front ends run it off their event loop.
func (c *Command) RunsAlone() bool { return runsAlone(c) }
