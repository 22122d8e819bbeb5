package engine

import "math"

// Consumer group commands (Redis's t_stream.c): XGROUP, XACK, XPENDING,
// XCLAIM, XAUTOCLAIM. XREADGROUP is in t_stream_read.go.

func init() {
	x := func(name string, arity int, flags Flags, cats Category, proc func(*Client), tips ...string) *Command {
		return &Command{Name: name, Arity: arity, Flags: flags, First: 1, Last: 1, Step: 1,
			Cats: cats | CatStream, Proc: proc, Tips: tips}
	}
	register(
		x("xack", -4, FlagWrite|FlagFast, CatWrite|CatFast, cmdXAck),
		x("xpending", -3, FlagReadonly, CatRead|CatSlow, cmdXPending, "nondeterministic_output"),
		x("xclaim", -6, FlagWrite|FlagFast, CatWrite|CatFast, cmdXClaim, "nondeterministic_output"),
		x("xautoclaim", -6, FlagWrite|FlagFast, CatWrite|CatFast, cmdXAutoClaim, "nondeterministic_output"),
		&Command{Name: "xgroup", Arity: -2, Cats: CatSlow, Proc: cmdXGroupUnknown},
	)
	sub := func(name string, arity int, flags Flags, cats Category) *Command {
		return &Command{Name: name, Arity: arity, Flags: flags, First: 2, Last: 2, Step: 1,
			Cats: cats | CatStream, Proc: cmdXGroup}
	}
	registerSub("xgroup",
		sub("create", -5, FlagWrite|FlagDenyOOM, CatWrite|CatSlow),
		sub("setid", -5, FlagWrite, CatWrite|CatSlow),
		sub("destroy", 4, FlagWrite, CatWrite|CatSlow),
		sub("createconsumer", 5, FlagWrite|FlagDenyOOM, CatWrite|CatSlow),
		sub("delconsumer", 5, FlagWrite, CatWrite|CatSlow),
		&Command{Name: "help", Arity: 2, Flags: FlagLoading | FlagStale, Cats: CatStream | CatSlow,
			Proc: cmdXGroupHelp},
	)
}

var xgroupHelp = []string{
	"XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
	"CREATE <key> <groupname> <id|$> [option]",
	"    Create a new consumer group. Options are:",
	"    * MKSTREAM",
	"      Create the empty stream if it does not exist.",
	"    * ENTRIESREAD entries_read",
	"      Set the group's entries_read counter (internal use).",
	"CREATECONSUMER <key> <groupname> <consumer>",
	"    Create a new consumer in the specified group.",
	"DELCONSUMER <key> <groupname> <consumer>",
	"    Remove the specified consumer.",
	"DESTROY <key> <groupname>",
	"    Remove the specified group.",
	"SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
	"    Set the current group ID and entries_read counter.",
}

func cmdXGroupHelp(c *Client) { c.replyHelp(xgroupHelp) }

func cmdXGroupUnknown(c *Client) { c.W.Error(errSubcommandSyntax(c.Args[1], "XGROUP")) }

// errNoGroupFor is XGROUP's and XINFO's error for a missing group.
func errNoGroupFor(key, group []byte) string {
	return "NOGROUP No such consumer group '" + string(cString(group)) + "' for key name '" + string(cString(key)) + "'"
}

// errNoKeyGroup is the error of commands that need key and group.
func errNoKeyGroup(key, group []byte) string {
	return "NOGROUP No such key '" + string(cString(key)) + "' or consumer group '" + string(cString(group)) + "'"
}

