package engine

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/updraftdb/updraft/persistence/aof"
)

// Persistence: the append-only log (persistence/aof) under the engine.
// Open loads the log (its base snapshot, then its records) before any
// client runs, then attaches it so that every change is written to it
// (propagate.go). Close drains and syncs it.

// persistState is the engine's persistence.
type persistState struct {
	aof    *aof.Log // nil with appendonly no
	aofOpt aof.Options
	// loading is set while the data set is loaded at start (INFO
	// persistence loading:1); the cron's active expiry waits for it.
	loading bool
}

// registerPersistParams adds the persistence parameters to the registry.
func (c *Config) registerPersistParams() {
	o := &c.opts
	atStart := func(name string, get func() string, init func(string) error) {
		c.Register(Param{Name: name, Get: get, Init: init})
	}
	atStart("appendonly", func() string { return yesNo(o.AppendOnly) }, func(v string) error {
		b, err := parseYesNo(v)
		o.AppendOnly = b
		return err
	})
	atStart("appendfsync", func() string { return o.AppendFsync }, func(v string) error {
		if _, ok := aof.ParseFsync(v); !ok {
			return errors.New("argument(s) must be one of the following: always, everysec, no")
		}
		o.AppendFsync = strings.ToLower(v)
		return nil
	})
	atStart("appenddirname", func() string { return o.AppendDirName }, func(v string) error {
		if v == "" || strings.ContainsAny(v, "/\\") {
			return errors.New("appenddirname can't be a path, just a dirname")
		}
		o.AppendDirName = v
		return nil
	})
	atStart("appendfilename", func() string { return o.AppendFileName }, func(v string) error {
		if v == "" || strings.ContainsAny(v, "/\\") {
			return errors.New("appendfilename can't be a path, just a filename")
		}
		o.AppendFileName = v
		return nil
	})
	atStart("aof-load-truncated", func() string { return o.AOFLoadTruncated }, func(v string) error {
		b, err := parseYesNo(v)
		o.AOFLoadTruncated = yesNo(b)
		return err
	})
}

// dataDir is the directory persistence files live in.
func (o *Options) dataDir() string {
	if o.Dir == "" {
		return "."
	}
	return o.Dir
}

// dataPath is the path of a file of the data directory.
func (e *Engine) dataPath(name string) string {
	return filepath.Join(e.opts.dataDir(), name)
}

// openPersistence loads the data set and attaches the append-only log. It
// runs in Open, before the cron and before any client. As in Redis, the
// log is the source when appendonly is on and it exists; otherwise
// dbfilename is loaded if present, and with appendonly on it becomes the
// base of a new log.
func (e *Engine) openPersistence() error {
	o := &e.opts
	if !o.AppendOnly {
		_, err := e.loadRDBAtStart()
		return err
	}
	fsync, _ := aof.ParseFsync(o.AppendFsync)
	e.persist.aofOpt = aof.Options{
		Dir:      filepath.Join(o.dataDir(), o.AppendDirName),
		FileName: o.AppendFileName,
		Fsync:    fsync,
		Logf:     e.logf,
		FS:       o.aofFS,
	}
	found, err := e.loadAOF()
	if err != nil {
		return err
	}
	fromRDB := false
	if !found {
		if fromRDB, err = e.loadRDBAtStart(); err != nil {
			return err
		}
	}
	l, err := aof.Open(e.persist.aofOpt)
	if err != nil {
		return fmt.Errorf("opening the append only file: %w", err)
	}
	e.persist.aof = l
	e.AttachLog(l)
	e.dirty.Store(0) // what was loaded is saved
	if fromRDB {
		e.logf("Creating AOF base file %s from %s", o.AppendFileName, e.RDBFileName())
		if err := e.rewriteLog(); err != nil {
			return fmt.Errorf("creating the append only file's base: %w", err)
		}
	}
	return nil
}

// loadRDBAtStart loads dbfilename from the data directory if it exists.
func (e *Engine) loadRDBAtStart() (bool, error) {
	path := e.dataPath(e.RDBFileName())
	if _, err := os.Stat(path); err != nil {
		return false, nil
	}
	start := time.Now()
	e.persist.loading = true
	keys, err := e.LoadRDBFile(path, nil)
	e.persist.loading = false
	if err != nil {
		return false, fmt.Errorf("loading %s: %w", path, err)
	}
	e.logf("DB loaded from disk: %.3f seconds, %d keys", time.Since(start).Seconds(), keys)
	e.dirty.Store(0)
	return true, nil
}

