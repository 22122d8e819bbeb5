package engine

import (
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"unsafe"
)

// Memory accounting for INFO memory and MEMORY USAGE. The keyspace's bytes
// are counted where they live: slab chunks (records), dict bucket arrays
// and heap objects (big strings, collections). The Go heap and the process
// RSS come from the runtime and /proc.

// MemoryStats is the engine's memory use, in bytes.
type MemoryStats struct {
	SlabInUse  int64 // bytes of live slab chunks (records)
	SlabMapped int64 // bytes of slab pages mapped
	DictBytes  int64 // bucket arrays and volatile-key lists of the dicts
	ObjBytes   int64 // heap objects owned by records (estimated)
	HeapBytes  int64 // Go heap in use by live objects (includes ObjBytes and dicts)
	Used       int64 // used_memory: live slab chunks + Go heap objects
	RSS        int64 // resident set size of the process (0 if unknown)
}

// handleSize is the size of a bucket or volatile-list entry.
const handleSize = int64(unsafe.Sizeof(handle(0)))

// MemoryStats sums the shards' memory and reads the Go heap size. It locks
// each shard in turn, briefly.
func (e *Engine) MemoryStats() MemoryStats {
	var m MemoryStats
	for i := range e.shards {
		sh := &e.shards[i]
		sh.lock()
		m.SlabInUse += sh.slab.inUse
		m.SlabMapped += sh.slab.mapped
		m.ObjBytes += sh.objBytes
		for j := range sh.dbs {
			d := &sh.dbs[j]
			m.DictBytes += int64(cap(d.tab[0])+cap(d.tab[1])+cap(d.vol)) * handleSize
		}
		sh.mu.Unlock()
	}
	m.HeapBytes = goHeapBytes()
	m.Used = m.SlabInUse + m.HeapBytes
	m.RSS = processRSS()
	if m.Used > e.srv.memPeak.Load() {
		e.srv.memPeak.Store(m.Used)
	}
	return m
}

// goHeapBytes is the Go heap memory occupied by live and not yet swept
// objects.
func goHeapBytes() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}

// processRSS reads the resident set size from /proc/self/statm (Linux);
// other systems report 0.
func processRSS() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	// statm: size resident shared text lib data dt, in pages.
	i := 0
	for i < len(b) && b[i] != ' ' {
		i++
	}
	j := i + 1
	for j < len(b) && b[j] != ' ' {
		j++
	}
	if j > len(b) || i+1 > j {
		return 0
	}
	pages, err := strconv.ParseInt(string(b[i+1:j]), 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}

// recordUsage estimates the bytes a key costs: its chunk, its dict slot,
// and the heap objects it owns (a long key, a big string, a collection).
// The shard's lock must be held.
func (sh *shard) recordUsage(r record) int64 {
	n := int64(len(r.b)) + handleSize
	if r.heapKey() {
		n += int64(r.klen())
	}
	switch r.kind() {
	case kindHeapStr:
		n += int64(cap(sh.objs[r.objIdx()].([]byte)))
	case kindObject:
		n += objectSize(sh.objs[r.objIdx()])
	}
	return n
}

// appendHuman formats a byte count as Redis's bytesToHuman: 1023B, 1.00K,
// 1.50M, ...
func appendHuman(b []byte, n int64) []byte {
	units := []struct {
		limit float64
		unit  byte
	}{{1 << 20, 'K'}, {1 << 30, 'M'}, {1 << 40, 'G'}, {1 << 50, 'T'}, {1 << 60, 'P'}}
	if n < 1024 {
		b = strconv.AppendInt(b, n, 10)
		return append(b, 'B')
	}
	div := float64(1024)
	for _, u := range units {
		if float64(n) < u.limit {
			b = strconv.AppendFloat(b, float64(n)/div, 'f', 2, 64)
			return append(b, u.unit)
		}
		div *= 1024
	}
	b = strconv.AppendInt(b, n, 10)
	return append(b, 'B')
}

// totalSystemMemory reads MemTotal from /proc/meminfo (0 if unknown).
func totalSystemMemory() int64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	const key = "MemTotal:"
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if len(line) > len(key) && string(line[:len(key)]) == key {
			n := int64(0)
			for _, ch := range line[len(key):] {
				if ch >= '0' && ch <= '9' {
					n = n*10 + int64(ch-'0')
				}
			}
			return n * 1024
		}
	}
	return 0
}

// MEMORY PURGE. Redis asks jemalloc to release dirty pages; here a full
// garbage collection frees the unreachable objects (which used_memory,
// reading the runtime's live-and-unswept heap, would otherwise count) and
// returns free spans to the operating system, so a measurement taken after
// it sees only live data.
func cmdMemoryPurge(c *Client) {
	runtime.GC()
	debug.FreeOSMemory()
	c.W.OK()
}
