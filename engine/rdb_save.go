package engine

import (
	"io"
	"time"

	"github.com/updraftdb/updraft/persistence/rdb"
)

// Writing the keyspace as a dump.rdb file (persistence/rdb). Strings are
// written straight from their records; collections through their dumpValue
// (t_dump.go), hashes with their field TTLs, RedisJSON documents as JSON
// text under Updraft's private type (see persistence/rdb). IDLE and FREQ
// hints are not written (Redis writes them only under an LRU or LFU
// maxmemory policy); keys already expired are left out.

// rdbChunkBytes is how much WriteRDB encodes before handing it to the file
// writer: enough to amortize the call, small enough to stay in cache.
const rdbChunkBytes = 1 << 20

// appendRDB appends every live key of the shard, database by database
// (a SELECTDB before each non-empty one), leaving out keys expired before
// now (unix ms). The caller holds sh.mu; the shard is only read. Strings
// are not LZF-compressed: see appendRDBWith.
func (sh *shard) appendRDB(dst []byte, now int64) []byte {
	var enc rdb.Encoder
	return sh.appendRDBWith(&enc, dst, now)
}

// appendRDBWith is appendRDB with the encoder (and its compression
// setting) of the caller.
func (sh *shard) appendRDBWith(enc *rdb.Encoder, dst []byte, now int64) []byte {
	for db := range sh.dbs {
		if sh.dbs[db].count == 0 {
			continue
		}
		dst = rdb.AppendSelectDB(dst, db)
		dst = sh.appendDB(enc, dst, db, now, nil)
	}
	return dst
}

// appendDB appends the live keys of database db of the shard. When flush
// is not nil it is called with the output whenever it passes
// rdbChunkBytes, and returns the buffer to go on with.
func (sh *shard) appendDB(enc *rdb.Encoder, dst []byte, db int, now int64, flush func([]byte) []byte) []byte {
	d := &sh.dbs[db]
	var tmp [24]byte
	// Both tables while a rehash is in progress, without moving anything.
	for t := 0; t < 2; t++ {
		for _, h := range d.tab[t] {
			for h != 0 {
				r := sh.rec(h)
				h = r.next()
				if expired(r, now) {
					continue
				}
				var exp int64
				if r.hasExpire() {
					exp = r.expireAt()
				}
				key := sh.key(r)
				if isString(r) {
					dst = enc.AppendEntry(dst, key, rdb.Value{Kind: rdb.String, Str: sh.stringBytes(r, tmp[:])}, exp)
				} else if v, ok := fileValue(sh.objs[r.objIdx()], now); ok {
					dst = enc.AppendEntry(dst, key, v, exp)
				}
				if flush != nil && len(dst) >= rdbChunkBytes {
					dst = flush(dst)
				}
			}
		}
	}
	return dst
}

// fileValue is a collection's content for a file; false for a type that
// has no serialization (none today: every type has one).
func fileValue(o any, now int64) (rdb.Value, bool) {
	switch o := o.(type) {
	case *hashObj:
		return o.fileValue(now), true
	case *jsonDoc:
		return rdb.Value{Kind: rdb.JSON, Str: o.appendJSON(nil, o.root, &jsonFmt{})}, true
	case dumper:
		return o.dumpValue(), true
	}
	return rdb.Value{}, false
}

// rdbVersion is the file version the keyspace needs: rdb.FileVersion, or
// Redis 7.4's when a hash has field TTLs. Shards are locked one at a time.
func (e *Engine) rdbVersion() int {
	v := rdb.FileVersion
	for i := range e.shards {
		sh := &e.shards[i]
		sh.mu.Lock()
		if sh.needsNewRDB() {
			v = rdb.MaxVersion
		}
		sh.mu.Unlock()
	}
	return v
}

// needsNewRDB reports whether a hash of the shard (locked) has field TTLs.
func (sh *shard) needsNewRDB() bool {
	for _, o := range sh.objs {
		if h, ok := o.(*hashObj); ok && h.hasTTLs() {
			return true
		}
	}
	return false
}

// rdbFunctionCodes returns the function libraries' code, by name.
func (e *Engine) rdbFunctionCodes() [][]byte {
	st := &e.scripts
	st.mu.Lock()
	libs := st.libs.sortedLibs()
	st.mu.Unlock()
	codes := make([][]byte, len(libs))
	for i, l := range libs {
		codes[i] = []byte(l.code)
	}
	return codes
}

// WriteRDB writes the whole dataset as a dump.rdb file to w, under the
// world lock and every shard lock, so it is a point in time; no command
// runs meanwhile. Commands must not call it (they hold a stripe of the
// world lock): SAVE uses writeRDBLocked.
func (e *Engine) WriteRDB(w io.Writer) error {
	codes := e.rdbFunctionCodes()
	e.world.lockAll()
	defer e.world.unlockAll()
	e.lockAll()
	defer e.unlockAll()
	_, err := e.writeRDBLocked(w, codes)
	return err
}

// writeRDBLocked writes the file with every shard locked and returns the
// dirty counter as of the snapshot.
func (e *Engine) writeRDBLocked(w io.Writer, codes [][]byte) (int64, error) {
	dirty := e.dirty.Load()
	now := time.Now().UnixMilli()
	version := rdb.FileVersion
	var used int64
	for i := range e.shards {
		sh := &e.shards[i]
		used += sh.objBytes + int64(len(sh.slab.pages))*pageSize
		if sh.needsNewRDB() {
			version = rdb.MaxVersion
		}
	}
	fw := rdb.NewFileWriter(w, version)
	fw.Compress = e.rdbCompression()
	fw.WriteAuxFields(RedisVersion, now/1000, used)
	fw.WriteFunctions(codes)
	chunk := make([]byte, 0, rdbChunkBytes+64<<10)
	var werr error
	flush := func(b []byte) []byte {
		if err := fw.WriteRaw(b); err != nil && werr == nil {
			werr = err
		}
		return b[:0]
	}
	for db := 0; db < e.opts.Databases; db++ {
		var keys, expires int
		for i := range e.shards {
			d := &e.shards[i].dbs[db]
			keys += d.count
			expires += len(d.vol)
		}
		if keys == 0 {
			continue
		}
		chunk = rdb.AppendSelectDB(chunk, db)
		chunk = rdb.AppendResizeDB(chunk, uint64(keys), uint64(expires))
		for i := range e.shards {
			chunk = e.shards[i].appendDB(&fw.Encoder, chunk, db, now, flush)
		}
	}
	flush(chunk)
	if err := fw.Close(); werr == nil {
		werr = err
	}
	return dirty, werr
}
