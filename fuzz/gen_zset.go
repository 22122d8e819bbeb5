package fuzz

// Sorted set commands of the grammar.
func init() {
	addGrammar(
		genCmd{"zadd", Exact, func(g *Gen) []string { return []string{"ZADD", "zset", g.float(), g.value()} }},
	)
	WrongTypeMakers["zadd"] = true
}
