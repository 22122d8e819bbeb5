package engine

import "math/bits"

// A dict is one logical database's part of a shard: a chained hash table
// whose buckets hold record handles, resized incrementally the way Redis's
// dict is (two tables while rehashing, one bucket moved per operation), so
// no command ever pays for a full rehash.
type dict struct {
	tab    [2][]handle
	rehash int // next bucket of tab[0] to move, or -1
	count  int
	vol    []handle // records with an expire time, for active expiry
}

const (
	minBuckets        = 4
	rehashEmptyVisits = 10 // empty buckets skipped per step, as in Redis
)

func newDict() dict { return dict{rehash: -1} }

func (d *dict) rehashing() bool { return d.rehash >= 0 }

// buckets reports the table sizes (for DEBUG HTSTATS-like output and tests).
func (d *dict) buckets() int { return len(d.tab[0]) + len(d.tab[1]) }

// rec returns the record stored under h.
func (sh *shard) rec(h handle) record {
	p := sh.slab.pages[h>>unitBits]
	o := int(h&unitMask) << unitShift
	sz := int(classSize[p[o+9]])
	return record{p[o : o+sz : o+sz]}
}

// step moves one bucket of a rehash in progress.
func (sh *shard) step(d *dict) {
	if d.rehash < 0 {
		return
	}
	t0, t1 := d.tab[0], d.tab[1]
	m1 := uint32(len(t1) - 1)
	for visits := 0; d.rehash < len(t0); d.rehash++ {
		h := t0[d.rehash]
		if h == 0 {
			visits++
			if visits >= rehashEmptyVisits {
				d.rehash++
				return
			}
			continue
		}
		for h != 0 {
			r := sh.rec(h)
			next := r.next()
			i := r.hash() & m1
			r.setNext(t1[i])
			t1[i] = h
			h = next
		}
		t0[d.rehash] = 0
		d.rehash++
		break
	}
	if d.rehash >= len(t0) {
		d.tab[0], d.tab[1] = t1, nil
		d.rehash = -1
	}
}

// resize starts a rehash into a table of n buckets (a power of two).
func (d *dict) resize(n int) {
	if len(d.tab[0]) == 0 {
		d.tab[0] = make([]handle, n)
		return
	}
	d.tab[1] = make([]handle, n)
	d.rehash = 0
}

// maybeGrow starts growing when the load factor reaches 1.
func (d *dict) maybeGrow() {
	if d.rehashing() {
		return
	}
	if len(d.tab[0]) == 0 {
		d.resize(minBuckets)
	} else if d.count >= len(d.tab[0]) {
		d.resize(len(d.tab[0]) * 2)
	}
}

// maybeShrink starts shrinking when fewer than 1 bucket in 8 is used.
func (d *dict) maybeShrink() {
	if d.rehashing() || len(d.tab[0]) <= minBuckets || d.count*8 >= len(d.tab[0]) {
		return
	}
	n := minBuckets
	for n < d.count {
		n *= 2
	}
	d.resize(n)
}

// find returns the handle of key, or 0. It does not look at expiry.
func (sh *shard) find(d *dict, key []byte, h32 uint32) handle {
	if d.count == 0 {
		return 0
	}
	sh.step(d)
	for t := 0; t < 2; t++ {
		tab := d.tab[t]
		if len(tab) == 0 {
			break
		}
		for h := tab[h32&uint32(len(tab)-1)]; h != 0; {
			r := sh.rec(h)
			if r.hash() == h32 && sh.keyEqual(r, key) {
				return h
			}
			h = r.next()
		}
		if !d.rehashing() {
			break
		}
	}
	return 0
}

// link is where a record's handle is stored: a bucket or a previous record.
type link struct {
	bucket *handle
	prev   handle
}

func (sh *shard) setLink(l link, h handle) {
	if l.prev != 0 {
		sh.rec(l.prev).setNext(h)
	} else {
		*l.bucket = h
	}
}

// findLink returns the link that points at target, which must be in d.
func (sh *shard) findLink(d *dict, target handle, h32 uint32) link {
	for t := 0; t < 2; t++ {
		tab := d.tab[t]
		if len(tab) == 0 {
			break
		}
		b := &tab[h32&uint32(len(tab)-1)]
		prev := handle(0)
		for h := *b; h != 0; {
			if h == target {
				return link{bucket: b, prev: prev}
			}
			prev = h
			h = sh.rec(h).next()
		}
	}
	panic("BUG: engine: record not in its dict")
}

// insert adds a record whose key is not in d yet.
func (sh *shard) insert(d *dict, h handle) {
	d.maybeGrow()
	sh.step(d)
	r := sh.rec(h)
	tab := d.tab[0]
	if d.rehashing() {
		tab = d.tab[1]
	}
	i := r.hash() & uint32(len(tab)-1)
	r.setNext(tab[i])
	tab[i] = h
	d.count++
	if r.hasExpire() {
		sh.volAdd(d, h)
	}
}

// unlink removes record h from d without freeing it.
func (sh *shard) unlink(d *dict, h handle) {
	r := sh.rec(h)
	sh.setLink(sh.findLink(d, h, r.hash()), r.next())
	d.count--
	if r.hasExpire() {
		sh.volRemove(d, r)
	}
	d.maybeShrink()
}

// swap puts record nh in old's place in d. Both have the same key.
func (sh *shard) swap(d *dict, old, nh handle) {
	or, nr := sh.rec(old), sh.rec(nh)
	sh.setLink(sh.findLink(d, old, or.hash()), nh)
	nr.setNext(or.next())
	switch {
	case or.hasExpire() && nr.hasExpire():
		d.vol[or.volIdx()] = nh
		nr.setVolIdx(or.volIdx())
	case or.hasExpire():
		sh.volRemove(d, or)
	case nr.hasExpire():
		sh.volAdd(d, nh)
	}
}

func (sh *shard) volAdd(d *dict, h handle) {
	sh.rec(h).setVolIdx(len(d.vol))
	d.vol = append(d.vol, h)
}

func (sh *shard) volRemove(d *dict, r record) {
	i := r.volIdx()
	last := len(d.vol) - 1
	if i != last {
		moved := d.vol[last]
		d.vol[i] = moved
		sh.rec(moved).setVolIdx(i)
	}
	d.vol = d.vol[:last]
}

// scan visits the buckets named by cursor v, following Redis's dictScan:
// the cursor's bits are incremented from the most significant end, so a
// full iteration returns every key present from start to end at least once
// even when the table grows or shrinks in between. It returns the next
// cursor (0 when done).
func (sh *shard) scan(d *dict, v uint64, fn func(h handle)) uint64 {
	if d.count == 0 {
		return 0
	}
	emit := func(tab []handle, i uint64) {
		for h := tab[i]; h != 0; {
			next := sh.rec(h).next()
			fn(h)
			h = next
		}
	}
	if !d.rehashing() {
		m0 := uint64(len(d.tab[0]) - 1)
		emit(d.tab[0], v&m0)
		v |= ^m0
		v = bits.Reverse64(v)
		v++
		return bits.Reverse64(v)
	}
	t0, t1 := d.tab[0], d.tab[1]
	if len(t0) > len(t1) {
		t0, t1 = t1, t0
	}
	m0, m1 := uint64(len(t0)-1), uint64(len(t1)-1)
	emit(t0, v&m0)
	for {
		emit(t1, v&m1)
		v |= ^m1
		v = bits.Reverse64(v)
		v++
		v = bits.Reverse64(v)
		if v&(m0^m1) == 0 {
			break
		}
	}
	return v
}
