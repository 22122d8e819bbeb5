package engine

import (
	"encoding/binary"
	"errors"
)

// Propagation: what the engine writes to its change log (the append-only
// log of persistence/aof) so that replaying the log rebuilds the keyspace.
//
// Ordering. A command reserves its log sequence number the first time it
// changes a key (modifiedIn), while it still holds that key's shard lock;
// two commands that touch the same key therefore take their numbers in the
// order they ran, and the log writes records in number order. A record is
// submitted when the top-level command ends, before it leaves the world
// lock, so that a log rewrite started under the world lock sees every
// reserved number submitted.
//
// Content. A record holds the effects of one top-level command: the DELs
// of keys it found expired, then the commands that reproduce its change,
// by default the command itself. Commands whose effect depends on the
// clock or on chance log a deterministic equivalent instead (logAs):
// relative expiry times become absolute (SET ... PXAT, PEXPIREAT), random
// pops become removals of the chosen members, blocking pops their
// non-blocking forms. EXEC and scripts log the effects of the commands they
// ran (a record is all-or-nothing on replay: it carries one checksum), not
// themselves. Keys removed by active expiry get records of their own.
//
// Replay runs the records through the normal command path on a client
// whose clock is stopped at the epoch (replayNow), so that nothing expires
// while the log is read: a key that expired in the original run was
// deleted by a logged DEL at the point where it happened.

// ChangeLog is where the engine writes its changes: persistence/aof's
// Log, or an embedder's own (replication, tests).
type ChangeLog interface {
	// Reserve returns the next sequence number; it never blocks.
	Reserve() uint64
	// Submit hands over the record of a reserved number (possibly
	// empty); rec is copied.
	Submit(seq uint64, rec []byte)
}

// propState is the record a top-level command is building. Scripts run
// their commands on the engine's script client, which shares the caller's
// propState (Client.propTo).
type propState struct {
	rec    []byte // entries of this top-level call
	seq    uint64 // the reserved sequence number, when held
	held   bool
	depth  int    // nesting of calls: EXEC and scripts call commands
	writes uint64 // keys changed (modified calls), for "did it write"
	logged bool   // the running command called logAs
}

// replayNow is the clock of the replay client, in unix ms: no key has
// expired by then, so replay never expires anything.
const replayNow = 1

// prop returns the record c's changes go to.
func (c *Client) prop() *propState {
	if c.propTo != nil {
		return c.propTo
	}
	return &c.pr
}

// reserve takes a sequence number for the record of c's top-level command
// if it has none yet. The caller holds the lock of the key it changes.
func (c *Client) reserve(p *propState) {
	if !p.held {
		p.seq = c.e.log.Reserve()
		p.held = true
	}
}

// logChange notes a change for the log (modifiedIn calls it).
func (c *Client) logChange() {
	p := c.prop()
	p.writes++
	c.reserve(p)
}

// logAs makes the running command log args (in c's database) instead of
// itself; called several times, it logs each command in turn. args are
// copied. Call it after the change is made, under the key's lock.
func (c *Client) logAs(args ...[]byte) {
	if c.e.log == nil {
		return
	}
	p := c.prop()
	p.writes++
	c.reserve(p)
	p.logged = true
	p.rec = appendEntry(p.rec, c.DB, args)
}

// logNothing makes the running command log nothing although it changed
// keys (commands whose change is not data: none today, kept for scripts'
// own bookkeeping).
func (c *Client) logNothing() {
	if c.e.log == nil {
		return
	}
	c.prop().logged = true
}

// logExpired records that c deleted key of database db because it had
// expired: a DEL entry ahead of the command's own.
func (c *Client) logExpired(db int, key []byte) {
	if c.e.log == nil {
		return
	}
	p := c.prop()
	c.reserve(p)
	p.rec = appendEntry(p.rec, db, [][]byte{delName, key})
}

var delName = []byte("DEL")

// procLogged runs cmd's Proc on c and adds its effect to the record:
// args itself when it changed something and did not log otherwise. At
// depth 0 the record is submitted. EXEC and scripts log only what the
// commands they ran logged.
func (e *Engine) procLogged(c *Client, cmd *Command, args [][]byte) {
	if e.log == nil {
		cmd.Proc(c)
		return
	}
	p := c.prop()
	p.depth++
	writes := p.writes
	logged := p.logged
	p.logged = false
	cmd.Proc(c)
	if p.writes != writes && !p.logged && !logsEffects(cmd) {
		p.rec = appendEntry(p.rec, c.DB, args)
	}
	p.logged = logged
	p.depth--
	if p.depth == 0 && p.held {
		e.log.Submit(p.seq, p.rec)
		c.logSeq = p.seq
		p.rec = p.rec[:0]
		p.held = false
	}
}

