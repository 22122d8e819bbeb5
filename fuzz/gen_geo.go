package fuzz

// Geo commands of the grammar. Positions come from a few clusters (near
// each other, across the antimeridian, near the poles' limits) so searches
// find several members, some at equal distances. Geo keys are sorted sets
// and share "zset" with the sorted set grammar. STOREDIST results go to
// their own keys, whose full-precision scores the grammar never reads (the
// last ulp of a distance can differ from glibc's, see engine/geohash_math.go).
func init() {
	lons := []string{"13.361389", "15.087269", "13.583333", "-0.1278", "2.3522", "179.9", "-179.95",
		"0", "-180", "180", "139.6917", "181", "abc", "1e400", "-73.9857"}
	lats := []string{"38.115556", "37.502669", "37.316667", "51.5074", "48.8566", "-33.86", "0",
		"85.05112878", "-85.05112878", "85.06", "35.6895", "nan", "40.7484"}
	geoKey := func(g *Gen) string {
		if g.src.Intn(4) == 0 {
			return g.key()
		}
		return g.pick("geo", "geo", "g2", "zset")
	}
	member := func(g *Gen) string { return g.pick("pa", "ca", "ag", "lo", "pr", "ny", "tk", "x", "", "a") }
	radius := func(g *Gen) []string {
		return []string{g.pick("0", "10", "100", "200", "1000", "5000", "20000", "-1", "abc", "inf", "1.5"),
			g.pick("km", "km", "m", "mi", "ft", "KM", "yd")}
	}
	opts := func(g *Gen, args []string, store bool) []string {
		for n := g.src.Intn(4); n > 0; n-- {
			switch g.src.Intn(8) {
			case 0, 1:
				if !store {
					args = append(args, g.pick("WITHDIST", "WITHCOORD", "WITHHASH", "withdist"))
				}
			case 2:
				args = append(args, g.pick("ASC", "DESC", "asc"))
			case 3:
				args = append(args, "COUNT", g.pick("1", "2", "3", "10", "0", "-1", "abc"))
			case 4:
				args = append(args, "COUNT", g.pick("1", "2"), "ANY")
			case 5:
				args = append(args, g.pick("ANY", "BOGUS"))
			default:
			}
		}
		return args
	}
	search := func(g *Gen, args []string) []string {
		if g.src.Intn(2) == 0 {
			args = append(args, "FROMMEMBER", member(g))
		} else {
			args = append(args, "FROMLONLAT", g.pick(lons...), g.pick(lats...))
		}
		if g.src.Intn(2) == 0 {
			args = append(append(args, "BYRADIUS"), radius(g)...)
		} else {
			r := radius(g)
			args = append(args, "BYBOX", r[0], g.pick("100", "500", "1", "0"), r[1])
		}
		return args
	}
	addGrammar(
		genCmd{"geoadd", Exact, func(g *Gen) []string {
			args := []string{"GEOADD", geoKey(g)}
			if g.src.Intn(3) == 0 {
				args = append(args, g.pick("NX", "XX", "CH", "ch", "GT"))
			}
			for n := 1 + g.src.Intn(4); n > 0; n-- {
				args = append(args, g.pick(lons...), g.pick(lats...), member(g))
			}
			return args
		}},
		genCmd{"geopos", Exact, func(g *Gen) []string { return []string{"GEOPOS", geoKey(g), member(g), member(g)} }},
		genCmd{"geohash", Exact, func(g *Gen) []string { return []string{"GEOHASH", geoKey(g), member(g), member(g)} }},
		genCmd{"geodist", Exact, func(g *Gen) []string {
			args := []string{"GEODIST", geoKey(g), member(g), member(g)}
			if g.src.Intn(2) == 0 {
				args = append(args, radius(g)[1])
			}
			return args
		}},
		genCmd{"georadius", Exact, func(g *Gen) []string {
			args := append([]string{g.pick("GEORADIUS", "GEORADIUS_RO"), geoKey(g), g.pick(lons...), g.pick(lats...)}, radius(g)...)
			return opts(g, args, false)
		}},
		genCmd{"georadiusbymember", Exact, func(g *Gen) []string {
			args := append([]string{g.pick("GEORADIUSBYMEMBER", "GEORADIUSBYMEMBER_RO"), geoKey(g), member(g)}, radius(g)...)
			return opts(g, args, false)
		}},
		genCmd{"georadius", Exact, func(g *Gen) []string {
			args := append([]string{g.pick("GEORADIUS"), geoKey(g), g.pick(lons...), g.pick(lats...)}, radius(g)...)
			return append(opts(g, args, true), "STORE", g.pick("gdst", "zset", "a"))
		}},
		genCmd{"geosearch", Exact, func(g *Gen) []string { return opts(g, search(g, []string{"GEOSEARCH", geoKey(g)}), false) }},
		genCmd{"geosearchstore", Exact, func(g *Gen) []string {
			args := opts(g, search(g, []string{"GEOSEARCHSTORE", g.pick("gdst", "zset", "a"), geoKey(g)}), true)
			return args
		}},
		genCmd{"geosearchstore", Exact, func(g *Gen) []string {
			args := opts(g, search(g, []string{"GEOSEARCHSTORE", "gdist", geoKey(g)}), true)
			return append(args, "STOREDIST")
		}},
	)
	Covered = append(Covered, "geoadd", "geopos", "geohash", "geodist", "georadius", "georadius_ro",
		"georadiusbymember", "georadiusbymember_ro", "geosearch", "geosearchstore")
}
