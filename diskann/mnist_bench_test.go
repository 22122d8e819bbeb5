package diskann

import (
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/updraftdb/updraft/diskann/dataset"
	"github.com/updraftdb/updraft/diskann/kernel"
)

// mnistDir is the benchmark set's folder (UPDRAFT_MNIST overrides).
func mnistDir() string {
	if d := os.Getenv("UPDRAFT_MNIST"); d != "" {
		return d
	}
	return "../../shared/data/mnist"
}

// envInt reads a benchmark knob from the environment (0 when unset: the
// default).
func envInt(name string) int {
	v, _ := strconv.Atoi(os.Getenv(name))
	return v
}

// BenchmarkMNIST builds the in-memory graph over MNIST's 60,000 vectors
// with the defaults and reports build time, then recall@10 and
// single-threaded QPS over the first 1,000 queries for several L (the
// protocol of the README's hnswlib figures), then the same for the disk
// index written from it. Run it with -benchtime=1x; UPDRAFT_BENCH_R, _L
// and _PASSES override the build's R, L and passes.
func BenchmarkMNIST(b *testing.B) {
	m, err := dataset.LoadMNIST(mnistDir())
	if err != nil {
		b.Skip("MNIST not found (set UPDRAFT_MNIST): ", err)
	}
	b.Logf("kernel %s", kernel.Impl())
	nq := 1000
	for b.Loop() {
		opt := Options{R: envInt("UPDRAFT_BENCH_R"), L: envInt("UPDRAFT_BENCH_L"), Passes: envInt("UPDRAFT_BENCH_PASSES")}
		t0 := time.Now()
		g, err := Build(m.Base, m.Dim, opt)
		if err != nil {
			b.Fatal(err)
		}
		build := time.Since(t0)
		b.ReportMetric(build.Seconds(), "build-s")
		opt.fill()
		b.Logf("build %.1fs (R %d, L %d, alpha %.2g, %d passes, %d workers), %d bytes/vector in RAM",
			build.Seconds(), opt.R, opt.L, opt.Alpha, opt.Passes, opt.Workers, g.MemoryBytes()/int64(g.Len()))
		res := make([]Result, 0, 10)
		got := make([]int32, nq*10)
		for _, l := range []int{10, 20, 40, 80, 160} {
			t0 := time.Now()
			for q := 0; q < nq; q++ {
				res, _ = g.Search(res[:0], m.Queries[q*m.Dim:(q+1)*m.Dim], 10, l)
				for j, r := range res {
					got[q*10+j] = int32(r.ID)
				}
			}
			el := time.Since(t0)
			rec := dataset.Recall(got, 10, m.Truth, m.TruthK, 10)
			qps := float64(nq) / el.Seconds()
			b.Logf("L=%d recall@10 %.4f QPS %.0f", l, rec, qps)
			b.ReportMetric(rec, "recall-L"+strconv.Itoa(l))
			b.ReportMetric(qps, "qps-L"+strconv.Itoa(l))
		}
		benchDisk(b, g, m, nq)
	}
}

// benchDisk writes g to a file and reports the disk index's open time,
// bytes per vector, and recall@10 / QPS / blocks read per query.
func benchDisk(b *testing.B, g *Graph, m *dataset.MNIST, nq int) {
	path := b.TempDir() + "/mnist.dann"
	t0 := time.Now()
	if err := g.WriteFile(path, DiskOptions{}); err != nil {
		b.Fatal(err)
	}
	b.Logf("disk: write (PQ %d bytes, training included) %.1fs", DefaultPQBytes, time.Since(t0).Seconds())
	t0 = time.Now()
	d, err := Open(path, DiskConfig{})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	b.Logf("disk: open %v, RAM %d B/vector (%d cached nodes), file %d B/vector",
		time.Since(t0), d.MemoryBytes()/int64(d.Len()), d.CacheLen(), d.FileBytes()/int64(d.Len()))
	res := make([]Result, 0, 10)
	got := make([]int32, nq*10)
	for _, l := range []int{20, 40, 80, 160} {
		r0 := d.Reads()
		t0 := time.Now()
		for q := 0; q < nq; q++ {
			res, _ = d.Search(res[:0], m.Queries[q*m.Dim:(q+1)*m.Dim], 10, l, 0)
			for j, r := range res {
				got[q*10+j] = int32(r.ID)
			}
		}
		el := time.Since(t0)
		rec := dataset.Recall(got, 10, m.Truth, m.TruthK, 10)
		b.Logf("disk L=%d W=%d recall@10 %.4f QPS %.0f, %.1f blocks read/query", l, DefaultBeamWidth,
			rec, float64(nq)/el.Seconds(), float64(d.Reads()-r0)/float64(nq))
		b.ReportMetric(rec, "disk-recall-L"+strconv.Itoa(l))
		b.ReportMetric(float64(nq)/el.Seconds(), "disk-qps-L"+strconv.Itoa(l))
	}
}
