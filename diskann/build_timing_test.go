package diskann

import (
	"testing"

	"github.com/updraftdb/updraft/diskann/dataset"
)

// BenchmarkBuild times a build of 10,000 generated 128-dim vectors (the
// hard preset) with the default R, L and alpha.
func BenchmarkBuild(b *testing.B) {
	base, _, err := dataset.Generate(dataset.Hard(128, 10000, 0, 1))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(base, 128, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch times one query (L = DefaultSearchL, k = 10) on a graph
// of 10,000 generated 128-dim vectors (hard preset), and reports the
// recall@10 of its 100 queries.
func BenchmarkSearch(b *testing.B) {
	base, q, err := dataset.Generate(dataset.Hard(128, 10000, 100, 1))
	if err != nil {
		b.Fatal(err)
	}
	g, err := Build(base, 128, Options{})
	if err != nil {
		b.Fatal(err)
	}
	gt, err := dataset.GroundTruth(base, q, 128, 10, dataset.L2)
	if err != nil {
		b.Fatal(err)
	}
	recall := recallAt10(b, g, q, gt, DefaultSearchL)
	dst := make([]Result, 0, 10)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		dst, _ = g.Search(dst[:0], q[i%100*128:][:128], 10, 0)
		i++
	}
	b.ReportMetric(recall, "recall@10")
}

// BenchmarkDiskSearch times one query (L = DefaultSearchL, k = 10, W =
// DefaultBeamWidth, no cache) on a disk index of 10,000 generated 256-dim
// vectors (the file in the page cache: this measures the CPU side).
func BenchmarkDiskSearch(b *testing.B) {
	base, q, err := dataset.Generate(dataset.Hard(256, 10000, 100, 1))
	if err != nil {
		b.Fatal(err)
	}
	g, err := Build(base, 256, Options{})
	if err != nil {
		b.Fatal(err)
	}
	path := b.TempDir() + "/bench.dann"
	if err := g.WriteFile(path, DiskOptions{}); err != nil {
		b.Fatal(err)
	}
	d, err := Open(path, DiskConfig{CacheNodes: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	dst := make([]Result, 0, 10)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		dst, _ = d.Search(dst[:0], q[i%100*256:][:256], 10, 0, 0)
		i++
	}
	b.ReportMetric(float64(d.Reads())/float64(b.N), "blocks/op")
}
