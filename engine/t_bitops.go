package engine

import (
	"encoding/binary"
	"math/bits"
)

// Bitmap commands on string values (Redis's bitops.c): SETBIT GETBIT
// BITCOUNT BITPOS BITOP here, BITFIELD in t_bitops_field.go. Bits are
// numbered from the most significant bit of the first byte. Writes go
// through growString, which zero-extends the value and makes it "raw", as
// Redis's lookupStringForBitCommand does.

func init() {
	bm := func(name string, arity int, flags Flags, first, last int, proc func(*Client)) *Command {
		return &Command{Name: name, Arity: arity, Flags: flags, First: first, Last: last, Step: 1,
			Cats: CatBitmap, Proc: proc}
	}
	register(
		bm("setbit", 4, FlagWrite|FlagDenyOOM, 1, 1, cmdSetBit),
		bm("getbit", 3, FlagReadonly|FlagFast, 1, 1, cmdGetBit),
		bm("bitcount", -2, FlagReadonly, 1, 1, cmdBitCount),
		bm("bitpos", -3, FlagReadonly, 1, 1, cmdBitPos),
		bm("bitop", -4, FlagWrite|FlagDenyOOM, 2, -1, cmdBitOp),
		bm("bitfield", -2, FlagWrite|FlagDenyOOM, 1, 1, cmdBitField),
		bm("bitfield_ro", -2, FlagReadonly|FlagFast, 1, 1, cmdBitFieldRO),
	)
}

const errBitOffset = "ERR bit offset is not an integer or out of range"

// parseBitOffset parses a bit offset as Redis's getBitOffsetFromArgument:
// with hash set, "#n" means n*bits. Offsets must stay inside
// proto-max-bulk-len bytes.
func (c *Client) parseBitOffset(b []byte, hash bool, nbits int) (int64, bool) {
	mul := int64(1)
	if hash && nbits > 0 && len(b) > 0 && b[0] == '#' {
		b, mul = b[1:], int64(nbits)
	}
	off, ok := parseInt64(b)
	off *= mul
	if !ok || off < 0 || off>>3 >= c.e.opts.ProtoMaxBulkLen {
		c.W.Error(errBitOffset)
		return 0, false
	}
	return off, true
}

// readString looks up key for a bit command: its bytes (integers
// formatted into tmp), whether it exists, and false after WRONGTYPE.
func (c *Client) readString(sh *shard, d *dict, key []byte, h32 uint32, tmp []byte) (v []byte, exists, ok bool) {
	h := c.lookupRead(sh, d, key, h32)
	if h == 0 {
		return nil, false, true
	}
	r := sh.rec(h)
	if !isString(r) {
		c.W.Error(errWrongType)
		return nil, true, false
	}
	return sh.stringBytes(r, tmp), true, true
}

// writableString makes key's string at least n bytes long for writing,
// creating it when missing. It returns the bytes to write into, whether
// the value was created or grew (Redis's "dirty"), and false after
// WRONGTYPE.
func (c *Client) writableString(sh *shard, d *dict, key []byte, h32 uint32, n int) (v []byte, grew, ok bool) {
	h := c.lookup(sh, d, key, h32)
	cur := 0
	if h != 0 {
		r := sh.rec(h)
		if !isString(r) {
			c.W.Error(errWrongType)
			return nil, false, false
		}
		cur = sh.stringLen(r)
	}
	_, v = sh.growString(d, key, h32, h, max(cur, n), c.e.lruClock())
	return v, h == 0 || n > cur, true
}

