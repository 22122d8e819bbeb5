package engine

// Blocking list commands: BLPOP, BRPOP, BLMPOP, BLMOVE and BRPOPLPUSH. Each
// first tries what its non-blocking twin does; when every list is empty it
// blocks on its keys (blocking.go) and is run again, on the writer's
// goroutine, when a push makes one of them ready. Run again, it looks only
// at the key that became ready, as Redis's serveClientsBlockedOnKey does.

func init() {
	const cats = CatWrite | CatList | CatSlow | CatBlocking
	register(
		&Command{Name: "blpop", Arity: -3, Flags: FlagWrite | FlagNoScript | FlagBlocking, First: 1, Last: -2, Step: 1,
			Cats: cats, Proc: func(c *Client) { c.blockingPop(false) }},
		&Command{Name: "brpop", Arity: -3, Flags: FlagWrite | FlagNoScript | FlagBlocking, First: 1, Last: -2, Step: 1,
			Cats: cats, Proc: func(c *Client) { c.blockingPop(true) }},
		&Command{Name: "blmpop", Arity: -5, Flags: FlagWrite | FlagBlocking | FlagMovableKeys, KeysProc: numKeysAt(2),
			Cats: cats, Proc: cmdBLMPop},
		&Command{Name: "blmove", Arity: 6, Flags: FlagWrite | FlagDenyOOM | FlagNoScript | FlagBlocking, First: 1, Last: 2, Step: 1,
			Cats: cats, Proc: cmdBLMove},
		&Command{Name: "brpoplpush", Arity: 4, Flags: FlagWrite | FlagDenyOOM | FlagNoScript | FlagBlocking, First: 1, Last: 2, Step: 1,
			Cats: cats, Proc: cmdBRPopLPush},
	)
}

// replyTimedOut is the reply of a blocking list command that times out, or
// of a pop that may not block (inside MULTI).
func replyTimedOut(c *Client) { c.W.NullArray() }

// retryKeys narrows keys to the one that became ready when the client is
// run again by the blocking machinery.
func (c *Client) retryKeys(keys [][]byte) [][]byte {
	if !c.blk.retrying {
		return keys
	}
	for _, k := range keys {
		if string(k) == c.blk.readyKey {
			return [][]byte{k}
		}
	}
	return keys
}

// blockingPop is BLPOP and BRPOP: key [key ...] timeout.
func (c *Client) blockingPop(tail bool) {
	deadline, msg := c.parseTimeout(c.Args[len(c.Args)-1], true)
	if msg != "" {
		c.W.Error(msg)
		return
	}
	keys := c.Args[1 : len(c.Args)-1]
	if c.popFirst(c.retryKeys(keys), tail, -1) {
		return
	}
	c.block(keys, deadline, nil, replyTimedOut)
}

// BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]
func cmdBLMPop(c *Client) {
	keys, tail, count, ok := c.parseMPop(2)
	if !ok {
		return
	}
	deadline, msg := c.parseTimeout(c.Args[1], true)
	if msg != "" {
		c.W.Error(msg)
		return
	}
	if c.popFirst(c.retryKeys(keys), tail, count) {
		return
	}
	c.block(keys, deadline, nil, replyTimedOut)
}

// BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout
func cmdBLMove(c *Client) {
	from, ok := c.parseWhere(c.Args[3])
	if !ok {
		return
	}
	to, ok := c.parseWhere(c.Args[4])
	if !ok {
		return
	}
	c.blockingMove(c.Args[5], from, to)
}

// BRPOPLPUSH source destination timeout
func cmdBRPopLPush(c *Client) { c.blockingMove(c.Args[3], true, false) }

// blockingMove is BLMOVE and BRPOPLPUSH after their ends are parsed.
func (c *Client) blockingMove(timeout []byte, from, to bool) {
	deadline, msg := c.parseTimeout(timeout, true)
	if msg != "" {
		c.W.Error(msg)
		return
	}
	if c.listMove(from, to) {
		return
	}
	if c.noBlock {
		// Redis answers a plain null here, and a null array on timeout.
		c.W.Null()
		return
	}
	c.block(c.Args[1:2], deadline, nil, replyTimedOut)
}
