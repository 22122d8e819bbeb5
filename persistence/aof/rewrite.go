package aof

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Rewrite is a log rewrite in progress (BGREWRITEAOF): the engine writes a
// snapshot into Base, then calls Commit or Abort.
type Rewrite struct {
	l       *Log
	cut     uint64
	f       File
	w       *bufio.Writer
	tmpPath string
	done    bool
	start   time.Time
}

// StartRewrite begins a rewrite. The engine calls it holding its world
// lock, with every reserved seq already submitted: records from the next
// seq on go to a new incr file (the writer opens it and lists it in the
// manifest before writing to it), so the snapshot plus that file is the
// whole data set. StartRewrite itself only creates the temporary base.
func (l *Log) StartRewrite() (*Rewrite, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.exited.Load() || l.closing() {
		return nil, ErrClosed
	}
	if l.rewriting {
		return nil, ErrRewriteInProgress
	}
	if l.cut.Load() != 0 {
		return nil, fmt.Errorf("aof: the previous switch to a new incr file has not happened yet: %v", l.Err())
	}
	tmp := filepath.Join(l.o.Dir, tempBaseName(l.fileName))
	f, err := l.fsys.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, fmt.Errorf("aof: creating %s: %w", tmp, err)
	}
	cut := l.reserved.Load() + 1
	l.rewriting = true
	l.switchDone = make(chan struct{})
	l.cut.Store(cut)
	l.wakeWriter()
	return &Rewrite{l: l, cut: cut, f: f, w: bufio.NewWriterSize(f, 1<<20), tmpPath: tmp, start: time.Now()}, nil
}

// Base returns the buffered writer of the temporary base file.
func (rw *Rewrite) Base() io.Writer { return rw.w }

// Commit makes the rewrite the log: it syncs the base, waits for the
// writer to have switched to the new incr file, renames the base into
// place, writes the manifest listing the new base and incr files
// atomically and only then removes the old files. On error the old files
// stay listed (nothing is lost) and the rewrite counts as failed.
func (rw *Rewrite) Commit() error {
	if rw.done {
		return errors.New("aof: rewrite already committed or aborted")
	}
	rw.done = true
	l := rw.l
	err := rw.w.Flush()
	if err == nil {
		err = rw.f.Sync()
	}
	if cerr := rw.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		err = fmt.Errorf("aof: writing the new base %s: %w", rw.tmpPath, err)
		l.fsys.Remove(rw.tmpPath)
		l.endRewrite(err)
		return err
	}
	if err := rw.waitSwitch(); err != nil {
		l.fsys.Remove(rw.tmpPath)
		l.endRewrite(err)
		return err
	}
	l.mu.Lock()
	err = l.installBase(rw.tmpPath)
	l.mu.Unlock()
	if err != nil {
		l.fsys.Remove(rw.tmpPath)
	}
	l.endRewrite(err)
	if err == nil {
		l.o.logf("Background AOF rewrite finished successfully in %v", time.Since(rw.start).Round(time.Millisecond))
	}
	return err
}

// waitSwitch waits until the writer opened the new incr file; it gives up
// when the log closes or the writer is failing (its error is returned).
func (rw *Rewrite) waitSwitch() error {
	l := rw.l
	l.mu.Lock()
	ch := l.switchDone
	l.mu.Unlock()
	if ch == nil {
		return nil
	}
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ch:
			return nil
		case <-l.done:
			return ErrClosed
		case <-t.C:
			if e := l.writeErr.Load(); e != nil {
				return fmt.Errorf("aof: rewrite: cannot switch to a new incr file: %w", *e)
			}
		}
	}
}

// installBase renames the synced temporary base into place and persists
// the manifest: new base, the incr files from the switch on, the replaced
// files as history; then deletes the history. Called with mu held.
func (l *Log) installBase(tmp string) error {
	dir := l.o.Dir
	seq := l.man.baseSeq + 1
	name := baseName(l.fileName, seq)
	path := filepath.Join(dir, name)
	if err := l.fsys.Rename(tmp, path); err != nil {
		return fmt.Errorf("aof: renaming %s to %s: %w", tmp, path, err)
	}
	if err := l.fsys.SyncDir(dir); err != nil {
		l.fsys.Remove(path)
		return fmt.Errorf("aof: syncing %s: %w", dir, err)
	}
	keep := len(l.man.incrs) - 1
	for i, e := range l.man.incrs {
		if e.name == l.switchedName {
			keep = i
		}
	}
	m := l.man.clone()
	if m.base != nil {
		m.history = append(m.history, fileEntry{name: m.base.name, seq: m.base.seq, kind: 'h'})
	}
	for _, e := range m.incrs[:keep] {
		m.history = append(m.history, fileEntry{name: e.name, seq: e.seq, kind: 'h'})
	}
	m.incrs = m.incrs[keep:]
	m.base = &fileEntry{name: name, seq: seq, kind: 'b'}
	m.baseSeq = seq
	if err := writeManifest(l.fsys, dir, l.fileName, m); err != nil {
		l.fsys.Remove(path)
		return err
	}
	l.man = m
	if fi, err := l.fsys.Stat(path); err == nil {
		l.baseSize = fi.Size()
	}
	l.oldIncrSize = 0
	for _, e := range m.incrs[:len(m.incrs)-1] {
		if fi, err := l.fsys.Stat(filepath.Join(dir, e.name)); err == nil {
			l.oldIncrSize += fi.Size()
		}
	}
	// The replaced files go only now that the manifest is durable; a
	// crash before the next lines leaves them as history, removed by Open.
	for _, h := range m.history {
		if err := l.fsys.Remove(filepath.Join(dir, h.name)); err != nil && !os.IsNotExist(err) {
			l.o.logf("Can't remove the replaced AOF file %s: %v", h.name, err)
		}
	}
	clean := m.clone()
	clean.history = nil
	if err := writeManifest(l.fsys, dir, l.fileName, clean); err != nil {
		l.o.logf("Can't drop history entries from the AOF manifest: %v", err)
		return nil
	}
	l.man = clean
	return nil
}

// Abort gives the rewrite up: the temporary base is removed; the manifest
// keeps the old base, the old incr files and the new one, so no data is
// lost.
func (rw *Rewrite) Abort() {
	if rw.done {
		return
	}
	rw.done = true
	rw.f.Close()
	rw.l.fsys.Remove(rw.tmpPath)
	rw.l.endRewrite(errors.New("aborted"))
}

// endRewrite records the rewrite's outcome.
func (l *Log) endRewrite(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.rewriting = false
	l.lastRewriteErr = err
	if err != nil {
		l.rewriteFails++
		return
	}
	l.rewrites++
	l.rewriteFails = 0
}