func cmdSetBit(c *Client) {
	off, ok := c.parseBitOffset(c.Args[2], false, 0)
	if !ok {
		return
	}
	on, ok := parseInt64(c.Args[3])
	if !ok || on&^1 != 0 {
		c.W.Error("ERR bit is not an integer or out of range")
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	v, _, ok := c.writableString(sh, d, key, h32, int(off>>3)+1)
	if !ok {
		return
	}
	byt, mask := off>>3, byte(1)<<(7-off&7)
	old := v[byt]&mask != 0
	if on == 1 {
		v[byt] |= mask
	} else {
		v[byt] &^= mask
	}
	c.modified(key)
	if old {
		c.W.Int(1)
	} else {
		c.W.Int(0)
	}
}

func cmdGetBit(c *Client) {
	off, ok := c.parseBitOffset(c.Args[2], false, 0)
	if !ok {
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	v, _, ok := c.readString(sh, d, key, h32, c.tmp[:0])
	if !ok {
		return
	}
	if byt := off >> 3; byt < int64(len(v)) && v[byt]&(1<<(7-off&7)) != 0 {
		c.W.Int(1)
		return
	}
	c.W.Int(0)
}

// bitRange converts BITCOUNT/BITPOS start and end (bytes, or bits when
// isBit) to an inclusive bit range [lo, hi] over a string of n bytes, as
// Redis clamps them; empty when lo > hi.
func bitRange(start, end int64, n int, isBit bool) (lo, hi int64) {
	total := int64(n)
	if isBit {
		total <<= 3
	}
	if start < 0 {
		start += total
	}
	if end < 0 {
		end += total
	}
	start, end = max(start, 0), max(end, 0)
	if end >= total {
		end = total - 1
	}
	if start > end {
		return 1, 0
	}
	if isBit {
		return start, end
	}
	return start << 3, end<<3 + 7
}

// countBits counts the set bits of v in the bit range [lo, hi].
func countBits(v []byte, lo, hi int64) int64 {
	if lo > hi {
		return 0
	}
	first, last := lo>>3, hi>>3
	var n int
	p := v[first : last+1]
	for len(p) >= 8 {
		n += bits.OnesCount64(binary.LittleEndian.Uint64(p))
		p = p[8:]
	}
	for _, b := range p {
		n += bits.OnesCount8(b)
	}
	// Take out the bits of the edge bytes outside the range.
	n -= bits.OnesCount8(v[first] & ^byte(0xff>>(lo&7)))
	n -= bits.OnesCount8(v[last] & byte(0xff>>(hi&7+1)))
	return int64(n)
}

// cmdBitCount is BITCOUNT key [start end [BYTE|BIT]]. Redis 7.0 looks the
// key up before parsing the range, so a missing key answers 0 whatever
// follows.
func cmdBitCount(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	v, exists, ok := c.readString(sh, d, key, h32, c.tmp[:0])
	if !ok {
		return
	}
	if !exists {
		c.W.Int(0)
		return
	}
	lo, hi := int64(0), int64(len(v))*8-1
	switch len(c.Args) {
	case 2:
	case 4, 5:
		start, ok1 := parseInt64(c.Args[2])
		end, ok2 := parseInt64(c.Args[3])
		if !ok1 || !ok2 {
			c.W.Error(errNotInt)
			return
		}
		// Redis 7.0 answers an inverted negative range before it reads
		// BYTE|BIT.
		if start < 0 && end < 0 && start > end {
			c.W.Int(0)
			return
		}
		isBit := false
		if len(c.Args) == 5 {
			switch {
			case eqFold(c.Args[4], "bit"):
				isBit = true
			case !eqFold(c.Args[4], "byte"):
				c.W.Error(errSyntax)
				return
			}
		}
		lo, hi = bitRange(start, end, len(v), isBit)
	default:
		c.W.Error(errSyntax)
		return
	}
	c.W.Int(countBits(v, lo, hi))
}

// cmdBitPos is BITPOS key bit [start [end [BYTE|BIT]]].
func cmdBitPos(c *Client) {
	bit, ok := parseInt64(c.Args[2])
	if !ok {
		c.W.Error(errNotInt)
		return
	}
	if bit != 0 && bit != 1 {
		c.W.Error("ERR The bit argument must be 1 or 0.")
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	v, exists, ok := c.readString(sh, d, key, h32, c.tmp[:0])
	if !ok {
		return
	}
	if !exists {
		c.W.Int(-bit)
		return
	}
	lo, hi := int64(0), int64(len(v))*8-1
	endGiven := false
	switch n := len(c.Args); n {
	case 3:
	case 4, 5, 6:
		start, ok := parseInt64(c.Args[3])
		if !ok {
			c.W.Error(errNotInt)
			return
		}
		isBit := false
		if n == 6 {
			switch {
			case eqFold(c.Args[5], "bit"):
				isBit = true
			case !eqFold(c.Args[5], "byte"):
				c.W.Error(errSyntax)
				return
			}
		}
		end := int64(len(v)) - 1
		if isBit {
			end = int64(len(v))<<3 + 7
		}
		if n >= 5 {
			if end, ok = parseInt64(c.Args[4]); !ok {
				c.W.Error(errNotInt)
				return
			}
			endGiven = true
		}
		lo, hi = bitRange(start, end, len(v), isBit)
	default:
		c.W.Error(errSyntax)
		return
	}
	if lo > hi {
		c.W.Int(-1)
		return
	}
	pos := findBit(v, lo, hi, byte(bit))
	if pos < 0 && bit == 0 && !endGiven {
		// Past the end the string reads as zeros.
		pos = hi + 1
	}
	c.W.Int(pos)
}

// findBit returns the first bit position in [lo, hi] whose value is bit,
// or -1.
func findBit(v []byte, lo, hi int64, bit byte) int64 {
	skip := byte(0) // a byte with no bit of interest
	if bit == 0 {
		skip = 0xff
	}
	for i := lo; i <= hi; {
		if i&7 == 0 && i+7 <= hi && v[i>>3] == skip {
			i += 8
			continue
		}
		if (v[i>>3]>>(7-i&7))&1 == bit {
			return i
		}
		i++
	}
	return -1
}

// BITOP operations: Redis 7.0's four, and Redis 8.2's DIFF, DIFF1, ANDOR
// and ONE.
const (
	bitopAnd = iota
	bitopOr
	bitopXor
	bitopNot
	bitopDiff
	bitopDiff1
	bitopAndOr
	bitopOne
)

var bitopNames = []string{"and", "or", "xor", "not", "diff", "diff1", "andor", "one"}

// cmdBitOp is BITOP op destkey key [key ...]: missing keys read as empty
// strings; the result, as long as the longest input, is stored raw, or
// destkey deleted when it would be empty.
func cmdBitOp(c *Client) {
	op := -1
	for i, n := range bitopNames {
		if eqFold(c.Args[1], n) {
			op = i
		}
	}
	switch {
	case op < 0:
		c.W.Error(errSyntax)
		return
	case op == bitopNot && len(c.Args) != 4:
		c.W.Error("ERR BITOP NOT must be called with a single source key.")
		return
	case (op == bitopDiff || op == bitopDiff1 || op == bitopAndOr) && len(c.Args) < 5:
		c.W.Error("ERR BITOP " + upper(bitopNames[op]) + " must be called with at least two source keys.")
		return
	}
	dst, keys := c.Args[2], c.Args[3:]
	ix := c.shardIndexes(c.Args[2:])
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)
	srcs := make([][]byte, len(keys))
	maxLen := 0
	for i, k := range keys {
		sh, d, h32 := c.keyInShard(k)
		v, _, ok := c.readString(sh, d, k, h32, nil)
		if !ok {
			return
		}
		srcs[i] = v
		maxLen = max(maxLen, len(v))
	}
	sh, d, h32 := c.keyInShard(dst)
	old := c.lookup(sh, d, dst, h32)
	if maxLen == 0 {
		if old != 0 {
			sh.remove(d, old)
			c.modified(dst)
		}
		c.W.Int(0)
		return
	}
	res := bitop(op, srcs, maxLen)
	sh.writeBytes(d, dst, h32, old, res, 0, c.e.lruClock(), encRaw)
	c.modified(dst)
	c.W.Int(int64(maxLen))
}

// bitop computes a BITOP result of maxLen bytes; shorter sources read as
// zero-padded.
func bitop(op int, srcs [][]byte, maxLen int) []byte {
	res := make([]byte, maxLen)
	copy(res, srcs[0])
	switch op {
	case bitopNot:
		wordOp(res, res, func(a, _ uint64) uint64 { return ^a })
	case bitopAnd:
		for _, s := range srcs[1:] {
			wordOp(res, s, func(a, b uint64) uint64 { return a & b })
			clear(res[len(s):])
		}
	case bitopOr:
		for _, s := range srcs[1:] {
			wordOp(res, s, func(a, b uint64) uint64 { return a | b })
		}
	case bitopXor:
		for _, s := range srcs[1:] {
			wordOp(res, s, func(a, b uint64) uint64 { return a ^ b })
		}
	case bitopOne:
		common := make([]byte, maxLen)
		for _, s := range srcs[1:] {
			for j, b := range s {
				common[j] |= res[j] & b
				res[j] ^= b
			}
		}
		wordOp(res, common, func(a, b uint64) uint64 { return a &^ b })
	default: // DIFF, DIFF1, ANDOR: the first source against the others' OR
		or := make([]byte, maxLen)
		for _, s := range srcs[1:] {
			wordOp(or, s, func(a, b uint64) uint64 { return a | b })
		}
		f := func(a, b uint64) uint64 { return a &^ b }
		if op == bitopDiff1 {
			f = func(a, b uint64) uint64 { return ^a & b }
		} else if op == bitopAndOr {
			f = func(a, b uint64) uint64 { return a & b }
		}
		wordOp(res, or, f)
	}
	return res
}

// wordOp sets dst[j] = f(dst[j], src[j]) for j < len(src) (all of dst
// when src is dst), eight bytes at a time.
func wordOp(dst, src []byte, f func(a, b uint64) uint64) {
	n := min(len(dst), len(src))
	j := 0
	for ; j+8 <= n; j += 8 {
		binary.LittleEndian.PutUint64(dst[j:], f(binary.LittleEndian.Uint64(dst[j:]), binary.LittleEndian.Uint64(src[j:])))
	}
	var a, b [8]byte
	for ; j < n; j++ {
		a[0], b[0] = dst[j], src[j]
		dst[j] = byte(f(binary.LittleEndian.Uint64(a[:]), binary.LittleEndian.Uint64(b[:])))
	}
}
