package engine

// Redis 8's HGETDEL, HGETEX and HSETEX: reading or writing fields and their
// expire times in one command.

func init() {
	hash := func(name string, arity int, flags Flags, proc func(*Client)) *Command {
		return &Command{Name: name, Arity: arity, Flags: flags, First: 1, Last: 1, Step: 1,
			Cats: CatWrite | CatHash | CatFast, Proc: proc}
	}
	register(
		hash("hgetdel", -5, FlagWrite|FlagFast, cmdHGetDel),
		hash("hgetex", -5, FlagWrite|FlagFast, cmdHGetEx),
		hash("hsetex", -6, FlagWrite|FlagDenyOOM|FlagFast, cmdHSetEx),
	)
}

// cmdHGetDel is HGETDEL key FIELDS numfields field...: the values (nil for
// missing fields), deleting the fields, and the key with its last one.
func cmdHGetDel(c *Client) {
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
	c.W.Array(len(fields))
	deleted := 0
	var lg fieldLog
	for _, f := range fields {
		if h != 0 {
			if v, _, found := o.get(f); found {
				c.W.Bulk(v)
				o.del(f)
				lg.deleted(c, f)
				deleted++
				continue
			}
		}
		c.W.Null()
	}
	if deleted > 0 {
		c.hashFieldsDone(sh, d, h, key, o)
		lg.flush(c, key, 0)
	}
}

// HGETEX and HSETEX expiry options.
const (
	hexEX = 1 << iota
	hexPX
	hexEXAT
	hexPXAT
	hexPersist
	hexKeepTTL
	hexFXX
	hexFNX

	hexTimes = hexEX | hexPX | hexEXAT | hexPXAT
)

// expireOption parses an EX/PX/EXAT/PXAT amount for option flag.
func (c *Client) expireOption(flag int, arg []byte) (int64, string) {
	base := int64(0)
	if flag&(hexEX|hexPX) != 0 {
		base = c.now()
	}
	return c.parseFieldExpire(arg, flag&(hexEX|hexEXAT) != 0, base)
}

// cmdHGetEx is HGETEX key [EX s|PX ms|EXAT t|PXAT t|PERSIST] FIELDS
// numfields field...: the values, setting or removing the expire time of
// the fields found.
func cmdHGetEx(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.lookupHash(sh, d, key, h32, false)
	if !ok {
		return
	}
	opt, pos := 0, 3
	switch a := c.Args[2]; {
	case eqFold(a, "ex"):
		opt = hexEX
	case eqFold(a, "px"):
		opt = hexPX
	case eqFold(a, "exat"):
		opt = hexEXAT
	case eqFold(a, "pxat"):
		opt = hexPXAT
	case eqFold(a, "persist"):
		opt, pos = hexPersist, 4
	}
	var exp int64
	if opt&hexTimes != 0 {
		pos = 5
		var errMsg string
		if exp, errMsg = c.expireOption(opt, c.Args[3]); errMsg != "" {
			c.W.Error(errMsg)
			return
		}
	}
	fields, errMsg := c.parseFields(pos, errNumPos)
	if errMsg != "" {
		c.W.Error(errMsg)
		return
	}
	if h == 0 {
		c.W.Array(len(fields))
		for range fields {
			c.W.Null()
		}
		return
	}
	if opt != 0 {
		o.toEx()
	}
	changed := false
	var lg fieldLog
	c.W.Array(len(fields))
	for _, f := range fields {
		v, cur, found := o.get(f)
		if !found {
			c.W.Null()
			continue
		}
		c.W.Bulk(v)
		switch {
		case opt == hexPersist:
			if cur != 0 {
				o.setExpire(f, 0)
				changed = true
				lg.persisted(c, f)
			}
		case opt != 0:
			if o.fieldExpire(f, exp, 0, c.now()) == hfeDeleted {
				lg.deleted(c, f)
			} else {
				lg.expired(c, f)
			}
			changed = true
		}
	}
	if changed {
		c.hashFieldsDone(sh, d, h, key, o)
		lg.flush(c, key, exp)
	} else if opt != 0 {
		sh.objectChanged(h)
	}
}

