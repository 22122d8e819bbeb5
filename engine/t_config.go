package engine

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/updraftdb/updraft/internal/glob"
)

// CONFIG GET/SET/RESETSTAT/REWRITE/HELP over the parameter registry
// (config.go), with Redis 7's multi-parameter forms and error texts.

func init() {
	admin := FlagAdmin | FlagNoScript | FlagLoading | FlagStale
	adminCats := CatAdmin | CatSlow | CatDangerous
	register(&Command{Name: "config", Arity: -2, Cats: CatSlow, Proc: func(*Client) {}})
	registerSub("config",
		&Command{Name: "get", Arity: -3, Flags: admin, Cats: adminCats, Proc: cmdConfigGet},
		&Command{Name: "set", Arity: -4, Flags: admin, Cats: adminCats, Proc: cmdConfigSet,
			Tips: []string{"request_policy:all_nodes", "response_policy:all_succeeded"}},
		&Command{Name: "resetstat", Arity: 2, Flags: admin, Cats: adminCats, Proc: cmdConfigResetStat},
		&Command{Name: "rewrite", Arity: 2, Flags: admin, Cats: adminCats, Proc: cmdConfigRewrite},
		&Command{Name: "help", Arity: 2, Flags: FlagLoading | FlagStale, Cats: CatSlow, Proc: cmdConfigHelp},
	)
}

// sensitiveParams are hidden from MONITOR and the slow log by CONFIG SET.
var sensitiveParams = map[string]bool{"requirepass": true, "masterauth": true}

// CONFIG GET pattern [pattern ...]: a name without glob characters is
// looked up exactly (aliases too) and reported as typed; patterns match
// every name, case-insensitively. Each parameter is reported once.
func cmdConfigGet(c *Client) {
	cfg := c.e.cfg
	type match struct {
		name string
		p    *Param
	}
	var out []match
	seen := map[*Param]bool{}
	for _, a := range c.Args[2:] {
		pat := string(a)
		if !strings.ContainsAny(pat, "[*?") {
			if p := cfg.lookup(pat); p != nil && !seen[p] {
				seen[p] = true
				out = append(out, match{pat, p})
			}
			continue
		}
		cfg.mu.Lock()
		var names []string
		for n := range cfg.byName {
			if glob.MatchString(pat, n, true) {
				names = append(names, n)
			}
		}
		cfg.mu.Unlock()
		sort.Strings(names)
		for _, n := range names {
			p := cfg.lookup(n)
			if p != nil && !seen[p] {
				seen[p] = true
				out = append(out, match{n, p})
			}
		}
	}
	c.W.Map(len(out))
	for _, m := range out {
		c.W.BulkString(m.name)
		c.W.BulkString(m.p.Get())
	}
}

// CONFIG SET name value [name value ...]: all or nothing. Values are
// applied in order; when one fails, those already applied get their old
// values back.
func cmdConfigSet(c *Client) {
	args := c.Args
	if (len(args)-2)%2 != 0 {
		c.W.Error(errSyntax)
		return
	}
	cfg := c.e.cfg
	n := (len(args) - 2) / 2
	params := make([]*Param, n)
	var unknown, errArg []byte
	errMsg := ""
	for i := 0; i < n; i++ {
		name := args[2+2*i]
		p := cfg.lookup(string(name))
		if p == nil {
			if unknown == nil && errArg == nil {
				unknown = name
			}
			continue
		}
		if sensitiveParams[p.Name] {
			c.redactArg(3 + 2*i)
		}
		if unknown != nil || errArg != nil {
			continue
		}
		if p.Set == nil {
			errArg, errMsg = name, "can't set immutable config"
			continue
		}
		for j := 0; j < i; j++ {
			if params[j] == p {
				errArg, errMsg = name, "duplicate parameter"
				break
			}
		}
		params[i] = p
	}
	if unknown != nil {
		c.W.Error("ERR Unknown option or number of arguments for CONFIG SET - '" + string(unknown) + "'")
		return
	}
	if errArg != nil {
		c.W.Error(errConfigSet(errArg, errMsg))
		return
	}
	olds := make([]string, n)
	for i, p := range params {
		olds[i] = p.Get()
	}
	for i, p := range params {
		if err := p.Set(string(args[3+2*i])); err != nil {
			for j := i - 1; j >= 0; j-- {
				_ = params[j].Set(olds[j])
			}
			c.W.Error(errConfigSet(args[2+2*i], err.Error()))
			return
		}
	}
	cfg.mu.Lock()
	for _, p := range params {
		cfg.changed[p.Name] = true
	}
	cfg.mu.Unlock()
	c.W.OK()
}

