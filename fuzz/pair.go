package fuzz

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/resp"
	"github.com/updraftdb/updraft/internal/servertest"
	"github.com/updraftdb/updraft/net/server"
)

// Updraft is an in-process Updraft server that can be reset between runs.
type Updraft struct {
	eopts engine.Options
	sopts server.Options
	s     *servertest.Server
}

// StartUpdraft starts an in-process server on a free loopback port.
func StartUpdraft(eopts engine.Options, sopts server.Options) (*Updraft, error) {
	u := &Updraft{eopts: eopts, sopts: sopts}
	var err error
	u.s, err = servertest.Open(eopts, sopts)
	return u, err
}

// Addr is the server's host:port.
func (u *Updraft) Addr() string { return u.s.Addr }

// Restart replaces the server with a fresh one (new engine, new port).
func (u *Updraft) Restart() error {
	_ = u.s.Close()
	var err error
	u.s, err = servertest.Open(u.eopts, u.sopts)
	return err
}

// Close stops the server.
func (u *Updraft) Close() error { return u.s.Close() }

// Pair is the two servers under comparison and the connections of the run
// in progress, by name, each a pair (redis-server, Updraft).
type Pair struct {
	RedisAddr string
	Updraft   *Updraft
	// Proto is the protocol new connections switch to (HELLO 3 when 3).
	Proto int
	// Timeout bounds each reply.
	Timeout time.Duration

	conns  map[string]*[2]*Conn
	writes map[string]bool // CommandKey -> may change state (see MayChangeState)
	// subscribed marks connections that ran a Pub/Sub command: messages
	// may arrive on them between commands (drainPushes).
	subscribed map[string]bool
}

// pubsubCommands may send more than one reply to one command.
var pubsubCommands = map[string]bool{
	"subscribe": true, "unsubscribe": true, "psubscribe": true, "punsubscribe": true,
	"ssubscribe": true, "sunsubscribe": true, "publish": true, "spublish": true,
}

// pushQuiet is how long drainPushes waits for one more message.
const pushQuiet = 50 * time.Millisecond

// drainPushes returns the whole replies that arrive on c until it stays
// quiet for pushQuiet.
func drainPushes(c *Conn) []byte {
	var out []byte
	for {
		r := c.Read(pushQuiet)
		if r.TimedOut || r.Closed {
			return out
		}
		out = append(out, r.Raw...)
	}
}

// NewPair compares the redis-server at redisAddr with u.
func NewPair(redisAddr string, u *Updraft) *Pair {
	return &Pair{RedisAddr: redisAddr, Updraft: u, Proto: 2, Timeout: 5 * time.Second}
}

var flushAll = [][]byte{[]byte("FLUSHALL")}

// Reset empties every database of both servers with FLUSHALL, and closes
// the run's connections. While Updraft lacks FLUSHALL, or answers it with
// anything but +OK, it is restarted instead.
func (p *Pair) Reset() error {
	p.CloseConns()
	for i, addr := range []string{p.RedisAddr, p.Updraft.Addr()} {
		c, err := Dial(addr)
		if err != nil {
			return err
		}
		r := c.Do(flushAll, p.Timeout)
		c.Close()
		if string(r.Raw) == "+OK\r\n" {
			continue
		}
		if i == 0 {
			return fmt.Errorf("redis-server FLUSHALL: %q", r.Raw)
		}
		if err := p.Updraft.Restart(); err != nil {
			return err
		}
	}
	return nil
}

// CloseConns closes the run's connections.
func (p *Pair) CloseConns() {
	for _, cs := range p.conns {
		cs[0].Close()
		cs[1].Close()
	}
	p.conns = nil
	p.subscribed = nil
}

// ErrHello is returned when HELLO 3 does not switch both connections.
var ErrHello = errors.New("HELLO 3 failed")

