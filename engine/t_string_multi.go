package engine

// MGET, MSET and MSETNX: string commands over many keys. They lock every
// shard involved, in index order, for the whole command, so each is atomic.

func init() {
	register(
		&Command{Name: "mget", Arity: -2, Flags: FlagReadonly | FlagFast, First: 1, Last: -1, Step: 1,
			Cats: CatRead | CatString | CatFast, Proc: cmdMGet, Tips: []string{"request_policy:multi_shard"}},
		&Command{Name: "mset", Arity: -3, Flags: FlagWrite | FlagDenyOOM, First: 1, Last: -1, Step: 2,
			Cats: CatWrite | CatString | CatSlow, Proc: cmdMSet,
			Tips: []string{"request_policy:multi_shard", "response_policy:all_succeeded"}},
		&Command{Name: "msetnx", Arity: -3, Flags: FlagWrite | FlagDenyOOM, First: 1, Last: -1, Step: 2,
			Cats: CatWrite | CatString | CatSlow, Proc: cmdMSetNX,
			Tips: []string{"request_policy:multi_shard", "response_policy:agg_min"}},
	)
}

// shardIndexesStep is shardIndexes for the keys args[0], args[step], ...
// (MSET's keys sit between their values). It reuses c.shardIx.
func (c *Client) shardIndexesStep(args [][]byte, step int) []int {
	ix := c.shardIx[:0]
	for i := 0; i < len(args); i += step {
		s := c.e.shardOf(hashKey(args[i]))
		// Insertion into the sorted, distinct list: key counts are small.
		j := len(ix)
		for j > 0 && ix[j-1] > s {
			j--
		}
		if j > 0 && ix[j-1] == s {
			continue
		}
		ix = append(ix, 0)
		copy(ix[j+1:], ix[j:])
		ix[j] = s
	}
	c.shardIx = ix
	return ix
}

// cmdMGet replies with each key's value, nil for missing keys and for
// keys that hold another type.
func cmdMGet(c *Client) {
	keys := c.Args[1:]
	ix := c.shardIndexesStep(keys, 1)
	c.e.lockShards(ix)
	c.W.Array(len(keys))
	for _, k := range keys {
		sh, d, h32 := c.keyInShard(k)
		h := c.lookupRead(sh, d, k, h32)
		if h == 0 || !isString(sh.rec(h)) {
			c.W.Null()
			continue
		}
		c.replyString(sh, sh.rec(h))
	}
	c.e.unlockShards(ix)
}

func cmdMSet(c *Client) { c.msetGeneric(false) }

func cmdMSetNX(c *Client) { c.msetGeneric(true) }

// msetGeneric sets every key to its value, dropping expire times; the same
// key twice keeps the last value. With nx nothing is set when any key
// exists, and the reply is :0 or :1.
func (c *Client) msetGeneric(nx bool) {
	if len(c.Args)%2 == 0 {
		name := "mset"
		if nx {
			name = "msetnx"
		}
		c.W.Error(errArity(name))
		return
	}
	kv := c.Args[1:]
	ix := c.shardIndexesStep(kv, 2)
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)
	if nx {
		for i := 0; i < len(kv); i += 2 {
			sh, d, h32 := c.keyInShard(kv[i])
			if c.lookup(sh, d, kv[i], h32) != 0 {
				c.W.Int(0)
				return
			}
		}
	}
	lru := c.e.lruClock()
	for i := 0; i < len(kv); i += 2 {
		sh, d, h32 := c.keyInShard(kv[i])
		old := c.lookup(sh, d, kv[i], h32)
		sh.writeString(d, kv[i], h32, old, kv[i+1], 0, lru)
		c.modified(kv[i])
	}
	if nx {
		c.W.Int(1)
	} else {
		c.W.OK()
	}
}
