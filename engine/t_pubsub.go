package engine

import "github.com/updraftdb/updraft/internal/glob"

// Pub/Sub commands (Redis's pubsub.c): SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE
// PUNSUBSCRIBE SSUBSCRIBE SUNSUBSCRIBE PUBLISH SPUBLISH PUBSUB. Delivery and
// the subscription table are in pubsub.go.

func init() {
	sub := FlagPubSub | FlagNoScript | FlagLoading | FlagStale
	pub := FlagPubSub | FlagLoading | FlagStale | FlagFast
	cats := CatPubSub | CatSlow
	register(
		&Command{Name: "subscribe", Arity: -2, Flags: sub, Cats: cats, Proc: cmdSubscribe},
		&Command{Name: "unsubscribe", Arity: -1, Flags: sub, Cats: cats, Proc: cmdUnsubscribe},
		&Command{Name: "psubscribe", Arity: -2, Flags: sub, Cats: cats, Proc: cmdPSubscribe},
		&Command{Name: "punsubscribe", Arity: -1, Flags: sub, Cats: cats, Proc: cmdPUnsubscribe},
		&Command{Name: "ssubscribe", Arity: -2, Flags: sub, First: 1, Last: -1, Step: 1, Cats: cats, Proc: cmdSSubscribe},
		&Command{Name: "sunsubscribe", Arity: -1, Flags: sub, First: 1, Last: -1, Step: 1, Cats: cats, Proc: cmdSUnsubscribe},
		&Command{Name: "publish", Arity: 3, Flags: pub, Cats: CatPubSub | CatFast, Proc: cmdPublish},
		&Command{Name: "spublish", Arity: 3, Flags: pub, First: 1, Last: 1, Step: 1, Cats: CatPubSub | CatFast, Proc: cmdSPublish},
		&Command{Name: "pubsub", Arity: -2, Cats: CatSlow, Proc: func(*Client) {}},
	)
	ro := FlagPubSub | FlagLoading | FlagStale
	registerSub("pubsub",
		&Command{Name: "channels", Arity: -2, Flags: ro, Cats: cats, Proc: cmdPubsubChannels},
		&Command{Name: "help", Arity: 2, Flags: FlagLoading | FlagStale, Cats: CatSlow, Proc: cmdPubsubHelp},
		&Command{Name: "numpat", Arity: 2, Flags: ro, Cats: cats, Proc: cmdPubsubNumPat},
		&Command{Name: "shardchannels", Arity: -2, Flags: ro, Cats: cats, Proc: cmdPubsubShardChannels},
		&Command{Name: "shardnumsub", Arity: -2, Flags: ro, Cats: cats, Proc: cmdPubsubShardNumSub},
		&Command{Name: "numsub", Arity: -2, Flags: ro, Cats: cats, Proc: cmdPubsubNumSub},
	)
}

// subscriptionCount is the count (P|S)(UN)SUBSCRIBE replies carry:
// channels and patterns together, shard channels apart.
func (c *Client) subscriptionCount(kind pubsubKind) int64 {
	if kind == psShard {
		return int64(len(c.ps.subs[psShard]))
	}
	return int64(len(c.ps.subs[psChannel]) + len(c.ps.subs[psPattern]))
}

// replySubscription writes one [word, name, count] confirmation: a push
// in RESP3. name nil writes a null (UNSUBSCRIBE with nothing to drop).
func (c *Client) replySubscription(word string, name []byte, kind pubsubKind) {
	c.W.Push(3)
	c.W.BulkString(word)
	if name == nil {
		c.W.Null()
	} else {
		c.W.Bulk(name)
	}
	c.W.Int(c.subscriptionCount(kind))
}

// subscribeGeneric subscribes to every argument. Inside a script (where
// commands may not block) it is refused, except that SUBSCRIBE and
// PSUBSCRIBE stay allowed in MULTI, as in Redis.
func (c *Client) subscribeGeneric(kind pubsubKind) {
	if c.noBlock && (kind == psShard || !c.tx.inMulti) {
		c.W.Error("ERR " + upper(pubsubNames[kind][0]) + " isn't allowed for a DENY BLOCKING client")
		return
	}
	for _, name := range c.Args[1:] {
		c.e.subscribe(c, kind, name)
		c.replySubscription(pubsubNames[kind][0], name, kind)
	}
}

