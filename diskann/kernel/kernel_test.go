package kernel

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// eachImpl runs f once per implementation this CPU supports, with that
// implementation selected, and restores the start-up choice afterwards.
func eachImpl(t *testing.T, f func(t *testing.T)) {
	saved := impl
	defer func() { impl = saved }()
	for _, name := range Available() {
		if err := Use(name); err != nil {
			t.Fatalf("Use(%q): %v", name, err)
		}
		t.Run(name, f)
	}
}

func TestKnownValues(t *testing.T) {
	cases := []struct {
		name          string
		a, b          []float32
		l2, dot, cosd float32
	}{
		{"empty", nil, nil, 0, 0, 1},
		{"one", []float32{3}, []float32{-1}, 16, -3, 2},
		{"three", []float32{1, 2, 3}, []float32{4, 6, 8}, 50, 40, 1 - 40/float32(math.Sqrt(14*116))},
		{"same", []float32{1, -2, 3, 4, 5}, []float32{1, -2, 3, 4, 5}, 0, 55, 0},
		{"orthogonal", []float32{1, 0, 0, 0, 0, 0, 0, 0, 0}, []float32{0, 1, 0, 0, 0, 0, 0, 0, 0}, 2, 0, 1},
		{"zero vector", []float32{0, 0, 0}, []float32{1, 2, 3}, 14, 0, 1},
	}
	eachImpl(t, func(t *testing.T) {
		for _, c := range cases {
			if got := L2Squared(c.a, c.b); !close32(got, c.l2, 1e-6*(1+c.l2)) {
				t.Errorf("%s: L2Squared = %v, want %v", c.name, got, c.l2)
			}
			if got := Dot(c.a, c.b); !close32(got, c.dot, 1e-6*(1+abs32(c.dot))) {
				t.Errorf("%s: Dot = %v, want %v", c.name, got, c.dot)
			}
			if got := CosineDistance(c.a, c.b); !close32(got, c.cosd, 1e-6) {
				t.Errorf("%s: CosineDistance = %v, want %v", c.name, got, c.cosd)
			}
		}
		if got := Norm([]float32{3, 4}); got != 5 {
			t.Errorf("Norm(3,4) = %v, want 5", got)
		}
		if got := Norm(nil); got != 0 {
			t.Errorf("Norm(nil) = %v, want 0", got)
		}
	})
}

// TestRandomAgainstFloat64 compares every kernel of every implementation
// with a float64 reference for all lengths 0..1000 (odd tails included)
// and magnitudes from 1e-3 to 1e3, within an error proportional to the
// sum of the magnitudes of the terms.
func TestRandomAgainstFloat64(t *testing.T) {
	eachImpl(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		a := make([]float32, 1001)
		b := make([]float32, 1001)
		for n := 0; n <= 1000; n++ {
			scale := math.Pow(10, float64(n%7)-3)
			for i := 0; i < n; i++ {
				a[i] = float32(rng.NormFloat64() * scale)
				b[i] = float32(rng.NormFloat64() * scale)
			}
			if n%5 == 0 && n > 0 { // near neighbours: b = a + small noise
				for i := 0; i < n; i++ {
					b[i] = a[i] + float32(rng.NormFloat64()*scale*1e-3)
				}
			}
			x, y := a[:n], b[:n]
			var l2, dot, absDot, aa float64
			for i := range x {
				d := float64(x[i]) - float64(y[i])
				l2 += d * d
				p := float64(x[i]) * float64(y[i])
				dot += p
				absDot += math.Abs(p)
				aa += float64(x[i]) * float64(x[i])
			}
			if got := float64(L2Squared(x, y)); math.Abs(got-l2) > 2e-6*l2+1e-30 {
				t.Fatalf("n=%d L2Squared = %g, want %g (rel err %g)", n, got, l2, math.Abs(got-l2)/l2)
			}
			if got := float64(Dot(x, y)); math.Abs(got-dot) > 2e-6*absDot+1e-30 {
				t.Fatalf("n=%d Dot = %g, want %g", n, got, dot)
			}
			if got, want := float64(Norm(x)), math.Sqrt(aa); math.Abs(got-want) > 2e-6*want+1e-30 {
				t.Fatalf("n=%d Norm = %g, want %g", n, got, want)
			}
		}
	})
}

