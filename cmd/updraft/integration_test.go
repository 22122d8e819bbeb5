package main

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/updraftdb/updraft/internal/servertest"
)

// binary returns the updraft binary under test: $UPDRAFT_BIN (set by `make
// test-unit`), or one built into the test's temporary directory.
func binary(t *testing.T) string {
	t.Helper()
	if b := os.Getenv("UPDRAFT_BIN"); b != "" {
		if _, err := os.Stat(b); err != nil {
			t.Fatalf("UPDRAFT_BIN: %v", err)
		}
		return b
	}
	bin := filepath.Join(t.TempDir(), "updraft")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// proc is a running updraft process with its output captured.
type proc struct {
	cmd    *exec.Cmd
	mu     sync.Mutex
	stdout bytes.Buffer
	stderr bytes.Buffer
	lines  chan string // stdout lines as they come
	done   chan struct{}
	err    error // Wait's result, once done is closed
}

func (p *proc) output() (string, string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stdout.String(), p.stderr.String()
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (w lockedWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(b)
}

// start runs the binary with args; the process is killed when the test
// ends if it is still running.
func start(t *testing.T, bin string, args ...string) *proc {
	t.Helper()
	if !slices.Contains(args, "--http-port") {
		// Parallel servers would all claim the REST API's default 8080.
		args = append(args, "--http-port", "0")
	}
	p := &proc{cmd: exec.Command(bin, args...), lines: make(chan string, 100), done: make(chan struct{})}
	p.cmd.Dir = t.TempDir() // the data directory: the log, dump.rdb, REST tokens
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p.cmd.Stderr = lockedWriter{&p.mu, &p.stderr}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			p.mu.Lock()
			p.stdout.WriteString(sc.Text() + "\n")
			p.mu.Unlock()
			select {
			case p.lines <- sc.Text():
			default:
			}
		}
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// waitLine waits for a stdout line containing s.
func (p *proc) waitLine(t *testing.T, s string, timeout time.Duration) string {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case l := <-p.lines:
			if strings.Contains(l, s) {
				return l
			}
		case <-p.done:
			o, e := p.output()
			t.Fatalf("updraft exited (%v) before printing %q\nstdout:\n%s\nstderr:\n%s", p.err, s, o, e)
		case <-deadline:
			o, e := p.output()
			t.Fatalf("no %q line within %v\nstdout:\n%s\nstderr:\n%s", s, timeout, o, e)
		}
	}
}

// wait waits for the process to exit and returns its exit code.
func (p *proc) wait(t *testing.T, timeout time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(timeout):
		t.Fatalf("updraft did not exit within %v", timeout)
	}
	var ee *exec.ExitError
	if errors.As(p.err, &ee) {
		return ee.ExitCode()
	}
	if p.err != nil {
		t.Fatal(p.err)
	}
	return 0
}

