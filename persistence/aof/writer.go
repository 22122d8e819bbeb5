package aof

import (
	"fmt"
	"io"
	"path/filepath"
	"time"
)

// run is the writer goroutine: it takes every contiguous ready record,
// writes the batch in one call (syncing it under FsyncAlways), publishes
// Durable and calls OnDurable. A failed write or sync keeps the batch and
// is retried about once a second; nothing is dropped.
func (l *Log) run() {
	defer func() {
		l.exited.Store(true)
		l.spaceMu.Lock()
		l.spaceCond.Broadcast()
		l.spaceMu.Unlock()
		l.durMu.Lock()
		l.durCond.Broadcast()
		l.durMu.Unlock()
		close(l.done)
	}()
	var idleSince time.Time
	for {
		if cut := l.cut.Load(); cut != 0 && l.next.Load() == cut && len(l.batch) == 0 {
			if err := l.switchFile(cut); err != nil {
				if l.failed(err) {
					return
				}
				continue
			}
		}
		n := l.collect()
		if n == 0 && len(l.batch) == 0 {
			if l.closing() {
				// Drain: stop once every reserved seq was taken, or after
				// waiting 5 s for a Submit that never came.
				if l.next.Load() > l.reserved.Load() {
					return
				}
				if idleSince.IsZero() {
					idleSince = time.Now()
				} else if time.Since(idleSince) > 5*time.Second {
					l.closeErr = fmt.Errorf("aof: closing with %d reserved records never submitted",
						l.reserved.Load()-l.next.Load()+1)
					return
				}
				time.Sleep(time.Millisecond)
				continue
			}
			l.sleep()
			continue
		}
		if err := l.flush(); err != nil {
			if l.failed(err) {
				return
			}
			continue
		}
		l.publish(l.batchLast)
		l.gather()
	}
}

// gather lets records accumulate for writeDelay before the next write when
// no client waits for each fsync (everysec, no): under load the writer then
// makes about one write call per writeDelay, as Redis writes once per event
// loop iteration, instead of one per record. Under always the next batch
// goes at once: replies wait for it.
func (l *Log) gather() {
	if l.o.Fsync == FsyncAlways || l.closing() {
		return
	}
	if l.tick == nil {
		l.tick = time.NewTimer(writeDelay)
	} else {
		l.tick.Reset(writeDelay)
	}
	select {
	case <-l.tick.C:
	case <-l.wake: // a full ring, WaitDurable, a rewrite or Close
		l.tick.Stop()
	case <-l.quit:
		l.tick.Stop()
	}
}

func (l *Log) closing() bool {
	select {
	case <-l.quit:
		return true
	default:
		return false
	}
}

// sleep waits for a Submit, Close or StartRewrite to wake the writer.
func (l *Log) sleep() {
	l.sleeping.Store(true)
	// Re-check after announcing: a Submit that missed the flag is seen.
	next := l.next.Load()
	if l.ring[next&l.mask].ready.Load() == next || l.cut.Load() == next || l.closing() {
		l.sleeping.Store(false)
		return
	}
	select {
	case <-l.wake:
	case <-l.quit:
	}
	l.sleeping.Store(false)
	l.gather() // a first record arrived: let its neighbours join it
}

// flush writes the batch at the end of the last good record and, under
// FsyncAlways, syncs it. On failure nothing is committed: the next try
// writes the same bytes (and any collected since) at the same offset, so a
// short write never leaves a torn record before later ones.
func (l *Log) flush() error {
	if l.dirtyTail {
		if err := l.file.Truncate(l.off); err != nil {
			return fmt.Errorf("truncating a partial write: %w", err)
		}
		l.dirtyTail = false
	}
	if len(l.batch) > 0 {
		n, err := l.file.WriteAt(l.batch, l.off)
		if err == nil && n < len(l.batch) {
			err = io.ErrShortWrite
		}
		l.writes.Add(1)
		if err != nil {
			l.pending.Store(int64(len(l.batch)))
			if n > 0 {
				// Redis's rule: take a partial write back at once.
				l.dirtyTail = l.file.Truncate(l.off) != nil
			}
			return err
		}
		if l.o.Fsync == FsyncAlways {
			if err := l.timedSync(l.file); err != nil {
				l.pending.Store(int64(len(l.batch)))
				return err
			}
		}
		l.off += int64(len(l.batch))
		l.curSize.Store(l.off)
		l.written.Add(1)
	}
	l.pending.Store(0)
	if cap(l.batch) > 4*maxBatch {
		l.batch = nil
	} else {
		l.batch = l.batch[:0]
	}
	if l.writeErr.Load() != nil {
		l.writeErr.Store(nil)
		l.o.logf("AOF write error looks solved, Updraft can write again.")
	}
	return nil
}

