package fuzz

import "strconv"

// Scripting commands of the grammar: EVAL of small generated scripts over
// the shared keys (so scripts meet keys of every type), EVALSHA of cached
// and unknown scripts, EVAL_RO, SCRIPT EXISTS/LOAD. Script bodies combine
// a redis.call or pcall with a return value that exercises the Lua/RESP
// conversions (integers, truncated floats, nil holes, status and error
// tables, booleans, RESP3 types after redis.setresp(3)).
func init() {
	calls := []string{
		`redis.call('get', KEYS[1])`,
		`redis.call('set', KEYS[1], ARGV[1])`,
		`redis.call('incrby', KEYS[1], ARGV[1])`,
		`redis.call('incrbyfloat', KEYS[1], 1.5)`,
		`redis.call('del', KEYS[1])`,
		`redis.call('exists', KEYS[1])`,
		`redis.call('type', KEYS[1])`,
		`redis.call('hset', KEYS[1], 'f', ARGV[1])`,
		`redis.call('hmget', KEYS[1], 'f', 'nofield')`,
		`redis.call('rpush', KEYS[1], ARGV[1], 2.5, 7)`,
		`redis.call('lrange', KEYS[1], 0, -1)`,
		`redis.call('zadd', KEYS[1], 1.5, ARGV[1])`,
		`redis.call('zscore', KEYS[1], ARGV[1])`,
		`redis.call('sadd', KEYS[1], ARGV[1])`,
		`redis.call('pexpire', KEYS[1], 100000)`,
		`redis.call('ttl', KEYS[1])`,
		`redis.call('ping')`,
		`redis.call('nosuchcmd')`,
		`redis.call('get')`,
		`redis.pcall('incr', KEYS[1])`,
		`redis.pcall('lpush', KEYS[1], 'x')`,
		`redis.pcall('set', KEYS[1])`,
	}
	returns := []string{
		`return r`,
		`return {r}`,
		`return {1, 2.9, -3.9, 'x', r, nil, 4}`,
		`return {true, false, {ok='fine'}}`,
		`return {err='My error'}`,
		`return redis.error_reply('E2 bad')`,
		`return redis.status_reply('OK2')`,
		`return type(r)`,
		`return tostring(r == false)`,
		`return #KEYS + #ARGV`,
		`return cjson.encode({k=KEYS[1]})`,
		`return {double=1.25}`,
		`return {map={a=1}}`,
		`return {set={x=true}}`,
		`return 7/2`,
		`error('failed here')`,
		`return nil`,
	}
	body := func(g *Gen) string {
		b := "local r = " + calls[g.src.Intn(len(calls))] + "\n"
		if g.src.Intn(4) == 0 {
			b = "redis.setresp(3)\n" + b
		}
		return b + returns[g.src.Intn(len(returns))]
	}
	evalArgs := func(g *Gen, name string, script string) []string {
		n := g.src.Intn(3)
		if g.src.Intn(12) == 0 {
			n = g.src.Intn(5) - 1 // too many, or negative
		}
		args := []string{name, script, strconv.Itoa(n)}
		for i := 0; i < n && i < 2; i++ {
			args = append(args, g.key())
		}
		for i := 0; i < 2; i++ {
			args = append(args, g.pick("1", "5", "-2", "x", "3.5", g.value()))
		}
		return args
	}
	addGrammar(
		genCmd{"eval", Exact, func(g *Gen) []string { return evalArgs(g, "EVAL", body(g)) }},
		genCmd{"eval_ro", Exact, func(g *Gen) []string { return evalArgs(g, "EVAL_RO", body(g)) }},
		genCmd{"evalsha", Exact, func(g *Gen) []string {
			// The SHA1 of "return 1" once SCRIPT LOAD or EVAL cached it, or unknown.
			sha := g.pick("e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "ffffffffffffffffffffffffffffffffffffffff")
			return evalArgs(g, g.pick("EVALSHA", "EVALSHA_RO"), sha)
		}},
		genCmd{"script|load", Exact, func(g *Gen) []string {
			return []string{"SCRIPT", "LOAD", g.pick("return 1", "return {1,2}", "return 1 +")}
		}},
		genCmd{"script|exists", Exact, func(g *Gen) []string {
			return []string{"SCRIPT", "EXISTS", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "abc"}
		}},
	)
	Covered = append(Covered, "eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro",
		"script|load", "script|exists", "script|flush", "script|kill", "script|help",
		"function|load", "function|list", "function|delete", "function|flush", "function|stats",
		"function|dump", "function|restore", "function|kill", "function|help")
}
