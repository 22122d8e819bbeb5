package server_test

import (
	"context"
	"math"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/servertest"
	"github.com/updraftdb/updraft/net/server"
)

// TestGoRedisGeoHLL drives the geo and HyperLogLog commands through
// go-redis v9, in RESP2 and RESP3 (where coordinates are doubles).
func TestGoRedisGeoHLL(t *testing.T) {
	s := servertest.Start(t, engine.Options{}, server.Options{})
	ctx := context.Background()
	for _, proto := range []int{2, 3} {
		rdb := redis.NewClient(&redis.Options{Addr: s.Addr, Protocol: proto})
		rdb.FlushAll(ctx)
		n, err := rdb.GeoAdd(ctx, "Sicily",
			&redis.GeoLocation{Name: "Palermo", Longitude: 13.361389, Latitude: 38.115556},
			&redis.GeoLocation{Name: "Catania", Longitude: 15.087269, Latitude: 37.502669}).Result()
		if err != nil || n != 2 {
			t.Fatalf("resp%d GEOADD = %d, %v", proto, n, err)
		}
		if d, err := rdb.GeoDist(ctx, "Sicily", "Palermo", "Catania", "km").Result(); err != nil || d != 166.2742 {
			t.Fatalf("resp%d GEODIST = %v, %v", proto, d, err)
		}
		pos, err := rdb.GeoPos(ctx, "Sicily", "Palermo", "nosuch").Result()
		if err != nil || len(pos) != 2 || pos[1] != nil || math.Abs(pos[0].Longitude-13.361389) > 1e-5 {
			t.Fatalf("resp%d GEOPOS = %v, %v", proto, pos, err)
		}
		if h, err := rdb.GeoHash(ctx, "Sicily", "Palermo").Result(); err != nil || h[0] != "sqc8b49rny0" {
			t.Fatalf("resp%d GEOHASH = %v, %v", proto, h, err)
		}
		res, err := rdb.GeoSearchLocation(ctx, "Sicily", &redis.GeoSearchLocationQuery{
			GeoSearchQuery: redis.GeoSearchQuery{Longitude: 15, Latitude: 37, Radius: 200, RadiusUnit: "km", Sort: "ASC"},
			WithCoord:      true, WithDist: true}).Result()
		if err != nil || len(res) != 2 || res[0].Name != "Catania" || res[0].Dist != 56.4413 {
			t.Fatalf("resp%d GEOSEARCH = %+v, %v", proto, res, err)
		}
		if n, err := rdb.GeoSearchStore(ctx, "Sicily", "dst", &redis.GeoSearchStoreQuery{
			GeoSearchQuery: redis.GeoSearchQuery{Member: "Palermo", BoxWidth: 400, BoxHeight: 400, BoxUnit: "km"}}).Result(); err != nil || n != 2 {
			t.Fatalf("resp%d GEOSEARCHSTORE = %d, %v", proto, n, err)
		}

		if n, err := rdb.PFAdd(ctx, "hll", "a", "b", "c", "foo", "bar").Result(); err != nil || n != 1 {
			t.Fatalf("resp%d PFADD = %d, %v", proto, n, err)
		}
		if n, err := rdb.PFCount(ctx, "hll").Result(); err != nil || n != 5 {
			t.Fatalf("resp%d PFCOUNT = %d, %v", proto, n, err)
		}
		// The value is a string redis-server produces byte for byte.
		want := "HYLL\x01\x00\x00\x00\x05\x00\x00\x00\x00\x00\x00\x00\\\xb3\x90D>\x80F!\x80J\x8e\x84K\xfb\x80BZ"
		if v, err := rdb.Get(ctx, "hll").Result(); err != nil || v != want {
			t.Fatalf("resp%d GET hll = %q, %v", proto, v, err)
		}
		rdb.PFAdd(ctx, "hll2", "x", "y")
		if err := rdb.PFMerge(ctx, "m", "hll", "hll2").Err(); err != nil {
			t.Fatalf("resp%d PFMERGE: %v", proto, err)
		}
		if n, _ := rdb.PFCount(ctx, "m").Result(); n != 7 {
			t.Fatalf("resp%d PFCOUNT m = %d", proto, n)
		}
		if err := rdb.PFAdd(ctx, "Sicily", "x").Err(); err == nil {
			t.Fatalf("resp%d PFADD on a zset: no error", proto)
		}
		rdb.Close()
	}
}
