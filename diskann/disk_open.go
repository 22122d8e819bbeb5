package diskann

import (
	"encoding/binary"
	"math"
	"os"
	"sync"
	"sync/atomic"

	"github.com/cespare/xxhash/v2"

	"github.com/updraftdb/updraft/diskann/pq"
)

// DiskConfig configures Open. Zero fields take the defaults.
type DiskConfig struct {
	// CacheNodes is how many nodes nearest the medoid (BFS order) are
	// kept in RAM (DefaultCacheNodes; negative: none).
	CacheNodes int
	// BeamWidth is W, the blocks read per search round (DefaultBeamWidth).
	BeamWidth int
}

// Disk is an index opened from a file: PQ codes and a cache of the nodes
// nearest the medoid in RAM, every other node read from the file when a
// search reaches it. It is safe for concurrent searches.
type Disk struct {
	f     *os.File
	h     header
	cb    *pq.Codebook
	codes []byte // n×pqM
	beam  int

	// The cache: slot i holds node cacheIDs[i]; cacheSlot maps id → slot.
	cacheSlot map[uint32]uint32
	cacheVecs []float32 // slots×sdim
	cacheAdj  []uint32  // slots×r
	cacheDeg  []uint32

	reads atomic.Int64 // blocks read by searches
	pool  sync.Pool    // *diskScratch
}

// Open opens an index file written by WriteFile: it reads and checks the
// header and the PQ section, then fills the cache. The graph is not
// rebuilt.
func Open(path string, cfg DiskConfig) (*Disk, error) {
	if cfg.CacheNodes == 0 {
		cfg.CacheNodes = DefaultCacheNodes
	}
	if cfg.BeamWidth == 0 {
		cfg.BeamWidth = DefaultBeamWidth
	}
	if cfg.BeamWidth < 1 || cfg.BeamWidth > 64 {
		return nil, ErrParams
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	d, err := open(f, cfg)
	if err != nil {
		f.Close()
		return nil, err
	}
	return d, nil
}

func open(f *os.File, cfg DiskConfig) (*Disk, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	hb := make([]byte, headerLen)
	if _, err := f.ReadAt(hb, 0); err != nil {
		return nil, ErrCorrupt
	}
	h, err := parseHeader(hb, st.Size())
	if err != nil {
		return nil, err
	}
	sec := make([]byte, h.pqBookLen+h.pqCodesLen)
	if _, err := f.ReadAt(sec, h.pqOffset); err != nil || xxhash.Sum64(sec) != h.pqSum {
		return nil, ErrCorrupt
	}
	cb, err := pq.Parse(sec[:h.pqBookLen])
	if err != nil || cb.Dim() != h.sdim || cb.M() != h.pqM {
		return nil, ErrCorrupt
	}
	d := &Disk{f: f, h: *h, cb: cb, codes: sec[h.pqBookLen:], beam: cfg.BeamWidth}
	if err := d.fillCache(cfg.CacheNodes); err != nil {
		return nil, err
	}
	return d, nil
}

// Close closes the file.
func (d *Disk) Close() error { return d.f.Close() }

// Len returns the number of vectors.
func (d *Disk) Len() int { return d.h.n }

// Dim returns the dimension of the vectors.
func (d *Disk) Dim() int { return d.h.dim }

// Reads returns how many blocks searches have read from the file.
func (d *Disk) Reads() int64 { return d.reads.Load() }

// CacheLen returns the number of nodes held in RAM.
func (d *Disk) CacheLen() int { return len(d.cacheDeg) }

// MemoryBytes returns the RAM the index holds: PQ codes and codebook, and
// the cache (its map estimated at 16 bytes per entry).
func (d *Disk) MemoryBytes() int64 {
	return int64(len(d.codes)) + int64(d.h.pqBookLen) + int64(len(d.cacheVecs))*4 +
		int64(len(d.cacheAdj))*4 + int64(len(d.cacheDeg))*4 + int64(len(d.cacheSlot))*16
}

// FileBytes returns the size of the index file.
func (d *Disk) FileBytes() int64 { return d.h.dataOffset + d.h.blocks*int64(d.h.blockSize) }

// readBlock reads the block holding node id into buf (blockSize bytes)
// and returns the node's record within it.
func (d *Disk) readBlock(id uint32, buf []byte) ([]byte, error) {
	b := int64(id) / int64(d.h.perBlock)
	if _, err := d.f.ReadAt(buf, d.h.dataOffset+b*int64(d.h.blockSize)); err != nil {
		return nil, ErrCorrupt
	}
	if !checkBlock(buf) {
		return nil, ErrCorrupt
	}
	o := int(int64(id)%int64(d.h.perBlock)) * d.h.record
	return buf[o : o+d.h.record], nil
}

// decodeRecord writes a record's vector into vec and neighbours into nbrs,
// returning the neighbours; a degree or id out of range is ErrCorrupt.
func (d *Disk) decodeRecord(rec []byte, vec []float32, nbrs []uint32) ([]uint32, error) {
	le := binary.LittleEndian
	for i := range vec {
		vec[i] = math.Float32frombits(le.Uint32(rec[4*i:]))
	}
	o := 4 * d.h.sdim
	deg := int(le.Uint32(rec[o:]))
	if deg > d.h.r {
		return nil, ErrCorrupt
	}
	nbrs = nbrs[:deg]
	for i := range nbrs {
		x := le.Uint32(rec[o+4+4*i:])
		if int(x) >= d.h.n {
			return nil, ErrCorrupt
		}
		nbrs[i] = x
	}
	return nbrs, nil
}

// fillCache loads up to limit nodes in BFS order from the medoid.
func (d *Disk) fillCache(limit int) error {
	if limit < 0 {
		limit = 0
	}
	limit = min(limit, d.h.n)
	d.cacheSlot = make(map[uint32]uint32, limit)
	d.cacheVecs = make([]float32, 0, limit*d.h.sdim)
	d.cacheAdj = make([]uint32, 0, limit*d.h.r)
	d.cacheDeg = make([]uint32, 0, limit)
	if limit == 0 {
		return nil
	}
	buf := make([]byte, d.h.blockSize)
	vec := make([]float32, d.h.sdim)
	nbrs := make([]uint32, d.h.r)
	queue := []uint32{d.h.medoid}
	queued := map[uint32]bool{d.h.medoid: true}
	for len(queue) > 0 && len(d.cacheDeg) < limit {
		id := queue[0]
		queue = queue[1:]
		rec, err := d.readBlock(id, buf)
		if err != nil {
			return err
		}
		nb, err := d.decodeRecord(rec, vec, nbrs)
		if err != nil {
			return err
		}
		d.cacheSlot[id] = uint32(len(d.cacheDeg))
		d.cacheVecs = append(d.cacheVecs, vec...)
		d.cacheDeg = append(d.cacheDeg, uint32(len(nb)))
		d.cacheAdj = append(d.cacheAdj, nb...)
		d.cacheAdj = append(d.cacheAdj, make([]uint32, d.h.r-len(nb))...)
		for _, x := range nb {
			if !queued[x] && len(queued) < limit {
				queued[x] = true
				queue = append(queue, x)
			}
		}
	}
	return nil
}
