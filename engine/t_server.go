package engine

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Server commands that act on the whole server or the connection's session:
// HELLO AUTH RESET TIME LASTSAVE MONITOR MEMORY, and the engine state that
// INFO, CLIENT PAUSE and DEBUG share (serverState).

const errMonitorKeyspace = "ERR Replica can't interact with the keyspace"

func init() {
	connFlags := FlagNoScript | FlagLoading | FlagStale | FlagFast | FlagNoAuth | FlagAllowBusy
	register(
		&Command{Name: "hello", Arity: -1, Flags: connFlags, Cats: CatFast | CatConnection, Proc: cmdHello},
		&Command{Name: "auth", Arity: -2, Flags: connFlags, Cats: CatFast | CatConnection, Proc: cmdAuth},
		&Command{Name: "reset", Arity: 1, Flags: connFlags, Cats: CatFast | CatConnection, Proc: cmdReset},
		&Command{Name: "time", Arity: 1, Flags: FlagLoading | FlagStale | FlagFast, Cats: CatFast, Proc: cmdTime,
			Tips: []string{"nondeterministic_output"}},
		&Command{Name: "lastsave", Arity: 1, Flags: FlagLoading | FlagStale | FlagFast, Cats: CatAdmin | CatFast | CatDangerous, Proc: cmdLastSave,
			Tips: []string{"nondeterministic_output"}},
		&Command{Name: "monitor", Arity: 1, Flags: FlagAdmin | FlagNoScript | FlagLoading | FlagStale, Cats: CatAdmin | CatSlow | CatDangerous, Proc: cmdMonitor},
		&Command{Name: "memory", Arity: -2, Cats: CatSlow, Proc: func(*Client) {}},
	)
	registerSub("memory",
		&Command{Name: "usage", Arity: -3, Flags: FlagReadonly, First: 2, Last: 2, Step: 1, Cats: CatRead | CatSlow, Proc: cmdMemoryUsage},
		&Command{Name: "help", Arity: 2, Flags: FlagLoading | FlagStale, Cats: CatSlow, Proc: cmdMemoryHelp},
		&Command{Name: "purge", Arity: 2, Cats: CatSlow, Proc: cmdMemoryPurge},
	)
}

// serverState is the engine's server-wide state outside the keyspace: ids
// reported by INFO, the ops/sec samples, error counters, CLIENT PAUSE and
// DEBUG switches.
type serverState struct {
	idOnce        sync.Once
	idMu          sync.Mutex
	runID, replID string

	memPeak         atomic.Int64
	activeExpireOff atomic.Bool // DEBUG SET-ACTIVE-EXPIRE 0

	// CLIENT PAUSE: recorded only. Commands are not held back, because
	// holding them would block an event loop; see cmdClientPause.
	pauseEndMs atomic.Int64
	pauseAll   atomic.Bool

	opsMu    sync.Mutex
	opsLast  int64 // total commands at the last sample
	opsLastT int64 // unix ms of the last sample
	opsIdx   int
	opsRing  [statsSamples]int64

	errMu     sync.Mutex
	errCounts map[string]*int64
	errOther  int64 // errors past the errorstats table's size
}

const (
	statsSamples   = 16  // STATS_METRIC_SAMPLES: ops/sec is their mean
	statsPeriodMs  = 100 // a sample every 100 ms, as Redis's serverCron
	errorStatsSize = 128 // ERROR_STATS_NUMBER: distinct error codes tracked
)

// ids returns the run id and replication id, 40 random hex digits each,
// made on first use.
func (s *serverState) ids() (runID, replID string) {
	s.idOnce.Do(func() {
		var b [40]byte
		_, _ = rand.Read(b[:])
		s.runID, s.replID = hex.EncodeToString(b[:20]), hex.EncodeToString(b[20:])
	})
	s.idMu.Lock()
	defer s.idMu.Unlock()
	return s.runID, s.replID
}

// sampleOps records the commands run since the last sample (cron).
func (s *serverState) sampleOps(e *Engine) {
	now := e.clock.unixMs.Load()
	s.opsMu.Lock()
	defer s.opsMu.Unlock()
	if now-s.opsLastT < statsPeriodMs {
		return
	}
	total := e.TotalCommands()
	if s.opsLastT != 0 {
		s.opsRing[s.opsIdx] = (total - s.opsLast) * 1000 / (now - s.opsLastT)
		s.opsIdx = (s.opsIdx + 1) % statsSamples
	}
	s.opsLast, s.opsLastT = total, now
}

// opsPerSec is instantaneous_ops_per_sec.
func (s *serverState) opsPerSec() int64 {
	s.opsMu.Lock()
	defer s.opsMu.Unlock()
	var sum int64
	for _, v := range s.opsRing {
		sum += v
	}
	return sum / statsSamples
}

