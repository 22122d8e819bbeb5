package aof

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// Log is an open append-only log: a submission ring filled by producers
// (Reserve, Submit) and drained by one writer goroutine that writes every
// contiguous ready record in one call and, under FsyncAlways, syncs once
// per batch (group commit). Under FsyncEverySec a second goroutine syncs
// once a second without holding up the writer.
type Log struct {
	o        Options
	fsys     FS
	fileName string

	// Submission ring. The counters producers and the writer update sit
	// on cache lines of their own: sharing one cost every write command
	// a cache-line transfer between cores.
	ring         []slot
	mask         uint64
	_            [64]byte
	reserved     atomic.Uint64 // last seq handed out by Reserve (producers)
	_            [56]byte
	next         atomic.Uint64 // next seq the writer takes from the ring (writer)
	durable      atomic.Uint64
	cut          atomic.Uint64 // first seq of the next incr file; 0 = no switch pending
	_            [40]byte
	sleeping     atomic.Bool // the writer waits on wake
	_            [63]byte
	wake         chan struct{}
	tick         *time.Timer // the writer's gather delay (writer.go)
	spaceMu      sync.Mutex
	spaceCond    *sync.Cond
	spaceWaiters atomic.Int32
	durMu        sync.Mutex
	durCond      *sync.Cond
	durWaiters   atomic.Int32
	onDurable    atomic.Pointer[func(seq uint64)]

	// Health: the writer's and the background syncer's last errors.
	writeErr atomic.Pointer[error]
	syncErr  atomic.Pointer[error]

	// Lifecycle.
	quit      chan struct{} // closed by Close: drain and stop
	done      chan struct{} // closed when the writer exits
	syncStop  chan struct{}
	syncDone  chan struct{}
	exited    atomic.Bool
	closeOnce sync.Once
	closeErr  error

	// Writer-owned state; file is swapped under fileMu.
	fileMu    sync.Mutex
	file      File
	off       int64 // end of the last good record in file
	dirtyTail bool  // a failed write may have left bytes after off
	batch     []byte
	batchLast uint64 // last seq in batch (or consumed as a gap)
	records   int64
	written   atomic.Int64 // bumped after each successful write (syncer's dirty mark)

	// Counters for Stats.
	curSize      atomic.Int64 // off, readable by Stats
	pending      atomic.Int64
	syncing      atomic.Bool
	delayedFsync atomic.Int64
	lastFsyncNs  atomic.Int64
	maxFsyncNs   atomic.Int64
	writes       atomic.Int64
	fsyncs       atomic.Int64

	// mu guards the manifest, file sizes and rewrite state.
	mu             sync.Mutex
	man            *manifest
	baseSize       int64
	oldIncrSize    int64 // incr files before the current one
	rewriting      bool
	switchDone     chan struct{} // closed when the pending switch happened
	switchedName   string        // the incr file the last switch opened
	rewrites       int64
	rewriteFails   int64
	lastRewriteErr error
}

// Open opens (or creates) the log in o.Dir and starts its writer. It reads
// no records: call Load first, which also truncates a torn tail, so that
// appending continues after the last good record.
func Open(o Options) (*Log, error) {
	slots := o.RingSlots
	if slots == 0 {
		slots = DefaultRingSlots
	}
	if slots < 2 || slots&(slots-1) != 0 {
		return nil, fmt.Errorf("aof: RingSlots %d is not a power of two", slots)
	}
	l := &Log{
		o: o, fsys: o.fs(), fileName: o.fileName(),
		ring: make([]slot, slots), mask: uint64(slots - 1),
		wake: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{}),
		syncStop: make(chan struct{}), syncDone: make(chan struct{}),
	}
	l.spaceCond = sync.NewCond(&l.spaceMu)
	l.durCond = sync.NewCond(&l.durMu)
	l.next.Store(1)
	if err := l.openFiles(); err != nil {
		return nil, err
	}
	go l.run()
	if o.Fsync == FsyncEverySec {
		go l.syncLoop()
	} else {
		close(l.syncDone)
	}
	return l, nil
}

