package engine

import (
	"encoding/binary"
	"math"
)

// APPEND, STRLEN, GETRANGE, SUBSTR and SETRANGE: commands that read or
// edit part of a string. Strings they modify become "raw" (record byte 11),
// as Redis's dbUnshareStringValue makes them.

func init() {
	register(
		&Command{Name: "append", Arity: 3, Flags: FlagWrite | FlagDenyOOM | FlagFast, First: 1, Last: 1, Step: 1,
			Cats: CatWrite | CatString | CatFast, Proc: cmdAppend},
		&Command{Name: "strlen", Arity: 2, Flags: FlagReadonly | FlagFast, First: 1, Last: 1, Step: 1,
			Cats: CatRead | CatString | CatFast, Proc: cmdStrlen},
		&Command{Name: "getrange", Arity: 4, Flags: FlagReadonly, First: 1, Last: 1, Step: 1,
			Cats: CatRead | CatString | CatSlow, Proc: cmdGetRange},
		&Command{Name: "substr", Arity: 4, Flags: FlagReadonly, First: 1, Last: 1, Step: 1,
			Cats: CatRead | CatString | CatSlow, Proc: cmdGetRange},
		&Command{Name: "setrange", Arity: 4, Flags: FlagWrite | FlagDenyOOM, First: 1, Last: 1, Step: 1,
			Cats: CatWrite | CatString | CatSlow, Proc: cmdSetRange},
	)
}

// checkStringLength reports whether a string of size bytes is allowed
// (proto-max-bulk-len), replying with the error when it is not.
func (c *Client) checkStringLength(size int64) bool {
	if size > c.e.opts.ProtoMaxBulkLen {
		c.W.Error(errStringTooLong)
		return false
	}
	return true
}

func cmdAppend(c *Client) {
	key, arg := c.Args[1], c.Args[2]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h := c.lookup(sh, d, key, h32)
	if h == 0 {
		// A new key takes the argument as SET would (int, embstr or raw).
		sh.writeString(d, key, h32, 0, arg, 0, c.e.lruClock())
		c.modified(key)
		c.W.Int(int64(len(arg)))
		return
	}
	r := sh.rec(h)
	if !isString(r) {
		c.W.Error(errWrongType)
		return
	}
	n := sh.stringLen(r)
	if !c.checkStringLength(int64(n) + int64(len(arg))) {
		return
	}
	_, v := sh.growString(d, key, h32, h, n+len(arg), c.e.lruClock())
	copy(v[n:], arg)
	c.modified(key)
	c.W.Int(int64(len(v)))
}

func cmdStrlen(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	h := c.lookupRead(sh, d, key, h32)
	switch {
	case h == 0:
		c.W.Int(0)
	case !isString(sh.rec(h)):
		c.W.Error(errWrongType)
	default:
		c.W.Int(int64(sh.stringLen(sh.rec(h))))
	}
	sh.mu.Unlock()
}

