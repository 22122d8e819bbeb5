package engine

import (
	"encoding/binary"

	"github.com/cespare/xxhash/v2"
)

// setTable is the big set representation (OBJECT ENCODING "hashtable"): an
// open-addressing hash set whose members live back to back in one arena,
// each as a uvarint length and its bytes. Slots hold arena offsets, so the
// whole table is two pointer-free slices however many members it holds.
// Removed members leave a tombstone slot and dead arena bytes; the table
// is rebuilt (compacted, resized) when either grows too large.
type setTable struct {
	slots []uint32 // 0: empty, 1: removed, else arena offset + 2
	arena []byte
	n     int // live members
	used  int // live + removed slots
	dead  int // arena bytes of removed members
}

const (
	slotEmpty   = 0
	slotRemoved = 1
)

func newSetTable(hint int) *setTable {
	t := &setTable{}
	t.slots = make([]uint32, tableSize(hint))
	return t
}

// tableSize is the power-of-two slot count for n members at a load of at
// most one half.
func tableSize(n int) int {
	c := 4
	for c < 2*n {
		c <<= 1
	}
	return c
}

// memberAt returns the member stored at arena offset off.
func (t *setTable) memberAt(off uint32) []byte {
	l, k := binary.Uvarint(t.arena[off:])
	s := int(off) + k
	return t.arena[s : s+int(l) : s+int(l)]
}

// slotMember returns the member in slot i, or nil when the slot holds none.
func (t *setTable) slotMember(i int) ([]byte, bool) {
	s := t.slots[i]
	if s < 2 {
		return nil, false
	}
	return t.memberAt(s - 2), true
}

// find returns the slot holding m, or -1.
func (t *setTable) find(m []byte) int {
	mask := len(t.slots) - 1
	for i := int(xxhash.Sum64(m)) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == slotEmpty {
			return -1
		}
		if s != slotRemoved && string(t.memberAt(s-2)) == string(m) {
			return i
		}
	}
}

func (t *setTable) contains(m []byte) bool { return t.find(m) >= 0 }

// add inserts m (copied) and reports whether it was new.
func (t *setTable) add(m []byte) bool {
	if t.find(m) >= 0 {
		return false
	}
	if (t.used+1)*4 > len(t.slots)*3 {
		t.rebuild(tableSize(t.n + 1))
	}
	off := len(t.arena)
	t.arena = binary.AppendUvarint(t.arena, uint64(len(m)))
	t.arena = append(t.arena, m...)
	t.place(m, uint32(off))
	t.n++
	return true
}

// place puts arena offset off (member m) in the first free slot of m's
// probe sequence.
func (t *setTable) place(m []byte, off uint32) {
	mask := len(t.slots) - 1
	for i := int(xxhash.Sum64(m)) & mask; ; i = (i + 1) & mask {
		switch t.slots[i] {
		case slotEmpty:
			t.used++
			t.slots[i] = off + 2
			return
		case slotRemoved:
			t.slots[i] = off + 2
			return
		}
	}
}

// remove deletes m and reports whether it was present.
func (t *setTable) remove(m []byte) bool {
	i := t.find(m)
	if i < 0 {
		return false
	}
	t.removeSlot(i)
	return true
}

// removeSlot deletes the member in slot i; the table may be rebuilt, so
// slot numbers are not stable across calls.
func (t *setTable) removeSlot(i int) {
	off := t.slots[i] - 2
	l, k := binary.Uvarint(t.arena[off:])
	t.dead += k + int(l)
	t.slots[i] = slotRemoved
	t.n--
	if t.dead > 64 && t.dead*2 > len(t.arena) || len(t.slots) > 16 && t.n*8 < len(t.slots) {
		t.rebuild(tableSize(t.n))
	}
}

// rebuild moves the live members into a table of size slots and a compact
// arena.
func (t *setTable) rebuild(size int) {
	old, arena := t.slots, t.arena
	t.slots = make([]uint32, size)
	t.arena = make([]byte, 0, len(arena)-t.dead+len(arena)/4)
	t.used, t.dead = 0, 0
	for _, s := range old {
		if s < 2 {
			continue
		}
		l, k := binary.Uvarint(arena[s-2:])
		rec := arena[int(s-2) : int(s-2)+k+int(l)]
		off := len(t.arena)
		t.arena = append(t.arena, rec...)
		t.place(rec[k:], uint32(off))
	}
}

// randomSlot returns a random slot holding a member; the table must not
// be empty. Tables stay at least one-eighth full, so this ends quickly.
func (t *setTable) randomSlot(rnd func() uint64) int {
	mask := uint64(len(t.slots) - 1)
	for {
		i := int(rnd() & mask)
		if t.slots[i] >= 2 {
			return i
		}
	}
}

// each calls fn for every member in slot order until fn returns false.
func (t *setTable) each(fn func(m []byte) bool) {
	for _, s := range t.slots {
		if s >= 2 && !fn(t.memberAt(s-2)) {
			return
		}
	}
}

func (t *setTable) clone() *setTable {
	return &setTable{slots: append([]uint32(nil), t.slots...), arena: append([]byte(nil), t.arena...),
		n: t.n, used: t.used, dead: t.dead}
}

func (t *setTable) memSize() int64 {
	return int64(cap(t.slots)*4+cap(t.arena)) + 64
}
