package engine

import (
	"math"
	"strconv"
)

// String commands (Redis's t_string.c): GET and the SET family here;
// counters in t_string_num.go, APPEND and ranges in t_string_range.go,
// multi-key commands in t_string_multi.go, LCS in t_string_lcs.go.

func init() {
	str := func(name string, arity int, flags Flags, cats Category, proc func(*Client)) *Command {
		return &Command{Name: name, Arity: arity, Flags: flags, First: 1, Last: 1, Step: 1,
			Cats: cats | CatString, Proc: proc}
	}
	const (
		rFast = CatRead | CatFast
		wFast = CatWrite | CatFast
		wSlow = CatWrite | CatSlow
	)
	register(
		str("get", 2, FlagReadonly|FlagFast, rFast, cmdGet),
		str("set", -3, FlagWrite|FlagDenyOOM, wSlow, cmdSet),
		str("setnx", 3, FlagWrite|FlagDenyOOM|FlagFast, wFast, cmdSetNX),
		str("setex", 4, FlagWrite|FlagDenyOOM, wSlow, cmdSetEX),
		str("psetex", 4, FlagWrite|FlagDenyOOM, wSlow, cmdPSetEX),
		str("getset", 3, FlagWrite|FlagDenyOOM|FlagFast, wFast, cmdGetSet),
		str("getdel", 2, FlagWrite|FlagFast, wFast, cmdGetDel),
		str("getex", -2, FlagWrite|FlagFast, wFast, cmdGetEx),
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
	c.getGeneric(sh, d, key, h32)
	sh.mu.Unlock()
}

// getGeneric replies with key's value, nil when missing, as Redis's
// getGenericCommand. It returns the key's handle (0 when missing) and false
// after a WRONGTYPE error.
func (c *Client) getGeneric(sh *shard, d *dict, key []byte, h32 uint32) (handle, bool) {
	h := c.lookupRead(sh, d, key, h32)
	switch {
	case h == 0:
		c.W.Null()
	case !isString(sh.rec(h)):
		c.W.Error(errWrongType)
		return h, false
	default:
		c.replyString(sh, sh.rec(h))
	}
	return h, true
}

// SET and GETEX flags, as in Redis's parseExtendedStringArgumentsOrReply.
const (
	setNX = 1 << iota
	setXX
	setGet
	setKeepTTL
	setEX
	setPX
	setEXAT
	setPXAT
	setPersist

	setExpireFlags = setEX | setPX | setEXAT | setPXAT
)

// parseStringOptions parses SET's options (forSet) or GETEX's from args. It
// returns the flags and the expire argument (nil for none), or an error.
// Repeating an option is allowed; conflicting ones are a syntax error.
func parseStringOptions(args [][]byte, forSet bool) (flags int, ttl []byte, errMsg string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		var next []byte
		if i+1 < len(args) {
			next = args[i+1]
		}
		var f int
		switch {
		case forSet && eqFold(a, "nx") && flags&setXX == 0:
			flags |= setNX
			continue
		case forSet && eqFold(a, "xx") && flags&setNX == 0:
			flags |= setXX
			continue
		case forSet && eqFold(a, "get"):
			flags |= setGet
			continue
		case forSet && eqFold(a, "keepttl") && flags&(setPersist|setExpireFlags) == 0:
			flags |= setKeepTTL
			continue
		case !forSet && eqFold(a, "persist") && flags&(setKeepTTL|setExpireFlags) == 0:
			flags |= setPersist
			continue
		case eqFold(a, "ex"):
			f = setEX
		case eqFold(a, "px"):
			f = setPX
		case eqFold(a, "exat"):
			f = setEXAT
		case eqFold(a, "pxat"):
			f = setPXAT
		}
		if f == 0 || next == nil || flags&(setKeepTTL|setPersist|(setExpireFlags&^f)) != 0 {
			return 0, nil, errSyntax
		}
		flags |= f
		ttl = next
		i++
	}
	return flags, ttl, ""
}

// stringExpireAt converts an expire argument to an absolute unix-ms time as
// Redis's getExpireMillisecondsOrReply does: the value must be positive,
// and the result must not overflow.
func (c *Client) stringExpireAt(flags int, ttl []byte, cmd string) (int64, string) {
	n, ok := parseInt64(ttl)
	if !ok {
		return 0, errNotInt
	}
	seconds := flags&(setEX|setEXAT) != 0
	if n <= 0 || (seconds && n > math.MaxInt64/1000) {
		return 0, errInvalidExpire(cmd)
	}
	if seconds {
		n *= 1000
	}
	if flags&(setEX|setPX) != 0 {
		if n > math.MaxInt64-c.now() {
			return 0, errInvalidExpire(cmd)
		}
		n += c.now()
	}
	return n, ""
}

