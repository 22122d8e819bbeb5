package engine

// Transactions: MULTI EXEC DISCARD WATCH UNWATCH (Redis's multi.c). The
// queueing itself happens in Exec (exec.go); the state and the WATCH
// registry are in multi.go.

// execCmd is EXEC's table entry: Exec runs it holding the whole world lock.
var execCmd *Command

func init() {
	tx := FlagNoScript | FlagLoading | FlagStale
	execCmd = &Command{Name: "exec", Arity: 1, Flags: tx | FlagSkipSlowlog, Cats: CatSlow | CatTransaction, Proc: cmdExec}
	register(
		&Command{Name: "multi", Arity: 1, Flags: tx | FlagFast | FlagAllowBusy, Cats: CatFast | CatTransaction, Proc: cmdMulti},
		execCmd,
		&Command{Name: "discard", Arity: 1, Flags: tx | FlagFast | FlagAllowBusy, Cats: CatFast | CatTransaction, Proc: cmdDiscard},
		&Command{Name: "watch", Arity: -2, Flags: tx | FlagFast | FlagAllowBusy, First: 1, Last: -1, Step: 1,
			Cats: CatFast | CatTransaction, Proc: cmdWatch},
		&Command{Name: "unwatch", Arity: 1, Flags: tx | FlagFast | FlagAllowBusy, Cats: CatFast | CatTransaction, Proc: cmdUnwatch},
	)
	resetHooks = append(resetHooks, func(c *Client) {
		c.e.discardTransaction(c)
		c.e.unsubscribeAll(c)
	})
}

func cmdMulti(c *Client) {
	if c.tx.inMulti {
		c.W.Error("ERR MULTI calls can not be nested")
		return
	}
	c.tx.inMulti = true
	c.setFlag(clientFlagMulti, true)
	c.W.OK()
}

func cmdDiscard(c *Client) {
	if !c.tx.inMulti {
		c.W.Error("ERR DISCARD without MULTI")
		return
	}
	c.e.discardTransaction(c)
	c.W.OK()
}

// cmdExec runs the queued commands; Exec holds the world lock for writing,
// so nothing else runs meanwhile. Blocking commands answer at once.
func cmdExec(c *Client) {
	e := c.e
	if !c.tx.inMulti {
		c.W.Error("ERR EXEC without MULTI")
		return
	}
	if e.watchedKeyExpired(c) {
		c.tx.dirtyCAS.Store(true)
	}
	switch {
	case c.tx.dirtyExec:
		c.W.Error("EXECABORT Transaction discarded because of previous errors.")
		e.discardTransaction(c)
		return
	case c.tx.dirtyCAS.Load():
		c.W.NullArray()
		e.discardTransaction(c)
		return
	}
	e.unwatchAll(c)
	orig := c.Args
	noBlock := c.noBlock
	c.noBlock = true
	q := c.tx.queue
	c.W.Array(len(q))
	// Blocked clients are served once the whole transaction ran (Exec
	// does it after EXEC), as Redis does.
	for i := range q {
		e.call(c, q[i].cmd, q[i].args)
	}
	c.noBlock = noBlock
	c.Args, c.cmd, c.redact = orig, execCmd, 0
	c.info.lastCmd.Store(execCmd)
	e.discardTransaction(c)
}

func cmdWatch(c *Client) {
	if c.tx.inMulti {
		c.W.Error("ERR WATCH inside MULTI is not allowed")
		return
	}
	if !c.tx.dirtyCAS.Load() {
		// No point in watching once the transaction is doomed.
		for _, k := range c.Args[1:] {
			c.e.watch(c, c.DB, k)
		}
	}
	c.W.OK()
}

func cmdUnwatch(c *Client) {
	c.e.unwatchAll(c)
	c.tx.dirtyCAS.Store(false)
	c.setFlag(clientFlagDirtyCAS, false)
	c.W.OK()
}

// flagTransaction makes the open transaction fail at EXEC: a command was
// refused while queueing (Redis's flagTransaction).
func (c *Client) flagTransaction() {
	if c.tx.inMulti {
		c.tx.dirtyExec = true
	}
}

// txControl reports whether cmd runs at once inside MULTI instead of being
// queued.
func txControl(cmd *Command) bool {
	switch cmd.Name {
	case "exec", "discard", "multi", "watch", "quit", "reset":
		return true
	}
	return false
}

// releaseSession drops a departing client's watches and subscriptions.
func (e *Engine) releaseSession(c *Client) {
	e.discardTransaction(c)
	e.unsubscribeAll(c)
}
