package engine

import (
	"math"
	"strconv"
)

// Stream commands (Redis's t_stream.c): XADD XLEN XRANGE XREVRANGE XDEL
// XTRIM XSETID here; XREAD in t_stream_read.go, consumer groups in
// t_stream_group.go, XINFO in t_stream_info.go. The data structure is in
// stream.go and stream_group.go.

func init() {
	x := func(name string, arity int, flags Flags, cats Category, proc func(*Client), tips ...string) *Command {
		return &Command{Name: name, Arity: arity, Flags: flags, First: 1, Last: 1, Step: 1,
			Cats: cats | CatStream, Proc: proc, Tips: tips}
	}
	register(
		x("xadd", -5, FlagWrite|FlagDenyOOM|FlagFast, CatWrite|CatFast, cmdXAdd, "nondeterministic_output"),
		x("xlen", 2, FlagReadonly|FlagFast, CatRead|CatFast, cmdXLen),
		x("xrange", -4, FlagReadonly, CatRead|CatSlow, cmdXRange),
		x("xrevrange", -4, FlagReadonly, CatRead|CatSlow, cmdXRevRange),
		x("xdel", -3, FlagWrite|FlagFast, CatWrite|CatFast, cmdXDel),
		x("xtrim", -4, FlagWrite, CatWrite|CatSlow, cmdXTrim, "nondeterministic_output"),
		x("xsetid", -3, FlagWrite|FlagDenyOOM|FlagFast, CatWrite|CatFast, cmdXSetID),
	)
}

const (
	errStreamID      = "ERR Invalid stream ID specified as stream command argument"
	errXAddSmaller   = "ERR The ID specified in XADD is equal or smaller than the target stream top item"
	errXAddZero      = "ERR The ID specified in XADD must be greater than 0-0"
	errXAddExhausted = "ERR The stream has exhausted the last possible ID, unable to add more items"
)

// parseULL parses an unsigned 64-bit number as Redis's string2ull: a
// canonical integer, or what strtoull accepts whole (leading spaces, a
// sign, leading zeros; a minus negates modulo 2^64).
func parseULL(b []byte) (uint64, bool) {
	if v, ok := parseInt64(b); ok {
		return uint64(v), v >= 0
	}
	i := 0
	for i < len(b) && (b[i] == ' ' || (b[i] >= '\t' && b[i] <= '\r')) {
		i++
	}
	neg := false
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		neg = b[i] == '-'
		i++
	}
	if i == len(b) {
		return 0, false
	}
	var v uint64
	for ; i < len(b); i++ {
		d := b[i] - '0'
		if d > 9 {
			return 0, false
		}
		if v > (math.MaxUint64-uint64(d))/10 {
			return 0, false // ERANGE
		}
		v = v*10 + uint64(d)
	}
	if neg {
		v = -v
	}
	return v, true
}

// parseStreamID parses an ID argument as Redis's
// streamGenericParseIDOrReply: "-" and "+" (unless strict), "ms" with
// missingSeq, "ms-seq", and "ms-*" when seqGiven is not nil (it reports
// whether the sequence was given).
func parseStreamID(arg []byte, missingSeq uint64, strict bool, seqGiven *bool) (streamID, bool) {
	if len(arg) > 127 {
		return streamID{}, false
	}
	for i, ch := range arg {
		if ch == 0 { // Redis reads the argument as a C string
			arg = arg[:i]
			break
		}
	}
	if len(arg) == 1 && (arg[0] == '-' || arg[0] == '+') {
		if strict {
			return streamID{}, false
		}
		if seqGiven != nil {
			*seqGiven = true
		}
		if arg[0] == '-' {
			return streamID{}, true
		}
		return maxStreamID, true
	}
	if seqGiven != nil {
		*seqGiven = true
	}
	msPart, seqPart, dot := arg, []byte(nil), false
	for i, ch := range arg {
		if ch == '-' {
			msPart, seqPart, dot = arg[:i], arg[i+1:], true
			break
		}
	}
	ms, ok := parseULL(msPart)
	if !ok {
		return streamID{}, false
	}
	seq := missingSeq
	if dot {
		if seqGiven != nil && len(seqPart) == 1 && seqPart[0] == '*' {
			seq = 0
			*seqGiven = false
		} else if seq, ok = parseULL(seqPart); !ok {
			return streamID{}, false
		}
	}
	return streamID{ms, seq}, true
}

