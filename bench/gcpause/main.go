// Command gcpause measures the Go garbage collector's cost with a large
// keyspace: it opens the engine as a library, loads N string keys (16-byte
// keys "key:%012d", 32-byte values), forces a few collections, then runs
// steady SET/GET load while collecting the stop-the-world pauses. It prints
// the heap size, the number of GCs and the pause distribution.
//
// Usage (from the repository root):
//
//	go run ./bench/gcpause [-keys 10000000] [-duration 10s] [-gcs 3]
//	GODEBUG=gctrace=1 go run ./bench/gcpause -keys 1000000
//
// See bench/README.md.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/updraftdb/updraft/engine"
)

func main() {
	keys := flag.Int("keys", 10_000_000, "keys to load")
	valueLen := flag.Int("value", 32, "value size in bytes")
	gcs := flag.Int("gcs", 3, "forced runtime.GC() calls after the load")
	duration := flag.Duration("duration", 10*time.Second, "steady SET/GET load time")
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "goroutines (one engine client each)")
	setPct := flag.Int("set-percent", 50, "percentage of SETs in the steady load (the rest are GETs)")
	shards := flag.Int("shards", 0, "engine shards (0: the engine's default)")
	gcEvery := flag.Duration("gc-every", time.Second, "also force a GC this often during the steady load (0: never), so that pauses are seen under load even when the engine allocates nothing")
	flag.Parse()
	if *keys < 1 || *workers < 1 || *valueLen < 1 || *setPct < 0 || *setPct > 100 {
		fmt.Fprintln(os.Stderr, "gcpause: -keys, -workers and -value must be positive, -set-percent 0..100")
		os.Exit(2)
	}

	e, err := engine.Open(engine.Options{Shards: *shards})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gcpause:", err)
		os.Exit(1)
	}
	defer e.Close()
	fmt.Printf("gcpause: %s keys, %d-byte values, %d workers, GOMAXPROCS %d, GOGC %s, %s\n",
		group(int64(*keys)), *valueLen, *workers, runtime.GOMAXPROCS(0), envOr("GOGC", "100"), runtime.Version())

	value := bytes.Repeat([]byte{'v'}, *valueLen)
	t0 := time.Now()
	parallel(*workers, func(w int) {
		c := e.NewClient(engine.ClientOptions{})
		defer c.Release()
		args := [][]byte{[]byte("SET"), newKey(), value}
		for i := w; i < *keys; i += *workers {
			setKey(args[1], uint64(i))
			e.Exec(c, args)
			if i == w && string(c.W.Buf) != "+OK\r\n" {
				fmt.Fprintf(os.Stderr, "gcpause: SET replied %q\n", c.W.Buf)
				os.Exit(1)
			}
			c.W.Reset()
		}
	})
	load := time.Since(t0)
	fmt.Printf("load: %s in %s (%s SET/s)\n", group(int64(*keys)), load.Round(time.Millisecond),
		group(int64(float64(*keys)/load.Seconds())))
	printHeap("after load")

	before := snapshot()
	for i := 0; i < *gcs; i++ {
		t := time.Now()
		runtime.GC()
		fmt.Printf("forced GC %d: %s wall (mark and sweep, mostly concurrent)\n", i+1, time.Since(t).Round(time.Microsecond))
	}
	after := snapshot()
	report("forced GCs", before, after, 0, 0)
	printHeap("after forced GCs")

	// Steady load: random keys over the loaded keyspace.
	before = snapshot()
	var ops atomic.Int64
	deadline := time.Now().Add(*duration)
	stopGC := make(chan struct{})
	gcDone := make(chan struct{})
	go func() {
		defer close(gcDone)
		if *gcEvery <= 0 {
			return
		}
		t := time.NewTicker(*gcEvery)
		defer t.Stop()
		for {
			select {
			case <-stopGC:
				return
			case <-t.C:
				runtime.GC()
			}
		}
	}()
	parallel(*workers, func(w int) {
		c := e.NewClient(engine.ClientOptions{})
		defer c.Release()
		set := [][]byte{[]byte("SET"), newKey(), value}
		get := [][]byte{[]byte("GET"), newKey()}
		rng := uint64(w)*0x9E3779B97F4A7C15 + 1
		n := int64(0)
		for {
			for j := 0; j < 256; j++ {
				rng ^= rng << 13
				rng ^= rng >> 7
				rng ^= rng << 17
				k := rng % uint64(*keys)
				if int((rng>>32)%100) < *setPct {
					setKey(set[1], k)
					e.Exec(c, set)
				} else {
					setKey(get[1], k)
					e.Exec(c, get)
				}
				c.W.Reset()
			}
			n += 256
			if time.Now().After(deadline) {
				break
			}
		}
		ops.Add(n)
	})
	close(stopGC)
	<-gcDone
	after = snapshot()
	report("steady load", before, after, ops.Load(), *duration)
	printHeap("after steady load")
}

// parallel runs f(0..n-1) on n goroutines and waits for them.
func parallel(n int, f func(w int)) {
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() { defer wg.Done(); f(w) }()
	}
	wg.Wait()
}

// newKey returns a key buffer "key:000000000000" (16 bytes), the format
// redis-benchmark -r uses.
func newKey() []byte { return []byte("key:000000000000") }

// setKey writes n as 12 zero-padded digits into the key buffer.
func setKey(k []byte, n uint64) {
	for i := len(k) - 1; i >= 4; i-- {
		k[i] = byte('0' + n%10)
		n /= 10
	}
}