// XGROUP CREATE|SETID|DESTROY|CREATECONSUMER|DELCONSUMER key group ...
func cmdXGroup(c *Client) {
	args := c.Args
	opt := args[1]
	mkstream := false
	entriesRead := int64(streamInvalidRead)
	isCreate, isSetID := eqFold(opt, "create"), eqFold(opt, "setid")
	for i := 5; i < len(args); {
		switch {
		case isCreate && eqFold(args[i], "mkstream"):
			mkstream = true
			i++
		case (isCreate || isSetID) && eqFold(args[i], "entriesread") && i+1 < len(args):
			n, ok := parseInt64(args[i+1])
			if !ok {
				c.W.Error(errNotInt)
				return
			}
			if n < 0 && n != streamInvalidRead {
				c.W.Error("ERR value for ENTRIESREAD must be positive or -1")
				return
			}
			entriesRead = n
			i += 2
		default:
			c.W.Error(errSubcommandSyntax(opt, "XGROUP"))
			return
		}
	}
	key, name := args[2], args[3]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := c.lookupStream(sh, d, key, h32, false)
	if !ok {
		return
	}
	var g *streamGroup
	if !mkstream {
		if h == 0 {
			c.W.Error("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.")
			return
		}
		g = s.group(name)
		if g == nil && !isCreate && !eqFold(opt, "destroy") {
			c.W.Error(errNoGroupFor(key, name))
			return
		}
	} else if h != 0 {
		g = s.group(name)
	}
	switch {
	case isCreate && len(args) <= 8:
		var id streamID
		if len(args[4]) == 1 && args[4][0] == '$' {
			if h != 0 {
				id = s.lastID
			}
		} else if id, ok = c.streamIDArg(args[4]); !ok {
			return
		}
		if h == 0 {
			s = &stream{}
			h = sh.addObject(d, key, h32, s, c.e.lruClock())
			c.modified(key)
		}
		if !s.addGroup(name, id, entriesRead) {
			c.W.Error("BUSYGROUP Consumer Group name already exists")
			return
		}
		sh.objectChanged(h)
		c.e.dirty.Add(1)
		c.logVerbatim()
		c.W.OK()
	case isSetID && (len(args) == 5 || len(args) == 7):
		var id streamID
		if len(args[4]) == 1 && args[4][0] == '$' {
			id = s.lastID
		} else if id, ok = parseStreamID(args[4], 0, false, nil); !ok {
			c.W.Error(errStreamID)
			return
		}
		g.lastID, g.entriesRead = id, entriesRead
		c.e.dirty.Add(1)
		c.logVerbatim()
		c.W.OK()
	case eqFold(opt, "destroy") && len(args) == 4:
		if g == nil {
			c.W.Int(0)
			return
		}
		s.delGroup(name)
		sh.objectChanged(h)
		c.e.dirty.Add(1)
		c.logVerbatim()
		c.W.Int(1)
		c.ready(key) // blocked XREADGROUPs get -NOGROUP
	case eqFold(opt, "createconsumer") && len(args) == 5:
		if g.addConsumer(args[4], c.now()) == nil {
			c.W.Int(0)
			return
		}
		c.e.dirty.Add(1)
		c.logVerbatim()
		c.W.Int(1)
	case eqFold(opt, "delconsumer") && len(args) == 5:
		n := g.delConsumer(args[4])
		if n < 0 {
			c.W.Int(0)
			return
		}
		sh.objectChanged(h)
		c.e.dirty.Add(1)
		c.logVerbatim()
		c.W.Int(n)
	default:
		c.W.Error(errSubcommandSyntax(opt, "XGROUP"))
	}
}

// XACK key group id [id ...]
func cmdXAck(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := c.lookupStream(sh, d, key, h32, true)
	if !ok {
		return
	}
	var g *streamGroup
	if h != 0 {
		g = s.group(c.Args[2])
	}
	if g == nil {
		c.W.Int(0)
		return
	}
	ids := make([]streamID, 0, len(c.Args)-3)
	for _, a := range c.Args[3:] {
		id, ok := c.streamIDArg(a)
		if !ok {
			return
		}
		ids = append(ids, id)
	}
	var n int64
	for _, id := range ids {
		if g.ack(id) {
			n++
		}
	}
	if n > 0 {
		c.e.dirty.Add(n)
		sh.objectChanged(h)
		c.logVerbatim()
	}
	c.W.Int(n)
}

