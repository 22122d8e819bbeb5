//go:build linux

package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strconv"
	"strings"
	"time"
)

// workload is one redis-benchmark shape: pipeline depth and request count.
type workload struct {
	Name     string // "P1", "P16"
	Pipeline int
	Requests int
}

// sample is what one redis-benchmark run of one test measured on one
// server. Err is set when the run failed (unknown command, timeout, crash).
type sample struct {
	RPS      float64 // requests per second
	P50, P99 float64 // latency percentiles in milliseconds
	CPUus    float64 // server CPU microseconds per request
	Err      string
}

// benchArgv is the redis-benchmark command line for one test on port.
func (h *harness) benchArgv(port int, test string, w workload) []string {
	argv := append([]string{}, h.clientPrefix...)
	return append(argv, h.redisBenchmark,
		"-h", "127.0.0.1", "-p", strconv.Itoa(port),
		"-t", test,
		"-c", strconv.Itoa(h.clients),
		"-r", strconv.Itoa(h.keyspace),
		"-P", strconv.Itoa(w.Pipeline),
		"-n", strconv.Itoa(w.Requests),
		"--csv")
}

// runTest runs one test against s and measures the server's CPU time across
// the run.
func (h *harness) runTest(ctx context.Context, s *server, test string, w workload) sample {
	if !s.alive() {
		return sample{Err: "server exited"}
	}
	argv := h.benchArgv(s.port, test, w)
	h.logCommand(argv)
	pid := s.cmd.Process.Pid
	cpu0, err := cpuSeconds(pid)
	if err != nil {
		return sample{Err: "cpu: " + err.Error()}
	}
	start := time.Now()
	out, errOut, err := runWithTimeout(ctx, h.timeout, argv)
	elapsed := time.Since(start)
	cpu1, cerr := cpuSeconds(pid)
	if err != nil {
		return sample{Err: firstError(err, out, errOut)}
	}
	if cerr != nil {
		return sample{Err: "cpu: " + cerr.Error()}
	}
	r, perr := parseCSV(out)
	if perr != nil {
		return sample{Err: firstError(perr, out, errOut)}
	}
	r.CPUus = (cpu1 - cpu0) * 1e6 / float64(w.Requests)
	h.progress("%-7s %-5s %-4s %12.0f rps  p50 %6.3f ms  p99 %6.3f ms  cpu %6.2f µs/op  (%.1fs)",
		s.name, test, w.Name, r.RPS, r.P50, r.P99, r.CPUus, elapsed.Seconds())
	return r
}

// parseCSV reads redis-benchmark --csv output: a header line
// ("test","rps","avg_latency_ms",...,"p50_latency_ms",...,"p99_latency_ms",...)
// and one row per test. The columns are found by name.
func parseCSV(out []byte) (sample, error) {
	recs, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		return sample{}, err
	}
	col := map[string]int{}
	for _, rec := range recs {
		if len(rec) > 0 && rec[0] == "test" {
			for i, name := range rec {
				col[name] = i
			}
			continue
		}
		if len(col) == 0 || len(rec) < len(col) {
			continue
		}
		var s sample
		for name, dst := range map[string]*float64{"rps": &s.RPS, "p50_latency_ms": &s.P50, "p99_latency_ms": &s.P99} {
			i, ok := col[name]
			if !ok {
				return sample{}, errors.New("redis-benchmark CSV has no " + name + " column")
			}
			v, err := strconv.ParseFloat(rec[i], 64)
			if err != nil {
				return sample{}, errors.New("bad " + name + " value " + strconv.Quote(rec[i]))
			}
			*dst = v
		}
		if s.RPS <= 0 {
			return sample{}, errors.New("no requests completed")
		}
		return s, nil
	}
	return sample{}, errors.New("no CSV result row")
}

// firstError condenses a failed run into one line, preferring the server's
// error text ("Error from server: ERR unknown command ...").
func firstError(err error, outs ...[]byte) string {
	for _, b := range outs {
		for _, line := range strings.Split(string(b), "\n") {
			line = strings.TrimSpace(line)
			if i := strings.Index(line, "Error"); i >= 0 {
				// Drop the random key names so that rounds share one note.
				line, _, _ = strings.Cut(line[i:], ", with args beginning with")
				return truncate(line, 100)
			}
		}
	}
	return truncate(err.Error(), 100)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
