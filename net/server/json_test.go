package server_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/servertest"
	"github.com/updraftdb/updraft/net/server"
)

// TestGoRedisJSON drives the JSON commands through go-redis v9's JSON API
// in RESP2 (go-redis reads RedisJSON replies as RESP2 unless told
// otherwise).
func TestGoRedisJSON(t *testing.T) {
	s := servertest.Start(t, engine.Options{}, server.Options{})
	ctx := context.Background()
	rdb := redis.NewClient(&redis.Options{Addr: s.Addr, Protocol: 2})
	defer rdb.Close()
	doc := `{"name":"Leonard","age":29,"tags":["a","b"],"addr":{"city":"X","zip":null},"ok":true}`
	if r, err := rdb.JSONSet(ctx, "u", "$", doc).Result(); err != nil || r != "OK" {
		t.Fatalf("JSON.SET = %q, %v", r, err)
	}
	if r, err := rdb.JSONGet(ctx, "u", "$.name").Result(); err != nil || r != `["Leonard"]` {
		t.Fatalf("JSON.GET $.name = %q, %v", r, err)
	}
	if r, err := rdb.JSONGet(ctx, "u").Result(); err != nil || r != doc {
		t.Fatalf("JSON.GET = %q, %v", r, err)
	}
	if r, err := rdb.JSONNumIncrBy(ctx, "u", "$.age", 1).Result(); err != nil || r != "[30]" {
		t.Fatalf("JSON.NUMINCRBY = %q, %v", r, err)
	}
	if r, err := rdb.JSONArrAppend(ctx, "u", "$.tags", `"c"`).Result(); err != nil || !reflect.DeepEqual(r, []int64{3}) {
		t.Fatalf("JSON.ARRAPPEND = %v, %v", r, err)
	}
	if r, err := rdb.JSONArrLen(ctx, "u", "$.tags").Result(); err != nil || !reflect.DeepEqual(r, []int64{3}) {
		t.Fatalf("JSON.ARRLEN = %v, %v", r, err)
	}
	if r, err := rdb.JSONStrLen(ctx, "u", "$.name").Result(); err != nil || len(r) != 1 || *r[0] != 7 {
		t.Fatalf("JSON.STRLEN = %v, %v", r, err)
	}
	if r, err := rdb.JSONObjKeys(ctx, "u", "$.addr").Result(); err != nil || len(r) != 1 {
		t.Fatalf("JSON.OBJKEYS = %v, %v", r, err)
	}
	if r, err := rdb.JSONType(ctx, "u", "$.ok").Result(); err != nil || len(r) != 1 {
		t.Fatalf("JSON.TYPE = %v, %v", r, err)
	}
	if r, err := rdb.JSONToggle(ctx, "u", "$.ok").Result(); err != nil || len(r) != 1 || r[0] == nil || *r[0] != 0 {
		t.Fatalf("JSON.TOGGLE = %v, %v", r, err)
	}
	if r, err := rdb.JSONDel(ctx, "u", "$.addr.zip").Result(); err != nil || r != 1 {
		t.Fatalf("JSON.DEL = %d, %v", r, err)
	}
	if r, err := rdb.JSONMGet(ctx, "$.age", "u", "missing").Result(); err != nil || len(r) != 2 || r[0] != "[30]" || r[1] != nil {
		t.Fatalf("JSON.MGET = %#v, %v", r, err)
	}
	if r, err := rdb.JSONGet(ctx, "u", "$.addr").Result(); err != nil || r != `[{"city":"X"}]` {
		t.Fatalf("JSON.GET $.addr = %q, %v", r, err)
	}
	if r, err := rdb.Type(ctx, "u").Result(); err != nil || r != "ReJSON-RL" {
		t.Fatalf("TYPE = %q, %v", r, err)
	}
	rdb.Set(ctx, "str", "x", 0)
	if _, err := rdb.JSONGet(ctx, "str").Result(); err == nil || err.Error() != "WRONGTYPE Operation against a key holding the wrong kind of value" {
		t.Fatalf("JSON.GET on a string: %v", err)
	}
}
