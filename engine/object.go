package engine

import "encoding/binary"

// Collections (hashes, lists, sets, sorted sets, streams) live in the
// shard's object table; their key's record has kind kindObject and holds the
// table index as its value. Every collection type implements object, so the
// generic commands (TYPE, OBJECT ENCODING, COPY, MEMORY USAGE, SCAN TYPE)
// work on all of them without knowing them. Small sorted sets, hashes and
// intsets rest in the table packed (packedObj, packed.go) and are expanded
// for the commands that touch them.
type object interface {
	// typeName is the type as TYPE reports it ("hash", "list", ...).
	typeName() string
	// encodingName is the representation as OBJECT ENCODING reports it
	// ("listpack", "hashtable", "quicklist", "intset", "skiplist", ...).
	encodingName() string
	// copyObject returns a deep copy, for COPY.
	copyObject() object
	// memSize estimates the heap bytes the value holds, for MEMORY USAGE
	// and used_memory. It should be cheap: collections keep a running
	// count rather than walking themselves.
	memSize() int64
}

// lookupObject finds key for a command and returns its collection when it is
// a T. A missing key gives (0, zero T, true). A key of another type writes
// Redis's WRONGTYPE error to the client and gives ok == false. read selects
// lookupRead (counts keyspace hits and misses, for read-only commands) over
// lookup.
func lookupObject[T object](c *Client, sh *shard, d *dict, key []byte, h32 uint32, read bool) (h handle, o T, ok bool) {
	if read {
		h = c.lookupRead(sh, d, key, h32)
	} else {
		h = c.lookup(sh, d, key, h32)
	}
	if h == 0 {
		return 0, o, true
	}
	r := sh.rec(h)
	if r.kind() != kindObject {
		c.W.Error(errWrongType)
		return h, o, false
	}
	o, ok = sh.objAt(r.objIdx()).(T)
	if !ok {
		c.W.Error(errWrongType)
		return h, o, false
	}
	return h, o, true
}

// objectAt returns the collection of a kindObject record (nil for other
// kinds).
func (sh *shard) objectAt(h handle) object {
	r := sh.rec(h)
	if r.kind() != kindObject {
		return nil
	}
	o, _ := sh.objAt(r.objIdx()).(object)
	return o
}

// objAt is entry i of the object table for a command: a packed collection
// is expanded to its full struct first, in place, and queued for the cron
// to pack again.
func (sh *shard) objAt(i uint32) any {
	p, ok := sh.objs[i].(packedObj)
	if !ok {
		return sh.objs[i]
	}
	o := p.expand()
	sh.objs[i] = o
	sh.touched = append(sh.touched, i)
	return o
}

// addObject stores a new collection under key, which must not exist (the
// caller looked it up): a record without expiry linking to o.
func (sh *shard) addObject(d *dict, key []byte, h32 uint32, o object, lru uint32) handle {
	return sh.storeObject(d, key, h32, 0, o, lru)
}

// storeObject stores collection o under key, replacing old (0 for none)
// whatever its type, and dropping its expiry, as Redis's setKey does for
// the *STORE commands.
func (sh *shard) storeObject(d *dict, key []byte, h32 uint32, old handle, o object, lru uint32) handle {
	h, r := sh.newRecord(key, h32, kindObject, 4, 0, lru)
	i := sh.putObj(o, o.memSize())
	binary.LittleEndian.PutUint32(r.val(), i)
	if packable(o) {
		sh.touched = append(sh.touched, i)
	}
	sh.place(d, old, h)
	return h
}

// objectChanged re-accounts the collection of record h after a command
// changed it. Commands that add or remove elements call it once before
// returning (not per element).
func (sh *shard) objectChanged(h handle) {
	r := sh.rec(h)
	i := r.objIdx()
	if o, ok := sh.objs[i].(object); ok {
		sh.resizedObj(i, o.memSize())
	}
}
