//go:build linux

package main

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// memResult is one server's memory use for the loaded keyspace.
type memResult struct {
	Keys       int64 // DBSIZE after the load; -1 when DBSIZE is missing
	RSSEmpty   int64 // VmRSS right after start
	RSSFull    int64 // VmRSS after the load
	UsedEmpty  int64 // INFO memory used_memory right after start; -1 missing
	UsedFull   int64 // used_memory after the load; -1 missing
	Err        string
	LoadSecond float64 // wall time of the load
}

// memArgv is the load command: SETs of 32-byte values over memKeys random
// keys ("key:%012d", 16 bytes), pipelined.
func (h *harness) memArgv(port int) []string {
	argv := append([]string{}, h.clientPrefix...)
	return append(argv, h.redisBenchmark,
		"-h", "127.0.0.1", "-p", strconv.Itoa(port),
		"-t", "set",
		"-c", strconv.Itoa(h.clients),
		"-n", strconv.Itoa(h.memRequests),
		"-r", strconv.Itoa(h.memKeys),
		"-d", "32", "-P", "16", "--csv")
}

// measureMemory starts a fresh server with start, measures it empty, loads
// the keyspace, measures again and stops it.
func (h *harness) measureMemory(ctx context.Context, start func() (*server, error)) memResult {
	s, err := start()
	if err != nil {
		return memResult{Err: err.Error(), Keys: -1, UsedEmpty: -1, UsedFull: -1}
	}
	defer s.stop()
	m := memResult{Keys: -1, UsedEmpty: -1, UsedFull: -1}
	time.Sleep(200 * time.Millisecond)
	pid := s.cmd.Process.Pid
	if m.RSSEmpty, err = rssBytes(pid); err != nil {
		m.Err = err.Error()
		return m
	}
	m.UsedEmpty = usedMemory(s.port)

	argv := h.memArgv(s.port)
	h.logCommand(argv)
	t0 := time.Now()
	out, errOut, err := runWithTimeout(ctx, h.timeout, argv)
	m.LoadSecond = time.Since(t0).Seconds()
	if err != nil {
		m.Err = firstError(err, out, errOut)
		return m
	}
	// Let background work (rehashing, a GC cycle) settle before measuring.
	time.Sleep(time.Second)
	if m.RSSFull, err = rssBytes(pid); err != nil {
		m.Err = err.Error()
		return m
	}
	m.UsedFull = usedMemory(s.port)
	if v, err := command(s.port, "DBSIZE"); err == nil {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			m.Keys = n
		}
	}
	h.progress("%-7s memory: %d keys, RSS %s -> %s, used_memory %s -> %s (load %.1fs)",
		s.name, m.Keys, mib(m.RSSEmpty), mib(m.RSSFull), mibOrMissing(m.UsedEmpty), mibOrMissing(m.UsedFull), m.LoadSecond)
	return m
}

// usedMemory returns INFO memory used_memory, or -1 when INFO, the memory
// section or the field is missing.
func usedMemory(port int) int64 {
	v, ok := infoField(port, "memory", "used_memory")
	if !ok {
		return -1
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil {
		return -1
	}
	return n
}

func mib(n int64) string {
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
}

func mibOrMissing(n int64) string {
	if n < 0 {
		return "missing"
	}
	return mib(n)
}
