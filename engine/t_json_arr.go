package engine

// JSON commands on arrays and objects: JSON.ARRAPPEND, ARRINDEX,
// ARRINSERT, ARRLEN, ARRPOP, ARRTRIM, OBJKEYS, OBJLEN.

// parseJSONValues parses each argument as a JSON value into one document.
func parseJSONValues(args [][]byte) (*jsonDoc, []int32, string) {
	vd := &jsonDoc{}
	nodes := make([]int32, len(args))
	for i, a := range args {
		n, err := parseJSON(vd, a)
		if err != "" {
			return nil, nil, err
		}
		nodes[i] = n
	}
	return vd, nodes, ""
}

// arrayUpdate runs fn on every array the path selects and replies with the
// per-match results (legacy: the last one, or the "not an array" error).
// fn returns the reply number and an error text.
func (c *Client) arrayUpdate(pathArg []byte, write bool, fn func(o *jsonDoc, m jmatch) (int64, string)) {
	key := c.Args[1]
	sh, h, o, ok := c.jsonWrite(key)
	defer sh.mu.Unlock()
	if !ok {
		return
	}
	p := c.jsonPath(pathArg)
	if p == nil {
		return
	}
	ms := o.query(p)
	res := make([]int64, len(ms))
	// Later elements of the same parent first, so that indexes hold.
	order := make([]int, len(ms))
	for i := range order {
		order[i] = i
	}
	for i := 1; i < len(order); i++ {
		for j := i; j > 0; j-- {
			a, b := ms[order[j-1]], ms[order[j]]
			if a.parent != b.parent || a.key >= b.key || o.kind(a.parent) != jArr {
				break
			}
			order[j-1], order[j] = order[j], order[j-1]
		}
	}
	any := false
	last := int64(-1)
	for _, i := range order {
		res[i] = -1
		if o.kind(ms[i].node) != jArr {
			continue
		}
		n, err := fn(o, ms[i])
		if err != "" {
			if any && write {
				c.jsonChanged(sh, h, o, key)
			}
			c.W.Error(err)
			return
		}
		res[i], last, any = n, n, true
	}
	if any && write {
		c.jsonChanged(sh, h, o, key)
	}
	if p.legacy {
		if !any {
			c.W.Error(errJSONNoPathOr(p, "not an array"))
			return
		}
		c.W.Int(last)
		return
	}
	replyLens(c, res)
}

// JSON.ARRAPPEND key path value [value ...]
func cmdJSONArrAppend(c *Client) {
	vd, vals, err := parseJSONValues(c.Args[3:])
	if err != "" {
		c.W.Error(err)
		return
	}
	c.arrayUpdate(c.Args[2], true, func(o *jsonDoc, m jmatch) (int64, string) {
		run := o.scratchRun(m.node, len(vals))
		for _, v := range vals {
			run = append(run, o.importNode(vd, v))
		}
		o.setRun(m.node, run)
		return int64(len(run)), ""
	})
}

// JSON.ARRINSERT key path index value [value ...]
func cmdJSONArrInsert(c *Client) {
	index, ok := parseInt64(c.Args[3])
	if !ok {
		c.W.Error(errNotInt)
		return
	}
	vd, vals, err := parseJSONValues(c.Args[4:])
	if err != "" {
		c.W.Error(err)
		return
	}
	c.arrayUpdate(c.Args[2], true, func(o *jsonDoc, m jmatch) (int64, string) {
		l := int64(o.count(m.node))
		at := index
		if at < 0 {
			at += l
		}
		if at < 0 || at > l {
			return 0, "ERR index out of bounds"
		}
		old := o.run(m.node)
		run := make([]int32, 0, len(old)+len(vals))
		run = append(run, old[:at]...)
		for _, v := range vals {
			run = append(run, o.importNode(vd, v))
		}
		run = append(run, o.run(m.node)[at:]...)
		o.setRun(m.node, run)
		return int64(len(run)), ""
	})
}

// JSON.ARRTRIM key path start stop
func cmdJSONArrTrim(c *Client) {
	start, ok1 := parseInt64(c.Args[3])
	stop, ok2 := parseInt64(c.Args[4])
	if !ok1 || !ok2 {
		c.W.Error(errNotInt)
		return
	}
	c.arrayUpdate(c.Args[2], true, func(o *jsonDoc, m jmatch) (int64, string) {
		l := int64(o.count(m.node))
		norm := func(v int64) int64 {
			if v < 0 {
				return max(0, l+v)
			}
			return min(v, l-1)
		}
		e := norm(stop)
		var s int64
		if start < 0 || start < l {
			s = norm(start)
		} else {
			s = e + 1
		}
		run := o.scratchRun(m.node, 0)
		if s > e || l == 0 {
			for _, k := range run {
				o.dropped(k)
			}
			o.setRun(m.node, nil)
			return 0, ""
		}
		for j, k := range run {
			if int64(j) < s || int64(j) > e {
				o.dropped(k)
			}
		}
		o.setRun(m.node, run[s:e+1])
		return e - s + 1, ""
	})
}