// loadAOF reads the base snapshot and the records of the log into the
// (empty) engine, printing progress about once a second. It reports
// whether there was a log.
func (e *Engine) loadAOF() (bool, error) {
	e.persist.loading = true
	defer func() { e.persist.loading = false }()
	start := time.Now()
	r := e.NewReplayer()
	var records int64
	progress := func(done, total int64) {
		el := time.Since(start).Seconds()
		rate := float64(done) / 1e6 / max(el, 1e-9)
		eta := 0.0
		if done > 0 {
			eta = el * float64(total-done) / float64(done)
		}
		e.logf("Loading the append only file: %d keys, %.1f MB of %.1f MB, %.1f MB/s, ETA %.0fs",
			e.keyCount(), float64(done)/1e6, float64(total)/1e6, rate, eta)
	}
	base := func(path string, rd io.Reader) error {
		_, err := e.LoadRDB(rd, nil)
		if err != nil {
			return fmt.Errorf("loading the base %s: %w", path, err)
		}
		return nil
	}
	rec := func(payload []byte) error {
		records++
		return r.Replay(payload)
	}
	res, err := aof.Load(e.persist.aofOpt, base, rec, e.opts.AOFLoadTruncated == "yes", progress)
	if err != nil {
		return false, err
	}
	if records > 0 || e.keyCount() > 0 {
		e.logf("DB loaded from append only file: %.3f seconds, %d keys, %d records",
			time.Since(start).Seconds(), e.keyCount(), records)
	}
	if r.Errors > 0 {
		e.logf("%d commands of the append only file failed, the last with: %s", r.Errors, r.LastError)
	}
	return res.Found, nil
}

// keyCount is the number of keys in every database.
func (e *Engine) keyCount() int64 {
	var n int64
	for db := 0; db < e.opts.Databases; db++ {
		n += int64(e.dbSize(db))
	}
	return n
}

// closePersistence drains the log to disk (engine Close).
func (e *Engine) closePersistence() {
	if l := e.persist.aof; l != nil {
		if err := l.Close(); err != nil {
			e.logf("closing the append only file: %v", err)
		}
	}
}

// persistFailing is the cheap test Exec makes before persistError: the
// log is failing, or the last background save failed.
func (e *Engine) persistFailing() bool {
	return (e.persist.aof != nil && e.persist.aof.Err() != nil) || e.rdb.lastFailed.Load()
}

// persistError is the MISCONF error refusing writes while the log cannot
// be written or, with save points set, after a failed background save
// (stop-writes-on-bgsave-error yes), or "".
func (e *Engine) persistError() string {
	if l := e.persist.aof; l != nil {
		if err := l.Err(); err != nil {
			return "MISCONF Errors writing to the AOF file: " + errnoText(err)
		}
	}
	if e.rdb.lastFailed.Load() && len(*e.cfg.bg.rules.Load()) > 0 {
		return "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk. " +
			"Commands that may modify the data set are disabled, because this instance is configured to report " +
			"errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). " +
			"Please check the Redis logs for details about the RDB error."
	}
	return ""
}

// errnoText is the strerror-like text of a write error.
func errnoText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	s := err.Error()
	if s != "" {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

// logf writes a server log line (Options.Logf, or nothing).
func (e *Engine) logf(format string, args ...any) {
	if f := e.opts.Logf; f != nil {
		f(format, args...)
	}
}

// SyncReplies reports whether front ends must hold a client's replies
// until its changes are on stable storage (appendfsync always).
func (e *Engine) SyncReplies() bool {
	return e.persist.aof != nil && e.opts.AppendFsync == "always"
}

// LogSeq is the log sequence number of the client's last change (0 if
// none): its replies may go out once LogDurable reaches it.
func (c *Client) LogSeq() uint64 { return c.logSeq }

// LogDurable is the highest sequence number such that every change up to
// it is on stable storage (under appendfsync always; written, otherwise).
func (e *Engine) LogDurable() uint64 {
	if l := e.persist.aof; l != nil {
		return l.Durable()
	}
	return 0
}

// OnLogDurable sets fn to be called, from the log's writer, each time
// LogDurable advances; front ends release held replies with it. Call it
// before traffic starts.
func (e *Engine) OnLogDurable(fn func(seq uint64)) {
	if l := e.persist.aof; l != nil {
		l.OnDurable(fn)
	}
}

// SetLogf sets where the engine's log lines go (Options.Logf).
func (c *Config) SetLogf(f func(format string, args ...any)) {
	c.mu.Lock()
	c.opts.Logf = f
	c.mu.Unlock()
}

// WaitLogDurable blocks until every change up to seq is on stable storage
// (LogDurable >= seq): the library's form of holding a reply. It returns
// the log's error while writes fail.
func (e *Engine) WaitLogDurable(seq uint64) error {
	l := e.persist.aof
	if l == nil || seq == 0 || l.Durable() >= seq {
		return nil
	}
	return l.WaitDurable(seq)
}