// countError counts an error reply by its code (the first word) for INFO
// errorstats. msg is the reply after the '-'.
func (s *serverState) countError(msg []byte) {
	n := 0
	for n < len(msg) && msg[n] != ' ' && msg[n] != '\r' {
		n++
	}
	code := msg[:n]
	s.errMu.Lock()
	defer s.errMu.Unlock()
	if p, ok := s.errCounts[string(code)]; ok {
		*p++
		return
	}
	if s.errCounts == nil {
		s.errCounts = map[string]*int64{}
	}
	if len(s.errCounts) >= errorStatsSize {
		s.errOther++
		return
	}
	one := int64(1)
	s.errCounts[string(code)] = &one
}

// errorStats returns the error counts by code and their total.
func (s *serverState) errorStats() (map[string]int64, int64) {
	s.errMu.Lock()
	defer s.errMu.Unlock()
	out := make(map[string]int64, len(s.errCounts))
	total := s.errOther
	for k, p := range s.errCounts {
		out[k] = *p
		total += *p
	}
	return out, total
}

func (s *serverState) resetErrors() {
	s.errMu.Lock()
	s.errCounts, s.errOther = nil, 0
	s.errMu.Unlock()
}

// PauseWait reports how long a command must wait under CLIENT PAUSE: zero
// when it may run now. In ALL mode every command waits; in WRITE mode the
// commands that write or may replicate (Redis's is_may_replicate_command).
// A front end that gets a wait parks the client, stops reading its
// pipeline, and runs the command again once Client.Wake is called
// (CLIENT UNPAUSE) or the wait has passed.
func (e *Engine) PauseWait(c *Client, args [][]byte) time.Duration {
	end := e.srv.pauseEndMs.Load()
	if end == 0 || len(args) == 0 {
		return 0
	}
	left := end - time.Now().UnixMilli()
	if left <= 0 {
		return 0
	}
	if !e.srv.pauseAll.Load() {
		cmd := lookupCommand(args[0])
		if cmd == nil {
			return 0
		}
		if cmd.Sub != nil && len(args) >= 2 {
			if sub := lookupSub(cmd, args[1]); sub != nil {
				cmd = sub
			}
		}
		if cmd.Flags&(FlagWrite|FlagMayReplicate) == 0 {
			return 0
		}
	}
	c.info.paused.Store(true)
	return time.Duration(left) * time.Millisecond
}

// wakePaused resumes every parked client (CLIENT UNPAUSE).
func (e *Engine) wakePaused() {
	for _, cl := range e.clients.list() {
		if cl.info.paused.Swap(false) && cl.Wake != nil {
			cl.Wake()
		}
	}
}

// HELLO [protover [AUTH username password] [SETNAME clientname]]
func cmdHello(c *Client) {
	args := c.Args
	ver := int64(0)
	next := 1
	if len(args) >= 2 {
		v, ok := parseInt64(args[1])
		if !ok {
			c.W.Error("ERR Protocol version is not an integer or out of range")
			return
		}
		if v < 2 || v > 3 {
			c.W.Error("NOPROTO unsupported protocol version")
			return
		}
		ver, next = v, 2
	}
	var user, pass, name []byte
	for j := next; j < len(args); j++ {
		more := len(args) - 1 - j
		switch {
		case eqFold(args[j], "auth") && more >= 2:
			c.redactArg(j + 1)
			c.redactArg(j + 2)
			user, pass = args[j+1], args[j+2]
			j += 2
		case eqFold(args[j], "setname") && more >= 1:
			name = args[j+1]
			j++
		default:
			c.W.Error("ERR Syntax error in HELLO option '" + string(args[j]) + "'")
			return
		}
	}
	if user != nil && !c.authenticate(user, pass) {
		return
	}
	if !c.authenticated && c.e.cfg.RequirePass() == "" {
		c.authenticated = true
	}
	if !c.authenticated {
		c.W.Error("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time")
		return
	}
	if name != nil && !c.setName(name) {
		return
	}
	if ver != 0 {
		c.setProto(int(ver))
	}
	c.W.Map(7)
	c.W.BulkString("server")
	c.W.BulkString("redis")
	c.W.BulkString("version")
	c.W.BulkString(c.e.opts.Version)
	c.W.BulkString("proto")
	c.W.Int(int64(c.W.Proto))
	c.W.BulkString("id")
	c.W.Int(c.ID)
	c.W.BulkString("mode")
	c.W.BulkString("standalone")
	c.W.BulkString("role")
	c.W.BulkString("master")
	c.W.BulkString("modules")
	c.W.Array(0)
}

// setProto switches the client's protocol version.
func (c *Client) setProto(v int) {
	c.W.Proto = v
	c.info.resp.Store(int32(v))
}

// redactArg hides argument i from MONITOR and the slow log.
func (c *Client) redactArg(i int) {
	if i < 64 {
		c.redact |= 1 << uint(i)
	}
}

// authenticate checks a username and password against the default user
// (the only user until ACLs exist) and replies with the error on failure.
func (c *Client) authenticate(user, pass []byte) bool {
	want := c.e.cfg.RequirePass()
	if string(user) == "default" && (want == "" || string(pass) == want) {
		c.authenticated = true
		return true
	}
	c.W.Error(errInvalidPass)
	return false
}

