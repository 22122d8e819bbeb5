package engine

import "math"

// Expire-time commands (Redis's expire.c): EXPIRE PEXPIRE EXPIREAT
// PEXPIREAT with NX|XX|GT|LT, TTL PTTL EXPIRETIME PEXPIRETIME and PERSIST.
// Expire times are absolute unix milliseconds in the record; keys are
// reclaimed lazily on access and actively by the cron (expire.go).

func init() {
	setter := func(name string, seconds, relative bool) *Command {
		return &Command{Name: name, Arity: -3, Flags: FlagWrite | FlagFast, First: 1, Last: 1, Step: 1,
			Cats: CatKeyspace | CatWrite | CatFast,
			Proc: func(c *Client) { c.expireGeneric(name, seconds, relative) }}
	}
	getter := func(name string, ms, abs bool, tips ...string) *Command {
		return &Command{Name: name, Arity: 2, Flags: FlagReadonly | FlagFast, First: 1, Last: 1, Step: 1,
			Cats: CatKeyspace | CatRead | CatFast,
			Tips: tips, Proc: func(c *Client) { c.ttlGeneric(ms, abs) }}
	}
	register(
		setter("expire", true, true),
		setter("pexpire", false, true),
		setter("expireat", true, false),
		setter("pexpireat", false, false),
		getter("ttl", false, false, "nondeterministic_output"),
		getter("pttl", true, false, "nondeterministic_output"),
		getter("expiretime", false, true),
		getter("pexpiretime", true, true),
		&Command{Name: "persist", Arity: 2, Flags: FlagWrite | FlagFast, First: 1, Last: 1, Step: 1,
			Cats: CatKeyspace | CatWrite | CatFast, Proc: cmdPersist},
	)
}

// EXPIRE's conditions.
const (
	expireNX = 1 << iota
	expireXX
	expireGT
	expireLT
)

// parseExpireOptions parses NX|XX|GT|LT from args, returning the error
// reply ("" when they parsed), as Redis's parseExtendedExpireArgumentsOrReply.
func parseExpireOptions(args [][]byte) (flags int, errMsg string) {
	for _, a := range args {
		switch {
		case eqFold(a, "nx"):
			flags |= expireNX
		case eqFold(a, "xx"):
			flags |= expireXX
		case eqFold(a, "gt"):
			flags |= expireGT
		case eqFold(a, "lt"):
			flags |= expireLT
		default:
			return 0, "ERR Unsupported option " + string(cString(a))
		}
	}
	if flags&expireNX != 0 && flags&(expireXX|expireGT|expireLT) != 0 {
		return 0, "ERR NX and XX, GT or LT options at the same time are not compatible"
	}
	if flags&expireGT != 0 && flags&expireLT != 0 {
		return 0, "ERR GT and LT options at the same time are not compatible"
	}
	return flags, ""
}

// expireGeneric implements EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT
// (Redis's expireGenericCommand): the time is in seconds or milliseconds,
// relative to now or absolute. A time already past deletes the key and
// replies 1.
func (c *Client) expireGeneric(cmdName string, seconds, relative bool) {
	flags, errMsg := parseExpireOptions(c.Args[3:])
	if errMsg != "" {
		c.W.Error(errMsg)
		return
	}
	when, ok := parseInt64(c.Args[2])
	if !ok {
		c.W.Error(errNotInt)
		return
	}
	if seconds {
		if when > math.MaxInt64/1000 || when < math.MinInt64/1000 {
			c.W.Error(errInvalidExpire(cmdName))
			return
		}
		when *= 1000
	}
	var base int64
	if relative {
		base = c.now()
	}
	if when > math.MaxInt64-base {
		c.W.Error(errInvalidExpire(cmdName))
		return
	}
	when += base
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h := c.lookupMode(sh, d, key, h32, 0)
	if h == 0 {
		c.W.Int(0)
		return
	}
	if flags != 0 {
		cur := int64(-1)
		if r := sh.rec(h); r.hasExpire() {
			cur = r.expireAt()
		}
		if flags&expireNX != 0 && cur != -1 ||
			flags&expireXX != 0 && cur == -1 ||
			flags&expireGT != 0 && (cur == -1 || when <= cur) ||
			flags&expireLT != 0 && cur != -1 && when >= cur {
			c.W.Int(0)
			return
		}
	}
	if when <= c.now() {
		sh.remove(d, h)
		c.modified(key)
		c.logDel(key)
	} else {
		sh.setExpire(d, h, when)
		c.modified(key)
		c.logPExpireAt(key, when, c.Args[3:])
	}
	c.W.Int(1)
}

// ttlGeneric implements TTL, PTTL, EXPIRETIME and PEXPIRETIME: the time
// left (or the absolute time with abs) in milliseconds or rounded seconds;
// -2 for a missing key, -1 for one without an expire time.
func (c *Client) ttlGeneric(ms, abs bool) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	h := c.lookupMode(sh, d, key, h32, lookNoTouch|lookStats)
	ttl := int64(-2)
	if h != 0 {
		ttl = -1
		if r := sh.rec(h); r.hasExpire() {
			ttl = r.expireAt()
			if !abs {
				ttl -= c.now()
			}
			ttl = max(ttl, 0)
			if !ms {
				// (ttl+500)/1000 without overflowing near MaxInt64.
				ttl = ttl/1000 + (ttl%1000+500)/1000
			}
		}
	}
	sh.mu.Unlock()
	c.W.Int(ttl)
}

func cmdPersist(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h := c.lookupMode(sh, d, key, h32, 0)
	if h == 0 || !sh.rec(h).hasExpire() {
		c.W.Int(0)
		return
	}
	sh.setExpire(d, h, 0)
	c.modified(key)
	c.W.Int(1)
}
