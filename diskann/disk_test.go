package diskann

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/updraftdb/updraft/diskann/dataset"
)

// diskFixture builds a small graph and writes it to a file.
func diskFixture(t *testing.T, spec dataset.Spec, m Metric, dist dataset.Distance) (*Graph, string, []float32, []int32) {
	t.Helper()
	base, q, gt := testSet(t, spec, dist)
	g, err := Build(base, spec.Dim, Options{Metric: m, R: 24, L: 48})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "index.dann")
	if err := g.WriteFile(path, DiskOptions{PQBytes: 8}); err != nil {
		t.Fatal(err)
	}
	return g, path, q, gt
}

func diskRecall(t *testing.T, d *Disk, q []float32, gt []int32, l, w int) float64 {
	t.Helper()
	dim := d.Dim()
	got := make([]int32, 0, len(q)/dim*10)
	var res []Result
	for i := 0; i < len(q)/dim; i++ {
		var err error
		if res, err = d.Search(res[:0], q[i*dim:(i+1)*dim], 10, l, w); err != nil {
			t.Fatal(err)
		}
		if len(res) != 10 {
			t.Fatalf("query %d: %d results", i, len(res))
		}
		for _, r := range res {
			got = append(got, int32(r.ID))
		}
	}
	return dataset.Recall(got, 10, gt, 10, 10)
}

func TestDiskSearch(t *testing.T) {
	g, path, q, gt := diskFixture(t, dataset.Easy(32, 2000, 100, 11), L2, dataset.L2)
	t0 := time.Now()
	d, err := Open(path, DiskConfig{CacheNodes: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	t.Logf("open %v, %d cached, RAM %d B/vector, file %d B/vector", time.Since(t0), d.CacheLen(),
		d.MemoryBytes()/int64(d.Len()), d.FileBytes()/int64(d.Len()))
	if d.CacheLen() != 100 || d.Len() != 2000 {
		t.Fatalf("cache %d, len %d", d.CacheLen(), d.Len())
	}
	if r := diskRecall(t, d, q, gt, 40, 4); r < 0.95 {
		t.Fatalf("disk recall@10 %.3f", r)
	}
	if d.Reads() == 0 {
		t.Fatal("no block was read")
	}
	// The same distances as the in-memory graph for its top results.
	a, _ := g.Search(nil, q[:32], 3, 100)
	b, _ := d.Search(nil, q[:32], 3, 100, 2)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("memory %v, disk %v", a, b)
		}
	}
	// Everything cached: no reads.
	all, err := Open(path, DiskConfig{CacheNodes: 5000})
	if err != nil {
		t.Fatal(err)
	}
	defer all.Close()
	if r := diskRecall(t, all, q, gt, 40, 1); r < 0.95 || all.Reads() != 0 || all.CacheLen() != 2000 {
		t.Fatalf("fully cached: recall %.3f, %d reads, %d cached", r, all.Reads(), all.CacheLen())
	}
}

func TestDiskMetrics(t *testing.T) {
	for _, c := range []struct {
		m Metric
		d dataset.Distance
	}{{Cosine, dataset.Cosine}, {InnerProduct, dataset.InnerProduct}} {
		_, path, q, gt := diskFixture(t, dataset.Easy(16, 1000, 50, 12), c.m, c.d)
		d, err := Open(path, DiskConfig{CacheNodes: -1})
		if err != nil {
			t.Fatal(err)
		}
		if r := diskRecall(t, d, q, gt, 48, 4); r < 0.95 {
			t.Fatalf("%v: recall %.3f", c.m, r)
		}
		d.Close()
	}
}

func TestDiskCorruption(t *testing.T) {
	_, path, q, _ := diskFixture(t, dataset.Easy(8, 300, 1, 13), L2, dataset.L2)
	orig, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := parseHeader(orig[:headerLen], int64(len(orig)))
	if err != nil {
		t.Fatal(err)
	}
	medoidBlock := h.dataOffset + int64(h.medoid)/int64(h.perBlock)*int64(h.blockSize)
	bad := filepath.Join(t.TempDir(), "bad")
	for _, c := range []struct {
		name   string
		mutate func([]byte) []byte
		atOpen bool
	}{
		{"header byte", func(b []byte) []byte { b[hDim]++; return b }, true},
		{"magic", func(b []byte) []byte { b[0] = 'X'; return b }, true},
		{"pq code", func(b []byte) []byte { b[h.pqOffset+h.pqBookLen+5] ^= 1; return b }, true},
		{"torn tail", func(b []byte) []byte { return b[:len(b)-100] }, true},
		{"empty", func(b []byte) []byte { return nil }, true},
		{"medoid block (cached at open)", func(b []byte) []byte { b[medoidBlock+3] ^= 0x40; return b }, true},
	} {
		b := c.mutate(append([]byte(nil), orig...))
		os.WriteFile(bad, b, 0o644)
		d, err := Open(bad, DiskConfig{CacheNodes: 1})
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("%s: open err %v", c.name, err)
		}
		if d != nil {
			t.Fatalf("%s: index returned", c.name)
		}
	}
	// A corrupt block found by a search is an error, not a wrong answer.
	b := append([]byte(nil), orig...)
	b[medoidBlock+3] ^= 0x40
	os.WriteFile(bad, b, 0o644)
	d, err := Open(bad, DiskConfig{CacheNodes: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.Search(nil, q, 5, 10, 2); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("search over a corrupt block: %v", err)
	}
}