func errInvalidExpire(cmd string) string {
	return "ERR invalid expire time in '" + cmd + "' command"
}

func cmdSet(c *Client) {
	flags, ttl, errMsg := parseStringOptions(c.Args[3:], true)
	if errMsg != "" {
		c.W.Error(errMsg)
		return
	}
	c.setGeneric(c.Args[1], c.Args[2], flags, ttl, "set", false)
}

func cmdSetNX(c *Client) { c.setGeneric(c.Args[1], c.Args[2], setNX, nil, "setnx", true) }

func cmdSetEX(c *Client) { c.setGeneric(c.Args[1], c.Args[3], setEX, c.Args[2], "setex", false) }

func cmdPSetEX(c *Client) { c.setGeneric(c.Args[1], c.Args[3], setPX, c.Args[2], "psetex", false) }

// setGeneric implements SET and its variants, as Redis's setGenericCommand:
// the expire argument is checked first, then GET replies with the old value
// (WRONGTYPE stops the command), then NX/XX decide. Without KEEPTTL an
// existing expire time is dropped. intReply makes the replies :1 and :0
// (SETNX) instead of +OK and nil.
func (c *Client) setGeneric(key, val []byte, flags int, ttl []byte, cmd string, intReply bool) {
	var expire int64
	if ttl != nil {
		var errMsg string
		if expire, errMsg = c.stringExpireAt(flags, ttl, cmd); errMsg != "" {
			c.W.Error(errMsg)
			return
		}
	}
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	var old handle
	if flags&setGet != 0 {
		var ok bool
		if old, ok = c.getGeneric(sh, d, key, h32); !ok {
			return
		}
	} else {
		old = c.lookup(sh, d, key, h32)
	}
	if (flags&setNX != 0 && old != 0) || (flags&setXX != 0 && old == 0) {
		switch {
		case flags&setGet != 0:
		case intReply:
			c.W.Int(0)
		default:
			c.W.Null()
		}
		return
	}
	if flags&setKeepTTL != 0 && old != 0 {
		if r := sh.rec(old); r.hasExpire() {
			expire = r.expireAt()
		}
	}
	// EXAT/PXAT in the past store a key that is already expired: like
	// Redis, it is reclaimed by lazy or active expiry, not here.
	sh.writeString(d, key, h32, old, val, expire, c.e.lruClock())
	c.modified(key)
	c.logSet(flags, key, val, expire)
	switch {
	case flags&setGet != 0:
	case intReply:
		c.W.Int(1)
	default:
		c.W.OK()
	}
}

func cmdGetSet(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	if old, ok := c.getGeneric(sh, d, key, h32); ok {
		sh.writeString(d, key, h32, old, c.Args[2], 0, c.e.lruClock())
		c.modified(key)
	}
	sh.mu.Unlock()
}

func cmdGetDel(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	if h, ok := c.getGeneric(sh, d, key, h32); ok && h != 0 {
		sh.remove(d, h)
		c.modified(key)
		c.logDel(key)
	}
	sh.mu.Unlock()
}

// cmdGetEx is GETEX key [EX|PX|EXAT|PXAT time | PERSIST]: options are
// checked first, the expire value only once the key is known to be a
// string.
func cmdGetEx(c *Client) {
	flags, ttl, errMsg := parseStringOptions(c.Args[2:], false)
	if errMsg != "" {
		c.W.Error(errMsg)
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h := c.lookupRead(sh, d, key, h32)
	if h == 0 {
		c.W.Null()
		return
	}
	if !isString(sh.rec(h)) {
		c.W.Error(errWrongType)
		return
	}
	var expire int64
	if ttl != nil {
		if expire, errMsg = c.stringExpireAt(flags, ttl, "getex"); errMsg != "" {
			c.W.Error(errMsg)
			return
		}
	}
	c.replyString(sh, sh.rec(h))
	switch {
	case flags&(setEXAT|setPXAT) != 0 && expire <= c.now():
		sh.remove(d, h)
		c.modified(key)
		c.logDel(key)
	case ttl != nil:
		sh.setExpire(d, h, expire)
		c.modified(key)
		c.logPExpireAt(key, expire, nil)
	case flags&setPersist != 0 && sh.rec(h).hasExpire():
		sh.setExpire(d, h, 0)
		c.modified(key)
		c.logAs(argPersist, key)
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

// parseFloat parses a float argument as Redis's string2d does (strtod): no
// spaces, no trailing bytes, NaN rejected. For long doubles see ldParse.
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