func cli(t *testing.T, port int, stdin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(servertest.Tool(t, "redis-cli"), append([]string{"-p", strconv.Itoa(port)}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("redis-cli %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// TestBinary runs the server binary as a user would: startup output,
// redis-benchmark, redis-cli, and a clean exit on SIGTERM.
func TestBinary(t *testing.T) {
	benchmark := servertest.Tool(t, "redis-benchmark")
	servertest.Tool(t, "redis-cli")
	bin := binary(t)
	port := servertest.FreePort(t)
	dir := filepath.Join(t.TempDir(), "data")
	p := start(t, bin, "--port", strconv.Itoa(port), "--dir", dir)
	ready := p.waitLine(t, "Ready to accept connections", 10*time.Second)
	if addr := "127.0.0.1:" + strconv.Itoa(port); !strings.Contains(ready, addr) {
		t.Fatalf("startup line %q does not name %s", ready, addr)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Fatalf("--dir %s was not created: %v", dir, err)
	}

	t.Run("redis-benchmark", func(t *testing.T) {
		cmd := exec.Command(benchmark, "-p", strconv.Itoa(port), "-q", "-n", "20000", "-t", "ping,set,get,incr,mset")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("redis-benchmark: %v\n%s", err, out)
		}
		// -q prints progress lines ending in '\r' and a final line per test.
		results := map[string]float64{}
		re := regexp.MustCompile(`^([A-Z_]+(?: \([^)]*\))?): ([0-9.]+) requests per second`)
		for _, line := range strings.FieldsFunc(string(out), func(r rune) bool { return r == '\r' || r == '\n' }) {
			if m := re.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
				rps, _ := strconv.ParseFloat(m[2], 64)
				results[m[1]] = rps
			}
		}
		for _, test := range []string{"PING_INLINE", "PING_MBULK", "SET", "GET", "INCR", "MSET (10 keys)"} {
			if rps, ok := results[test]; !ok || rps <= 0 {
				t.Errorf("no requests-per-second figure for %s\noutput:\n%s", test, out)
			}
		}
		t.Logf("%v", results)
	})

	t.Run("redis-cli", func(t *testing.T) {
		if got := cli(t, port, "", "ping"); got != "PONG\n" {
			t.Errorf("ping: %q", got)
		}
		if got := cli(t, port, "", "set", "greeting", "hello world"); got != "OK\n" {
			t.Errorf("set: %q", got)
		}
		if got := cli(t, port, "", "get", "greeting"); got != "hello world\n" {
			t.Errorf("get: %q", got)
		}
		if got := cli(t, port, "", "--no-raw", "get", "greeting"); got != "\"hello world\"\n" {
			t.Errorf("get --no-raw: %q", got)
		}
		// Commands read from a pipe, one per line.
		in := "set counter 1\nincr counter\nget counter\nmget counter nokey\n"
		if got := cli(t, port, in); got != "OK\n2\n2\n2\n\n" {
			t.Errorf("piped: %q", got)
		}
		want := "OK\n(integer) 2\n\"2\"\n1) \"2\"\n2) (nil)\n"
		if got := cli(t, port, in, "--no-raw"); got != want {
			t.Errorf("piped --no-raw: %q, want %q", got, want)
		}
		if got := cli(t, port, "", "--no-raw", "incr", "greeting"); got != "(error) ERR value is not an integer or out of range\n" {
			t.Errorf("error reply: %q", got)
		}
	})

	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := p.wait(t, 15*time.Second); code != 0 {
		o, e := p.output()
		t.Fatalf("exit code %d after SIGTERM\nstdout:\n%s\nstderr:\n%s", code, o, e)
	}
	if o, e := p.output(); !strings.Contains(o, "bye bye") {
		t.Fatalf("no \"bye bye\" line on exit\nstdout:\n%s\nstderr:\n%s", o, e)
	}
}

// TestConfigFileAndOptions checks the redis-server conventions: a config
// file, --name value pairs after it (the later setting wins), and a fatal
// error with exit code 1 for an unknown directive.
func TestConfigFileAndOptions(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	port := servertest.FreePort(t)
	conf := filepath.Join(dir, "updraft.conf")
	text := "# a comment\nport " + strconv.Itoa(servertest.FreePort(t)) + "\ndatabases 4\n"
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("file then options", func(t *testing.T) {
		servertest.Tool(t, "redis-cli")
		p := start(t, bin, conf, "--port", strconv.Itoa(port), "--dir", filepath.Join(dir, "data"))
		p.waitLine(t, "127.0.0.1:"+strconv.Itoa(port), 10*time.Second)
		if got := cli(t, port, "", "config", "get", "databases"); got != "databases\n4\n" {
			t.Errorf("config get databases: %q", got)
		}
		if got := cli(t, port, "", "select", "4"); got != "ERR DB index is out of range\n\n" { // raw mode adds a blank line after an error
			t.Errorf("select 4: %q", got)
		}
		// SHUTDOWN stops the server like SIGTERM, with no reply: redis-cli
		// prints nothing and exits 0 when the connection closes.
		if got := cli(t, port, "", "shutdown", "nosave"); got != "" {
			t.Errorf("shutdown replied %q", got)
		}
		if code := p.wait(t, 15*time.Second); code != 0 {
			t.Fatalf("exit code %d after SHUTDOWN", code)
		}
		if o, e := p.output(); !strings.Contains(o, "bye bye") {
			t.Fatalf("no \"bye bye\" line after SHUTDOWN\nstdout:\n%s\nstderr:\n%s", o, e)
		}
	})

	t.Run("unknown directive in file", func(t *testing.T) {
		bad := filepath.Join(dir, "bad.conf")
		if err := os.WriteFile(bad, []byte("port "+strconv.Itoa(port)+"\nnosuchdirective yes\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, stderr := runFatal(t, bin, bad)
		if code != 1 {
			t.Fatalf("exit code %d, want 1", code)
		}
		want := []string{"Reading the configuration file, at line 2", ">>> 'nosuchdirective yes'", "Bad directive or wrong number of arguments"}
		if redis, err := exec.LookPath("redis-server"); err == nil {
			// Everything after the banner is word for word redis-server's.
			_, redisErr := runFatal(t, redis, bad)
			want = fatalLines(redisErr)
		}
		if got := fatalLines(stderr); !equal(got, want) || !strings.HasPrefix(stderr, "*** FATAL CONFIG FILE ERROR") {
			t.Fatalf("stderr:\n%s\nwant after the banner:\n%s", stderr, strings.Join(want, "\n"))
		}
	})

	t.Run("unknown option", func(t *testing.T) {
		code, stderr := runFatal(t, bin, "--port", strconv.Itoa(port), "--nosuchoption", "1")
		if code != 1 || !strings.Contains(stderr, "FATAL CONFIG FILE ERROR") || !strings.Contains(stderr, "Bad directive or wrong number of arguments") {
			t.Fatalf("exit code %d, stderr:\n%s", code, stderr)
		}
	})

	t.Run("missing config file", func(t *testing.T) {
		code, stderr := runFatal(t, bin, filepath.Join(dir, "nonexistent.conf"))
		if code != 1 || !strings.Contains(stderr, "FATAL CONFIG FILE ERROR") {
			t.Fatalf("exit code %d, stderr:\n%s", code, stderr)
		}
	})
}

// runFatal runs a server expected to refuse to start, and returns its exit
// code and standard error.
func runFatal(t *testing.T, bin string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode(), stderr.String()
		}
		return 0, stderr.String()
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("%s %v kept running; stderr:\n%s", bin, args, stderr.String())
		return 0, ""
	}
}

// fatalLines returns the non-empty lines after the "*** FATAL" banner.
func fatalLines(s string) []string {
	var out []string
	seen := false
	for _, l := range strings.Split(s, "\n") {
		switch {
		case strings.HasPrefix(l, "*** FATAL CONFIG FILE ERROR"):
			seen = true
		case seen && strings.TrimSpace(l) != "":
			out = append(out, l)
		}
	}
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
