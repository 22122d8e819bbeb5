package fuzz

import "strings"

// Hash commands of the grammar. Fields come from a small set so commands
// meet the same fields; an occasional 70-byte field or value turns a hash
// into a hashtable, whose whole-hash replies (HGETALL, HKEYS, HVALS,
// HSCAN) are compared unordered and whose random picks by shape.
// HRANDFIELD counts stay small: redis-server builds a reply of any size
// asked for, and a huge negative count takes it down. The field-expiry
// commands of Redis 7.4/8 are not in the 7.0 reference server; the engine
// script tests cover them.
func init() {
	long := strings.Repeat("z", 70)
	field := func(g *Gen) string {
		if g.src.Intn(25) == 0 {
			return long
		}
		return g.pick("f", "g", "h", "a", "1", "-2", "", "field", "007")
	}
	value := func(g *Gen) string {
		if g.src.Intn(25) == 0 {
			return long
		}
		return g.value()
	}
	hashKey := func(g *Gen) string {
		if g.src.Intn(2) == 0 {
			return g.pick("hash", "h1", "h2")
		}
		return g.key()
	}
	fields := func(g *Gen, args []string) []string {
		for n := 1 + g.src.Intn(3); n > 0; n-- {
			args = append(args, field(g))
		}
		return args
	}
	pairs := func(g *Gen, args []string) []string {
		for n := 1 + g.src.Intn(3); n > 0; n-- {
			args = append(args, field(g), value(g))
		}
		return args
	}
	count := func(g *Gen) string {
		return g.pick("0", "1", "2", "3", "5", "10", "-1", "-3", "-7", "abc", "1.5", "-9223372036854775808",
			"4611686018427387904")
	}
	addGrammar(
		genCmd{"hset", Exact, func(g *Gen) []string { return pairs(g, []string{"HSET", hashKey(g)}) }},
		genCmd{"hmset", Exact, func(g *Gen) []string { return pairs(g, []string{"HMSET", hashKey(g)}) }},
		genCmd{"hsetnx", Exact, func(g *Gen) []string { return []string{"HSETNX", hashKey(g), field(g), value(g)} }},
		genCmd{"hget", Exact, func(g *Gen) []string { return []string{"HGET", hashKey(g), field(g)} }},
		genCmd{"hmget", Exact, func(g *Gen) []string { return fields(g, []string{"HMGET", hashKey(g)}) }},
		genCmd{"hdel", Exact, func(g *Gen) []string { return fields(g, []string{"HDEL", hashKey(g)}) }},
		genCmd{"hexists", Exact, func(g *Gen) []string { return []string{"HEXISTS", hashKey(g), field(g)} }},
		genCmd{"hlen", Exact, func(g *Gen) []string { return []string{"HLEN", hashKey(g)} }},
		genCmd{"hstrlen", Exact, func(g *Gen) []string { return []string{"HSTRLEN", hashKey(g), field(g)} }},
		genCmd{"hgetall", Unordered, func(g *Gen) []string { return []string{"HGETALL", hashKey(g)} }},
		genCmd{"hkeys", Unordered, func(g *Gen) []string { return []string{"HKEYS", hashKey(g)} }},
		genCmd{"hvals", Unordered, func(g *Gen) []string { return []string{"HVALS", hashKey(g)} }},
		genCmd{"hincrby", Exact, func(g *Gen) []string { return []string{"HINCRBY", hashKey(g), field(g), g.int()} }},
		genCmd{"hincrbyfloat", Exact, func(g *Gen) []string {
			return []string{"HINCRBYFLOAT", hashKey(g), field(g), g.float()}
		}},
		genCmd{"hrandfield", Shape, func(g *Gen) []string {
			args := []string{"HRANDFIELD", hashKey(g)}
			if g.src.Intn(4) != 0 {
				args = append(args, count(g))
				if g.src.Intn(2) == 0 {
					args = append(args, g.pick("WITHVALUES", "withvalues", "WITHVALUE"))
				}
			}
			return args
		}},
		genCmd{"hscan", Unordered, func(g *Gen) []string {
			// No other valid cursor: on a hashtable it names a bucket,
			// which depends on each server's random hash seed.
			args := []string{"HSCAN", hashKey(g), g.pick("0", "0", "0", "abc", "18446744073709551616")}
			if g.src.Intn(2) == 0 {
				args = append(args, "MATCH", g.pick("*", "f*", "?", "[fg]", "", "z*"))
			}
			// COUNT large enough that one call covers a hashtable on both.
			return append(args, "COUNT", g.pick("1000", "1000", "0", "abc"))
		}},
	)
	WrongTypeMakers["hset"] = true
	Covered = append(Covered, "hset", "hmset", "hsetnx", "hget", "hmget", "hdel", "hexists", "hlen", "hstrlen",
		"hgetall", "hkeys", "hvals", "hincrby", "hincrbyfloat", "hrandfield", "hscan")
}
