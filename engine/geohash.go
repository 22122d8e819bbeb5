package engine

import (
	"math"
	"strconv"
)

// Geohash math of Redis's geohash.c and geohash_helper.c: a position is a
// 52-bit integer interleaving 26 bits of latitude (even bits) and 26 of
// longitude (odd bits) over Redis's Web-Mercator-safe ranges, stored as the
// score of a sorted set member. Every formula follows Redis's operation
// order so that positions, distances and search areas come out the same.

const (
	geoStepMax = 26 // 52 bits
	geoLatMin  = -85.05112878
	geoLatMax  = 85.05112878
	geoLongMin = -180.0
	geoLongMax = 180.0

	// geoEarthRadius is the Earth's quadratic mean radius for WGS-84, in
	// meters, as Redis uses for every distance.
	geoEarthRadius = 6372797.560856
	// geoMercatorMax bounds the step estimate of a search radius.
	geoMercatorMax = 20037726.37
)

// geoDR is pi/180 computed at run time in float64, like C's M_PI / 180.0.
var geoDR = math.Pi / geoDRDiv

var geoDRDiv = 180.0

func geoDegRad(a float64) float64 { return a * geoDR }
func geoRadDeg(a float64) float64 { return a / geoDR }

// geoRange is a coordinate interval.
type geoRange struct{ min, max float64 }

// geoHashBits is a geohash of step*2 bits.
type geoHashBits struct {
	bits uint64
	step uint8
}

func (h geoHashBits) isZero() bool { return h.bits == 0 && h.step == 0 }

// geoArea is the cell a geohash stands for.
type geoArea struct {
	hash      geoHashBits
	long, lat geoRange
}

var (
	geoLongRange = geoRange{geoLongMin, geoLongMax}
	geoLatRange  = geoRange{geoLatMin, geoLatMax}
)

// geoInterleave64 puts the bits of lat in the even positions and those of
// long in the odd ones.
func geoInterleave64(lat, long uint32) uint64 {
	spread := func(v uint32) uint64 {
		x := uint64(v)
		x = (x | x<<16) & 0x0000FFFF0000FFFF
		x = (x | x<<8) & 0x00FF00FF00FF00FF
		x = (x | x<<4) & 0x0F0F0F0F0F0F0F0F
		x = (x | x<<2) & 0x3333333333333333
		x = (x | x<<1) & 0x5555555555555555
		return x
	}
	return spread(lat) | spread(long)<<1
}

// geoDeinterleave64 undoes geoInterleave64: lat in the low 32 bits, long
// in the high ones.
func geoDeinterleave64(v uint64) uint64 {
	squash := func(x uint64) uint64 {
		x &= 0x5555555555555555
		x = (x | x>>1) & 0x3333333333333333
		x = (x | x>>2) & 0x0F0F0F0F0F0F0F0F
		x = (x | x>>4) & 0x00FF00FF00FF00FF
		x = (x | x>>8) & 0x0000FFFF0000FFFF
		x = (x | x>>16) & 0x00000000FFFFFFFF
		return x
	}
	return squash(v) | squash(v>>1)<<32
}

// geoEncode hashes a position at step over the given ranges (Redis's
// geohashEncode); ok is false outside the supported or given ranges.
func geoEncode(longR, latR geoRange, long, lat float64, step uint8) (h geoHashBits, ok bool) {
	if step > 32 || step == 0 || (latR.min == 0 && latR.max == 0) || (longR.min == 0 && longR.max == 0) {
		return h, false
	}
	if long > geoLongMax || long < geoLongMin || lat > geoLatMax || lat < geoLatMin {
		return h, false
	}
	h.step = step
	if lat < latR.min || lat > latR.max || long < longR.min || long > longR.max {
		return h, false
	}
	latOff := (lat - latR.min) / (latR.max - latR.min)
	longOff := (long - longR.min) / (longR.max - longR.min)
	latOff *= float64(uint64(1) << step)
	longOff *= float64(uint64(1) << step)
	h.bits = geoInterleave64(uint32(latOff), uint32(longOff))
	return h, true
}

// geoDecode returns the cell of hash h (Redis's geohashDecode).
func geoDecode(longR, latR geoRange, h geoHashBits) geoArea {
	a := geoArea{hash: h}
	sep := geoDeinterleave64(h.bits)
	latScale := latR.max - latR.min
	longScale := longR.max - longR.min
	ilato := uint32(sep)
	ilono := uint32(sep >> 32)
	div := float64(uint64(1) << h.step)
	a.lat.min = latR.min + (float64(ilato)*1.0/div)*latScale
	a.lat.max = latR.min + (float64(ilato+1)*1.0/div)*latScale
	a.long.min = longR.min + (float64(ilono)*1.0/div)*longScale
	a.long.max = longR.min + (float64(ilono+1)*1.0/div)*longScale
	return a
}

// geoAreaCenter is the centre of a cell, clamped to the valid ranges.
func geoAreaCenter(a geoArea) (long, lat float64) {
	long = (a.long.min + a.long.max) / 2
	long = min(max(long, geoLongMin), geoLongMax)
	lat = (a.lat.min + a.lat.max) / 2
	lat = min(max(lat, geoLatMin), geoLatMax)
	return long, lat
}

// geoScore is the sorted set score of a position: its 52-bit hash.
func geoScore(long, lat float64) (float64, bool) {
	h, ok := geoEncode(geoLongRange, geoLatRange, long, lat, geoStepMax)
	if !ok {
		return 0, false
	}
	return float64(geoAlign52(h)), true
}

