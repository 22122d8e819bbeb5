package engine

import "testing"

// The packed blobs grow to their size class, not by doubling, and give
// space back when they shrink a lot.
func TestPackedGrowth(t *testing.T) {
	b := allocPacked(0)
	for i := 0; i < 300; i++ {
		old := cap(b)
		b = growPacked(b, 1)
		b[len(b)-1] = byte(i)
		if cap(b) != old && cap(b) != cap(allocPacked(len(b))) {
			t.Fatalf("len %d: grew to cap %d, size class is %d", len(b), cap(b), cap(allocPacked(len(b))))
		}
	}
	for _, c := range []struct{ n, want int }{{1, 8}, {15, 16}, {17, 24}, {33, 48}, {80, 80}, {81, 96}, {129, 144}} {
		if got := cap(allocPacked(c.n)); got != c.want {
			t.Errorf("allocPacked(%d): cap %d, want %d", c.n, got, c.want)
		}
	}
	for i := range b {
		if b[i] != byte(i) {
			t.Fatalf("byte %d lost in growth", i)
		}
	}
	s := shrinkPacked(b[:10])
	if cap(s) != 16 || string(s) != string(b[:10]) {
		t.Fatalf("shrinkPacked: cap %d, content %v", cap(s), s)
	}
	if r := reservePacked(b[:10:10], 5); len(r) != 10 || cap(r) < 15 {
		t.Fatalf("reservePacked: len %d cap %d", len(r), cap(r))
	}
}
