package engine

// GEOSEARCH, GEOSEARCHSTORE and the GEORADIUS family: one implementation,
// Redis's georadiusGeneric, over the nine cells of geohash_area.go.

// Search variants (Redis's RADIUS_COORDS, RADIUS_MEMBER, ...).
const (
	geoByCoords       = 1 << iota // GEORADIUS: centre from long lat
	geoByMember                   // GEORADIUSBYMEMBER: centre from a member
	geoNoStore                    // the _RO variants
	geoSearchCmd                  // GEOSEARCH syntax
	geoSearchStoreCmd             // GEOSEARCHSTORE
)

func init() {
	const wr = FlagWrite | FlagDenyOOM | FlagMovableKeys
	rd := func(name string, arity int, flags int) *Command {
		return &Command{Name: name, Arity: arity, Flags: FlagReadonly, First: 1, Last: 1, Step: 1,
			Cats: CatRead | CatGeo | CatSlow, Proc: func(c *Client) { c.geoSearch(1, flags) }}
	}
	register(
		&Command{Name: "georadius", Arity: -6, Flags: wr, First: 1, Last: 1, Step: 1,
			Cats: CatWrite | CatGeo | CatSlow, KeysProc: geoRadiusKeys(6),
			Proc: func(c *Client) { c.geoSearch(1, geoByCoords) }},
		&Command{Name: "georadiusbymember", Arity: -5, Flags: wr, First: 1, Last: 1, Step: 1,
			Cats: CatWrite | CatGeo | CatSlow, KeysProc: geoRadiusKeys(5),
			Proc: func(c *Client) { c.geoSearch(1, geoByMember) }},
		rd("georadius_ro", -6, geoByCoords|geoNoStore),
		rd("georadiusbymember_ro", -5, geoByMember|geoNoStore),
		rd("geosearch", -7, geoSearchCmd),
		&Command{Name: "geosearchstore", Arity: -8, Flags: FlagWrite | FlagDenyOOM, First: 1, Last: 2, Step: 1,
			Cats: CatWrite | CatGeo | CatSlow, Proc: func(c *Client) { c.geoSearch(2, geoSearchCmd|geoSearchStoreCmd) }},
	)
}

// geoRadiusKeys finds GEORADIUS's keys as Redis 7.0 does from its key
// specs: the source key, then the argument after the first STORE and the
// first STOREDIST from argument from on (not counting the last argument).
func geoRadiusKeys(from int) func(args [][]byte, dst []int) []int {
	return func(args [][]byte, dst []int) []int {
		dst = append(dst, 1)
		for _, kw := range []string{"store", "storedist"} {
			for i := from; i < len(args)-1; i++ {
				if eqFold(args[i], kw) {
					dst = append(dst, i+1)
					break
				}
			}
		}
		return dst
	}
}

// geoPoint is one search result.
type geoPoint struct {
	long, lat, dist, score float64
	member                 []byte
}

// geoSearchOpts are the parsed options of a search.
type geoSearchOpts struct {
	withDist, withHash, withCoord bool
	fromMember, fromLoc           bool
	byRadius, byBox               bool
	any                           bool
	sort                          int // 0 none, 1 asc, -1 desc
	count                         int64
	storeKey                      []byte
	storeDist                     bool
}

// geoSearch is Redis's georadiusGeneric: srcIdx is the source key's
// argument, flags the variant.
func (c *Client) geoSearch(srcIdx int, flags int) {
	args := c.Args
	// Lock the source key's shard and those of every argument that may
	// be the STORE key.
	var kb [4][]byte
	keys := append(kb[:0], args[srcIdx])
	if flags&geoSearchStoreCmd != 0 {
		keys = append(keys, args[1])
	}
	if flags&(geoNoStore|geoSearchCmd) == 0 {
		for i := 2; i+1 < len(args); i++ {
			if eqFold(args[i], "store") || eqFold(args[i], "storedist") {
				keys = append(keys, args[i+1])
			}
		}
	}
	ix := c.shardIndexes(keys)
	c.e.lockShards(ix)
	defer c.e.unlockShards(ix)

	sh, d, h32 := c.keyInShard(args[srcIdx])
	_, z, ok := lookupObject[*zset](c, sh, d, args[srcIdx], h32, true)
	if !ok {
		return
	}
	var o geoSearchOpts
	var shape geoShape
	base := 0
	switch {
	case flags&geoByCoords != 0:
		base = 6
		if shape.long, shape.lat, ok = c.geoParseLongLat(args[2], args[3]); !ok {
			return
		}
		if !c.geoParseRadius(args[4:], &shape) {
			return
		}
	case flags&geoByMember != 0:
		base = 5
		if z != nil {
			if !c.geoMemberPos(z, args[2], &shape) || !c.geoParseRadius(args[3:], &shape) {
				return
			}
		}
	default:
		base = 2
		if flags&geoSearchStoreCmd != 0 {
			base = 3
			o.storeKey = args[1]
		}
	}
	if !c.geoParseOptions(args, base, flags, z, &o, &shape) {
		return
	}
	if z == nil {
		c.geoReplyEmpty(&o)
		return
	}
	if o.count != 0 && o.sort == 0 && !o.any {
		o.sort = 1
	}
	limit := 0
	if o.any {
		limit = int(min(o.count, 1<<31))
	}
	pts := geoMembersInShape(z, &shape, limit)
	if len(pts) == 0 && o.storeKey == nil {
		c.W.Array(0)
		return
	}
	n := len(pts)
	if o.count != 0 && int64(n) > o.count {
		n = int(o.count)
	}
	if o.sort != 0 {
		geoSortPoints(pts, o.sort < 0, n)
	}
	pts = pts[:n]
	for i := range pts {
		pts[i].dist /= shape.conv
	}
	if o.storeKey != nil {
		c.geoStore(&o, pts)
		return
	}
	c.geoReplyPoints(&o, pts)
}

