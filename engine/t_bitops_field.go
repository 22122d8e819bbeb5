package engine

import "math"

// BITFIELD and BITFIELD_RO: integers of 1 to 64 bits (unsigned up to 63)
// at arbitrary bit offsets of a string, with Redis's overflow policies.

// Overflow policies (OVERFLOW WRAP|SAT|FAIL).
const (
	bfWrap = iota
	bfSat
	bfFail
)

// bitfieldOp is one parsed GET, SET or INCRBY.
type bitfieldOp struct {
	op     byte // 'g', 's' or 'i'
	signed bool
	bits   int
	offset int64
	value  int64
	ow     int
}

const errBitfieldType = "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is."

func cmdBitField(c *Client)   { c.bitfieldGeneric(false) }
func cmdBitFieldRO(c *Client) { c.bitfieldGeneric(true) }

// parseBitfieldType parses "i<bits>" or "u<bits>".
func parseBitfieldType(b []byte) (signed bool, nbits int, ok bool) {
	if len(b) == 0 {
		return false, 0, false
	}
	switch b[0] {
	case 'i', 'I':
		signed = true
	case 'u', 'U':
	default:
		return false, 0, false
	}
	n, ok := parseInt64(b[1:])
	if !ok || n < 1 || (signed && n > 64) || (!signed && n > 63) {
		return false, 0, false
	}
	return signed, int(n), true
}

