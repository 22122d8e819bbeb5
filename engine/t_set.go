package engine

// Set commands (Redis's t_set.c): membership here; intersection, union and
// difference in t_set_ops.go; SPOP, SRANDMEMBER and SSCAN in
// t_set_rand.go. The value is a setObject (set.go).

func init() {
	set := func(name string, arity int, flags Flags, first, last int, proc func(*Client), tips ...string) *Command {
		return &Command{Name: name, Arity: arity, Flags: flags, First: first, Last: last, Step: 1,
			Cats: CatSet, Proc: proc, Tips: tips}
	}
	const (
		wFast = FlagWrite | FlagFast
		rFast = FlagReadonly | FlagFast
		wOOM  = FlagWrite | FlagDenyOOM
	)
	unordered := "nondeterministic_output_order"
	random := "nondeterministic_output"
	register(
		set("sadd", -3, wOOM|FlagFast, 1, 1, cmdSAdd),
		set("srem", -3, wFast, 1, 1, cmdSRem),
		set("smembers", 2, FlagReadonly, 1, 1, cmdSInter, unordered),
		set("sismember", 3, rFast, 1, 1, cmdSIsMember),
		set("smismember", -3, rFast, 1, 1, cmdSMIsMember),
		set("scard", 2, rFast, 1, 1, cmdSCard),
		set("spop", -2, wFast, 1, 1, cmdSPop, random),
		set("srandmember", -2, FlagReadonly, 1, 1, cmdSRandMember, random),
		set("smove", 4, wFast, 1, 2, cmdSMove),
		set("sinter", -2, FlagReadonly, 1, -1, cmdSInter, unordered),
		set("sinterstore", -3, wOOM, 1, -1, cmdSInterStore),
		set("sunion", -2, FlagReadonly, 1, -1, cmdSUnion, unordered),
		set("sunionstore", -3, wOOM, 1, -1, cmdSUnionStore),
		set("sdiff", -2, FlagReadonly, 1, -1, cmdSDiff, unordered),
		set("sdiffstore", -3, wOOM, 1, -1, cmdSDiffStore),
		set("sscan", -3, FlagReadonly, 1, 1, cmdSScan, random),
		&Command{Name: "sintercard", Arity: -3, Flags: FlagReadonly | FlagMovableKeys, Cats: CatSet,
			Proc: cmdSInterCard, KeysProc: numKeysAt(1)},
	)
}

// maxIntset is set-max-intset-entries.
func (c *Client) maxIntset() int64 { return c.e.cfg.enc.setIntsetEntries.Load() }

func cmdSAdd(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := lookupObject[*setObject](c, sh, d, key, h32, false)
	if !ok {
		return
	}
	if h == 0 {
		s = newSetFor(c.Args[2])
		h = sh.addObject(d, key, h32, s, c.e.lruClock())
	}
	maxInts := c.maxIntset()
	added := 0
	for _, m := range c.Args[2:] {
		if s.add(m, maxInts) {
			added++
		}
	}
	if added > 0 {
		sh.objectChanged(h)
		c.modified(key)
	}
	c.W.Int(int64(added))
}

func cmdSRem(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := lookupObject[*setObject](c, sh, d, key, h32, false)
	if !ok {
		return
	}
	removed := 0
	if h != 0 {
		for _, m := range c.Args[2:] {
			if s.remove(m) {
				removed++
				if s.card() == 0 {
					break
				}
			}
		}
	}
	if removed > 0 {
		if s.card() == 0 {
			sh.remove(d, h)
		} else {
			sh.objectChanged(h)
		}
		c.modified(key)
	}
	c.W.Int(int64(removed))
}

func cmdSIsMember(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := lookupObject[*setObject](c, sh, d, key, h32, true)
	switch {
	case !ok:
	case h != 0 && s.has(c.Args[2]):
		c.W.Int(1)
	default:
		c.W.Int(0)
	}
}

func cmdSMIsMember(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := lookupObject[*setObject](c, sh, d, key, h32, true)
	if !ok {
		return
	}
	c.W.Array(len(c.Args) - 2)
	for _, m := range c.Args[2:] {
		if h != 0 && s.has(m) {
			c.W.Int(1)
		} else {
			c.W.Int(0)
		}
	}
}

func cmdSCard(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := lookupObject[*setObject](c, sh, d, key, h32, true)
	switch {
	case !ok:
	case h == 0:
		c.W.Int(0)
	default:
		c.W.Int(int64(s.card()))
	}
}

// cmdSMove is SMOVE source destination member, as Redis's smoveCommand: a
// missing source replies 0 before any type check of the destination.
func cmdSMove(c *Client) {
	src, dst, m := c.Args[1], c.Args[2], c.Args[3]
	ix := c.shardIndexes(c.Args[1:3])
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)
	ssh, sd, sh32 := c.keyInShard(src)
	sh := c.lookup(ssh, sd, src, sh32)
	dsh, dd, dh32 := c.keyInShard(dst)
	dh := c.lookup(dsh, dd, dst, dh32)
	if sh == 0 {
		c.W.Int(0)
		return
	}
	ss, ok := setAt(ssh, sh)
	if !ok {
		c.W.Error(errWrongType)
		return
	}
	var ds *setObject
	if dh != 0 {
		if ds, ok = setAt(dsh, dh); !ok {
			c.W.Error(errWrongType)
			return
		}
	}
	if string(src) == string(dst) {
		if ss.has(m) {
			c.W.Int(1)
		} else {
			c.W.Int(0)
		}
		return
	}
	if !ss.remove(m) {
		c.W.Int(0)
		return
	}
	if ss.card() == 0 {
		ssh.remove(sd, sh)
	} else {
		ssh.objectChanged(sh)
	}
	if dh == 0 {
		ds = newSetFor(m)
		dh = dsh.addObject(dd, dst, dh32, ds, c.e.lruClock())
	}
	ds.add(m, c.maxIntset())
	dsh.objectChanged(dh)
	c.modified(src)
	c.modified(dst)
	c.W.Int(1)
}

// setAt returns the set held by record h, or false when it holds another
// type.
func setAt(sh *shard, h handle) (*setObject, bool) {
	s, ok := sh.objectAt(h).(*setObject)
	return s, ok
}
