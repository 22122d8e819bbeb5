package engine

// JSON commands (RedisJSON 2.x): setting, reading, deleting and typing
// values here; JSON.MGET, MSET and MERGE in t_json_multi.go; strings,
// numbers and booleans in t_json_scalar.go; arrays
// and objects in t_json_arr.go. The document model, parser, serializer
// and JSONPath engine are in json_*.go. Legacy paths (not starting with
// "$") reply with one value, JSONPath replies with one entry per match.

func init() {
	js := func(name string, arity int, flags Flags, cats Category, proc func(*Client)) *Command {
		return &Command{Name: name, Arity: arity, Flags: flags, First: 1, Last: 1, Step: 1,
			Cats: cats | CatSlow, Proc: proc}
	}
	const (
		rd = FlagReadonly
		wr = FlagWrite | FlagDenyOOM
		w  = FlagWrite
	)
	register(
		js("json.set", -4, wr, CatWrite, cmdJSONSet),
		js("json.get", -2, rd, CatRead, cmdJSONGet),
		js("json.del", -2, w, CatWrite, cmdJSONDel),
		js("json.forget", -2, w, CatWrite, cmdJSONDel),
		js("json.type", -2, rd, CatRead, cmdJSONType),
		js("json.merge", -4, wr, CatWrite, cmdJSONMerge),
		js("json.clear", -2, w, CatWrite, cmdJSONClear),
		js("json.resp", -2, rd, CatRead, cmdJSONResp),
		js("json.numincrby", 4, w, CatWrite, cmdJSONNumIncrBy),
		js("json.nummultby", 4, w, CatWrite, cmdJSONNumIncrBy),
		js("json.toggle", 3, w, CatWrite, cmdJSONToggle),
		js("json.strappend", -3, wr, CatWrite, cmdJSONStrAppend),
		js("json.strlen", -2, rd, CatRead, cmdJSONStrLen),
		js("json.arrappend", -4, wr, CatWrite, cmdJSONArrAppend),
		js("json.arrindex", -4, rd, CatRead, cmdJSONArrIndex),
		js("json.arrinsert", -5, wr, CatWrite, cmdJSONArrInsert),
		js("json.arrlen", -2, rd, CatRead, cmdJSONArrLen),
		js("json.arrpop", -2, w, CatWrite, cmdJSONArrPop),
		js("json.arrtrim", 5, w, CatWrite, cmdJSONArrTrim),
		js("json.objkeys", -2, rd, CatRead, cmdJSONObjKeys),
		js("json.objlen", -2, rd, CatRead, cmdJSONObjLen),
		&Command{Name: "json.mget", Arity: -3, Flags: rd, First: 1, Last: -2, Step: 1,
			Cats: CatRead | CatSlow, Proc: cmdJSONMGet},
		&Command{Name: "json.mset", Arity: -4, Flags: wr, First: 1, Last: -1, Step: 3,
			Cats: CatWrite | CatSlow, Proc: cmdJSONMSet},
		&Command{Name: "json.debug", Arity: -2, Flags: rd, First: 2, Last: 2, Step: 1,
			Cats: CatRead | CatSlow, Proc: cmdJSONDebug},
	)
}

// RedisJSON's error replies.
const (
	errJSONNoKey  = "ERR could not perform this operation on a key that doesn't exist"
	errJSONNewDoc = "ERR new objects must be created at the root"
)

func errJSONNoPath(p *jpath) string { return "ERR Path '" + p.text + "' does not exist" }

func errJSONNoPathOr(p *jpath, or string) string {
	return "ERR Path '" + p.text + "' does not exist or " + or
}

func errJSONExpected(want, found string) string {
	return "WRONGTYPE wrong type of path value - expected " + want + " but found " + found
}

// jsonLookup finds key's document (h == 0: missing; ok == false: WRONGTYPE
// was written).
func (c *Client) jsonLookup(sh *shard, d *dict, key []byte, h32 uint32, read bool) (handle, *jsonDoc, bool) {
	return lookupObject[*jsonDoc](c, sh, d, key, h32, read)
}

// jsonPath compiles a path argument, writing the error on failure.
func (c *Client) jsonPath(arg []byte) *jpath {
	p, err := compileJSONPath(arg)
	if err != "" {
		c.W.Error(err)
		return nil
	}
	return p
}

// optPath returns the optional path argument at i, "." when absent.
func optPath(args [][]byte, i int) []byte {
	if i < len(args) {
		return args[i]
	}
	return []byte{'.'}
}

// jsonChanged finishes a write to document o of record h.
func (c *Client) jsonChanged(sh *shard, h handle, o *jsonDoc, key []byte) {
	o.maybeCompact()
	sh.objectChanged(h)
	c.modified(key)
}

