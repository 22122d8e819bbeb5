package server_test

import (
	"context"
	"testing"

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
