//go:build linux

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// reaper remembers every external process the harness starts so that all of
// them are killed on exit, on an error and on Ctrl-C.
type reaper struct {
	mu    sync.Mutex
	procs map[int]*exec.Cmd
}

var children = reaper{procs: map[int]*exec.Cmd{}}

// prepare puts cmd in its own process group (so the whole group can be
// killed, and a terminal's Ctrl-C reaches only the harness, which then
// kills it) and asks the kernel to kill it if the harness dies.
func prepare(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

func (r *reaper) add(cmd *exec.Cmd) {
	r.mu.Lock()
	r.procs[cmd.Process.Pid] = cmd
	r.mu.Unlock()
}

func (r *reaper) remove(cmd *exec.Cmd) {
	r.mu.Lock()
	delete(r.procs, cmd.Process.Pid)
	r.mu.Unlock()
}

// killAll sends SIGKILL to the process group of every process still running.
func (r *reaper) killAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for pid := range r.procs {
		_ = syscall.Kill(-pid, syscall.SIGKILL)
	}
	r.procs = map[int]*exec.Cmd{}
}

// server is one running server process (redis-server or updraft).
type server struct {
	name    string // "Redis" or "Updraft"
	argv    []string
	port    int
	cmd     *exec.Cmd
	logPath string
	exited  chan struct{}
	waitErr error
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// startServer runs build(port) on a free port, waits until it answers PING
// and returns it. It retries on another port when the first one was taken
// in the meantime.
func startServer(name, dir string, build func(port int) []string) (*server, error) {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		argv := build(port)
		s := &server{name: name, argv: argv, port: port, exited: make(chan struct{}),
			logPath: filepath.Join(dir, fmt.Sprintf("%s-%d.log", strings.ToLower(name), port))}
		logf, err := os.Create(s.logPath)
		if err != nil {
			return nil, err
		}
		s.cmd = exec.Command(argv[0], argv[1:]...)
		s.cmd.Dir = dir
		s.cmd.Stdout, s.cmd.Stderr = logf, logf
		prepare(s.cmd)
		if err := s.cmd.Start(); err != nil {
			logf.Close()
			return nil, fmt.Errorf("start %s: %w", name, err)
		}
		children.add(s.cmd)
		go func() {
			s.waitErr = s.cmd.Wait()
			logf.Close()
			close(s.exited)
		}()
		if err := s.waitReady(10 * time.Second); err != nil {
			lastErr = fmt.Errorf("%s on port %d: %w\n%s", name, port, err, s.logTail())
			s.stop()
			continue
		}
		return s, nil
	}
	return nil, lastErr
}

// waitReady polls PING until the server answers PONG.
func (s *server) waitReady(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case <-s.exited:
			return fmt.Errorf("exited: %v", s.waitErr)
		default:
		}
		if v, err := command(s.port, "PING"); err == nil && v == "PONG" {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return errors.New("no PONG within " + limit.String())
}

// alive reports whether the process is still running.
func (s *server) alive() bool {
	select {
	case <-s.exited:
		return false
	default:
		return true
	}
}

// stop kills the server's process group and waits for it.
func (s *server) stop() {
	if s == nil || s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
	select {
	case <-s.exited:
	case <-time.After(5 * time.Second):
	}
	children.remove(s.cmd)
}

// logTail returns the end of the server's log, for error messages.
func (s *server) logTail() string {
	b, _ := os.ReadFile(s.logPath)
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}

// clockTicks is sysconf(_SC_CLK_TCK), the unit of /proc/<pid>/stat times.
var clockTicks = func() float64 {
	out, err := exec.Command("getconf", "CLK_TCK").Output()
	if err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(string(out))); err == nil && n > 0 {
			return float64(n)
		}
	}
	return 100
}()

// cpuSeconds returns the process's user+system CPU time (all threads) from
// /proc/<pid>/stat fields 14 and 15.
func cpuSeconds(pid int) (float64, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, err
	}
	// The command name (field 2) may hold spaces; fields after it start at
	// field 3 (state).
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, errors.New("malformed /proc stat")
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, errors.New("short /proc stat")
	}
	ut, err1 := strconv.ParseUint(f[14-3], 10, 64)
	st, err2 := strconv.ParseUint(f[15-3], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, errors.New("malformed /proc stat times")
	}
	return float64(ut+st) / clockTicks, nil
}

// rssBytes returns VmRSS from /proc/<pid>/status.
func rssBytes(pid int) (int64, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) == 2 && f[1] == "kB" {
				n, err := strconv.ParseInt(f[0], 10, 64)
				return n * 1024, err
			}
		}
	}
	return 0, errors.New("no VmRSS")
}

// runWithTimeout runs argv with a time limit, killing its process group when
// the limit or ctx ends it. It returns standard output and standard error.
func runWithTimeout(ctx context.Context, limit time.Duration, argv []string) (stdout, stderr []byte, err error) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	cmd := exec.Command(argv[0], argv[1:]...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	prepare(cmd)
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	children.add(cmd)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-ctx.Done():
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
		err = fmt.Errorf("%s: %w", argv[0], ctx.Err())
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			err = fmt.Errorf("%s: timed out after %s", argv[0], limit)
		}
	}
	children.remove(cmd)
	return o.Bytes(), e.Bytes(), err
}
