package engine

import (
	"encoding/binary"

	"github.com/updraftdb/updraft/internal/glob"
)

// Generic key commands (Redis's db.c and object.c): DEL UNLINK EXISTS TYPE
// TOUCH RENAME RENAMENX COPY and OBJECT. Database-wide commands are in
// t_db.go, expire times in t_expire.go.

func init() {
	keyCmd := func(name string, arity int, flags Flags, first, last int, cats Category, proc func(*Client), tips ...string) *Command {
		return &Command{Name: name, Arity: arity, Flags: flags, First: first, Last: last, Step: 1,
			Cats: CatKeyspace | cats, Proc: proc, Tips: tips}
	}
	register(
		keyCmd("del", -2, FlagWrite, 1, -1, CatWrite|CatSlow, cmdDel, "request_policy:multi_shard", "response_policy:agg_sum"),
		keyCmd("unlink", -2, FlagWrite|FlagFast, 1, -1, CatWrite|CatFast, cmdDel, "request_policy:multi_shard", "response_policy:agg_sum"),
		keyCmd("exists", -2, FlagReadonly|FlagFast, 1, -1, CatRead|CatFast, cmdExists, "request_policy:multi_shard", "response_policy:agg_sum"),
		keyCmd("touch", -2, FlagReadonly|FlagFast, 1, -1, CatRead|CatFast, cmdTouch, "request_policy:multi_shard", "response_policy:agg_sum"),
		keyCmd("type", 2, FlagReadonly|FlagFast, 1, 1, CatRead|CatFast, cmdType),
		keyCmd("rename", 3, FlagWrite, 1, 2, CatWrite|CatSlow, cmdRename),
		keyCmd("renamenx", 3, FlagWrite|FlagFast, 1, 2, CatWrite|CatFast, cmdRenameNX),
		keyCmd("copy", -3, FlagWrite|FlagDenyOOM, 1, 2, CatWrite|CatSlow, cmdCopy),
		&Command{Name: "object", Arity: -2, Cats: CatSlow, Proc: cmdObjectUnknown},
	)
	objSub := func(name string) *Command {
		return &Command{Name: name, Arity: 3, Flags: FlagReadonly, First: 2, Last: 2, Step: 1,
			Cats: CatKeyspace | CatRead | CatSlow, Proc: cmdObject, Tips: []string{"nondeterministic_output"}}
	}
	registerSub("object",
		objSub("encoding"),
		objSub("freq"),
		objSub("idletime"),
		objSub("refcount"),
		&Command{Name: "help", Arity: 2, Flags: FlagLoading | FlagStale, Cats: CatKeyspace | CatSlow,
			Proc: cmdObjectHelp},
	)
}

// Lookup modes, after Redis's LOOKUP_* flags.
const (
	lookNoTouch = 1 << iota // leave the LRU clock alone (LOOKUP_NOTOUCH)
	lookStats               // count a keyspace hit or miss (read lookups)
)

// lookupMode is lookup with Redis's lookup flags: an expired key is deleted
// and reported missing; the LRU clock is bumped unless lookNoTouch (or
// CLIENT NO-TOUCH); hits and misses are counted with lookStats.
func (c *Client) lookupMode(sh *shard, d *dict, key []byte, h32 uint32, mode int) handle {
	h := sh.find(d, key, h32)
	if h != 0 {
		r := sh.rec(h)
		if expired(r, c.now()) {
			c.removeExpired(sh, d, h, key)
			h = 0
		} else if mode&lookNoTouch == 0 && !c.noTouch {
			r.setLRU(c.e.lruClock())
		}
	}
	if mode&lookStats != 0 {
		if h == 0 {
			sh.misses++
		} else {
			sh.hits++
		}
	}
	return h
}

// typeName returns the type of the value in r, as TYPE reports it. A new
// inline value kind adds a case here; collections in the object table
// implement typeNamer.
func (sh *shard) typeName(r record) string {
	switch r.kind() {
	case kindStr, kindInt, kindHeapStr:
		return "string"
	case kindObject:
		if o, ok := sh.objs[r.objIdx()].(object); ok {
			return o.typeName()
		}
	}
	return "unknown"
}

