package engine

import (
	"strconv"
	"time"
)

// Connection commands: PING ECHO SELECT QUIT, and the MONITOR feed.

func init() {
	register(
		&Command{Name: "ping", Arity: -1, Flags: FlagFast, Cats: CatFast | CatConnection, Proc: cmdPing,
			Tips: []string{"request_policy:all_shards", "response_policy:all_succeeded"}},
		&Command{Name: "echo", Arity: 2, Flags: FlagLoading | FlagStale | FlagFast, Cats: CatFast | CatConnection, Proc: cmdEcho},
		&Command{Name: "select", Arity: 2, Flags: FlagLoading | FlagStale | FlagFast, Cats: CatFast | CatConnection, Proc: cmdSelect},
		&Command{Name: "quit", Arity: -1, Flags: FlagNoScript | FlagNoAuth | FlagLoading | FlagStale | FlagFast | FlagAllowBusy, Cats: CatFast | CatConnection, Proc: cmdQuit},
	)
}

func cmdPing(c *Client) {
	if c.ps.n > 0 && c.W.Proto == 2 && len(c.Args) <= 2 {
		// Subscribed mode in RESP2: replies must look like messages.
		c.W.Array(2)
		c.W.BulkString("pong")
		if len(c.Args) == 2 {
			c.W.Bulk(c.Args[1])
		} else {
			c.W.BulkString("")
		}
		return
	}
	switch len(c.Args) {
	case 1:
		c.W.Simple("PONG")
	case 2:
		c.W.Bulk(c.Args[1])
	default:
		c.W.Error(errArity("ping"))
	}
}

func cmdEcho(c *Client) { c.W.Bulk(c.Args[1]) }

func cmdSelect(c *Client) {
	n, e := c.parseDBIndex(c.Args[1])
	if e != "" {
		c.W.Error(e)
		return
	}
	c.selectDB(n)
	c.W.OK()
}

func cmdQuit(c *Client) {
	c.W.OK()
	c.CloseAfterReply = true
}

// feedMonitors sends a command to every client in MONITOR mode, formatted
// as Redis does: +<unix.micro> [<db> <addr>] "arg" "arg"...
func (e *Engine) feedMonitors(c *Client, args [][]byte) {
	now := time.Now()
	b := make([]byte, 0, 64)
	b = append(b, '+')
	b = strconv.AppendInt(b, now.Unix(), 10)
	b = append(b, '.')
	us := now.Nanosecond() / 1000
	b = append(b, []byte(strconv.Itoa(1000000 + us))[1:]...)
	b = append(b, " ["...)
	b = strconv.AppendInt(b, int64(c.DB), 10)
	b = append(b, ' ')
	c.info.mu.Lock()
	b = append(b, c.info.addr...)
	c.info.mu.Unlock()
	b = append(b, ']')
	for i, a := range args {
		if i < 64 && c.redact&(1<<uint(i)) != 0 {
			a = redacted
		}
		b = append(b, ' ')
		b = appendRepr(b, a)
	}
	b = append(b, '\r', '\n')
	for _, m := range e.clients.list() {
		if m.info.monitor.Load() && m.Push != nil {
			m.Push(b)
		}
	}
}

// appendRepr quotes a string as Redis's sdscatrepr does.
func appendRepr(b, s []byte) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for _, ch := range s {
		switch ch {
		case '\\', '"':
			b = append(b, '\\', ch)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		case '\a':
			b = append(b, '\\', 'a')
		case '\b':
			b = append(b, '\\', 'b')
		default:
			if ch >= 0x20 && ch < 0x7f {
				b = append(b, ch)
			} else {
				b = append(b, '\\', 'x', hex[ch>>4], hex[ch&15])
			}
		}
	}
	return append(b, '"')
}
