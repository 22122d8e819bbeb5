package engine

import (
	"math"
	"strconv"
)

// String commands (Redis's t_string.c).

func init() {
	register(
		&Command{Name: "get", Arity: 2, Flags: FlagReadonly | FlagFast, First: 1, Last: 1, Step: 1,
			Cats: CatRead | CatString | CatFast, Proc: cmdGet,
			Summary: "Returns the string value of a key.", Since: "1.0.0", Group: "string", Complexity: "O(1)"},
		&Command{Name: "set", Arity: -3, Flags: FlagWrite | FlagDenyOOM, First: 1, Last: 1, Step: 1,
			Cats: CatWrite | CatString | CatSlow, Proc: cmdSet,
			Summary: "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.", Since: "1.0.0", Group: "string", Complexity: "O(1)"},
	)
}

// replyString appends a string record's value as a bulk reply.
func (c *Client) replyString(sh *shard, r record) {
	switch r.kind() {
	case kindInt:
		c.W.BulkInt(r.intVal())
	case kindHeapStr:
		c.W.Bulk(sh.objs[r.objIdx()].([]byte))
	default:
		c.W.Bulk(r.val())
	}
}

func cmdGet(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	h := c.lookupRead(sh, d, key, h32)
	switch {
	case h == 0:
		c.W.Null()
	case !isString(sh.rec(h)):
		c.W.Error(errWrongType)
	default:
		c.replyString(sh, sh.rec(h))
	}
	sh.mu.Unlock()
}

// SET flags, as in Redis's setGenericCommand.
const (
	setNX = 1 << iota
	setXX
	setGet
	setKeepTTL
	setEX
	setPX
	setEXAT
	setPXAT
)

// parseSetOptions parses SET's options from args[3:]. It returns the flags
// and the absolute expire time in unix ms (0 for none), or an error reply.
func (c *Client) parseSetOptions(args [][]byte, cmdName string, allowGet bool) (flags int, expire int64, errMsg string) {
	var ttlArg []byte
	for i := 0; i < len(args); i++ {
		a := args[i]
		var next []byte
		if i+1 < len(args) {
			next = args[i+1]
		}
		switch {
		case eqFold(a, "nx") && flags&(setXX) == 0:
			flags |= setNX
		case eqFold(a, "xx") && flags&(setNX) == 0:
			flags |= setXX
		case eqFold(a, "get") && allowGet:
			flags |= setGet
		case eqFold(a, "keepttl") && flags&(setEX|setPX|setEXAT|setPXAT) == 0:
			flags |= setKeepTTL
		case eqFold(a, "ex") && flags&(setKeepTTL|setPX|setEXAT|setPXAT) == 0 && next != nil:
			flags |= setEX
			ttlArg = next
			i++
		case eqFold(a, "px") && flags&(setKeepTTL|setEX|setEXAT|setPXAT) == 0 && next != nil:
			flags |= setPX
			ttlArg = next
			i++
		case eqFold(a, "exat") && flags&(setKeepTTL|setEX|setPX|setPXAT) == 0 && next != nil:
			flags |= setEXAT
			ttlArg = next
			i++
		case eqFold(a, "pxat") && flags&(setKeepTTL|setEX|setPX|setEXAT) == 0 && next != nil:
			flags |= setPXAT
			ttlArg = next
			i++
		default:
			return 0, 0, errSyntax
		}
	}
	if ttlArg == nil {
		return flags, 0, ""
	}
	n, ok := parseInt64(ttlArg)
	if !ok {
		return 0, 0, errNotInt
	}
	if n <= 0 {
		return 0, 0, errInvalidExpire(cmdName)
	}
	switch {
	case flags&setEX != 0:
		if n > math.MaxInt64/1000 {
			return 0, 0, errInvalidExpire(cmdName)
		}
		n *= 1000
		fallthrough
	case flags&setPX != 0:
		now := c.now()
		if n > math.MaxInt64-now {
			return 0, 0, errInvalidExpire(cmdName)
		}
		expire = now + n
	case flags&setEXAT != 0:
		if n > math.MaxInt64/1000 {
			return 0, 0, errInvalidExpire(cmdName)
		}
		expire = n * 1000
	default:
		expire = n
	}
	return flags, expire, ""
}

func errInvalidExpire(cmd string) string {
	return "ERR invalid expire time in '" + cmd + "' command"
}

func cmdSet(c *Client) {
	flags, expire, errMsg := c.parseSetOptions(c.Args[3:], "set", true)
	if errMsg != "" {
		c.W.Error(errMsg)
		return
	}
	c.setGeneric(c.Args[1], c.Args[2], flags, expire)
}

// setGeneric implements SET and its variants. expire is absolute unix ms
// (0: none). Without KEEPTTL an existing expire time is dropped.
func (c *Client) setGeneric(key, val []byte, flags int, expire int64) {
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	old := c.lookup(sh, d, key, h32)
	if flags&setGet != 0 {
		switch {
		case old == 0:
			c.W.Null()
		case !isString(sh.rec(old)):
			c.W.Error(errWrongType)
			return
		default:
			c.replyString(sh, sh.rec(old))
		}
	}
	if (flags&setNX != 0 && old != 0) || (flags&setXX != 0 && old == 0) {
		if flags&setGet == 0 {
			c.W.Null()
		}
		return
	}
	if flags&setKeepTTL != 0 && old != 0 {
		if r := sh.rec(old); r.hasExpire() {
			expire = r.expireAt()
		}
	}
	if old != 0 && !isString(sh.rec(old)) {
		sh.remove(d, old)
		old = 0
	}
	sh.writeString(d, key, h32, old, val, expire, c.e.lruClock())
	c.e.dirty.Add(1)
	if expire != 0 && expire <= c.now() {
		// PXAT/EXAT in the past: the key is set and expires at once.
		if h := sh.find(d, key, h32); h != 0 {
			sh.remove(d, h)
			c.e.stats.expiredKeys.Add(1)
		}
	}
	if flags&setGet == 0 {
		c.W.OK()
	}
}

// eqFold reports whether b equals the lower-case ASCII word s, ignoring case.
func eqFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// parseInt64 parses an integer argument as Redis's string2ll does.
func parseInt64(b []byte) (int64, bool) { return parseCanonicalInt(b) }

// parseFloat parses a float argument as Redis's string2ld does: no spaces,
// no trailing bytes, NaN rejected.
func parseFloat(b []byte) (float64, bool) {
	if len(b) == 0 || len(b) > 5000 || b[0] == ' ' || b[len(b)-1] == ' ' {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange && !math.IsInf(f, 0) {
			return f, true
		}
		if !math.IsInf(f, 0) {
			return 0, false
		}
	}
	if math.IsNaN(f) {
		return 0, false
	}
	return f, true
}