// logsEffects reports whether cmd logs the commands it runs rather than
// itself: EXEC and the scripting commands.
func logsEffects(cmd *Command) bool {
	return cmd == execCmd || runsAlone(cmd)
}

// logDeleted writes the record of a key removed by background work (active
// expiry) under its shard lock, in a record of its own. buf is the
// caller's scratch buffer, returned for reuse.
func (e *Engine) logDeleted(buf []byte, db int, key []byte) []byte {
	if e.log == nil {
		return buf
	}
	seq := e.log.Reserve()
	buf = appendEntry(buf[:0], db, [][]byte{delName, key})
	e.log.Submit(seq, buf)
	return buf
}

// An entry of a record is uvarint(db) uvarint(argc) then, per argument,
// uvarint(len) and the bytes.
func appendEntry(dst []byte, db int, args [][]byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(db))
	dst = binary.AppendUvarint(dst, uint64(len(args)))
	for _, a := range args {
		dst = binary.AppendUvarint(dst, uint64(len(a)))
		dst = append(dst, a...)
	}
	return dst
}

var errBadRecord = errors.New("malformed log record")

// AttachLog makes the engine write every change to l from now on; call it
// before traffic starts (the server does once the log is loaded).
func (e *Engine) AttachLog(l ChangeLog) { e.log = l }

// Replayer applies log records to an engine, in order, on a client of its
// own whose clock is stopped (nothing expires during replay).
type Replayer struct {
	e         *Engine
	c         *Client
	argv      [][]byte
	Errors    int64 // entries that answered an error
	LastError string
}

// NewReplayer returns a replayer for e. The engine must not write to a
// log meanwhile (attach it after the replay).
func (e *Engine) NewReplayer() *Replayer {
	c := &Client{e: e, ID: -2, authenticated: true, noBlock: true, replaying: true}
	c.info.user = "default"
	c.info.kind = "normal"
	c.W.Proto = 2
	return &Replayer{e: e, c: c}
}

// Do runs one command on the replayer's client (clock stopped: nothing
// expires) and returns its RESP2 reply, valid until the next call: tests
// compare keyspaces with it, expired-but-present keys included.
func (r *Replayer) Do(args ...[]byte) []byte {
	r.c.W.Buf = r.c.W.Buf[:0]
	r.e.Exec(r.c, args)
	return r.c.W.Buf
}

// Replay applies one record. A malformed record is an error; a command
// that answers an error is counted (Redis goes on loading too).
func (r *Replayer) Replay(rec []byte) error {
	c := r.c
	return decodeEntries(rec, r.argv, func(db int, args [][]byte) error {
		if db >= len(r.e.shards[0].dbs) {
			return errBadRecord
		}
		c.selectDB(db)
		c.W.Buf = c.W.Buf[:0]
		r.e.Exec(c, args)
		if len(c.W.Buf) > 0 && c.W.Buf[0] == '-' {
			r.Errors++
			r.LastError = string(c.W.Buf[1 : len(c.W.Buf)-2])
		}
		return nil
	})
}

// decodeEntries calls fn for each entry of rec; args alias rec and argv
// (reused between entries).
func decodeEntries(rec []byte, argv [][]byte, fn func(db int, args [][]byte) error) error {
	for len(rec) > 0 {
		db, n := binary.Uvarint(rec)
		if n <= 0 || db > 1<<16 {
			return errBadRecord
		}
		rec = rec[n:]
		argc, n := binary.Uvarint(rec)
		if n <= 0 || argc == 0 || argc > uint64(len(rec)) {
			return errBadRecord
		}
		rec = rec[n:]
		argv = argv[:0]
		for range argc {
			l, n := binary.Uvarint(rec)
			if n <= 0 || l > uint64(len(rec)-n) {
				return errBadRecord
			}
			argv = append(argv, rec[n:n+int(l)])
			rec = rec[n+int(l):]
		}
		if err := fn(int(db), argv); err != nil {
			return err
		}
	}
	return nil
}
