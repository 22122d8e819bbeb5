package fuzz

// Hash commands of the grammar.
func init() {
	addGrammar(
		genCmd{"hset", Exact, func(g *Gen) []string { return []string{"HSET", "hash", g.value(), g.value()} }},
	)
	WrongTypeMakers["hset"] = true
}