// XPENDING key group [[IDLE min-idle-time] start end count [consumer]]
func cmdXPending(c *Client) {
	args := c.Args
	key, name := args[1], args[2]
	summary := len(args) == 3
	if !summary && (len(args) < 6 || len(args) > 9) {
		c.W.Error(errSyntax)
		return
	}
	var start, end streamID
	var count, minIdle int64
	var consumerName []byte
	if !summary {
		si := 3
		if eqFold(args[3], "idle") {
			n, ok := parseInt64(args[4])
			if !ok {
				c.W.Error(errNotInt)
				return
			}
			minIdle = n
			if len(args) < 8 {
				c.W.Error(errSyntax)
				return
			}
			si += 2
		}
		n, ok := parseInt64(args[si+2])
		if !ok {
			c.W.Error(errNotInt)
			return
		}
		count = max(n, 0)
		var excl bool
		if start, excl, ok = parseIntervalID(args[si], 0); !ok {
			c.W.Error(errStreamID)
			return
		}
		if excl {
			if start, ok = start.incr(); !ok {
				c.W.Error("ERR invalid start ID for the interval")
				return
			}
		}
		if end, excl, ok = parseIntervalID(args[si+1], math.MaxUint64); !ok {
			c.W.Error(errStreamID)
			return
		}
		if excl {
			if end, ok = end.decr(); !ok {
				c.W.Error("ERR invalid end ID for the interval")
				return
			}
		}
		if si+3 < len(args) {
			consumerName = args[si+3]
		}
	}
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := c.lookupStream(sh, d, key, h32, true)
	if !ok {
		return
	}
	var g *streamGroup
	if h != 0 {
		g = s.group(name)
	}
	if g == nil {
		c.W.Error(errNoKeyGroup(key, name))
		return
	}
	if summary {
		c.W.Array(4)
		c.W.Int(int64(len(g.pel)))
		if len(g.pel) == 0 {
			c.W.Null()
			c.W.Null()
			c.W.NullArray()
			return
		}
		c.replyStreamID(g.pel[0].id)
		c.replyStreamID(g.pel[len(g.pel)-1].id)
		n := 0
		for _, cs := range g.consumers {
			if len(cs.pel) > 0 {
				n++
			}
		}
		c.W.Array(n)
		for _, cs := range g.consumers {
			if len(cs.pel) > 0 {
				c.W.Array(2)
				c.W.Bulk(cs.name)
				c.W.BulkInt(int64(len(cs.pel)))
			}
		}
		return
	}
	var cons *streamConsumer
	if consumerName != nil {
		if cons = g.consumer(consumerName); cons == nil {
			c.W.Array(0)
			return
		}
	}
	now := c.now()
	// Collect first (the array header comes before the entries).
	var out []*pendingEntry
	visit := func(pe *pendingEntry) bool {
		if count == 0 || pe.id.cmp(end) > 0 {
			return false
		}
		if minIdle != 0 && now-pe.deliveryTime < minIdle {
			return true
		}
		out = append(out, pe)
		count--
		return true
	}
	if cons != nil {
		i, _ := cons.pendingIndex(start)
		for _, id := range cons.pel[i:] {
			if !visit(g.pending(id)) {
				break
			}
		}
	} else {
		i, _ := g.pendingIndex(start)
		for k := i; k < len(g.pel); k++ {
			if !visit(&g.pel[k]) {
				break
			}
		}
	}
	c.W.Array(len(out))
	for _, pe := range out {
		c.W.Array(4)
		c.replyStreamID(pe.id)
		c.W.Bulk(pe.consumer.name)
		c.W.Int(max(now-pe.deliveryTime, 0))
		c.W.Int(pe.deliveryCount)
	}
}

// replyClaimed writes a claimed entry: its ID (justID) or the entry.
func (c *Client) replyClaimed(s *stream, id streamID, justID bool) {
	if justID {
		c.replyStreamID(id)
		return
	}
	node, e, _ := s.find(id)
	c.replyEntry(node, &e)
}

// XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-time-milliseconds] [RETRYCOUNT count] [FORCE] [JUSTID] [LASTID lastid]
func cmdXClaim(c *Client) {
	args := c.Args
	key, name := args[1], args[2]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := c.lookupStream(sh, d, key, h32, true)
	if !ok {
		return
	}
	var g *streamGroup
	if h != 0 {
		g = s.group(name)
	}
	if g == nil {
		c.W.Error(errNoKeyGroup(key, name))
		return
	}
	minIdle, ok := parseInt64(args[4])
	if !ok {
		c.W.Error("ERR Invalid min-idle-time argument for XCLAIM")
		return
	}
	minIdle = max(minIdle, 0)
	var ids []streamID
	j := 5
	for ; j < len(args); j++ {
		id, ok := parseStreamID(args[j], 0, true, nil)
		if !ok {
			break
		}
		ids = append(ids, id)
	}
	now := c.now()
	retry, delivery := int64(-1), int64(-1)
	force, justID := false, false
	var lastID streamID
	for ; j < len(args); j++ {
		more := len(args) - 1 - j
		opt := args[j]
		var msg string
		switch {
		case eqFold(opt, "force"):
			force = true
		case eqFold(opt, "justid"):
			justID = true
		case eqFold(opt, "idle") && more > 0:
			j++
			n, ok := parseInt64(args[j])
			if !ok {
				msg = "ERR Invalid IDLE option argument for XCLAIM"
				break
			}
			delivery = now - n
		case eqFold(opt, "time") && more > 0:
			j++
			n, ok := parseInt64(args[j])
			if !ok {
				msg = "ERR Invalid TIME option argument for XCLAIM"
				break
			}
			delivery = n
		case eqFold(opt, "retrycount") && more > 0:
			j++
			n, ok := parseInt64(args[j])
			if !ok {
				msg = "ERR Invalid RETRYCOUNT option argument for XCLAIM"
				break
			}
			retry = n
		case eqFold(opt, "lastid") && more > 0:
			j++
			id, ok := parseStreamID(args[j], 0, true, nil)
			if !ok {
				msg = errStreamID
				break
			}
			lastID = id
		default:
			msg = "ERR Unrecognized XCLAIM option '" + string(cString(opt)) + "'"
		}
		if msg != "" {
			c.W.Error(msg)
			return
		}
	}
	lastBefore := g.lastID
	if lastID.cmp(g.lastID) > 0 {
		g.lastID = lastID
	}
	if delivery < 0 || (delivery > now && !c.replaying) {
		delivery = now
	}
	var cons *streamConsumer
	var claimed, acked []streamID
	for _, id := range ids {
		pe := g.pending(id)
		if _, _, exists := s.find(id); !exists {
			if pe != nil {
				g.ack(id)
				acked = append(acked, id)
				c.e.dirty.Add(1)
			}
			continue
		}
		if force && pe == nil {
			i, _ := g.pendingIndex(id)
			g.pel = append(g.pel, pendingEntry{})
			copy(g.pel[i+1:], g.pel[i:])
			g.pel[i] = pendingEntry{id: id, deliveryTime: now, deliveryCount: 1}
			pe = &g.pel[i]
		}
		if pe == nil {
			continue
		}
		if pe.consumer != nil && minIdle != 0 && now-pe.deliveryTime < minIdle {
			continue
		}
		if cons == nil {
			var created bool
			if cons, created = g.lookupOrAddConsumer(args[3], now); created {
				c.e.dirty.Add(1)
			}
			cons.seenTime = now
		}
		if pe.consumer != cons {
			if pe.consumer != nil {
				pe.consumer.delPending(id)
			}
			pe.consumer = cons
			cons.addPending(id)
		}
		pe.deliveryTime = delivery
		if retry >= 0 {
			pe.deliveryCount = retry
		} else if !justID {
			pe.deliveryCount++
		}
		claimed = append(claimed, id)
		c.e.dirty.Add(1)
	}
	sh.objectChanged(h)
	c.logClaims(key, g, claimed, acked, lastBefore)
	c.W.Array(len(claimed))
	for _, id := range claimed {
		c.replyClaimed(s, id, justID)
	}
}

// XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID]
func cmdXAutoClaim(c *Client) {
	args := c.Args
	key, name := args[1], args[2]
	minIdle, ok := parseInt64(args[4])
	if !ok {
		c.W.Error("ERR Invalid min-idle-time argument for XAUTOCLAIM")
		return
	}
	minIdle = max(minIdle, 0)
	start, excl, ok := parseIntervalID(args[5], 0)
	if !ok {
		c.W.Error(errStreamID)
		return
	}
	if excl {
		if start, ok = start.incr(); !ok {
			c.W.Error("ERR invalid start ID for the interval")
			return
		}
	}
	count := int64(100)
	justID := false
	for j := 6; j < len(args); j++ {
		switch {
		case eqFold(args[j], "count") && j+1 < len(args):
			n, ok := parseInt64(args[j+1])
			if !ok || n < 1 {
				c.W.Error("ERR COUNT must be > 0")
				return
			}
			count = n
			j++
		case eqFold(args[j], "justid"):
			justID = true
		default:
			c.W.Error(errSyntax)
			return
		}
	}
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := c.lookupStream(sh, d, key, h32, true)
	if !ok {
		return
	}
	var g *streamGroup
	if h != 0 {
		g = s.group(name)
	}
	if g == nil {
		c.W.Error(errNoKeyGroup(key, name))
		return
	}
	if count > math.MaxInt64/16 {
		c.W.Error("ERR COUNT must be > 0")
		return
	}
	attempts := count * 10
	now := c.now()
	var cons *streamConsumer
	var claimed, deleted []streamID
	i, _ := g.pendingIndex(start)
	for attempts > 0 && count > 0 && i < len(g.pel) {
		attempts--
		pe := &g.pel[i]
		id := pe.id
		if _, _, exists := s.find(id); !exists {
			g.ack(id)
			deleted = append(deleted, id)
			count--
			c.e.dirty.Add(1)
			continue
		}
		i++
		if minIdle != 0 && now-pe.deliveryTime < minIdle {
			continue
		}
		if cons == nil {
			var created bool
			if cons, created = g.lookupOrAddConsumer(args[3], now); created {
				c.e.dirty.Add(1)
			}
			cons.seenTime = now
		}
		g.setOwner(pe, cons)
		pe.deliveryTime = now
		if !justID {
			pe.deliveryCount++
		}
		claimed = append(claimed, id)
		count--
		c.e.dirty.Add(1)
	}
	var next streamID
	if i < len(g.pel) {
		next = g.pel[i].id
	}
	sh.objectChanged(h)
	c.logClaims(key, g, claimed, deleted, g.lastID)
	c.W.Array(3)
	c.replyStreamID(next)
	c.W.Array(len(claimed))
	for _, id := range claimed {
		c.replyClaimed(s, id, justID)
	}
	c.W.Array(len(deleted))
	for _, id := range deleted {
		c.replyStreamID(id)
	}
}
