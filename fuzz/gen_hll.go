package fuzz

import "strconv"

// HyperLogLog commands of the grammar. HLLs are strings with a byte-exact
// representation, so GET of an HLL key is compared exactly too (the string
// grammar reads the shared keys). Elements mix a few repeated values, for
// PFADD replies of 0, with numbered ones, so sparse HLLs grow; a small
// hll-sparse-max-bytes now and then makes them dense.
func init() {
	hllKey := func(g *Gen) string {
		if g.src.Intn(3) == 0 {
			return g.key()
		}
		return g.pick("hll1", "hll2", "hll3")
	}
	elements := func(g *Gen, args []string) []string {
		n := g.src.Intn(4)
		if g.src.Intn(5) == 0 {
			n = 50 + g.src.Intn(200)
		}
		base := g.src.Intn(100000)
		for i := 0; i < n; i++ {
			if g.src.Intn(4) == 0 {
				args = append(args, g.value())
			} else {
				args = append(args, "e"+strconv.Itoa(base+i))
			}
		}
		return args
	}
	keys := func(g *Gen, args []string) []string {
		for n := 1 + g.src.Intn(3); n > 0; n-- {
			args = append(args, hllKey(g))
		}
		return args
	}
	addGrammar(
		genCmd{"pfadd", Exact, func(g *Gen) []string { return elements(g, []string{"PFADD", hllKey(g)}) }},
		genCmd{"pfcount", Exact, func(g *Gen) []string { return keys(g, []string{"PFCOUNT"}) }},
		genCmd{"pfmerge", Exact, func(g *Gen) []string { return keys(g, []string{"PFMERGE", hllKey(g)}) }},
		genCmd{"get", Exact, func(g *Gen) []string { return []string{"GET", hllKey(g)} }},
		genCmd{"pfdebug", Exact, func(g *Gen) []string {
			return []string{"PFDEBUG", g.pick("ENCODING", "DECODE", "TODENSE", "GETREG", "bogus"), hllKey(g)}
		}},
		genCmd{"config|set", Exact, func(g *Gen) []string {
			return []string{"CONFIG", "SET", "hll-sparse-max-bytes", g.pick("3000", "3000", "100", "0", "20000")}
		}},
	)
	Covered = append(Covered, "pfadd", "pfcount", "pfmerge", "pfdebug", "pfselftest")
}
