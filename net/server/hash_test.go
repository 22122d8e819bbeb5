package server_test

import (
	"context"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/servertest"
	"github.com/updraftdb/updraft/net/server"
)

// TestGoRedisHashes drives hashes through go-redis v9 in RESP2 and RESP3
// (where HGETALL is a map reply): the core commands, the switch to the
// hashtable encoding, and field expiry with lazy and active removal.
func TestGoRedisHashes(t *testing.T) {
	s := servertest.Start(t, engine.Options{}, server.Options{})
	ctx := context.Background()
	for _, proto := range []int{2, 3} {
		rdb := redis.NewClient(&redis.Options{Addr: s.Addr, Protocol: proto})
		rdb.FlushAll(ctx)
		if n, err := rdb.HSet(ctx, "h", "a", "1", "b", "2").Result(); err != nil || n != 2 {
			t.Fatalf("resp%d HSET = %d, %v", proto, n, err)
		}
		if m, err := rdb.HGetAll(ctx, "h").Result(); err != nil || !reflect.DeepEqual(m, map[string]string{"a": "1", "b": "2"}) {
			t.Fatalf("resp%d HGETALL = %v, %v", proto, m, err)
		}
		if v, err := rdb.HMGet(ctx, "h", "a", "x").Result(); err != nil || v[0] != "1" || v[1] != nil {
			t.Fatalf("resp%d HMGET = %v, %v", proto, v, err)
		}
		if n, _ := rdb.HIncrBy(ctx, "h", "a", 41).Result(); n != 42 {
			t.Fatalf("resp%d HINCRBY = %d", proto, n)
		}
		if f, _ := rdb.HIncrByFloat(ctx, "h", "f", 0.1).Result(); f != 0.1 {
			t.Fatalf("resp%d HINCRBYFLOAT = %v", proto, f)
		}
		if ok, _ := rdb.HSetNX(ctx, "h", "a", "x").Result(); ok {
			t.Fatalf("resp%d HSETNX on an existing field = true", proto)
		}
		if _, err := rdb.Get(ctx, "h").Result(); err == nil || !strings.HasPrefix(err.Error(), "WRONGTYPE") {
			t.Fatalf("resp%d GET on a hash: %v", proto, err)
		}
		// Past 512 fields the hash is a hashtable; every field stays.
		args := make([]any, 0, 2000)
		for i := 0; i < 1000; i++ {
			args = append(args, "k"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+itoa(i), i)
		}
		rdb.HSet(ctx, "big", args...)
		if enc, _ := rdb.ObjectEncoding(ctx, "big").Result(); enc != "hashtable" {
			t.Fatalf("resp%d encoding = %q", proto, enc)
		}
		keys, _ := rdb.HKeys(ctx, "big").Result()
		if len(keys) != 1000 {
			t.Fatalf("resp%d HKEYS = %d fields", proto, len(keys))
		}
		// HSCAN with a small COUNT still visits every field exactly once
		// (the table does not change in between).
		seen := map[string]bool{}
		var cursor uint64
		for {
			ks, next, err := rdb.HScan(ctx, "big", cursor, "", 10).Result()
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < len(ks); i += 2 {
				if seen[ks[i]] {
					t.Fatalf("resp%d HSCAN returned %q twice", proto, ks[i])
				}
				seen[ks[i]] = true
			}
			if cursor = next; cursor == 0 {
				break
			}
		}
		if len(seen) != 1000 {
			t.Fatalf("resp%d HSCAN saw %d fields", proto, len(seen))
		}
		for i := 0; i < 990; i++ {
			rdb.HDel(ctx, "big", keys[i])
		}
		rest, _ := rdb.HKeys(ctx, "big").Result()
		sort.Strings(rest)
		want := append([]string(nil), keys[990:]...)
		sort.Strings(want)
		if !reflect.DeepEqual(rest, want) {
			t.Fatalf("resp%d after HDEL: %v, want %v", proto, rest, want)
		}
		// Field expiry.
		rdb.HSet(ctx, "e", "a", "1", "b", "2", "c", "3")
		if r, _ := rdb.HExpire(ctx, "e", 100*time.Second, "a", "x").Result(); !reflect.DeepEqual(r, []int64{1, -2}) {
			t.Fatalf("resp%d HEXPIRE = %v", proto, r)
		}
		if r, _ := rdb.HTTL(ctx, "e", "a", "b").Result(); len(r) != 2 || r[0] < 99 || r[1] != -1 {
			t.Fatalf("resp%d HTTL = %v", proto, r)
		}
		if r, _ := rdb.HPersist(ctx, "e", "a").Result(); !reflect.DeepEqual(r, []int64{1}) {
			t.Fatalf("resp%d HPERSIST = %v", proto, r)
		}
		if v, _ := rdb.HGetDel(ctx, "e", "c", "x").Result(); !reflect.DeepEqual(v, []string{"3", ""}) {
			t.Fatalf("resp%d HGETDEL = %q", proto, v)
		}
		if n, err := rdb.HSetEXWithArgs(ctx, "e", &redis.HSetEXOptions{ExpirationType: redis.HSetEXExpirationPX, ExpirationVal: 50},
			"a", "10").Result(); err != nil || n != 1 {
			t.Fatalf("resp%d HSETEX = %d, %v", proto, n, err)
		}
		rdb.HPExpire(ctx, "e", 50*time.Millisecond, "b")
		// Nobody reads the hash: the active sweep removes the fields, then
		// the key.
		deadline := time.Now().Add(3 * time.Second)
		for rdb.Exists(ctx, "e").Val() != 0 {
			if time.Now().After(deadline) {
				t.Fatalf("resp%d: hash with expired fields still exists", proto)
			}
			time.Sleep(20 * time.Millisecond)
		}
		rdb.Close()
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}
