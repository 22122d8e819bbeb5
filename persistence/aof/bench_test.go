package aof

import (
	"bytes"
	"testing"
	"time"
)

// BenchmarkLogAppend measures appending 100-byte records from parallel
// producers until durable, per fsync policy: records/s and MB/s.
func BenchmarkLogAppend(b *testing.B) {
	rec := bytes.Repeat([]byte("x"), 100)
	for _, p := range []Fsync{FsyncAlways, FsyncEverySec} {
		b.Run(p.String(), func(b *testing.B) {
			l := mustOpen(b, Options{Dir: b.TempDir(), Fsync: p})
			defer l.Close()
			b.SetBytes(int64(len(rec) + recHeaderSize))
			b.ReportAllocs()
			b.SetParallelism(16) // many clients in flight, as behind an event loop
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					l.Submit(l.Reserve(), rec)
				}
			})
			if err := l.WaitDurable(l.reserved.Load()); err != nil {
				b.Fatal(err)
			}
			el := time.Since(start).Seconds()
			st := l.Stats()
			b.ReportMetric(float64(b.N)/el, "records/s")
			if st.Writes > 0 {
				b.ReportMetric(float64(b.N)/float64(st.Writes), "records/write")
			}
		})
	}
}

// BenchmarkSubmit is the producer's cost alone (FsyncNo): Reserve and
// Submit of a 100-byte record, zero allocations in steady state.
func BenchmarkSubmit(b *testing.B) {
	rec := bytes.Repeat([]byte("x"), 100)
	l := mustOpen(b, Options{Dir: b.TempDir(), Fsync: FsyncNo})
	defer l.Close()
	b.ReportAllocs()
	b.SetBytes(int64(len(rec)))
	for i := 0; i < b.N; i++ {
		l.Submit(l.Reserve(), rec)
	}
	l.WaitDurable(l.reserved.Load())
}

func TestSubmitDoesNotAllocate(t *testing.T) {
	rec := bytes.Repeat([]byte("y"), 200)
	l := mustOpen(t, Options{Dir: t.TempDir(), Fsync: FsyncNo, RingSlots: 256})
	defer l.Close()
	for i := 0; i < 1000; i++ { // grow every slot's buffer once
		l.Submit(l.Reserve(), rec)
	}
	allocs := testing.AllocsPerRun(2000, func() { l.Submit(l.Reserve(), rec) })
	if allocs > 0.01 {
		t.Fatalf("Submit allocates %.2f times per record", allocs)
	}
}
