package fuzz

// List commands of the grammar. Blocking commands get only short or
// invalid timeouts: one connection never has anyone to wake it, and a
// timeout of 0 would wait forever. BLPOP and BRPOP are left to the
// scripts: the generator's wrong-arity variant appends a value, which
// would become their timeout ("0" waits forever).
func init() {
	addGrammar(
		genCmd{"rpush", Exact, func(g *Gen) []string { return g.push("RPUSH") }},
		genCmd{"lpush", Exact, func(g *Gen) []string { return g.push("LPUSH") }},
		genCmd{"rpushx", Exact, func(g *Gen) []string { return g.push("RPUSHX") }},
		genCmd{"lpushx", Exact, func(g *Gen) []string { return g.push("LPUSHX") }},
		genCmd{"lpop", Exact, func(g *Gen) []string { return g.pop("LPOP") }},
		genCmd{"rpop", Exact, func(g *Gen) []string { return g.pop("RPOP") }},
		genCmd{"llen", Exact, func(g *Gen) []string { return []string{"LLEN", g.listKey()} }},
		genCmd{"lindex", Exact, func(g *Gen) []string { return []string{"LINDEX", g.listKey(), g.small()} }},
		genCmd{"lset", Exact, func(g *Gen) []string { return []string{"LSET", g.listKey(), g.small(), g.value()} }},
		genCmd{"lrange", Exact, func(g *Gen) []string { return []string{"LRANGE", g.listKey(), g.small(), g.small()} }},
		genCmd{"ltrim", Exact, func(g *Gen) []string { return []string{"LTRIM", g.listKey(), g.small(), g.small()} }},
		genCmd{"lrem", Exact, func(g *Gen) []string { return []string{"LREM", g.listKey(), g.small(), g.value()} }},
		genCmd{"linsert", Exact, func(g *Gen) []string {
			return []string{"LINSERT", g.listKey(), g.pick("BEFORE", "AFTER", "after", "middle"), g.value(), g.value()}
		}},
		genCmd{"lpos", Exact, func(g *Gen) []string {
			args := []string{"LPOS", g.listKey(), g.value()}
			for i := g.src.Intn(4); i > 0; i-- {
				args = append(args, g.pick("RANK", "COUNT", "MAXLEN", "rank", "FOO"), g.small())
			}
			return args
		}},
		genCmd{"lmove", Exact, func(g *Gen) []string {
			return []string{"LMOVE", g.listKey(), g.listKey(), g.where(), g.where()}
		}},
		genCmd{"rpoplpush", Exact, func(g *Gen) []string { return []string{"RPOPLPUSH", g.listKey(), g.listKey()} }},
		genCmd{"lmpop", Exact, func(g *Gen) []string { return append([]string{"LMPOP"}, g.mpop()...) }},
		genCmd{"blmpop", Exact, func(g *Gen) []string { return append([]string{"BLMPOP", g.btimeout()}, g.mpop()...) }},
		genCmd{"blmove", Exact, func(g *Gen) []string {
			return []string{"BLMOVE", g.listKey(), g.listKey(), g.where(), g.where(), g.btimeout()}
		}},
		genCmd{"brpoplpush", Exact, func(g *Gen) []string {
			return []string{"BRPOPLPUSH", g.listKey(), g.listKey(), g.btimeout()}
		}},
	)
	WrongTypeMakers["rpush"] = true
	Covered = append(Covered, "rpush", "lpush", "rpushx", "lpushx", "lpop", "rpop", "llen", "lindex",
		"lset", "lrange", "ltrim", "lrem", "linsert", "lpos", "lmove", "rpoplpush", "lmpop",
		"blpop", "brpop", "blmpop", "blmove", "brpoplpush")
}

// listKey is mostly a list key, sometimes any key of the space.
func (g *Gen) listKey() string {
	if g.src.Intn(3) == 0 {
		return g.key()
	}
	return g.pick("list", "a", "b", "{t}x")
}

func (g *Gen) where() string { return g.pick("LEFT", "RIGHT", "left", "right", "up") }

// push is a push of a few values, now and then many.
func (g *Gen) push(name string) []string {
	args := []string{name, g.listKey()}
	n := 1 + g.src.Intn(4)
	if g.src.Intn(10) == 0 {
		n = 150
	}
	for i := 0; i < n; i++ {
		args = append(args, g.value())
	}
	return args
}

func (g *Gen) pop(name string) []string {
	args := []string{name, g.listKey()}
	if g.src.Intn(2) == 0 {
		args = append(args, g.small())
	}
	return args
}

// mpop is LMPOP's arguments: numkeys, keys, the end and maybe COUNT.
func (g *Gen) mpop() []string {
	keys := []string{g.listKey()}
	for i := g.src.Intn(3); i > 0; i-- {
		keys = append(keys, g.listKey())
	}
	n := len(keys)
	num := g.pick("1", "2", "3")
	if g.src.Intn(4) != 0 {
		num = string(rune('0' + n))
	} else if g.src.Intn(3) == 0 {
		num = g.int()
	}
	args := append([]string{num}, keys...)
	args = append(args, g.where())
	if g.src.Intn(2) == 0 {
		args = append(args, g.pick("COUNT", "count", "COUNT", "X"), g.small())
	}
	return args
}

// btimeout is a blocking command's timeout: short, or invalid.
func (g *Gen) btimeout() string {
	return g.pick("0.01", "0.001", "0.02", "abc", "-1", "1e20", "nan", "inf", "-inf", "")
}
