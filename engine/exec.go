package engine

import (
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
		e.stats.rejectedCalls.Add(1)
		c.W.Error(errUnknownCommand(args))
		e.afterReply(c, mark)
		return
	}
	if cmd.Sub != nil && len(args) >= 2 {
		sub := lookupSub(cmd, args[1])
		if sub == nil {
			cmd.rejected.Add(1)
			e.stats.rejectedCalls.Add(1)
			c.W.Error(errUnknownSubcommand(cmd.Name, args[1]))
			e.afterReply(c, mark)
			return
		}
		cmd = sub
	}
	if (cmd.Arity > 0 && len(args) != cmd.Arity) || len(args) < -cmd.Arity {
		cmd.rejected.Add(1)
		e.stats.rejectedCalls.Add(1)
		c.W.Error(errArity(cmd.Name))
		e.afterReply(c, mark)
		return
	}
	if !c.authenticated && cmd.Flags&FlagNoAuth == 0 {
		if e.cfg.RequirePass() != "" {
			cmd.rejected.Add(1)
			e.stats.rejectedCalls.Add(1)
			c.W.Error(errNoAuth)
			e.afterReply(c, mark)
			return
		}
		c.authenticated = true
	}
	if e.clients.monitor.Load() > 0 && c.info.monitor.Load() &&
		cmd.Flags&(FlagMayReplicate|FlagWrite|FlagReadonly) != 0 {
		// MONITOR clients are replicas to Redis, kept off the keyspace.
		cmd.rejected.Add(1)
		e.stats.rejectedCalls.Add(1)
		c.W.Error(errMonitorKeyspace)
		e.afterReply(c, mark)
		return
	}
	c.redact = 0
	c.info.lastCmd.Store(cmd)
	c.cmd = cmd
	start := nanotime()
	cmd.Proc(c)
	dur := time.Duration(nanotime() - start)
	us := dur.Microseconds()
	cmd.count(c.ID, us)
	if mark < len(c.W.Buf) && c.W.Buf[mark] == '-' {
		cmd.failed.Add(1)
		e.stats.failedCalls.Add(1)
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
	e.afterReply(c, mark)
	if e.blk.nready.Load() > 0 {
		e.serveReady()
	}
}

// afterReply applies CLIENT REPLY OFF/SKIP by dropping what the command
// wrote.
func (e *Engine) afterReply(c *Client, mark int) {
	if mark < len(c.W.Buf) && c.W.Buf[mark] == '-' {
		e.srv.countError(c.W.Buf[mark+1:])
	}
	if c.replyOff {
		c.W.Buf = c.W.Buf[:mark]
		return
	}
	if c.replySkip {
		c.replySkip = false
		c.W.Buf = c.W.Buf[:mark]
	}
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