// JSON.SET key path value [NX | XX]
func cmdJSONSet(c *Client) {
	nx, xx := false, false
	for _, a := range c.Args[4:] {
		switch {
		case eqFold(a, "nx") && !nx && !xx:
			nx = true
		case eqFold(a, "xx") && !nx && !xx:
			xx = true
		default:
			c.W.Error(errSyntax)
			return
		}
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
		switch {
		case xx:
			c.W.Null()
		case !p.isRoot():
			c.W.Error(errJSONNewDoc)
		default:
			sh.addObject(d, key, h32, val, c.e.lruClock())
			c.modified(key)
			c.W.OK()
		}
		return
	}
	if p.isRoot() {
		if nx {
			c.W.Null()
			return
		}
		*o = *val
		c.jsonChanged(sh, h, o, key)
		c.W.OK()
		return
	}
	if !nx {
		if ms := o.query(p); len(ms) > 0 {
			for _, m := range ms {
				o.replaceAt(m, o.importNode(val, val.root))
			}
			c.jsonChanged(sh, h, o, key)
			c.W.OK()
			return
		}
	}
	if xx {
		c.W.Null()
		return
	}
	added, err := o.addAtPath(p, val, nil)
	if err != "" {
		c.W.Error(err)
		return
	}
	if !added {
		c.W.Null()
		return
	}
	c.jsonChanged(sh, h, o, key)
	c.W.OK()
}

// addAtPath creates the value a static path names when it does not exist
// (RedisJSON's find_add_paths): its last step must be a key of an existing
// object. merge, when set, is applied to existing values instead. It
// reports whether anything was added.
func (o *jsonDoc) addAtPath(p *jpath, val *jsonDoc, _ func()) (bool, string) {
	if !p.static() {
		return false, "Err wrong static path"
	}
	last := p.steps[len(p.steps)-1]
	if last.kind == stIndex {
		if len(o.query(p)) == 0 {
			return false, "ERR array index out of range"
		}
		return false, ""
	}
	parent := &jpath{steps: p.steps[:len(p.steps)-1]}
	added := false
	for _, m := range o.query(parent) {
		if o.kind(m.node) != jObj {
			continue
		}
		if v, _ := o.member(m.node, last.names[0]); v >= 0 {
			continue
		}
		o.addMember(m.node, last.names[0], o.importNode(val, val.root))
		added = true
	}
	return added, ""
}

// JSON.GET key [INDENT s] [NEWLINE s] [SPACE s] [NOESCAPE] [path ...]
func cmdJSONGet(c *Client) {
	var f jsonFmt
	var paths [][]byte
	args := c.Args
	for i := 2; i < len(args); i++ {
		a := args[i]
		if len(a) > 8 {
			paths = append(paths, a)
			continue
		}
		var dst *[]byte
		switch {
		case eqFold(a, "indent"):
			dst = &f.indent
		case eqFold(a, "newline"):
			dst = &f.newline
		case eqFold(a, "space"):
			dst = &f.space
		case eqFold(a, "noescape"):
			continue
		case eqFold(a, "format"):
			if !c.W.IsRESP3() && len(paths) == 0 {
				c.W.Error("ERR FORMAT argument is not supported on RESP2")
				return
			}
			i++
			if i >= len(args) {
				c.W.Error(errArity(c.cmd.Name))
				return
			}
			continue
		default:
			paths = append(paths, a)
			continue
		}
		i++
		if i >= len(args) {
			c.W.Error(errArity(c.cmd.Name))
			return
		}
		*dst = append([]byte{}, args[i]...)
	}
	if len(paths) == 0 {
		paths = [][]byte{{'.'}}
	}
	key := args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.jsonLookup(sh, d, key, h32, true)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Null()
		return
	}
	if len(paths) == 1 {
		p := c.jsonPath(paths[0])
		if p == nil {
			return
		}
		ms := o.query(p)
		if p.legacy {
			if len(ms) == 0 {
				c.W.Error(errJSONNoPath(p))
				return
			}
			c.W.Bulk(o.appendJSON(c.scratch(), ms[0].node, &f))
			return
		}
		c.W.Bulk(o.appendArray(c.scratch(), matchNodes(ms), &f))
		return
	}
	c.W.Bulk(o.multiGet(c, paths, &f))
}

// multiGet serializes JSON.GET's reply for several paths: an object from
// each path to its value (legacy paths only) or its array of matches.
// Paths that do not compile are left out, as RedisJSON does.
func (o *jsonDoc) multiGet(c *Client, paths [][]byte, f *jsonFmt) []byte {
	legacy := true
	for _, a := range paths {
		if len(a) > 0 && a[0] == '$' {
			legacy = false
		}
	}
	out := c.scratch()
	out = append(out, '{')
	f.level++
	n := 0
	for i, a := range paths {
		dup := false
		for _, b := range paths[:i] {
			if string(a) == string(b) {
				dup = true
			}
		}
		p, err := compileJSONPath(a)
		if dup || err != "" {
			continue
		}
		ms := o.query(p)
		if legacy && len(ms) == 0 {
			c.W.Error(errJSONNoPath(&jpath{text: string(a)}))
			return nil
		}
		if n > 0 {
			out = append(out, ',')
		}
		n++
		if f.pretty() {
			out = f.newLine(out)
		}
		out = appendJSONString(out, a)
		out = append(out, ':')
		out = append(out, f.space...)
		if legacy {
			out = o.appendJSON(out, ms[0].node, f)
		} else {
			out = o.appendArray(out, matchNodes(ms), f)
		}
	}
	f.level--
	if n > 0 && f.pretty() {
		out = f.newLine(out)
	}
	return append(out, '}')
}