// parseHSetEx parses HSETEX's options up to FIELDS and returns them, the
// expire time and the position of the first field.
func (c *Client) parseHSetEx() (opt int, exp int64, first int, errMsg string) {
	args := c.Args
	for i := 2; i < len(args); i++ {
		a := args[i]
		var t int
		switch {
		case eqFold(a, "fields"):
			if i >= len(args)-3 {
				return 0, 0, 0, errArity("hsetex")
			}
			n, ok := parseInt64(args[i+1])
			if !ok || n < 1 || n > 1<<31-1 {
				return 0, 0, 0, "ERR invalid number of fields"
			}
			rest := len(args) - i - 2
			if rest%2 != 0 || n != int64(rest/2) {
				return 0, 0, 0, errArity("hsetex")
			}
			return opt, exp, i + 2, ""
		case eqFold(a, "ex"):
			t = hexEX
		case eqFold(a, "px"):
			t = hexPX
		case eqFold(a, "exat"):
			t = hexEXAT
		case eqFold(a, "pxat"):
			t = hexPXAT
		case eqFold(a, "keepttl"):
			if opt&(hexTimes|hexKeepTTL) != 0 {
				return 0, 0, 0, "ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified"
			}
			opt |= hexKeepTTL
			continue
		case eqFold(a, "fxx"), eqFold(a, "fnx"):
			if opt&(hexFXX|hexFNX) != 0 {
				return 0, 0, 0, "ERR Only one of FXX or FNX arguments can be specified"
			}
			if eqFold(a, "fxx") {
				opt |= hexFXX
			} else {
				opt |= hexFNX
			}
			continue
		default:
			return 0, 0, 0, "ERR unknown argument: " + string(cString(a))
		}
		if opt&(hexTimes|hexKeepTTL) != 0 {
			return 0, 0, 0, "ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified"
		}
		if i >= len(args)-1 {
			return 0, 0, 0, "ERR missing expire time"
		}
		opt |= t
		i++
		if exp, errMsg = c.expireOption(t, args[i]); errMsg != "" {
			return 0, 0, 0, errMsg
		}
	}
	return 0, 0, 0, errArity("hsetex")
}

// cmdHSetEx is HSETEX key [FNX|FXX] [EX s|PX ms|EXAT t|PXAT t|KEEPTTL]
// FIELDS numfields field value...: 1 when the fields were set, 0 when FNX
// or FXX prevented it. Without an expiry option or KEEPTTL the fields lose
// their TTLs, as with HSET.
func cmdHSetEx(c *Client) {
	opt, exp, first, errMsg := c.parseHSetEx()
	if errMsg != "" {
		c.W.Error(errMsg)
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, o, ok := c.lookupHash(sh, d, key, h32, false)
	if !ok {
		return
	}
	if h == 0 && opt&hexFXX != 0 {
		c.W.Int(0)
		return
	}
	if opt&(hexFXX|hexFNX) != 0 && h != 0 {
		for i := first; i < len(c.Args); i += 2 {
			_, _, found := o.get(c.Args[i])
			if found != (opt&hexFXX != 0) {
				c.W.Int(0)
				return
			}
		}
	}
	if h == 0 {
		h, o, _ = c.hashForWrite(sh, d, key, h32)
	}
	if opt&hexTimes != 0 {
		o.toEx()
	}
	lim := c.hashLimits()
	keep := opt&(hexTimes|hexKeepTTL) != 0
	for i := first; i < len(c.Args); i += 2 {
		f := c.Args[i]
		o.set(f, c.Args[i+1], keep, lim)
		if opt&hexTimes != 0 {
			o.fieldExpire(f, exp, 0, c.now())
		}
	}
	c.hashFieldsDone(sh, d, h, key, o)
	c.logHSetEx(opt, exp, first)
	c.W.Int(1)
}
