package fuzz

// Set commands of the grammar.
func init() {
	addGrammar(
		genCmd{"sadd", Exact, func(g *Gen) []string { return []string{"SADD", "set", g.value()} }},
	)
	WrongTypeMakers["sadd"] = true
}