// embstrMax is the longest string Redis stores with the embstr encoding
// (OBJ_ENCODING_EMBSTR_SIZE_LIMIT).
const embstrMax = 44

// encodingName returns the value's encoding as OBJECT ENCODING reports it.
func (sh *shard) encodingName(r record) string {
	switch r.kind() {
	case kindInt:
		return "int"
	case kindStr:
		// encRaw marks strings Redis would hold raw whatever their length
		// (modified in place by APPEND or SETRANGE).
		if r.enc() == encRaw || r.vlen() > embstrMax {
			return "raw"
		}
		return "embstr"
	case kindHeapStr:
		return "raw"
	case kindObject:
		if o, ok := sh.objs[r.objIdx()].(object); ok {
			return o.encodingName()
		}
	}
	return "unknown"
}

func cmdDel(c *Client) {
	keys := c.Args[1:]
	ix := c.shardIndexes(keys)
	c.e.lockShards(ix)
	n := 0
	for _, k := range keys {
		sh, d, h32 := c.keyInShard(k)
		if h := c.lookupMode(sh, d, k, h32, lookNoTouch); h != 0 {
			sh.remove(d, h)
			c.modified(k)
			n++
		}
	}
	c.e.unlockShards(ix)
	c.W.Int(int64(n))
}

// countExisting counts the keys that exist (repeats count again) with the
// given lookup mode: EXISTS and TOUCH.
func (c *Client) countExisting(mode int) {
	keys := c.Args[1:]
	ix := c.shardIndexes(keys)
	c.e.lockShards(ix)
	n := 0
	for _, k := range keys {
		sh, d, h32 := c.keyInShard(k)
		if c.lookupMode(sh, d, k, h32, mode) != 0 {
			n++
		}
	}
	c.e.unlockShards(ix)
	c.W.Int(int64(n))
}

func cmdExists(c *Client) { c.countExisting(lookNoTouch | lookStats) }

func cmdTouch(c *Client) { c.countExisting(lookStats) }

func cmdType(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	if h := c.lookupMode(sh, d, key, h32, lookNoTouch|lookStats); h == 0 {
		c.W.Simple("none")
	} else {
		c.W.Simple(sh.typeName(sh.rec(h)))
	}
	sh.mu.Unlock()
}

func cmdRename(c *Client)   { c.renameGeneric(false) }
func cmdRenameNX(c *Client) { c.renameGeneric(true) }

// renameGeneric implements RENAME and RENAMENX. The record moves to the
// destination key's shard, keeping its value (heap objects are handed
// over, not copied), expire time, LRU and LFU state.
func (c *Client) renameGeneric(nx bool) {
	src, dst := c.Args[1], c.Args[2]
	ix := c.shardIndexes(c.Args[1:3])
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)
	ssh, sd, sh32 := c.keyInShard(src)
	h := c.lookupMode(ssh, sd, src, sh32, 0)
	if h == 0 {
		c.W.Error(errNoSuchKey)
		return
	}
	if string(src) == string(dst) {
		if nx {
			c.W.Int(0)
		} else {
			c.W.OK()
		}
		return
	}
	dsh, dd, dh32 := c.keyInShard(dst)
	if old := c.lookupMode(dsh, dd, dst, dh32, 0); old != 0 {
		if nx {
			c.W.Int(0)
			return
		}
		dsh.remove(dd, old)
	}
	nh, _ := cloneRecord(ssh, h, dsh, dst, dh32, 0, true)
	ssh.remove(sd, h)
	dsh.insert(dd, nh)
	c.e.touchWatched(c.DB, src) // RENAME signals both keys, dirty counts one
	c.modified(dst)
	if nx {
		c.W.Int(1)
	} else {
		c.W.OK()
	}
}

