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
	save, nosave, force := false, false, false
	for _, a := range c.Args[1:] {
		switch {
		case eqFold(a, "nosave"):
			nosave = true
		case eqFold(a, "save"):
			save = true
		case eqFold(a, "force"):
			force = true
		case eqFold(a, "now"):
		case eqFold(a, "abort"):
			// Nothing is ever in progress to abort: shutdown is immediate.
			c.W.Error("ERR No shutdown in progress.")
			return
		default:
			c.W.Error(errSyntax)
			return
		}
	}
	if save && nosave {
		c.W.Error(errSyntax)
		return
	}
	f := c.e.shutdownReq.Load()
	if f == nil || *f == nil {
		c.W.Error("ERR Errors trying to SHUTDOWN. Check logs.")
		return
	}
	// As Redis: a final snapshot when save points are set (or SAVE is
	// given) unless NOSAVE; if it fails the server stays up, unless
	// FORCE. The append-only log is synced when the engine closes.
	if !nosave && (save || c.e.hasSavePoints()) {
		codes := c.e.rdbFunctionCodes()
		c.e.lockAll()
		err := c.e.saveRDBFile(c.e.dataPath(c.e.RDBFileName()), codes)
		c.e.unlockAll()
		if err != nil {
			c.e.logf("Error trying to save the DB, can't exit: %v", err)
			if !force {
				c.W.Error("ERR Errors trying to SHUTDOWN. Check logs.")
				return
			}
		} else {
			c.e.logf("DB saved on disk")
		}
	}
	// Like Redis, a successful SHUTDOWN sends no reply: the connection
	// closes as the server stops.
	c.CloseAfterReply = true
	(*f)()
}
