package engine

import (
	"errors"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/updraftdb/updraft/internal/glob"
)

// Param is one configuration parameter, named as in redis.conf.
type Param struct {
	Name    string
	Aliases []string
	// Get returns the current value as CONFIG GET shows it.
	Get func() string
	// Set applies a value; it returns an error whose text follows the
	// "argument couldn't be parsed" style. Nil for parameters fixed at start.
	Set func(v string) error
	// Init applies a value at start-up (config file and command line). Nil
	// means Set is used.
	Init func(v string) error
}

// Config is the registry of configuration parameters shared by the engine
// and the front ends: one place that the config file, the command line and
// CONFIG GET/SET/REWRITE all go through.
type Config struct {
	mu     sync.Mutex
	params []*Param
	byName map[string]*Param
	// File is the config file given at start-up, for CONFIG REWRITE.
	File string
	// changed records parameters set since start, for CONFIG REWRITE.
	changed map[string]bool
	opts    Options

	timeout      atomic.Int64
	maxClients   atomic.Int64
	slowerThan   atomic.Int64
	slowMaxLen   atomic.Int64
	latencyThr   atomic.Int64
	requirePass  atomic.Pointer[string]
	enc          encodingLimits // collection encoding thresholds
	obl          outputLimits   // client-output-buffer-limit (pubsub_limits.go)
	busyReplyMs  atomic.Int64   // busy-reply-threshold (script_busy.go)
	save         saveParams     // dbfilename, rdbcompression (t_save.go)
	bg           persistParams  // save rules, log rewrite thresholds (t_bgsave.go)
	scriptMaxMem atomic.Int64   // script-max-memory (script_memory.go)
}

// Errors from Config.
var (
	ErrUnknownParam   = errors.New("engine: unknown configuration parameter")
	ErrImmutableParam = errors.New("engine: parameter can't be changed at run time")
)

// Register adds a parameter. Registering a name twice panics.
func (c *Config) Register(p Param) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byName == nil {
		c.byName = map[string]*Param{}
		c.changed = map[string]bool{}
	}
	pp := &p
	for _, n := range append([]string{p.Name}, p.Aliases...) {
		if _, dup := c.byName[n]; dup {
			panic("engine: config parameter registered twice: " + n)
		}
		c.byName[n] = pp
	}
	c.params = append(c.params, pp)
}

func (c *Config) lookup(name string) *Param {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.byName[strings.ToLower(name)]
}

// Load applies a value at start-up, when immutable parameters may be set.
func (c *Config) Load(name, value string) error {
	p := c.lookup(name)
	if p == nil {
		return ErrUnknownParam
	}
	if p.Init != nil {
		return p.Init(value)
	}
	if p.Set == nil {
		return ErrImmutableParam
	}
	return p.Set(value)
}

// Set applies a value at run time (CONFIG SET).
func (c *Config) Set(name, value string) error {
	p := c.lookup(name)
	if p == nil {
		return ErrUnknownParam
	}
	if p.Set == nil {
		return ErrImmutableParam
	}
	if err := p.Set(value); err != nil {
		return err
	}
	c.mu.Lock()
	c.changed[p.Name] = true
	c.mu.Unlock()
	return nil
}

// Get returns a parameter's value.
func (c *Config) Get(name string) (string, bool) {
	p := c.lookup(name)
	if p == nil {
		return "", false
	}
	return p.Get(), true
}

// Match returns the name/value pairs of parameters matching a glob pattern,
// in name order (aliases match too, and are reported under the name used).
func (c *Config) Match(pattern string) [][2]string {
	c.mu.Lock()
	var names []string
	for n := range c.byName {
		if glob.MatchString(pattern, n, true) {
			names = append(names, n)
		}
	}
	c.mu.Unlock()
	sort.Strings(names)
	out := make([][2]string, 0, len(names))
	for _, n := range names {
		if p := c.lookup(n); p != nil {
			out = append(out, [2]string{n, p.Get()})
		}
	}
	return out
}

// Params returns every parameter's canonical name and value, in
// registration order.
func (c *Config) Params() [][2]string {
	c.mu.Lock()
	ps := append([]*Param(nil), c.params...)
	c.mu.Unlock()
	out := make([][2]string, len(ps))
	for i, p := range ps {
		out[i] = [2]string{p.Name, p.Get()}
	}
	return out
}

// Changed reports whether a parameter was set at run time.
func (c *Config) Changed(name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.changed[name]
}

func (c *Config) timeoutSeconds() int64 { return c.timeout.Load() }

// MaxClients is the current maxclients.
func (c *Config) MaxClients() int { return int(c.maxClients.Load()) }

// RequirePass returns the default user's password ("" for none).
func (c *Config) RequirePass() string { return *c.requirePass.Load() }

// Value parsers shared by parameter setters.

