package engine

import "time"

// XINFO STREAM|GROUPS|CONSUMERS|HELP (Redis's xinfoCommand).

func init() {
	register(&Command{Name: "xinfo", Arity: -2, Cats: CatSlow, Proc: cmdXInfoUnknown})
	sub := func(name string, arity int, tips ...string) *Command {
		return &Command{Name: name, Arity: arity, Flags: FlagReadonly, First: 2, Last: 2, Step: 1,
			Cats: CatStream | CatRead | CatSlow, Proc: cmdXInfo, Tips: tips}
	}
	registerSub("xinfo",
		sub("consumers", 4, "nondeterministic_output"),
		sub("groups", 3),
		sub("stream", -3),
		&Command{Name: "help", Arity: 2, Flags: FlagLoading | FlagStale, Cats: CatStream | CatSlow,
			Proc: cmdXInfoHelp},
	)
}

var xinfoHelp = []string{
	"XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
	"CONSUMERS <key> <groupname>",
	"    Show consumers of <groupname>.",
	"GROUPS <key>",
	"    Show the stream consumer groups.",
	"STREAM <key> [FULL [COUNT <count>]",
	"    Show information about the stream.",
}

func cmdXInfoHelp(c *Client) { c.replyHelp(xinfoHelp) }

func cmdXInfoUnknown(c *Client) { c.W.Error(errSubcommandSyntax(c.Args[1], "XINFO")) }

func cmdXInfo(c *Client) {
	opt, key := c.Args[1], c.Args[2]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := c.lookupStream(sh, d, key, h32, true)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Error(errNoSuchKey)
		return
	}
	switch {
	case eqFold(opt, "consumers"):
		g := s.group(c.Args[3])
		if g == nil {
			c.W.Error(errNoGroupFor(key, c.Args[3]))
			return
		}
		now := time.Now().UnixMilli()
		c.W.Array(len(g.consumers))
		for _, cs := range g.consumers {
			c.W.Map(3)
			c.W.BulkString("name")
			c.W.Bulk(cs.name)
			c.W.BulkString("pending")
			c.W.Int(int64(len(cs.pel)))
			c.W.BulkString("idle")
			c.W.Int(max(now-cs.seenTime, 0))
		}
	case eqFold(opt, "groups"):
		c.W.Array(len(s.groups))
		for _, g := range s.groups {
			c.W.Map(6)
			c.W.BulkString("name")
			c.W.Bulk(g.name)
			c.W.BulkString("consumers")
			c.W.Int(int64(len(g.consumers)))
			c.W.BulkString("pending")
			c.W.Int(int64(len(g.pel)))
			c.W.BulkString("last-delivered-id")
			c.replyStreamID(g.lastID)
			c.replyGroupCounters(s, g)
		}
	default:
		c.xinfoStream(s)
	}
}

// replyGroupCounters writes a group's entries-read and lag fields.
func (c *Client) replyGroupCounters(s *stream, g *streamGroup) {
	c.W.BulkString("entries-read")
	if g.entriesRead != streamInvalidRead {
		c.W.Int(g.entriesRead)
	} else {
		c.W.Null()
	}
	c.W.BulkString("lag")
	if lag, ok := s.lag(g); ok {
		c.W.Int(lag)
	} else {
		c.W.Null()
	}
}

// raxNodes estimates the node count of Redis's radix tree holding the
// stream's node keys (XINFO's radix-tree-nodes): the tree of 16-byte
// big-endian IDs, with chains of single children compressed.
func (s *stream) raxNodes() int64 {
	if len(s.nodes) == 0 {
		return 1
	}
	keys := make([][16]byte, len(s.nodes))
	for i, n := range s.nodes {
		for b := 0; b < 8; b++ {
			keys[i][b] = byte(n.master.ms >> (56 - 8*b))
			keys[i][8+b] = byte(n.master.seq >> (56 - 8*b))
		}
	}
	return raxCount(keys, 0)
}

