package fuzz

import (
	"errors"
	"io"
	"net"
	"os"
	"time"

	"github.com/updraftdb/updraft/internal/resp"
)

// Reply is what a server answered to one command: the raw RESP bytes of one
// reply, or the connection closing (Closed) or staying silent (TimedOut).
// ClosedAfter is set by CheckClosed when the server closed the connection
// right after the reply (QUIT).
type Reply struct {
	Raw         []byte
	Closed      bool
	TimedOut    bool
	ClosedAfter bool
}

// Conn is a raw RESP connection that reads exactly one reply per command.
type Conn struct {
	addr   string
	c      net.Conn
	in     []byte // bytes read but not yet returned
	closed bool
}

// Dial connects to addr.
func Dial(addr string) (*Conn, error) {
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	return &Conn{addr: addr, c: c}, nil
}

// Close closes the connection.
func (c *Conn) Close() error {
	c.closed = true
	return c.c.Close()
}

// Do sends args as one multibulk frame and reads one reply.
func (c *Conn) Do(args [][]byte, timeout time.Duration) Reply {
	return c.DoRaw(EncodeCommand(nil, args), timeout)
}

// DoRaw sends frame as is and reads one reply.
func (c *Conn) DoRaw(frame []byte, timeout time.Duration) Reply {
	if c.closed {
		return Reply{Closed: true}
	}
	_ = c.c.SetWriteDeadline(time.Now().Add(timeout))
	if _, err := c.c.Write(frame); err != nil {
		c.closed = true
		return Reply{Closed: true}
	}
	return c.Read(timeout)
}

// Read reads one reply.
func (c *Conn) Read(timeout time.Duration) Reply {
	deadline := time.Now().Add(timeout)
	var tmp [16 << 10]byte
	for {
		if len(c.in) > 0 {
			_, n, err := resp.ReadReply(c.in)
			if err != nil {
				// Not RESP: return what there is, so the diff shows it.
				r := Reply{Raw: append([]byte(nil), c.in...)}
				c.in = c.in[:0]
				return r
			}
			if n > 0 {
				r := Reply{Raw: append([]byte(nil), c.in[:n]...)}
				c.in = append(c.in[:0], c.in[n:]...)
				return r
			}
		}
		if c.closed {
			r := Reply{Closed: true, Raw: append([]byte(nil), c.in...)}
			c.in = c.in[:0]
			return r
		}
		_ = c.c.SetReadDeadline(deadline)
		n, err := c.c.Read(tmp[:])
		c.in = append(c.in, tmp[:n]...)
		if err != nil {
			if errors.Is(err, os.ErrDeadlineExceeded) {
				return Reply{TimedOut: true, Raw: append([]byte(nil), c.in...)}
			}
			if errors.Is(err, io.EOF) || !isTimeout(err) {
				c.closed = true
			}
		}
	}
}

// CheckClosed waits up to timeout for the server to close the connection,
// with no further bytes, and reports whether it did.
func (c *Conn) CheckClosed(timeout time.Duration) bool {
	if c.closed {
		return len(c.in) == 0
	}
	var tmp [512]byte
	_ = c.c.SetReadDeadline(time.Now().Add(timeout))
	n, err := c.c.Read(tmp[:])
	c.in = append(c.in, tmp[:n]...)
	if err != nil && !isTimeout(err) {
		c.closed = true
	}
	return c.closed && len(c.in) == 0
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// EncodeCommand appends args as a multibulk frame.
func EncodeCommand(dst []byte, args [][]byte) []byte {
	dst = resp.AppendArray(dst, len(args))
	for _, a := range args {
		dst = resp.AppendBulk(dst, a)
	}
	return dst
}
