package engine

// Hash field expiration (Redis 7.4): HEXPIRE, HPEXPIRE, HEXPIREAT,
// HPEXPIREAT, HTTL, HPTTL, HEXPIRETIME, HPEXPIRETIME and HPERSIST, with
// Redis 8's argument checks and error texts. Every command names its fields
// as FIELDS numfields field...

func init() {
	hash := func(name string, arity int, flags Flags, cats Category, proc func(*Client)) *Command {
		return &Command{Name: name, Arity: arity, Flags: flags, First: 1, Last: 1, Step: 1,
			Cats: cats | CatHash | CatFast, Proc: proc}
	}
	const (
		w  = FlagWrite | FlagDenyOOM | FlagFast
		ro = FlagReadonly | FlagFast
	)
	register(
		hash("hexpire", -6, w, CatWrite, func(c *Client) { c.hashExpire(true, true) }),
		hash("hpexpire", -6, w, CatWrite, func(c *Client) { c.hashExpire(false, true) }),
		hash("hexpireat", -6, w, CatWrite, func(c *Client) { c.hashExpire(true, false) }),
		hash("hpexpireat", -6, w, CatWrite, func(c *Client) { c.hashExpire(false, false) }),
		hash("httl", -5, ro, CatRead, func(c *Client) { c.hashTTL(true, true) }),
		hash("hpttl", -5, ro, CatRead, func(c *Client) { c.hashTTL(false, true) }),
		hash("hexpiretime", -5, ro, CatRead, func(c *Client) { c.hashTTL(true, false) }),
		hash("hpexpiretime", -5, ro, CatRead, func(c *Client) { c.hashTTL(false, false) }),
		hash("hpersist", -5, FlagWrite|FlagFast, CatWrite, cmdHPersist),
	)
}

// hfeMaxTime is the latest field expire time a command may set, in unix ms
// (Redis's HFE_MAX_ABS_TIME_MSEC: EB_EXPIRE_TIME_MAX >> 2).
const hfeMaxTime = (1<<48 - 1) >> 2

// Per-field results of the expiry commands.
const (
	hfeNoField  = -2 // no such field (or key)
	hfeNoTTL    = -1 // the field has no expire time
	hfeNotMet   = 0  // NX/XX/GT/LT not met
	hfeSet      = 1  // expire time set (or removed, for HPERSIST)
	hfeDeleted  = 2  // the time was in the past: field deleted
	errNoFields = "ERR Mandatory argument FIELDS is missing or not at the right position"
	errNumCount = "ERR The `numfields` parameter must match the number of arguments"
	errNumPos   = "ERR Number of fields must be a positive integer"
)

// parseFieldExpire reads an expire argument as Redis's parseExpireTime:
// non-negative, in seconds when secs, plus base (the current time for
// relative forms), at most hfeMaxTime.
func (c *Client) parseFieldExpire(arg []byte, secs bool, base int64) (int64, string) {
	v, ok := parseInt64(arg)
	if !ok {
		return 0, errNotInt
	}
	if v < 0 {
		return 0, "ERR invalid expire time, must be >= 0"
	}
	if secs {
		if v > hfeMaxTime/1000 {
			return 0, errInvalidExpire(c.cmd.Name)
		}
		v *= 1000
	}
	if v > hfeMaxTime-base {
		return 0, errInvalidExpire(c.cmd.Name)
	}
	return v + base, ""
}

// parseFields checks "FIELDS numfields field..." with numfields at c.Args[pos]
// and returns the fields. badCount is the reply for a numfields that is not
// a positive integer.
func (c *Client) parseFields(pos int, badCount string) ([][]byte, string) {
	if pos >= len(c.Args) {
		return nil, errArity(c.cmd.Name)
	}
	if !eqFold(c.Args[pos-1], "fields") {
		return nil, errNoFields
	}
	n, ok := parseInt64(c.Args[pos])
	if !ok || n < 1 {
		return nil, badCount
	}
	if n != int64(len(c.Args)-pos-1) {
		return nil, errNumCount
	}
	return c.Args[pos+1:], ""
}

// replyInts replies with one integer per field, all v.
func (c *Client) replyInts(n int, v int64) {
	c.W.Array(n)
	for ; n > 0; n-- {
		c.W.Int(v)
	}
}

// hashFieldsDone finishes a command that changed fields of key's hash: it
// deletes the key when no field is left, re-accounts it otherwise, and
// registers it for the active sweep when fields have TTLs.
func (c *Client) hashFieldsDone(sh *shard, d *dict, h handle, key []byte, o *hashObj) {
	c.modified(key)
	if o.length() == 0 {
		sh.remove(d, h)
		return
	}
	sh.objectChanged(h)
	if o.hasTTLs() {
		sh.watchHashTTL(c.DB, key)
	}
}

