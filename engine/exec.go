package engine

import (
	"strings"
	"sync/atomic"
	"time"
)

// Stats are engine-wide counters for INFO stats.
type Stats struct {
	rejectedCalls atomic.Int64
	failedCalls   atomic.Int64
	keyspaceHits  atomic.Int64
	keyspaceMiss  atomic.Int64
	expiredKeys   atomic.Int64
}

// Exec runs one command for c, appending its reply to c.W. It is the one
// dispatch path used by every front end: RESP, HTTP, scripts and the
// library.
func (e *Engine) Exec(c *Client, args [][]byte) {
	if len(args) == 0 {
		return
	}
	c.Args = args
	c.nowMs = 0
	mark := len(c.W.Buf)
	if c.replySkipNext {
		c.replySkipNext, c.replySkip = false, true
	}
	cmd := lookupCommand(args[0])
	if cmd == nil {
		e.reject(c, nil, errUnknownCommand(args), mark)
		return
	}
	if cmd.Sub != nil && len(args) >= 2 {
		sub := lookupSub(cmd, args[1])
		if sub == nil {
			e.reject(c, cmd, errUnknownSubcommand(cmd.Name, args[1]), mark)
			return
		}
		cmd = sub
	}
	if (cmd.Arity > 0 && len(args) != cmd.Arity) || len(args) < -cmd.Arity {
		e.reject(c, cmd, errArity(cmd.Name), mark)
		return
	}
	if !c.authenticated && cmd.Flags&FlagNoAuth == 0 {
		if e.cfg.RequirePass() != "" {
			e.reject(c, cmd, errNoAuth, mark)
			return
		}
		c.authenticated = true
	}
	if c.tx.inMulti && cmd.Flags&FlagNoMulti != 0 {
		e.reject(c, cmd, "ERR Command not allowed inside a transaction", mark)
		return
	}
	if c.ps.n > 0 && c.W.Proto == 2 && !allowedSubscribed(cmd) {
		e.reject(c, cmd, "ERR Can't execute '"+cmd.Name+
			"': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context", mark)
		return
	}
	if e.clients.monitor.Load() > 0 && c.info.monitor.Load() &&
		cmd.Flags&(FlagMayReplicate|FlagWrite|FlagReadonly) != 0 {
		// MONITOR clients are replicas to Redis, kept off the keyspace.
		e.reject(c, cmd, errMonitorKeyspace, mark)
		return
	}
	if e.persistFailing() && (cmd.Flags&FlagWrite != 0 || cmd.Name == "ping") {
		// Redis refuses writes (and PING) while it cannot persist.
		if msg := e.persistError(); msg != "" {
			e.reject(c, cmd, msg, mark)
			return
		}
	}
	if c.tx.inMulti && !txControl(cmd) {
		c.tx.queueCommand(cmd, args)
		c.W.Simple("QUEUED")
		e.afterReply(c, mark)
		return
	}
	if cmd.Flags&flagOffLoop != 0 && !c.tx.inMulti {
		e.call(c, cmd, args)
		e.replyMode(c, mark)
		return
	}
	if (cmd == execCmd && c.tx.inMulti) || runsAlone(cmd) {
		// The transaction or script runs alone: every other command
		// waits (or gets BUSY from a long script: script_busy.go).
		if !e.lockAllOrBusy(c, cmd, cmd != execCmd, mark) {
			return
		}
		e.call(c, cmd, args)
		e.replyMode(c, mark)
		if e.blk.nready.Load() > 0 {
			e.serveReady()
		}
		e.unlockWorld()
		return
	}
	w := e.enterOrBusy(c, cmd, args, mark)
	if w == nil {
		return
	}
	e.call(c, cmd, args)
	e.replyMode(c, mark)
	if e.blk.nready.Load() > 0 {
		e.serveReady()
	}
	w.RUnlock()
}

// reject answers a command refused before it ran (unknown, wrong arity,
// not allowed now), which also dooms an open transaction. cmd is nil for
// an unknown command.
func (e *Engine) reject(c *Client, cmd *Command, msg string, mark int) {
	if cmd != nil {
		cmd.rejected.Add(1)
	}
	e.stats.rejectedCalls.Add(1)
	c.flagTransaction()
	if cmd == execCmd {
		// A refused EXEC ends the transaction (Redis's execCommandAbort).
		e.discardTransaction(c)
		msg = "EXECABORT Transaction discarded because of: " + strings.TrimPrefix(msg, "ERR ")
	}
	c.W.Error(msg)
	e.afterReply(c, mark)
}

// call runs cmd with args and does the bookkeeping of a command that ran:
// statistics, MONITOR, the slow log and the latency monitor (Redis's
// call). EXEC uses it for each queued command.
func (e *Engine) call(c *Client, cmd *Command, args [][]byte) {
	c.Args = args
	c.redact = 0
	c.info.lastCmd.Store(cmd)
	c.cmd = cmd
	mark := len(c.W.Buf)
	start := nanotime()
	e.procLogged(c, cmd, args)
	dur := time.Duration(nanotime() - start)
	us := dur.Microseconds()
	cmd.count(c.ID, us)
	if mark < len(c.W.Buf) && c.W.Buf[mark] == '-' {
		cmd.failed.Add(1)
		e.stats.failedCalls.Add(1)
		e.srv.countError(c.W.Buf[mark+1:])
	}
	if e.clients.monitor.Load() > 0 && cmd.Flags&(FlagSkipMonitor|FlagAdmin) == 0 {
		// Fed after the command, as Redis does, so that arguments the
		// command redacted (passwords) are hidden.
		e.feedMonitors(c, args)
	}
	if t := e.cfg.slowerThan.Load(); t >= 0 && us >= t && cmd.Flags&FlagSkipSlowlog == 0 {
		e.slowlog.add(c, args, us, int(e.cfg.slowMaxLen.Load()))
	}
	if t := e.cfg.latencyThr.Load(); t > 0 && dur.Milliseconds() >= t {
		e.latency.add("command", dur.Milliseconds())
	}
}

// afterReply counts an error reply of a command that did not run and
// applies CLIENT REPLY OFF/SKIP.
func (e *Engine) afterReply(c *Client, mark int) {
	if mark < len(c.W.Buf) && c.W.Buf[mark] == '-' {
		e.srv.countError(c.W.Buf[mark+1:])
	}
	e.replyMode(c, mark)
}

// replyMode applies CLIENT REPLY OFF/SKIP by dropping what the command
// wrote.
func (e *Engine) replyMode(c *Client, mark int) {
	if c.replyOff {
		c.W.Buf = c.W.Buf[:mark]
		return
	}
	if c.replySkip {
		c.replySkip = false
		c.W.Buf = c.W.Buf[:mark]
	}
}

// allowedSubscribed reports whether cmd may run on a RESP2 connection in
// subscribed mode.
func allowedSubscribed(cmd *Command) bool {
	switch cmd.Name {
	case "ping", "subscribe", "ssubscribe", "unsubscribe", "sunsubscribe", "psubscribe",
		"punsubscribe", "quit", "reset":
		return true
	}
	return false
}

// ExpiredKeys is the number of keys removed because they expired.
func (e *Engine) ExpiredKeys() int64 { return e.stats.expiredKeys.Load() }

// TotalCommands is total_commands_processed: calls of every command and
// subcommand.
func (e *Engine) TotalCommands() int64 {
	var n int64
	for _, cmd := range commands {
		n += cmd.Stats().Calls
		for _, sub := range cmd.Sub {
			n += sub.Stats().Calls
		}
	}
	return n
}