// openFiles reads or creates the manifest and opens the last incr file.
func (l *Log) openFiles() error {
	dir := l.o.Dir
	if err := l.fsys.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("aof: creating %s: %w", dir, err)
	}
	m, ok, err := readManifest(l.fsys, dir, l.fileName)
	if err != nil {
		return err
	}
	l.fsys.Remove(filepath.Join(dir, tempBaseName(l.fileName)))
	l.fsys.Remove(filepath.Join(dir, "temp-"+manifestName(l.fileName)))
	if !ok {
		m = &manifest{}
	}
	dirty := false
	if len(m.history) > 0 {
		for _, h := range m.history {
			l.fsys.Remove(filepath.Join(dir, h.name))
		}
		m.history = nil
		dirty = true
	}
	if len(m.incrs) == 0 {
		seq := m.incrSeq + 1
		name := incrName(l.fileName, seq)
		f, err := l.createIncr(filepath.Join(dir, name), 1)
		if err != nil {
			return err
		}
		f.Close()
		m.incrs = append(m.incrs, fileEntry{name: name, seq: seq, kind: 'i'})
		m.incrSeq = seq
		dirty = true
	}
	if dirty {
		if err := writeManifest(l.fsys, dir, l.fileName, m); err != nil {
			return err
		}
	}
	l.man = m
	if m.base != nil {
		if fi, err := l.fsys.Stat(filepath.Join(dir, m.base.name)); err == nil {
			l.baseSize = fi.Size()
		}
	}
	for _, e := range m.incrs[:len(m.incrs)-1] {
		if fi, err := l.fsys.Stat(filepath.Join(dir, e.name)); err == nil {
			l.oldIncrSize += fi.Size()
		}
	}
	last := filepath.Join(dir, m.incrs[len(m.incrs)-1].name)
	l.switchedName = m.incrs[len(m.incrs)-1].name
	return l.openLast(last)
}

// openLast opens the incr file to append to and checks its header.
func (l *Log) openLast(path string) error {
	f, err := l.fsys.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("aof: opening %s: %w", path, err)
	}
	fi, err := l.fsys.Stat(path)
	if err != nil {
		f.Close()
		return fmt.Errorf("aof: %s: %w", path, err)
	}
	size := fi.Size()
	if size < headerSize {
		// Only a crash while creating it leaves a header incomplete: no
		// record can be in it yet.
		hdr := appendHeader(nil, 1)
		err = f.Truncate(0)
		if err == nil {
			_, err = f.WriteAt(hdr, 0)
		}
		if err == nil {
			err = f.Sync()
		}
		if err != nil {
			f.Close()
			return fmt.Errorf("aof: rewriting the header of %s: %w", path, err)
		}
		size = headerSize
	} else {
		var h [headerSize]byte
		if _, err := f.ReadAt(h[:], 0); err != nil {
			f.Close()
			return fmt.Errorf("aof: reading %s: %w", path, err)
		}
		if p := headerProblem(h[:]); p != "" {
			f.Close()
			return fmt.Errorf("%w: %s at offset 0: %s", ErrCorrupt, path, p)
		}
	}
	l.file, l.off = f, size
	l.curSize.Store(size)
	return nil
}

// createIncr creates an incr file holding only its header, synced.
func (l *Log) createIncr(path string, firstSeq uint64) (File, error) {
	f, err := l.fsys.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("aof: creating %s: %w", path, err)
	}
	_, err = f.WriteAt(appendHeader(nil, firstSeq), 0)
	if err == nil {
		err = f.Sync()
	}
	if err != nil {
		f.Close()
		l.fsys.Remove(path)
		return nil, fmt.Errorf("aof: creating %s: %w", path, err)
	}
	return f, nil
}

func tempBaseName(fileName string) string { return "temp-rewrite-" + fileName + ".base.rdb" }

// Durable returns the highest seq such that every record up to it is
// stored: synced under FsyncAlways, written to the kernel otherwise.
func (l *Log) Durable() uint64 { return l.durable.Load() }

// OnDurable sets fn, called from the writer goroutine each time a batch
// becomes durable, with the new Durable value. Set it before traffic; fn
// must not block. A nil fn removes it.
func (l *Log) OnDurable(fn func(seq uint64)) { l.onDurable.Store(&fn) }

// WaitDurable blocks until Durable() >= seq. It returns ErrClosed if the
// log closes first, and the write error if writing fails meanwhile (the
// records are kept and retried; a later call may succeed).
func (l *Log) WaitDurable(seq uint64) error {
	if l.durable.Load() >= seq {
		return nil
	}
	l.kick()
	l.durMu.Lock()
	defer l.durMu.Unlock()
	l.durWaiters.Add(1)
	defer l.durWaiters.Add(-1)
	for l.durable.Load() < seq {
		if e := l.writeErr.Load(); e != nil {
			return *e
		}
		if l.exited.Load() {
			return ErrClosed
		}
		l.durCond.Wait()
	}
	return nil
}