// cmdGetRange is GETRANGE (and SUBSTR) key start end: negative indexes
// count from the end, both ends are clamped, an empty range replies "".
func cmdGetRange(c *Client) {
	start, ok := parseInt64(c.Args[2])
	if !ok {
		c.W.Error(errNotInt)
		return
	}
	end, ok := parseInt64(c.Args[3])
	if !ok {
		c.W.Error(errNotInt)
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h := c.lookupRead(sh, d, key, h32)
	if h == 0 {
		c.W.Bulk(nil)
		return
	}
	r := sh.rec(h)
	if !isString(r) {
		c.W.Error(errWrongType)
		return
	}
	s := sh.stringBytes(r, c.tmp[:0])
	n := int64(len(s))
	if start < 0 && end < 0 && start > end {
		c.W.Bulk(nil)
		return
	}
	if start < 0 {
		start += n
	}
	if end < 0 {
		end += n
	}
	if start < 0 {
		start = 0
	}
	if end < 0 {
		end = 0
	}
	if end >= n {
		end = n - 1
	}
	if start > end || n == 0 {
		c.W.Bulk(nil)
		return
	}
	c.W.Bulk(s[start : end+1])
}

// cmdSetRange is SETRANGE key offset value: it writes value at offset,
// zero-padding the string as needed, and replies with the new length. An
// empty value changes nothing (and creates no key).
func cmdSetRange(c *Client) {
	off, ok := parseInt64(c.Args[2])
	if !ok {
		c.W.Error(errNotInt)
		return
	}
	if off < 0 {
		c.W.Error("ERR offset is out of range")
		return
	}
	key, val := c.Args[1], c.Args[3]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h := c.lookup(sh, d, key, h32)
	n := 0
	if h != 0 {
		r := sh.rec(h)
		if !isString(r) {
			c.W.Error(errWrongType)
			return
		}
		n = sh.stringLen(r)
	}
	if len(val) == 0 {
		c.W.Int(int64(n))
		return
	}
	total := off + int64(len(val))
	if off > c.e.opts.ProtoMaxBulkLen {
		total = math.MaxInt64 // off+len could overflow
	}
	if !c.checkStringLength(total) {
		return
	}
	size := max(n, int(off)+len(val))
	_, v := sh.growString(d, key, h32, h, size, c.e.lruClock())
	copy(v[off:], val)
	c.modified(key)
	c.W.Int(int64(len(v)))
}

// growString resizes the string at old (0: a new key) to n bytes (n is at
// least its length), keeping its bytes and expire time and zero-filling
// the rest, and marks it raw. It returns the (possibly moved) handle and
// the value's bytes for the caller to write into. Inline strings grow in
// place while their chunk has room; heap strings grow like Redis's sds (to
// twice the size, at most 1 MB more), so repeated APPENDs stay amortized
// O(1).
func (sh *shard) growString(d *dict, key []byte, h32 uint32, old handle, n int, lru uint32) (handle, []byte) {
	var cur []byte // the current value; it stays valid until old is freed
	var tmp [20]byte
	var expire int64
	if old != 0 {
		r := sh.rec(old)
		r.setLRU(lru)
		if r.hasExpire() {
			expire = r.expireAt()
		}
		switch r.kind() {
		case kindStr:
			if o := r.valOff(); o+n <= len(r.b) {
				clear(r.b[o+r.vlen() : o+n])
				binary.LittleEndian.PutUint32(r.b[20:], uint32(n))
				r.setEnc(encRaw)
				return old, r.val()
			}
			cur = r.val()
		case kindHeapStr:
			i := r.objIdx()
			b := sh.objs[i].([]byte)
			if n > cap(b) {
				nb := make([]byte, len(b), sdsGrow(n))
				copy(nb, b)
				b = nb
			}
			clear(b[len(b):n])
			b = b[:n]
			sh.objs[i] = b
			sh.resizedObj(i, int64(len(b)))
			r.setEnc(encRaw)
			return old, b
		case kindInt:
			cur = appendInt(tmp[:0], r.intVal())
		}
	}
	h, r := sh.newRecord(key, h32, kindStr, n, expire, lru)
	r.setEnc(encRaw)
	var v []byte
	if r.kind() == kindHeapStr {
		c := n // a new key gets its exact size, a growing one slack
		if old != 0 {
			c = sdsGrow(n)
		}
		v = make([]byte, n, c)
		binary.LittleEndian.PutUint32(r.val(), sh.putObj(v, int64(len(v))))
	} else {
		v = r.val()
	}
	clear(v[copy(v, cur):])
	sh.place(d, old, h)
	return h, v
}

// sdsGrow is the capacity Redis's sdsMakeRoomFor gives a string growing to
// n bytes: double below 1 MB, 1 MB of slack above.
func sdsGrow(n int) int {
	const sdsMaxPrealloc = 1 << 20
	if n < sdsMaxPrealloc {
		return 2 * n
	}
	return n + sdsMaxPrealloc
}
