package engine

import "math"

// JSON commands on scalars: JSON.NUMINCRBY / NUMMULTBY, JSON.TOGGLE,
// JSON.STRAPPEND, JSON.STRLEN; and JSON.RESP and JSON.DEBUG, which walk
// any value.

// jsonWrite locks key for a write command that needs an existing document:
// it replies the missing-key error itself. The caller unlocks sh.
func (c *Client) jsonWrite(key []byte) (*shard, handle, *jsonDoc, bool) {
	sh, d, h32 := c.lockKey(key)
	h, o, ok := c.jsonLookup(sh, d, key, h32, false)
	if ok && h == 0 {
		c.W.Error(errJSONNoKey)
		ok = false
	}
	return sh, h, o, ok
}

// JSON.NUMINCRBY / JSON.NUMMULTBY key path number
func cmdJSONNumIncrBy(c *Client) {
	key := c.Args[1]
	sh, h, o, ok := c.jsonWrite(key)
	defer sh.mu.Unlock()
	if !ok {
		return
	}
	p := c.jsonPath(c.Args[2])
	if p == nil {
		return
	}
	ms := o.query(p)
	num := &jsonDoc{}
	nn, perr := parseJSON(num, c.Args[3])
	mult := c.cmd.Name == "json.nummultby"
	type result struct {
		ok    bool
		isInt bool
		i     int64
		f     float64
	}
	res := make([]result, len(ms))
	any := false
	for j, m := range ms {
		k := o.kind(m.node)
		if k != jInt && k != jFloat {
			continue
		}
		if perr != "" {
			c.W.Error(perr)
			return
		}
		if nk := num.kind(nn); nk != jInt && nk != jFloat {
			c.W.Error("bad input number")
			return
		}
		r := result{ok: true}
		if k == jInt && num.kind(nn) == jInt {
			a, b := o.intVal(m.node), num.intVal(nn)
			if mult {
				r.i = a * b
				r.isInt = a == 0 || (r.i/a == b && !(a == -1 && b == math.MinInt64) && !(b == -1 && a == math.MinInt64))
			} else {
				r.i = a + b
				r.isInt = (b >= 0) == (r.i >= a)
			}
			if !r.isInt {
				r.f = float64(a) + float64(b)
				if mult {
					r.f = float64(a) * float64(b)
				}
			}
		} else {
			a, b := o.numVal(m.node), num.numVal(nn)
			r.f = a + b
			if mult {
				r.f = a * b
			}
		}
		if !r.isInt && (math.IsInf(r.f, 0) || math.IsNaN(r.f)) {
			c.W.Error("result is not a number")
			return
		}
		nd := &o.nodes[m.node]
		if r.isInt {
			nd.k, nd.v = jInt, uint64(r.i)
		} else {
			nd.k, nd.v = jFloat, math.Float64bits(r.f)
		}
		res[j] = r
		any = true
	}
	if any {
		c.jsonChanged(sh, h, o, key)
	}
	appendNum := func(dst []byte, r result) []byte {
		if r.isInt {
			return appendInt(dst, r.i)
		}
		return appendJSONFloat(dst, r.f)
	}
	switch {
	case c.W.IsRESP3():
		c.W.Array(len(ms))
		for _, r := range res {
			switch {
			case !r.ok:
				c.W.Null()
			case r.isInt:
				c.W.Int(r.i)
			default:
				c.W.Double(r.f)
			}
		}
	case p.legacy:
		var last *result
		for j := range res {
			if res[j].ok {
				last = &res[j]
			}
		}
		if last == nil {
			c.W.Error(errJSONNoPathOr(p, "does not contains a number"))
			return
		}
		c.W.Bulk(appendNum(nil, *last))
	default:
		out := []byte{'['}
		for j, r := range res {
			if j > 0 {
				out = append(out, ',')
			}
			if !r.ok {
				out = append(out, "null"...)
				continue
			}
			out = appendNum(out, r)
		}
		c.W.Bulk(append(out, ']'))
	}
}

