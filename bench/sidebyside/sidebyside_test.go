//go:build linux

package main

import (
	"errors"
	"os"
	"testing"
)

// A real redis-benchmark 7.0.15 --csv output.
const csvOut = `"test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
"MSET (10 keys)","39062.50","1.067","0.128","0.911","2.279","3.191","5.071"
`

func TestParseCSV(t *testing.T) {
	s, err := parseCSV([]byte(csvOut))
	if err != nil {
		t.Fatal(err)
	}
	if s.RPS != 39062.50 || s.P50 != 0.911 || s.P99 != 3.191 {
		t.Fatalf("got %+v", s)
	}
	if _, err := parseCSV([]byte("WARNING: Could not fetch server CONFIG\n")); err == nil {
		t.Fatal("no error for output without a result row")
	}
}

func TestFirstError(t *testing.T) {
	out := []byte("WARNING: Could not fetch server CONFIG\nError from server: ERR unknown command 'INCR', with args beginning with: 'counter:000000720887'\n")
	got := firstError(errors.New("exit status 1"), nil, out)
	if want := "Error from server: ERR unknown command 'INCR'"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if got := firstError(errors.New("exit status 1")); got != "exit status 1" {
		t.Fatalf("got %q", got)
	}
}

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{{[]float64{3}, 3}, {[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5}} {
		if got, ok := median(c.in); !ok || got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
	if _, ok := median(nil); ok {
		t.Error("median of nothing is ok")
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -45000: "-45,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestProcStats(t *testing.T) {
	pid := os.Getpid()
	if cpu, err := cpuSeconds(pid); err != nil || cpu < 0 {
		t.Fatalf("cpuSeconds = %v, %v", cpu, err)
	}
	if rss, err := rssBytes(pid); err != nil || rss <= 0 {
		t.Fatalf("rssBytes = %v, %v", rss, err)
	}
}

func TestShellJoin(t *testing.T) {
	got := shellJoin([]string{"redis-server", "--save", "", "--dir", "/tmp/a b"})
	if want := "redis-server --save '' --dir '/tmp/a b'"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
