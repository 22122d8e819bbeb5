package server_test

import (
	"context"
	"reflect"
	"sort"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/servertest"
	"github.com/updraftdb/updraft/net/server"
)

// TestGoRedisSets drives sets, SORT and bitmaps through go-redis v9, in
// RESP2 and RESP3 (where SMEMBERS is a set reply).
func TestGoRedisSets(t *testing.T) {
	s := servertest.Start(t, engine.Options{}, server.Options{})
	ctx := context.Background()
	for _, proto := range []int{2, 3} {
		rdb := redis.NewClient(&redis.Options{Addr: s.Addr, Protocol: proto})
		rdb.FlushAll(ctx)
		if n, err := rdb.SAdd(ctx, "s", 3, 1, 2, "x").Result(); err != nil || n != 4 {
			t.Fatalf("resp%d SADD = %d, %v", proto, n, err)
		}
		m, err := rdb.SMembers(ctx, "s").Result()
		sort.Strings(m)
		if err != nil || !reflect.DeepEqual(m, []string{"1", "2", "3", "x"}) {
			t.Fatalf("resp%d SMEMBERS = %v, %v", proto, m, err)
		}
		if ok, _ := rdb.SIsMember(ctx, "s", "x").Result(); !ok {
			t.Fatalf("resp%d SISMEMBER x = false", proto)
		}
		if r, _ := rdb.SMIsMember(ctx, "s", "1", "9").Result(); !reflect.DeepEqual(r, []bool{true, false}) {
			t.Fatalf("resp%d SMISMEMBER = %v", proto, r)
		}
		rdb.SAdd(ctx, "t", 2, 3, 4)
		if r, _ := rdb.SInter(ctx, "s", "t").Result(); len(r) != 2 {
			t.Fatalf("resp%d SINTER = %v", proto, r)
		}
		if n, _ := rdb.SInterCard(ctx, 1, "s", "t").Result(); n != 1 {
			t.Fatalf("resp%d SINTERCARD LIMIT 1 = %d", proto, n)
		}
		if n, _ := rdb.SUnionStore(ctx, "u", "s", "t").Result(); n != 5 {
			t.Fatalf("resp%d SUNIONSTORE = %d", proto, n)
		}
		if r, _ := rdb.SDiff(ctx, "s", "t").Result(); len(r) != 2 {
			t.Fatalf("resp%d SDIFF = %v", proto, r)
		}
		if ok, _ := rdb.SMove(ctx, "s", "t", "x").Result(); !ok {
			t.Fatalf("resp%d SMOVE = false", proto)
		}
		if r, _ := rdb.SPopN(ctx, "u", 2).Result(); len(r) != 2 {
			t.Fatalf("resp%d SPOP 2 = %v", proto, r)
		}
		if r, _ := rdb.SRandMemberN(ctx, "t", -6).Result(); len(r) != 6 {
			t.Fatalf("resp%d SRANDMEMBER -6 = %v", proto, r)
		}
		keys, cur, err := rdb.SScan(ctx, "t", 0, "", 100).Result()
		if err != nil || cur != 0 || len(keys) != 4 {
			t.Fatalf("resp%d SSCAN = %v %d %v", proto, keys, cur, err)
		}
		rdb.MSet(ctx, "w_1", 3, "w_2", 2, "w_3", 1)
		r, err := rdb.Sort(ctx, "s", &redis.Sort{By: "w_*", Get: []string{"#"}}).Result()
		if err != nil || !reflect.DeepEqual(r, []string{"3", "2", "1"}) {
			t.Fatalf("resp%d SORT BY = %v, %v", proto, r, err)
		}
		if n, _ := rdb.SortStore(ctx, "s", "sorted", &redis.Sort{Order: "DESC"}).Result(); n != 3 {
			t.Fatalf("resp%d SORT STORE = %d", proto, n)
		}
		rdb.SetBit(ctx, "b", 9, 1)
		if n, _ := rdb.BitCount(ctx, "b", nil).Result(); n != 1 {
			t.Fatalf("resp%d BITCOUNT = %d", proto, n)
		}
		if n, _ := rdb.BitPos(ctx, "b", 1).Result(); n != 9 {
			t.Fatalf("resp%d BITPOS = %d", proto, n)
		}
		if v, _ := rdb.BitField(ctx, "b", "INCRBY", "u8", "#1", 300).Result(); !reflect.DeepEqual(v, []int64{108}) {
			t.Fatalf("resp%d BITFIELD = %v", proto, v)
		}
		rdb.Close()
	}
}