// JSON.TOGGLE key path
func cmdJSONToggle(c *Client) {
	key := c.Args[1]
	sh, h, o, ok := c.jsonWrite(key)
	defer sh.mu.Unlock()
	if !ok {
		return
	}
	p := c.jsonPath(c.Args[2])
	if p == nil {
		return
	}
	ms := o.query(p)
	vals := make([]int, len(ms)) // -1: not a bool
	last := -1
	for j, m := range ms {
		vals[j] = -1
		if o.kind(m.node) != jBool {
			continue
		}
		nd := &o.nodes[m.node]
		nd.v ^= 1
		vals[j] = int(nd.v)
		last = vals[j]
	}
	if last >= 0 {
		c.jsonChanged(sh, h, o, key)
	}
	if p.legacy {
		switch last {
		case -1:
			c.W.Error(errJSONNoPathOr(p, "not a bool"))
		case 1:
			c.W.BulkString("true")
		default:
			c.W.BulkString("false")
		}
		return
	}
	c.W.Array(len(vals))
	for _, v := range vals {
		if v < 0 {
			c.W.Null()
		} else {
			c.W.Int(int64(v))
		}
	}
}

// JSON.STRAPPEND key [path] json-string
func cmdJSONStrAppend(c *Client) {
	if len(c.Args) > 4 {
		c.W.Error(errArity(c.cmd.Name))
		return
	}
	pathArg, valArg := []byte{'.'}, c.Args[2]
	if len(c.Args) == 4 {
		pathArg, valArg = c.Args[2], c.Args[3]
	}
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
	var suffix []byte
	parsed := false
	lens := make([]int64, len(ms))
	last := int64(-1)
	for j, m := range ms {
		lens[j] = -1
		if o.kind(m.node) != jStr {
			continue
		}
		if !parsed {
			tmp := &jsonDoc{}
			n, err := parseJSON(tmp, valArg)
			if err != "" {
				c.W.Error(err)
				return
			}
			if tmp.kind(n) != jStr {
				c.W.Error(errJSONExpected("string", string(valArg)))
				return
			}
			suffix, parsed = tmp.str(n), true
		}
		nd := &o.nodes[m.node]
		old := o.str(m.node)
		if int(nd.v)+len(old) == len(o.strs) {
			o.strs = append(o.strs, suffix...)
		} else {
			o.garbage += len(old)
			off := len(o.strs)
			o.strs = append(o.strs, old...)
			o.strs = append(o.strs, suffix...)
			nd.v = uint64(off)
		}
		nd.n += uint32(len(suffix))
		lens[j] = int64(nd.n)
		last = lens[j]
	}
	if last >= 0 {
		c.jsonChanged(sh, h, o, key)
	}
	if p.legacy {
		if last < 0 {
			c.W.Error(errJSONNoPathOr(p, "not a string"))
			return
		}
		c.W.Int(last)
		return
	}
	replyLens(c, lens)
}

// replyLens replies an array of lengths, nil for -1.
func replyLens(c *Client, lens []int64) {
	c.W.Array(len(lens))
	for _, n := range lens {
		if n < 0 {
			c.W.Null()
		} else {
			c.W.Int(n)
		}
	}
}