// timedSync syncs f, keeping the fsync counters.
func (l *Log) timedSync(f File) error {
	start := time.Now()
	err := f.Sync()
	d := int64(time.Since(start))
	l.fsyncs.Add(1)
	l.lastFsyncNs.Store(d)
	if d > l.maxFsyncNs.Load() {
		l.maxFsyncNs.Store(d)
	}
	if d > delayedFsync {
		l.delayedFsync.Add(1)
	}
	return err
}

// failed records a write error and waits before the retry. It returns
// true when the writer should give up: the log is closing and the retry
// made while closing failed too.
func (l *Log) failed(err error) bool {
	first := l.writeErr.Load() == nil
	l.writeErr.Store(&err)
	if first {
		l.o.logf("Error writing to the AOF file: %v", err)
	}
	l.wakeDurWaiters()
	if l.closing() {
		if l.closeErr == nil {
			l.closeErr = fmt.Errorf("aof: closing with %d bytes unwritten: %w", len(l.batch), err)
			return false // one more try
		}
		return true
	}
	t := time.NewTimer(retryInterval)
	select {
	case <-t.C:
	case <-l.quit:
		t.Stop()
	}
	return false
}

// publish makes seq durable and tells the front ends.
func (l *Log) publish(seq uint64) {
	if seq <= l.durable.Load() {
		return
	}
	if l.closeErr != nil && l.writeErr.Load() == nil {
		l.closeErr = nil // the retry while closing succeeded
	}
	l.durable.Store(seq)
	if fn := l.onDurable.Load(); fn != nil && *fn != nil {
		(*fn)(seq)
	}
	l.wakeDurWaiters()
}

// switchFile starts the next incr file at seq cut: it syncs the current
// file, creates the new one with its header, lists it in the manifest
// (durably) and only then appends to it.
func (l *Log) switchFile(cut uint64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.timedSync(l.file); err != nil {
		return err
	}
	seq := l.man.incrSeq + 1
	name := incrName(l.fileName, seq)
	path := filepath.Join(l.o.Dir, name)
	f, err := l.createIncr(path, cut)
	if err != nil {
		return err
	}
	m := l.man.clone()
	m.incrs = append(m.incrs, fileEntry{name: name, seq: seq, kind: 'i'})
	m.incrSeq = seq
	if err := writeManifest(l.fsys, l.o.Dir, l.fileName, m); err != nil {
		f.Close()
		l.fsys.Remove(path)
		return err
	}
	l.man = m
	l.fileMu.Lock()
	old := l.file
	l.oldIncrSize += l.off
	l.file, l.off = f, headerSize
	l.fileMu.Unlock()
	l.curSize.Store(headerSize)
	old.Close()
	l.switchedName = name
	l.cut.Store(0)
	if l.switchDone != nil {
		close(l.switchDone)
		l.switchDone = nil
	}
	if l.writeErr.Load() != nil {
		l.writeErr.Store(nil)
	}
	return nil
}

// syncLoop is FsyncEverySec's background fsync (Redis's bio thread): at
// most once a second, and only when something was written since the last
// one. It never holds up the writer, which keeps writing meanwhile.
func (l *Log) syncLoop() {
	defer close(l.syncDone)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	var synced int64
	for {
		select {
		case <-t.C:
		case <-l.syncStop:
			return
		}
		w := l.written.Load()
		if w == synced && l.syncErr.Load() == nil {
			continue
		}
		l.fileMu.Lock()
		l.syncing.Store(true)
		err := l.timedSync(l.file)
		l.syncing.Store(false)
		l.fileMu.Unlock()
		if err != nil {
			if l.syncErr.Load() == nil {
				l.o.logf("Error syncing the AOF file: %v", err)
			}
			l.syncErr.Store(&err)
			continue
		}
		synced = w
		if l.syncErr.Load() != nil {
			l.syncErr.Store(nil)
			l.o.logf("AOF fsync error looks solved, Updraft can write again.")
		}
	}
}