// geoParseRadius parses "radius unit" for a circle, as Redis's
// extractDistanceOrReply.
func (c *Client) geoParseRadius(a [][]byte, s *geoShape) bool {
	r, ok := parseScore(a[0])
	if !ok {
		c.W.Error("ERR need numeric radius")
		return false
	}
	if r < 0 {
		c.W.Error("ERR radius cannot be negative")
		return false
	}
	s.radius, s.box = r, false
	if s.conv = geoUnit(a[1]); s.conv == 0 {
		c.W.Error(errGeoUnit)
		return false
	}
	return true
}

// geoParseBox parses "width height unit", as Redis's extractBoxOrReply.
func (c *Client) geoParseBox(a [][]byte, s *geoShape) bool {
	w, ok := parseScore(a[0])
	if !ok {
		c.W.Error("ERR need numeric width")
		return false
	}
	h, ok := parseScore(a[1])
	if !ok {
		c.W.Error("ERR need numeric height")
		return false
	}
	if h < 0 || w < 0 {
		c.W.Error("ERR height or width cannot be negative")
		return false
	}
	s.width, s.height, s.box = w, h, true
	if s.conv = geoUnit(a[2]); s.conv == 0 {
		c.W.Error(errGeoUnit)
		return false
	}
	return true
}

// geoMemberPos sets the shape's centre to a member's position.
func (c *Client) geoMemberPos(z *zset, m []byte, s *geoShape) bool {
	score, ok := z.score(m)
	if !ok {
		c.W.Error(errGeoMember)
		return false
	}
	s.long, s.lat = geoFromScore(score)
	return true
}

// geoParseOptions parses the options after argument base, in Redis's
// order of checks, replying with the first error.
func (c *Client) geoParseOptions(args [][]byte, base, flags int, z *zset, o *geoSearchOpts, s *geoShape) bool {
	rest := args[base:]
	search := flags&geoSearchCmd != 0
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		left := len(rest) - i - 1 // arguments after a
		switch {
		case eqFold(a, "withdist"):
			o.withDist = true
		case eqFold(a, "withhash"):
			o.withHash = true
		case eqFold(a, "withcoord"):
			o.withCoord = true
		case eqFold(a, "any"):
			o.any = true
		case eqFold(a, "asc"):
			o.sort = 1
		case eqFold(a, "desc"):
			o.sort = -1
		case eqFold(a, "count") && left >= 1:
			n, ok := parseInt64(rest[i+1])
			if !ok {
				c.W.Error(errNotInt)
				return false
			}
			if n <= 0 {
				c.W.Error("ERR COUNT must be > 0")
				return false
			}
			o.count = n
			i++
		case (eqFold(a, "store") || eqFold(a, "storedist")) && left >= 1 && flags&geoNoStore == 0 && !search:
			o.storeKey = rest[i+1]
			o.storeDist = eqFold(a, "storedist")
			i++
		case eqFold(a, "storedist") && search && flags&geoSearchStoreCmd != 0:
			o.storeDist = true
		case eqFold(a, "frommember") && left >= 1 && search && !o.fromLoc:
			if z != nil && !c.geoMemberPos(z, rest[i+1], s) {
				return false
			}
			o.fromMember = true
			i++
		case eqFold(a, "fromlonlat") && left >= 2 && search && !o.fromMember:
			var ok bool
			if s.long, s.lat, ok = c.geoParseLongLat(rest[i+1], rest[i+2]); !ok {
				return false
			}
			o.fromLoc = true
			i += 2
		case eqFold(a, "byradius") && left >= 2 && search && !o.byBox:
			if !c.geoParseRadius(rest[i+1:], s) {
				return false
			}
			o.byRadius = true
			i += 2
		case eqFold(a, "bybox") && left >= 3 && search && !o.byRadius:
			if !c.geoParseBox(rest[i+1:], s) {
				return false
			}
			o.byBox = true
			i += 3
		default:
			c.W.Error(errSyntax)
			return false
		}
	}
	if (o.storeKey != nil || o.storeDist) && (o.withDist || o.withHash || o.withCoord) {
		if flags&geoSearchStoreCmd != 0 {
			c.W.Error("ERR GEOSEARCHSTORE is not compatible with WITHDIST, WITHHASH and WITHCOORD options")
		} else {
			c.W.Error("ERR STORE option in GEORADIUS is not compatible with WITHDIST, WITHHASH and WITHCOORD options")
		}
		return false
	}
	if search && !o.fromMember && !o.fromLoc {
		c.W.Error("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for " + string(args[0]))
		return false
	}
	if search && !o.byRadius && !o.byBox {
		c.W.Error("ERR exactly one of BYRADIUS and BYBOX can be specified for " + string(args[0]))
		return false
	}
	if o.any && o.count == 0 {
		c.W.Error("ERR the ANY argument requires COUNT argument")
		return false
	}
	return true
}

