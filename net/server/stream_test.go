package server_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/servertest"
	"github.com/updraftdb/updraft/net/server"
)

// TestGoRedisStreams drives streams with go-redis v9 in both protocols:
// XADD, XRANGE, consumer groups, XPENDING, XCLAIM, XINFO, and blocking
// XREAD / XREADGROUP woken by an XADD from another connection.
func TestGoRedisStreams(t *testing.T) {
	s := servertest.Start(t, engine.Options{}, server.Options{})
	for _, proto := range []int{2, 3} {
		ctx := context.Background()
		rdb := redis.NewClient(&redis.Options{Addr: s.Addr, Protocol: proto})
		other := redis.NewClient(&redis.Options{Addr: s.Addr, Protocol: proto})
		rdb.FlushAll(ctx)

		for i, id := range []string{"1-1", "2-1", "3-1"} {
			got, err := rdb.XAdd(ctx, &redis.XAddArgs{Stream: "s", ID: id, Values: []any{"n", i}}).Result()
			if err != nil || got != id {
				t.Fatalf("resp%d XADD %s = %q, %v", proto, id, got, err)
			}
		}
		msgs, err := rdb.XRange(ctx, "s", "2", "+").Result()
		if err != nil || len(msgs) != 2 || msgs[0].ID != "2-1" || msgs[0].Values["n"] != "1" {
			t.Fatalf("resp%d XRANGE = %v, %v", proto, msgs, err)
		}
		if err := rdb.XGroupCreate(ctx, "s", "g", "0").Err(); err != nil {
			t.Fatal(err)
		}
		streams, err := rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: "c1",
			Streams: []string{"s", ">"}, Count: 2}).Result()
		if err != nil || len(streams) != 1 || len(streams[0].Messages) != 2 {
			t.Fatalf("resp%d XREADGROUP = %v, %v", proto, streams, err)
		}
		pend, err := rdb.XPending(ctx, "s", "g").Result()
		if err != nil || pend.Count != 2 || pend.Lower != "1-1" || pend.Higher != "2-1" || pend.Consumers["c1"] != 2 {
			t.Fatalf("resp%d XPENDING = %+v, %v", proto, pend, err)
		}
		claimed, err := rdb.XClaimJustID(ctx, &redis.XClaimArgs{Stream: "s", Group: "g", Consumer: "c2",
			Messages: []string{"1-1"}}).Result()
		if err != nil || len(claimed) != 1 || claimed[0] != "1-1" {
			t.Fatalf("resp%d XCLAIM = %v, %v", proto, claimed, err)
		}
		if n, err := rdb.XAck(ctx, "s", "g", "1-1", "2-1").Result(); err != nil || n != 2 {
			t.Fatalf("resp%d XACK = %d, %v", proto, n, err)
		}
		groups, err := rdb.XInfoGroups(ctx, "s").Result()
		if err != nil || len(groups) != 1 || groups[0].LastDeliveredID != "2-1" || groups[0].EntriesRead != 2 || groups[0].Lag != 1 {
			t.Fatalf("resp%d XINFO GROUPS = %+v, %v", proto, groups, err)
		}
		info, err := rdb.XInfoStream(ctx, "s").Result()
		if err != nil || info.Length != 3 || info.LastGeneratedID != "3-1" || info.FirstEntry.ID != "1-1" {
			t.Fatalf("resp%d XINFO STREAM = %+v, %v", proto, info, err)
		}

		// A blocked XREAD with "$" is woken by an XADD.
		done := make(chan []redis.XStream, 1)
		go func() {
			res, err := rdb.XRead(ctx, &redis.XReadArgs{Streams: []string{"s", "$"}, Block: 5 * time.Second}).Result()
			if err != nil {
				t.Errorf("resp%d blocked XREAD: %v", proto, err)
			}
			done <- res
		}()
		streamWaitBlocked(t, other)
		other.XAdd(ctx, &redis.XAddArgs{Stream: "s", ID: "4-1", Values: []any{"n", "x"}})
		res := <-done
		if len(res) != 1 || len(res[0].Messages) != 1 || res[0].Messages[0].ID != "4-1" {
			t.Fatalf("resp%d blocked XREAD = %v", proto, res)
		}

		// A blocked XREADGROUP gets the new entry, which enters the PEL.
		go func() {
			res, err := rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: "c3",
				Streams: []string{"s", ">"}, Block: 5 * time.Second}).Result()
			if err != nil {
				t.Errorf("resp%d blocked XREADGROUP: %v", proto, err)
			}
			done <- res
		}()
		// 3-1 and 4-1 are undelivered: served at once.
		res = <-done
		if len(res) != 1 || len(res[0].Messages) != 2 {
			t.Fatalf("resp%d XREADGROUP = %v", proto, res)
		}
		go func() {
			res, _ := rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: "c3",
				Streams: []string{"s", ">"}, Block: 5 * time.Second}).Result()
			done <- res
		}()
		streamWaitBlocked(t, other)
		other.XAdd(ctx, &redis.XAddArgs{Stream: "s", ID: "5-1", Values: []any{"n", "y"}})
		res = <-done
		if len(res) != 1 || len(res[0].Messages) != 1 || res[0].Messages[0].ID != "5-1" {
			t.Fatalf("resp%d blocked XREADGROUP = %v", proto, res)
		}
		if pend, _ := rdb.XPending(ctx, "s", "g").Result(); pend.Count != 3 {
			t.Fatalf("resp%d XPENDING after blocked read = %+v", proto, pend)
		}

		// A blocked XREADGROUP whose group is destroyed gets -NOGROUP.
		errc := make(chan error, 1)
		go func() {
			errc <- rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: "c3",
				Streams: []string{"s", ">"}, Block: 5 * time.Second}).Err()
		}()
		streamWaitBlocked(t, other)
		other.XGroupDestroy(ctx, "s", "g")
		if err := <-errc; err == nil || err.Error() != "NOGROUP the consumer group this client was blocked on no longer exists" {
			t.Fatalf("resp%d XREADGROUP on destroyed group: %v", proto, err)
		}

		// A timeout answers nil.
		if _, err := rdb.XRead(ctx, &redis.XReadArgs{Streams: []string{"s", "$"}, Block: 20 * time.Millisecond}).Result(); err != redis.Nil {
			t.Fatalf("resp%d XREAD timeout: %v", proto, err)
		}
		rdb.Close()
		other.Close()
	}
}

// streamWaitBlocked waits until one client is blocked (INFO clients).
func streamWaitBlocked(t *testing.T, c *redis.Client) {
	t.Helper()
	for i := 0; i < 500; i++ {
		info, _ := c.Info(context.Background(), "clients").Result()
		if strings.Contains(info, "blocked_clients:1\r\n") {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatal("client never blocked")
}