// scratch returns an empty buffer for building a reply.
func (c *Client) scratch() []byte { return make([]byte, 0, 64) }

func matchNodes(ms []jmatch) []int32 {
	out := make([]int32, len(ms))
	for i, m := range ms {
		out[i] = m.node
	}
	return out
}

// JSON.DEL key [path] (and JSON.FORGET): the number of values deleted.
func cmdJSONDel(c *Client) {
	if len(c.Args) > 3 {
		c.W.Error(errArity(c.cmd.Name))
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.jsonLookup(sh, d, key, h32, false)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Int(0)
		return
	}
	p := c.jsonPath(optPath(c.Args, 2))
	if p == nil {
		return
	}
	if p.isRoot() {
		sh.remove(d, h)
		c.modified(key)
		c.W.Int(1)
		return
	}
	n := o.deleteMatches(o.query(p))
	if n > 0 {
		c.jsonChanged(sh, h, o, key)
	}
	c.W.Int(int64(n))
}

// deleteMatches deletes the matched values, skipping those inside another
// match and deleting later array elements first so that indexes hold.
func (o *jsonDoc) deleteMatches(ms []jmatch) int {
	if len(ms) == 0 {
		return 0
	}
	top := o.topMatches(ms)
	sortMatchesForDelete(top)
	n := 0
	for _, m := range top {
		if o.deleteAt(m) {
			n++
		}
	}
	return n
}

// sortMatchesForDelete orders matches by parent, then by descending key.
func sortMatchesForDelete(ms []jmatch) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0; j-- {
			a, b := ms[j-1], ms[j]
			if a.parent < b.parent || (a.parent == b.parent && a.key >= b.key) {
				break
			}
			ms[j-1], ms[j] = b, a
		}
	}
}

// topMatches drops duplicate matches and matches nested in another one.
func (o *jsonDoc) topMatches(ms []jmatch) []jmatch {
	if len(ms) == 1 {
		return ms
	}
	matched := make(map[int32]bool, len(ms))
	for _, m := range ms {
		matched[m.node] = true
	}
	nested := map[int32]bool{}
	var walk func(n int32, under bool)
	walk = func(n int32, under bool) {
		if under && matched[n] {
			nested[n] = true
		}
		under = under || matched[n]
		switch o.kind(n) {
		case jArr:
			for j := 0; j < o.count(n); j++ {
				walk(o.elem(n, j), under)
			}
		case jObj:
			r := o.run(n)
			for p := 1; p < len(r); p += 2 {
				walk(r[p], under)
			}
		}
	}
	walk(o.root, false)
	out := make([]jmatch, 0, len(ms))
	seen := map[int32]bool{}
	for _, m := range ms {
		if nested[m.node] || seen[m.node] {
			continue
		}
		seen[m.node] = true
		out = append(out, m)
	}
	return out
}

// JSON.TYPE key [path]
func cmdJSONType(c *Client) {
	if len(c.Args) > 3 {
		c.W.Error(errArity(c.cmd.Name))
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.jsonLookup(sh, d, key, h32, true)
	if !ok {
		return
	}
	p := c.jsonPath(optPath(c.Args, 2))
	if p == nil {
		return
	}
	resp3 := c.W.IsRESP3()
	if h == 0 {
		if resp3 {
			c.W.Array(1)
		}
		c.W.Null()
		return
	}
	ms := o.query(p)
	if resp3 {
		c.W.Array(1)
	}
	if p.legacy {
		if len(ms) == 0 {
			c.W.Null()
			return
		}
		c.W.BulkString(o.valueType(ms[0].node))
		return
	}
	c.W.Array(len(ms))
	for _, m := range ms {
		c.W.BulkString(o.valueType(m.node))
	}
}

// JSON.CLEAR key [path]: empties containers and zeroes numbers; the count
// of values changed.
func cmdJSONClear(c *Client) {
	if len(c.Args) > 3 {
		c.W.Error(errArity(c.cmd.Name))
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.jsonLookup(sh, d, key, h32, false)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Error(errJSONNoKey)
		return
	}
	p := c.jsonPath(optPath(c.Args, 2))
	if p == nil {
		return
	}
	n := 0
	for _, m := range o.query(p) {
		nd := &o.nodes[m.node]
		switch nd.k {
		case jArr, jObj:
			if nd.n == 0 {
				continue
			}
			for _, k := range o.run(m.node) {
				o.dropped(k)
			}
			o.setRun(m.node, nil)
		case jInt, jFloat:
			if nd.v == 0 && nd.k == jInt || nd.k == jFloat && o.floatVal(m.node) == 0 {
				continue
			}
			nd.k, nd.v = jInt, 0
		default:
			continue
		}
		n++
	}
	if n > 0 {
		c.jsonChanged(sh, h, o, key)
	}
	c.W.Int(int64(n))
}