func TestDiskBigRecords(t *testing.T) {
	// 1100 dims: a record needs two sectors.
	spec := dataset.Easy(1100, 300, 20, 14)
	base, q, gt := testSet(t, spec, dataset.L2)
	g, err := Build(base, 1100, Options{R: 16, L: 32})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "big")
	if err := g.WriteFile(path, DiskOptions{PQBytes: 16}); err != nil {
		t.Fatal(err)
	}
	d, err := Open(path, DiskConfig{CacheNodes: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.h.blockSize != 2*SectorSize || d.h.perBlock != 1 {
		t.Fatalf("block %d, %d per block", d.h.blockSize, d.h.perBlock)
	}
	if r := diskRecall(t, d, q, gt, 40, 4); r < 0.95 {
		t.Fatalf("recall %.3f", r)
	}
}

func TestDiskBadInput(t *testing.T) {
	_, path, _, _ := diskFixture(t, dataset.Easy(8, 100, 1, 15), L2, dataset.L2)
	d, err := Open(path, DiskConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.Search(nil, make([]float32, 7), 1, 0, 0); err != ErrQueryLength {
		t.Fatal(err)
	}
	if _, err := d.Search(nil, make([]float32, 8), 0, 0, 0); err != ErrParams {
		t.Fatal(err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "none"), DiskConfig{}); !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if _, err := Open(path, DiskConfig{BeamWidth: 1000}); err != ErrParams {
		t.Fatal(err)
	}
}

func FuzzParseHeader(f *testing.F) {
	h := &header{metric: L2, dim: 8, sdim: 8, r: 4, n: 10, medoid: 3, pqM: 2, pqOffset: SectorSize, pqBookLen: 100, pqCodesLen: 20}
	h.layout()
	h.dataOffset = alignUp(h.pqOffset + h.pqBookLen + h.pqCodesLen)
	size := h.dataOffset + h.blocks*int64(h.blockSize)
	good := appendHeader(nil, h)
	if _, err := parseHeader(good, size); err != nil {
		f.Fatal(err)
	}
	f.Add(good, size)
	f.Add(good[:50], size)
	f.Add(make([]byte, headerLen), int64(0))
	f.Fuzz(func(t *testing.T, b []byte, size int64) {
		h, err := parseHeader(b, size)
		if err != nil {
			return
		}
		if h.n < 1 || h.perBlock < 1 || h.blockSize%SectorSize != 0 || h.dataOffset+h.blocks*int64(h.blockSize) != size {
			t.Fatalf("accepted inconsistent header %+v", h)
		}
	})
}

func TestDiskSearchNoAlloc(t *testing.T) {
	_, path, q, _ := diskFixture(t, dataset.Easy(8, 300, 2, 16), L2, dataset.L2)
	d, err := Open(path, DiskConfig{CacheNodes: 50})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	dst := make([]Result, 0, 10)
	d.Search(dst, q[:8], 10, 32, 4)
	if raceEnabled {
		return // see raceEnabled
	}
	if a := testing.AllocsPerRun(50, func() { d.Search(dst[:0], q[:8], 10, 32, 4) }); a != 0 {
		t.Fatalf("%v allocations per disk search", a)
	}
}

// FuzzOpen opens arbitrary bytes as an index file and searches it: any
// damage must come back as an error, never a panic or a wrong-sized read.
func FuzzOpen(f *testing.F) {
	base, _, err := dataset.Generate(dataset.Easy(4, 40, 0, 17))
	if err != nil {
		f.Fatal(err)
	}
	g, err := Build(base, 4, Options{R: 4, L: 8})
	if err != nil {
		f.Fatal(err)
	}
	dir := f.TempDir()
	good := filepath.Join(dir, "good")
	if err := g.WriteFile(good, DiskOptions{PQBytes: 2}); err != nil {
		f.Fatal(err)
	}
	b, _ := os.ReadFile(good)
	f.Add(b)
	f.Add(b[:SectorSize])
	f.Add(b[:headerLen])
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(t.TempDir(), "x")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := Open(path, DiskConfig{CacheNodes: 3})
		if err != nil {
			return
		}
		defer d.Close()
		res, err := d.Search(nil, make([]float32, d.Dim()), 3, 8, 2)
		if err == nil && len(res) > min(3, d.Len()) {
			t.Fatalf("%d results", len(res))
		}
	})
}
