package engine

// Hash commands (Redis's t_hash.c): setting, reading and deleting fields
// here; counters, HRANDFIELD and HSCAN in t_hash_more.go; field expiry and
// the Redis 8 HGETDEL/HGETEX/HSETEX in t_hash_expire.go and
// t_hash_ex.go. The data structure is in hash*.go.

func init() {
	hash := func(name string, arity int, flags Flags, cats Category, proc func(*Client)) *Command {
		return &Command{Name: name, Arity: arity, Flags: flags, First: 1, Last: 1, Step: 1,
			Cats: cats | CatHash, Proc: proc}
	}
	const (
		rFast = CatRead | CatFast
		rSlow = CatRead | CatSlow
		wFast = CatWrite | CatFast
		rdF   = FlagReadonly | FlagFast
		wrF   = FlagWrite | FlagDenyOOM | FlagFast
	)
	order := []string{"nondeterministic_output_order"}
	random := []string{"nondeterministic_output"}
	cmds := []*Command{
		hash("hset", -4, wrF, wFast, cmdHSet),
		hash("hmset", -4, wrF, wFast, cmdHSet),
		hash("hsetnx", 4, wrF, wFast, cmdHSetNX),
		hash("hget", 3, rdF, rFast, cmdHGet),
		hash("hmget", -3, rdF, rFast, cmdHMGet),
		hash("hdel", -3, FlagWrite|FlagFast, wFast, cmdHDel),
		hash("hexists", 3, rdF, rFast, cmdHExists),
		hash("hlen", 2, rdF, rFast, cmdHLen),
		hash("hstrlen", 3, rdF, rFast, cmdHStrLen),
		hash("hgetall", 2, FlagReadonly, rSlow, cmdHGetAll),
		hash("hkeys", 2, FlagReadonly, rSlow, cmdHKeys),
		hash("hvals", 2, FlagReadonly, rSlow, cmdHVals),
		hash("hincrby", 4, wrF, wFast, cmdHIncrBy),
		hash("hincrbyfloat", 4, wrF, wFast, cmdHIncrByFloat),
		hash("hrandfield", -2, FlagReadonly, rSlow, cmdHRandField),
		hash("hscan", -3, FlagReadonly, rSlow, cmdHScan),
	}
	for _, c := range cmds {
		switch c.Name {
		case "hgetall", "hkeys", "hvals":
			c.Tips = order
		case "hrandfield", "hscan":
			c.Tips = random
		}
	}
	register(cmds...)
}

// lookupHash finds key's hash for a command (h == 0: missing; ok == false:
// WRONGTYPE was written). Fields whose TTL passed are removed first, and
// the key with them when none is left, so commands never see them.
func (c *Client) lookupHash(sh *shard, d *dict, key []byte, h32 uint32, read bool) (handle, *hashObj, bool) {
	h, o, ok := lookupObject[*hashObj](c, sh, d, key, h32, read)
	if !ok || h == 0 {
		return h, o, ok
	}
	c.logDueFields(key, o, c.now())
	if o.expireDue(c.now()) > 0 {
		c.fieldsExpired(key)
		if o.length() == 0 {
			sh.remove(d, h)
			return 0, nil, true
		}
		sh.objectChanged(h)
	}
	return h, o, true
}

// hashForWrite is lookupHash that creates an empty hash for a missing key.
// The caller must add a field to a new hash before it unlocks.
func (c *Client) hashForWrite(sh *shard, d *dict, key []byte, h32 uint32) (handle, *hashObj, bool) {
	h, o, ok := c.lookupHash(sh, d, key, h32, false)
	if !ok || h != 0 {
		return h, o, ok
	}
	o = newHash()
	return sh.addObject(d, key, h32, o, c.e.lruClock()), o, true
}

// cmdHSet is HSET key field value [field value ...] (the number of added
// fields) and HMSET (+OK).
func cmdHSet(c *Client) {
	if len(c.Args)%2 != 0 {
		c.W.Error(errArity(c.cmd.Name))
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.hashForWrite(sh, d, key, h32)
	if !ok {
		return
	}
	lim := c.hashLimits()
	added := 0
	for i := 2; i < len(c.Args); i += 2 {
		if o.set(c.Args[i], c.Args[i+1], false, lim) {
			added++
		}
	}
	sh.objectChanged(h)
	c.modified(key)
	if c.cmd.Name == "hmset" {
		c.W.OK()
		return
	}
	c.W.Int(int64(added))
}

func cmdHSetNX(c *Client) {
	key, f := c.Args[1], c.Args[2]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.hashForWrite(sh, d, key, h32)
	if !ok {
		return
	}
	if _, _, found := o.get(f); found {
		c.W.Int(0)
		return
	}
	o.set(f, c.Args[3], false, c.hashLimits())
	sh.objectChanged(h)
	c.modified(key)
	c.W.Int(1)
}

func cmdHGet(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.lookupHash(sh, d, key, h32, true)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Null()
		return
	}
	if v, _, found := o.get(c.Args[2]); found {
		c.W.Bulk(v)
		return
	}
	c.W.Null()
}

func cmdHMGet(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.lookupHash(sh, d, key, h32, true)
	if !ok {
		return
	}
	c.W.Array(len(c.Args) - 2)
	for _, f := range c.Args[2:] {
		if h != 0 {
			if v, _, found := o.get(f); found {
				c.W.Bulk(v)
				continue
			}
		}
		c.W.Null()
	}
}

func cmdHDel(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.lookupHash(sh, d, key, h32, false)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Int(0)
		return
	}
	n := 0
	for _, f := range c.Args[2:] {
		if o.del(f) {
			n++
		}
	}
	if n > 0 {
		if o.length() == 0 {
			sh.remove(d, h)
		} else {
			sh.objectChanged(h)
		}
		c.modified(key)
	}
	c.W.Int(int64(n))
}

func cmdHExists(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.lookupHash(sh, d, key, h32, true)
	if !ok {
		return
	}
	if h != 0 {
		if _, _, found := o.get(c.Args[2]); found {
			c.W.Int(1)
			return
		}
	}
	c.W.Int(0)
}

func cmdHLen(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.lookupHash(sh, d, key, h32, true)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Int(0)
		return
	}
	c.W.Int(int64(o.length()))
}

func cmdHStrLen(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.lookupHash(sh, d, key, h32, true)
	if !ok {
		return
	}
	if h != 0 {
		if v, _, found := o.get(c.Args[2]); found {
			c.W.Int(int64(len(v)))
			return
		}
	}
	c.W.Int(0)
}

// HGETALL, HKEYS and HVALS share genericHgetall's reply shapes: a map
// (an empty one for a missing key) for HGETALL, arrays for the others.
const (
	hashFields = 1 << iota
	hashValues
)

func cmdHGetAll(c *Client) { c.hashGetAll(hashFields | hashValues) }
func cmdHKeys(c *Client)   { c.hashGetAll(hashFields) }
func cmdHVals(c *Client)   { c.hashGetAll(hashValues) }

func (c *Client) hashGetAll(what int) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.lookupHash(sh, d, key, h32, true)
	if !ok {
		return
	}
	n := 0
	if h != 0 {
		n = o.length()
	}
	if what == hashFields|hashValues {
		c.W.Map(n)
	} else {
		c.W.Array(n)
	}
	if h == 0 {
		return
	}
	o.each(func(f, v []byte, _ int64) bool {
		if what&hashFields != 0 {
			c.W.Bulk(f)
		}
		if what&hashValues != 0 {
			c.W.Bulk(v)
		}
		return true
	})
}
