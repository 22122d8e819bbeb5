package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/servertest"
	"github.com/updraftdb/updraft/net/server"
)

// TestGoRedisZset drives sorted sets through go-redis in RESP2 and RESP3:
// adds, ranges with scores, set algebra, and a blocking pop served by
// another client's ZADD.
func TestGoRedisZset(t *testing.T) {
	s := servertest.Start(t, engine.Options{}, server.Options{})
	ctx := context.Background()
	for _, proto := range []int{2, 3} {
		rdb := redis.NewClient(&redis.Options{Addr: s.Addr, Protocol: proto})
		defer rdb.Close()
		rdb.Del(ctx, "z", "z2", "dst")
		n, err := rdb.ZAdd(ctx, "z", redis.Z{Score: 1, Member: "a"}, redis.Z{Score: 2.5, Member: "b"},
			redis.Z{Score: 3, Member: "c"}).Result()
		if err != nil || n != 3 {
			t.Fatalf("RESP%d ZADD = %d, %v", proto, n, err)
		}
		zs, err := rdb.ZRangeWithScores(ctx, "z", 0, -1).Result()
		if err != nil || len(zs) != 3 || zs[1].Member != "b" || zs[1].Score != 2.5 {
			t.Fatalf("RESP%d ZRANGE WITHSCORES = %v, %v", proto, zs, err)
		}
		if sc, err := rdb.ZScore(ctx, "z", "c").Result(); err != nil || sc != 3 {
			t.Fatalf("RESP%d ZSCORE = %v, %v", proto, sc, err)
		}
		if r, err := rdb.ZRevRank(ctx, "z", "a").Result(); err != nil || r != 2 {
			t.Fatalf("RESP%d ZREVRANK = %v, %v", proto, r, err)
		}
		byScore, err := rdb.ZRangeArgs(ctx, redis.ZRangeArgs{Key: "z", Start: "(1", Stop: "+inf", ByScore: true, Rev: false}).Result()
		if err != nil || len(byScore) != 2 || byScore[0] != "b" {
			t.Fatalf("RESP%d ZRANGE BYSCORE = %v, %v", proto, byScore, err)
		}
		rdb.ZAdd(ctx, "z2", redis.Z{Score: 10, Member: "b"})
		inter, err := rdb.ZInterWithScores(ctx, &redis.ZStore{Keys: []string{"z", "z2"}, Weights: []float64{2, 1}}).Result()
		if err != nil || len(inter) != 1 || inter[0].Score != 15 {
			t.Fatalf("RESP%d ZINTER WITHSCORES = %v, %v", proto, inter, err)
		}
		if n, err := rdb.ZUnionStore(ctx, "dst", &redis.ZStore{Keys: []string{"z", "z2"}}).Result(); err != nil || n != 3 {
			t.Fatalf("RESP%d ZUNIONSTORE = %v, %v", proto, n, err)
		}
		popped, err := rdb.ZPopMin(ctx, "dst", 2).Result()
		if err != nil || len(popped) != 2 || popped[0].Member != "a" || popped[1].Member != "c" {
			t.Fatalf("RESP%d ZPOPMIN 2 = %v, %v", proto, popped, err)
		}
		key, mp, err := rdb.ZMPop(ctx, "max", 5, "nosuch", "dst").Result()
		if err != nil || key != "dst" || len(mp) != 1 || mp[0].Score != 12.5 {
			t.Fatalf("RESP%d ZMPOP = %v %v, %v", proto, key, mp, err)
		}

		// BZPOPMIN blocks until another client adds.
		got := make(chan *redis.ZWithKey, 1)
		go func() {
			v, err := rdb.BZPopMin(ctx, 5*time.Second, "empty").Result()
			if err != nil {
				t.Errorf("RESP%d BZPOPMIN: %v", proto, err)
			}
			got <- v
		}()
		other := redis.NewClient(&redis.Options{Addr: s.Addr, Protocol: proto})
		defer other.Close()
		time.Sleep(50 * time.Millisecond)
		other.ZAdd(ctx, "empty", redis.Z{Score: 7, Member: "late"})
		select {
		case v := <-got:
			if v == nil || v.Key != "empty" || v.Member != "late" || v.Score != 7 {
				t.Fatalf("RESP%d BZPOPMIN served %+v", proto, v)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("RESP%d BZPOPMIN not served", proto)
		}
		if ex, _ := rdb.Exists(ctx, "empty").Result(); ex != 0 {
			t.Fatalf("RESP%d popped key still exists", proto)
		}
		// A timeout answers nil.
		if _, err := rdb.BZPopMax(ctx, 50*time.Millisecond, "empty").Result(); err != redis.Nil {
			t.Fatalf("RESP%d BZPOPMAX timeout: %v", proto, err)
		}
	}
}