// streamIDArg parses a strict ID argument ("-" and "+" refused), replying
// with Redis's error when it is invalid.
func (c *Client) streamIDArg(arg []byte) (streamID, bool) {
	id, ok := parseStreamID(arg, 0, true, nil)
	if !ok {
		c.W.Error(errStreamID)
	}
	return id, ok
}

// lookupStream finds a stream for a command (h == 0: missing); ok false
// after a WRONGTYPE reply.
func (c *Client) lookupStream(sh *shard, d *dict, key []byte, h32 uint32, read bool) (handle, *stream, bool) {
	return lookupObject[*stream](c, sh, d, key, h32, read)
}

// replyStreamID writes an ID as a bulk string.
func (c *Client) replyStreamID(id streamID) { c.W.Bulk(appendStreamID(c.tmp[:0], id)) }

// replyEntry writes one entry: its ID and its fields and values.
func (c *Client) replyEntry(n *streamNode, e *streamEntry) {
	c.W.Array(2)
	c.replyStreamID(e.id)
	c.W.Array(2 * e.nf)
	n.eachField(e, func(f, v []byte) {
		c.W.Bulk(f)
		c.W.Bulk(v)
	})
}

// parseTrimArgs parses XADD's (xadd) or XTRIM's options from args[2:] as
// Redis's streamParseAddOrTrimArgsOrReply. For XADD it returns the index of
// the ID argument; it also returns the ID (and whether it and its
// sequence were given) and NOMKSTREAM.
type xaddArgs struct {
	trimArgs
	id                    streamID
	idGiven, seqGiven     bool
	noMkStream            bool
	limitGiven            bool
	idPos                 int
	trimArgIdx, approxIdx int
}

func (c *Client) parseTrimArgs(xadd bool) (a xaddArgs, ok bool) {
	args := c.Args
	a.limit = -1
	i := 2
	for ; i < len(args); i++ {
		more := len(args) - 1 - i
		opt := args[i]
		switch {
		case xadd && len(opt) == 1 && opt[0] == '*':
			a.idPos = i
			goto done
		case (eqFold(opt, "maxlen") || eqFold(opt, "minid")) && more > 0:
			if a.strategy != trimNone {
				c.W.Error("ERR syntax error, MAXLEN and MINID options at the same time are not compatible")
				return a, false
			}
			a.approx = false
			next := args[i+1]
			if more >= 2 && len(next) == 1 && (next[0] == '~' || next[0] == '=') {
				a.approx = next[0] == '~'
				i++
			}
			if eqFold(opt, "maxlen") {
				n, ok := parseInt64(args[i+1])
				if !ok {
					c.W.Error(errNotInt)
					return a, false
				}
				if n < 0 {
					c.W.Error("ERR The MAXLEN argument must be >= 0.")
					return a, false
				}
				a.maxLen, a.strategy = n, trimMaxLen
			} else {
				id, ok := c.streamIDArg(args[i+1])
				if !ok {
					return a, false
				}
				a.minID, a.strategy = id, trimMinID
			}
			i++
		case eqFold(opt, "limit") && more > 0:
			n, ok := parseInt64(args[i+1])
			if !ok {
				c.W.Error(errNotInt)
				return a, false
			}
			if n < 0 {
				c.W.Error("ERR The LIMIT argument must be >= 0.")
				return a, false
			}
			a.limit, a.limitGiven = n, true
			i++
		case xadd && eqFold(opt, "nomkstream"):
			a.noMkStream = true
		case xadd:
			id, ok := parseStreamID(opt, 0, true, &a.seqGiven)
			if !ok {
				c.W.Error(errStreamID)
				return a, false
			}
			a.id, a.idGiven, a.idPos = id, true, i
			goto done
		default:
			c.W.Error(errSyntax)
			return a, false
		}
	}
	a.idPos = i
done:
	if a.limit != -1 && a.limit != 0 && a.strategy == trimNone {
		c.W.Error("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy")
		return a, false
	}
	if !xadd && a.strategy == trimNone {
		c.W.Error("ERR syntax error, XTRIM must be called with a trimming strategy")
		return a, false
	}
	if a.limitGiven {
		if !a.approx {
			c.W.Error("ERR syntax error, LIMIT cannot be used without the special ~ option")
			return a, false
		}
	} else if a.approx {
		a.limit = 100 * c.e.cfg.enc.streamNodeEntries.Load()
	} else {
		a.limit = 0
	}
	return a, true
}

// XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...]
func cmdXAdd(c *Client) {
	a, ok := c.parseTrimArgs(true)
	if !ok {
		return
	}
	fv := c.Args[a.idPos+1:]
	if len(fv) < 2 || len(fv)%2 == 1 {
		c.W.Error(errArity("xadd"))
		return
	}
	if a.idGiven && a.seqGiven && a.id.isZero() {
		c.W.Error(errXAddZero)
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := c.lookupStream(sh, d, key, h32, false)
	if !ok {
		return
	}
	if h == 0 {
		if a.noMkStream {
			c.W.Null()
			return
		}
		s = &stream{}
	}
	if s.lastID == maxStreamID {
		c.W.Error(errXAddExhausted)
		return
	}
	var id streamID
	switch {
	case !a.idGiven:
		if ms := uint64(c.now()); ms > s.lastID.ms {
			id = streamID{ms, 0}
		} else {
			id, _ = s.lastID.incr()
		}
	case a.seqGiven:
		id = a.id
	case s.lastID.ms == a.id.ms:
		if s.lastID.seq == math.MaxUint64 {
			c.W.Error(errXAddSmaller)
			return
		}
		id = streamID{a.id.ms, s.lastID.seq + 1}
	default:
		id = a.id
	}
	if id.cmp(s.lastID) <= 0 {
		c.W.Error(errXAddSmaller)
		return
	}
	if h == 0 {
		h = sh.addObject(d, key, h32, s, c.e.lruClock())
	}
	cfg := &c.e.cfg.enc
	s.append(id, fv, cfg.streamNodeBytes.Load(), cfg.streamNodeEntries.Load())
	c.replyStreamID(id)
	s.trim(&a.trimArgs)
	sh.objectChanged(h)
	c.modified(key)
	c.logXAdd(&a, s, id)
	c.ready(key)
}

// XLEN key
func cmdXLen(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := c.lookupStream(sh, d, key, h32, true)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Int(0)
		return
	}
	c.W.Int(s.length)
}

func cmdXRange(c *Client)    { c.xrange(false) }
func cmdXRevRange(c *Client) { c.xrange(true) }

// parseIntervalID parses a range end as Redis's
// streamParseIntervalIDOrReply: "(" makes it exclusive.
func parseIntervalID(arg []byte, missingSeq uint64) (id streamID, excl, ok bool) {
	if len(arg) > 1 && arg[0] == '(' {
		id, ok = parseStreamID(arg[1:], missingSeq, true, nil)
		return id, true, ok
	}
	id, ok = parseStreamID(arg, missingSeq, false, nil)
	return id, false, ok
}

// XRANGE key start end [COUNT count], XREVRANGE key end start [COUNT count]
func (c *Client) xrange(rev bool) {
	startArg, endArg := c.Args[2], c.Args[3]
	if rev {
		startArg, endArg = endArg, startArg
	}
	start, excl, ok := parseIntervalID(startArg, 0)
	if !ok {
		c.W.Error(errStreamID)
		return
	}
	if excl {
		if start, ok = start.incr(); !ok {
			c.W.Error("ERR invalid start ID for the interval")
			return
		}
	}
	end, excl, ok := parseIntervalID(endArg, math.MaxUint64)
	if !ok {
		c.W.Error(errStreamID)
		return
	}
	if excl {
		if end, ok = end.decr(); !ok {
			c.W.Error("ERR invalid end ID for the interval")
			return
		}
	}
	count := int64(-1)
	for j := 4; j < len(c.Args); j++ {
		if eqFold(c.Args[j], "count") && j+1 < len(c.Args) {
			n, ok := parseInt64(c.Args[j+1])
			if !ok {
				c.W.Error(errNotInt)
				return
			}
			count = max(n, 0)
			j++
			continue
		}
		c.W.Error(errSyntax)
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := c.lookupStream(sh, d, key, h32, true)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Array(0)
		return
	}
	if count == 0 {
		c.W.NullArray()
		return
	}
	c.replyRange(s, start, end, count, rev)
}

