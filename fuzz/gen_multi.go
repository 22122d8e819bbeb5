package fuzz

// Transaction and Pub/Sub commands of the grammar. SUBSCRIBE is left to
// the scripts: in RESP2 it would turn the rest of a sequence into
// subscribed-mode errors.
func init() {
	addGrammar(
		genCmd{"multi", Exact, func(g *Gen) []string { return []string{"MULTI"} }},
		genCmd{"exec", Shape, // queued HELLO, TIME... legitimately differ
			func(g *Gen) []string { return []string{"EXEC"} }},
		genCmd{"discard", Exact, func(g *Gen) []string { return []string{"DISCARD"} }},
		genCmd{"watch", Exact, func(g *Gen) []string { return append([]string{"WATCH"}, g.keys(0)...) }},
		genCmd{"unwatch", Exact, func(g *Gen) []string { return []string{"UNWATCH"} }},
		genCmd{"publish", Exact, func(g *Gen) []string { return []string{"PUBLISH", g.key(), g.value()} }},
		genCmd{"spublish", Exact, func(g *Gen) []string { return []string{"SPUBLISH", g.key(), g.value()} }},
		genCmd{"pubsub|numsub", Exact, func(g *Gen) []string { return append([]string{"PUBSUB", "NUMSUB"}, g.keys(0)...) }},
		genCmd{"pubsub|numpat", Exact, func(g *Gen) []string { return []string{"PUBSUB", "NUMPAT"} }},
		genCmd{"pubsub|channels", Exact, func(g *Gen) []string { return []string{"PUBSUB", "CHANNELS", g.pattern()} }},
	)
	Covered = append(Covered, "multi", "exec", "discard", "watch", "unwatch",
		"subscribe", "unsubscribe", "psubscribe", "punsubscribe", "ssubscribe", "sunsubscribe",
		"publish", "spublish", "pubsub|channels", "pubsub|numsub", "pubsub|numpat",
		"pubsub|shardchannels", "pubsub|shardnumsub", "pubsub|help")
}
