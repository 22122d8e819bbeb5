package engine

import (
	"math"
	"strconv"
)

// Geo commands (Redis's geo.c): positions are sorted set members scored by
// their 52-bit geohash (geohash.go). GEOADD, GEODIST, GEOHASH and GEOPOS
// here; the searches in t_geo_search.go.

func init() {
	geo := func(name string, arity int, flags Flags, cats Category, proc func(*Client)) *Command {
		return &Command{Name: name, Arity: arity, Flags: flags, First: 1, Last: 1, Step: 1,
			Cats: cats | CatGeo, Proc: proc}
	}
	register(
		geo("geoadd", -5, FlagWrite|FlagDenyOOM, CatWrite|CatSlow, cmdGeoAdd),
		geo("geodist", -4, FlagReadonly, CatRead|CatSlow, cmdGeoDist),
		geo("geohash", -2, FlagReadonly, CatRead|CatSlow, cmdGeoHash),
		geo("geopos", -2, FlagReadonly, CatRead|CatSlow, cmdGeoPos),
	)
}

// Error replies of the geo commands.
const (
	errGeoUnit   = "ERR unsupported unit provided. please use M, KM, FT, MI"
	errGeoMember = "ERR could not decode requested zset member"
)

// geoUnit returns the size in meters of a unit argument, 0 when unknown.
func geoUnit(u []byte) float64 {
	switch {
	case eqFold(u, "m"):
		return 1
	case eqFold(u, "km"):
		return 1000
	case eqFold(u, "ft"):
		return 0.3048
	case eqFold(u, "mi"):
		return 1609.34
	}
	return 0
}

// geoParseLongLat parses a longitude, latitude pair as Redis's
// extractLongLatOrReply, replying with the error when it fails.
func (c *Client) geoParseLongLat(a, b []byte) (long, lat float64, ok bool) {
	if long, ok = parseScore(a); ok {
		lat, ok = parseScore(b)
	}
	if !ok {
		c.W.Error(errNotFloat)
		return 0, 0, false
	}
	if long < geoLongMin || long > geoLongMax || lat < geoLatMin || lat > geoLatMax {
		buf := append(c.tmp[:0], "ERR invalid longitude,latitude pair "...)
		buf = appendCFloat6(buf, long)
		buf = append(buf, ',')
		buf = appendCFloat6(buf, lat)
		c.W.Error(string(buf))
		return 0, 0, false
	}
	return long, lat, true
}

// appendCFloat6 formats f as C's printf("%f") (strconv's fixed-point
// digits are exact, like glibc's).
func appendCFloat6(dst []byte, f float64) []byte {
	switch {
	case math.IsInf(f, 1):
		return append(dst, "inf"...)
	case math.IsInf(f, -1):
		return append(dst, "-inf"...)
	}
	return strconv.AppendFloat(dst, f, 'f', 6, 64)
}