// bitfieldGeneric parses every operation first (errors stop the command
// before it touches the key), then runs them in order, as Redis's
// bitfieldGeneric.
func (c *Client) bitfieldGeneric(ro bool) {
	var ops []bitfieldOp
	ow := bfWrap
	readonly := true
	highest := int64(0)
	args := c.Args
	for j := 2; j < len(args); j++ {
		rem := len(args) - j - 1
		var op bitfieldOp
		switch a := args[j]; {
		case eqFold(a, "get") && rem >= 2:
			op.op = 'g'
		case eqFold(a, "set") && rem >= 3:
			op.op = 's'
		case eqFold(a, "incrby") && rem >= 3:
			op.op = 'i'
		case eqFold(a, "overflow") && rem >= 1:
			j++
			switch t := args[j]; {
			case eqFold(t, "wrap"):
				ow = bfWrap
			case eqFold(t, "sat"):
				ow = bfSat
			case eqFold(t, "fail"):
				ow = bfFail
			default:
				c.W.Error("ERR Invalid OVERFLOW type specified")
				return
			}
			continue
		default:
			c.W.Error(errSyntax)
			return
		}
		var ok bool
		if op.signed, op.bits, ok = parseBitfieldType(args[j+1]); !ok {
			c.W.Error(errBitfieldType)
			return
		}
		if op.offset, ok = c.parseBitOffset(args[j+2], true, op.bits); !ok {
			return
		}
		if op.op != 'g' {
			readonly = false
			highest = max(highest, op.offset+int64(op.bits)-1)
			if op.value, ok = parseInt64(args[j+3]); !ok {
				c.W.Error(errNotInt)
				return
			}
			j++
		}
		op.ow = ow
		ops = append(ops, op)
		j += 2
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	var v []byte
	grew := false
	if readonly {
		var ok bool
		if v, _, ok = c.readString(sh, d, key, h32, c.tmp[:0]); !ok {
			return
		}
	} else {
		if ro {
			c.W.Error("ERR BITFIELD_RO only supports the GET subcommand")
			return
		}
		var ok bool
		if v, grew, ok = c.writableString(sh, d, key, h32, int(highest>>3)+1); !ok {
			return
		}
	}
	c.W.Array(len(ops))
	changes := 0
	for _, op := range ops {
		if op.op == 'g' {
			u := getBits(v, op.offset, op.bits)
			if op.signed {
				c.W.Int(signExtend(u, op.bits))
			} else {
				c.W.Int(int64(u))
			}
			continue
		}
		old := getBits(v, op.offset, op.bits)
		var nv uint64
		var reply int64
		var overflow bool
		if op.signed {
			oldv := signExtend(old, op.bits)
			var res int64
			if op.op == 'i' {
				res, overflow = signedOverflow(oldv, op.value, op.bits, op.ow)
				if !overflow {
					res = oldv + op.value
				}
				reply = res
			} else {
				res, overflow = signedOverflow(op.value, 0, op.bits, op.ow)
				if !overflow {
					res = op.value
				}
				reply = oldv
			}
			nv = uint64(res)
		} else {
			if op.op == 'i' {
				var lim uint64
				lim, overflow = unsignedOverflow(old, op.value, op.bits, op.ow)
				nv = old + uint64(op.value)
				if overflow {
					nv = lim
				}
				reply = int64(nv)
			} else {
				var lim uint64
				lim, overflow = unsignedOverflow(uint64(op.value), 0, op.bits, op.ow)
				nv = uint64(op.value)
				if overflow {
					nv = lim
				}
				reply = int64(old)
			}
		}
		if overflow && op.ow == bfFail {
			c.W.Null()
			continue
		}
		c.W.Int(reply)
		setBits(v, op.offset, op.bits, nv)
		if grew || old != nv&mask(op.bits) {
			changes++
		}
	}
	if changes > 0 {
		c.modified(key)
	}
}

func mask(nbits int) uint64 {
	if nbits >= 64 {
		return math.MaxUint64
	}
	return 1<<nbits - 1
}

// getBits reads nbits bits at bit offset off of v, most significant first;
// bits past the end of v read as zero.
func getBits(v []byte, off int64, nbits int) uint64 {
	var x uint64
	for i := 0; i < nbits; i++ {
		p := off + int64(i)
		var b uint64
		if byt := p >> 3; byt < int64(len(v)) {
			b = uint64(v[byt]>>(7-p&7)) & 1
		}
		x = x<<1 | b
	}
	return x
}

// setBits writes the low nbits bits of x at bit offset off of v.
func setBits(v []byte, off int64, nbits int, x uint64) {
	for i := 0; i < nbits; i++ {
		p := off + int64(i)
		m := byte(1) << (7 - p&7)
		if x>>(nbits-1-i)&1 != 0 {
			v[p>>3] |= m
		} else {
			v[p>>3] &^= m
		}
	}
}

// signExtend reads the low nbits bits of u as a two's complement integer.
func signExtend(u uint64, nbits int) int64 {
	if nbits < 64 && u&(1<<(nbits-1)) != 0 {
		u |= math.MaxUint64 << nbits
	}
	return int64(u)
}

// signedOverflow is Redis's checkSignedBitfieldOverflow: whether value+incr
// leaves the nbits signed range, and then the value the policy stores.
func signedOverflow(value, incr int64, nbits, ow int) (int64, bool) {
	maxv := int64(math.MaxInt64)
	if nbits < 64 {
		maxv = 1<<(nbits-1) - 1
	}
	minv := -maxv - 1
	maxincr := int64(uint64(maxv) - uint64(value))
	minincr := minv - value
	var limit int64
	switch {
	case value > maxv || (nbits != 64 && incr > maxincr) || (value >= 0 && incr > 0 && incr > maxincr):
		limit = maxv
	case value < minv || (nbits != 64 && incr < minincr) || (value < 0 && incr < 0 && incr < minincr):
		limit = minv
	default:
		return 0, false
	}
	if ow == bfWrap {
		c := uint64(value) + uint64(incr)
		if nbits < 64 {
			if c&(1<<(nbits-1)) != 0 {
				c |= math.MaxUint64 << nbits
			} else {
				c &^= math.MaxUint64 << nbits
			}
		}
		return int64(c), true
	}
	return limit, true
}

// unsignedOverflow is Redis's checkUnsignedBitfieldOverflow.
func unsignedOverflow(value uint64, incr int64, nbits, ow int) (uint64, bool) {
	maxv := mask(nbits)
	maxincr := int64(maxv - value)
	minincr := int64(-value)
	var limit uint64
	switch {
	case value > maxv || (incr > 0 && incr > maxincr):
		limit = maxv
	case incr < 0 && incr < minincr:
		limit = 0
	default:
		return 0, false
	}
	if ow == bfWrap {
		return (value + uint64(incr)) & maxv, true
	}
	return limit, true
}