// cloneRecord creates in dst an unlinked record for key holding the value,
// flags and expire time of record h of src (which may be dst). With move
// the heap objects are handed over, the record keeps its LRU and LFU state,
// and the caller then removes h (dropping src's object-table slots, not the
// objects); without move the value is deep-copied and gets the LRU clock
// lru and a fresh LFU counter, as Redis's dup of an object does. ok is
// false when a collection cannot be copied.
func cloneRecord(src *shard, h handle, dst *shard, key []byte, h32 uint32, lru uint32, move bool) (nh handle, ok bool) {
	r := src.rec(h)
	kind := r.kind()
	var obj any
	var objSize int64
	switch kind {
	case kindHeapStr:
		v := src.objs[r.objIdx()].([]byte)
		if !move {
			v = append([]byte(nil), v...)
		}
		obj, objSize = v, int64(len(v))
	case kindObject:
		o, ok := src.objs[r.objIdx()].(object)
		if !ok {
			return 0, false
		}
		if !move {
			o = o.copyObject()
		}
		obj, objSize = o, o.memSize()
	}
	var expire int64
	if r.hasExpire() {
		expire = r.expireAt()
	}
	if move {
		lru = r.lru()
	}
	nh, nr := dst.newRecord(key, h32, kind, r.vlen(), expire, lru)
	switch {
	case obj != nil:
		i := dst.putObj(obj, objSize)
		binary.LittleEndian.PutUint32(nr.val(), i)
		if o, ok := obj.(object); ok && packable(o) {
			dst.touched = append(dst.touched, i) // pack the copy too (packed.go)
		}
	case nr.kind() == kindHeapStr:
		// An inline string that no longer fits a chunk beside a longer key.
		v := append([]byte(nil), r.val()...)
		binary.LittleEndian.PutUint32(nr.val(), dst.putObj(v, int64(len(v))))
	default:
		copy(nr.val(), r.val())
	}
	// Keep flag bits that newRecord does not manage, and the raw mark.
	const managed = kindMask | flagExpire | flagHeapKey
	nr.b[8] = nr.b[8]&managed | r.b[8]&^managed
	nr.setEnc(r.enc())
	if move {
		nr.setLFU(r.lfu())
	}
	return nh, true
}

// errIntRange is getIntFromObjectOrReply's reply for a 64-bit integer out
// of int range.
const errIntRange = "ERR value is out of range, value must between -2147483648 and 2147483647"

// parseInt32Arg parses an argument as Redis's getIntFromObjectOrReply does,
// returning the error reply ("" when it parsed).
func parseInt32Arg(b []byte) (int, string) {
	n, ok := parseInt64(b)
	if !ok {
		return 0, errNotInt
	}
	if n < -1<<31 || n > 1<<31-1 {
		return 0, errIntRange
	}
	return int(n), ""
}

func (c *Client) databases() int { return len(c.e.shards[0].dbs) }

// parseDBIndex parses a database number for SELECT, MOVE and COPY: an
// int32 (Redis's range error otherwise) naming an existing database.
func (c *Client) parseDBIndex(b []byte) (int, string) {
	n, e := parseInt32Arg(b)
	if e != "" {
		return 0, e
	}
	if n < 0 || n >= c.databases() {
		return 0, errDBIndex
	}
	return n, ""
}

func cmdCopy(c *Client) {
	src, dst := c.Args[1], c.Args[2]
	db, replace := c.DB, false
	for j := 3; j < len(c.Args); j++ {
		a := c.Args[j]
		switch {
		case eqFold(a, "replace"):
			replace = true
		case eqFold(a, "db") && j+1 < len(c.Args):
			// Redis checks the index as soon as it reads it, before the
			// options after it.
			n, e := c.parseDBIndex(c.Args[j+1])
			if e != "" {
				c.W.Error(e)
				return
			}
			db = n
			j++
		default:
			c.W.Error(errSyntax)
			return
		}
	}
	if db == c.DB && string(src) == string(dst) {
		c.W.Error(errSameObject)
		return
	}
	ix := c.shardIndexes(c.Args[1:3])
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)
	ssh, sd, sh32 := c.keyInShard(src)
	h := c.lookupMode(ssh, sd, src, sh32, lookStats)
	if h == 0 {
		c.W.Int(0)
		return
	}
	dsh, dh32 := c.e.shardFor(dst)
	dd := &dsh.dbs[db]
	old := c.lookupMode(dsh, dd, dst, dh32, 0)
	if old != 0 && !replace {
		c.W.Int(0)
		return
	}
	nh, ok := cloneRecord(ssh, h, dsh, dst, dh32, c.e.lruClock(), false)
	if !ok {
		c.W.Error("ERR COPY is not supported for this value type")
		return
	}
	if old != 0 {
		dsh.remove(dd, old)
	}
	dsh.insert(dd, nh)
	c.modifiedIn(db, dst)
	c.W.Int(1)
}