func errConfigSet(arg []byte, msg string) string {
	return "ERR CONFIG SET failed (possibly related to argument '" + string(arg) + "') - " + msg
}

// CONFIG RESETSTAT zeroes what Redis's resetServerStats does: command and
// error statistics, keyspace hits and misses, expired keys, connections
// received and the memory peak. The slow log stays.
func cmdConfigResetStat(c *Client) {
	c.e.ResetStats()
	c.W.OK()
}

// ResetStats zeroes the statistics INFO reports (CONFIG RESETSTAT).
func (e *Engine) ResetStats() {
	for _, cmd := range commands {
		cmd.ResetStats()
		for _, sub := range cmd.Sub {
			sub.ResetStats()
		}
	}
	e.stats.rejectedCalls.Store(0)
	e.stats.failedCalls.Store(0)
	e.stats.keyspaceHits.Store(0)
	e.stats.keyspaceMiss.Store(0)
	e.stats.expiredKeys.Store(0)
	for i := range e.shards {
		sh := &e.shards[i]
		sh.lock()
		sh.hits, sh.misses = 0, 0
		sh.mu.Unlock()
	}
	e.clients.total.Store(0)
	e.srv.resetErrors()
	e.srv.memPeak.Store(0)
}

// CONFIG REWRITE
func cmdConfigRewrite(c *Client) {
	if c.e.cfg.File == "" {
		c.W.Error("ERR The server is running without a config file")
		return
	}
	if err := c.e.cfg.Rewrite(); err != nil {
		c.W.Error("ERR Rewriting config file: " + err.Error())
		return
	}
	c.W.OK()
}

// Rewrite updates the config file with the parameters changed at run time,
// as CONFIG REWRITE: comments, blank lines and lines it does not know are
// kept; a changed parameter's first line gets the new value and its later
// lines are dropped; changed parameters not in the file are appended after
// a "# Generated by CONFIG REWRITE" line. The new file replaces the old one
// by rename.
func (c *Config) Rewrite() error {
	old, err := os.ReadFile(c.File)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	c.mu.Lock()
	var changed []*Param
	for _, p := range c.params {
		if c.changed[p.Name] {
			changed = append(changed, p)
		}
	}
	c.mu.Unlock()
	written := map[*Param]bool{}
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(old))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			out.WriteString(line + "\n")
			continue
		}
		p := c.lookup(fields[0])
		if p == nil || !c.Changed(p.Name) {
			out.WriteString(line + "\n")
			continue
		}
		if !written[p] {
			written[p] = true
			out.WriteString(configLine(p))
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	header := false
	for _, p := range changed {
		if written[p] {
			continue
		}
		if !header {
			if out.Len() > 0 && !bytes.HasSuffix(out.Bytes(), []byte("\n")) {
				out.WriteByte('\n')
			}
			out.WriteString("# Generated by CONFIG REWRITE\n")
			header = true
		}
		out.WriteString(configLine(p))
	}
	mode := os.FileMode(0o644)
	if st, err := os.Stat(c.File); err == nil {
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.File), ".updraft-rewrite-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(out.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), c.File)
}

// multiArgParams take several words (bind 127.0.0.1 ::1); their values are
// written unquoted.
var multiArgParams = map[string]bool{"bind": true, "save": true, "client-output-buffer-limit": true,
	"oom-score-adj-values": true}

// configLine formats "name value\n" as redis.conf does, quoting (Redis's
// sdscatrepr) a value that is empty or that the parser would otherwise
// split or unescape.
func configLine(p *Param) string {
	v := p.Get()
	if v == "" || strings.ContainsAny(v, "\"'\\\r\n\t") || (!multiArgParams[p.Name] && strings.Contains(v, " ")) {
		v = string(appendRepr(nil, []byte(v)))
	}
	return p.Name + " " + v + "\n"
}

var configHelp = []string{
	"CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
	"GET <pattern>",
	"    Return parameters matching the glob-like <pattern> and their values.",
	"SET <directive> <value>",
	"    Set the configuration <directive> to <value>.",
	"RESETSTAT",
	"    Reset statistics reported by the INFO command.",
	"REWRITE",
	"    Rewrite the configuration file.",
}

func cmdConfigHelp(c *Client) { c.replyHelp(configHelp) }