// TestSIMDMatchesPortable checks each SIMD implementation directly against
// the portable one on random data of every length up to 1000.
func TestSIMDMatchesPortable(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	a := make([]float32, 1000)
	b := make([]float32, 1000)
	for i := range a {
		a[i] = float32(rng.NormFloat64())
		b[i] = float32(rng.NormFloat64())
	}
	for _, k := range supported() {
		for n := 0; n <= len(a); n++ {
			x, y := a[:n], b[:n]
			want, got := portable.l2sq(x, y), k.l2sq(x, y)
			if !close32(got, want, 2e-6*want) {
				t.Fatalf("%s n=%d: l2sq %v, portable %v", k.name, n, got, want)
			}
			want, got = portable.dot(x, y), k.dot(x, y)
			if !close32(got, want, 2e-6*portable.l2sq(x, nil2(n))) {
				t.Fatalf("%s n=%d: dot %v, portable %v", k.name, n, got, want)
			}
		}
	}
}

// nil2 returns n zeros, so l2sq(x, nil2(n)) is ||x||², a scale for dot's error.
func nil2(n int) []float32 { return make([]float32, n) }

func TestRows(t *testing.T) {
	eachImpl(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(5, 6))
		const d, n = 13, 7
		q := make([]float32, d)
		rows := make([]float32, d*n)
		for i := range q {
			q[i] = rng.Float32()
		}
		for i := range rows {
			rows[i] = rng.Float32()
		}
		l2 := make([]float32, n)
		dot := make([]float32, n)
		L2SquaredRows(q, rows, l2)
		DotRows(q, rows, dot)
		for i := 0; i < n; i++ {
			r := rows[i*d : (i+1)*d]
			if l2[i] != L2Squared(q, r) || dot[i] != Dot(q, r) {
				t.Fatalf("row %d: rows form (%v, %v) differs from single (%v, %v)", i, l2[i], dot[i], L2Squared(q, r), Dot(q, r))
			}
		}
	})
}

func TestNoAllocations(t *testing.T) {
	a := make([]float32, 784)
	b := make([]float32, 784)
	out := make([]float32, 4)
	rows := make([]float32, 4*784)
	eachImpl(t, func(t *testing.T) {
		n := testing.AllocsPerRun(100, func() {
			L2Squared(a, b)
			Dot(a, b)
			Norm(a)
			CosineDistance(a, b)
			L2SquaredRows(a, rows, out)
			DotRows(a, rows, out)
		})
		if n != 0 {
			t.Fatalf("%v allocations per run, want 0", n)
		}
	})
}

func TestSelection(t *testing.T) {
	list := []kernels{avx2, portable}
	if got := choose("go", list).name; got != "go" {
		t.Errorf(`choose("go") = %q`, got)
	}
	if got := choose("", list).name; got != "avx2" {
		t.Errorf(`choose("") = %q, want the fastest`, got)
	}
	if got := choose("bogus", []kernels{portable}).name; got != "go" {
		t.Errorf(`choose("bogus") = %q, want go`, got)
	}
	if err := Use("bogus"); !errors.Is(err, ErrUnsupported) {
		t.Errorf("Use(bogus) = %v, want ErrUnsupported", err)
	}
	if av := Available(); av[len(av)-1] != "go" {
		t.Errorf("Available() = %v, want the portable one last", av)
	}
	if Impl() != Available()[0] && Impl() != "go" {
		t.Errorf("Impl() = %q, not a supported implementation", Impl())
	}
}

func close32(got, want, tol float32) bool {
	return abs32(got-want) <= tol || got == want
}

func abs32(x float32) float32 { return float32(math.Abs(float64(x))) }
