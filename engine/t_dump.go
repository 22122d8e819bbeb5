package engine

import (
	"github.com/updraftdb/updraft/persistence/rdb"
)

// DUMP and RESTORE in Redis's serialization (persistence/rdb), so that
// migration tools that move keys with DUMP/RESTORE work between Redis and
// Updraft in both directions.

func init() {
	register(
		&Command{Name: "dump", Arity: 2, Flags: FlagReadonly, First: 1, Last: 1, Step: 1,
			Cats: CatKeyspace | CatRead | CatSlow, Proc: cmdDump, Tips: []string{"nondeterministic_output"}},
		&Command{Name: "restore", Arity: -4, Flags: FlagWrite | FlagDenyOOM, First: 1, Last: 1, Step: 1,
			Cats: CatKeyspace | CatWrite | CatSlow | CatDangerous, Proc: cmdRestore},
	)
}

// dumper is implemented by collections that DUMP can serialize: they
// return their content as a plain rdb.Value.
type dumper interface {
	dumpValue() rdb.Value
}

// restorers build a collection from a decoded value, one per kind; data-type
// files add theirs from init. A builder returns nil for a value Redis would
// refuse (an empty collection).
var restorers = map[rdb.Kind]func(c *Client, v rdb.Value) object{}

// dumpRecord serializes the value of record h, or reports false for a type
// that cannot be dumped.
func (sh *shard) dumpRecord(dst []byte, h handle) ([]byte, bool) {
	r := sh.rec(h)
	if isString(r) {
		var tmp [24]byte
		return rdb.AppendDump(dst, rdb.Value{Kind: rdb.String, Str: sh.stringBytes(r, tmp[:])}), true
	}
	d, ok := sh.objectAt(h).(dumper)
	if !ok {
		return dst, false
	}
	return rdb.AppendDump(dst, d.dumpValue()), true
}

func cmdDump(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h := c.lookupRead(sh, d, key, h32)
	if h == 0 {
		c.W.Null()
		return
	}
	payload, ok := sh.dumpRecord(nil, h)
	if !ok {
		c.W.Error("ERR Bad data format") // a type without a serialization
		return
	}
	c.W.Bulk(payload)
}

// RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds]
// [FREQ frequency], checked in Redis's order.
func cmdRestore(c *Client) {
	args := c.Args
	replace, absTTL := false, false
	idle, freq := int64(-1), int64(-1)
	for j := 4; j < len(args); j++ {
		more := len(args) - j - 1
		switch a := args[j]; {
		case eqFold(a, "replace"):
			replace = true
		case eqFold(a, "absttl"):
			absTTL = true
		case eqFold(a, "idletime") && more >= 1 && freq == -1:
			n, ok := parseInt64(args[j+1])
			if !ok {
				c.W.Error(errNotInt)
				return
			}
			if n < 0 {
				c.W.Error("ERR Invalid IDLETIME value, must be >= 0")
				return
			}
			idle = n
			j++
		case eqFold(a, "freq") && more >= 1 && idle == -1:
			n, ok := parseInt64(args[j+1])
			if !ok {
				c.W.Error(errNotInt)
				return
			}
			if n < 0 || n > 255 {
				c.W.Error("ERR Invalid FREQ value, must be >= 0 and <= 255")
				return
			}
			freq = n
			j++
		default:
			c.W.Error(errSyntax)
			return
		}
	}
	key := args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	old := c.lookup(sh, d, key, h32)
	if !replace && old != 0 {
		c.W.Error("BUSYKEY Target key name already exists.")
		return
	}
	ttl, ok := parseInt64(args[2])
	if !ok {
		c.W.Error(errNotInt)
		return
	}
	if ttl < 0 {
		c.W.Error("ERR Invalid TTL value, must be >= 0")
		return
	}
	v, err := rdb.ParseDump(args[3])
	if err == rdb.ErrChecksum {
		c.W.Error("ERR DUMP payload version or checksum are wrong")
		return
	}
	var o object
	if err == nil && v.Kind != rdb.String {
		if build := restorers[v.Kind]; build != nil {
			o = build(c, v)
		}
	}
	if err != nil || (v.Kind != rdb.String && o == nil) {
		c.W.Error("ERR Bad data format")
		return
	}
	if ttl != 0 && !absTTL {
		ttl += c.now()
	}
	if ttl != 0 && ttl < c.now() {
		// Already expired: only the replaced key goes.
		if old != 0 {
			sh.remove(d, old)
			c.modified(key)
			c.logDel(key)
		}
		c.W.OK()
		return
	}
	lru := c.e.lruClock()
	var h handle
	if o != nil {
		h = sh.storeObject(d, key, h32, old, o, lru)
		if ttl != 0 {
			h = sh.setExpire(d, h, ttl)
		}
	} else {
		// Integers become inline integers, as Redis's tryObjectEncoding.
		h = sh.writeString(d, key, h32, old, v.Str, ttl, lru)
	}
	// FREQ counts under an LFU policy, IDLETIME under the others.
	r := sh.rec(h)
	switch lfu := c.e.lfuPolicy(); {
	case lfu && freq >= 0:
		r.setLFU(uint8(freq))
	case !lfu && idle >= 0:
		if now := int64(lru); idle < now {
			r.setLRU(uint32(now - idle))
		} else {
			r.setLRU(0)
		}
	}
	c.modified(key)
	if o != nil {
		c.ready(key) // wake clients blocked on the key, as Redis's dbAdd does
	}
	if ttl != 0 && !absTTL {
		c.logRestoreAbs(ttl)
	}
	c.W.OK()
}
