package engine

// What commands whose effect depends on the clock, on chance or on
// blocking write to the change log instead of themselves (propagate.go
// says how a record is built). Each follows what Redis 7 propagates:
// relative expiry becomes absolute (SET ... PXAT, PEXPIREAT, RESTORE ...
// ABSTTL), a time already past becomes DEL, random pops become removals
// of the members chosen, blocking pops their plain forms on the key
// served. The helpers here build those entries; the commands call them
// next to the change they made, under the key's lock.

// Command names of rewritten entries.
var (
	argSet       = []byte("SET")
	argPXAT      = []byte("PXAT")
	argKeepTTL   = []byte("KEEPTTL")
	argPExpireAt = []byte("PEXPIREAT")
	argPersist   = []byte("PERSIST")
	argAbsTTL    = []byte("ABSTTL")
	argSRem      = []byte("SREM")
	argLPop      = []byte("LPOP")
	argRPop      = []byte("RPOP")
	argLMove     = []byte("LMOVE")
	argRPopLPush = []byte("RPOPLPUSH")
	argLeft      = []byte("LEFT")
	argRight     = []byte("RIGHT")
	argZPopMin   = []byte("ZPOPMIN")
	argZPopMax   = []byte("ZPOPMAX")
	argMaxLen    = []byte("MAXLEN")
	argMinID     = []byte("MINID")
	argEq        = []byte("=")
	argXAdd      = []byte("XADD")
	argXTrim     = []byte("XTRIM")
)

// logBatchMax is how many members one rewritten entry carries at most
// (Redis's SPOP batches its SREMs by 1024).
const logBatchMax = 1024

// logDel logs DEL key: a key removed because the time given was past.
func (c *Client) logDel(key []byte) {
	c.logAs(delName, key)
}

// logSetPXAT logs SET key val PXAT at (SET EX/PX/EXAT, SETEX, PSETEX).
func (c *Client) logSetPXAT(key, val []byte, at int64) {
	if c.e.log == nil {
		return
	}
	var nb [20]byte
	c.logAs(argSet, key, val, argPXAT, appendInt(nb[:0], at))
}

// logPExpireAt logs PEXPIREAT key at followed by extra (EXPIRE's
// conditions, which replay alike).
func (c *Client) logPExpireAt(key []byte, at int64, extra [][]byte) {
	if c.e.log == nil {
		return
	}
	var nb [20]byte
	var argv [8][]byte
	args := append(argv[:0], argPExpireAt, key, appendInt(nb[:0], at))
	c.logAs(append(args, extra...)...)
}

// logSet logs what SET, SETEX and PSETEX did: SET key val PXAT at for a
// relative or EXAT time, otherwise the command without GET, as Redis.
func (c *Client) logSet(flags int, key, val []byte, at int64) {
	if c.e.log == nil {
		return
	}
	if flags&(setEX|setPX|setEXAT) != 0 {
		c.logSetPXAT(key, val, at)
		return
	}
	if flags&setGet == 0 {
		return
	}
	var argv [16][]byte
	args := argv[:0]
	for i, a := range c.Args {
		if i < 3 || !eqFold(a, "get") {
			args = append(args, a)
		}
	}
	c.logAs(args...)
}

// logRestoreAbs logs RESTORE with its TTL argument replaced by the
// absolute time at and ABSTTL added.
func (c *Client) logRestoreAbs(at int64) {
	if c.e.log == nil {
		return
	}
	var nb [20]byte
	args := make([][]byte, 0, len(c.Args)+1)
	args = append(args, c.Args...)
	args[2] = appendInt(nb[:0], at)
	c.logAs(append(args, argAbsTTL)...)
}

// memberLog collects the members a command removed at random (SPOP) and
// logs them as name key member..., logBatchMax members an entry.
type memberLog struct {
	args [][]byte
}

// add notes member m (copied) removed from key by command name.
func (l *memberLog) add(c *Client, name, key, m []byte) {
	if c.e.log == nil {
		return
	}
	if len(l.args) == 0 {
		l.args = append(l.args, name, key)
	}
	l.args = append(l.args, append([]byte(nil), m...))
	if len(l.args)-2 == logBatchMax {
		l.flush(c)
	}
}

// flush logs what was collected.
func (l *memberLog) flush(c *Client) {
	if len(l.args) > 2 {
		c.logAs(l.args...)
	}
	l.args = l.args[:0]
}

// sideArg is LEFT or RIGHT.
func sideArg(tail bool) []byte {
	if tail {
		return argRight
	}
	return argLeft
}

// logListPop logs what a blocking or multi-key pop did: LPOP/RPOP key,
// with a count for LMPOP and BLMPOP (count >= 0), as Redis.
func (c *Client) logListPop(key []byte, tail bool, count int64) {
	if c.e.log == nil || c.cmd == nil || c.cmd.Name == "lpop" || c.cmd.Name == "rpop" {
		return
	}
	name := argLPop
	if tail {
		name = argRPop
	}
	if count < 0 {
		c.logAs(name, key)
		return
	}
	var nb [20]byte
	c.logAs(name, key, appendInt(nb[:0], count))
}

// logListMove logs BLMOVE as LMOVE and BRPOPLPUSH as RPOPLPUSH.
func (c *Client) logListMove(src, dst []byte, fromTail, toTail bool) {
	if c.e.log == nil || c.cmd == nil {
		return
	}
	switch c.cmd.Name {
	case "blmove":
		c.logAs(argLMove, src, dst, sideArg(fromTail), sideArg(toTail))
	case "brpoplpush":
		c.logAs(argRPopLPush, src, dst)
	}
}

// logZPop logs BZPOPMIN/BZPOPMAX as ZPOPMIN/ZPOPMAX key, and ZMPOP/BZMPOP
// as ZPOPMIN/ZPOPMAX key count, as Redis.
func (c *Client) logZPop(key []byte, max bool, count int64) {
	if c.e.log == nil || c.cmd == nil {
		return
	}
	name := argZPopMin
	if max {
		name = argZPopMax
	}
	switch c.cmd.Name {
	case "bzpopmin", "bzpopmax":
		c.logAs(name, key)
	case "zmpop", "bzmpop":
		var nb [20]byte
		c.logAs(name, key, appendInt(nb[:0], max1(count)))
	}
}

// max1 is count, at least 1.
func max1(n int64) int64 { return max(n, 1) }
