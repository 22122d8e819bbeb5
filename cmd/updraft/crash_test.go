package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/updraftdb/updraft/internal/servertest"
)

// The crash test: writers send SET, INCR, RPUSH, HSET, ZADD and XADD and
// record every acknowledged reply; the server is killed with SIGKILL at a
// random moment, restarted on the same directory, and every acknowledged
// write must be there (appendfsync always), or all but the last ~2 s of
// them (everysec). `make crash` runs many cycles.

var crashCycles = flag.Int("crash-cycles", 10, "kill -9 cycles per fsync policy in TestCrashRecovery")

// crashWriter is one writer's acknowledged history. Each writer owns its
// keys, so what must be there after a crash is exactly known.
type crashWriter struct {
	id      int
	next    int         // next operation number
	acked   int         // operations acknowledged (all before next-1 at most)
	ackedAt []time.Time // when each operation was acknowledged
}

// op performs operation i of writer w: one of six commands, each leaving
// a trace that can be checked exactly.
func (w *crashWriter) op(ctx context.Context, rc *redis.Client, i int) error {
	k := func(kind string) string { return fmt.Sprintf("w%d:%s", w.id, kind) }
	v := strconv.Itoa(i)
	switch i % 6 {
	case 0:
		return rc.Set(ctx, k("s:"+v), v, 0).Err()
	case 1:
		return rc.Incr(ctx, k("ctr")).Err()
	case 2:
		return rc.RPush(ctx, k("list"), v).Err()
	case 3:
		return rc.HSet(ctx, k("hash"), v, v).Err()
	case 4:
		return rc.ZAdd(ctx, k("zset"), redis.Z{Score: float64(i), Member: v}).Err()
	default:
		return rc.XAdd(ctx, &redis.XAddArgs{Stream: k("stream"), ID: fmt.Sprintf("%d-1", i+1), Values: []string{"i", v}}).Err()
	}
}

// present reports how many of the writer's first n operations the server
// holds, checking that they form a prefix: operation j present means every
// operation before j is present too (the log is replayed in order). It
// checks operations from from on; earlier ones are checked in full every
// few cycles and at the end (checking all each cycle is quadratic).
func (w *crashWriter) present(t *testing.T, ctx context.Context, rc *redis.Client, from, n int) int {
	t.Helper()
	k := func(kind string) string { return fmt.Sprintf("w%d:%s", w.id, kind) }
	ctr, _ := rc.Get(ctx, k("ctr")).Int()
	list, err := rc.LRange(ctx, k("list"), 0, -1).Result()
	if err != nil {
		t.Fatal(err)
	}
	have := func(i int) bool {
		v := strconv.Itoa(i)
		switch i % 6 {
		case 0:
			got, _ := rc.Get(ctx, k("s:"+v)).Result()
			return got == v
		case 1:
			return ctr >= i/6+1
		case 2:
			return i/6 < len(list) && list[i/6] == v
		case 3:
			got, _ := rc.HGet(ctx, k("hash"), v).Result()
			return got == v
		case 4:
			_, err := rc.ZScore(ctx, k("zset"), v).Result()
			return err == nil
		default:
			got, _ := rc.XRange(ctx, k("stream"), fmt.Sprintf("%d-1", i+1), fmt.Sprintf("%d-1", i+1)).Result()
			return len(got) == 1
		}
	}
	for j := 0; j < from && j < n; j += max(1, from/64) {
		if !have(j) { // a sample of the old ones
			t.Fatalf("writer %d: old operation %d lost", w.id, j)
		}
	}
	p := min(from, n)
	for p < n && have(p) {
		p++
	}
	for j := p + 1; j < n; j++ {
		if have(j) {
			t.Fatalf("writer %d: operation %d present but %d missing: not a prefix", w.id, j, p)
		}
	}
	return p
}

func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: kill -9 cycles take a while")
	}
	bin := binary(t)
	for _, fsync := range []string{"always", "everysec"} {
		t.Run(fsync, func(t *testing.T) { crashCycle(t, bin, fsync, *crashCycles) })
	}
}

func crashCycle(t *testing.T, bin, fsync string, cycles int) {
	dir := t.TempDir()
	port := servertest.FreePort(t)
	ctx := context.Background()
	writers := make([]*crashWriter, 4)
	for i := range writers {
		writers[i] = &crashWriter{id: i}
	}
	var killedAt time.Time
	var lostWrites int
	var maxWindow time.Duration // the widest loss window seen (everysec)
	for cycle := range cycles {
		p := start(t, bin, "--port", strconv.Itoa(port), "--dir", dir, "--appendfsync", fsync)
		p.waitLine(t, "Ready to accept connections", 30*time.Second)
		rc := redis.NewClient(&redis.Options{Addr: "127.0.0.1:" + strconv.Itoa(port), MaxRetries: -1})

		// Check the previous cycle's writes survived, then continue
		// from what is there.
		for _, w := range writers {
			from := max(0, w.acked-1000)
			if cycle%20 == 0 {
				from = 0
			}
			n := w.present(t, ctx, rc, from, w.next)
			if n < w.acked {
				lost := w.acked - n
				if fsync == "always" {
					t.Fatalf("cycle %d: writer %d lost %d acknowledged writes (has %d of %d)", cycle, w.id, lost, n, w.acked)
				}
				// everysec: what is lost was acknowledged in the last
				// two seconds before the kill.
				age := w.ackedAt[len(w.ackedAt)-1].Sub(w.ackedAt[n])
				if age > 2*time.Second {
					t.Fatalf("cycle %d: writer %d lost writes acknowledged %v before its last one", cycle, w.id, age)
				}
				lostWrites += lost
				maxWindow = max(maxWindow, age)
			}
			// The operation in flight at the kill may have been applied:
			// then it counts as acknowledged at the kill.
			for len(w.ackedAt) < n {
				w.ackedAt = append(w.ackedAt, killedAt)
			}
			w.next, w.acked = n, n
			w.ackedAt = w.ackedAt[:n]
		}

		var wg sync.WaitGroup
		for _, w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					if err := w.op(ctx, rc, w.next); err != nil {
						return // killed: this operation may or may not be in
					}
					w.next++
					w.acked = w.next
					w.ackedAt = append(w.ackedAt, time.Now())
				}
			}()
		}
		time.Sleep(time.Duration(50+rand.IntN(250)) * time.Millisecond)
		_ = p.cmd.Process.Kill()
		killedAt = time.Now()
		wg.Wait()
		<-p.done
		rc.Close()
		for _, w := range writers {
			w.next++ // the operation in flight may have been applied
		}
	}
	// A last restart checks the last cycle and, in full, everything before.
	p := start(t, bin, "--port", strconv.Itoa(port), "--dir", dir, "--appendfsync", fsync)
	p.waitLine(t, "Ready to accept connections", 30*time.Second)
	rc := redis.NewClient(&redis.Options{Addr: "127.0.0.1:" + strconv.Itoa(port), MaxRetries: -1})
	defer rc.Close()
	total := 0
	for _, w := range writers {
		if n := w.present(t, ctx, rc, 0, w.next); n < w.acked && fsync == "always" {
			t.Fatalf("writer %d lost acknowledged writes in the last cycle (has %d of %d)", w.id, n, w.acked)
		}
		total += w.acked
	}
	t.Logf("%d cycles, %d acknowledged writes checked; %d lost (widest loss window %v)", cycles, total, lostWrites, maxWindow)
}
