package engine

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/updraftdb/updraft/persistence/rdb"
)

// Loading a dump.rdb file (persistence/rdb) into the keyspace, as Redis's
// rdbLoad does on a master: keys already expired are dropped, strings go
// into the slabs as SET stores them, collections get the encodings their
// restorers choose under the current thresholds, function libraries are
// compiled and installed.

// ErrRDBLoad wraps every error about a file's content found while
// loading it (the error from persistence/rdb, or a value the engine
// refuses).
var ErrRDBLoad = errors.New("engine: cannot load RDB file")

// rdbLoadProgressKeys is how often LoadRDB reports progress, in keys.
const rdbLoadProgressKeys = 1 << 16

// rdbLoader holds what loading one file needs.
type rdbLoader struct {
	e   *Engine
	c   *Client // for the restorers' thresholds; never registered
	now int64
	lru uint32
	lfu bool
	// locked: the caller holds every shard lock (DEBUG RELOAD).
	locked bool
	// merge replaces keys already present instead of refusing them, and
	// libraries of the same name.
	merge           bool
	replaceLibs     bool // libraries of the same name are replaced
	keys, expired   int64
	progress        func(keys, bytes int64)
	lastProgressKey int64
}

// LoadRDB loads a dump.rdb file from r into the engine, which should be
// empty: a key already present is an error, as in Redis. progress, when
// not nil, is called every 65536 keys and at the end with the keys loaded
// and the bytes read. It returns the number of keys loaded; keys that had
// expired are dropped (counted in INFO's rdb_last_load_keys_expired).
func (e *Engine) LoadRDB(r io.Reader, progress func(keys int64, bytes int64)) (keys int64, err error) {
	l := e.newRDBLoader()
	l.progress = progress
	return l.load(r)
}

// LoadRDBFile loads the file at path with LoadRDB; errors name the file.
func (e *Engine) LoadRDBFile(path string, progress func(keys int64, bytes int64)) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n, err := e.LoadRDB(f, progress)
	if err != nil {
		return n, fmt.Errorf("%s: %w", path, err)
	}
	return n, nil
}

func (e *Engine) newRDBLoader() *rdbLoader {
	return &rdbLoader{e: e, c: &Client{e: e}, now: time.Now().UnixMilli(), lru: e.lruClock(), lfu: e.lfuPolicy()}
}

func (l *rdbLoader) load(r io.Reader) (int64, error) {
	fr, err := rdb.NewFileReader(r)
	if err != nil {
		return 0, loadErr(err)
	}
	for {
		rec, err := fr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return l.keys, loadErr(err)
		}
		switch rec.Kind {
		case rdb.RecordFunction:
			if err := l.function(rec); err != nil {
				return l.keys, err
			}
		case rdb.RecordEntry:
			if err := l.entry(rec); err != nil {
				return l.keys, err
			}
			if l.progress != nil && l.keys-l.lastProgressKey >= rdbLoadProgressKeys {
				l.lastProgressKey = l.keys
				l.progress(l.keys, fr.Offset())
			}
		}
	}
	if l.progress != nil {
		l.progress(l.keys, fr.Offset())
	}
	l.e.rdb.loadedKeys.Store(l.keys)
	l.e.rdb.expiredKeys.Store(l.expired)
	return l.keys, nil
}

func loadErr(err error) error {
	if errors.Is(err, rdb.ErrCorrupt) {
		return fmt.Errorf("%w: %w", ErrRDBLoad, err)
	}
	return err
}

// refuse builds an error about a record the engine cannot take.
func refuse(rec *rdb.Record, msg string) error {
	return fmt.Errorf("%w: offset %d (key %q): %s", ErrRDBLoad, rec.Offset, rec.Key, msg)
}

// function compiles and installs a function library.
func (l *rdbLoader) function(rec *rdb.Record) error {
	lib, errText := l.e.compileLibrary(string(rec.Code))
	if lib == nil {
		return fmt.Errorf("%w: offset %d: function library: %s", ErrRDBLoad, rec.Offset, errText)
	}
	st := &l.e.scripts
	st.mu.Lock()
	defer st.mu.Unlock()
	if errText := st.libs.addLibrary(lib, l.merge || l.replaceLibs); errText != "" {
		return fmt.Errorf("%w: offset %d: function library: %s", ErrRDBLoad, rec.Offset, errText)
	}
	return nil
}

// entry stores one key, unless it has expired.
func (l *rdbLoader) entry(rec *rdb.Record) error {
	e := l.e
	if rec.DB >= e.opts.Databases {
		return refuse(rec, fmt.Sprintf("database %d out of range: the server has %d (databases)", rec.DB, e.opts.Databases))
	}
	if rec.ExpireMs != 0 && rec.ExpireMs < l.now {
		l.expired++
		return nil
	}
	v := &rec.Value
	var o object
	switch v.Kind {
	case rdb.String:
	case rdb.JSON:
		doc, errText := newJSONDoc(v.Str)
		if doc == nil {
			return refuse(rec, "bad JSON document: "+errText)
		}
		o = doc
	default:
		if v.Kind == rdb.Hash && allFieldsExpired(v.TTLs, l.now) {
			l.expired++
			return nil
		}
		build := restorers[v.Kind]
		if build == nil {
			return refuse(rec, "no restorer for this value type")
		}
		if o = build(l.c, *v); o == nil {
			return refuse(rec, "bad value (empty, duplicate elements or NaN score)")
		}
	}
	key := rec.Key
	sh, h32 := e.shardFor(key)
	if !l.locked {
		sh.lock()
		defer sh.mu.Unlock()
	}
	d := &sh.dbs[rec.DB]
	old := sh.find(d, key, h32)
	if old != 0 && !l.merge {
		return refuse(rec, "duplicate key")
	}
	var h handle
	if o == nil {
		h = sh.writeString(d, key, h32, old, v.Str, rec.ExpireMs, l.lru)
	} else {
		h = sh.storeObject(d, key, h32, old, o, l.lru)
		if rec.ExpireMs != 0 {
			h = sh.setExpire(d, h, rec.ExpireMs)
		}
		if ho, ok := o.(*hashObj); ok && ho.hasTTLs() {
			sh.watchHashTTL(rec.DB, key)
		}
	}
	r := sh.rec(h)
	switch {
	case l.lfu && rec.Freq >= 0:
		r.setLFU(uint8(rec.Freq))
	case !l.lfu && rec.Idle >= 0:
		if int64(l.lru) > rec.Idle {
			r.setLRU(uint32(int64(l.lru) - rec.Idle))
		} else {
			r.setLRU(0)
		}
	}
	l.keys++
	return nil
}

// allFieldsExpired reports whether every field of a hash has a TTL
// before now.
func allFieldsExpired(ttls []int64, now int64) bool {
	if len(ttls) == 0 {
		return false
	}
	for _, t := range ttls {
		if t == 0 || t >= now {
			return false
		}
	}
	return true
}
