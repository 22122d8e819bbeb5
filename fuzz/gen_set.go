package fuzz

import "slices"

// Set and SORT commands of the grammar. Members mix small integers (so
// sets start as intsets) with strings (which make them hashtables);
// replies whose order Redis leaves to the hash table are compared
// unordered, random picks by shape, and SPOP only pops whole sets (a
// random pop would make the two servers' data differ).
func init() {
	member := func(g *Gen) string {
		if g.src.Intn(3) == 0 {
			return g.value()
		}
		return g.pick("1", "2", "3", "-5", "100", "70000", "a", "b", "x", "007", "")
	}
	members := func(g *Gen, args []string) []string {
		for n := 1 + g.src.Intn(4); n > 0; n-- {
			args = append(args, member(g))
		}
		return args
	}
	setKey := func(g *Gen) string {
		if g.src.Intn(2) == 0 {
			return g.pick("set", "s1", "s2")
		}
		return g.key()
	}
	setKeys := func(g *Gen, args []string) []string {
		for n := 1 + g.src.Intn(3); n > 0; n-- {
			args = append(args, setKey(g))
		}
		return args
	}
	addGrammar(
		genCmd{"sadd", Exact, func(g *Gen) []string { return members(g, []string{"SADD", setKey(g)}) }},
		genCmd{"srem", Exact, func(g *Gen) []string { return members(g, []string{"SREM", setKey(g)}) }},
		genCmd{"smembers", Unordered, func(g *Gen) []string { return []string{"SMEMBERS", setKey(g)} }},
		genCmd{"sismember", Exact, func(g *Gen) []string { return []string{"SISMEMBER", setKey(g), member(g)} }},
		genCmd{"smismember", Exact, func(g *Gen) []string { return members(g, []string{"SMISMEMBER", setKey(g)}) }},
		genCmd{"scard", Exact, func(g *Gen) []string { return []string{"SCARD", setKey(g)} }},
		genCmd{"smove", Exact, func(g *Gen) []string { return []string{"SMOVE", setKey(g), setKey(g), member(g)} }},
		genCmd{"spop", Unordered, func(g *Gen) []string {
			return []string{"SPOP", setKey(g), g.pick("1000", "1000", "0", "-1", "abc")}
		}},
		genCmd{"srandmember", Shape, func(g *Gen) []string {
			args := []string{"SRANDMEMBER", setKey(g)}
			if g.src.Intn(4) != 0 {
				args = append(args, g.pick("0", "1", "2", "5", "-3", "1000", "abc", "-1"))
			}
			return args
		}},
		genCmd{"sinter", Unordered, func(g *Gen) []string { return setKeys(g, []string{"SINTER"}) }},
		genCmd{"sunion", Unordered, func(g *Gen) []string { return setKeys(g, []string{"SUNION"}) }},
		genCmd{"sdiff", Unordered, func(g *Gen) []string { return setKeys(g, []string{"SDIFF"}) }},
		genCmd{"sinterstore", Exact, func(g *Gen) []string { return setKeys(g, []string{"SINTERSTORE", setKey(g)}) }},
		genCmd{"sunionstore", Exact, func(g *Gen) []string { return setKeys(g, []string{"SUNIONSTORE", setKey(g)}) }},
		genCmd{"sdiffstore", Exact, func(g *Gen) []string { return setKeys(g, []string{"SDIFFSTORE", setKey(g)}) }},
		genCmd{"sintercard", Exact, func(g *Gen) []string {
			keys := setKeys(g, nil)
			n := g.pick("1", "2", "3", "0", "-1", "abc", "")
			if g.src.Intn(2) == 0 {
				n = string(rune('0' + len(keys)))
			}
			args := append([]string{"SINTERCARD", n}, keys...)
			if g.src.Intn(2) == 0 {
				args = append(args, g.pick("LIMIT", "limit", "BOGUS"), g.pick("0", "1", "2", "-1", "abc"))
			}
			return args
		}},
		genCmd{"sscan", Unordered, func(g *Gen) []string {
			args := []string{"SSCAN", setKey(g), g.pick("0", "0", "0", "abc")}
			if g.src.Intn(2) == 0 {
				args = append(args, "MATCH", g.pick("*", "1*", "[ab]", "?", "x"))
			}
			return append(args, "COUNT", g.pick("1000", "1000", "0", "abc"))
		}},
		// SORT without BY orders by the elements themselves: exact.
		genCmd{"sort", Exact, func(g *Gen) []string { return sortArgs(g, "SORT", false) }},
		// With BY (weights, or nosort over sets) ties and hash order differ.
		genCmd{"sort", Unordered, func(g *Gen) []string { return sortArgs(g, "SORT", true) }},
		genCmd{"sort_ro", Exact, func(g *Gen) []string { return sortArgs(g, "SORT_RO", false) }},
	)
	WrongTypeMakers["sadd"] = true
	Covered = append(Covered, "sadd", "srem", "smembers", "sismember", "smismember", "scard", "smove",
		"spop", "srandmember", "sinter", "sunion", "sdiff", "sinterstore", "sunionstore", "sdiffstore",
		"sintercard", "sscan", "sort", "sort_ro")
}

// sortArgs builds a SORT or SORT_RO over sets, lists or strings, with
// options in random order.
func sortArgs(g *Gen, name string, by bool) []string {
	args := []string{name, g.pick("set", "s1", "s2", "list", "zset", "a", "nokey")}
	for n := g.src.Intn(4); n > 0; n-- {
		switch g.src.Intn(7) {
		case 0:
			args = append(args, g.pick("ASC", "DESC", "desc"))
		case 1:
			args = append(args, "ALPHA")
		case 2:
			args = append(args, "LIMIT", g.small(), g.small())
		case 3:
			if name == "SORT" {
				args = append(args, "STORE", g.pick("dst", "s1", "a"))
			} else {
				args = append(args, "BOGUS")
			}
		case 4:
			args = append(args, "GET", g.pick("#", "*", "w_*", "hash->f", "*->f"))
		default:
			if by {
				args = append(args, "BY", g.pick("nosort", "*", "w_*", "*->f", "nokey"))
			}
		}
	}
	// Random sequences sort with ALPHA: redis-server's numeric SORT reads
	// errno after strtod without clearing it, so any earlier number that
	// overflowed (XRANGE 18446744073709551616, 1e-310...) makes it fail at
	// random. The scripts in testdata/ cover numeric sorting.
	if !slices.Contains(args, "ALPHA") {
		args = append(args, "ALPHA")
	}
	return args
}
