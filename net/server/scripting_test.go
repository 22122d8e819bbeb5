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

// TestGoRedisScripting drives EVAL, EVALSHA (through go-redis's Script,
// which falls back to EVAL on NOSCRIPT), FUNCTION LOAD and FCALL over RESP2
// and RESP3.
func TestGoRedisScripting(t *testing.T) {
	s := servertest.Start(t, engine.Options{}, server.Options{})
	ctx := context.Background()
	for _, proto := range []int{2, 3} {
		rdb := redis.NewClient(&redis.Options{Addr: s.Addr, Protocol: proto})
		incr := redis.NewScript(`
local n = redis.call('INCRBY', KEYS[1], ARGV[1])
if n == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {n, redis.call('PTTL', KEYS[1]) > 0}`)
		for i := 1; i <= 3; i++ {
			v, err := incr.Run(ctx, rdb, []string{"rl"}, 2, 60000).Slice()
			if err != nil {
				t.Fatalf("RESP%d: script run %d: %v", proto, i, err)
			}
			if v[0].(int64) != int64(2*i+(proto-2)*6) || v[1].(int64) != 1 {
				t.Fatalf("RESP%d: script run %d = %v", proto, i, v)
			}
		}
		if ok, err := incr.Exists(ctx, rdb).Result(); err != nil || !ok[0] {
			t.Fatalf("RESP%d: SCRIPT EXISTS = %v, %v", proto, ok, err)
		}
		if _, err := rdb.Eval(ctx, "return redis.call('nope')", nil).Result(); err == nil ||
			err.Error() != "ERR Unknown Redis command called from script script: f01f0776df71cc5b400c2268135aa7f30dce2e53, on @user_script:1." {
			t.Fatalf("RESP%d: error from script: %v", proto, err)
		}
		code := "#!lua name=lib\nredis.register_function('echo', function(keys, args) return args[1] end)"
		if err := rdb.FunctionLoadReplace(ctx, code).Err(); err != nil {
			t.Fatalf("RESP%d: FUNCTION LOAD: %v", proto, err)
		}
		if v, err := rdb.FCall(ctx, "echo", nil, "hi").Text(); err != nil || v != "hi" {
			t.Fatalf("RESP%d: FCALL = %q, %v", proto, v, err)
		}
		rdb.Close()
	}
}

// TestBusyScriptOneLoop runs a script that loops forever on a server with
// ONE event loop: the loop's other connections are still served, get BUSY
// past busy-reply-threshold, and SCRIPT KILL from one of them ends it; a
// pipeline after the script on its own connection runs once it ends.
func TestBusyScriptOneLoop(t *testing.T) {
	s := servertest.Start(t, engine.Options{}, server.Options{EventLoops: 1})
	ctx := context.Background()
	a := redis.NewClient(&redis.Options{Addr: s.Addr, MaxRetries: -1})
	b := redis.NewClient(&redis.Options{Addr: s.Addr, MaxRetries: -1})
	defer a.Close()
	defer b.Close()
	if err := b.ConfigSet(ctx, "busy-reply-threshold", "100").Err(); err != nil {
		t.Fatal(err)
	}
	done := make(chan []redis.Cmder, 1)
	go func() {
		cmds, _ := a.Pipelined(ctx, func(p redis.Pipeliner) error {
			p.Eval(ctx, "local i = 0 while true do i = i + 1 end", nil)
			p.Set(ctx, "after", "1", 0)
			return nil
		})
		done <- cmds
	}()
	var err error
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if err = b.Get(ctx, "x").Err(); err != nil && strings.HasPrefix(err.Error(), "BUSY") {
			break
		}
	}
	if err == nil || !strings.HasPrefix(err.Error(), "BUSY Redis is busy running a script") {
		b.ScriptKill(ctx)
		t.Fatalf("GET on the loop's other connection: %v", err)
	}
	if err := b.ScriptKill(ctx).Err(); err != nil {
		t.Fatalf("SCRIPT KILL: %v", err)
	}
	cmds := <-done
	if err := cmds[0].Err(); err == nil || !strings.Contains(err.Error(), "Script killed by user with SCRIPT KILL") {
		t.Fatalf("killed script: %v", err)
	}
	if err := cmds[1].Err(); err != nil {
		t.Fatalf("SET after the script: %v", err)
	}
	if v, err := b.Get(ctx, "after").Result(); err != nil || v != "1" {
		t.Fatalf("GET after = %q %v", v, err)
	}
}
