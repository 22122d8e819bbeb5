package engine

import "time"

// WAITAOF numlocal numreplicas timeout (Redis 7.2): wait until the
// client's writes so far are fsynced to the local append-only file (and
// acknowledged by numreplicas replicas, of which Updraft has none: that
// part waits for the timeout). It runs off the event loop and outside the
// world lock (flagOffLoop): it only waits.

func init() {
	register(&Command{Name: "waitaof", Arity: 4, Flags: FlagNoScript | flagOffLoop,
		Cats: CatSlow | CatConnection, Proc: cmdWaitAOF})
}

var _ = addDocs(map[string]*Docs{
	"waitaof": {
		Summary: "Wait for all write commands sent in the context of the current connection to be synchronized to AOF of the local host and/or replicas",
		Since:   "7.2.0", Group: "generic", Complexity: "O(1)",
		Args: []Arg{
			{Name: "numlocal", Type: ArgInteger},
			{Name: "numreplicas", Type: ArgInteger},
			{Name: "timeout", Type: ArgInteger},
		},
	},
})

func cmdWaitAOF(c *Client) {
	numLocal, ok1 := parseInt64(c.Args[1])
	numReplicas, ok2 := parseInt64(c.Args[2])
	timeout, ok3 := parseInt64(c.Args[3])
	switch {
	case !ok1 || !ok2:
		c.W.Error(errNotInt)
		return
	case numLocal < 0 || numReplicas < 0:
		c.W.Error("ERR value is out of range, must be positive")
		return
	case !ok3:
		c.W.Error("ERR timeout is not an integer or out of range")
		return
	case timeout < 0:
		c.W.Error("ERR timeout is negative")
		return
	case c.tx.inMulti:
		c.W.Error("ERR WAITAOF cannot be used in a transaction")
		return
	}
	l := c.e.persist.aof
	if numLocal > 0 && l == nil {
		c.W.Error("ERR WAITAOF cannot be used when numlocal is set but appendonly is disabled.")
		return
	}
	start := time.Now()
	local := int64(0)
	if l != nil && l.SyncTo(c.logSeq) == nil {
		local = 1
	}
	if numReplicas > 0 {
		// No replica will ever acknowledge: wait out the timeout (0 is
		// forever, as in Redis; the connection's goroutine waits, not
		// the event loop).
		if timeout == 0 {
			select {}
		}
		if rest := time.Duration(timeout)*time.Millisecond - time.Since(start); rest > 0 {
			time.Sleep(rest)
		}
	}
	c.W.Array(2)
	c.W.Int(local)
	c.W.Int(0)
}
