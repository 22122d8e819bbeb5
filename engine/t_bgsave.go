package engine

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/updraftdb/updraft/persistence/aof"
	"github.com/updraftdb/updraft/persistence/rdb"
)

// BGSAVE and BGREWRITEAOF: snapshots written in the background, shard by
// shard (snapshot.go), while commands run on; the save rules ("save
// <seconds> <changes>") and the log rewrite thresholds
// (auto-aof-rewrite-percentage, auto-aof-rewrite-min-size) that start them
// from the cron.

func init() {
	register(
		&Command{Name: "bgsave", Arity: -1, Flags: FlagAdmin | FlagNoScript,
			Cats: CatAdmin | CatSlow | CatDangerous, Proc: cmdBgsave},
		&Command{Name: "bgrewriteaof", Arity: 1, Flags: FlagAdmin | FlagNoScript,
			Cats: CatAdmin | CatSlow | CatDangerous, Proc: cmdBgrewriteaof},
	)
}

var _ = addDocs(map[string]*Docs{
	"bgsave": {
		Summary: "Asynchronously save the dataset to disk", Since: "1.0.0", Group: "server",
		Complexity: "O(1)",
		History:    [][2]string{{"3.2.2", "Added the `SCHEDULE` option."}},
		Args:       []Arg{{Name: "schedule", Type: ArgPureToken, Token: "SCHEDULE", Since: "3.2.2", Flags: ArgOptional}},
	},
	"bgrewriteaof": {
		Summary: "Asynchronously rewrite the append-only file to disk", Since: "1.0.0", Group: "server",
		Complexity: "O(1)",
	},
})

// bgState is the background snapshot in progress, if any.
type bgState struct {
	mu        sync.Mutex
	running   string // "", "rdb" or "aof": what is being written
	scheduled bool   // BGSAVE SCHEDULE, or a rewrite asked for during a save
	rewriteQ  bool   // BGREWRITEAOF asked for during a BGSAVE
	done      sync.WaitGroup

	ranBgsave       atomic.Bool // a BGSAVE ended (the figures below are set)
	ranRewrite      atomic.Bool
	lastBgsaveOK    atomic.Bool
	lastBgsaveSecs  atomic.Int64
	lastRewriteOK   atomic.Bool
	lastRewriteSecs atomic.Int64
	rewrites        atomic.Int64
	startedAt       atomic.Int64 // unix seconds the running one started
	baseSize        atomic.Int64 // the log's size after the last rewrite
}

// saveRule is one "save <seconds> <changes>" point.
type saveRule struct{ secs, changes int64 }

// persistParams are the background persistence parameters.
type persistParams struct {
	rules          atomic.Pointer[[]saveRule]
	rewritePercent atomic.Int64
	rewriteMinSize atomic.Int64
}

// registerBgsaveParams registers save, auto-aof-rewrite-percentage and
// auto-aof-rewrite-min-size. The engine as a library has no save rules (no
// dump.rdb appears unless asked for); the server sets Redis's
// (DefaultSaveRules).
func (c *Config) registerBgsaveParams() {
	p := &c.bg
	rules := []saveRule{}
	p.rules.Store(&rules)
	p.rewritePercent.Store(100)
	p.rewriteMinSize.Store(64 << 20)
	c.Register(Param{Name: "save",
		Get: func() string {
			var parts []string
			for _, r := range *p.rules.Load() {
				parts = append(parts, strconv.FormatInt(r.secs, 10), strconv.FormatInt(r.changes, 10))
			}
			return strings.Join(parts, " ")
		},
		Set: func(v string) error {
			f := strings.Fields(v)
			if len(f)%2 != 0 {
				return errors.New("Invalid save parameters")
			}
			rs := []saveRule{}
			for i := 0; i < len(f); i += 2 {
				s, err1 := strconv.ParseInt(f[i], 10, 64)
				n, err2 := strconv.ParseInt(f[i+1], 10, 64)
				if err1 != nil || err2 != nil || s < 1 || n < 0 {
					return errors.New("Invalid save parameters")
				}
				rs = append(rs, saveRule{s, n})
			}
			p.rules.Store(&rs)
			return nil
		}})
	c.Register(Param{Name: "auto-aof-rewrite-percentage", Get: func() string { return strconv.FormatInt(p.rewritePercent.Load(), 10) },
		Set: func(v string) error {
			n, err := parseIntParam(v, 0, 1<<31-1)
			if err == nil {
				p.rewritePercent.Store(n)
			}
			return err
		}})
	c.Register(Param{Name: "auto-aof-rewrite-min-size", Get: func() string { return strconv.FormatInt(p.rewriteMinSize.Load(), 10) },
		Set: func(v string) error {
			n, err := ParseMemory(v)
			if err == nil {
				p.rewriteMinSize.Store(n)
			}
			return err
		}})
}

