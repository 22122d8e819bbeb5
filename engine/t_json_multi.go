package engine

// JSON.MGET, JSON.MSET and JSON.MERGE.

// JSON.MGET key [key ...] path: one reply per key, nil for a missing key,
// another type or a path that matches nothing (legacy).
func cmdJSONMGet(c *Client) {
	args := c.Args
	keys := args[1 : len(args)-1]
	p, perr := compileJSONPath(args[len(args)-1])
	ix := c.shardIndexes(keys)
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)
	c.W.Array(len(keys))
	for _, key := range keys {
		sh, d, h32 := c.keyInShard(key)
		h := c.lookupRead(sh, d, key, h32)
		var o *jsonDoc
		if h != 0 {
			o, _ = sh.objectAt(h).(*jsonDoc)
		}
		if o == nil || perr != "" {
			c.W.Null()
			continue
		}
		ms := o.query(p)
		switch {
		case !p.legacy:
			c.W.Bulk(o.appendArray(c.scratch(), matchNodes(ms), nil))
		case len(ms) == 0:
			c.W.Null()
		default:
			c.W.Bulk(o.appendJSON(c.scratch(), ms[0].node, nil))
		}
	}
}

// JSON.MSET key path value [key path value ...]: all triplets are checked
// before any is applied.
func cmdJSONMSet(c *Client) {
	args := c.Args
	if (len(args)-1)%3 != 0 {
		c.W.Error(errArity(c.cmd.Name))
		return
	}
	ix := c.shardIndexesStep(args[1:], 3)
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)
	vals := make([]*jsonDoc, 0, (len(args)-1)/3)
	paths := make([]*jpath, 0, cap(vals))
	for i := 1; i < len(args); i += 3 {
		key := args[i]
		sh, d, h32 := c.keyInShard(key)
		h, _, ok := c.jsonLookup(sh, d, key, h32, false)
		if !ok {
			return
		}
		p := c.jsonPath(args[i+1])
		if p == nil {
			return
		}
		if h == 0 && !p.isRoot() {
			// A key created by an earlier triplet is fine.
			created := false
			for j := 1; j < i; j += 3 {
				if string(args[j]) == string(key) && paths[(j-1)/3].isRoot() {
					created = true
				}
			}
			if !created {
				c.W.Error(errJSONNewDoc)
				return
			}
		}
		v, err := newJSONDoc(args[i+2])
		if err != "" {
			c.W.Error(err)
			return
		}
		vals, paths = append(vals, v), append(paths, p)
	}
	all := true
	for i := 1; i < len(args); i += 3 {
		key := args[i]
		sh, d, h32 := c.keyInShard(key)
		h, o, _ := c.jsonLookup(sh, d, key, h32, false)
		p, val := paths[(i-1)/3], vals[(i-1)/3]
		switch {
		case p.isRoot() && h == 0:
			sh.addObject(d, key, h32, val.copyObject(), c.e.lruClock())
			c.modified(key)
		case p.isRoot():
			*o = *val.copyObject().(*jsonDoc)
			c.jsonChanged(sh, h, o, key)
		default:
			ms := o.query(p)
			changed := len(ms) > 0
			for _, m := range ms {
				o.replaceAt(m, o.importNode(val, val.root))
			}
			if !changed {
				added, err := o.addAtPath(p, val, nil)
				changed = added && err == ""
			}
			if changed {
				c.jsonChanged(sh, h, o, key)
			} else {
				all = false
			}
		}
	}
	if all {
		c.W.OK()
	} else {
		c.W.Null()
	}
}

// JSON.MERGE key path value: RFC 7396 merge patch at each match.
func cmdJSONMerge(c *Client) {
	if len(c.Args) > 4 {
		c.W.Error(errSyntax)
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.jsonLookup(sh, d, key, h32, false)
	if !ok {
		return
	}
	val, perr := newJSONDoc(c.Args[3])
	if perr != "" {
		c.W.Error(perr)
		return
	}
	p := c.jsonPath(c.Args[2])
	if p == nil {
		return
	}
	if h == 0 {
		if !p.isRoot() {
			c.W.Error(errJSONNewDoc)
			return
		}
		sh.addObject(d, key, h32, val, c.e.lruClock())
		c.modified(key)
		c.W.OK()
		return
	}
	ms := o.query(p)
	if len(ms) > 0 {
		for _, m := range ms {
			if nv := o.mergeInto(m.node, val, val.root); nv != m.node {
				o.replaceAt(m, nv)
			}
		}
		c.jsonChanged(sh, h, o, key)
		c.W.OK()
		return
	}
	added, err := o.addAtPath(p, val, nil)
	switch {
	case err != "":
		c.W.Error(err)
	case !added:
		c.W.Null()
	default:
		c.jsonChanged(sh, h, o, key)
		c.W.OK()
	}
}

// mergeInto returns the node of target t merged with patch node pn of
// patch (a fresh node when the patch replaces it).
func (o *jsonDoc) mergeInto(t int32, patch *jsonDoc, pn int32) int32 {
	if patch.kind(pn) != jObj {
		return o.importNode(patch, pn)
	}
	if t < 0 || o.kind(t) != jObj {
		t = o.addContainer(jObj, nil)
	}
	pr := patch.run(pn)
	for p := 0; p < len(pr); p += 2 {
		k, v := patch.str(pr[p]), pr[p+1]
		cur, _ := o.member(t, k)
		switch {
		case patch.kind(v) == jNull:
			if cur >= 0 {
				o.deleteAt(jmatch{cur, t, o.keyNode(t, k)})
			}
		case cur >= 0:
			nv := o.mergeInto(cur, patch, v)
			if nv != cur {
				o.replaceAt(jmatch{cur, t, o.keyNode(t, k)}, nv)
			}
		default:
			o.addMember(t, k, o.mergeInto(-1, patch, v))
		}
	}
	return t
}

// keyNode returns the key node of member k of object t (-1 when absent).
func (o *jsonDoc) keyNode(t int32, k []byte) int32 {
	if _, pos := o.member(t, k); pos >= 0 {
		return o.run(t)[2*pos]
	}
	return -1
}