// pauseMetric is the runtime/metrics histogram of individual GC
// stop-the-world pauses (renamed in Go 1.22; the old name is a fallback).
var pauseMetric = func() string {
	names := map[string]bool{}
	for _, d := range metrics.All() {
		names[d.Name] = true
	}
	for _, n := range []string{"/sched/pauses/total/gc:seconds", "/gc/pauses:seconds"} {
		if names[n] {
			return n
		}
	}
	return ""
}()

// snap is the runtime state at one moment.
type snap struct {
	at       time.Time
	numGC    uint32
	pauses   *metrics.Float64Histogram
	gcCPU    float64 // seconds of CPU spent in GC
	allocs   uint64  // bytes allocated, cumulative
	gcPauses []time.Duration
	pauseEnd []time.Time
}

func snapshot() snap {
	s := []metrics.Sample{
		{Name: pauseMetric},
		{Name: "/cpu/classes/gc/total:cpu-seconds"},
		{Name: "/gc/heap/allocs:bytes"},
	}
	metrics.Read(s)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	var st debug.GCStats
	debug.ReadGCStats(&st)
	out := snap{at: time.Now(), numGC: ms.NumGC, gcPauses: st.Pause, pauseEnd: st.PauseEnd}
	if s[0].Value.Kind() == metrics.KindFloat64Histogram {
		out.pauses = s[0].Value.Float64Histogram()
	}
	if s[1].Value.Kind() == metrics.KindFloat64 {
		out.gcCPU = s[1].Value.Float64()
	}
	if s[2].Value.Kind() == metrics.KindUint64 {
		out.allocs = s[2].Value.Uint64()
	}
	return out
}

// report prints the GCs and pauses between two snapshots: the individual
// stop-the-world pauses from the runtime/metrics histogram (bucket bounds),
// and the per-cycle pause totals from debug.ReadGCStats (exact).
func report(phase string, a, b snap, ops int64, d time.Duration) {
	fmt.Printf("\n== %s: %d GCs in %s, GC CPU %.3fs", phase, b.numGC-a.numGC, b.at.Sub(a.at).Round(time.Millisecond), b.gcCPU-a.gcCPU)
	if ops > 0 {
		fmt.Printf(", %s ops (%s ops/s), %.1f bytes allocated/op", group(ops), group(int64(float64(ops)/d.Seconds())),
			float64(b.allocs-a.allocs)/float64(ops))
	}
	fmt.Println()
	if a.pauses != nil && b.pauses != nil {
		counts := make([]uint64, len(b.pauses.Counts))
		var total uint64
		for i := range counts {
			counts[i] = b.pauses.Counts[i] - a.pauses.Counts[i]
			total += counts[i]
		}
		fmt.Printf("   STW pauses (%s): %d, p50 %s, p99 %s, max %s (histogram bucket upper bounds)\n", pauseMetric, total,
			quantile(counts, b.pauses.Buckets, total, 0.50), quantile(counts, b.pauses.Buckets, total, 0.99),
			quantile(counts, b.pauses.Buckets, total, 1))
	}
	// GCStats lists the most recent cycles first, at most 256 of them.
	var cycles []time.Duration
	for i, end := range b.pauseEnd {
		if end.After(a.at) && i < len(b.gcPauses) {
			cycles = append(cycles, b.gcPauses[i])
		}
	}
	if len(cycles) > 0 {
		sort.Slice(cycles, func(i, j int) bool { return cycles[i] < cycles[j] })
		p99 := cycles[int(math.Ceil(0.99*float64(len(cycles))))-1]
		fmt.Printf("   pause per GC cycle (debug.ReadGCStats): %d cycles, p50 %s, p99 %s, max %s\n", len(cycles),
			cycles[(len(cycles)-1)/2], p99, cycles[len(cycles)-1])
	}
}

// quantile returns the upper bound of the bucket holding quantile q of a
// histogram with the given counts.
func quantile(counts []uint64, buckets []float64, total uint64, q float64) string {
	if total == 0 {
		return "-"
	}
	want := uint64(math.Ceil(q * float64(total)))
	if want == 0 {
		want = 1
	}
	var seen uint64
	for i, c := range counts {
		seen += c
		if seen >= want {
			hi := buckets[i+1]
			if math.IsInf(hi, 1) {
				return ">" + seconds(buckets[i])
			}
			return "≤" + seconds(hi)
		}
	}
	return "-"
}

func seconds(s float64) string {
	return time.Duration(s * float64(time.Second)).Round(time.Microsecond).String()
}

// printHeap prints the heap size, the live heap, object count and RSS.
func printHeap(when string) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/objects:objects"}}
	metrics.Read(s)
	live, objects := "?", "?"
	if s[0].Value.Kind() == metrics.KindUint64 {
		live = mib(s[0].Value.Uint64())
	}
	if s[1].Value.Kind() == metrics.KindUint64 {
		objects = group(int64(s[1].Value.Uint64()))
	}
	fmt.Printf("heap %s: HeapAlloc %s, live %s, HeapSys %s, Sys %s, objects %s, RSS %s, GCs so far %d\n",
		when, mib(ms.HeapAlloc), live, mib(ms.HeapSys), mib(ms.Sys), objects, rss(), ms.NumGC)
}

// rss reads VmRSS from /proc/self/status (Linux); "?" elsewhere.
func rss() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if n, err := strconv.ParseUint(f[0], 10, 64); err == nil && len(f) == 2 {
				return mib(n * 1024)
			}
		}
	}
	return "?"
}

func mib(n uint64) string { return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB" }

// group formats n with comma separators.
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, ch := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(ch)
	}
	return b.String()
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
