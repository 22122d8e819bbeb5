package fuzz

import (
	"github.com/updraftdb/updraft/persistence/rdb"
)

// restoreArgs builds a RESTORE with a valid payload of a random value (or,
// now and then, a corrupted one), a TTL and options.
func (g *Gen) restoreArgs() []string {
	payload := string(rdb.AppendDump(nil, g.dumpValue()))
	switch g.src.Intn(12) {
	case 0:
		payload = payload[:len(payload)-1] + "\x00" // wrong checksum
	case 1:
		payload = "garbage"
	}
	// A TTL of 1 ms is only used as an absolute time in the past: as a
	// relative one it would race between the two servers.
	ttl := g.pick("0", "0", "0", "100000", "-1", "abc", "4102444800000", "1")
	args := []string{"RESTORE", g.key(), ttl, payload}
	if ttl == "1" {
		args = append(args, "ABSTTL")
	}
	for n := g.src.Intn(3); n > 0; n-- {
		switch g.src.Intn(6) {
		case 0, 1:
			args = append(args, g.pick("REPLACE", "replace"))
		case 2:
			args = append(args, "ABSTTL")
		case 3:
			args = append(args, "IDLETIME", g.pick("0", "100", "-1", "abc"))
		case 4:
			args = append(args, "FREQ", g.pick("0", "5", "255", "256"))
		default:
			args = append(args, "BOGUS")
		}
	}
	return args
}

// has reports whether the grammar keeps command key (the type it belongs
// to is implemented).
func (g *Gen) has(key string) bool { return g.keep == nil || g.keep(key) }

// dumpValue is a random value of a kind Updraft implements, built from the
// generator's values.
func (g *Gen) dumpValue() rdb.Value {
	elems := func(n int) [][]byte {
		out := make([][]byte, n)
		for i := range out {
			out[i] = []byte(g.value())
		}
		return out
	}
	kind := g.src.Intn(6)
	if maker := [...]string{"rpush", "sadd", "hset", "zadd"}; kind < len(maker) && !g.has(maker[kind]) {
		kind = 5
	}
	switch kind {
	case 0:
		return rdb.Value{Kind: rdb.List, Elems: elems(1 + g.src.Intn(4))}
	case 1:
		return rdb.Value{Kind: rdb.Set, Elems: distinct(elems(1 + g.src.Intn(4)))}
	case 2:
		fields := distinct(elems(1 + g.src.Intn(3)))
		v := rdb.Value{Kind: rdb.Hash}
		for _, f := range fields {
			v.Elems = append(v.Elems, f, []byte(g.value()))
		}
		return v
	case 3:
		members := distinct(elems(1 + g.src.Intn(3)))
		v := rdb.Value{Kind: rdb.ZSet, Elems: members}
		for range members {
			v.Scores = append(v.Scores, float64(g.src.Intn(20)-5)/2)
		}
		sortByScore(&v)
		return v
	}
	return rdb.Value{Kind: rdb.String, Str: []byte(g.value())}
}

func distinct(xs [][]byte) [][]byte {
	seen := map[string]bool{}
	out := xs[:0]
	for _, x := range xs {
		if !seen[string(x)] {
			seen[string(x)] = true
			out = append(out, x)
		}
	}
	return out
}

// sortByScore orders a sorted set's members as Redis keeps them: by score,
// then member.
func sortByScore(v *rdb.Value) {
	for i := 1; i < len(v.Elems); i++ {
		for j := i; j > 0; j-- {
			a, b := j-1, j
			if v.Scores[a] < v.Scores[b] || v.Scores[a] == v.Scores[b] && string(v.Elems[a]) <= string(v.Elems[b]) {
				break
			}
			v.Scores[a], v.Scores[b] = v.Scores[b], v.Scores[a]
			v.Elems[a], v.Elems[b] = v.Elems[b], v.Elems[a]
		}
	}
}