// raxCount counts the nodes of a compressed radix tree over sorted keys
// sharing their first depth bytes, as Redis's rax builds it: a node with
// one child and no key absorbs the chain below it (a compressed node), and
// each key ends in a node of its own.
func raxCount(keys [][16]byte, depth int) int64 {
	if depth == 16 {
		return 1 // the key's leaf node
	}
	if len(keys) == 1 {
		return 2 // a compressed node with the rest, then the leaf
	}
	// Skip the bytes all keys share: one compressed node.
	d := depth
	for d < 16 && keys[0][d] == keys[len(keys)-1][d] {
		d++
	}
	n := int64(0)
	if d > depth {
		n++ // the compressed node holding the shared bytes
	}
	n++ // the branching node at d
	for i := 0; i < len(keys); {
		j := i
		for j < len(keys) && keys[j][d] == keys[i][d] {
			j++
		}
		n += raxCount(keys[i:j], d+1)
		i = j
	}
	return n
}

// xinfoStream is XINFO STREAM key [FULL [COUNT count]].
func (c *Client) xinfoStream(s *stream) {
	opts := c.Args[3:]
	full := len(opts) > 0
	count := int64(10)
	if full {
		if (len(opts) != 1 && len(opts) != 3) || !eqFold(opts[0], "full") ||
			(len(opts) == 3 && !eqFold(opts[1], "count")) {
			c.W.Error(errSubcommandSyntax(c.Args[1], "XINFO"))
			return
		}
		if len(opts) == 3 {
			n, ok := parseInt64(opts[2])
			if !ok {
				c.W.Error(errNotInt)
				return
			}
			count = n
			if count < 0 {
				count = 10
			}
		}
	}
	if full {
		c.W.Map(9)
	} else {
		c.W.Map(10)
	}
	c.W.BulkString("length")
	c.W.Int(s.length)
	c.W.BulkString("radix-tree-keys")
	c.W.Int(int64(len(s.nodes)))
	c.W.BulkString("radix-tree-nodes")
	c.W.Int(s.raxNodes())
	c.W.BulkString("last-generated-id")
	c.replyStreamID(s.lastID)
	c.W.BulkString("max-deleted-entry-id")
	c.replyStreamID(s.maxDeleted)
	c.W.BulkString("entries-added")
	c.W.Int(s.entriesAdded)
	c.W.BulkString("recorded-first-entry-id")
	c.replyStreamID(s.firstID)
	if !full {
		c.W.BulkString("groups")
		c.W.Int(int64(len(s.groups)))
		for _, rev := range []bool{false, true} {
			if rev {
				c.W.BulkString("last-entry")
			} else {
				c.W.BulkString("first-entry")
			}
			if n, e, ok := s.iter(streamID{}, maxStreamID, rev).next(); ok {
				c.replyEntry(n, &e)
			} else {
				c.W.Null()
			}
		}
		return
	}
	c.W.BulkString("entries")
	cnt := count
	if cnt == 0 {
		cnt = -1
	}
	c.replyRange(s, streamID{}, maxStreamID, cnt, false)
	c.W.BulkString("groups")
	c.W.Array(len(s.groups))
	for _, g := range s.groups {
		c.W.Map(7)
		c.W.BulkString("name")
		c.W.Bulk(g.name)
		c.W.BulkString("last-delivered-id")
		c.replyStreamID(g.lastID)
		c.replyGroupCounters(s, g)
		c.W.BulkString("pel-count")
		c.W.Int(int64(len(g.pel)))
		c.W.BulkString("pending")
		n := len(g.pel)
		if count > 0 && int64(n) > count {
			n = int(count)
		}
		c.W.Array(n)
		for _, pe := range g.pel[:n] {
			c.W.Array(4)
			c.replyStreamID(pe.id)
			c.W.Bulk(pe.consumer.name)
			c.W.Int(pe.deliveryTime)
			c.W.Int(pe.deliveryCount)
		}
		c.W.BulkString("consumers")
		c.W.Array(len(g.consumers))
		for _, cs := range g.consumers {
			c.W.Map(4)
			c.W.BulkString("name")
			c.W.Bulk(cs.name)
			c.W.BulkString("seen-time")
			c.W.Int(cs.seenTime)
			c.W.BulkString("pel-count")
			c.W.Int(int64(len(cs.pel)))
			c.W.BulkString("pending")
			n := len(cs.pel)
			if count > 0 && int64(n) > count {
				n = int(count)
			}
			c.W.Array(n)
			for _, id := range cs.pel[:n] {
				pe := g.pending(id)
				c.W.Array(3)
				c.replyStreamID(id)
				c.W.Int(pe.deliveryTime)
				c.W.Int(pe.deliveryCount)
			}
		}
	}
}