func cmdBgsave(c *Client) {
	schedule := false
	if len(c.Args) > 1 {
		if len(c.Args) == 2 && eqFold(c.Args[1], "schedule") {
			schedule = true
		} else {
			c.W.Error(errSyntax)
			return
		}
	}
	e := c.e
	bg := &e.bg
	bg.mu.Lock()
	defer bg.mu.Unlock()
	switch bg.running {
	case "rdb":
		c.W.Error("ERR Background save already in progress")
		return
	case "aof":
		if !schedule {
			c.W.Error("ERR Another child process is active (AOF?): can't BGSAVE right now. " +
				"Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.")
			return
		}
		bg.scheduled = true
		c.W.Simple("Background saving scheduled")
		return
	}
	e.startBackground("rdb")
	c.W.Simple("Background saving started")
}

func cmdBgrewriteaof(c *Client) {
	e := c.e
	bg := &e.bg
	bg.mu.Lock()
	defer bg.mu.Unlock()
	switch {
	case bg.running == "aof":
		c.W.Error("ERR Background append only file rewriting already in progress")
		return
	case e.persist.aof == nil:
		// Redis rewrites even with appendonly no (a one-off file); the log
		// here exists only with appendonly yes.
		c.W.Error("ERR Background append only file rewriting needs appendonly yes")
		return
	case bg.running == "rdb":
		bg.rewriteQ = true
		c.W.Simple("Background append only file rewriting scheduled")
		return
	}
	e.startBackground("aof")
	c.W.Simple("Background append only file rewriting started")
}

// startBackground starts a background snapshot of kind "rdb" or "aof";
// bg.mu is held and nothing runs.
func (e *Engine) startBackground(kind string) {
	bg := &e.bg
	bg.running = kind
	bg.startedAt.Store(time.Now().Unix())
	bg.done.Add(1)
	go func() {
		defer bg.done.Done()
		start := time.Now()
		var err error
		if kind == "rdb" {
			err = e.bgsave()
			bg.lastBgsaveOK.Store(err == nil)
			bg.lastBgsaveSecs.Store(int64(time.Since(start).Seconds()))
			bg.ranBgsave.Store(true)
		} else {
			err = e.rewriteLog()
			bg.lastRewriteOK.Store(err == nil)
			bg.lastRewriteSecs.Store(int64(time.Since(start).Seconds()))
			bg.ranRewrite.Store(true)
			if err == nil {
				bg.rewrites.Add(1)
			}
		}
		if err != nil {
			e.logf("Background %s failed: %v", map[string]string{"rdb": "saving", "aof": "AOF rewrite"}[kind], err)
		} else if kind == "rdb" {
			e.logf("Background saving terminated with success")
		} else {
			e.logf("Background AOF rewrite terminated with success")
		}
		bg.mu.Lock()
		defer bg.mu.Unlock()
		bg.running = ""
		switch {
		case bg.rewriteQ:
			bg.rewriteQ = false
			e.startBackground("aof")
		case bg.scheduled:
			bg.scheduled = false
			e.startBackground("rdb")
		}
	}()
}

// cut starts a point-in-time snapshot: under the world lock it notes the
// time, the function libraries, the RDB version the data needs and the
// dirty counter, marks every shard pending, and runs atCut (the log
// rewrite switches to a new incremental file there).
func (e *Engine) cut(atCut func() error) (*snapshotRun, [][]byte, int, int64, error) {
	codes := e.rdbFunctionCodes()
	e.world.lockAll()
	defer e.world.unlockAll()
	version := rdb.FileVersion
	for i := range e.shards {
		sh := &e.shards[i]
		sh.mu.Lock()
		if sh.needsNewRDB() {
			version = rdb.MaxVersion
		}
		sh.mu.Unlock()
	}
	if atCut != nil {
		if err := atCut(); err != nil {
			return nil, nil, 0, 0, err
		}
	}
	dirty := e.dirty.Load()
	return e.startSnapshot(time.Now().UnixMilli()), codes, version, dirty, nil
}

// writeSnapshot writes the snapshot r as an RDB file to w.
func (e *Engine) writeSnapshot(w io.Writer, r *snapshotRun, codes [][]byte, version int) error {
	fw := rdb.NewFileWriter(w, version)
	fw.Compress = e.rdbCompression()
	fw.WriteAuxFields(RedisVersion, r.now/1000, 0)
	fw.WriteFunctions(codes)
	err := r.each(fw.WriteRaw)
	if cerr := fw.Close(); err == nil {
		err = cerr
	}
	return err
}

