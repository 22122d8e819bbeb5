package fuzz

import (
	"math/rand/v2"
	"strconv"
)

// Source gives the generator its choices: Intn returns a number in [0, n).
type Source interface{ Intn(n int) int }

// RandSource draws choices from a seeded PRNG.
type RandSource struct{ R *rand.Rand }

// NewRandSource returns a RandSource seeded with seed.
func NewRandSource(seed uint64) RandSource {
	return RandSource{R: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// Intn implements Source.
func (s RandSource) Intn(n int) int {
	if n <= 1 {
		return 0
	}
	return s.R.IntN(n)
}

// ByteSource draws choices from fuzz input, two bytes each; once the input
// is used up every choice is 0.
type ByteSource struct {
	Data []byte
	pos  int
}

// Intn implements Source.
func (s *ByteSource) Intn(n int) int {
	if n <= 1 {
		return 0
	}
	v := 0
	for i := 0; i < 2; i++ {
		v <<= 8
		if s.pos < len(s.Data) {
			v |= int(s.Data[s.pos])
			s.pos++
		}
	}
	return v % n
}

// Done reports whether the input is used up.
func (s *ByteSource) Done() bool { return s.pos >= len(s.Data) }

// Gen builds random commands from a per-command argument grammar over a
// small key space, with wrong types, wrong arity, bad numbers and
// out-of-range indexes mixed in.
type Gen struct {
	src  Source
	cmds []genCmd
	keep func(key string) bool
}

// genCmd is one command of the grammar: its name (a CommandKey), how its
// replies are compared, and its argument generator.
type genCmd struct {
	key  string
	mode Mode
	gen  func(g *Gen) []string
}

// NewGen returns a generator over the grammar's commands for which keep
// returns true (the test drops those in KnownMissing, and the wrong-type
// makers Updraft lacks).
func NewGen(src Source, keep func(key string) bool) *Gen {
	g := &Gen{src: src, keep: keep}
	for _, c := range grammar {
		if keep == nil || keep(c.key) {
			g.cmds = append(g.cmds, c)
		}
	}
	return g
}

// Commands returns the keys of the commands the generator draws from.
func (g *Gen) Commands() []string {
	out := make([]string, len(g.cmds))
	for i, c := range g.cmds {
		out[i] = c.key
	}
	return out
}

// Next returns a random command as a script line.
func (g *Gen) Next(no int) Line {
	c := g.cmds[g.src.Intn(len(g.cmds))]
	words := c.gen(g)
	if g.src.Intn(40) == 0 && !fixedArity[c.key] {
		// Wrong arity: drop or add an argument.
		if len(words) > 1 && g.src.Intn(2) == 0 {
			words = words[:len(words)-1]
		} else {
			words = append(words, g.value())
		}
	}
	args := make([][]byte, len(words))
	for i, w := range words {
		args[i] = []byte(w)
	}
	text := Quote(args)
	if c.mode != Exact {
		text = string(c.mode) + text
	}
	return Line{No: no, Text: text, Mode: c.mode, Args: args}
}

// Script returns n random commands as a script.
func (g *Gen) Script(name string, n int) *Script {
	s := &Script{Name: name}
	for i := 1; i <= n; i++ {
		s.Lines = append(s.Lines, g.Next(i))
	}
	return s
}

func (g *Gen) pick(xs ...string) string { return xs[g.src.Intn(len(xs))] }

// Keys: a few strings, and keys other types live in for wrong-type errors.
var genKeys = []string{"a", "b", "c", "n", "f", "{t}x", "", "list", "set", "hash", "zset"}

func (g *Gen) key() string { return genKeys[g.src.Intn(len(genKeys))] }

func (g *Gen) keys(min int) []string {
	out := make([]string, min+g.src.Intn(3))
	for i := range out {
		out[i] = g.key()
	}
	return out
}

var genInts = []string{"0", "1", "-1", "2", "3", "5", "10", "-7", "100", "1000",
	"9223372036854775807", "-9223372036854775808", "9223372036854775806", "9223372036854775808",
	"-9223372036854775809", "007", "+1", "1.0", "1e3", " 1", "abc", "", "0x10", "-0"}

func (g *Gen) int() string { return genInts[g.src.Intn(len(genInts))] }

// small returns an index, usually small, sometimes negative or huge.
func (g *Gen) small() string {
	if g.src.Intn(4) == 0 {
		return g.int()
	}
	return strconv.Itoa(g.src.Intn(24) - 8)
}

// No denormals such as 1e-310: parsing one leaves errno at ERANGE in
// redis-server, and SORT, which reads errno without clearing it, then fails
// at random later on (scripts test denormals where they are deterministic).
var genFloats = []string{"0", "1.5", "-2.25", "0.1", "1e3", "5.0e-3", "3", "-0", "inf", "-inf", "+inf", "nan",
	"1.7976931348623157e308", "1e400", "abc", "", "1.5 ", "0x10", ".5", "5.", "10.50"}

func (g *Gen) float() string { return genFloats[g.src.Intn(len(genFloats))] }

var genValues = []string{"v", "hello", "", "0", "1", "-1", "12", "10.5", "9223372036854775807",
	"9223372036854775808", "00", "1e3", "a b", "\x00\xff", "héllo", "123456789012345678901234567890",
	"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "-0", " 5", "3.0"}

func (g *Gen) value() string {
	if g.src.Intn(6) == 0 {
		return g.int()
	}
	return genValues[g.src.Intn(len(genValues))]
}

// Expiry amounts: none positive and small enough to pass between the two
// servers' runs of a command (PEXPIRE 1 would race); zero, negative and
// past times remove the key at once on both.
var genSeconds = []string{"100", "1000", "86400", "0", "-1", "-100", "9223372036854775807", "9223372036854", "abc", "1.5", ""}
var genMillis = []string{"100000", "5000000", "0", "-1", "9223372036854775807", "9223372036854775", "abc", "-9223372036854775808"}
var genUnixSec = []string{"4102444800", "1", "0", "-1", "1700000000", "9223372036854775807", "abc"}
var genUnixMs = []string{"4102444800000", "1", "0", "-1", "1700000000000", "9223372036854775807", "abc"}

// SET stores a key with a past EXAT/PXAT, to expire lazily: until
// redis-server's active expiry happens upon it, DBSIZE counts it. So SET
// gets no past times.
var genFutureSec = []string{"4102444800", "0", "-1", "9223372036854775807", "abc"}
var genFutureMs = []string{"4102444800000", "0", "-1", "9223372036854775807", "abc"}

func (g *Gen) secs() string   { return g.pick(genSeconds...) }
func (g *Gen) millis() string { return g.pick(genMillis...) }

// expireOpt is one of SET/GETEX's expiry options with an amount, in the
// past too when past is set.
func (g *Gen) expireOpt(past bool) []string {
	sec, ms := genFutureSec, genFutureMs
	if past {
		sec, ms = genUnixSec, genUnixMs
	}
	switch g.src.Intn(5) {
	case 0:
		return []string{g.pick("EX", "ex"), g.secs()}
	case 1:
		return []string{"PX", g.millis()}
	case 2:
		return []string{"EXAT", g.pick(sec...)}
	case 3:
		return []string{"PXAT", g.pick(ms...)}
	}
	return []string{"KEEPTTL"}
}

func (g *Gen) setArgs() []string {
	args := []string{"SET", g.key(), g.value()}
	for n := g.src.Intn(4); n > 0; n-- {
		switch g.src.Intn(6) {
		case 0:
			args = append(args, g.pick("NX", "XX", "nx"))
		case 1:
			args = append(args, "GET")
		case 2, 3:
			args = append(args, g.expireOpt(false)...)
		case 4:
			args = append(args, g.pick("EX", "BOGUS", "PX"))
		default:
			args = append(args, g.pick("XX", "NX"))
		}
	}
	return args
}

func (g *Gen) expireFlags(args []string) []string {
	for n := g.src.Intn(3); n > 0 && g.src.Intn(2) == 0; n-- {
		args = append(args, g.pick("NX", "XX", "GT", "LT", "gt", "FOO"))
	}
	return args
}

func (g *Gen) pattern() string {
	return g.pick("*", "a", "?", "[ab]", "[^a]*", "{t}*", "*x", "h*", "\\*", "[a-c]", "[", "list", "")
}

func (g *Gen) db() string { return g.pick("0", "1", "2", "15", "16", "-1", "abc", "2147483648") }

// grammar is the command set the generator draws from.
var grammar = []genCmd{
	// Strings.
	{"get", Exact, func(g *Gen) []string { return []string{"GET", g.key()} }},
	{"set", Exact, func(g *Gen) []string { return g.setArgs() }},
	{"setnx", Exact, func(g *Gen) []string { return []string{"SETNX", g.key(), g.value()} }},
	{"setex", Exact, func(g *Gen) []string { return []string{"SETEX", g.key(), g.secs(), g.value()} }},
	{"psetex", Exact, func(g *Gen) []string { return []string{"PSETEX", g.key(), g.millis(), g.value()} }},
	{"mget", Exact, func(g *Gen) []string { return append([]string{"MGET"}, g.keys(1)...) }},
	{"mset", Exact, func(g *Gen) []string {
		args := []string{"MSET"}
		for n := 1 + g.src.Intn(3); n > 0; n-- {
			args = append(args, g.key(), g.value())
		}
		return args
	}},
	{"msetnx", Exact, func(g *Gen) []string {
		args := []string{"MSETNX"}
		for n := 1 + g.src.Intn(3); n > 0; n-- {
			args = append(args, g.key(), g.value())
		}
		return args
	}},
	{"getset", Exact, func(g *Gen) []string { return []string{"GETSET", g.key(), g.value()} }},
	{"getdel", Exact, func(g *Gen) []string { return []string{"GETDEL", g.key()} }},
	{"getex", Exact, func(g *Gen) []string {
		args := []string{"GETEX", g.key()}
		switch g.src.Intn(4) {
		case 0:
		case 1:
			args = append(args, "PERSIST")
		default:
			opt := g.expireOpt(true)
			if opt[0] == "KEEPTTL" {
				opt = []string{"PERSIST", "EX", "10"}
			}
			args = append(args, opt...)
		}
		return args
	}},
	{"incr", Exact, func(g *Gen) []string { return []string{"INCR", g.key()} }},
	{"decr", Exact, func(g *Gen) []string { return []string{"DECR", g.key()} }},
	{"incrby", Exact, func(g *Gen) []string { return []string{"INCRBY", g.key(), g.int()} }},
	{"decrby", Exact, func(g *Gen) []string { return []string{"DECRBY", g.key(), g.int()} }},
	{"incrbyfloat", Exact, func(g *Gen) []string { return []string{"INCRBYFLOAT", g.key(), g.float()} }},
	{"append", Exact, func(g *Gen) []string { return []string{"APPEND", g.key(), g.value()} }},
	{"strlen", Exact, func(g *Gen) []string { return []string{"STRLEN", g.key()} }},
	{"getrange", Exact, func(g *Gen) []string { return []string{"GETRANGE", g.key(), g.small(), g.small()} }},
	{"substr", Exact, func(g *Gen) []string { return []string{"SUBSTR", g.key(), g.small(), g.small()} }},
	{"setrange", Exact, func(g *Gen) []string {
		// Offsets stay small (a big one makes both servers allocate it),
		// except past the 512 MB limit, which is an error.
		off := g.pick("0", "1", "3", "10", "-1", "536870911", "536870912", "abc", "100")
		if off == "536870911" {
			return []string{"SETRANGE", g.key(), off, ""}
		}
		return []string{"SETRANGE", g.key(), off, g.value()}
	}},
	{"lcs", Exact, func(g *Gen) []string {
		args := []string{"LCS", g.key(), g.key()}
		for n := g.src.Intn(3); n > 0; n-- {
			switch g.src.Intn(5) {
			case 0:
				args = append(args, "LEN")
			case 1:
				args = append(args, "IDX")
			case 2:
				args = append(args, "MINMATCHLEN", g.small())
			case 3:
				args = append(args, "WITHMATCHLEN")
			default:
				args = append(args, "BOGUS")
			}
		}
		return args
	}},
	// Keys.
	{"del", Exact, func(g *Gen) []string { return append([]string{"DEL"}, g.keys(1)...) }},
	{"unlink", Exact, func(g *Gen) []string { return append([]string{"UNLINK"}, g.keys(1)...) }},
	{"exists", Exact, func(g *Gen) []string { return append([]string{"EXISTS"}, g.keys(1)...) }},
	{"type", Exact, func(g *Gen) []string { return []string{"TYPE", g.key()} }},
	{"rename", Exact, func(g *Gen) []string { return []string{"RENAME", g.key(), g.key()} }},
	{"renamenx", Exact, func(g *Gen) []string { return []string{"RENAMENX", g.key(), g.key()} }},
	{"copy", Exact, func(g *Gen) []string {
		args := []string{"COPY", g.key(), g.key()}
		if g.src.Intn(3) == 0 {
			args = append(args, "DB", g.db())
		}
		if g.src.Intn(2) == 0 {
			args = append(args, g.pick("REPLACE", "replace", "BOGUS"))
		}
		return args
	}},
	{"touch", Exact, func(g *Gen) []string { return append([]string{"TOUCH"}, g.keys(1)...) }},
	{"keys", Unordered, func(g *Gen) []string { return []string{"KEYS", g.pattern()} }},
	{"scan", Unordered, func(g *Gen) []string {
		args := []string{"SCAN", g.pick("0", "0", "0", "abc", "18446744073709551616")}
		if g.src.Intn(2) == 0 {
			args = append(args, "MATCH", g.pattern())
		}
		// COUNT large enough that one call covers the key space on both.
		args = append(args, "COUNT", g.pick("1000", "1000", "0", "-1", "abc"))
		if g.src.Intn(3) == 0 {
			args = append(args, "TYPE", g.pick("string", "list", "set", "hash", "zset", "bogus"))
		}
		return args
	}},
	{"randomkey", Shape, func(g *Gen) []string { return []string{"RANDOMKEY"} }},
	{"object|encoding", Exact, func(g *Gen) []string { return []string{"OBJECT", "ENCODING", g.key()} }},
	{"dump", Payload, func(g *Gen) []string { return []string{"DUMP", g.key()} }},
	{"restore", Exact, func(g *Gen) []string { return g.restoreArgs() }},
	{"object|freq", Exact, func(g *Gen) []string { return []string{"OBJECT", "FREQ", g.key()} }},
	{"object|idletime", Approx, func(g *Gen) []string { return []string{"OBJECT", "IDLETIME", g.key()} }},
	// Expiry.
	{"expire", Exact, func(g *Gen) []string { return g.expireFlags([]string{"EXPIRE", g.key(), g.secs()}) }},
	{"pexpire", Exact, func(g *Gen) []string { return g.expireFlags([]string{"PEXPIRE", g.key(), g.millis()}) }},
	{"expireat", Exact, func(g *Gen) []string {
		return g.expireFlags([]string{"EXPIREAT", g.key(), g.pick(genUnixSec...)})
	}},
	{"pexpireat", Exact, func(g *Gen) []string {
		return g.expireFlags([]string{"PEXPIREAT", g.key(), g.pick(genUnixMs...)})
	}},
	{"expiretime", Approx, func(g *Gen) []string { return []string{"EXPIRETIME", g.key()} }},
	{"pexpiretime", Approx, func(g *Gen) []string { return []string{"PEXPIRETIME", g.key()} }},
	{"ttl", Approx, func(g *Gen) []string { return []string{"TTL", g.key()} }},
	{"pttl", Approx, func(g *Gen) []string { return []string{"PTTL", g.key()} }},
	{"persist", Exact, func(g *Gen) []string { return []string{"PERSIST", g.key()} }},
	// Databases.
	{"select", Exact, func(g *Gen) []string { return []string{"SELECT", g.pick("0", "0", "1", "2", "16", "-1", "abc")} }},
	{"move", Exact, func(g *Gen) []string { return []string{"MOVE", g.key(), g.db()} }},
	{"swapdb", Exact, func(g *Gen) []string { return []string{"SWAPDB", g.db(), g.db()} }},
	{"dbsize", Exact, func(g *Gen) []string { return []string{"DBSIZE"} }},
	{"flushdb", Exact, func(g *Gen) []string {
		if g.src.Intn(4) != 0 {
			return []string{"DBSIZE"} // keep flushes rare
		}
		return []string{"FLUSHDB", g.pick("SYNC", "ASYNC", "sync")}
	}},
	// Connection.
	{"ping", Exact, func(g *Gen) []string {
		if g.src.Intn(2) == 0 {
			return []string{"PING"}
		}
		return []string{"PING", g.value()}
	}},
	{"echo", Exact, func(g *Gen) []string { return []string{"ECHO", g.value()} }},
	{"hello", Shape, func(g *Gen) []string { return []string{"HELLO", g.pick("2", "3", "3", "4", "abc", "1")} }},
}

// fixedArity are the commands the generator never gives a wrong number of
// arguments: SPOP without its count would pop at random, and the two
// servers' data would differ from then on; ZRANK and ZREVRANK take 7.2's
// WITHSCORE, so an extra argument is an arity error only on the 7.0
// reference (and inside MULTI that shows as QUEUED against an error);
// an argument added to BZPOPMIN or BZPOPMAX becomes its timeout, which
// could block both servers for good.
var fixedArity = map[string]bool{"spop": true, "zrank": true, "zrevrank": true, "bzpopmin": true, "bzpopmax": true}

// addGrammar adds a data type's commands to the grammar; each gen_*.go
// file calls it from init.
func addGrammar(cmds ...genCmd) { grammar = append(grammar, cmds...) }

// WrongTypeMakers are the grammar's commands that only create keys of
// other types; the tests keep them only when Updraft implements them.
var WrongTypeMakers = map[string]bool{}