// cmdGeoAdd is GEOADD key [NX|XX] [CH] long lat member ...: ZADD with the
// positions' geohashes as scores.
func cmdGeoAdd(c *Client) {
	args := c.Args
	nx, xx, ch := false, false, false
	i := 2
	for ; i < len(args); i++ {
		switch a := args[i]; {
		case eqFold(a, "nx"):
			nx = true
		case eqFold(a, "xx"):
			xx = true
		case eqFold(a, "ch"):
			ch = true
		default:
			goto parsed
		}
	}
parsed:
	if (len(args)-i)%3 != 0 || (nx && xx) || i == len(args) {
		c.W.Error(errSyntax)
		return
	}
	n := (len(args) - i) / 3
	for j := 0; j < n; j++ { // every position is checked before any is added
		if _, _, ok := c.geoParseLongLat(args[i+j*3], args[i+j*3+1]); !ok {
			return
		}
	}
	key := args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, z, ok := lookupObject[*zset](c, sh, d, key, h32, false)
	if !ok {
		return
	}
	if h == 0 {
		if xx {
			c.W.Int(0)
			return
		}
		z = newZset()
		h = sh.addObject(d, key, h32, z, c.e.lruClock())
	}
	flags := 0
	if nx {
		flags |= zaddNX
	}
	if xx {
		flags |= zaddXX
	}
	maxEntries, maxValue := c.zsetLimits()
	added, updated := 0, 0
	for j := 0; j < n; j++ {
		long, _ := parseScore(args[i+j*3])
		lat, _ := parseScore(args[i+j*3+1])
		score, _ := geoScore(long, lat)
		out, _ := z.add(args[i+j*3+2], score, flags, maxEntries, maxValue)
		if out&zaddOutAdded != 0 {
			added++
		} else if out&zaddOutUpdated != 0 {
			updated++
		}
	}
	if added+updated > 0 {
		sh.objectChanged(h)
		c.modified(key)
		c.e.dirty.Add(int64(added + updated - 1))
		c.ready(key)
	}
	if ch {
		c.W.Int(int64(added + updated))
	} else {
		c.W.Int(int64(added))
	}
}

// cmdGeoDist is GEODIST key member1 member2 [unit].
func cmdGeoDist(c *Client) {
	conv := 1.0
	if len(c.Args) == 5 {
		if conv = geoUnit(c.Args[4]); conv == 0 {
			c.W.Error(errGeoUnit)
			return
		}
	} else if len(c.Args) > 5 {
		c.W.Error(errSyntax)
		return
	}
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	h, z, ok := lookupObject[*zset](c, sh, d, key, h32, true)
	if !ok {
		return
	}
	if h == 0 {
		c.W.Null()
		return
	}
	s1, ok1 := z.score(c.Args[2])
	s2, ok2 := z.score(c.Args[3])
	if !ok1 || !ok2 {
		c.W.Null()
		return
	}
	lon1, lat1 := geoFromScore(s1)
	lon2, lat2 := geoFromScore(s2)
	c.W.Bulk(geoAppendDistance(c.tmp[:0], geoDistance(lon1, lat1, lon2, lat2)/conv))
}

// cmdGeoHash is GEOHASH key member ...: standard 11-character geohashes,
// nil for missing members.
func cmdGeoHash(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	_, z, ok := lookupObject[*zset](c, sh, d, key, h32, true)
	if !ok {
		return
	}
	c.W.Array(len(c.Args) - 2)
	for _, m := range c.Args[2:] {
		if z == nil {
			c.W.Null()
			continue
		}
		score, ok := z.score(m)
		if !ok {
			c.W.Null()
			continue
		}
		c.W.Bulk(geoHashString(c.tmp[:0], score))
	}
}

// cmdGeoPos is GEOPOS key member ...: each member's cell centre, a nil
// array for missing members.
func cmdGeoPos(c *Client) {
	key := c.Args[1]
	sh, d, h32 := c.lockKey(key)
	defer sh.mu.Unlock()
	_, z, ok := lookupObject[*zset](c, sh, d, key, h32, true)
	if !ok {
		return
	}
	c.W.Array(len(c.Args) - 2)
	for _, m := range c.Args[2:] {
		if z == nil {
			c.W.NullArray()
			continue
		}
		score, ok := z.score(m)
		if !ok {
			c.W.NullArray()
			continue
		}
		long, lat := geoFromScore(score)
		c.W.Array(2)
		c.geoReplyCoord(long)
		c.geoReplyCoord(lat)
	}
}

// geoReplyCoord replies with a coordinate as Redis's
// addReplyHumanLongDouble: a bulk string in RESP2, a double in RESP3.
func (c *Client) geoReplyCoord(f float64) {
	b := geoAppendHuman(c.tmp[:0], f)
	if c.W.IsRESP3() {
		c.W.Buf = append(append(append(c.W.Buf, ','), b...), '\r', '\n')
		return
	}
	c.W.Bulk(b)
}