// OBJECT

func cmdObjectUnknown(c *Client) { c.W.Error(errUnknownSubcommand("object", c.Args[1])) }

// objectHelp is OBJECT HELP's text; replyHelp adds the closing HELP lines.
var objectHelp = []string{
	"OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
	"ENCODING <key>",
	"    Return the kind of internal representation used in order to store the value",
	"    associated with a <key>.",
	"FREQ <key>",
	"    Return the access frequency index of the <key>. The returned integer is",
	"    proportional to the logarithm of the recent access frequency of the key.",
	"IDLETIME <key>",
	"    Return the idle time of the <key>, that is the approximated number of",
	"    seconds elapsed since the last access to the key.",
	"REFCOUNT <key>",
	"    Return the number of references of the value associated with the specified",
	"    <key>.",
}

func cmdObjectHelp(c *Client) { c.replyHelp(objectHelp) }

// Replies of OBJECT IDLETIME and FREQ under the wrong eviction policy.
const (
	errNoLRU = "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."
	errNoLFU = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."
)

// sharedRefcount is OBJECT REFCOUNT of Redis's shared integers 0..9999
// (OBJ_SHARED_REFCOUNT).
const (
	sharedRefcount = 1<<31 - 1
	sharedIntegers = 10000
)

// configValue returns a configuration parameter's value, "" when the
// parameter is not registered (yet).
func (e *Engine) configValue(name string) string {
	if p := e.cfg.lookup(name); p != nil {
		return p.Get()
	}
	return ""
}

// lfuPolicy reports whether maxmemory-policy is one of the LFU policies.
func (e *Engine) lfuPolicy() bool {
	p := e.configValue("maxmemory-policy")
	return len(p) > 4 && p[len(p)-4:] == "-lfu"
}

// sharedIntegersUsed reports whether Redis would store small integers as
// shared objects: not when maxmemory is set with an LRU or LFU policy.
func (e *Engine) sharedIntegersUsed() bool {
	mm := e.configValue("maxmemory")
	if mm == "" || mm == "0" {
		return true
	}
	p := e.configValue("maxmemory-policy")
	return !(len(p) > 4 && (p[len(p)-4:] == "-lfu" || p[len(p)-4:] == "-lru"))
}

func cmdObject(c *Client) {
	sub, key := c.Args[1], c.Args[2]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h := c.lookupMode(sh, d, key, h32, lookNoTouch|lookStats)
	if h == 0 {
		c.W.Null()
		return
	}
	r := sh.rec(h)
	switch {
	case eqFold(sub, "encoding"):
		c.W.BulkString(sh.encodingName(r))
	case eqFold(sub, "refcount"):
		if r.kind() == kindInt && r.intVal() >= 0 && r.intVal() < sharedIntegers && c.e.sharedIntegersUsed() {
			c.W.Int(sharedRefcount)
		} else {
			c.W.Int(1)
		}
	case eqFold(sub, "idletime"):
		if c.e.lfuPolicy() {
			c.W.Error(errNoLRU)
			return
		}
		idle := int64(0)
		if now := c.e.lruClock(); now > r.lru() {
			idle = int64(now - r.lru())
		}
		c.W.Int(idle)
	case eqFold(sub, "freq"):
		if !c.e.lfuPolicy() {
			c.W.Error(errNoLFU)
			return
		}
		c.W.Int(int64(r.lfu()))
	}
}

// matchKey reports whether key matches a KEYS/SCAN pattern; "*" matches
// every key, the empty one included, as Redis special-cases it.
func matchKey(pattern, key []byte) bool {
	if len(pattern) == 1 && pattern[0] == '*' {
		return true
	}
	return glob.Match(pattern, key, false)
}
