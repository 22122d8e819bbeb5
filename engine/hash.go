package engine

import "github.com/updraftdb/updraft/persistence/rdb"

// hashObj is a Redis hash: a listpack (hash_listpack.go) while it is small,
// a hashtable (hash_table.go) once it passes hash-max-listpack-entries or
// holds a field or value longer than hash-max-listpack-value, one way, as
// in Redis. Fields may carry an expire time (Redis 7.4's hash field
// expiration); the commands remove expired fields before they look at a
// hash (expireDue), and the active sweep (t_hash_expire.go) removes them
// from hashes nobody reads.
type hashObj struct {
	lp []byte     // listpack encoding, when ht == nil
	ht *hashTable // hashtable encoding
}

// hashLimits are the conversion thresholds in force for a command.
type hashLimits struct{ entries, value int64 }

func (c *Client) hashLimits() hashLimits {
	return hashLimits{c.e.cfg.enc.hashEntries.Load(), c.e.cfg.enc.hashValue.Load()}
}

func newHash() *hashObj { return &hashObj{lp: lpNew()} }

func (o *hashObj) typeName() string { return "hash" }

func (o *hashObj) encodingName() string {
	switch {
	case o.ht != nil:
		return "hashtable"
	case lpIsEx(o.lp):
		return "listpackex"
	}
	return "listpack"
}

func (o *hashObj) copyObject() object {
	if o.ht != nil {
		return &hashObj{ht: o.ht.copyTable()}
	}
	return &hashObj{lp: append([]byte(nil), o.lp...)}
}

func (o *hashObj) memSize() int64 {
	if o.ht != nil {
		return o.ht.memSize() + 32
	}
	return int64(cap(o.lp)) + 32
}

// length is the number of fields.
func (o *hashObj) length() int {
	if o.ht != nil {
		return o.ht.count
	}
	return lpLen(o.lp)
}

// get returns field's value (pointing into the hash: valid until it
// changes) and expire time.
func (o *hashObj) get(f []byte) (v []byte, exp int64, ok bool) {
	if o.ht != nil {
		i := o.ht.find(f)
		if i == 0 {
			return nil, 0, false
		}
		e := &o.ht.ents[i-1]
		return o.ht.value(e), e.expire, true
	}
	_, _, v, exp, ok = lpFind(o.lp, f)
	return v, exp, ok
}

// convert moves a listpack hash to the hashtable encoding.
func (o *hashObj) convert() {
	if o.ht != nil {
		return
	}
	t := newHashTable(lpLen(o.lp))
	for off := 1; off < len(o.lp); {
		f, v, exp, next := lpEntry(o.lp, off)
		t.add(f, v, exp)
		off = next
	}
	o.ht, o.lp = t, nil
}

// set stores field f with value v and reports whether the field is new.
// An existing field loses its expire time unless keepTTL (HINCRBY and
// HSETEX keep it); in a listpackex that moves it to the end, as in Redis.
// Fields or values longer than lim.value convert the hash first, more
// than lim.entries fields after.
func (o *hashObj) set(f, v []byte, keepTTL bool, lim hashLimits) bool {
	if o.ht == nil && (int64(len(f)) > lim.value || int64(len(v)) > lim.value) {
		o.convert()
	}
	if t := o.ht; t != nil {
		if i := t.find(f); i != 0 {
			t.setValue(i, v)
			if !keepTTL && t.ents[i-1].expire != 0 {
				t.setExpire(i, 0)
			}
			return false
		}
		t.add(f, v, 0)
		return true
	}
	start, end, _, exp, found := lpFind(o.lp, f)
	switch {
	case !found:
		o.lp = lpReplace(o.lp, len(o.lp), len(o.lp), f, v, 0)
	case exp != 0 && !keepTTL:
		o.lp = lpResize(o.lp, start, end, 0)
		o.lp = lpReplace(o.lp, len(o.lp), len(o.lp), f, v, 0)
	default:
		o.lp = lpReplace(o.lp, start, end, f, v, exp)
	}
	if !found && int64(lpLen(o.lp)) > lim.entries {
		o.convert()
	}
	return !found
}

// del removes field f and reports whether it was there.
func (o *hashObj) del(f []byte) bool {
	if t := o.ht; t != nil {
		i := t.find(f)
		if i == 0 {
			return false
		}
		t.del(i)
		return true
	}
	start, end, _, _, found := lpFind(o.lp, f)
	if found {
		o.lp = lpResize(o.lp, start, end, 0)
	}
	return found
}

// each calls fn for every field in the hash's order until fn returns
// false. fn must not change the hash.
func (o *hashObj) each(fn func(f, v []byte, exp int64) bool) {
	if t := o.ht; t != nil {
		for k := range t.ents {
			e := &t.ents[k]
			if e.off != htFree && !fn(t.field(e), t.value(e), e.expire) {
				return
			}
		}
		return
	}
	for off := 1; off < len(o.lp); {
		f, v, exp, next := lpEntry(o.lp, off)
		if !fn(f, v, exp) {
			return
		}
		off = next
	}
}

