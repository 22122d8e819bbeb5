package engine

// What stream commands write to the change log, as Redis 7 propagates
// them: XADD with the ID it generated, approximate trims (~, LIMIT) as the
// exact trims that give the same result, and consumer group deliveries and
// claims as XCLAIM ... TIME RETRYCOUNT FORCE JUSTID LASTID per entry (the
// delivery time is absolute), XGROUP SETID ... ENTRIESREAD for the group's
// position and XGROUP CREATECONSUMER for consumers created.

var (
	argXClaim         = []byte("XCLAIM")
	argXAck           = []byte("XACK")
	argXGroup         = []byte("XGROUP")
	argSetID          = []byte("SETID")
	argEntriesRead    = []byte("ENTRIESREAD")
	argCreateConsumer = []byte("CREATECONSUMER")
	argZero           = []byte("0")
	argTime           = []byte("TIME")
	argRetryCount     = []byte("RETRYCOUNT")
	argForce          = []byte("FORCE")
	argJustID         = []byte("JUSTID")
	argLastID         = []byte("LASTID")
	argNoMkStream     = []byte("NOMKSTREAM")
)

// logVerbatim makes the running command log itself although it called no
// modified (stream group commands that only count dirty).
func (c *Client) logVerbatim() {
	if c.e.log != nil {
		c.logChange()
	}
}

// appendTrim appends the exact trim equivalent to a: the threshold is the
// stream's length or first ID after an approximate trim.
func appendTrim(args [][]byte, a *xaddArgs, s *stream, nb []byte) [][]byte {
	switch {
	case a.strategy == trimNone:
		return args
	case a.approx && (a.strategy == trimMaxLen || s.length == 0):
		return append(args, argMaxLen, argEq, appendInt(nb, s.length))
	case a.approx:
		first, _ := s.edgeID(true)
		return append(args, argMinID, argEq, appendStreamID(nb, first))
	case a.strategy == trimMaxLen:
		return append(args, argMaxLen, argEq, appendInt(nb, a.maxLen))
	}
	return append(args, argMinID, argEq, appendStreamID(nb, a.minID))
}

// logXAdd logs XADD with its full ID and an exact trim, when the command
// had a generated or partial ID or an approximate trim.
func (c *Client) logXAdd(a *xaddArgs, s *stream, id streamID) {
	if c.e.log == nil || (a.idGiven && a.seqGiven && !a.approx) {
		return
	}
	var nb, ib [48]byte
	args := make([][]byte, 0, len(c.Args)+4)
	args = append(args, argXAdd, c.Args[1])
	if a.noMkStream {
		args = append(args, argNoMkStream)
	}
	args = appendTrim(args, a, s, nb[:0])
	args = append(args, appendStreamID(ib[:0], id))
	c.logAs(append(args, c.Args[a.idPos+1:]...)...)
}

// logXTrim logs an approximate XTRIM as the exact one.
func (c *Client) logXTrim(a *xaddArgs, s *stream) {
	if c.e.log == nil || !a.approx {
		return
	}
	var nb [48]byte
	var argv [6][]byte
	c.logAs(appendTrim(append(argv[:0], argXTrim, c.Args[1]), a, s, nb[:0])...)
}

// logPending logs the state of pending entry id of group g at key: XCLAIM
// with its owner, delivery time and count, or XACK when it left the PEL.
func (c *Client) logPending(key []byte, g *streamGroup, id streamID) {
	var ib, tb, nb, lb [48]byte
	sid := appendStreamID(ib[:0], id)
	pe := g.pending(id)
	if pe == nil || pe.consumer == nil {
		c.logAs(argXAck, key, g.name, sid)
		return
	}
	c.logAs(argXClaim, key, g.name, pe.consumer.name, argZero, sid,
		argTime, appendInt(tb[:0], pe.deliveryTime), argRetryCount, appendInt(nb[:0], pe.deliveryCount),
		argForce, argJustID, argLastID, appendStreamID(lb[:0], g.lastID))
}

// logClaims logs what XCLAIM or XAUTOCLAIM did: the claimed entries,
// the deleted ones acknowledged, and the group's last ID when LASTID moved
// it without a claim.
func (c *Client) logClaims(key []byte, g *streamGroup, claimed, acked []streamID, lastBefore streamID) {
	if c.e.log == nil {
		return
	}
	for _, id := range acked {
		c.logPending(key, g, id)
	}
	for _, id := range claimed {
		c.logPending(key, g, id)
	}
	if len(claimed) == 0 && g.lastID != lastBefore {
		c.logSetID(key, g)
	}
}

// logSetID logs XGROUP SETID key group last-id ENTRIESREAD n.
func (c *Client) logSetID(key []byte, g *streamGroup) {
	var ib, nb [48]byte
	c.logAs(argXGroup, argSetID, key, g.name, appendStreamID(ib[:0], g.lastID),
		argEntriesRead, appendInt(nb[:0], g.entriesRead))
}

// logConsumerCreated logs XGROUP CREATECONSUMER key group consumer.
func (c *Client) logConsumerCreated(key []byte, g *streamGroup, name []byte) {
	if c.e.log != nil {
		c.logAs(argXGroup, argCreateConsumer, key, g.name, name)
	}
}

// logGroupRead logs what XREADGROUP delivered from key to cons: each
// entry's PEL state (history reads bump delivery counts too), then the
// group's position.
func (c *Client) logGroupRead(key []byte, s *stream, g *streamGroup, cons *streamConsumer, start streamID, count int64, history, noack bool) {
	if c.e.log == nil {
		return
	}
	if history {
		i, _ := cons.pendingIndex(start)
		end := len(cons.pel)
		if count > 0 && int64(end-i) > count {
			end = i + int(count)
		}
		for _, id := range cons.pel[i:end] {
			if _, _, ok := s.find(id); ok {
				c.logPending(key, g, id)
			}
		}
		return
	}
	if !noack {
		it := s.iter(start, g.lastID, false)
		for {
			_, e, ok := it.next()
			if !ok {
				break
			}
			c.logPending(key, g, e.id)
		}
	}
	c.logSetID(key, g)
}
