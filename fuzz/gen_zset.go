package fuzz

// Sorted set commands of the grammar: members from a small pool so adds,
// removes and ranges collide; keys from the shared key space so sorted
// sets meet other types (WRONGTYPE) and missing keys.
func init() {
	addGrammar(
		genCmd{"zadd", Exact, func(g *Gen) []string { return []string{"ZADD", "zset", g.float(), g.value()} }},
		genCmd{"zadd", Exact, func(g *Gen) []string {
			args := []string{"ZADD", g.zkey()}
			for n := g.src.Intn(3); n > 0; n-- {
				args = append(args, g.pick("NX", "XX", "CH", "INCR", "GT", "LT", "ch"))
			}
			for n := 1 + g.src.Intn(3); n > 0; n-- {
				args = append(args, g.zscore(), g.zmember())
			}
			return args
		}},
		genCmd{"zincrby", Exact, func(g *Gen) []string { return []string{"ZINCRBY", g.zkey(), g.zscore(), g.zmember()} }},
		genCmd{"zrem", Exact, func(g *Gen) []string {
			return append([]string{"ZREM", g.zkey()}, g.zmembers(1)...)
		}},
		genCmd{"zcard", Exact, func(g *Gen) []string { return []string{"ZCARD", g.zkey()} }},
		genCmd{"zscore", Exact, func(g *Gen) []string { return []string{"ZSCORE", g.zkey(), g.zmember()} }},
		genCmd{"zmscore", Exact, func(g *Gen) []string {
			return append([]string{"ZMSCORE", g.zkey()}, g.zmembers(1)...)
		}},
		// ZRANK takes 7.2's WITHSCORE, so an extra argument is a syntax
		// error here and an arity error in 7.0: compare shapes only.
		genCmd{"zrank", Shape, func(g *Gen) []string { return []string{"ZRANK", g.zkey(), g.zmember()} }},
		genCmd{"zrevrank", Shape, func(g *Gen) []string { return []string{"ZREVRANK", g.zkey(), g.zmember()} }},
		genCmd{"zcount", Exact, func(g *Gen) []string { return []string{"ZCOUNT", g.zkey(), g.zbound(), g.zbound()} }},
		genCmd{"zlexcount", Exact, func(g *Gen) []string { return []string{"ZLEXCOUNT", g.zkey(), g.zlex(), g.zlex()} }},
		genCmd{"zrange", Exact, func(g *Gen) []string { return g.zrangeArgs("ZRANGE", true) }},
		genCmd{"zrangestore", Exact, func(g *Gen) []string {
			args := g.zrangeArgs("ZRANGESTORE", true)
			return append([]string{"ZRANGESTORE", g.zkey()}, args[1:]...)
		}},
		genCmd{"zrevrange", Exact, func(g *Gen) []string { return g.zrankArgs("ZREVRANGE") }},
		genCmd{"zrangebyscore", Exact, func(g *Gen) []string { return g.zscoreArgs("ZRANGEBYSCORE") }},
		genCmd{"zrevrangebyscore", Exact, func(g *Gen) []string { return g.zscoreArgs("ZREVRANGEBYSCORE") }},
		genCmd{"zrangebylex", Exact, func(g *Gen) []string { return g.zlexArgs("ZRANGEBYLEX") }},
		genCmd{"zrevrangebylex", Exact, func(g *Gen) []string { return g.zlexArgs("ZREVRANGEBYLEX") }},
		genCmd{"zremrangebyrank", Exact, func(g *Gen) []string {
			return []string{"ZREMRANGEBYRANK", g.zkey(), g.small(), g.small()}
		}},
		genCmd{"zremrangebyscore", Exact, func(g *Gen) []string {
			return []string{"ZREMRANGEBYSCORE", g.zkey(), g.zbound(), g.zbound()}
		}},
		genCmd{"zremrangebylex", Exact, func(g *Gen) []string {
			return []string{"ZREMRANGEBYLEX", g.zkey(), g.zlex(), g.zlex()}
		}},
		genCmd{"zpopmin", Exact, func(g *Gen) []string { return g.zpopArgs("ZPOPMIN") }},
		genCmd{"zpopmax", Exact, func(g *Gen) []string { return g.zpopArgs("ZPOPMAX") }},
		genCmd{"bzpopmin", Exact, func(g *Gen) []string {
			return append(append([]string{"BZPOPMIN"}, g.zkeys(1)...), g.ztimeout())
		}},
		genCmd{"bzpopmax", Exact, func(g *Gen) []string {
			return append(append([]string{"BZPOPMAX"}, g.zkeys(1)...), g.ztimeout())
		}},
		genCmd{"zmpop", Exact, func(g *Gen) []string { return append([]string{"ZMPOP"}, g.zmpopArgs()...) }},
		genCmd{"bzmpop", Exact, func(g *Gen) []string {
			return append([]string{"BZMPOP", g.ztimeout()}, g.zmpopArgs()...)
		}},
		genCmd{"zrandmember", Shape, func(g *Gen) []string {
			args := []string{"ZRANDMEMBER", g.zkey()}
			if g.src.Intn(3) > 0 {
				args = append(args, g.small())
				if g.src.Intn(2) == 0 {
					args = append(args, g.pick("WITHSCORES", "withscores", "FOO"))
				}
			}
			return args
		}},
		genCmd{"zunion", Exact, func(g *Gen) []string { return g.zopArgs("ZUNION", false, true) }},
		genCmd{"zinter", Exact, func(g *Gen) []string { return g.zopArgs("ZINTER", false, true) }},
		genCmd{"zdiff", Exact, func(g *Gen) []string { return g.zopArgs("ZDIFF", false, false) }},
		genCmd{"zunionstore", Exact, func(g *Gen) []string { return g.zopArgs("ZUNIONSTORE", true, true) }},
		genCmd{"zinterstore", Exact, func(g *Gen) []string { return g.zopArgs("ZINTERSTORE", true, true) }},
		genCmd{"zdiffstore", Exact, func(g *Gen) []string { return g.zopArgs("ZDIFFSTORE", true, false) }},
		genCmd{"zintercard", Exact, func(g *Gen) []string {
			keys := g.zkeys(1)
			args := append([]string{"ZINTERCARD", g.znum(len(keys))}, keys...)
			if g.src.Intn(2) == 0 {
				args = append(args, g.pick("LIMIT", "limit", "WITHSCORES"), g.small())
			}
			return args
		}},
		// Small sorted sets are listpacks, which ZSCAN returns whole.
		genCmd{"zscan", Exact, func(g *Gen) []string {
			args := []string{"ZSCAN", g.zkey(), g.pick("0", "0", "1", "abc", "-1")}
			if g.src.Intn(2) == 0 {
				args = append(args, g.pick("MATCH", "COUNT", "TYPE"), g.pick("*", "a*", "[ab]", "1", "0", "10"))
			}
			return args
		}},
	)
	WrongTypeMakers["zadd"] = true
	Covered = append(Covered, "zadd", "zincrby", "zrem", "zcard", "zscore", "zmscore", "zrank", "zrevrank",
		"zcount", "zlexcount", "zrange", "zrangestore", "zrevrange", "zrangebyscore", "zrevrangebyscore",
		"zrangebylex", "zrevrangebylex", "zremrangebyrank", "zremrangebyscore", "zremrangebylex",
		"zpopmin", "zpopmax", "bzpopmin", "bzpopmax", "zmpop", "bzmpop", "zrandmember", "zunion", "zinter",
		"zdiff", "zunionstore", "zinterstore", "zdiffstore", "zintercard", "zscan")
}

