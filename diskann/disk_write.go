package diskann

import (
	"bufio"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"

	"github.com/cespare/xxhash/v2"

	"github.com/updraftdb/updraft/diskann/pq"
)

// DiskOptions configure WriteFile. Zero fields take the defaults.
type DiskOptions struct {
	// PQBytes is the PQ code length per vector (DefaultPQBytes, at most
	// the stored dimension).
	PQBytes int
	// Seed seeds PQ training (DefaultSeed).
	Seed uint64
}

// WriteFile trains a PQ codebook on g's vectors and writes g, the codebook
// and the codes to path as an index file (see disk_format.go). The file is
// written beside path and renamed over it once synced, so a crash leaves
// the old file or the new one, never a mix.
func (g *Graph) WriteFile(path string, opt DiskOptions) error {
	if opt.PQBytes == 0 {
		opt.PQBytes = min(DefaultPQBytes, g.sdim)
	}
	if opt.Seed == 0 {
		opt.Seed = DefaultSeed
	}
	if opt.PQBytes < 1 || opt.PQBytes > g.sdim {
		return ErrParams
	}
	cb, err := pq.Train(g.vecs, g.sdim, pq.TrainOptions{M: opt.PQBytes, Seed: opt.Seed})
	if err != nil {
		return err
	}
	codes := make([]byte, g.n*opt.PQBytes)
	if err := cb.EncodeAll(g.vecs, codes, 0); err != nil {
		return err
	}
	book := cb.AppendBinary(nil)
	h := &header{metric: g.metric, dim: g.dim, sdim: g.sdim, r: g.r, n: g.n, medoid: g.medoid,
		maxN2: g.maxN2, pqM: opt.PQBytes, pqOffset: SectorSize, pqBookLen: int64(len(book)),
		pqCodesLen: int64(len(codes))}
	h.layout()
	h.dataOffset = alignUp(h.pqOffset + h.pqBookLen + h.pqCodesLen)
	d := xxhash.New()
	d.Write(book)
	d.Write(codes)
	h.pqSum = d.Sum64()

	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer os.Remove(tmp) // a no-op once renamed
	w := bufio.NewWriterSize(f, 1<<20)
	sector := make([]byte, SectorSize)
	copy(sector, appendHeader(nil, h))
	w.Write(sector)
	w.Write(book)
	w.Write(codes)
	w.Write(make([]byte, h.dataOffset-(h.pqOffset+h.pqBookLen+h.pqCodesLen)))
	block := make([]byte, h.blockSize)
	for b := int64(0); b < h.blocks; b++ {
		clear(block)
		for i := 0; i < h.perBlock; i++ {
			id := int(b)*h.perBlock + i
			if id >= g.n {
				break
			}
			g.appendRecord(block[i*h.record:i*h.record], uint32(id))
		}
		n := len(block) - blockTail
		binary.LittleEndian.PutUint64(block[n:], xxhash.Sum64(block[:n]))
		w.Write(block)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if dir, err := os.Open(filepath.Dir(path)); err == nil {
		dir.Sync()
		dir.Close()
	}
	return nil
}

// appendRecord appends node id's record (vector, degree, R ids).
func (g *Graph) appendRecord(dst []byte, id uint32) []byte {
	le := binary.LittleEndian
	for _, x := range g.vec(id) {
		dst = le.AppendUint32(dst, math.Float32bits(x))
	}
	nb := g.Neighbors(id)
	dst = le.AppendUint32(dst, uint32(len(nb)))
	for i := 0; i < g.r; i++ {
		var x uint32
		if i < len(nb) {
			x = nb[i]
		}
		dst = le.AppendUint32(dst, x)
	}
	return dst
}
