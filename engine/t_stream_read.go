package engine

// XREAD and XREADGROUP (Redis's xreadCommand), blocking ones included: a
// read that finds nothing parks the client through c.block, with "$" (and
// "+") resolved in the arguments it will run again; XADD wakes it through
// c.ready.

func init() {
	register(
		&Command{Name: "xread", Arity: -4, Flags: FlagReadonly | FlagBlocking | FlagMovableKeys,
			Cats: CatStream | CatRead | CatSlow | CatBlocking, Proc: cmdXRead, KeysProc: xreadKeys(1)},
		&Command{Name: "xreadgroup", Arity: -7, Flags: FlagWrite | FlagBlocking | FlagMovableKeys,
			Cats: CatStream | CatWrite | CatSlow | CatBlocking, Proc: cmdXReadGroup, KeysProc: xreadKeys(4)},
	)
}

// xreadBlockedCount is Redis's XREAD_BLOCKED_DEFAULT_COUNT: the COUNT of a
// blocked read served without one.
const xreadBlockedCount = 1000

// xreadKeys finds the keys of XREAD (streamsFrom 1) and XREADGROUP (4) as
// Redis 7.0's key spec does: the argument STREAMS searched from
// streamsFrom (the last argument is not looked at), then the first half
// of the arguments after it; when that finds nothing valid, no keys.
func xreadKeys(streamsFrom int) func(args [][]byte, dst []int) []int {
	return func(args [][]byte, dst []int) []int {
		first := 0
		for i := streamsFrom; i < len(args)-1; i++ {
			if eqFold(args[i], "streams") {
				first = i + 1
				break
			}
		}
		if first == 0 {
			return dst
		}
		last := first + (len(args)-first)/2 - 1
		if last >= len(args) || last < first {
			return dst
		}
		for i := first; i <= last; i++ {
			dst = append(dst, i)
		}
		return dst
	}
}

func cmdXRead(c *Client)      { c.xread(false) }
func cmdXReadGroup(c *Client) { c.xread(true) }

// xreadMaxID marks a ">" ID, as in Redis.
var xreadMaxID = maxStreamID

func (c *Client) xread(group bool) {
	args := c.Args
	var (
		deadline     int64
		block        bool
		count        int64
		streamsArg   int
		groupName    []byte
		consumerName []byte
		noack        bool
	)
	for i := 1; i < len(args); i++ {
		more := len(args) - i - 1
		o := args[i]
		switch {
		case eqFold(o, "block") && more > 0:
			i++
			var msg string
			if deadline, msg = c.parseTimeout(args[i], false); msg != "" {
				c.W.Error(msg)
				return
			}
			block = true
		case eqFold(o, "count") && more > 0:
			i++
			n, ok := parseInt64(args[i])
			if !ok {
				c.W.Error(errNotInt)
				return
			}
			count = max(n, 0)
		case eqFold(o, "streams") && more > 0:
			streamsArg = i + 1
			if (len(args)-streamsArg)%2 != 0 {
				c.W.Error("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.")
				return
			}
			i = len(args)
		case eqFold(o, "group") && more >= 2:
			if !group {
				c.W.Error("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.")
				return
			}
			groupName, consumerName = args[i+1], args[i+2]
			i += 2
		case eqFold(o, "noack"):
			if !group {
				c.W.Error("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.")
				return
			}
			noack = true
		default:
			c.W.Error(errSyntax)
			return
		}
	}
	if streamsArg == 0 {
		c.W.Error(errSyntax)
		return
	}
	if group && groupName == nil {
		c.W.Error("ERR Missing GROUP option for XREADGROUP")
		return
	}
	n := (len(args) - streamsArg) / 2
	keys := args[streamsArg : streamsArg+n]
	idArgs := args[streamsArg+n:]
	retrying := c.blk.retrying
	if retrying && count == 0 {
		count = xreadBlockedCount
	}

	ix := c.shardIndexes(keys)
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)

	ids := make([]streamID, n)
	groups := make([]*streamGroup, n)
	var rewritten [][]byte
	for i, key := range keys {
		sh, d, h32 := c.keyInShard(key)
		h, s, ok := c.lookupStream(sh, d, key, h32, true)
		if !ok {
			return
		}
		if group {
			var g *streamGroup
			if h != 0 {
				g = s.group(groupName)
			}
			if g == nil {
				switch {
				case retrying && h == 0:
					c.W.Error("UNBLOCKED the stream key no longer exists")
				case retrying:
					c.W.Error("NOGROUP the consumer group this client was blocked on no longer exists")
				default:
					c.W.Error("NOGROUP No such key '" + string(key) + "' or consumer group '" + string(groupName) +
						"' in XREADGROUP with GROUP option")
				}
				return
			}
			groups[i] = g
		}
		a := idArgs[i]
		switch {
		case len(a) == 1 && (a[0] == '$' || a[0] == '+'):
			if group {
				c.W.Error("ERR The " + string(a) + " ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The " +
					string(a) + " ID would just return an empty result set.")
				return
			}
			if h != 0 {
				ids[i] = s.lastID
				if a[0] == '+' {
					// Redis 7.4: read from just before the last ID.
					if ids[i], ok = s.lastID.decr(); !ok {
						c.W.Error("ERR the stream last element ID is 0-0")
						return
					}
				}
			}
			if rewritten == nil {
				rewritten = append([][]byte(nil), args...)
			}
			rewritten[streamsArg+n+i] = appendStreamID(nil, ids[i])
		case len(a) == 1 && a[0] == '>':
			if !group {
				c.W.Error("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.")
				return
			}
			ids[i] = xreadMaxID
		default:
			id, ok := c.streamIDArg(a)
			if !ok {
				return
			}
			ids[i] = id
		}
	}

	served := 0
	mark := len(c.W.Buf)
	for i, key := range keys {
		sh, d, h32 := c.keyInShard(key)
		h := sh.find(d, key, h32)
		if h == 0 {
			continue
		}
		s, _ := sh.objectAt(h).(*stream)
		gt := ids[i]
		sync, history := false, false
		var cons *streamConsumer
		if group {
			g := groups[i]
			if gt != xreadMaxID {
				sync, history = true, true
			} else if s.length > 0 {
				if top, _ := s.edgeID(false); top.cmp(g.lastID) > 0 {
					sync = true
					gt = g.lastID
				}
			}
			var created bool
			cons, created = g.lookupOrAddConsumer(consumerName, c.now())
			if created {
				c.e.dirty.Add(1)
				c.logConsumerCreated(key, g, consumerName)
			}
			cons.seenTime = c.now()
		} else if s.length > 0 {
			if top, _ := s.edgeID(false); top.cmp(gt) > 0 {
				sync = true
			}
		}
		if !sync {
			continue
		}
		served++
		if served == 1 {
			// The header goes before the first stream; its count is
			// patched in below once all streams are done.
			c.W.Buf = append(c.W.Buf, xreadHeaderPad...)
		}
		start, _ := gt.incr()
		if !c.W.IsRESP3() {
			c.W.Array(2)
		}
		c.W.Bulk(key)
		if history {
			c.replyConsumerPEL(s, groups[i], cons, start, count)
		} else {
			c.replyGroupRange(s, groups[i], cons, start, count, noack)
		}
		if group {
			c.logGroupRead(key, s, groups[i], cons, start, count, history, noack)
		}
		sh.objectChanged(h)
		if group {
			c.e.dirty.Add(1)
		}
	}
	if served > 0 {
		c.patchXReadHeader(mark, served)
		return
	}
	if block {
		if rewritten == nil {
			rewritten = args
		}
		c.block(keys, deadline, rewritten, func(c *Client) { c.W.NullArray() })
		return
	}
	c.W.NullArray()
}