// zkey is mostly one of two sorted set keys, sometimes any key.
func (g *Gen) zkey() string {
	if g.src.Intn(4) == 0 {
		return g.key()
	}
	return g.pick("zset", "zset", "z2")
}

func (g *Gen) zkeys(min int) []string {
	out := make([]string, min+g.src.Intn(3))
	for i := range out {
		out[i] = g.zkey()
	}
	return out
}

var genZMembers = []string{"a", "b", "c", "d", "e", "m1", "m2", "", "1", "-1", "x y", "aa", "b\x00"}

func (g *Gen) zmember() string {
	if g.src.Intn(8) == 0 {
		return g.value()
	}
	return g.pick(genZMembers...)
}

func (g *Gen) zmembers(min int) []string {
	out := make([]string, min+g.src.Intn(3))
	for i := range out {
		out[i] = g.zmember()
	}
	return out
}

func (g *Gen) zscore() string {
	if g.src.Intn(3) == 0 {
		return g.float()
	}
	return g.pick("0", "1", "2", "3", "1.5", "-1", "10", "2.5", "-inf", "+inf")
}

// zbound is one end of a score range.
func (g *Gen) zbound() string {
	b := g.zscore()
	if g.src.Intn(3) == 0 {
		b = "(" + b
	}
	return b
}

