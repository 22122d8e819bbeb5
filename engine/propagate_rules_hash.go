package engine

// What hash commands with field expiry write to the change log: fields
// that expired become HDEL key field entries ahead of the command's own
// (as Redis 7.4 propagates them), relative field TTLs become HPEXPIREAT,
// and times already past become HDEL.

var (
	argHDel       = []byte("HDEL")
	argHSet       = []byte("HSET")
	argHPExpireAt = []byte("HPEXPIREAT")
	argHPersist   = []byte("HPERSIST")
	argFields     = []byte("FIELDS")
)

// logDueFields logs HDEL key field for each field of o (a hash of c's
// database) whose TTL is before now; call it just before o.expireDue.
func (c *Client) logDueFields(key []byte, o *hashObj, now int64) {
	if c.e.log == nil {
		return
	}
	if next := o.nextExpire(); next == 0 || next >= now {
		return
	}
	p := c.prop()
	c.reserve(p)
	o.each(func(f, _ []byte, exp int64) bool {
		if exp != 0 && exp < now {
			p.rec = appendEntry(p.rec, c.DB, [][]byte{argHDel, key, f})
		}
		return true
	})
}

// fieldsExpired does what modified does for a hash that lost expired
// fields inside a command (persistence counts it, WATCH is invalidated)
// without making the command log itself: logDueFields logged the HDELs.
func (c *Client) fieldsExpired(key []byte) {
	c.e.dirty.Add(1)
	c.e.touchWatched(c.DB, key)
}

// logDueFieldsBG writes, in a record of its own, the HDELs of the fields
// of o (key of database db) that the background sweep is about to expire.
func (e *Engine) logDueFieldsBG(db int, key []byte, o *hashObj, now int64) {
	if e.log == nil {
		return
	}
	if next := o.nextExpire(); next == 0 || next >= now {
		return
	}
	seq := e.log.Reserve()
	var rec []byte
	o.each(func(f, _ []byte, exp int64) bool {
		if exp != 0 && exp < now {
			rec = appendEntry(rec, db, [][]byte{argHDel, key, f})
		}
		return true
	})
	e.log.Submit(seq, rec)
}

// fieldLog collects what a field expiry command did to each field, to log
// it as absolute, deterministic commands once the fields are done.
type fieldLog struct {
	del, exp, persist [][]byte
}

// deleted notes field f removed (time past, HGETDEL).
func (l *fieldLog) deleted(c *Client, f []byte) {
	if c.e.log != nil {
		l.del = append(l.del, f)
	}
}

// expired notes field f given an expire time.
func (l *fieldLog) expired(c *Client, f []byte) {
	if c.e.log != nil {
		l.exp = append(l.exp, f)
	}
}

// persisted notes field f's expire time removed.
func (l *fieldLog) persisted(c *Client, f []byte) {
	if c.e.log != nil {
		l.persist = append(l.persist, f)
	}
}

// flush logs HDEL key f..., HPEXPIREAT key at FIELDS n f... and HPERSIST
// key FIELDS n f... for the fields noted (f must still be valid).
func (l *fieldLog) flush(c *Client, key []byte, at int64) {
	if c.e.log == nil {
		return
	}
	if len(l.del) > 0 {
		c.logAs(append([][]byte{argHDel, key}, l.del...)...)
	}
	var nb, cb [20]byte
	if len(l.exp) > 0 {
		args := [][]byte{argHPExpireAt, key, appendInt(nb[:0], at), argFields, appendInt(cb[:0], int64(len(l.exp)))}
		c.logAs(append(args, l.exp...)...)
	}
	if len(l.persist) > 0 {
		args := [][]byte{argHPersist, key, argFields, appendInt(cb[:0], int64(len(l.persist)))}
		c.logAs(append(args, l.persist...)...)
	}
	l.del, l.exp, l.persist = l.del[:0], l.exp[:0], l.persist[:0]
}

// logHashFloat logs HINCRBYFLOAT as HSET key field value, with the
// field's expire time after it when it has one (HSET drops it).
func (c *Client) logHashFloat(key, f, v []byte, o *hashObj) {
	if c.e.log == nil {
		return
	}
	c.logAs(argHSet, key, f, v)
	if _, exp, ok := o.get(f); ok && exp != 0 {
		var l fieldLog
		l.expired(c, f)
		l.flush(c, key, exp)
	}
}

// logHSetEx logs HSETEX with an expiry option as HSETEX key PXAT at
// FIELDS n field value..., or as HDEL of its fields when at is past
// (they were set and removed at once).
func (c *Client) logHSetEx(opt int, at int64, first int) {
	if c.e.log == nil || opt&hexTimes == 0 {
		return
	}
	key := c.Args[1]
	if at <= c.now() {
		var l fieldLog
		for i := first; i < len(c.Args); i += 2 {
			l.deleted(c, c.Args[i])
		}
		l.flush(c, key, 0)
		return
	}
	var nb, cb [20]byte
	n := int64((len(c.Args) - first) / 2)
	args := [][]byte{c.Args[0], key, argPXAT, appendInt(nb[:0], at), argFields, appendInt(cb[:0], n)}
	c.logAs(append(args, c.Args[first:]...)...)
}
