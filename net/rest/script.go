package rest

// Scripts (EVAL, EVALSHA, FCALL...) run on a goroutine of their own: the
// request parks like a blocking command, the event loop goes on serving
// its other connections, and the script's end wakes the connection, whose
// request is then routed again and answered from the client's reply
// buffer (runOne and runPipeline resume as after a blocking command).

// States of Conn.script.
const (
	scriptIdle     = iota
	scriptRunning  // the goroutine owns the client
	scriptOrphaned // the connection closed meanwhile: the goroutine releases the client
)

// runScript starts the script in args for st.
func (st *Conn) runScript(args [][]byte) {
	st.scriptArg = st.scriptArg[:0]
	for _, a := range args {
		st.scriptArg = append(st.scriptArg, append([]byte(nil), a...))
	}
	st.script.Store(scriptRunning)
	cl := st.cl
	go func() {
		st.s.e.Exec(cl, st.scriptArg)
		st.s.bumpSync() // the sync token changes after every script
		if st.script.CompareAndSwap(scriptRunning, scriptIdle) {
			_ = st.gc.Wake(nil)
		} else {
			cl.Release()
		}
	}()
}
