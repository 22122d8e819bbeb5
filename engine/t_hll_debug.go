package engine

import (
	"math"
	"strconv"
)

// PFDEBUG and PFSELFTEST: Redis's HyperLogLog debugging commands.

// cmdPFDebug is PFDEBUG GETREG|DECODE|ENCODING|TODENSE key.
func cmdPFDebug(c *Client) {
	sub, key := c.Args[1], c.Args[2]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, v, ok := c.hllLookup(sh, d, key, h32, false)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Error("ERR The specified key does not exist")
		return
	}
	sh.rec(h).setEnc(encRaw)
	switch {
	case eqFold(sub, "getreg"), eqFold(sub, "todense"):
		conv := false
		if v[4] == hllSparse {
			dense, ok := hllSparseToDense(v)
			if !ok {
				c.W.Error(errHLLCorrupt)
				return
			}
			c.hllStore(sh, d, key, h32, h, dense)
			c.e.dirty.Add(1)
			c.logVerbatim()
			v, conv = dense, true
		}
		if eqFold(sub, "todense") {
			if conv {
				c.W.Int(1)
			} else {
				c.W.Int(0)
			}
			return
		}
		c.W.Array(hllRegisters)
		for i := 0; i < hllRegisters; i++ {
			c.W.Int(int64(hllDenseGet(v[hllHdrSize:], i)))
		}
	case eqFold(sub, "decode"):
		if v[4] != hllSparse {
			c.W.Error("ERR HLL encoding is not sparse")
			return
		}
		var out []byte
		for p := hllHdrSize; p < len(v); {
			switch b := v[p]; {
			case hllIsZero(b):
				out = append(strconv.AppendInt(append(out, "z:"...), int64(hllZeroLen(b)), 10), ' ')
				p++
			case hllIsXZero(b):
				out = append(strconv.AppendInt(append(out, "Z:"...), int64(hllXZeroLen(v, p)), 10), ' ')
				p += 2
			default:
				out = strconv.AppendInt(append(out, "v:"...), int64(hllValValue(b)), 10)
				out = append(strconv.AppendInt(append(out, ','), int64(hllValLen(b)), 10), ' ')
				p++
			}
		}
		for len(out) > 0 && out[len(out)-1] == ' ' {
			out = out[:len(out)-1]
		}
		c.W.Bulk(out)
	case eqFold(sub, "encoding"):
		if v[4] == hllDense {
			c.W.Simple("dense")
		} else {
			c.W.Simple("sparse")
		}
	default:
		c.W.Error("ERR Unknown PFDEBUG subcommand '" + string(sub) + "'")
	}
}

// cmdPFSelfTest is PFSELFTEST: like Redis's, it checks the 6-bit register
// packing with pseudo-random values, then adds elements to a dense HLL and
// to a sparse one (promoted at hll-sparse-max-bytes) side by side, checking
// that both give the same estimate, within the expected error of the true
// count.
func cmdPFSelfTest(c *Client) {
	regs := make([]byte, hllDenseSize-hllHdrSize)
	seed := uint64(0x9e3779b97f4a7c15)
	rnd := func() uint64 {
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return seed
	}
	for round := 0; round < 10; round++ {
		vals := make([]uint8, hllRegisters)
		for i := range vals {
			vals[i] = uint8(rnd() & hllRegMax)
			hllDenseSetReg(regs, i, vals[i])
		}
		for i, v := range vals {
			if got := hllDenseGet(regs, i); got != v {
				c.W.Error("TESTFAILED Register error at " + strconv.Itoa(i) + " (" +
					strconv.Itoa(int(got)) + " != " + strconv.Itoa(int(v)) + ")")
				return
			}
		}
	}
	sparse := appendNewHLL(nil)
	dense, _ := hllSparseToDense(appendNewHLL(nil))
	relerr := 1.04 / math.Sqrt(hllRegisters)
	maxBytes := int(min(c.e.cfg.enc.hllSparseBytes.Load(), 1<<30))
	var buf [8]byte
	for j, check := 1, 10; j <= 100000; j++ {
		ele := strconv.AppendUint(buf[:0], rnd(), 10)
		sparse, _ = hllAdd(sparse, ele, maxBytes)
		dense, _ = hllAdd(dense, ele, maxBytes)
		if j != check {
			continue
		}
		check *= 10
		c1, _ := hllCount(sparse, false)
		c2, _ := hllCount(dense, false)
		if c1 != c2 {
			c.W.Error("TESTFAILED dense/sparse disagree: " + strconv.FormatUint(c1, 10) + " != " + strconv.FormatUint(c2, 10))
			return
		}
		maxerr := relerr * 6
		if j == 10 {
			maxerr = 1
		}
		if abserr := math.Abs(float64(c2) - float64(j)); abserr > maxerr*float64(j) {
			c.W.Error("TESTFAILED Too big error. card:" + strconv.Itoa(j) + " abserr:" + strconv.FormatFloat(abserr, 'f', -1, 64))
			return
		}
	}
	c.W.OK()
}
