package engine

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

// SAVE, DEBUG RELOAD and the parameters of snapshot files: dbfilename
// (in the data directory, which is the working directory: see "dir") and
// rdbcompression. BGSAVE builds on appendRDB (rdb_save.go) and
// saveRDBFile.

func init() {
	register(&Command{Name: "save", Arity: 1, Flags: FlagAdmin | FlagNoScript | FlagNoMulti,
		Cats: CatAdmin | CatSlow | CatDangerous, Proc: cmdSave})
}

var _ = addDocs(map[string]*Docs{
	"save": {
		Summary: "Synchronously save the dataset to disk", Since: "1.0.0", Group: "server",
		Complexity: "O(N) where N is the total number of keys in all databases",
	},
})

// rdbStats are the snapshot figures INFO persistence reports.
type rdbStats struct {
	saves       atomic.Int64
	lastFailed  atomic.Bool
	loadedKeys  atomic.Int64 // keys of the last load
	expiredKeys atomic.Int64 // keys of the last load dropped as expired
}

// saveParams are the snapshot parameters.
type saveParams struct {
	fileName   atomic.Pointer[string]
	noCompress atomic.Bool
}

// statusText is rdb_last_bgsave_status.
func (s *rdbStats) statusText() string {
	if s.lastFailed.Load() {
		return "err"
	}
	return "ok"
}

// registerSaveParams registers dbfilename and rdbcompression.
func (c *Config) registerSaveParams() {
	s := &c.save
	name := "dump.rdb"
	s.fileName.Store(&name)
	c.Register(Param{Name: "dbfilename", Get: func() string { return *s.fileName.Load() },
		Set: func(v string) error {
			if strings.ContainsRune(v, '/') || v == "" || v == "." || v == ".." {
				return errors.New("dbfilename can't be a path, just a filename")
			}
			s.fileName.Store(&v)
			return nil
		}})
	c.Register(Param{Name: "rdbcompression", Get: func() string { return yesNo(!s.noCompress.Load()) },
		Set: func(v string) error {
			on, err := parseYesNo(v)
			if err == nil {
				s.noCompress.Store(!on)
			}
			return err
		}})
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// rdbCompression reports rdbcompression.
func (e *Engine) rdbCompression() bool { return !e.cfg.save.noCompress.Load() }

// RDBFileName is the snapshot file's name (dbfilename), relative to the
// data directory.
func (e *Engine) RDBFileName() string { return *e.cfg.save.fileName.Load() }

// SaveRDBFile writes the dataset to path, through a temporary file in the
// same directory that is fsynced and renamed over path, as Redis does, and
// updates LASTSAVE and the INFO persistence figures. It takes the world
// lock: commands must not call it.
func (e *Engine) SaveRDBFile(path string) error {
	codes := e.rdbFunctionCodes()
	e.world.lockAll()
	defer e.world.unlockAll()
	e.lockAll()
	defer e.unlockAll()
	return e.saveRDBFile(path, codes)
}

// saveRDBFile is SaveRDBFile with every shard locked by the caller.
func (e *Engine) saveRDBFile(path string, codes [][]byte) error {
	dirty, err := writeFileAtomic(path, func(w io.Writer) (int64, error) {
		return e.writeRDBLocked(w, codes)
	})
	e.rdb.lastFailed.Store(err != nil)
	if err != nil {
		return err
	}
	e.dirty.Add(-dirty)
	e.lastSave.Store(time.Now().Unix())
	e.rdb.saves.Add(1)
	return nil
}

// writeFileAtomic writes path through a temporary file (temp-<pid>.rdb's
// equivalent), fsync, rename and a directory fsync.
func writeFileAtomic(path string, write func(io.Writer) (int64, error)) (int64, error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "temp-*.rdb")
	if err != nil {
		return 0, err
	}
	n, err := write(tmp)
	if err == nil {
		err = tmp.Chmod(0o644) // as fopen under the usual umask, not CreateTemp's 0600
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return 0, err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return n, nil
}

// cmdSave is SAVE: the whole dataset to dbfilename, every shard locked
// meanwhile (Redis blocks everything too).
func cmdSave(c *Client) {
	e := c.e
	codes := e.rdbFunctionCodes()
	e.lockAll()
	err := e.saveRDBFile(e.dataPath(e.RDBFileName()), codes)
	e.unlockAll()
	if err != nil {
		c.W.Error("ERR")
		return
	}
	c.W.OK()
}

// debugReload is DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]: save, empty the
// keyspace and load the file back, every shard locked meanwhile.
func (c *Client) debugReload() {
	save, flush, merge := true, true, false
	for _, a := range c.Args[2:] {
		switch {
		case eqFold(a, "merge"):
			merge = true
		case eqFold(a, "noflush"):
			flush = false
		case eqFold(a, "nosave"):
			save = false
		default:
			c.W.Error("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.")
			return
		}
	}
	e := c.e
	path := e.dataPath(e.RDBFileName())
	codes := e.rdbFunctionCodes()
	e.lockAll()
	defer e.unlockAll()
	if save {
		if err := e.saveRDBFile(path, codes); err != nil {
			c.W.Error("ERR Error trying to save the DB: " + err.Error())
			return
		}
	}
	if flush {
		for i := range e.shards {
			if _, old := e.shards[i].flush(-1); len(old.pages) > 0 {
				old.reset()
			}
		}
	}
	f, err := os.Open(path)
	if err != nil {
		c.W.Error("ERR Error trying to load the RDB dump, check server logs.")
		return
	}
	defer f.Close()
	l := e.newRDBLoader()
	l.locked, l.merge, l.replaceLibs = true, merge, true
	if _, err := l.load(f); err != nil {
		c.W.Error("ERR Error trying to load the RDB dump: " + err.Error())
		return
	}
	c.W.OK()
}
