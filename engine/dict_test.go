package engine

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"testing"
)

// newTestShard returns a shard with one database whose slab is unmapped
// when the test ends.
func newTestShard(t testing.TB, databases int) *shard {
	sh := &shard{}
	sh.init(databases)
	t.Cleanup(func() { sh.slab.reset() })
	return sh
}

// modelShard drives a shard's dict and a Go map with the same operations
// and checks that they agree.
type modelShard struct {
	t     *testing.T
	sh    *shard
	d     *dict
	model map[string][]byte
	rng   *rand.Rand
}

func (m *modelShard) set(key, val []byte) {
	h32 := uint32(hashKey(key))
	old := m.sh.find(m.d, key, h32)
	if (old != 0) != (m.model[string(key)] != nil) {
		m.t.Fatalf("find(%.20q) = %d, model has it: %v", key, old, m.model[string(key)] != nil)
	}
	m.sh.writeString(m.d, key, h32, old, val, 0, 0)
	m.model[string(key)] = append([]byte{}, val...)
}

func (m *modelShard) del(key []byte) {
	h := m.sh.find(m.d, key, uint32(hashKey(key)))
	if (h != 0) != (m.model[string(key)] != nil) {
		m.t.Fatalf("find(%.20q) = %d, model has it: %v", key, h, m.model[string(key)] != nil)
	}
	if h != 0 {
		m.sh.remove(m.d, h)
		delete(m.model, string(key))
	}
}

func (m *modelShard) get(key []byte) {
	h := m.sh.find(m.d, key, uint32(hashKey(key)))
	want, ok := m.model[string(key)]
	if (h != 0) != ok {
		m.t.Fatalf("find(%.20q) = %d, model has it: %v", key, h, ok)
	}
	if h == 0 {
		return
	}
	r := m.sh.rec(h)
	var tmp [24]byte
	if got := m.sh.stringBytes(r, tmp[:]); !bytes.Equal(got, want) {
		m.t.Fatalf("value of %.20q: got %d bytes %.20q, want %d bytes %.20q", key, len(got), got, len(want), want)
	}
	if !bytes.Equal(m.sh.key(r), key) {
		m.t.Fatalf("record key %.20q, want %.20q", m.sh.key(r), key)
	}
}

// check compares the whole dict with the model.
func (m *modelShard) check() {
	if m.d.count != len(m.model) {
		m.t.Fatalf("count %d, model %d", m.d.count, len(m.model))
	}
	seen := 0
	m.sh.each(m.d, func(h handle) {
		seen++
		if _, ok := m.model[string(m.sh.key(m.sh.rec(h)))]; !ok {
			m.t.Fatalf("dict holds %.20q, not in the model", m.sh.key(m.sh.rec(h)))
		}
	})
	if seen != len(m.model) {
		m.t.Fatalf("iterated %d records, model %d", seen, len(m.model))
	}
	for k := range m.model {
		m.get([]byte(k))
	}
}

// randomKey returns one of n key names; one in 40 is longer than the
// largest chunk, so it lives in the object table.
func (m *modelShard) randomKey(n int) []byte {
	i := m.rng.IntN(n)
	if i%40 == 7 {
		return append(bytes.Repeat([]byte{'K'}, maxChunk+100+i%300), strconv.Itoa(i)...)
	}
	return []byte("key:" + strconv.Itoa(i))
}

// randomValue returns a short string, an integer, a string of a few
// hundred bytes, or (one in 30) a value too big for a chunk.
func (m *modelShard) randomValue() []byte {
	switch m.rng.IntN(30) {
	case 0:
		return bytes.Repeat([]byte{'v'}, maxChunk+m.rng.IntN(5000))
	case 1, 2, 3, 4, 5:
		return strconv.AppendInt(nil, m.rng.Int64N(1<<40)-1<<39, 10)
	case 6, 7:
		return bytes.Repeat([]byte{'w'}, 100+m.rng.IntN(2000))
	}
	return []byte("val-" + strconv.Itoa(m.rng.IntN(1000)))
}

// TestDictModel runs random inserts, overwrites, deletes and lookups on a
// shard against a Go map, through phases that grow the table to thousands
// of keys and shrink it back, so that rehashes are in progress during the
// operations.
func TestDictModel(t *testing.T) {
	m := &modelShard{t: t, sh: newTestShard(t, 1), model: map[string][]byte{}, rng: rand.New(rand.NewPCG(1, 2))}
	m.d = &m.sh.dbs[0]
	maxBuckets := 0
	for phase := 0; phase < 6; phase++ {
		keys := 200 + phase*1500
		// Grow: mostly writes.
		for len(m.model) < keys*6/10 {
			switch m.rng.IntN(10) {
			case 0:
				m.del(m.randomKey(keys))
			case 1, 2:
				m.get(m.randomKey(keys))
			default:
				m.set(m.randomKey(keys), m.randomValue())
			}
		}
		maxBuckets = max(maxBuckets, m.d.buckets())
		m.check()
		// Shrink: mostly deletes.
		for len(m.model) > 20 {
			switch m.rng.IntN(10) {
			case 0:
				m.set(m.randomKey(keys), m.randomValue())
			case 1, 2:
				m.get(m.randomKey(keys))
			default:
				for k := range m.model { // a key that exists
					m.del([]byte(k))
					break
				}
			}
		}
		m.check()
	}
	// Finish any rehash, then check the table did shrink.
	for m.d.rehashing() {
		m.sh.step(m.d)
	}
	if b := m.d.buckets(); b*8 > maxBuckets {
		t.Errorf("table has %d buckets with %d keys, had %d at most", b, m.d.count, maxBuckets)
	}
	for k := range m.model {
		m.del([]byte(k))
	}
	m.check()
	if m.sh.slab.inUse != 0 {
		t.Errorf("slab inUse %d after deleting every key", m.sh.slab.inUse)
	}
	if m.sh.objBytes != 0 {
		t.Errorf("object table holds %d bytes after deleting every key", m.sh.objBytes)
	}
	for i, o := range m.sh.objs {
		if o != nil {
			t.Fatalf("object %d still referenced", i)
		}
	}
}