func parseYesNo(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "yes":
		return true, nil
	case "no":
		return false, nil
	}
	return false, errors.New("argument must be 'yes' or 'no'")
}

func parseIntParam(v string, min, max int64) (int64, error) {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, errors.New("argument couldn't be parsed into an integer")
	}
	if n < min || n > max {
		return 0, errors.New("argument must be between " + strconv.FormatInt(min, 10) + " and " + strconv.FormatInt(max, 10) + " inclusive")
	}
	return n, nil
}

// ParseMemory parses a memory amount as redis.conf does: 1k = 1000,
// 1kb = 1024, and so on up to gb.
func ParseMemory(v string) (int64, error) {
	s := strings.ToLower(v)
	mul := int64(1)
	for _, u := range []struct {
		suffix string
		mul    int64
	}{{"kb", 1 << 10}, {"mb", 1 << 20}, {"gb", 1 << 30}, {"k", 1000}, {"m", 1000 * 1000}, {"g", 1000 * 1000 * 1000}, {"b", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mul = strings.TrimSuffix(s, u.suffix), u.mul
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, errors.New("argument must be a memory value")
	}
	return n * mul, nil
}

// NewConfig returns a registry holding the engine's parameters at their
// defaults. Front ends register theirs too; the config file and command line
// are then applied with Load, and OpenConfig starts an engine from it.
func NewConfig() *Config { return newConfig(Options{}) }

// Options returns the engine options as configured so far.
func (c *Config) Options() Options {
	c.mu.Lock()
	defer c.mu.Unlock()
	o := c.opts
	o.Timeout = int(c.timeout.Load())
	o.MaxClients = int(c.maxClients.Load())
	o.SlowlogLogSlowerThan = c.slowerThan.Load()
	o.SlowlogMaxLen = int(c.slowMaxLen.Load())
	o.RequirePass = *c.requirePass.Load()
	return o
}

// newConfig registers the engine's parameters, starting from opts.
func newConfig(opts Options) *Config {
	opts.ensureDefaults()
	c := &Config{opts: opts}
	o := &c.opts
	c.timeout.Store(int64(o.Timeout))
	c.maxClients.Store(int64(o.MaxClients))
	c.slowerThan.Store(o.SlowlogLogSlowerThan)
	c.slowMaxLen.Store(int64(o.SlowlogMaxLen))
	pass := o.RequirePass
	c.requirePass.Store(&pass)
	itoa := func(n int64) string { return strconv.FormatInt(n, 10) }
	// atStart registers a parameter fixed once the engine runs.
	atStart := func(name string, get func() string, init func(string) error) {
		c.Register(Param{Name: name, Get: get, Init: init})
	}
	atStart("databases", func() string { return strconv.Itoa(o.Databases) }, func(v string) error {
		n, err := parseIntParam(v, 1, 1<<16)
		o.Databases = int(n)
		return err
	})
	atStart("hz", func() string { return strconv.Itoa(o.Hz) }, func(v string) error {
		n, err := parseIntParam(v, 1, 500)
		o.Hz = int(n)
		return err
	})
	atStart("enable-debug-command", func() string { return o.EnableDebugCommand }, func(v string) error {
		switch strings.ToLower(v) {
		case "yes", "no", "local":
			o.EnableDebugCommand = strings.ToLower(v)
			return nil
		}
		return errors.New("argument(s) must be one of the following: no, yes, local")
	})
	atStart("proto-max-bulk-len", func() string { return itoa(o.ProtoMaxBulkLen) }, func(v string) error {
		n, err := ParseMemory(v)
		if err == nil && n < 1024*1024 {
			err = errors.New("argument must be at least 1mb")
		}
		if err == nil {
			o.ProtoMaxBulkLen = n
		}
		return err
	})
	intParam := func(name string, a *atomic.Int64, min, max int64) {
		c.Register(Param{Name: name, Get: func() string { return itoa(a.Load()) },
			Set: func(v string) error {
				n, err := parseIntParam(v, min, max)
				if err == nil {
					a.Store(n)
				}
				return err
			}})
	}
	intParam("timeout", &c.timeout, 0, 1<<31-1)
	intParam("maxclients", &c.maxClients, 1, 1<<32-1)
	intParam("slowlog-log-slower-than", &c.slowerThan, -1, 1<<63-1)
	intParam("slowlog-max-len", &c.slowMaxLen, 0, 1<<63-1)
	intParam("latency-monitor-threshold", &c.latencyThr, 0, 1<<63-1)
	c.Register(Param{Name: "requirepass", Get: func() string { return *c.requirePass.Load() },
		Set: func(v string) error {
			c.requirePass.Store(&v)
			return nil
		}})
	c.registerEncodingParams()
	c.registerOutputLimitParams()
	c.registerScriptParams()
	c.registerSaveParams()
	c.registerPersistParams()
	c.registerScriptMemParam()
	c.registerBgsaveParams()
	return c
}
