package engine

import "math"

// The search areas of GEOSEARCH and GEORADIUS (Redis's geohash_helper.c):
// the shape's centre cell at a step coarse enough for the shape, and its
// eight neighbours, minus those the shape's bounding box cannot reach.

// geoShape is a search shape: a circle (radius) or a box (width, height),
// in the unit whose size in meters is conv, around (long, lat).
type geoShape struct {
	box                   bool
	long, lat             float64
	conv                  float64
	radius, width, height float64
}

// geoStepsByRadius is the geohash step whose cells are about the size of
// the search radius (Redis's geohashEstimateStepsByRadius).
func geoStepsByRadius(rangeMeters, lat float64) uint8 {
	if rangeMeters == 0 {
		return 26
	}
	step := 1
	for rangeMeters < geoMercatorMax {
		rangeMeters *= 2
		step++
	}
	step -= 2
	if lat > 66 || lat < -66 {
		step--
		if lat > 80 || lat < -80 {
			step--
		}
	}
	return uint8(min(max(step, 1), 26))
}

// geoBoundingBox returns the shape's bounding box: min long, min lat, max
// long, max lat (Redis's geohashBoundingBox).
func geoBoundingBox(s *geoShape) [4]float64 {
	height, width := s.radius, s.radius
	if s.box {
		height, width = s.height/2, s.width/2
	}
	height *= s.conv
	width *= s.conv
	latDelta := geoRadDeg(height / geoEarthRadius)
	longDeltaTop := geoRadDeg(width / geoEarthRadius / geoCos(geoDegRad(s.lat+latDelta)))
	longDeltaBottom := geoRadDeg(width / geoEarthRadius / geoCos(geoDegRad(s.lat-latDelta)))
	var b [4]float64
	if s.lat < 0 {
		b[0], b[2] = s.long-longDeltaBottom, s.long+longDeltaBottom
	} else {
		b[0], b[2] = s.long-longDeltaTop, s.long+longDeltaTop
	}
	b[1], b[3] = s.lat-latDelta, s.lat+latDelta
	return b
}

// geoSearchCells returns the cells to scan for shape s, in Redis's order:
// the centre, north, south, east, west, north-east, north-west, south-east,
// south-west; cells ruled out are zero.
func geoSearchCells(s *geoShape) [9]geoHashBits {
	b := geoBoundingBox(s)
	minLon, minLat, maxLon, maxLat := b[0], b[1], b[2], b[3]
	radius := s.radius
	if s.box {
		radius = math.Sqrt(float64(s.width/2*(s.width/2)) + float64(s.height/2*(s.height/2)))
	}
	radius *= s.conv
	steps := geoStepsByRadius(radius, s.lat)
	hash, _ := geoEncode(geoLongRange, geoLatRange, s.long, s.lat, steps)
	nb := geoNeighborsOf(hash)
	area := geoDecode(geoLongRange, geoLatRange, hash)

	// Coarser cells when a neighbour does not reach the bounding box.
	north := geoDecode(geoLongRange, geoLatRange, nb.north)
	south := geoDecode(geoLongRange, geoLatRange, nb.south)
	east := geoDecode(geoLongRange, geoLatRange, nb.east)
	west := geoDecode(geoLongRange, geoLatRange, nb.west)
	decrease := north.lat.max < maxLat || south.lat.min > minLat ||
		east.long.max < maxLon || west.long.min > minLon
	if steps > 1 && decrease {
		steps--
		hash, _ = geoEncode(geoLongRange, geoLatRange, s.long, s.lat, steps)
		nb = geoNeighborsOf(hash)
		area = geoDecode(geoLongRange, geoLatRange, hash)
	}
	// Drop the neighbours the box does not reach.
	if steps >= 2 {
		var zero geoHashBits
		if area.lat.min < minLat {
			nb.south, nb.southWest, nb.southEast = zero, zero, zero
		}
		if area.lat.max > maxLat {
			nb.north, nb.northEast, nb.northWest = zero, zero, zero
		}
		if area.long.min < minLon {
			nb.west, nb.southWest, nb.northWest = zero, zero, zero
		}
		if area.long.max > maxLon {
			nb.east, nb.southEast, nb.northEast = zero, zero, zero
		}
	}
	return [9]geoHashBits{hash, nb.north, nb.south, nb.east, nb.west,
		nb.northEast, nb.northWest, nb.southEast, nb.southWest}
}

// geoInShape reports whether the point (long, lat) lies in shape s, and
// its distance in meters from the centre (Redis's geoAppendIfWithinShape,
// with 7.0's geohashGetDistanceIfInRectangle).
func geoInShape(s *geoShape, long, lat float64) (float64, bool) {
	if !s.box {
		d := geoDistance(s.long, s.lat, long, lat)
		return d, d <= s.radius*s.conv
	}
	w, h := s.width*s.conv, s.height*s.conv
	lonDist := geoDistance(long, lat, s.long, lat)
	latDist := geoDistance(long, lat, long, s.lat)
	if lonDist > w/2 || latDist > h/2 {
		return 0, false
	}
	return geoDistance(s.long, s.lat, long, lat), true
}
