package server

import "github.com/panjf2000/gnet/v2"

// Scripts (EVAL, EVALSHA, FCALL and their variants) run on a goroutine of
// their own rather than on the connection's event loop: a long script
// would otherwise stall every connection of that loop, and one looping
// forever could not be killed from them. The loop goes on serving its
// other connections (their commands wait for the script, or get BUSY past
// busy-reply-threshold, as in Redis); the script's connection takes no
// input until the script ends and wakes it, and its reply is flushed with
// what follows.

// States of conn.script.
const (
	scriptIdle     = iota
	scriptRunning  // the goroutine owns the client
	scriptOrphaned // the connection closed meanwhile: the goroutine releases the client
)

// startScript runs the script in args for st's client off the loop.
func (st *conn) startScript(c gnet.Conn, args [][]byte) {
	st.scriptArgs = st.scriptArgs[:0]
	for _, a := range args {
		st.scriptArgs = append(st.scriptArgs, append([]byte(nil), a...))
	}
	st.script.Store(scriptRunning)
	cl := st.cl
	go func() {
		cl.Engine().Exec(cl, st.scriptArgs)
		if st.script.CompareAndSwap(scriptRunning, scriptIdle) {
			_ = c.Wake(nil)
		} else {
			cl.Release()
		}
	}()
}