// Expire conditions.
const (
	hfeNX = 1 + iota
	hfeXX
	hfeGT
	hfeLT
)

// fieldExpire sets field f's expire time under cond (0 for none), as
// Redis's hashTypeSetEx: a field without TTL counts as never expiring, so
// XX and GT fail on it; a time not after now deletes the field.
func (o *hashObj) fieldExpire(f []byte, exp int64, cond int, now int64) int64 {
	_, cur, found := o.get(f)
	if !found {
		return hfeNoField
	}
	if cur == 0 {
		if cond == hfeXX || cond == hfeGT {
			return hfeNotMet
		}
	} else if cond == hfeNX || (cond == hfeGT && cur >= exp) || (cond == hfeLT && cur <= exp) {
		return hfeNotMet
	}
	if exp <= now {
		o.del(f)
		return hfeDeleted
	}
	o.setExpire(f, exp)
	return hfeSet
}

// toEx makes a listpack hash a listpackex, as Redis does for a hash that a
// field expiry command touches.
func (o *hashObj) toEx() {
	if o.ht == nil {
		o.lp = lpToEx(o.lp)
	}
}

// hashExpire is HEXPIRE (secs, relative), HPEXPIRE, HEXPIREAT and
// HPEXPIREAT: key time [NX|XX|GT|LT] FIELDS numfields field...
func (c *Client) hashExpire(secs, relative bool) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.lookupHash(sh, d, key, h32, false)
	if !ok {
		return
	}
	base := int64(0)
	if relative {
		base = c.now()
	}
	exp, errMsg := c.parseFieldExpire(c.Args[2], secs, base)
	if errMsg != "" {
		c.W.Error(errMsg)
		return
	}
	cond, pos := 0, 4
	switch a := c.Args[3]; {
	case eqFold(a, "nx"):
		cond = hfeNX
	case eqFold(a, "xx"):
		cond = hfeXX
	case eqFold(a, "gt"):
		cond = hfeGT
	case eqFold(a, "lt"):
		cond = hfeLT
	}
	if cond != 0 {
		pos++
	}
	fields, errMsg := c.parseFields(pos, "ERR Parameter `numFields` should be greater than 0")
	if errMsg != "" {
		c.W.Error(errMsg)
		return
	}
	if h == 0 {
		c.replyInts(len(fields), hfeNoField)
		return
	}
	o.toEx()
	changed := false
	var lg fieldLog
	c.W.Array(len(fields))
	for _, f := range fields {
		r := o.fieldExpire(f, exp, cond, c.now())
		changed = changed || r == hfeSet || r == hfeDeleted
		if r == hfeSet {
			lg.expired(c, f)
		} else if r == hfeDeleted {
			lg.deleted(c, f)
		}
		c.W.Int(r)
	}
	if changed {
		c.hashFieldsDone(sh, d, h, key, o)
		lg.flush(c, key, exp)
	} else {
		sh.objectChanged(h)
	}
}

// hashTTL is HTTL (secs, relative), HPTTL, HEXPIRETIME and HPEXPIRETIME.
func (c *Client) hashTTL(secs, relative bool) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.lookupHash(sh, d, key, h32, true)
	if !ok {
		return
	}
	fields, errMsg := c.parseFields(3, errNumPos)
	if errMsg != "" {
		c.W.Error(errMsg)
		return
	}
	if h == 0 {
		c.replyInts(len(fields), hfeNoField)
		return
	}
	base := int64(0)
	if relative {
		base = c.now()
	}
	c.W.Array(len(fields))
	for _, f := range fields {
		_, exp, found := o.get(f)
		switch {
		case !found:
			c.W.Int(hfeNoField)
		case exp == 0:
			c.W.Int(hfeNoTTL)
		case secs:
			c.W.Int((exp + 999 - base) / 1000)
		default:
			c.W.Int(exp - base)
		}
	}
}

// cmdHPersist is HPERSIST key FIELDS numfields field...
func cmdHPersist(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.lookupHash(sh, d, key, h32, false)
	if !ok {
		return
	}
	fields, errMsg := c.parseFields(3, errNumPos)
	if errMsg != "" {
		c.W.Error(errMsg)
		return
	}
	if h == 0 {
		c.replyInts(len(fields), hfeNoField)
		return
	}
	changed := false
	c.W.Array(len(fields))
	for _, f := range fields {
		_, exp, found := o.get(f)
		switch {
		case !found:
			c.W.Int(hfeNoField)
		case exp == 0:
			c.W.Int(hfeNoTTL)
		default:
			o.setExpire(f, 0)
			changed = true
			c.W.Int(hfeSet)
		}
	}
	if changed {
		c.hashFieldsDone(sh, d, h, key, o)
	}
}