// AUTH [username] password
func cmdAuth(c *Client) {
	if len(c.Args) > 3 {
		c.W.Error(errSyntax)
		return
	}
	c.redactArg(1)
	user, pass := []byte("default"), c.Args[1]
	if len(c.Args) == 2 {
		if c.e.cfg.RequirePass() == "" {
			c.W.Error(errNoPassSet)
			return
		}
	} else {
		user, pass = c.Args[1], c.Args[2]
		c.redactArg(2)
	}
	if c.authenticate(user, pass) {
		c.W.OK()
	}
}

// resetHooks clear per-connection state owned by other files (transactions,
// subscriptions) on RESET; they register in their init functions.
var resetHooks []func(c *Client)

// RESET
func cmdReset(c *Client) {
	c.clearConnectionState()
	c.W.Simple("RESET")
}

// clearConnectionState returns the session to a fresh connection's state,
// as Redis's clearClientConnectionState; lib-name and lib-ver stay.
func (c *Client) clearConnectionState() {
	c.stopMonitor()
	c.selectDB(0)
	c.setProto(2)
	c.authenticated = c.e.cfg.RequirePass() == ""
	for _, f := range resetHooks {
		f(c)
	}
	c.info.mu.Lock()
	c.info.name = ""
	c.info.mu.Unlock()
	c.replyOff, c.replySkipNext = false, false
	c.noEvict, c.noTouch = false, false
	c.info.flags.And(^uint32(clientFlagNoEvict | clientFlagNoTouch))
}

// stopMonitor takes the client out of MONITOR mode.
func (c *Client) stopMonitor() {
	if c.info.monitor.Swap(false) {
		c.e.clients.monitor.Add(-1)
	}
}

// TIME
func cmdTime(c *Client) {
	now := time.Now()
	c.W.Array(2)
	c.W.BulkInt(now.Unix())
	c.W.BulkInt(int64(now.Nanosecond() / 1000))
}

// LASTSAVE
func cmdLastSave(c *Client) { c.W.Int(c.e.lastSave.Load()) }

// MONITOR. A second MONITOR is ignored without a reply, as in Redis.
func cmdMonitor(c *Client) {
	if c.info.monitor.Load() {
		return
	}
	c.info.monitor.Store(true)
	c.e.clients.monitor.Add(1)
	c.W.OK()
}

// MEMORY USAGE key [SAMPLES count]
func cmdMemoryUsage(c *Client) {
	args := c.Args
	for j := 3; j < len(args); j++ {
		if eqFold(args[j], "samples") && j+1 < len(args) {
			n, ok := parseInt64(args[j+1])
			if !ok {
				c.W.Error(errNotInt)
				return
			}
			if n < 0 {
				c.W.Error(errSyntax)
				return
			}
			j++
			continue
		}
		c.W.Error(errSyntax)
		return
	}
	key := args[2]
	sh, d, h32 := c.lockKey(key)
	h := c.lookupMode(sh, d, key, h32, lookNoTouch)
	if h == 0 {
		sh.mu.Unlock()
		c.W.Null()
		return
	}
	n := sh.recordUsage(sh.rec(h))
	sh.mu.Unlock()
	c.W.Int(n)
}

var memoryHelp = []string{
	"MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
	"DOCTOR",
	"    Return memory problems reports.",
	"MALLOC-STATS",
	"    Return internal statistics report from the memory allocator.",
	"PURGE",
	"    Attempt to purge dirty pages for reclamation by the allocator.",
	"STATS",
	"    Return information about the memory usage of the server.",
	"USAGE <key> [SAMPLES <count>]",
	"    Return memory in bytes used by <key> and its value. Nested values are",
	"    sampled up to <count> times (default: 5, 0 means sample all).",
}

func cmdMemoryHelp(c *Client) { c.replyHelp(memoryHelp) }

// replyHelp sends a HELP reply: the lines as status replies, then Redis's
// closing "HELP" lines.
func (c *Client) replyHelp(lines []string) {
	c.W.Array(len(lines) + 2)
	for _, l := range lines {
		c.W.Simple(l)
	}
	c.W.Simple("HELP")
	c.W.Simple("    Prints this help.")
}

// errSubcommandSyntax is Redis's addReplySubcommandSyntaxError.
func errSubcommandSyntax(sub []byte, parent string) string {
	return "ERR unknown subcommand or wrong number of arguments for '" + string(cString(truncate(sub, 128))) + "'. Try " + parent + " HELP."
}

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }

// changeReplID gives the engine a new replication id (DEBUG
// CHANGE-REPL-ID).
func (s *serverState) changeReplID() {
	s.ids()
	var b [20]byte
	_, _ = rand.Read(b[:])
	s.idMu.Lock()
	s.replID = hex.EncodeToString(b[:])
	s.idMu.Unlock()
}
