package vector

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/cespare/xxhash/v2"
	"github.com/updraftdb/updraft/persistence/aof"
)

// Each index persists in its own directory, <data dir>/vector/<name>/:
// index.json (the Spec, written once, atomically) and an aof log
// (vector.aof.*) whose records are the index's operation batches (ops.go)
// and whose base is a snapshot: snapMagic, then framed batches (aof's
// length | xxhash64 | payload framing), then a framed snapEnd batch, so a
// torn or damaged snapshot is detected. Replaying the base and then the
// records rebuilds the index; a rewrite writes a new snapshot and starts a
// fresh incr file once the log holds many more records than the index.

const (
	specFile = "index.json"
	logName  = "vector.aof"
	// snapChunk bounds one batch of a snapshot, so the reader never holds
	// more than a few MB of one record.
	snapChunk = 1 << 20
)

var (
	snapMagic = []byte("UPDVSNP1")
	snapEnd   = []byte{0xff}
	// errSnapshot wraps every damaged-snapshot error.
	errSnapshot = errors.New("vector: damaged snapshot")
)

// indexLog is an index's append-only log.
type indexLog struct {
	dir     string
	log     *aof.Log
	records atomic.Int64 // batches since the last snapshot
	rewrite atomic.Bool  // a rewrite is running
}

// submit appends one batch and returns its sequence number. Called under
// the index's write lock, so sequence order is apply order.
func (l *indexLog) submit(batch []byte) uint64 {
	seq := l.log.Reserve()
	l.log.Submit(seq, batch)
	l.records.Add(1)
	return seq
}

func logOptions(dir string, fsync aof.Fsync, logf func(string, ...any)) aof.Options {
	return aof.Options{Dir: dir, FileName: logName, Fsync: fsync, Logf: logf, RingSlots: 1 << 10}
}

// openLog loads the index in dir (snapshot then records) into x and opens
// its log for appending.
func openLog(x *Index, dir string, fsync aof.Fsync, logf func(string, ...any)) error {
	o := logOptions(dir, fsync, logf)
	res, err := aof.Load(o, func(path string, r io.Reader) error {
		return x.loadSnapshot(r)
	}, func(payload []byte) error {
		return x.apply(payload)
	}, true, nil)
	if err != nil {
		return fmt.Errorf("vector index %s: %w", x.Name, err)
	}
	if res.Truncated && logf != nil {
		logf("vector index %s: cut a torn log tail of %d bytes", x.Name, res.TruncatedBytes)
	}
	l, err := aof.Open(o)
	if err != nil {
		return fmt.Errorf("vector index %s: %w", x.Name, err)
	}
	x.log = &indexLog{dir: dir, log: l}
	x.log.records.Store(res.Records)
	return nil
}

// appendSnapshot appends the whole index as a snapshot. Call with x.mu
// held (read is enough).
func (x *Index) appendSnapshot(dst []byte) []byte {
	dst = append(dst, snapMagic...)
	batch := make([]byte, 0, snapChunk)
	flush := func() {
		if len(batch) > 0 {
			dst = aof.AppendRecord(dst, batch)
			batch = batch[:0]
		}
	}
	var rec Record
	for name, ns := range x.ns {
		batch = appendNSOp(batch, opNamespace, name)
		for slot := range ns.recs {
			r := &ns.recs[slot]
			if !r.live {
				continue
			}
			rec = Record{ID: r.id, Metadata: r.meta, Data: r.data, HasData: r.hasData}
			if ns.dense != nil {
				rec.Vector = ns.dense.Vector(uint32(slot))
			}
			if ns.sparse != nil {
				rec.Sparse, _ = ns.sparse.Get(uint32(slot), rec.Sparse)
				rec.HasSparse = true
			}
			batch = appendUpsertOp(batch, name, &rec)
			if len(batch) >= snapChunk {
				flush()
			}
		}
	}
	flush()
	return aof.AppendRecord(dst, snapEnd)
}

// loadSnapshot applies a snapshot written by appendSnapshot.
func (x *Index) loadSnapshot(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if !bytes.HasPrefix(b, snapMagic) {
		return fmt.Errorf("%w: bad magic", errSnapshot)
	}
	b = b[len(snapMagic):]
	for {
		if len(b) < 12 {
			return fmt.Errorf("%w: truncated", errSnapshot)
		}
		n := binary.LittleEndian.Uint32(b)
		sum := binary.LittleEndian.Uint64(b[4:])
		if uint64(n) > uint64(len(b)-12) {
			return fmt.Errorf("%w: truncated", errSnapshot)
		}
		p := b[12 : 12+n]
		if xxhash.Sum64(p) != sum {
			return fmt.Errorf("%w: checksum mismatch", errSnapshot)
		}
		b = b[12+n:]
		if bytes.Equal(p, snapEnd) {
			if len(b) != 0 {
				return fmt.Errorf("%w: trailing bytes", errSnapshot)
			}
			return nil
		}
		if err := x.apply(p); err != nil {
			return fmt.Errorf("%w: %v", errSnapshot, err)
		}
	}
}

// maybeRewrite starts a background rewrite when the log holds many more
// batches than the index has records. Call with x.mu held for writing.
func (x *Index) maybeRewrite(count int) {
	l := x.log
	if l == nil {
		return
	}
	n := l.records.Load()
	if n < RewriteMinRecords || n < int64(RewriteFactor*count) || !l.rewrite.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer l.rewrite.Store(false)
		_ = x.Rewrite()
	}()
}

// Rewrite compacts the log: a snapshot of the index becomes the log's base
// and the records before it are dropped. The snapshot is encoded in memory
// under the read lock (no I/O under the lock) and written afterwards.
func (x *Index) Rewrite() error {
	l := x.log
	if l == nil {
		return nil
	}
	x.mu.Lock()
	rw, err := l.log.StartRewrite()
	if err != nil {
		x.mu.Unlock()
		return err
	}
	snap := x.appendSnapshot(nil)
	l.records.Store(0)
	x.mu.Unlock()
	if _, err := rw.Base().Write(snap); err != nil {
		rw.Abort()
		return err
	}
	return rw.Commit()
}

// writeSpec writes dir/index.json atomically.
func writeSpec(dir string, s Spec) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	js := fmt.Appendf(nil, `{"name":%q,"dimension":%d,"similarityFunction":%q,"indexType":%q}`+"\n",
		s.Name, s.Dim, s.Metric.String(), s.Kind.String())
	tmp := filepath.Join(dir, specFile+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := f.Write(js); err != nil {
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
	if err := os.Rename(tmp, filepath.Join(dir, specFile)); err != nil {
		return err
	}
	return aof.OSFS{}.SyncDir(dir)
}