// geoReplyEmpty answers a search of a missing key: 0 after deleting the
// STORE key, else an empty array.
func (c *Client) geoReplyEmpty(o *geoSearchOpts) {
	if o.storeKey == nil {
		c.W.Array(0)
		return
	}
	sh, d, h32 := c.keyInShard(o.storeKey)
	if h := c.lookup(sh, d, o.storeKey, h32); h != 0 {
		sh.remove(d, h)
		c.modified(o.storeKey)
	}
	c.W.Int(0)
}

// geoMembersInShape collects the members in the shape from its nine cells
// (Redis's membersOfAllNeighbors), stopping at limit when positive. A cell
// equal to the one scanned just before is skipped.
func geoMembersInShape(z *zset, s *geoShape, limit int) []geoPoint {
	cells := geoSearchCells(s)
	var pts []geoPoint
	last := 0
	for i, cell := range cells {
		if cell.isZero() {
			continue
		}
		if last != 0 && cell == cells[last] {
			continue
		}
		if len(pts) > 0 && limit > 0 && len(pts) >= limit {
			break
		}
		lo := float64(geoAlign52(cell))
		cell.bits++
		hi := float64(geoAlign52(cell))
		z.eachInScoreRange(zscoreRange{min: lo, max: hi, maxEx: true}, false, func(m []byte, score float64) bool {
			long, lat := geoFromScore(score)
			dist, in := geoInShape(s, long, lat)
			if in {
				pts = append(pts, geoPoint{long: long, lat: lat, dist: dist, score: score,
					member: append([]byte(nil), m...)})
			}
			return !(len(pts) > 0 && limit > 0 && len(pts) >= limit)
		})
		last = i
	}
	return pts
}

// geoReplyPoints writes the results: members, or arrays of the member and
// the options asked for (distance, hash, coordinates, in that order).
func (c *Client) geoReplyPoints(o *geoSearchOpts, pts []geoPoint) {
	extra := 0
	for _, b := range []bool{o.withDist, o.withHash, o.withCoord} {
		if b {
			extra++
		}
	}
	c.W.Array(len(pts))
	for i := range pts {
		p := &pts[i]
		if extra > 0 {
			c.W.Array(extra + 1)
		}
		c.W.Bulk(p.member)
		if o.withDist {
			c.W.Bulk(geoAppendDistance(c.tmp[:0], p.dist))
		}
		if o.withHash {
			c.W.Int(int64(p.score))
		}
		if o.withCoord {
			c.W.Array(2)
			c.geoReplyCoord(p.long)
			c.geoReplyCoord(p.lat)
		}
	}
}

// geoStore stores the results in the STORE key as a sorted set scored by
// geohash or (STOREDIST) distance, replacing it; no results delete it.
func (c *Client) geoStore(o *geoSearchOpts, pts []geoPoint) {
	key := o.storeKey
	sh, d, h32 := c.keyInShard(key)
	old := c.lookup(sh, d, key, h32)
	if len(pts) == 0 {
		if old != 0 {
			sh.remove(d, old)
			c.modified(key)
		}
		c.W.Int(0)
		return
	}
	z := newZset()
	maxEntries, maxValue := c.zsetLimits()
	for _, p := range pts {
		score := p.score
		if o.storeDist {
			score = p.dist
		}
		z.add(p.member, score, 0, maxEntries, maxValue)
	}
	z.shrinkIfFits(maxEntries, maxValue) // Redis builds a skiplist, then packs it if it fits
	sh.storeObject(d, key, h32, old, z, c.e.lruClock())
	c.modified(key)
	c.e.dirty.Add(int64(len(pts) - 1))
	c.W.Int(int64(len(pts)))
}
