package engine

// SHUTDOWN: the engine cannot stop the process itself; the program that
// embeds it (cmd/updraft) installs a handler that stops the listeners and
// closes the engine, as SIGTERM does.

func init() {
	register(&Command{Name: "shutdown", Arity: -1,
		Flags: FlagAdmin | FlagNoScript | FlagLoading | FlagStale | FlagNoMulti | FlagAllowBusy,
		Cats:  CatAdmin | CatSlow | CatDangerous, Proc: cmdShutdown})
}

// SetShutdownHandler installs what SHUTDOWN runs (stop serving, close the
// engine). It is called at most once per engine.
func (e *Engine) SetShutdownHandler(f func()) { e.shutdownReq.Store(&f) }

func cmdShutdown(c *Client) {
	for _, a := range c.Args[1:] {
		switch {
		case eqFold(a, "nosave"), eqFold(a, "save"), eqFold(a, "now"), eqFold(a, "force"):
		case eqFold(a, "abort"):
			// Nothing is ever in progress to abort: shutdown is immediate.
			c.W.Error("ERR No shutdown in progress.")
			return
		default:
			c.W.Error(errSyntax)
			return
		}
	}
	f := c.e.shutdownReq.Load()
	if f == nil || *f == nil {
		c.W.Error("ERR Errors trying to SHUTDOWN. Check logs.")
		return
	}
	// Like Redis, a successful SHUTDOWN sends no reply: the connection
	// closes as the server stops.
	c.CloseAfterReply = true
	(*f)()
}