// conn returns the named connection pair, dialing it (and switching it to
// RESP3 when p.Proto is 3) on first use, or after the servers closed it.
func (p *Pair) conn(name string) (*[2]*Conn, error) {
	if cs := p.conns[name]; cs != nil && !cs[0].closed && !cs[1].closed {
		return cs, nil
	}
	if p.conns == nil {
		p.conns = map[string]*[2]*Conn{}
	}
	if old := p.conns[name]; old != nil {
		old[0].Close()
		old[1].Close()
	}
	var cs [2]*Conn
	for i, addr := range []string{p.RedisAddr, p.Updraft.Addr()} {
		c, err := Dial(addr)
		if err != nil {
			if i == 1 {
				cs[0].Close()
			}
			return nil, err
		}
		cs[i] = c
	}
	p.conns[name] = &cs
	if p.Proto == 3 {
		hello := [][]byte{[]byte("HELLO"), []byte("3")}
		r, u := cs[0].Do(hello, p.Timeout), cs[1].Do(hello, p.Timeout)
		if !Same(Shape, r, u) {
			return nil, fmt.Errorf("%w on connection %s:\n  redis-server:\n%s  updraft:\n%s", ErrHello, name, Show(r), Show(u))
		}
	}
	return &cs, nil
}

// Exec runs one command on the named connection of both servers and
// returns their replies (redis-server's first).
func (p *Pair) Exec(conn string, args [][]byte) (redis, updraft Reply, err error) {
	cs, err := p.conn(conn)
	if err != nil {
		return Reply{}, Reply{}, err
	}
	frame := EncodeCommand(nil, args)
	key := CommandKey(args)
	var early [2][]byte
	if p.subscribed[conn] {
		// Messages published by other connections since the last command
		// come first, as a client would read them.
		early[0], early[1] = drainPushes(cs[0]), drainPushes(cs[1])
	}
	redis, updraft = cs[0].DoRaw(frame, p.Timeout), cs[1].DoRaw(frame, p.Timeout)
	if pubsubCommands[key] && (p.subscribed[conn] || !strings.HasSuffix(key, "publish")) {
		// One reply per channel, and the messages a subscriber publishing
		// receives itself: take everything that follows the first reply.
		if p.subscribed == nil {
			p.subscribed = map[string]bool{}
		}
		p.subscribed[conn] = true
		redis.Raw = append(redis.Raw, drainPushes(cs[0])...)
		updraft.Raw = append(updraft.Raw, drainPushes(cs[1])...)
	}
	redis.Raw = append(early[0], redis.Raw...)
	updraft.Raw = append(early[1], updraft.Raw...)
	if CommandKey(args) == "quit" {
		// The next command must run on a new connection, not meet the
		// closing one; and both must have closed.
		redis.ClosedAfter = cs[0].CheckClosed(time.Second)
		updraft.ClosedAfter = cs[1].CheckClosed(time.Second)
	}
	return redis, updraft, nil
}

// MayChangeState reports whether the command named by key (a CommandKey)
// may change data or connection state, so that the servers can differ after
// one of them failed it: redis-server's COMMAND INFO flags it "write", or it
// is one of the stateful commands. Unknown commands change nothing.
func (p *Pair) MayChangeState(key string) bool {
	if stateful[key] {
		return true
	}
	if w, ok := p.writes[key]; ok {
		return w
	}
	if p.writes == nil {
		p.writes = map[string]bool{}
	}
	w := true // when in doubt
	if c, err := Dial(p.RedisAddr); err == nil {
		r := c.Do([][]byte{[]byte("COMMAND"), []byte("INFO"), []byte(key)}, p.Timeout)
		c.Close()
		if v, n, err := resp.ReadReply(r.Raw); err == nil && n > 0 && len(v.Elems) == 1 {
			info := v.Elems[0]
			switch {
			case info.Null:
				w = false
			case len(info.Elems) > 2:
				w = false
				for _, f := range info.Elems[2].Elems {
					if string(f.Str) == "write" {
						w = true
					}
				}
			}
		}
	}
	p.writes[key] = w
	return w
}
