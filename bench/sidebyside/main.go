//go:build linux

// Command sidebyside benchmarks Updraft against redis-server on the same
// machine with the same redis-benchmark commands, interleaving the two
// servers round after round, and reports throughput, latency, server CPU
// per operation and memory per key as a markdown table.
//
// Usage (from the repository root, after make build):
//
//	go run ./bench/sidebyside [-rounds 3] [-event-loops 1,all] [-n 1000000] ...
//
// See bench/README.md for the method. It reads /proc, so it is Linux only.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// harness holds the settings and the command log of one invocation.
type harness struct {
	rounds         int
	clients        int
	keyspace       int // redis-benchmark -r
	requests       int // -n at pipeline 1
	requestsPipe   int // -n at pipeline 16
	tests          []string
	loops          []int
	memKeys        int
	memRequests    int
	timeout        time.Duration
	redisServer    string
	redisBenchmark string
	updraft        string
	redisArgs      []string
	updraftArgs    []string
	updraftPersist []string // the persistence-off flags updraft accepts
	serverPrefix   []string // e.g. taskset -c 0
	clientPrefix   []string
	out            string
	quiet          bool

	mu       sync.Mutex
	commands []string
	seen     map[string]bool
}

func main() {
	code := run()
	children.killAll()
	os.Exit(code)
}

func run() int {
	h := &harness{seen: map[string]bool{}}
	var tests, loops, redisArgs, updraftArgs, serverCPUs, clientCPUs string
	flag.IntVar(&h.rounds, "rounds", 3, "rounds; each round runs every test on Redis, then on Updraft")
	flag.IntVar(&h.clients, "c", 50, "redis-benchmark -c (parallel connections)")
	flag.IntVar(&h.keyspace, "r", 1000000, "redis-benchmark -r (random key space)")
	flag.IntVar(&h.requests, "n", 1000000, "redis-benchmark -n for the -P 1 runs")
	flag.IntVar(&h.requestsPipe, "n-pipeline", 4000000, "redis-benchmark -n for the -P 16 runs")
	flag.StringVar(&tests, "tests", "set,get,incr,mset", "tests, each run as its own redis-benchmark -t")
	flag.StringVar(&loops, "event-loops", "1", "comma-separated Updraft --event-loops settings; \"all\" is one per CPU")
	flag.IntVar(&h.memKeys, "mem-keys", 1000000, "memory test key space (-r); 0 skips the memory test")
	flag.IntVar(&h.memRequests, "mem-n", 0, "memory test SET requests (default 6 × -mem-keys, which sets 99.75% of the keys)")
	flag.DurationVar(&h.timeout, "timeout", 10*time.Minute, "time limit of each redis-benchmark run")
	flag.StringVar(&h.redisServer, "redis-server", "redis-server", "redis-server binary")
	flag.StringVar(&h.redisBenchmark, "redis-benchmark", "redis-benchmark", "redis-benchmark binary")
	flag.StringVar(&h.updraft, "updraft", "bin/updraft", "updraft binary")
	flag.StringVar(&redisArgs, "redis-args", "", "extra redis-server arguments (space-separated)")
	flag.StringVar(&updraftArgs, "updraft-args", "", "extra updraft arguments (space-separated)")
	flag.StringVar(&serverCPUs, "server-cpus", "", "run the servers under taskset -c LIST")
	flag.StringVar(&clientCPUs, "client-cpus", "", "run redis-benchmark under taskset -c LIST")
	flag.StringVar(&h.out, "out", "bench/results/latest.md", "also write the report here (\"\" for stdout only)")
	flag.BoolVar(&h.quiet, "q", false, "no progress lines on stderr")
	flag.Parse()

	if err := h.setup(tests, loops, redisArgs, updraftArgs, serverCPUs, clientCPUs); err != nil {
		fmt.Fprintln(os.Stderr, "sidebyside:", err)
		return 2
	}
	dir, err := os.MkdirTemp("", "updraft-bench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "sidebyside:", err)
		return 1
	}
	defer os.RemoveAll(dir)

	// Ctrl-C, SIGTERM, a hang-up or a closed output pipe: kill every child
	// at once, remove the data directories and leave.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGPIPE)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		s := <-sig
		cancel()
		children.killAll()
		os.RemoveAll(dir)
		fmt.Fprintf(os.Stderr, "\nsidebyside: %v: servers and clients killed\n", s)
		os.Exit(130)
	}()

	h.probeUpdraftPersistence(dir)
	var sections []string
	for _, n := range h.loops {
		r := h.runConfig(ctx, dir, n)
		md := r.markdown(h)
		fmt.Print(md)
		sections = append(sections, md)
	}
	report := "# Updraft vs Redis, side by side\n\n" + machine(h) + "\n" + strings.Join(sections, "") +
		"## Command lines\n\n```\n" + strings.Join(h.commands, "\n") + "\n```\n"
	if h.out != "" {
		if err := os.MkdirAll(filepath.Dir(h.out), 0o755); err == nil {
			err = os.WriteFile(h.out, []byte(report), 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "sidebyside:", err)
			return 1
		}
		h.progress("report written to %s", h.out)
	}
	return 0
}

