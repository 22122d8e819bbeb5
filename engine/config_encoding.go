package engine

import (
	"errors"
	"math"
	"strconv"
	"sync/atomic"
)

// encodingLimits are the thresholds past which a collection leaves its
// compact encoding, under Redis's parameter names and defaults (7.0).
type encodingLimits struct {
	hashEntries, hashValue atomic.Int64 // hash-max-listpack-entries/-value
	listSize               atomic.Int64 // list-max-listpack-size
	listCompressDepth      atomic.Int64 // list-compress-depth
	setIntsetEntries       atomic.Int64 // set-max-intset-entries
	zsetEntries, zsetValue atomic.Int64 // zset-max-listpack-entries/-value
	streamNodeBytes        atomic.Int64 // stream-node-max-bytes
	streamNodeEntries      atomic.Int64 // stream-node-max-entries
	hllSparseBytes         atomic.Int64 // hll-sparse-max-bytes
}

// registerEncodingParams adds the encoding thresholds to the registry.
func (c *Config) registerEncodingParams() {
	l := &c.enc
	itoa := func(n int64) string { return strconv.FormatInt(n, 10) }
	param := func(name, alias string, a *atomic.Int64, def, min, max int64, memory bool) {
		a.Store(def)
		p := Param{Name: name, Get: func() string { return itoa(a.Load()) },
			Set: func(v string) error {
				var n int64
				var err error
				if memory {
					n, err = ParseMemory(v)
					if err == nil && (n < min || n > max) {
						err = errors.New("argument must be between " + itoa(min) + " and " + itoa(max) + " inclusive")
					}
				} else {
					n, err = parseIntParam(v, min, max)
				}
				if err == nil {
					a.Store(n)
				}
				return err
			}}
		if alias != "" {
			p.Aliases = []string{alias}
		}
		c.Register(p)
	}
	param("hash-max-listpack-entries", "hash-max-ziplist-entries", &l.hashEntries, 512, 0, math.MaxInt64, false)
	param("hash-max-listpack-value", "hash-max-ziplist-value", &l.hashValue, 64, 0, math.MaxInt64, false)
	param("list-max-listpack-size", "list-max-ziplist-size", &l.listSize, -2, math.MinInt32, math.MaxInt32, false)
	param("list-compress-depth", "", &l.listCompressDepth, 0, 0, math.MaxInt32, false)
	param("set-max-intset-entries", "", &l.setIntsetEntries, 512, 0, math.MaxInt64, false)
	param("zset-max-listpack-entries", "zset-max-ziplist-entries", &l.zsetEntries, 128, 0, math.MaxInt64, false)
	param("zset-max-listpack-value", "zset-max-ziplist-value", &l.zsetValue, 64, 0, math.MaxInt64, false)
	param("stream-node-max-bytes", "", &l.streamNodeBytes, 4096, 0, math.MaxInt64, true)
	param("stream-node-max-entries", "", &l.streamNodeEntries, 100, 0, math.MaxInt64, false)
	param("hll-sparse-max-bytes", "", &l.hllSparseBytes, 3000, 0, math.MaxInt64, true)
}
