package engine

import "math"

// Counters: INCR, DECR, INCRBY, DECRBY and INCRBYFLOAT (Redis's
// incrDecrCommand and incrbyfloatCommand).

func init() {
	num := func(name string, arity int, proc func(*Client)) *Command {
		return &Command{Name: name, Arity: arity, Flags: FlagWrite | FlagDenyOOM | FlagFast, First: 1, Last: 1, Step: 1,
			Cats: CatWrite | CatString | CatFast, Proc: proc}
	}
	register(
		num("incr", 2, cmdIncr),
		num("decr", 2, cmdDecr),
		num("incrby", 3, cmdIncrBy),
		num("decrby", 3, cmdDecrBy),
		num("incrbyfloat", 3, cmdIncrByFloat),
	)
}

func cmdIncr(c *Client) { c.incrDecr(1) }

func cmdDecr(c *Client) { c.incrDecr(-1) }

func cmdIncrBy(c *Client) {
	n, ok := parseInt64(c.Args[2])
	if !ok {
		c.W.Error(errNotInt)
		return
	}
	c.incrDecr(n)
}

func cmdDecrBy(c *Client) {
	n, ok := parseInt64(c.Args[2])
	if !ok {
		c.W.Error(errNotInt)
		return
	}
	if n == math.MinInt64 {
		c.W.Error("ERR decrement would overflow")
		return
	}
	c.incrDecr(-n)
}

// incrDecr adds incr to the integer at c.Args[1] (0 when missing), keeping
// its expire time. An integer record is updated in place.
func (c *Client) incrDecr(incr int64) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h := c.lookup(sh, d, key, h32)
	var v, expire int64
	if h != 0 {
		r := sh.rec(h)
		if !isString(r) {
			c.W.Error(errWrongType)
			return
		}
		if r.kind() == kindInt {
			v = r.intVal()
		} else {
			var ok bool
			if v, ok = parseInt64(sh.stringBytes(r, nil)); !ok {
				c.W.Error(errNotInt)
				return
			}
		}
		if r.hasExpire() {
			expire = r.expireAt()
		}
	}
	if (incr < 0 && v < 0 && incr < math.MinInt64-v) || (incr > 0 && v > 0 && incr > math.MaxInt64-v) {
		c.W.Error(errOverflow)
		return
	}
	v += incr
	sh.writeInt(d, key, h32, h, v, expire, c.e.lruClock())
	c.modified(key)
	c.W.Int(v)
}

// cmdIncrByFloat adds in long double precision (see t_string_float.go) and
// stores the result as a string, keeping the key's expire time. The
// current value is checked before the increment, as in Redis.
func cmdIncrByFloat(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h := c.lookup(sh, d, key, h32)
	v := newLD()
	var expire int64
	if h != 0 {
		r := sh.rec(h)
		if !isString(r) {
			c.W.Error(errWrongType)
			return
		}
		if r.kind() == kindInt {
			v.SetInt64(r.intVal())
		} else if !ldParse(v, sh.stringBytes(r, nil)) {
			c.W.Error(errNotFloat)
			return
		}
		if r.hasExpire() {
			expire = r.expireAt()
		}
	}
	incr := newLD()
	if !ldParse(incr, c.Args[2]) {
		c.W.Error(errNotFloat)
		return
	}
	if !ldAdd(v, incr) {
		c.W.Error("ERR increment would produce NaN or Infinity")
		return
	}
	out := ldAppendHuman(c.tmp[:0], v)
	sh.writeBytes(d, key, h32, h, out, expire, c.e.lruClock(), 0)
	c.modified(key)
	c.logAs(argSet, key, out, argKeepTTL)
	c.W.Bulk(out)
}
