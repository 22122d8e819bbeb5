package engine

import (
	"math"
	"sync"
	"time"
)

// Busy scripts. A script holds the whole world lock while it runs, so a
// command of another client cannot simply wait for its stripe: once the
// script has run longer than busy-reply-threshold (lua-time-limit), Redis
// answers BUSY to everything but the few commands flagged allow-busy
// (SCRIPT KILL, FUNCTION KILL, SHUTDOWN NOSAVE...), which run at once
// without the lock. An event loop therefore waits for the world lock at
// most until the threshold passes.

// registerScriptParams adds busy-reply-threshold to the registry.
func (c *Config) registerScriptParams() {
	c.busyReplyMs.Store(5000)
	c.Register(Param{Name: "busy-reply-threshold", Aliases: []string{"lua-time-limit"},
		Get: func() string { return itoa(c.busyReplyMs.Load()) },
		Set: func(v string) error {
			n, err := parseIntParam(v, 0, math.MaxInt64)
			if err == nil {
				c.busyReplyMs.Store(n)
			}
			return err
		}})
}

// scriptBusy returns the running script when it has passed the threshold.
func (e *Engine) scriptBusy() *scriptRun {
	r := e.scripts.run.Load()
	if r == nil {
		return nil
	}
	if nanotime()-r.start < e.cfg.busyReplyMs.Load()*int64(time.Millisecond) {
		return nil
	}
	return r
}

// busyReply answers a command refused because a script is busy.
func (e *Engine) busyReply(c *Client, cmd *Command, r *scriptRun, mark int) {
	e.reject(c, cmd, busyText(r), mark)
}

// busyText is the BUSY error while r runs.
func busyText(r *scriptRun) string {
	if r.isEval {
		return "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE."
	}
	return "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE."
}

// tryEnter takes the read lock of stripe id if it is free now.
func (w *world) tryEnter(id int64) (*sync.RWMutex, bool) {
	m := &w.stripes[uint64(id)&(worldStripes-1)].mu
	return m, m.TryRLock()
}

// enterUnlessScript takes the read lock of stripe id, waiting out a
// transaction, but returns nil without waiting while a script holds the
// world lock.
func (e *Engine) enterUnlessScript(id int64) *sync.RWMutex {
	if m, ok := e.world.tryEnter(id); ok {
		return m
	}
	st := &e.scripts
	st.gate.Lock()
	defer st.gate.Unlock()
	if st.holding.Load() {
		return nil
	}
	return e.world.enter(id)
}

// enterOrBusy takes c's stripe of the world lock for cmd, waiting while
// a script or a transaction runs. It returns nil when it answered the
// command itself instead: BUSY, or an allow-busy command run without the
// lock beside a busy script.
func (e *Engine) enterOrBusy(c *Client, cmd *Command, args [][]byte, mark int) *sync.RWMutex {
	for spin := 0; ; spin++ {
		if m := e.enterUnlessScript(c.ID); m != nil {
			return m
		}
		if r := e.scriptBusy(); r != nil {
			if cmd.Flags&FlagAllowBusy == 0 {
				e.busyReply(c, cmd, r, mark)
				return nil
			}
			if cmd.Name == "shutdown" {
				// SHUTDOWN NOSAVE stops even a script that wrote.
				r.killed.Store(true)
				r.vm.cancel()
			}
			e.call(c, cmd, args)
			e.replyMode(c, mark)
			return nil
		}
		if spin < 100 {
			time.Sleep(20 * time.Microsecond)
		} else {
			time.Sleep(time.Millisecond)
		}
	}
}

// lockAllOrBusy takes the whole world lock for EXEC or, when script is
// set, a script, or answers BUSY (false) when a busy script holds it.
// A script's caller calls unlockAllScript when it ends.
func (e *Engine) lockAllOrBusy(c *Client, cmd *Command, script bool, mark int) bool {
	st := &e.scripts
	for {
		st.gate.Lock()
		if !st.holding.Load() {
			st.holding.Store(script)
			e.world.lockAll()
			st.gate.Unlock()
			return true
		}
		st.gate.Unlock()
		if r := e.scriptBusy(); r != nil && cmd.Flags&FlagAllowBusy == 0 {
			e.busyReply(c, cmd, r, mark)
			return false
		}
		time.Sleep(time.Millisecond)
	}
}

// unlockWorld lets go of the world lock lockAllOrBusy took.
func (e *Engine) unlockWorld() {
	e.scripts.holding.Store(false)
	e.world.unlockAll()
}

// stopScript kills the running script, if any, even one that wrote: the
// engine is closing.
func (e *Engine) stopScript() {
	if r := e.scripts.run.Load(); r != nil {
		r.killed.Store(true)
		r.vm.cancel()
	}
}