// JSON.ARRINDEX key path value [start [stop]]
func cmdJSONArrIndex(c *Client) {
	if len(c.Args) > 6 {
		c.W.Error(errArity(c.cmd.Name))
		return
	}
	var start, stop int64
	for i, dst := range []*int64{&start, &stop} {
		if 4+i < len(c.Args) {
			n, ok := parseInt64(c.Args[4+i])
			if !ok {
				c.W.Error(errNotInt)
				return
			}
			*dst = n
		}
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.jsonLookup(sh, d, key, h32, true)
	if !ok {
		return
	}
	p := c.jsonPath(c.Args[2])
	if p == nil {
		return
	}
	if h == 0 {
		c.W.Error(errJSONNoKey)
		return
	}
	vd := &jsonDoc{}
	v, err := parseJSON(vd, c.Args[3])
	if err != "" {
		c.W.Error(err)
		return
	}
	find := func(a int32) int64 {
		l := int64(o.count(a))
		if l == 0 {
			return -1
		}
		s := start
		if s < 0 {
			s = max(0, l+s)
		} else {
			s = min(s, l-1)
		}
		e := stop
		switch {
		case e == 0:
			e = l
		case e < 0:
			e = max(0, l+e)
		default:
			e = min(e, l)
		}
		for j := s; j < e; j++ {
			if o.equal(o.elem(a, int(j)), vd, v) {
				return j
			}
		}
		return -1
	}
	ms := o.query(p)
	if p.legacy {
		switch {
		case len(ms) == 0:
			c.W.Error(errJSONNoPath(p))
		case o.kind(ms[0].node) != jArr:
			c.W.Error(errJSONExpected("array", o.valueType(ms[0].node)))
		default:
			c.W.Int(find(ms[0].node))
		}
		return
	}
	c.W.Array(len(ms))
	for _, m := range ms {
		if o.kind(m.node) != jArr {
			c.W.Null()
		} else {
			c.W.Int(find(m.node))
		}
	}
}

// JSON.ARRLEN key [path]
func cmdJSONArrLen(c *Client) { c.containerLen(jArr, "array") }

// JSON.OBJLEN key [path]
func cmdJSONObjLen(c *Client) { c.containerLen(jObj, "object") }

// containerLen is ARRLEN and OBJLEN: a missing key is nil (legacy) or an
// error; legacy paths need the first match to be of the kind.
func (c *Client) containerLen(kind uint8, name string) {
	sh, h, o, p := c.jsonRead(2)
	if sh == nil {
		return
	}
	defer sh.mu.Unlock()
	if h == 0 {
		if p.legacy {
			c.W.Null()
		} else if kind == jArr {
			c.W.Error(errJSONNoKey)
		} else {
			c.W.Error(errJSONNoPathOr(p, "not an object"))
		}
		return
	}
	ms := o.query(p)
	if p.legacy {
		switch {
		case len(ms) == 0 && kind == jObj:
			c.W.Null()
		case len(ms) == 0:
			c.W.Error(errJSONNoPath(p))
		case o.kind(ms[0].node) != kind:
			c.W.Error(errJSONExpected(name, o.valueType(ms[0].node)))
		default:
			c.W.Int(int64(o.count(ms[0].node)))
		}
		return
	}
	c.W.Array(len(ms))
	for _, m := range ms {
		if o.kind(m.node) != kind {
			c.W.Null()
		} else {
			c.W.Int(int64(o.count(m.node)))
		}
	}
}

// JSON.OBJKEYS key [path]
func cmdJSONObjKeys(c *Client) {
	sh, h, o, p := c.jsonRead(2)
	if sh == nil {
		return
	}
	defer sh.mu.Unlock()
	keys := func(n int32) {
		r := o.run(n)
		c.W.Array(len(r) / 2)
		for i := 0; i < len(r); i += 2 {
			c.W.Bulk(o.str(r[i]))
		}
	}
	if p.legacy {
		if h == 0 {
			c.W.Null()
			return
		}
		ms := o.query(p)
		switch {
		case len(ms) == 0:
			c.W.Null()
		case o.kind(ms[0].node) != jObj:
			c.W.Error(errJSONNoPathOr(p, "not an object"))
		default:
			keys(ms[0].node)
		}
		return
	}
	if h == 0 {
		c.W.Error(errJSONNoKey)
		return
	}
	ms := o.query(p)
	c.W.Array(len(ms))
	for _, m := range ms {
		if o.kind(m.node) != jObj {
			c.W.Null()
		} else {
			keys(m.node)
		}
	}
}

// JSON.ARRPOP key [path [index]]: the popped values, serialized.
func cmdJSONArrPop(c *Client) {
	if len(c.Args) > 4 {
		c.W.Error(errArity(c.cmd.Name))
		return
	}
	index := int64(1<<63 - 1)
	if len(c.Args) > 2 {
		index = -1
		if len(c.Args) == 4 {
			if n, ok := parseInt64(c.Args[3]); ok {
				index = n
			}
		}
	}
	key := c.Args[1]
	sh, h, o, ok := c.jsonWrite(key)
	defer sh.mu.Unlock()
	if !ok {
		return
	}
	p := c.jsonPath(optPath(c.Args, 2))
	if p == nil {
		return
	}
	ms := o.query(p)
	out := make([][]byte, len(ms))
	isArr := make([]bool, len(ms))
	any, popped := false, false
	var last []byte
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		if o.kind(m.node) != jArr {
			continue
		}
		isArr[i], any = true, true
		l := int64(o.count(m.node))
		if l == 0 {
			continue
		}
		j := index
		if j < 0 {
			j = max(0, l+j)
		} else {
			j = min(j, l-1)
		}
		out[i] = o.appendJSON(nil, o.elem(m.node, int(j)), nil)
		o.deleteAt(jmatch{o.elem(m.node, int(j)), m.node, int32(j)})
		popped = true
	}
	for i := range ms {
		if isArr[i] {
			last = out[i]
		}
	}
	if popped {
		c.jsonChanged(sh, h, o, key)
	}
	if p.legacy {
		switch {
		case !any:
			c.W.Error(errJSONNoPathOr(p, "not an array"))
		case last == nil:
			c.W.Null()
		default:
			c.W.Bulk(last)
		}
		return
	}
	c.W.Array(len(ms))
	for _, b := range out {
		if b == nil {
			c.W.Null()
		} else {
			c.W.Bulk(b)
		}
	}
}
