package dataset

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestGenerateDeterministic(t *testing.T) {
	s := Easy(16, 500, 20, 7)
	b1, q1, err := Generate(s)
	if err != nil {
		t.Fatal(err)
	}
	b2, q2, _ := Generate(s)
	if len(b1) != 500*16 || len(q1) != 20*16 || !slices.Equal(b1, b2) || !slices.Equal(q1, q2) {
		t.Fatal("same spec gave different vectors or wrong sizes")
	}
	s.Seed = 8
	b3, _, _ := Generate(s)
	if slices.Equal(b1, b3) {
		t.Fatal("different seeds gave the same vectors")
	}
}

func TestGenerateClustered(t *testing.T) {
	// The mixture must have neighbourhood structure: a point's nearest
	// neighbour is much nearer than a random point.
	base, _, err := Generate(Easy(32, 400, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	gt, err := GroundTruth(base, base[:32*50], 32, 2, L2)
	if err != nil {
		t.Fatal(err)
	}
	var nn, rnd float64
	for q := 0; q < 50; q++ {
		nn += l2(base[q*32:(q+1)*32], base[int(gt[q*2+1])*32:][:32])
		rnd += l2(base[q*32:(q+1)*32], base[(399-q)*32:][:32])
	}
	if nn*10 > rnd {
		t.Fatalf("nearest-neighbour distance %.3g not far below random %.3g", nn/50, rnd/50)
	}
}

func TestGenerateBadSpec(t *testing.T) {
	for _, s := range []Spec{{}, {Dim: 4, Centres: 1, Rank: 5, Decay: 1}, {Dim: 4, Centres: 0, Rank: 1, Decay: 1}} {
		if _, _, err := Generate(s); err != ErrSpec {
			t.Fatalf("%+v: err %v", s, err)
		}
	}
}

func l2(a, b []float32) float64 {
	var s float64
	for i := range a {
		d := float64(a[i]) - float64(b[i])
		s += d * d
	}
	return s
}

func TestGroundTruth(t *testing.T) {
	base := []float32{0, 0, 1, 0, 3, 0, 1, 0, -2, 0}
	q := []float32{0.9, 0}
	gt, err := GroundTruth(base, q, 2, 4, L2)
	if err != nil {
		t.Fatal(err)
	}
	// Ties (ids 1 and 3) go to the smaller id.
	if !slices.Equal(gt, []int32{1, 3, 0, 2}) {
		t.Fatalf("got %v", gt)
	}
	gt, _ = GroundTruth(base, q, 2, 6, InnerProduct)
	if !slices.Equal(gt, []int32{2, 1, 3, 0, 4, -1}) {
		t.Fatalf("ip: got %v", gt)
	}
	gt, _ = GroundTruth([]float32{1, 1, 5, 0, -1, 0}, []float32{2, 0}, 2, 3, Cosine)
	if !slices.Equal(gt, []int32{1, 0, 2}) {
		t.Fatalf("cosine: got %v", gt)
	}
	if _, err := GroundTruth(base, q, 3, 1, L2); err != ErrShape {
		t.Fatalf("bad shape: %v", err)
	}
	if r := Recall([]int32{1, 2, 5, 6}, 2, []int32{2, 1, 9, 6}, 2, 2); r != 0.75 {
		t.Fatalf("recall %v", r)
	}
}

func TestCachedGroundTruth(t *testing.T) {
	base, q, _ := Generate(Easy(8, 100, 5, 3))
	p := filepath.Join(t.TempDir(), "gt.ivecs")
	a, err := CachedGroundTruth(p, base, q, 8, 10, L2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
	b, err := CachedGroundTruth(p, nil, q, 8, 10, L2) // from the file
	if err != nil || !slices.Equal(a, b) {
		t.Fatalf("cached truth differs: %v", err)
	}
}

func TestVecsRoundTrip(t *testing.T) {
	iv := []int32{1, -2, 3, 4, 5, 6}
	got, dim, err := ReadIvecs(bytes.NewReader(AppendIvecs(nil, iv, 3)), 0)
	if err != nil || dim != 3 || !slices.Equal(got, iv) {
		t.Fatalf("ivecs: %v %d %v", got, dim, err)
	}
	got, _, _ = ReadIvecs(bytes.NewReader(AppendIvecs(nil, iv, 3)), 1)
	if !slices.Equal(got, iv[:3]) {
		t.Fatalf("maxRecords: %v", got)
	}
	fv := []float32{1.5, -2, 0}
	gotf, dim, err := ReadFvecs(bytes.NewReader(AppendFvecs(nil, fv, 1)), 0)
	if err != nil || dim != 1 || !slices.Equal(gotf, fv) {
		t.Fatalf("fvecs: %v %d %v", gotf, dim, err)
	}
	bad := [][]byte{nil, {1, 0, 0}, {2, 0, 0, 0, 1, 0, 0, 0}, {0, 0, 0, 0}, {255, 255, 255, 255}}
	mixed := append(AppendIvecs(nil, iv[:2], 2), AppendIvecs(nil, iv[:3], 3)...)
	for _, b := range append(bad, mixed) {
		if _, _, err := ReadIvecs(bytes.NewReader(b), 0); err != ErrFormat {
			t.Fatalf("%v: err %v", b, err)
		}
	}
}

func idx(dims []uint32, data []byte) []byte {
	b := []byte{0, 0, 8, byte(len(dims))}
	for _, d := range dims {
		b = binary.BigEndian.AppendUint32(b, d)
	}
	return append(b, data...)
}

func TestReadIDX(t *testing.T) {
	data, dims, err := ReadIDX(bytes.NewReader(idx([]uint32{2, 1, 3}, []byte{1, 2, 3, 4, 5, 6})))
	if err != nil || !slices.Equal(dims, []int{2, 1, 3}) || !slices.Equal(data, []byte{1, 2, 3, 4, 5, 6}) {
		t.Fatalf("%v %v %v", data, dims, err)
	}
	for _, b := range [][]byte{
		idx([]uint32{2, 3}, []byte{1, 2, 3}),       // short
		idx([]uint32{0}, nil),                      // empty dimension
		{0, 0, 9, 1, 0, 0, 0, 1, 7},                // not unsigned bytes
		idx([]uint32{1 << 30, 1 << 30}, []byte{1}), // absurd size
	} {
		if _, _, err := ReadIDX(bytes.NewReader(b)); err != ErrFormat {
			t.Fatalf("%v: err %v", b, err)
		}
	}
}

func TestLoadMNISTSmall(t *testing.T) {
	// A miniature set in MNIST's layout: 3 base, 2 query images of 2×2.
	dir := t.TempDir()
	gz := func(name string, b []byte) {
		var buf bytes.Buffer
		z := gzip.NewWriter(&buf)
		z.Write(b)
		z.Close()
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gz("train-images-idx3-ubyte.gz", idx([]uint32{3, 2, 2}, []byte{0, 0, 0, 0, 1, 1, 1, 1, 9, 9, 9, 9}))
	gz("t10k-images-idx3-ubyte.gz", idx([]uint32{2, 2, 2}, []byte{1, 1, 1, 2, 8, 8, 8, 8}))
	gz("train-labels-idx1-ubyte.gz", idx([]uint32{3}, []byte{0, 1, 9}))
	gz("t10k-labels-idx1-ubyte.gz", idx([]uint32{2}, []byte{1, 9}))
	os.WriteFile(filepath.Join(dir, "mnist_l2_gt100.ivecs"), AppendIvecs(nil, []int32{1, 0, 2, 1}, 2), 0o644)
	m, err := LoadMNIST(dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.Dim != 4 || len(m.Base) != 12 || len(m.Queries) != 8 || m.Queries[3] != 2 || m.TruthK != 2 || m.QueryLabs[1] != 9 {
		t.Fatalf("%+v", m)
	}
	os.Remove(filepath.Join(dir, "mnist_l2_gt100.ivecs"))
	if _, err := LoadMNIST(dir); err == nil {
		t.Fatal("missing truth file not reported")
	}
}

func FuzzReadIvecs(f *testing.F) {
	f.Add(AppendIvecs(nil, []int32{1, 2, 3, 4}, 2))
	f.Add([]byte{3, 0, 0, 0, 1})
	f.Add([]byte{255, 255, 255, 127})
	f.Fuzz(func(t *testing.T, b []byte) {
		vals, dim, err := ReadIvecs(bytes.NewReader(b), 0)
		if err != nil {
			return
		}
		if dim < 1 || len(vals)%dim != 0 || len(vals)*4+len(vals)/dim*4 != len(b) {
			t.Fatalf("dim %d, %d values from %d bytes", dim, len(vals), len(b))
		}
		if !bytes.Equal(AppendIvecs(nil, vals, dim), b) {
			t.Fatal("round trip differs")
		}
	})
}

func FuzzReadIDX(f *testing.F) {
	f.Add(idx([]uint32{2, 1, 3}, []byte{1, 2, 3, 4, 5, 6}))
	f.Add(idx([]uint32{4}, []byte{1, 2}))
	f.Add(idx([]uint32{1 << 20, 1 << 12}, nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		data, dims, err := ReadIDX(bytes.NewReader(b))
		if err != nil {
			return
		}
		n := 1
		for _, d := range dims {
			n *= d
		}
		if n != len(data) || 4+4*len(dims)+n > len(b) {
			t.Fatalf("dims %v, %d bytes of data from %d", dims, len(data), len(b))
		}
	})
}