// zlex is one end of a lexicographic range.
func (g *Gen) zlex() string {
	switch g.src.Intn(6) {
	case 0:
		return g.pick("-", "+")
	case 1:
		return g.pick("a", "", "(", "[", "+a")
	}
	return g.pick("[", "(") + g.pick(genZMembers...)
}

func (g *Gen) ztimeout() string { return g.pick("0.01", "0.02", "abc", "-1", "0.001") }

// znum is a key count, usually right.
func (g *Gen) znum(n int) string {
	if g.src.Intn(6) == 0 {
		return g.pick("0", "-1", "abc", "100", "2x")
	}
	return string(rune('0' + n))
}

func (g *Gen) zlimit(args []string) []string {
	if g.src.Intn(3) == 0 {
		args = append(args, "LIMIT", g.small(), g.small())
	}
	return args
}

func (g *Gen) withScores(args []string) []string {
	if g.src.Intn(2) == 0 {
		args = append(args, g.pick("WITHSCORES", "withscores"))
	}
	return args
}

func (g *Gen) zrankArgs(cmd string) []string {
	return g.withScores([]string{cmd, g.zkey(), g.small(), g.small()})
}

func (g *Gen) zscoreArgs(cmd string) []string {
	return g.zlimit(g.withScores([]string{cmd, g.zkey(), g.zbound(), g.zbound()}))
}

func (g *Gen) zlexArgs(cmd string) []string {
	return g.zlimit([]string{cmd, g.zkey(), g.zlex(), g.zlex()})
}

// zrangeArgs is ZRANGE in any of its forms.
func (g *Gen) zrangeArgs(cmd string, opts bool) []string {
	var args []string
	switch g.src.Intn(3) {
	case 0:
		args = []string{cmd, g.zkey(), g.small(), g.small()}
	case 1:
		args = []string{cmd, g.zkey(), g.zbound(), g.zbound(), "BYSCORE"}
	default:
		args = []string{cmd, g.zkey(), g.zlex(), g.zlex(), "BYLEX"}
	}
	for n := g.src.Intn(3); opts && n > 0; n-- {
		switch g.src.Intn(4) {
		case 0:
			args = append(args, "REV")
		case 1:
			args = append(args, "LIMIT", g.small(), g.small())
		case 2:
			args = append(args, "WITHSCORES")
		default:
			args = append(args, g.pick("BYSCORE", "BYLEX", "FOO"))
		}
	}
	return args
}

func (g *Gen) zpopArgs(cmd string) []string {
	args := []string{cmd, g.zkey()}
	if g.src.Intn(2) == 0 {
		args = append(args, g.small())
	}
	return args
}

func (g *Gen) zmpopArgs() []string {
	keys := g.zkeys(1)
	args := append([]string{g.znum(len(keys))}, keys...)
	args = append(args, g.pick("MIN", "MAX", "min", "FOO"))
	if g.src.Intn(2) == 0 {
		args = append(args, "COUNT", g.small())
	}
	return args
}

// zopArgs is ZUNION/ZINTER/ZDIFF and their STORE forms.
func (g *Gen) zopArgs(cmd string, store, weights bool) []string {
	args := []string{cmd}
	if store {
		args = append(args, g.zkey())
	}
	keys := g.zkeys(1)
	if g.src.Intn(4) == 0 {
		keys = append(keys, "set")
	}
	args = append(args, g.znum(len(keys)))
	args = append(args, keys...)
	if weights && g.src.Intn(3) == 0 {
		args = append(args, "WEIGHTS")
		for range keys {
			args = append(args, g.pick("1", "2", "0.5", "-1", "0", "inf", "abc"))
		}
	}
	if weights && g.src.Intn(3) == 0 {
		args = append(args, "AGGREGATE", g.pick("SUM", "MIN", "MAX", "max", "FOO"))
	}
	if !store && g.src.Intn(2) == 0 {
		args = append(args, "WITHSCORES")
	}
	return args
}