// unsubscribeGeneric drops the named subscriptions, or all of them.
func (c *Client) unsubscribeGeneric(kind pubsubKind) {
	word := pubsubNames[kind][1]
	if len(c.Args) > 1 {
		for _, name := range c.Args[1:] {
			c.e.unsubscribe(c, kind, string(name))
			c.replySubscription(word, name, kind)
		}
		return
	}
	if len(c.ps.subs[kind]) == 0 {
		c.replySubscription(word, nil, kind)
		return
	}
	for len(c.ps.subs[kind]) > 0 {
		name := c.ps.subs[kind][0]
		c.e.unsubscribe(c, kind, name)
		c.replySubscription(word, []byte(name), kind)
	}
}

func cmdSubscribe(c *Client)      { c.subscribeGeneric(psChannel) }
func cmdPSubscribe(c *Client)     { c.subscribeGeneric(psPattern) }
func cmdSSubscribe(c *Client)     { c.subscribeGeneric(psShard) }
func cmdUnsubscribe(c *Client)    { c.unsubscribeGeneric(psChannel) }
func cmdPUnsubscribe(c *Client)   { c.unsubscribeGeneric(psPattern) }
func cmdSUnsubscribe(c *Client)   { c.unsubscribeGeneric(psShard) }
func cmdPublish(c *Client)        { c.W.Int(c.e.publish(c, psChannel, c.Args[1], c.Args[2])) }
func cmdSPublish(c *Client)       { c.W.Int(c.e.publish(c, psShard, c.Args[1], c.Args[2])) }
func cmdPubsubNumPat(c *Client)   { c.W.Int(c.e.pubsub.sizes[psPattern].Load()) }
func cmdPubsubHelp(c *Client)     { c.replyHelp(pubsubHelp) }
func cmdPubsubChannels(c *Client) { c.listChannels(psChannel) }

func cmdPubsubShardChannels(c *Client) { c.listChannels(psShard) }
func cmdPubsubNumSub(c *Client)        { c.numSub(psChannel) }
func cmdPubsubShardNumSub(c *Client)   { c.numSub(psShard) }

// listChannels is PUBSUB CHANNELS / SHARDCHANNELS [pattern].
func (c *Client) listChannels(kind pubsubKind) {
	if len(c.Args) > 3 {
		c.W.Error(errSubcommandSyntax(c.Args[1], "PUBSUB"))
		return
	}
	var pat []byte
	if len(c.Args) == 3 {
		pat = c.Args[2]
	}
	r := &c.e.pubsub
	r.mu.RLock()
	var names []string
	for name := range r.subs[kind] {
		if pat == nil || glob.Match(pat, []byte(name), false) {
			names = append(names, name)
		}
	}
	r.mu.RUnlock()
	c.W.Array(len(names))
	for _, n := range names {
		c.W.BulkString(n)
	}
}

// numSub is PUBSUB NUMSUB / SHARDNUMSUB [channel ...]: channel, count
// pairs in a flat array.
func (c *Client) numSub(kind pubsubKind) {
	names := c.Args[2:]
	r := &c.e.pubsub
	c.W.Array(2 * len(names))
	r.mu.RLock()
	for _, n := range names {
		c.W.Bulk(n)
		c.W.Int(int64(len(r.subs[kind][string(n)])))
	}
	r.mu.RUnlock()
}

var pubsubHelp = []string{
	"PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
	"CHANNELS [<pattern>]",
	"    Return the currently active channels matching a <pattern> (default: '*').",
	"NUMPAT",
	"    Return number of subscriptions to patterns.",
	"NUMSUB [<channel> ...]",
	"    Return the number of subscribers for the specified channels, excluding",
	"    pattern subscriptions(default: no channels).",
	"SHARDCHANNELS [<pattern>]",
	"    Return the currently active shard level channels matching a <pattern> (default: '*').",
	"SHARDNUMSUB [<shardchannel> ...]",
	"    Return the number of subscribers for the specified shard level channel(s)",
}