// replyRange writes the entries between start and end, at most count
// (negative: all), as an array.
func (c *Client) replyRange(s *stream, start, end streamID, count int64, rev bool) {
	if start.cmp(end) > 0 {
		c.W.Array(0)
		return
	}
	// Count first, then write: the array header comes before the entries.
	it := s.iter(start, end, rev)
	var n int64
	for count < 0 || n < count {
		if _, _, ok := it.next(); !ok {
			break
		}
		n++
	}
	c.W.Array(int(n))
	it = s.iter(start, end, rev)
	for i := int64(0); i < n; i++ {
		node, e, _ := it.next()
		c.replyEntry(node, &e)
	}
}

// XDEL key id [id ...]
func cmdXDel(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := c.lookupStream(sh, d, key, h32, false)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Int(0)
		return
	}
	ids := make([]streamID, 0, len(c.Args)-2)
	for _, a := range c.Args[2:] {
		id, ok := c.streamIDArg(a)
		if !ok {
			return
		}
		ids = append(ids, id)
	}
	var deleted int64
	first := false
	for _, id := range ids {
		if s.remove(id) {
			if id == s.firstID {
				first = true
			}
			if id.cmp(s.maxDeleted) > 0 {
				s.maxDeleted = id
			}
			deleted++
		}
	}
	if deleted > 0 {
		if s.length == 0 {
			s.firstID = streamID{}
		} else if first {
			s.firstID, _ = s.edgeID(true)
		}
		sh.objectChanged(h)
		c.modified(key)
		c.e.dirty.Add(deleted - 1)
	}
	c.W.Int(deleted)
}

// XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]
func cmdXTrim(c *Client) {
	a, ok := c.parseTrimArgs(false)
	if !ok {
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := c.lookupStream(sh, d, key, h32, false)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Int(0)
		return
	}
	deleted := s.trim(&a.trimArgs)
	if deleted > 0 {
		sh.objectChanged(h)
		c.modified(key)
		c.logXTrim(&a, s)
		c.e.dirty.Add(deleted - 1)
	}
	c.W.Int(deleted)
}

// XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]
func cmdXSetID(c *Client) {
	id, ok := c.streamIDArg(c.Args[2])
	if !ok {
		return
	}
	entriesAdded := int64(-1)
	var maxDel streamID
	for i := 3; i < len(c.Args); i += 2 {
		more := i+1 < len(c.Args)
		switch {
		case eqFold(c.Args[i], "entriesadded") && more:
			n, ok := parseInt64(c.Args[i+1])
			if !ok {
				c.W.Error(errNotInt)
				return
			}
			if n < 0 {
				c.W.Error("ERR entries_added must be positive")
				return
			}
			entriesAdded = n
		case eqFold(c.Args[i], "maxdeletedid") && more:
			if maxDel, ok = c.streamIDArg(c.Args[i+1]); !ok {
				return
			}
			if id.cmp(maxDel) < 0 {
				c.W.Error("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id")
				return
			}
		default:
			c.W.Error(errSyntax)
			return
		}
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, s, ok := c.lookupStream(sh, d, key, h32, false)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Error(errNoSuchKey)
		return
	}
	if s.length > 0 {
		if top, _ := s.edgeID(false); id.cmp(top) < 0 {
			c.W.Error("ERR The ID specified in XSETID is smaller than the target stream top item")
			return
		}
		if entriesAdded != -1 && s.length > entriesAdded {
			c.W.Error("ERR The entries_added specified in XSETID is smaller than the target stream length")
			return
		}
	}
	if id.cmp(s.maxDeleted) < 0 {
		c.W.Error("ERR The ID specified in XSETID is smaller than current max_deleted_entry_id")
		return
	}
	s.lastID = id
	if entriesAdded != -1 {
		s.entriesAdded = entriesAdded
	}
	if !maxDel.isZero() {
		s.maxDeleted = maxDel
	}
	c.modified(key)
	c.W.OK()
}

// formatStreamID returns "ms-seq" as a string (cold paths).
func formatStreamID(id streamID) string {
	return strconv.FormatUint(id.ms, 10) + "-" + strconv.FormatUint(id.seq, 10)
}