// nextExpire is a lower bound of the fields' expire times (exact for
// listpacks), 0 when no field has one.
func (o *hashObj) nextExpire() int64 {
	if o.ht != nil {
		return o.ht.minExp
	}
	if !lpIsEx(o.lp) || len(o.lp) == 1 {
		return 0
	}
	_, _, exp, _ := lpEntry(o.lp, 1)
	return exp
}

// expireDue removes the fields that expired before now and returns how
// many. It is cheap when none can have.
func (o *hashObj) expireDue(now int64) int {
	next := o.nextExpire()
	if next == 0 || next >= now {
		return 0
	}
	n := 0
	if t := o.ht; t != nil {
		t.minExp = 0
		for k := range t.ents {
			e := &t.ents[k]
			if e.off == htFree || e.expire == 0 {
				continue
			}
			if e.expire < now {
				t.unlink(uint32(k + 1))
				n++
			} else if t.minExp == 0 || e.expire < t.minExp {
				t.minExp = e.expire
			}
		}
		t.maybeCompact()
		return n
	}
	// Fields with a TTL come first, soonest first.
	end := 1
	for end < len(o.lp) {
		_, _, exp, next := lpEntry(o.lp, end)
		if exp == 0 || exp >= now {
			break
		}
		end = next
		n++
	}
	if n > 0 {
		o.lp = lpResize(o.lp, 1, end, 0)
	}
	return n
}

// setExpire sets existing field f's expire time (0 removes it). A plain
// listpack becomes a listpackex, whose order it keeps: the entry moves
// before the first one without TTL or expiring no sooner, or to the end
// when the TTL is removed.
func (o *hashObj) setExpire(f []byte, exp int64) {
	if t := o.ht; t != nil {
		if i := t.find(f); i != 0 {
			t.setExpire(i, exp)
		}
		return
	}
	o.lp = lpToEx(o.lp)
	start, end, _, _, found := lpFind(o.lp, f)
	if !found {
		return
	}
	// Copy the entry out before moving it.
	var buf [128]byte
	entry := append(buf[:0], o.lp[start:end]...)
	o.lp = lpResize(o.lp, start, end, 0)
	tmp := append([]byte{lpEx}, entry...)
	ef, ev, _, _ := lpEntry(tmp, 1)
	pos := lpExInsertPos(o.lp, exp)
	o.lp = lpReplace(o.lp, pos, pos, ef, ev, exp)
}

// hasTTLs reports whether some field has an expire time.
func (o *hashObj) hasTTLs() bool { return o.nextExpire() != 0 }

// dumpValue is the hash's content for DUMP (fields and values; field TTLs
// are not carried: Redis 7.0's format has no place for them).
func (o *hashObj) dumpValue() rdb.Value {
	elems := make([][]byte, 0, 2*o.length())
	o.each(func(f, v []byte, _ int64) bool {
		elems = append(elems, f, v)
		return true
	})
	return rdb.Value{Kind: rdb.Hash, Elems: elems}
}

// fileValue is the hash's content for a snapshot file: fields, values
// and, when a field has one, the expire times (Redis 7.4's format), fields
// expired before now left out.
func (o *hashObj) fileValue(now int64) rdb.Value {
	if !o.hasTTLs() {
		return o.dumpValue()
	}
	v := rdb.Value{Kind: rdb.Hash, Elems: make([][]byte, 0, 2*o.length()), TTLs: make([]int64, 0, o.length())}
	o.each(func(f, val []byte, exp int64) bool {
		if exp == 0 || exp >= now {
			v.Elems = append(v.Elems, f, val)
			v.TTLs = append(v.TTLs, exp)
		}
		return true
	})
	return v
}

// restoreHash builds a hash from a RESTORE payload or a file with the
// encoding Redis would load it with, field TTLs included (fields already
// expired are dropped); nil for an empty hash or a duplicate field, which
// Redis refuses.
func restoreHash(c *Client, v rdb.Value) object {
	if len(v.Elems) == 0 || len(v.Elems)%2 != 0 {
		return nil
	}
	o := newHash()
	lim := c.hashLimits()
	if int64(len(v.Elems)/2) > lim.entries {
		o.convert()
	}
	ttls := v.TTLs
	if len(ttls) != len(v.Elems)/2 {
		ttls = nil
	}
	now := c.now()
	for i := 0; i < len(v.Elems); i += 2 {
		if ttls != nil && ttls[i/2] != 0 && ttls[i/2] < now {
			if _, _, ok := o.get(v.Elems[i]); ok {
				return nil
			}
			continue
		}
		if !o.set(v.Elems[i], v.Elems[i+1], false, lim) {
			return nil
		}
	}
	for i, exp := range ttls {
		if exp != 0 && exp >= now {
			o.setExpire(v.Elems[2*i], exp)
		}
	}
	if o.length() == 0 {
		return nil
	}
	return o
}

func init() { restorers[rdb.Hash] = restoreHash }