// setup validates the flags and fills the derived settings.
func (h *harness) setup(tests, loops, redisArgs, updraftArgs, serverCPUs, clientCPUs string) error {
	if h.rounds < 1 || h.clients < 1 || h.keyspace < 1 || h.requests < 1 || h.requestsPipe < 1 {
		return errors.New("-rounds, -c, -r, -n and -n-pipeline must be positive")
	}
	for _, t := range strings.Split(tests, ",") {
		if t = strings.TrimSpace(strings.ToLower(t)); t != "" {
			h.tests = append(h.tests, t)
		}
	}
	if len(h.tests) == 0 {
		return errors.New("-tests is empty")
	}
	for _, l := range strings.Split(loops, ",") {
		l = strings.TrimSpace(l)
		if l == "all" {
			h.loops = append(h.loops, runtime.NumCPU())
			continue
		}
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			return fmt.Errorf("-event-loops: %q is not a positive number or \"all\"", l)
		}
		h.loops = append(h.loops, n)
	}
	if h.memRequests == 0 {
		h.memRequests = 6 * h.memKeys
	}
	h.redisArgs = strings.Fields(redisArgs)
	h.updraftArgs = strings.Fields(updraftArgs)
	if serverCPUs != "" {
		h.serverPrefix = []string{"taskset", "-c", serverCPUs}
	}
	if clientCPUs != "" {
		h.clientPrefix = []string{"taskset", "-c", clientCPUs}
	}
	if abs, err := filepath.Abs(h.updraft); err == nil {
		h.updraft = abs
	}
	if _, err := os.Stat(h.updraft); err != nil {
		return fmt.Errorf("updraft binary: %w (run make build)", err)
	}
	return nil
}

// redisArgv is the redis-server command line on port.
func (h *harness) redisArgv(dir string) func(int) []string {
	return func(port int) []string {
		dir := freshDir(dir, "redis", port)
		argv := append([]string{}, h.serverPrefix...)
		argv = append(argv, h.redisServer, "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
			"--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir)
		argv = append(argv, h.redisArgs...)
		h.logCommand(argv)
		return argv
	}
}

// updraftArgv is the updraft command line on port with n event loops.
func (h *harness) updraftArgv(dir string, n int) func(int) []string {
	return func(port int) []string {
		dir := freshDir(dir, "updraft", port)
		argv := append([]string{}, h.serverPrefix...)
		argv = append(argv, h.updraft, "--port", strconv.Itoa(port), "--dir", dir,
			"--event-loops", strconv.Itoa(n))
		argv = append(argv, h.updraftPersist...)
		argv = append(argv, h.updraftArgs...)
		h.logCommand(argv)
		return argv
	}
}

// freshDir creates and returns an empty data directory for one server, so
// that no server loads what an earlier one left.
func freshDir(root, name string, port int) string {
	dir := filepath.Join(root, name+"-"+strconv.Itoa(port))
	_ = os.MkdirAll(dir, 0o755)
	return dir
}

// probeUpdraftPersistence keeps the persistence-off flags Redis runs with
// ("--save" with an empty value, "--appendonly no") that this updraft build
// accepts, so that both servers run without snapshots or an append-only
// file once Updraft has them; a build that does not know a flag has no such
// work to turn off.
func (h *harness) probeUpdraftPersistence(dir string) {
	for _, flags := range [][]string{{"--save", ""}, {"--appendonly", "no"}} {
		s, err := startServer("Updraft", dir, func(port int) []string {
			return append([]string{h.updraft, "--port", strconv.Itoa(port), "--dir", freshDir(dir, "probe", port)}, flags...)
		})
		if err == nil {
			s.stop()
			h.updraftPersist = append(h.updraftPersist, flags...)
		} else {
			h.progress("updraft does not accept %s: running without it", shellJoin(flags))
		}
	}
}

// runConfig measures one Updraft event-loop setting: the throughput rounds
// on one pair of servers, then memory on fresh servers.
func (h *harness) runConfig(ctx context.Context, dir string, loops int) *configResult {
	r := &configResult{Runs: map[cell][]roundPair{}}
	r.Title = fmt.Sprintf("Updraft --event-loops %d", loops)
	if loops == runtime.NumCPU() {
		r.Title += " (all cores)"
	} else if loops == 1 {
		r.Title += " (per-core comparison)"
	}
	h.progress("== %s", r.Title)
	workloads := []workload{{"P1", 1, h.requests}, {"P16", 16, h.requestsPipe}}
	for _, w := range workloads {
		for _, t := range h.tests {
			r.Cells = append(r.Cells, cell{w.Name, t})
		}
	}

	redis, err := startServer("Redis", dir, h.redisArgv(dir))
	if err != nil {
		r.Err = err.Error()
		return r
	}
	updraft, err := startServer("Updraft", dir, h.updraftArgv(dir, loops))
	if err != nil {
		redis.stop()
		r.Err = err.Error()
		return r
	}
	servers := [2]*server{redis, updraft}
	for round := 1; round <= h.rounds && ctx.Err() == nil; round++ {
		h.progress("-- round %d/%d", round, h.rounds)
		for _, w := range workloads {
			for _, t := range h.tests {
				var p roundPair
				for i, s := range servers {
					p[i] = h.runTest(ctx, s, t, w)
				}
				c := cell{w.Name, t}
				r.Runs[c] = append(r.Runs[c], p)
			}
		}
	}
	redis.stop()
	updraft.stop()

	if h.memKeys > 0 && ctx.Err() == nil {
		r.Mem[0] = h.measureMemory(ctx, func() (*server, error) { return startServer("Redis", dir, h.redisArgv(dir)) })
		r.Mem[1] = h.measureMemory(ctx, func() (*server, error) { return startServer("Updraft", dir, h.updraftArgv(dir, loops)) })
	}
	return r
}

// logCommand records a command line for the report, once.
func (h *harness) logCommand(argv []string) {
	line := shellJoin(argv)
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.seen[line] {
		h.seen[line] = true
		h.commands = append(h.commands, line)
	}
}

// progress prints a timestamped line on stderr.
func (h *harness) progress(format string, args ...any) {
	if h.quiet {
		return
	}
	fmt.Fprintf(os.Stderr, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}