// xreadHeaderPad reserves room for the reply's top header ("*n\r\n" or
// "%n\r\n"), written once the number of streams served is known.
var xreadHeaderPad = make([]byte, 24)

// patchXReadHeader writes the top array (RESP2) or map (RESP3) header for
// served streams into the room reserved at mark.
func (c *Client) patchXReadHeader(mark, served int) {
	var hdr [24]byte
	h := hdr[:0]
	if c.W.IsRESP3() {
		h = append(h, '%')
	} else {
		h = append(h, '*')
	}
	h = appendInt(h, int64(served))
	h = append(h, '\r', '\n')
	body := c.W.Buf[mark+len(xreadHeaderPad):]
	copy(c.W.Buf[mark:], h)
	copy(c.W.Buf[mark+len(h):], body)
	c.W.Buf = c.W.Buf[:mark+len(h)+len(body)]
}

// replyGroupRange writes the entries after start (at most count, 0: all),
// and for a group (g not nil) delivers them to consumer cons: the group's
// last ID and read counter advance, and unless noack each entry enters the
// PELs, as Redis's streamReplyWithRange.
func (c *Client) replyGroupRange(s *stream, g *streamGroup, cons *streamConsumer, start streamID, count int64, noack bool) {
	it := s.iter(start, maxStreamID, false)
	var n int64
	for count == 0 || n < count {
		if _, _, ok := it.next(); !ok {
			break
		}
		n++
	}
	c.W.Array(int(n))
	it = s.iter(start, maxStreamID, false)
	now := c.now()
	for i := int64(0); i < n; i++ {
		node, e, _ := it.next()
		if g != nil {
			s.delivered(g, e.id)
		}
		c.replyEntry(node, &e)
		if g != nil && !noack {
			if pe := g.pending(e.id); pe != nil {
				g.setOwner(pe, cons)
				pe.deliveryTime, pe.deliveryCount = now, 1
			} else {
				g.addPending(e.id, cons, now, 1)
				s.mem += 48
			}
		}
	}
}

// replyConsumerPEL writes a consumer's pending entries from start on (at
// most count, 0: all), bumping their delivery counts, as Redis's
// streamReplyWithRangeFromConsumerPEL. An entry deleted since is reported
// with a null in place of its fields.
func (c *Client) replyConsumerPEL(s *stream, g *streamGroup, cons *streamConsumer, start streamID, count int64) {
	i, _ := cons.pendingIndex(start)
	end := len(cons.pel)
	if count > 0 && int64(end-i) > count {
		end = i + int(count)
	}
	c.W.Array(end - i)
	now := c.now()
	for _, id := range cons.pel[i:end] {
		node, e, ok := s.find(id)
		if !ok {
			c.W.Array(2)
			c.replyStreamID(id)
			c.W.NullArray()
			continue
		}
		c.replyEntry(node, &e)
		if pe := g.pending(id); pe != nil {
			pe.deliveryTime = now
			pe.deliveryCount++
		}
	}
}
