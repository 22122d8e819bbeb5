package fuzz

// List commands of the grammar.
func init() {
	addGrammar(
		genCmd{"rpush", Exact, func(g *Gen) []string { return []string{"RPUSH", "list", g.value()} }},
	)
	WrongTypeMakers["rpush"] = true
}
