package fuzz

// Stream commands of the grammar. IDs are explicit (never "*", whose
// milliseconds come from each server's clock), small, and often out of
// order so that XADD's ordering errors come up; replies carrying idle or
// delivery times are compared approximately.
func init() {
	streamKey := func(g *Gen) string {
		if g.src.Intn(3) != 0 {
			return g.pick("s1", "s2", "stream")
		}
		return g.key()
	}
	// Streams are only created on their own keys: DUMP of a stream is not
	// implemented yet, and DUMP draws from the shared keys. Commands on
	// the shared keys still meet the other types (WRONGTYPE).
	newStreamKey := func(g *Gen) string { return g.pick("s1", "s2", "stream") }
	id := func(g *Gen) string {
		switch g.src.Intn(8) {
		case 0:
			return g.pick("0-0", "0", "-", "+", "abc", "", "1-x", "18446744073709551615-18446744073709551615",
				"18446744073709551616", "-1", "(1-1", "(2", "007-1", "1-*")
		case 1:
			return g.pick("1", "2", "3", "5", "9")
		}
		return string(rune('1'+g.src.Intn(9))) + "-" + string(rune('0'+g.src.Intn(4)))
	}
	addID := func(g *Gen) string {
		if g.src.Intn(4) == 0 {
			return string(rune('1'+g.src.Intn(9))) + "-*"
		}
		return id(g)
	}
	group := func(g *Gen) string { return g.pick("g1", "g1", "g2", "nog") }
	consumer := func(g *Gen) string { return g.pick("c1", "c1", "c2", "c3") }
	fields := func(g *Gen, args []string) []string {
		for n := 1 + g.src.Intn(3); n > 0; n-- {
			args = append(args, g.pick("f", "f", "g", "field", g.value()), g.value())
		}
		return args
	}
	trim := func(g *Gen, args []string) []string {
		if g.src.Intn(2) == 0 {
			args = append(args, g.pick("MAXLEN", "maxlen"))
			if g.src.Intn(2) == 0 {
				args = append(args, g.pick("~", "=", "~"))
			}
			args = append(args, g.pick("0", "1", "2", "5", "-1", "abc"))
		} else {
			args = append(args, "MINID")
			if g.src.Intn(2) == 0 {
				args = append(args, g.pick("~", "="))
			}
			args = append(args, id(g))
		}
		if g.src.Intn(4) == 0 {
			args = append(args, "LIMIT", g.pick("0", "1", "3", "-1", "abc"))
		}
		return args
	}
	ids := func(g *Gen, args []string) []string {
		for n := 1 + g.src.Intn(3); n > 0; n-- {
			args = append(args, id(g))
		}
		return args
	}
	addGrammar(
		genCmd{"xadd", Exact, func(g *Gen) []string {
			args := []string{"XADD", newStreamKey(g)}
			if g.src.Intn(6) == 0 {
				args = append(args, "NOMKSTREAM")
			}
			if g.src.Intn(4) == 0 {
				args = trim(g, args)
			}
			return fields(g, append(args, addID(g)))
		}},
		genCmd{"xlen", Exact, func(g *Gen) []string { return []string{"XLEN", streamKey(g)} }},
		genCmd{"xrange", Exact, func(g *Gen) []string {
			args := []string{g.pick("XRANGE", "XREVRANGE"), streamKey(g), id(g), id(g)}
			if g.src.Intn(3) == 0 {
				args = append(args, g.pick("COUNT", "count", "LIMIT"), g.pick("0", "1", "2", "-1", "abc"))
			}
			return args
		}},
		genCmd{"xrevrange", Exact, func(g *Gen) []string { return []string{"XREVRANGE", streamKey(g), "+", "-"} }},
		genCmd{"xdel", Exact, func(g *Gen) []string { return ids(g, []string{"XDEL", streamKey(g)}) }},
		genCmd{"xtrim", Exact, func(g *Gen) []string { return trim(g, []string{"XTRIM", streamKey(g)}) }},
		genCmd{"xsetid", Exact, func(g *Gen) []string {
			args := []string{"XSETID", streamKey(g), id(g)}
			if g.src.Intn(3) == 0 {
				args = append(args, "ENTRIESADDED", g.pick("0", "3", "10", "-1", "abc"))
			}
			if g.src.Intn(3) == 0 {
				args = append(args, "MAXDELETEDID", id(g))
			}
			return args
		}},
		genCmd{"xread", Exact, func(g *Gen) []string {
			args := []string{"XREAD"}
			if g.src.Intn(3) == 0 {
				args = append(args, "COUNT", g.pick("1", "2", "0", "-1", "abc"))
			}
			n := 1 + g.src.Intn(2)
			args = append(args, "STREAMS")
			for i := 0; i < n; i++ {
				args = append(args, streamKey(g))
			}
			for i := 0; i < n; i++ {
				args = append(args, g.pick("0", "$", "1-1", "3", ">", "abc"))
			}
			return args
		}},
		genCmd{"xreadgroup", Exact, func(g *Gen) []string {
			args := []string{"XREADGROUP", "GROUP", group(g), consumer(g)}
			if g.src.Intn(3) == 0 {
				args = append(args, "COUNT", g.pick("1", "2", "0", "abc"))
			}
			if g.src.Intn(4) == 0 {
				args = append(args, "NOACK")
			}
			return append(args, "STREAMS", streamKey(g), g.pick(">", ">", ">", "0", "2-1", "$", "abc"))
		}},
		genCmd{"xack", Exact, func(g *Gen) []string { return ids(g, []string{"XACK", streamKey(g), group(g)}) }},
		genCmd{"xpending", Exact, func(g *Gen) []string { return []string{"XPENDING", streamKey(g), group(g)} }},
		genCmd{"xpending", Approx, func(g *Gen) []string {
			args := []string{"XPENDING", streamKey(g), group(g)}
			if g.src.Intn(3) == 0 {
				args = append(args, "IDLE", g.pick("0", "1000000", "abc"))
			}
			args = append(args, id(g), id(g), g.pick("10", "1", "0", "-1", "abc"))
			if g.src.Intn(2) == 0 {
				args = append(args, consumer(g))
			}
			return args
		}},
		genCmd{"xclaim", Exact, func(g *Gen) []string {
			args := []string{"XCLAIM", streamKey(g), group(g), consumer(g), g.pick("0", "0", "1000000", "-1", "abc")}
			args = ids(g, args)
			for n := g.src.Intn(3); n > 0; n-- {
				switch g.src.Intn(7) {
				case 0:
					args = append(args, "IDLE", g.pick("0", "1000", "abc"))
				case 1:
					args = append(args, "TIME", g.pick("0", "1000", "abc"))
				case 2:
					args = append(args, "RETRYCOUNT", g.pick("0", "5", "abc"))
				case 3:
					args = append(args, "FORCE")
				case 4:
					args = append(args, "JUSTID")
				case 5:
					args = append(args, "LASTID", id(g))
				default:
					args = append(args, "BOGUS")
				}
			}
			return args
		}},
		genCmd{"xautoclaim", Exact, func(g *Gen) []string {
			args := []string{"XAUTOCLAIM", streamKey(g), group(g), consumer(g), g.pick("0", "0", "1000000", "abc"), id(g)}
			if g.src.Intn(2) == 0 {
				args = append(args, "COUNT", g.pick("1", "2", "100", "0", "abc"))
			}
			if g.src.Intn(3) == 0 {
				args = append(args, "JUSTID")
			}
			return args
		}},
		genCmd{"xgroup|create", Exact, func(g *Gen) []string {
			args := []string{"XGROUP", "CREATE", newStreamKey(g), group(g), g.pick("$", "0", "2-1", "abc")}
			if g.src.Intn(2) == 0 {
				args = append(args, "MKSTREAM")
			}
			if g.src.Intn(4) == 0 {
				args = append(args, "ENTRIESREAD", g.pick("0", "2", "-1", "-2", "abc"))
			}
			return args
		}},
		genCmd{"xgroup|setid", Exact, func(g *Gen) []string {
			args := []string{"XGROUP", "SETID", streamKey(g), group(g), g.pick("$", "0", "2-1", "abc")}
			if g.src.Intn(3) == 0 {
				args = append(args, "ENTRIESREAD", g.pick("0", "2", "-1", "abc"))
			}
			return args
		}},
		genCmd{"xgroup|destroy", Exact, func(g *Gen) []string { return []string{"XGROUP", "DESTROY", streamKey(g), group(g)} }},
		genCmd{"xgroup|createconsumer", Exact, func(g *Gen) []string {
			return []string{"XGROUP", "CREATECONSUMER", streamKey(g), group(g), consumer(g)}
		}},
		genCmd{"xgroup|delconsumer", Exact, func(g *Gen) []string {
			return []string{"XGROUP", "DELCONSUMER", streamKey(g), group(g), consumer(g)}
		}},
		genCmd{"xinfo|stream", Exact, func(g *Gen) []string { return []string{"XINFO", "STREAM", streamKey(g)} }},
		genCmd{"xinfo|stream", Approx, func(g *Gen) []string {
			return []string{"XINFO", "STREAM", streamKey(g), "FULL", "COUNT", g.pick("0", "1", "5", "-1")}
		}},
		genCmd{"xinfo|groups", Exact, func(g *Gen) []string { return []string{"XINFO", "GROUPS", streamKey(g)} }},
		genCmd{"xinfo|consumers", Approx, func(g *Gen) []string { return []string{"XINFO", "CONSUMERS", streamKey(g), group(g)} }},
	)
	Covered = append(Covered, "xadd", "xlen", "xrange", "xrevrange", "xdel", "xtrim", "xsetid", "xread",
		"xreadgroup", "xack", "xpending", "xclaim", "xautoclaim", "xgroup|create", "xgroup|setid",
		"xgroup|destroy", "xgroup|createconsumer", "xgroup|delconsumer", "xgroup|help", "xinfo|stream",
		"xinfo|groups", "xinfo|consumers", "xinfo|help")
}
