package aof

import "sync/atomic"

// slot is one place of the submission ring. The producer of seq s owns
// the slot s&mask once the writer has consumed s-len(ring); it fills buf
// with the framed record and then publishes s in ready. The writer owns it
// from seeing ready == s until it advances next past s.
type slot struct {
	ready atomic.Uint64 // the seq whose record buf holds; 0 before any
	buf   []byte        // framed record (length, checksum, payload); empty for a gap
	_     [32]byte      // one slot per cache line: producers do not share lines
}

// Reserve returns the next sequence number (the first is 1). It is one
// atomic add and never blocks: the engine calls it under its key locks.
func (l *Log) Reserve() uint64 { return l.reserved.Add(1) }

// Submit hands the log the record for seq, a number from Reserve. rec is
// copied (framed with its length and checksum by the caller's goroutine);
// an empty rec only fills the gap and writes nothing. Records reach the
// file in seq order whatever order they are submitted in. Submit blocks
// only while the ring is full, and allocates nothing once the slot buffers
// have grown to the records' sizes.
func (l *Log) Submit(seq uint64, rec []byte) {
	size := uint64(len(l.ring))
	if seq >= l.next.Load()+size {
		l.waitSpace(seq)
	}
	s := &l.ring[seq&l.mask]
	buf := s.buf[:0]
	if len(rec) > 0 {
		buf = AppendRecord(buf, rec)
	}
	s.buf = buf
	s.ready.Store(seq)
	if l.sleeping.Load() && l.sleeping.CompareAndSwap(true, false) {
		select {
		case l.wake <- struct{}{}:
		default:
		}
	}
}

// waitSpace blocks until the writer has consumed the slot's previous
// occupant (backpressure), or the log is closed.
func (l *Log) waitSpace(seq uint64) {
	size := uint64(len(l.ring))
	l.kick()
	l.spaceMu.Lock()
	l.spaceWaiters.Add(1)
	for seq >= l.next.Load()+size && !l.exited.Load() {
		l.spaceCond.Wait()
	}
	l.spaceWaiters.Add(-1)
	l.spaceMu.Unlock()
}

// collect moves every contiguous ready record from next on into the batch,
// up to maxBatch bytes and not past a pending file switch's cut, frees
// their slots and returns how many seqs it took.
func (l *Log) collect() int {
	next := l.next.Load()
	limit := l.cut.Load()
	if limit == 0 {
		limit = ^uint64(0)
	}
	n := 0
	for len(l.batch) < maxBatch && next < limit {
		s := &l.ring[next&l.mask]
		if s.ready.Load() != next {
			break
		}
		l.batch = append(l.batch, s.buf...)
		if len(s.buf) > 0 {
			l.records++
		}
		if cap(s.buf) > maxSlotKeep {
			s.buf = nil
		}
		next++
		n++
	}
	if n > 0 {
		l.batchLast = next - 1
		l.next.Store(next)
		if l.spaceWaiters.Load() > 0 {
			l.spaceMu.Lock()
			l.spaceCond.Broadcast()
			l.spaceMu.Unlock()
		}
	}
	return n
}

// kick ends the writer's sleep or gather delay now: someone waits for the
// records (a full ring, WaitDurable).
func (l *Log) kick() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}
