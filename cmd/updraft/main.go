// Command updraft is the Updraft server: a Redis-compatible store on gnet
// event loops.
//
// Usage follows redis-server:
//
//	updraft [config-file] [--name value ...]
//
// where config-file is a redis.conf-style file ("-" reads standard input)
// and each --name value pair sets one parameter, after the file.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/net/rest"
	"github.com/updraftdb/updraft/net/server"
	"github.com/updraftdb/updraft/vector"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(argv []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(argv) == 1 && (argv[0] == "-v" || argv[0] == "--version") {
		fmt.Fprintf(stdout, "Updraft server v=%s redis_compat=%s go=%s\n", version, engine.RedisVersion, runtime.Version())
		return 0
	}
	if len(argv) > 0 && argv[0] == "import-rdb" {
		return runImportRDB(argv[1:], stdout, stderr)
	}
	if len(argv) > 0 && argv[0] == "check-aof" {
		return runCheckAOF(argv[1:], stdout, stderr)
	}
	if len(argv) == 1 && (argv[0] == "-h" || argv[0] == "--help") {
		fmt.Fprint(stdout, usage)
		return 0
	}
	cfg := engine.NewConfig()
	// Durable by default: the append-only log is on unless the
	// configuration says "appendonly no".
	_ = cfg.Load("appendonly", "yes")
	_ = cfg.Load("save", engine.DefaultSaveRules)
	srvOpts := server.DefaultOptions()
	server.Register(cfg, &srvOpts)
	registerProcessParams(cfg)
	vecCfg := vector.RegisterConfig(cfg) // vector-index, vector-embedding-*

	directives, err := loadDirectives(argv, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "*** FATAL CONFIG FILE ERROR (Updraft %s) ***\n%v\n", version, err)
		return 1
	}
	for _, d := range directives {
		if err := cfg.Load(d.name, strings.Join(d.args, " ")); err != nil {
			fmt.Fprintf(stderr, "*** FATAL CONFIG FILE ERROR (Updraft %s) ***\n", version)
			fmt.Fprintf(stderr, "Reading the configuration file, at line %d\n>>> '%s'\n%s\n", d.line, d.text, directiveError(err))
			return 1
		}
	}
	if len(argv) > 0 && !strings.HasPrefix(argv[0], "--") && argv[0] != "-" {
		if abs, err := filepath.Abs(argv[0]); err == nil {
			cfg.File = abs
		}
	}

	log := slog.New(slog.NewTextHandler(stderr, nil))
	if path := os.Getenv("UPDRAFT_CPUPROFILE"); path != "" {
		// A CPU profile of the whole run, written at exit (go tool pprof).
		if f, err := os.Create(path); err == nil {
			if pprof.StartCPUProfile(f) == nil {
				defer func() { pprof.StopCPUProfile(); f.Close() }()
			}
		}
	}
	var logMu sync.Mutex
	cfg.SetLogf(func(format string, args ...any) {
		logMu.Lock()
		defer logMu.Unlock()
		fmt.Fprintf(stdout, format+"\n", args...)
	})
	e, err := engine.OpenConfig(cfg)
	if err != nil {
		log.Error("cannot open engine", "err", err)
		return 1
	}
	// The vector service: indexes under <dir>/vector, VECTOR.* commands,
	// and Upstash Vector's API at /vector/<index> on the REST listener.
	vecSvc, err := vector.OpenConfig(cfg, vecCfg, "", func(format string, args ...any) {
		logMu.Lock()
		defer logMu.Unlock()
		fmt.Fprintf(stdout, format+"\n", args...)
	})
	if err != nil {
		log.Error("cannot open the vector service", "err", err)
		_ = e.Close()
		return 1
	}
	defer vecSvc.Close()
	e.SetExtension("vector", vecSvc)
	srvOpts.REST.Vector = vecSvc
	if srvOpts.HTTPPort != 0 {
		// Tokens left unset are generated once and kept in the data
		// directory (the working directory, after "dir").
		if _, err := rest.EnsureTokens(".", &srvOpts.REST); err != nil {
			log.Error("cannot prepare REST tokens", "err", err)
			_ = e.Close()
			return 1
		}
	}
	srv := server.New(e, srvOpts)
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve() }()
	if err := srv.WaitReady(); err != nil {
		log.Error("cannot listen", "err", err)
		_ = e.Close()
		return 1
	}
	dir, _ := os.Getwd()
	fmt.Fprintf(stdout, "Updraft %s (Redis %s compatible) pid=%d\n", version, engine.RedisVersion, os.Getpid())
	fmt.Fprintf(stdout, "Data directory: %s\n", dir)
	for _, a := range srv.Addrs() {
		fmt.Fprintf(stdout, "Ready to accept connections: RESP on %s\n", strings.TrimPrefix(a, "tcp://"))
	}
	for _, a := range srv.HTTPAddrs() {
		fmt.Fprintf(stdout, "REST API on http://%s token %s readonly-token %s\n",
			strings.TrimPrefix(a, "tcp://"), srvOpts.REST.Token, srvOpts.REST.ReadOnlyToken)
	}

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	shutdownCmd := make(chan struct{}, 1)
	e.SetShutdownHandler(func() {
		select {
		case shutdownCmd <- struct{}{}:
		default:
		}
	})
	finalSave := false
	select {
	case s := <-sig:
		fmt.Fprintf(stdout, "Received %s, shutting down\n", s)
		finalSave = true // SHUTDOWN saved already, as it was told
	case <-shutdownCmd:
		fmt.Fprintln(stdout, "User requested shutdown...")
	case err := <-serveErr:
		if err != nil && !errors.Is(err, server.ErrServerClosed) {
			log.Error("server stopped", "err", err)
			_ = e.Close()
			return 1
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		log.Error("shutdown", "err", err)
	}
	if finalSave {
		if err := e.FinalSave(); err != nil {
			log.Error("saving on shutdown", "err", err)
		}
	}
	_ = e.Close()
	fmt.Fprintln(stdout, "Updraft is now ready to exit, bye bye...")
	return 0
}

const usage = `Usage: updraft [/path/to/updraft.conf] [options] [-]
       updraft -v or --version
       updraft -h or --help

Examples:
       updraft (run the server with default settings)
       updraft /etc/updraft/6379.conf
       updraft --port 7777
       updraft /etc/myupdraft.conf --loglevel verbose -
`

func directiveError(err error) string {
	switch {
	case errors.Is(err, engine.ErrUnknownParam):
		return "Bad directive or wrong number of arguments"
	case errors.Is(err, engine.ErrImmutableParam):
		return "This parameter cannot be set at start-up"
	}
	return err.Error()
}

// registerProcessParams registers the parameters that belong to the
// process rather than the engine or a listener.
func registerProcessParams(cfg *engine.Config) {
	cfg.Register(engine.Param{Name: "dir",
		Get: func() string { d, _ := os.Getwd(); return d },
		Set: func(v string) error {
			if err := os.MkdirAll(v, 0o755); err != nil {
				return err
			}
			return os.Chdir(v)
		}})
}
