package server

import (
	"errors"
	"runtime"
	"strconv"
	"strings"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/net/rest"
)

// Options configure the listeners. Register binds them to the engine's
// configuration registry under Redis's parameter names.
type Options struct {
	// Bind lists the addresses to listen on (bind). Default 127.0.0.1.
	Bind []string
	// Port is the RESP port (port). Default 6379; 0 picks a free port.
	Port int
	// EventLoops is the number of event loops (io-threads in Redis's terms,
	// event-loops here). Default GOMAXPROCS.
	EventLoops int
	// TCPKeepAlive is the keep-alive period in seconds (tcp-keepalive).
	// Default 300; 0 disables.
	TCPKeepAlive int
	// QueryBufferLimit is client-query-buffer-limit: the most unparsed input
	// a client may have buffered. Default 1 GB.
	QueryBufferLimit int64
	// MaxMultibulkLen bounds the arguments of one command. Default INT_MAX,
	// as in redis-server 7.
	MaxMultibulkLen int64
	// ReusePort sets SO_REUSEPORT on the listeners (reuse-port). Default no.
	ReusePort bool
	// HTTPBind lists the REST API's addresses (http-bind). Default
	// 127.0.0.1.
	HTTPBind []string
	// HTTPPort is the REST API's port (http-port): 8080 by default, 0
	// disables it, -1 picks a free port (tests).
	HTTPPort int
	// REST configures the REST API (rest-* parameters).
	REST rest.Options
}

// Defaults with reasons.
const (
	defaultPort             = 6379
	defaultTCPKeepAlive     = 300       // Redis's default since 3.2.1
	defaultQueryBufferLimit = 1 << 30   // client-query-buffer-limit
	defaultMaxMultibulkLen  = 1<<31 - 1 // redis-server 7 accepts counts up to INT_MAX (and waits for them)
	defaultHTTPPort         = 8080      // the usual local HTTP port; Upstash's REST API speaks HTTP
)

// DefaultOptions returns the options a plain `updraft` starts with.
func DefaultOptions() Options {
	return Options{
		Bind:             []string{"127.0.0.1"},
		Port:             defaultPort,
		EventLoops:       runtime.GOMAXPROCS(0),
		TCPKeepAlive:     defaultTCPKeepAlive,
		QueryBufferLimit: defaultQueryBufferLimit,
		MaxMultibulkLen:  defaultMaxMultibulkLen,
		HTTPBind:         []string{"127.0.0.1"},
		HTTPPort:         defaultHTTPPort,
	}
}

// Register adds the listener parameters to cfg, bound to o. They are fixed
// once the server runs, except where noted.
func Register(cfg *engine.Config, o *Options) {
	cfg.Register(engine.Param{Name: "bind",
		Get: func() string { return strings.Join(o.Bind, " ") },
		Init: func(v string) error {
			o.Bind = strings.Fields(v)
			if len(o.Bind) == 0 {
				return errors.New("bind needs at least one address")
			}
			return nil
		}})
	cfg.Register(engine.Param{Name: "port",
		Get: func() string { return strconv.Itoa(o.Port) },
		Init: func(v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 65535 {
				return errors.New("argument must be between 0 and 65535 inclusive")
			}
			o.Port = n
			return nil
		}})
	cfg.Register(engine.Param{Name: "event-loops", Aliases: []string{"io-threads"},
		Get: func() string { return strconv.Itoa(o.EventLoops) },
		Init: func(v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 1024 {
				return errors.New("argument must be between 1 and 1024 inclusive")
			}
			o.EventLoops = n
			return nil
		}})
	cfg.Register(engine.Param{Name: "tcp-keepalive",
		Get: func() string { return strconv.Itoa(o.TCPKeepAlive) },
		Init: func(v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return errors.New("argument couldn't be parsed into an integer")
			}
			o.TCPKeepAlive = n
			return nil
		}})
	cfg.Register(engine.Param{Name: "client-query-buffer-limit",
		Get: func() string { return strconv.FormatInt(o.QueryBufferLimit, 10) },
		Init: func(v string) error {
			n, err := engine.ParseMemory(v)
			if err == nil && n < 1024*1024 {
				err = errors.New("argument must be at least 1mb")
			}
			if err == nil {
				o.QueryBufferLimit = n
			}
			return err
		}})
	cfg.Register(engine.Param{Name: "http-bind",
		Get: func() string { return strings.Join(o.HTTPBind, " ") },
		Init: func(v string) error {
			o.HTTPBind = strings.Fields(v)
			if len(o.HTTPBind) == 0 {
				return errors.New("http-bind needs at least one address")
			}
			return nil
		}})
	cfg.Register(engine.Param{Name: "http-port",
		Get: func() string { return strconv.Itoa(o.HTTPPort) },
		Init: func(v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 65535 {
				return errors.New("argument must be between 0 and 65535 inclusive")
			}
			o.HTTPPort = n
			return nil
		}})
	rest.Register(cfg, &o.REST)
	cfg.Register(engine.Param{Name: "reuse-port",
		Get: func() string { return yesNo(o.ReusePort) },
		Init: func(v string) error {
			switch strings.ToLower(v) {
			case "yes":
				o.ReusePort = true
			case "no":
				o.ReusePort = false
			default:
				return errors.New("argument must be 'yes' or 'no'")
			}
			return nil
		}})
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