// wakeDurWaiters wakes WaitDurable callers to check their condition.
func (l *Log) wakeDurWaiters() {
	if l.durWaiters.Load() > 0 {
		l.durMu.Lock()
		l.durCond.Broadcast()
		l.durMu.Unlock()
	}
}

// Err returns nil while the log is healthy, and the last write or fsync
// error (ENOSPC, EIO...) while writing or syncing fails. The log keeps the
// records and retries about once a second; Err returns nil again once a
// retry succeeds.
func (l *Log) Err() error {
	if e := l.writeErr.Load(); e != nil {
		return *e
	}
	if e := l.syncErr.Load(); e != nil {
		return *e
	}
	return nil
}

// Close writes every submitted record, syncs, closes the file and stops
// the goroutines. It returns the error that kept records from being
// written, if any.
func (l *Log) Close() error {
	l.closeOnce.Do(func() {
		close(l.quit)
		l.wakeWriter()
		<-l.done
		close(l.syncStop)
		<-l.syncDone
		l.fileMu.Lock()
		err := l.file.Sync()
		if cerr := l.file.Close(); err == nil {
			err = cerr
		}
		l.fileMu.Unlock()
		if l.closeErr == nil && err != nil {
			l.closeErr = fmt.Errorf("aof: closing: %w", err)
		}
	})
	return l.closeErr
}

// wakeWriter makes a sleeping writer look at the ring again.
func (l *Log) wakeWriter() {
	l.sleeping.Store(false)
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// Stats describes the log for INFO persistence.
type Stats struct {
	CurrentSize     int64         // aof_current_size: base plus every incr file
	BaseSize        int64         // aof_base_size
	IncrSize        int64         // size of the incr file being appended to
	PendingBytes    int64         // aof_buffer_length: collected, not yet written
	PendingBioFsync bool          // aof_pending_bio_fsync: a background fsync runs
	DelayedFsync    int64         // aof_delayed_fsync: background fsyncs that took over 2 s
	LastWriteOK     bool          // aof_last_write_status
	LastWriteError  string        // the failing write's or fsync's error text
	Reserved        uint64        // last seq handed out
	Durable         uint64        // Durable()
	Writes          int64         // write calls (batches)
	Fsyncs          int64         // fdatasync calls
	LastFsync       time.Duration // duration of the latest fdatasync
	MaxFsync        time.Duration // longest fdatasync so far
	Rewrites        int64         // aof_rewrites: committed rewrites
	RewriteRunning  bool          // aof_rewrite_in_progress
	LastRewriteOK   bool          // aof_last_bgrewrite_status
	RewriteFailures int64         // aof_rewrites_consecutive_failures
}

// Stats returns the log's counters.
func (l *Log) Stats() Stats {
	l.mu.Lock()
	s := Stats{
		BaseSize:        l.baseSize,
		Rewrites:        l.rewrites,
		RewriteRunning:  l.rewriting,
		LastRewriteOK:   l.lastRewriteErr == nil,
		RewriteFailures: l.rewriteFails,
	}
	old := l.oldIncrSize
	l.mu.Unlock()
	s.IncrSize = l.curSize.Load()
	s.CurrentSize = s.BaseSize + old + s.IncrSize
	s.PendingBytes = l.pending.Load()
	s.PendingBioFsync = l.syncing.Load()
	s.DelayedFsync = l.delayedFsync.Load()
	err := l.Err()
	s.LastWriteOK = err == nil
	if err != nil {
		s.LastWriteError = err.Error()
	}
	s.Reserved = l.reserved.Load()
	s.Durable = l.durable.Load()
	s.Writes = l.writes.Load()
	s.Fsyncs = l.fsyncs.Load()
	s.LastFsync = time.Duration(l.lastFsyncNs.Load())
	s.MaxFsync = time.Duration(l.maxFsyncNs.Load())
	return s
}

// SyncTo makes every record up to seq stable now, whatever the fsync
// policy (WAITAOF): it waits until they are written, then, unless the
// policy already synced them, fdatasyncs the current file.
func (l *Log) SyncTo(seq uint64) error {
	if err := l.WaitDurable(seq); err != nil {
		return err
	}
	if l.o.Fsync == FsyncAlways {
		return nil
	}
	l.fileMu.Lock()
	defer l.fileMu.Unlock()
	return l.timedSync(l.file)
}
