package server_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/servertest"
	"github.com/updraftdb/updraft/net/server"
)

// TestMultiGoRedis runs optimistic transactions (WATCH, MULTI, EXEC) from
// clients on several event loops: with retries on a touched key no
// increment is lost, and EXEC's commands never interleave with others.
func TestMultiGoRedis(t *testing.T) {
	s := servertest.Start(t, engine.Options{}, server.Options{EventLoops: 4})
	ctx := context.Background()
	const workers, rounds = 8, 50
	var wg sync.WaitGroup
	errc := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rdb := redis.NewClient(&redis.Options{Addr: s.Addr, Protocol: 2 + w%2})
			defer rdb.Close()
			for i := 0; i < rounds; i++ {
				for {
					err := rdb.Watch(ctx, func(tx *redis.Tx) error {
						n, err := tx.Get(ctx, "counter").Int()
						if err != nil && err != redis.Nil {
							return err
						}
						_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
							p.Set(ctx, "counter", strconv.Itoa(n+1), 0)
							// a and b change together: no reader may see
							// them apart.
							p.Incr(ctx, "{t}a")
							p.Incr(ctx, "{t}b")
							return nil
						})
						return err
					}, "counter")
					if errors.Is(err, redis.TxFailedErr) {
						continue
					}
					if err != nil {
						errc <- err
						return
					}
					break
				}
			}
		}(w)
	}
	// A reader checks that a and b, read in one MULTI, are always equal.
	rdb := redis.NewClient(&redis.Options{Addr: s.Addr})
	defer rdb.Close()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		cmds, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Get(ctx, "{t}a")
			p.Get(ctx, "{t}b")
			return nil
		})
		if err != nil && err != redis.Nil {
			t.Fatal(err)
		}
		if a, b := cmds[0].(*redis.StringCmd).Val(), cmds[1].(*redis.StringCmd).Val(); a != b {
			t.Fatalf("EXEC interleaved: a=%q b=%q", a, b)
		}
	}
	close(errc)
	for err := range errc {
		t.Fatal(err)
	}
	if n, _ := rdb.Get(ctx, "counter").Int(); n != workers*rounds {
		t.Fatalf("counter = %d, want %d", n, workers*rounds)
	}
	// EXEC after a queueing error.
	_, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Do(ctx, "NOSUCHCOMMAND")
		p.Set(ctx, "x", "1", 0)
		return nil
	})
	if err == nil || err.Error() != "EXECABORT Transaction discarded because of previous errors." {
		t.Fatalf("EXEC after a queueing error: %v", err)
	}
}