// bgsave writes dbfilename from a point-in-time snapshot.
func (e *Engine) bgsave() error {
	r, codes, version, dirty, err := e.cut(nil)
	if err != nil {
		return err
	}
	_, err = writeFileAtomic(e.dataPath(e.RDBFileName()), func(w io.Writer) (int64, error) {
		return 0, e.writeSnapshot(w, r, codes, version)
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

// rewriteLog makes a snapshot the new base of the append-only log.
func (e *Engine) rewriteLog() error {
	l := e.persist.aof
	var rw *aof.Rewrite
	run, codes, version, _, err := e.cut(func() error {
		var err error
		rw, err = l.StartRewrite()
		return err
	})
	if err != nil {
		return err
	}
	if err := e.writeSnapshot(rw.Base(), run, codes, version); err != nil {
		rw.Abort()
		return err
	}
	if err := rw.Commit(); err != nil {
		return err
	}
	e.bg.baseSize.Store(l.Stats().BaseSize)
	return nil
}

// backgroundCron starts a BGSAVE when a save rule is met and a rewrite
// when the log has grown past the thresholds (the cron calls it).
func (e *Engine) backgroundCron() {
	bg := &e.bg
	if !bg.mu.TryLock() {
		return
	}
	defer bg.mu.Unlock()
	if bg.running != "" {
		return
	}
	now := time.Now().Unix()
	dirty := e.dirty.Load()
	for _, r := range *e.cfg.bg.rules.Load() {
		if dirty >= r.changes && dirty > 0 && now-e.lastSave.Load() >= r.secs {
			e.logf("%d changes in %d seconds. Saving...", r.changes, r.secs)
			e.startBackground("rdb")
			return
		}
	}
	if l := e.persist.aof; l != nil {
		pct, min := e.cfg.bg.rewritePercent.Load(), e.cfg.bg.rewriteMinSize.Load()
		st := l.Stats()
		base := max(st.BaseSize, 1)
		if pct > 0 && st.CurrentSize > min && (st.CurrentSize-base)*100/base >= pct {
			e.logf("Starting automatic rewriting of AOF on %d%% growth", (st.CurrentSize-base)*100/base)
			e.startBackground("aof")
		}
	}
}

// waitBackground waits for a background snapshot to end (Close).
func (e *Engine) waitBackground() { e.bg.done.Wait() }

// bgInfo is what INFO persistence shows of background work.
type bgInfo struct {
	rdbRunning, rdbStatus, aofEnabled, aofRunning, aofScheduled, aofStatus, writeStatus string
	rdbLastSecs, rdbCurSecs, aofLastSecs, aofCurSecs, rewrites                          int64
}

func (e *Engine) bgInfo() bgInfo {
	bg := &e.bg
	bg.mu.Lock()
	running, rewriteQ := bg.running, bg.rewriteQ
	bg.mu.Unlock()
	flag := func(b bool) string {
		if b {
			return "1"
		}
		return "0"
	}
	status := func(ok bool, ran bool) string {
		if ok || !ran {
			return "ok"
		}
		return "err"
	}
	cur := func(kind string) int64 {
		if running != kind {
			return -1
		}
		return time.Now().Unix() - bg.startedAt.Load()
	}
	i := bgInfo{
		rdbRunning: flag(running == "rdb"), aofRunning: flag(running == "aof"),
		aofScheduled: flag(rewriteQ), aofEnabled: flag(e.persist.aof != nil),
		rdbStatus:   status(bg.lastBgsaveOK.Load() && !e.rdb.lastFailed.Load(), bg.ranBgsave.Load() || e.rdb.lastFailed.Load()),
		aofStatus:   status(bg.lastRewriteOK.Load(), bg.ranRewrite.Load()),
		writeStatus: "ok",
		rdbLastSecs: -1, aofLastSecs: -1, rdbCurSecs: cur("rdb"), aofCurSecs: cur("aof"),
		rewrites: bg.rewrites.Load(),
	}
	if bg.ranBgsave.Load() {
		i.rdbLastSecs = bg.lastBgsaveSecs.Load()
	}
	if bg.ranRewrite.Load() {
		i.aofLastSecs = bg.lastRewriteSecs.Load()
	}
	if l := e.persist.aof; l != nil && l.Err() != nil {
		i.writeStatus = "err"
	}
	return i
}

// hasSavePoints reports whether "save" rules are set.
func (e *Engine) hasSavePoints() bool { return len(*e.cfg.bg.rules.Load()) > 0 }

// FinalSave is what a server does before exiting on SIGTERM or SIGINT, as
// Redis: a snapshot to dbfilename when save points are set. The append-only
// log needs nothing here (Close syncs it). Call it once no command runs.
func (e *Engine) FinalSave() error {
	if !e.hasSavePoints() {
		return nil
	}
	e.bg.done.Wait() // a BGSAVE in flight finishes first
	if err := e.SaveRDBFile(e.dataPath(e.RDBFileName())); err != nil {
		return err
	}
	e.logf("DB saved on disk")
	return nil
}

// DefaultSaveRules are redis-server's default save points, which the
// server applies before its configuration file.
const DefaultSaveRules = "3600 1 300 100 60 10000"