// TestDictSetExpire moves records between the layouts with and without an
// expire field and checks the volatile list follows them.
func TestDictSetExpire(t *testing.T) {
	sh := newTestShard(t, 1)
	d := &sh.dbs[0]
	var hs []handle
	for i := 0; i < 500; i++ {
		key := []byte("k" + strconv.Itoa(i))
		h := sh.writeString(d, key, uint32(hashKey(key)), 0, []byte("value"), 0, 0)
		hs = append(hs, h)
	}
	for i, h := range hs {
		if i%2 == 0 {
			hs[i] = sh.setExpire(d, h, int64(1000+i))
		}
	}
	if len(d.vol) != 250 {
		t.Fatalf("vol has %d keys, want 250", len(d.vol))
	}
	for i, h := range hs {
		r := sh.rec(h)
		if r.hasExpire() != (i%2 == 0) || (r.hasExpire() && r.expireAt() != int64(1000+i)) {
			t.Fatalf("key %d: hasExpire %v", i, r.hasExpire())
		}
		if string(sh.key(r)) != "k"+strconv.Itoa(i) || string(r.val()) != "value" {
			t.Fatalf("key %d: record holds %q=%q", i, sh.key(r), r.val())
		}
		if r.hasExpire() && d.vol[r.volIdx()] != h {
			t.Fatalf("key %d: vol index does not point back", i)
		}
	}
	for i, h := range hs {
		hs[i] = sh.setExpire(d, h, 0)
	}
	if len(d.vol) != 0 {
		t.Fatalf("vol has %d keys after removing every expire time", len(d.vol))
	}
	for _, h := range hs {
		sh.remove(d, h)
	}
	if sh.slab.inUse != 0 || d.count != 0 {
		t.Fatalf("inUse %d, count %d after removing everything", sh.slab.inUse, d.count)
	}
}

// TestDictScan checks the reverse-binary cursor at the dict level: keys
// present for a whole scan are returned at least once while the table
// grows and shrinks between calls.
func TestDictScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	grew, shrank := 0, 0
	for round := 0; round < 6; round++ {
		sh := newTestShard(t, 1)
		d := &sh.dbs[0]
		next := 0
		var temps [][]byte
		add := func(key []byte) {
			sh.writeString(d, key, uint32(hashKey(key)), 0, []byte("v"), 0, 0)
		}
		addTemp := func() {
			key := []byte("temp:" + strconv.Itoa(next))
			next++
			add(key)
			temps = append(temps, key)
		}
		delTemp := func() {
			i := rng.IntN(len(temps))
			key := temps[i]
			temps[i] = temps[len(temps)-1]
			temps = temps[:len(temps)-1]
			sh.remove(d, sh.find(d, key, uint32(hashKey(key))))
		}
		stable := map[string]bool{}
		for i := 0; i < 100; i++ {
			k := "stable:" + strconv.Itoa(i)
			stable[k] = true
			add([]byte(k))
		}
		// Odd rounds start big and shrink first; even ones start small.
		grow := round%2 == 0
		if !grow {
			for i := 0; i < 3000; i++ {
				addTemp()
			}
		}
		seen := map[string]bool{}
		var cur uint64
		buckets := len(d.tab[0])
		for {
			cur = sh.scan(d, cur, func(h handle) { seen[string(sh.key(sh.rec(h)))] = true })
			if cur == 0 {
				break
			}
			// Churn between calls, swinging between a few keys and thousands.
			for j := 0; j < 20+rng.IntN(40); j++ {
				if grow {
					addTemp()
				} else if len(temps) > 0 {
					delTemp()
				}
			}
			if grow && len(temps) > 3000 || !grow && len(temps) == 0 {
				grow = !grow
			}
			if b := len(d.tab[0]); b > buckets {
				grew++
			} else if b < buckets {
				shrank++
			}
			buckets = len(d.tab[0])
		}
		for k := range stable {
			if !seen[k] {
				t.Fatalf("round %d: scan missed %s", round, k)
			}
		}
	}
	if grew == 0 || shrank == 0 {
		t.Fatalf("tables grew %d and shrank %d times during scans; want both", grew, shrank)
	}
	t.Logf("tables grew %d and shrank %d times during scans", grew, shrank)
}
