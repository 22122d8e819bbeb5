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

// TestClientPause checks that CLIENT PAUSE WRITE holds writers (and only
// writers) until the pause ends or CLIENT UNPAUSE, without blocking the
// event loop that serves the parked client: one loop serves all clients.
func TestClientPause(t *testing.T) {
	s := servertest.Start(t, engine.Options{}, server.Options{EventLoops: 1})
	ctx := context.Background()
	newClient := func() *redis.Client {
		c := redis.NewClient(&redis.Options{Addr: s.Addr, Protocol: 2, ReadTimeout: 5 * time.Second})
		t.Cleanup(func() { c.Close() })
		return c
	}
	admin, writer, reader := newClient(), newClient(), newClient()
	for _, c := range []*redis.Client{admin, writer, reader} {
		if err := c.Ping(ctx).Err(); err != nil {
			t.Fatal(err)
		}
	}

	const pause = 400 * time.Millisecond
	if err := admin.Do(ctx, "client", "pause", pause.Milliseconds(), "write").Err(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- writer.Set(ctx, "k", "v", 0).Err() }()
	time.Sleep(50 * time.Millisecond)
	if v, err := reader.Get(ctx, "k").Result(); err != redis.Nil {
		t.Fatalf("GET during the pause = %q, %v; want nil (SET still parked)", v, err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited < pause-50*time.Millisecond {
		t.Fatalf("SET ran after %v, during a %v write pause", waited, pause)
	}

	// CLIENT UNPAUSE releases a parked writer before the timeout.
	if err := admin.Do(ctx, "client", "pause", 10000, "write").Err(); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	go func() { done <- writer.Set(ctx, "k", "v2", 0).Err() }()
	time.Sleep(100 * time.Millisecond)
	if err := admin.Do(ctx, "client", "unpause").Err(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited > 5*time.Second {
		t.Fatalf("UNPAUSE did not wake the writer (waited %v)", waited)
	}
	if v := reader.Get(ctx, "k").Val(); v != "v2" {
		t.Fatalf("GET after unpause = %q", v)
	}
}
