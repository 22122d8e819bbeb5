package fuzz

// Bitmap commands of the grammar: they read and write the same string
// keys as the string commands.
func init() {
	offset := func(g *Gen) string {
		// No offset near the 512 MB limit: both servers would allocate it.
		return g.pick("0", "1", "7", "8", "15", "31", "100", "-1", "abc", "4294967296")
	}
	rangeArgs := func(g *Gen, args []string, max int) []string {
		n := g.src.Intn(max + 1)
		for i := 0; i < n && i < 2; i++ {
			args = append(args, g.small())
		}
		if n > 2 {
			args = append(args, g.pick("BIT", "BYTE", "bit", "bogus"))
		}
		return args
	}
	field := func(g *Gen) []string {
		typ := g.pick("u8", "i8", "u1", "i5", "u63", "i64", "u16", "i32", "u64", "x8", "i0")
		off := g.pick("0", "1", "7", "#1", "#3", "100", "-1", "abc")
		switch g.src.Intn(5) {
		case 0:
			return []string{"SET", typ, off, g.int()}
		case 1:
			return []string{"INCRBY", typ, off, g.int()}
		case 2:
			return []string{"OVERFLOW", g.pick("WRAP", "SAT", "FAIL", "bogus")}
		}
		return []string{"GET", typ, off}
	}
	addGrammar(
		genCmd{"setbit", Exact, func(g *Gen) []string {
			return []string{"SETBIT", g.key(), offset(g), g.pick("0", "1", "1", "2", "abc")}
		}},
		genCmd{"getbit", Exact, func(g *Gen) []string { return []string{"GETBIT", g.key(), offset(g)} }},
		genCmd{"bitcount", Exact, func(g *Gen) []string { return rangeArgs(g, []string{"BITCOUNT", g.key()}, 3) }},
		genCmd{"bitpos", Exact, func(g *Gen) []string {
			return rangeArgs(g, []string{"BITPOS", g.key(), g.pick("0", "1", "1", "2")}, 3)
		}},
		genCmd{"bitop", Exact, func(g *Gen) []string {
			args := []string{"BITOP", g.pick("AND", "OR", "XOR", "NOT", "not", "BOGUS"), g.key()}
			return append(args, g.keys(1)...)
		}},
		genCmd{"bitfield", Exact, func(g *Gen) []string {
			args := []string{"BITFIELD", g.key()}
			for n := g.src.Intn(4); n > 0; n-- {
				args = append(args, field(g)...)
			}
			return args
		}},
		genCmd{"bitfield_ro", Exact, func(g *Gen) []string {
			args := []string{"BITFIELD_RO", g.key()}
			for n := g.src.Intn(3); n > 0; n-- {
				if g.src.Intn(5) == 0 {
					args = append(args, field(g)...)
				} else {
					args = append(args, "GET", g.pick("u8", "i8", "u3", "i64"), g.pick("0", "5", "#2", "-1"))
				}
			}
			return args
		}},
	)
	Covered = append(Covered, "setbit", "getbit", "bitcount", "bitpos", "bitop", "bitfield", "bitfield_ro")
}
