// Command persist measures Updraft's persistence against redis-server's on
// this machine, in one run (bench/README.md, "Persistence"):
//
//   - write throughput: redis-benchmark -t set -P 16 against each server
//     with appendonly no, appendfsync everysec and appendfsync always,
//     rounds interleaving the servers;
//   - snapshots: both servers filled with the same keys (DEBUG POPULATE),
//     then BGSAVE timed until it ends, the file size, and the time each
//     server takes to load its own file at start (and Updraft Redis's file).
//
// It prints a markdown report and writes it to -out.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

var (
	updraftBin = flag.String("updraft", "bin/updraft", "updraft binary")
	rounds     = flag.Int("rounds", 3, "rounds of the throughput runs")
	requests   = flag.Int("n", 1000000, "redis-benchmark -n of each throughput run")
	keys       = flag.Int("keys", 1000000, "keys of the snapshot test (DEBUG POPULATE)")
	valueSize  = flag.Int("d", 32, "value size of the snapshot test")
	eventLoops = flag.Int("event-loops", 1, "updraft --event-loops")
	out        = flag.String("out", "bench/results/persistence.md", "report file (\"\" for stdout only)")
)

// server is one running server process.
type server struct {
	name string
	port int
	dir  string
	cmd  *exec.Cmd
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// start runs redis-server or updraft on a fresh port in dir with args and
// waits until it answers PING; it returns how long that took.
func start(name, dir string, args ...string) (*server, time.Duration) {
	s := &server{name: name, port: freePort(), dir: dir}
	base := []string{"--port", strconv.Itoa(s.port), "--dir", dir, "--enable-debug-command", "yes"}
	if name == "redis" {
		s.cmd = exec.Command("redis-server", append(append(base, "--daemonize", "no", "--bind", "127.0.0.1"), args...)...)
	} else {
		s.cmd = exec.Command(*updraftBin, append(append(base, "--http-port", "0", "--event-loops", strconv.Itoa(*eventLoops)), args...)...)
	}
	t0 := time.Now()
	if err := s.cmd.Start(); err != nil {
		panic(err)
	}
	for {
		if out, err := cli(s, "PING"); err == nil && out == "PONG" {
			return s, time.Since(t0)
		}
		if time.Since(t0) > 10*time.Minute {
			panic(name + " did not start")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (s *server) stop() {
	_, _ = cli(s, "SHUTDOWN", "NOSAVE")
	_ = s.cmd.Wait()
}

func cli(s *server, args ...string) (string, error) {
	out, err := exec.Command("redis-cli", append([]string{"-p", strconv.Itoa(s.port)}, args...)...).Output()
	return strings.TrimSpace(string(out)), err
}

// info returns one field of INFO persistence.
func info(s *server, field string) string {
	out, _ := cli(s, "INFO", "persistence")
	for _, l := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), field+":"); ok {
			return v
		}
	}
	return ""
}

// setRPS runs the throughput workload and returns requests per second.
func setRPS(s *server) float64 {
	out, err := exec.Command("redis-benchmark", "-p", strconv.Itoa(s.port), "-t", "set", "-n", strconv.Itoa(*requests),
		"-P", "16", "-c", "50", "-r", "1000000", "--csv").Output()
	if err != nil {
		panic(err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		f := strings.Split(sc.Text(), ",")
		if len(f) > 1 && strings.Trim(f[0], `"`) == "SET" {
			v, _ := strconv.ParseFloat(strings.Trim(f[1], `"`), 64)
			return v
		}
	}
	panic("no SET line in redis-benchmark output: " + string(out))
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

func modeArgs(mode string) []string {
	if mode == "no" {
		return []string{"--save", "", "--appendonly", "no"}
	}
	return []string{"--save", "", "--appendonly", "yes", "--appendfsync", mode}
}

func main() {
	flag.Parse()
	var b strings.Builder
	host, _ := os.Hostname()
	fmt.Fprintf(&b, "# Persistence, Updraft vs Redis\n\n- date: %s, host %s, %d CPUs\n", time.Now().UTC().Format(time.RFC3339), host, cpus())
	rv, _ := exec.Command("redis-server", "--version").Output()
	uv, _ := exec.Command(*updraftBin, "--version").Output()
	fmt.Fprintf(&b, "- %s- %s", rv, uv)
	fmt.Fprintf(&b, "- command: `go run ./bench/persist %s`\n\n", strings.Join(os.Args[1:], " "))

	// Throughput.
	modes := []string{"no", "everysec", "always"}
	rps := map[string][]float64{}
	for r := 0; r < *rounds; r++ {
		for _, mode := range modes {
			for _, name := range []string{"redis", "updraft"} {
				dir, _ := os.MkdirTemp("", "persist-bench-")
				s, _ := start(name, dir, modeArgs(mode)...)
				v := setRPS(s)
				s.stop()
				os.RemoveAll(dir)
				rps[name+" "+mode] = append(rps[name+" "+mode], v)
				fmt.Fprintf(os.Stderr, "round %d %s %s: %.0f rps\n", r+1, name, mode, v)
			}
		}
	}
	fmt.Fprintf(&b, "## Writes: `redis-benchmark -t set -n %d -P 16 -c 50 -r 1000000`, event loops %d, %d rounds (medians; every round below)\n\n", *requests, *eventLoops, *rounds)
	b.WriteString("| appendfsync | Redis rps | Updraft rps | Updraft/Redis | Updraft/Updraft without log |\n|---|--:|--:|--:|--:|\n")
	for _, mode := range modes {
		ratios, own := []float64{}, []float64{}
		for i := range rps["redis "+mode] {
			ratios = append(ratios, rps["updraft "+mode][i]/rps["redis "+mode][i])
			own = append(own, rps["updraft "+mode][i]/rps["updraft no"][i])
		}
		label := mode
		if mode == "no" {
			label = "(appendonly no)"
		}
		fmt.Fprintf(&b, "| %s | %.0f | %.0f | %.2f | %.2f |\n", label, median(rps["redis "+mode]), median(rps["updraft "+mode]), median(ratios), median(own))
	}
	b.WriteString("\nEvery round:")
	for _, k := range []string{"redis no", "updraft no", "redis everysec", "updraft everysec", "redis always", "updraft always"} {
		fmt.Fprintf(&b, " %s %v;", k, intsOf(rps[k]))
	}
	b.WriteString("\n\n")

	// Snapshots.
	fmt.Fprintf(&b, "## Snapshots: %d keys (`DEBUG POPULATE %d key %d`)\n\n", *keys, *keys, *valueSize)
	b.WriteString("| server | BGSAVE s | file MB | load at start s | keys/s loaded |\n|---|--:|--:|--:|--:|\n")
	files := map[string]string{}
	for _, name := range []string{"redis", "updraft"} {
		dir, _ := os.MkdirTemp("", "persist-snap-")
		s, _ := start(name, dir, "--save", "", "--appendonly", "no")
		if out, err := cli(s, "DEBUG", "POPULATE", strconv.Itoa(*keys), "key", strconv.Itoa(*valueSize)); err != nil || out != "OK" {
			panic(fmt.Sprintf("%s DEBUG POPULATE: %q %v", name, out, err))
		}
		t0 := time.Now()
		cli(s, "BGSAVE")
		for info(s, "rdb_bgsave_in_progress") != "0" || info(s, "rdb_last_bgsave_status") == "" {
			time.Sleep(2 * time.Millisecond)
		}
		bgsave := time.Since(t0)
		s.stop()
		path := filepath.Join(dir, "dump.rdb")
		st, err := os.Stat(path)
		if err != nil {
			panic(err)
		}
		files[name] = path
		s2, load := start(name, dir, "--save", "", "--appendonly", "no")
		n, _ := cli(s2, "DBSIZE")
		s2.stop()
		fmt.Fprintf(&b, "| %s | %.2f | %.1f | %.2f | %s (DBSIZE %s) |\n", name, bgsave.Seconds(), float64(st.Size())/1e6, load.Seconds(),
			kps(*keys, load), n)
	}
	// Updraft loading Redis's own file.
	dir, _ := os.MkdirTemp("", "persist-cross-")
	data, _ := os.ReadFile(files["redis"])
	os.WriteFile(filepath.Join(dir, "dump.rdb"), data, 0o600)
	s, load := start("updraft", dir, "--save", "", "--appendonly", "no")
	n, _ := cli(s, "DBSIZE")
	s.stop()
	fmt.Fprintf(&b, "| updraft, Redis's file | | | %.2f | %s (DBSIZE %s) |\n", load.Seconds(), kps(*keys, load), n)
	b.WriteString("\nLoad time is from the process start until it answers PING (both load before serving).\n")
	for _, f := range files {
		os.RemoveAll(filepath.Dir(f))
	}
	os.RemoveAll(dir)

	fmt.Print(b.String())
	if *out != "" {
		if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}

func kps(n int, d time.Duration) string {
	return strconv.FormatFloat(float64(n)/d.Seconds(), 'f', 0, 64)
}

func intsOf(v []float64) []int {
	out := make([]int, len(v))
	for i, x := range v {
		out[i] = int(x)
	}
	return out
}

func cpus() int {
	out, err := exec.Command("nproc").Output()
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(string(out)))
	return n
}
