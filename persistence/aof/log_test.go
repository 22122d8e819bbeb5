package aof

import (
	"bytes"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRoundTripEveryPolicy(t *testing.T) {
	for _, p := range []Fsync{FsyncNo, FsyncEverySec, FsyncAlways} {
		t.Run(p.String(), func(t *testing.T) {
			o := Options{Dir: t.TempDir(), Fsync: p}
			l := mustOpen(t, o)
			writeRecords(t, l, 0, 2000)
			st := l.Stats()
			if p == FsyncAlways && st.Fsyncs == 0 {
				t.Fatal("always: no fsync before Durable")
			}
			if p == FsyncNo && st.Fsyncs != 0 {
				t.Fatalf("no: %d fsyncs while running", st.Fsyncs)
			}
			if st.Durable != 2000 || st.Reserved != 2000 || !st.LastWriteOK {
				t.Fatalf("stats %+v", st)
			}
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
			got, res, err := loadAll(o, false)
			if err != nil {
				t.Fatal(err)
			}
			wantRecords(t, got, 0, 2000)
			if !res.Found || res.Records != 2000 || res.Truncated {
				t.Fatalf("result %+v", res)
			}
		})
	}
}

func TestEverySecSyncsInBackground(t *testing.T) {
	o := Options{Dir: t.TempDir(), Fsync: FsyncEverySec}
	l := mustOpen(t, o)
	defer l.Close()
	writeRecords(t, l, 0, 10)
	if n := l.Stats().Fsyncs; n != 0 {
		t.Fatalf("everysec synced in the write path: %d", n)
	}
	eventually(t, "the background fsync", func() bool { return l.Stats().Fsyncs >= 1 })
	n := l.Stats().Fsyncs
	time.Sleep(1500 * time.Millisecond)
	if m := l.Stats().Fsyncs; m != n {
		t.Fatalf("idle log synced again: %d -> %d", n, m)
	}
}

func TestOutOfOrderSubmitAndGaps(t *testing.T) {
	o := Options{Dir: t.TempDir(), Fsync: FsyncAlways, RingSlots: 64}
	l := mustOpen(t, o)
	a, b, c := l.Reserve(), l.Reserve(), l.Reserve()
	l.Submit(c, []byte("third"))
	l.Submit(b, nil) // a gap: nothing written
	time.Sleep(20 * time.Millisecond)
	if d := l.Durable(); d != 0 {
		t.Fatalf("Durable %d before seq %d was submitted", d, a)
	}
	var seen []uint64
	var mu sync.Mutex
	l.OnDurable(func(s uint64) { mu.Lock(); seen = append(seen, s); mu.Unlock() })
	l.Submit(a, []byte("first"))
	if err := l.WaitDurable(c); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	if len(seen) == 0 || seen[len(seen)-1] != c {
		t.Fatalf("OnDurable saw %v, want it to end at %d", seen, c)
	}
	mu.Unlock()

	// Many goroutines, random delays between Reserve and Submit, every
	// tenth seq a gap, a ring small enough to apply backpressure.
	const workers, each = 8, 500
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 1))
			for i := 0; i < each; i++ {
				seq := l.Reserve()
				if r.IntN(50) == 0 {
					time.Sleep(time.Duration(r.IntN(200)) * time.Microsecond)
				}
				if seq%10 == 0 {
					l.Submit(seq, nil)
				} else {
					l.Submit(seq, []byte("seq:"+strconv.FormatUint(seq, 10)))
				}
			}
		}(w)
	}
	wg.Wait()
	last := uint64(3 + workers*each)
	if err := l.WaitDurable(last); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	got, _, err := loadAll(o, false)
	if err != nil {
		t.Fatal(err)
	}
	if string(got[0]) != "first" || string(got[1]) != "third" {
		t.Fatalf("first records %q %q", got[0], got[1])
	}
	var seqs []uint64
	for _, g := range got[2:] {
		n, err := strconv.ParseUint(strings.TrimPrefix(string(g), "seq:"), 10, 64)
		if err != nil {
			t.Fatalf("record %q", g)
		}
		seqs = append(seqs, n)
	}
	if !sort.SliceIsSorted(seqs, func(i, j int) bool { return seqs[i] < seqs[j] }) {
		t.Fatal("records not in seq order")
	}
	want := 0
	for s := uint64(4); s <= last; s++ {
		if s%10 != 0 {
			want++
		}
	}
	if len(seqs) != want {
		t.Fatalf("%d records, want %d", len(seqs), want)
	}
}

func TestReopenAppends(t *testing.T) {
	o := Options{Dir: t.TempDir(), Fsync: FsyncEverySec}
	for round := 0; round < 3; round++ {
		if _, _, err := loadAll(o, false); err != nil {
			t.Fatal(err)
		}
		l := mustOpen(t, o)
		writeRecords(t, l, round*100, round*100+100)
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
	}
	got, res, err := loadAll(o, false)
	if err != nil {
		t.Fatal(err)
	}
	wantRecords(t, got, 0, 300)
	if res.IncrFiles != 1 {
		t.Fatalf("%d incr files, want 1", res.IncrFiles)
	}
}

func TestLargeRecordsAndWaitAfterClose(t *testing.T) {
	o := Options{Dir: t.TempDir(), Fsync: FsyncAlways, RingSlots: 4}
	l := mustOpen(t, o)
	big := bytes.Repeat([]byte("x"), 3<<20) // bigger than one batch and than maxSlotKeep
	for i := 0; i < 5; i++ {
		l.Submit(l.Reserve(), big)
	}
	if err := l.WaitDurable(5); err != nil {
		t.Fatal(err)
	}
	l.Close()
	if err := l.WaitDurable(6); err != ErrClosed {
		t.Fatalf("WaitDurable after Close = %v", err)
	}
	got, _, err := loadAll(o, false)
	if err != nil || len(got) != 5 || !bytes.Equal(got[4], big) {
		t.Fatalf("%d records, err %v", len(got), err)
	}
}

func TestParseFsync(t *testing.T) {
	for s, want := range map[string]Fsync{"always": FsyncAlways, "EverySec": FsyncEverySec, "no": FsyncNo} {
		if got, ok := ParseFsync(s); !ok || got != want || !strings.EqualFold(got.String(), s) {
			t.Fatalf("%q -> %v %v", s, got, ok)
		}
	}
	if _, ok := ParseFsync("sometimes"); ok {
		t.Fatal("accepted a bad policy")
	}
	if _, err := Open(Options{Dir: t.TempDir(), RingSlots: 3}); err == nil {
		t.Fatal("accepted RingSlots 3")
	}
}