// jsonRead locks key for a read command with an optional path at argument
// 2 (at most 3 arguments). h == 0: the key is missing. The caller unlocks
// sh when it is not nil.
func (c *Client) jsonRead(pathAt int) (*shard, handle, *jsonDoc, *jpath) {
	if len(c.Args) > pathAt+1 {
		c.W.Error(errArity(c.cmd.Name))
		return nil, 0, nil, nil
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	h, o, ok := c.jsonLookup(sh, d, key, h32, true)
	if !ok {
		sh.mu.Unlock()
		return nil, 0, nil, nil
	}
	p := c.jsonPath(optPath(c.Args, pathAt))
	if p == nil {
		sh.mu.Unlock()
		return nil, 0, nil, nil
	}
	return sh, h, o, p
}

// JSON.STRLEN key [path]
func cmdJSONStrLen(c *Client) {
	sh, h, o, p := c.jsonRead(2)
	if sh == nil {
		return
	}
	defer sh.mu.Unlock()
	if p.legacy {
		if h == 0 {
			c.W.Null()
			return
		}
		ms := o.query(p)
		switch {
		case len(ms) == 0:
			c.W.Error(errJSONNoPath(p))
		case o.kind(ms[0].node) != jStr:
			c.W.Error(errJSONExpected("string", o.valueType(ms[0].node)))
		default:
			c.W.Int(int64(o.nodes[ms[0].node].n))
		}
		return
	}
	if h == 0 {
		c.W.Error(errJSONNoKey)
		return
	}
	ms := o.query(p)
	lens := make([]int64, len(ms))
	for j, m := range ms {
		lens[j] = -1
		if o.kind(m.node) == jStr {
			lens[j] = int64(o.nodes[m.node].n)
		}
	}
	replyLens(c, lens)
}

// JSON.RESP key [path]: the value as RESP: null, "true"/"false" simple
// strings, integers, doubles, bulk strings, arrays led by "[" and objects
// led by "{" then key, value pairs.
func cmdJSONResp(c *Client) {
	sh, h, o, p := c.jsonRead(2)
	if sh == nil {
		return
	}
	defer sh.mu.Unlock()
	if h == 0 {
		c.W.Null()
		return
	}
	ms := o.query(p)
	if p.legacy {
		if len(ms) == 0 {
			c.W.Error(errJSONNoPath(p))
			return
		}
		o.replyRESP(c, ms[0].node)
		return
	}
	c.W.Array(len(ms))
	for _, m := range ms {
		o.replyRESP(c, m.node)
	}
}

func (o *jsonDoc) replyRESP(c *Client, i int32) {
	switch o.kind(i) {
	case jNull:
		c.W.Null()
	case jBool:
		if o.boolVal(i) {
			c.W.Simple("true")
		} else {
			c.W.Simple("false")
		}
	case jInt:
		c.W.Int(o.intVal(i))
	case jFloat:
		c.W.Double(o.floatVal(i))
	case jStr:
		c.W.Bulk(o.str(i))
	case jArr:
		c.W.Array(o.count(i) + 1)
		c.W.Simple("[")
		for j := 0; j < o.count(i); j++ {
			o.replyRESP(c, o.elem(i, j))
		}
	case jObj:
		c.W.Array(2*o.count(i) + 1)
		c.W.Simple("{")
		r := o.run(i)
		for p := 0; p < len(r); p += 2 {
			c.W.Bulk(o.str(r[p]))
			o.replyRESP(c, r[p+1])
		}
	}
}

// JSON.DEBUG MEMORY key [path] | HELP
func cmdJSONDebug(c *Client) {
	sub := c.Args[1]
	switch {
	case eqFold(sub, "help"):
		c.W.Array(2)
		c.W.BulkString("MEMORY <key> [path] - reports memory usage")
		c.W.BulkString("HELP                - this message")
		return
	case !eqFold(sub, "memory"):
		c.W.Error("ERR unknown subcommand - try `JSON.DEBUG HELP`")
		return
	case len(c.Args) < 3 || len(c.Args) > 4:
		c.W.Error(errArity(c.cmd.Name))
		return
	}
	key := c.Args[2]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.jsonLookup(sh, d, key, h32, true)
	if !ok {
		return
	}
	p := c.jsonPath(optPath(c.Args, 3))
	if p == nil {
		return
	}
	if p.legacy {
		if h == 0 {
			c.W.Int(0)
			return
		}
		ms := o.query(p)
		if len(ms) == 0 {
			c.W.Error(errJSONNoPath(p))
			return
		}
		c.W.Int(o.memoryUsage(ms[0].node))
		return
	}
	if h == 0 {
		c.W.Array(0)
		return
	}
	ms := o.query(p)
	c.W.Array(len(ms))
	for _, m := range ms {
		c.W.Int(o.memoryUsage(m.node))
	}
}