// geoFromScore decodes a score to the centre of its cell (Redis's
// decodeGeohash): what GEOPOS reports.
func geoFromScore(score float64) (long, lat float64) {
	h := geoHashBits{bits: cUint64(score), step: geoStepMax}
	return geoAreaCenter(geoDecode(geoLongRange, geoLatRange, h))
}

// cUint64 is C's (uint64_t) cast of a double as gcc compiles it for
// x86-64 (where redis-server runs): values from 2^63 up are converted
// less 2^63 with the top bit flipped back, others with cvttsd2si, which
// gives 0x8000000000000000 for NaN and out-of-range values. So +inf
// becomes 0 and -inf 0x8000000000000000 (GEOPOS of a member scored inf).
func cUint64(f float64) uint64 {
	const two63 = 9223372036854775808.0
	if f >= two63 {
		return uint64(cvttsd2si(f-two63)) ^ 1<<63
	}
	return uint64(cvttsd2si(f))
}

// cvttsd2si truncates f to int64 as the x86 instruction does.
func cvttsd2si(f float64) int64 {
	if f != f || f >= 9223372036854775808.0 || f < -9223372036854775808.0 {
		return math.MinInt64
	}
	return int64(f)
}

// geoAlign52 shifts a hash of fewer steps to 52 bits.
func geoAlign52(h geoHashBits) uint64 { return h.bits << (52 - uint(h.step)*2) }

// geoHashString is GEOHASH's 11-character standard geohash of a score:
// the position re-encoded over latitudes -90..90, the last character 0.
func geoHashString(dst []byte, score float64) []byte {
	const alphabet = "0123456789bcdefghjkmnpqrstuvwxyz"
	long, lat := geoFromScore(score)
	h, _ := geoEncode(geoRange{-180, 180}, geoRange{-90, 90}, long, lat, geoStepMax)
	for i := 0; i < 11; i++ {
		idx := 0
		if i < 10 {
			idx = int(h.bits>>(52-(i+1)*5)) & 0x1f
		}
		dst = append(dst, alphabet[idx])
	}
	return dst
}

// geoMoveX and geoMoveY step a hash one cell east/west (d > 0 / d < 0) or
// north/south.
func geoMoveX(h *geoHashBits, d int) {
	if d == 0 {
		return
	}
	x := h.bits & 0xaaaaaaaaaaaaaaaa
	y := h.bits & 0x5555555555555555
	zz := uint64(0x5555555555555555) >> (64 - uint(h.step)*2)
	if d > 0 {
		x += zz + 1
	} else {
		x |= zz
		x -= zz + 1
	}
	x &= 0xaaaaaaaaaaaaaaaa >> (64 - uint(h.step)*2)
	h.bits = x | y
}

func geoMoveY(h *geoHashBits, d int) {
	if d == 0 {
		return
	}
	x := h.bits & 0xaaaaaaaaaaaaaaaa
	y := h.bits & 0x5555555555555555
	zz := uint64(0xaaaaaaaaaaaaaaaa) >> (64 - uint(h.step)*2)
	if d > 0 {
		y += zz + 1
	} else {
		y |= zz
		y -= zz + 1
	}
	y &= 0x5555555555555555 >> (64 - uint(h.step)*2)
	h.bits = x | y
}

// geoNeighbors are the eight cells around a hash, in Redis's struct order.
type geoNeighbors struct {
	north, east, west, south                   geoHashBits
	northEast, southEast, northWest, southWest geoHashBits
}

func geoNeighborsOf(h geoHashBits) geoNeighbors {
	n := geoNeighbors{h, h, h, h, h, h, h, h}
	geoMoveX(&n.east, 1)
	geoMoveX(&n.west, -1)
	geoMoveY(&n.south, -1)
	geoMoveY(&n.north, 1)
	geoMoveX(&n.northWest, -1)
	geoMoveY(&n.northWest, 1)
	geoMoveX(&n.southWest, -1)
	geoMoveY(&n.southWest, -1)
	geoMoveX(&n.northEast, 1)
	geoMoveY(&n.northEast, 1)
	geoMoveX(&n.southEast, 1)
	geoMoveY(&n.southEast, -1)
	return n
}

// geoDistance is the haversine great-circle distance in meters (Redis 7.0's
// geohashGetDistance).
func geoDistance(lon1, lat1, lon2, lat2 float64) float64 {
	lat1r := geoDegRad(lat1)
	lon1r := geoDegRad(lon1)
	lat2r := geoDegRad(lat2)
	lon2r := geoDegRad(lon2)
	u := geoSin((lat2r - lat1r) / 2)
	v := geoSin((lon2r - lon1r) / 2)
	a := float64(u*u) + float64(float64(float64(geoCos(lat1r)*geoCos(lat2r))*v)*v)
	return 2.0 * geoEarthRadius * geoAsin(math.Sqrt(a))
}

// geoAppendDistance appends a distance as Redis's addReplyDoubleDistance
// formats it ("%.4f").
func geoAppendDistance(dst []byte, d float64) []byte {
	return strconv.AppendFloat(dst, d, 'f', 4, 64)
}

// geoAppendHuman appends a coordinate as Redis's addReplyHumanLongDouble
// prints a double: "%.17Lf" without trailing zeros or point, "-0" as "0".
func geoAppendHuman(dst []byte, f float64) []byte {
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, 'f', 17, 64)
	n := len(dst)
	for n > start && dst[n-1] == '0' {
		n--
	}
	if n > start && dst[n-1] == '.' {
		n--
	}
	dst = dst[:n]
	if n-start == 2 && dst[start] == '-' && dst[start+1] == '0' {
		dst = append(dst[:start], '0')
	}
	return dst
}
