package dataset

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
)

// ReadIDX reads an IDX stream of unsigned bytes (magic 0x00000800 | ndims,
// big-endian uint32 sizes, then the data) and returns the data and the
// sizes. The data is read as it arrives, so a lying header costs no more
// memory than the stream holds.
func ReadIDX(r io.Reader) ([]byte, []int, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, nil, ErrFormat
	}
	if hdr[0] != 0 || hdr[1] != 0 || hdr[2] != 0x08 || hdr[3] < 1 || hdr[3] > 4 {
		return nil, nil, ErrFormat
	}
	dims := make([]int, hdr[3])
	total := int64(1)
	for i := range dims {
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return nil, nil, ErrFormat
		}
		d := binary.BigEndian.Uint32(hdr[:])
		if d == 0 || d > 1<<30 {
			return nil, nil, ErrFormat
		}
		dims[i] = int(d)
		total *= int64(d)
		if total > 1<<32 {
			return nil, nil, ErrFormat
		}
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(r, total)); err != nil || int64(buf.Len()) != total {
		return nil, nil, ErrFormat
	}
	return buf.Bytes(), dims, nil
}

// MNIST is the mnist-784-euclidean benchmark set: 60,000 base and 10,000
// query images as 784-value float32 vectors (pixels 0..255), their labels,
// and the exact L2 top-100 ground truth of each query.
type MNIST struct {
	Dim                   int
	Base, Queries         []float32
	BaseLabels, QueryLabs []byte
	Truth                 []int32 // len(Queries)/Dim × TruthK base ids, nearest first
	TruthK                int
}

// LoadMNIST reads the set from dir (the layout of shared/data/mnist).
func LoadMNIST(dir string) (*MNIST, error) {
	m := &MNIST{}
	var err error
	var bd, qd []int
	var raw []byte
	if raw, bd, err = readIDXFile(filepath.Join(dir, "train-images-idx3-ubyte.gz")); err != nil {
		return nil, err
	}
	m.Base = bytesToFloats(raw)
	if raw, qd, err = readIDXFile(filepath.Join(dir, "t10k-images-idx3-ubyte.gz")); err != nil {
		return nil, err
	}
	m.Queries = bytesToFloats(raw)
	if len(bd) != 3 || len(qd) != 3 || bd[1]*bd[2] != qd[1]*qd[2] {
		return nil, ErrFormat
	}
	m.Dim = bd[1] * bd[2]
	if m.BaseLabels, _, err = readIDXFile(filepath.Join(dir, "train-labels-idx1-ubyte.gz")); err != nil {
		return nil, err
	}
	if m.QueryLabs, _, err = readIDXFile(filepath.Join(dir, "t10k-labels-idx1-ubyte.gz")); err != nil {
		return nil, err
	}
	f, err := os.Open(filepath.Join(dir, "mnist_l2_gt100.ivecs"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if m.Truth, m.TruthK, err = ReadIvecs(f, 0); err != nil {
		return nil, err
	}
	if len(m.Truth)/m.TruthK != qd[0] {
		return nil, ErrFormat
	}
	return m, nil
}

func readIDXFile(path string) ([]byte, []int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, nil, err
	}
	return ReadIDX(z)
}

func bytesToFloats(b []byte) []float32 {
	out := make([]float32, len(b))
	for i, x := range b {
		out[i] = float32(x)
	}
	return out
}
