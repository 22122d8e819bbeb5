package server_test

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/servertest"
	"github.com/updraftdb/updraft/net/server"
)

// TestPubSubGoRedis delivers messages to channel and pattern subscribers
// spread over several event loops, in RESP2 and RESP3 (push messages).
func TestPubSubGoRedis(t *testing.T) {
	s := servertest.Start(t, engine.Options{}, server.Options{EventLoops: 4})
	ctx := context.Background()
	pub := redis.NewClient(&redis.Options{Addr: s.Addr, Protocol: 2})
	defer pub.Close()
	var subs []*redis.PubSub
	for i := 0; i < 6; i++ {
		cl := redis.NewClient(&redis.Options{Addr: s.Addr, Protocol: 2 + i%2})
		defer cl.Close()
		var ps *redis.PubSub
		if i%3 == 2 {
			ps = cl.PSubscribe(ctx, "news.*")
		} else {
			ps = cl.Subscribe(ctx, "news.tech")
		}
		if _, err := ps.Receive(ctx); err != nil { // the confirmation
			t.Fatal(err)
		}
		defer ps.Close()
		subs = append(subs, ps)
	}
	if n, err := pub.PubSubNumSub(ctx, "news.tech").Result(); err != nil || n["news.tech"] != 4 {
		t.Fatalf("NUMSUB = %v, %v", n, err)
	}
	if n, err := pub.PubSubNumPat(ctx).Result(); err != nil || n != 1 {
		t.Fatalf("NUMPAT = %v, %v", n, err)
	}
	for i := 0; i < 20; i++ {
		n, err := pub.Publish(ctx, "news.tech", "m"+strconv.Itoa(i)).Result()
		if err != nil || n != 6 {
			t.Fatalf("PUBLISH = %d, %v", n, err)
		}
	}
	for j, ps := range subs {
		for i := 0; i < 20; i++ {
			m, err := ps.ReceiveMessage(ctx)
			if err != nil {
				t.Fatalf("subscriber %d: %v", j, err)
			}
			if m.Channel != "news.tech" || m.Payload != "m"+strconv.Itoa(i) {
				t.Fatalf("subscriber %d got %+v, want m%d", j, m, i)
			}
			if j%3 == 2 && m.Pattern != "news.*" {
				t.Fatalf("subscriber %d: pattern %q", j, m.Pattern)
			}
		}
	}
}

// TestPubSubSlowSubscriber checks that a subscriber that never reads is
// disconnected at client-output-buffer-limit while the others keep
// receiving.
func TestPubSubSlowSubscriber(t *testing.T) {
	s := servertest.Start(t, engine.Options{}, server.Options{EventLoops: 2})
	ctx := context.Background()
	pub := redis.NewClient(&redis.Options{Addr: s.Addr})
	defer pub.Close()
	if err := pub.ConfigSet(ctx, "client-output-buffer-limit", "pubsub 256kb 128kb 60").Err(); err != nil {
		t.Fatal(err)
	}
	// The slow one: a raw connection that subscribes and never reads.
	slow, err := net.Dial("tcp", s.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	if tc, ok := slow.(*net.TCPConn); ok {
		_ = tc.SetReadBuffer(4096)
	}
	if _, err := slow.Write([]byte("SUBSCRIBE big\r\n")); err != nil {
		t.Fatal(err)
	}
	good := redis.NewClient(&redis.Options{Addr: s.Addr})
	defer good.Close()
	ps := good.Subscribe(ctx, "big")
	defer ps.Close()
	if _, err := ps.Receive(ctx); err != nil {
		t.Fatal(err)
	}
	for pub.PubSubNumSub(ctx, "big").Val()["big"] != 2 {
		time.Sleep(time.Millisecond)
	}
	payload := string(make([]byte, 16<<10))
	deadline := time.Now().Add(10 * time.Second)
	sent := 0
	for pub.PubSubNumSub(ctx, "big").Val()["big"] == 2 {
		if time.Now().After(deadline) {
			t.Fatal("the slow subscriber was never disconnected")
		}
		if err := pub.Publish(ctx, "big", payload).Err(); err != nil {
			t.Fatal(err)
		}
		sent++
		if _, err := ps.ReceiveMessage(ctx); err != nil {
			t.Fatalf("good subscriber: %v", err)
		}
	}
	// The good subscriber goes on receiving.
	if n := pub.Publish(ctx, "big", "after").Val(); n != 1 {
		t.Fatalf("PUBLISH after the disconnect reached %d subscribers", n)
	}
	if m, err := ps.ReceiveMessage(ctx); err != nil || m.Payload != "after" {
		t.Fatalf("good subscriber: %v, %v", m, err)
	}
	if sent < 8 {
		t.Fatalf("disconnected after %d messages of 16kb, below the 128kb soft limit", sent)
	}
}
