package engine

import (
	"crypto/sha1"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
)

// Lua scripting (Redis's eval.c and script.c): the script cache keyed by
// the SHA1 of each script's exact text, shebang flags, and the state of
// the script being run.
//
// Every script runs alone: Exec holds the whole world lock (world.go) for
// EVAL, EVALSHA and FCALL as it does for EXEC, so a script is one atomic
// step across shards, as in single-threaded Redis. Since only one script
// runs at a time, one Lua VM serves every EVAL (script_vm.go) and compiled
// scripts are kept as prototypes shared by the cache.

// scriptFlags are a script's shebang flags (Redis's SCRIPT_FLAG_*).
type scriptFlags uint16

const (
	scriptNoWrites scriptFlags = 1 << iota
	scriptAllowOOM
	scriptAllowStale
	scriptNoCluster
	scriptAllowCrossSlot
	// scriptAllowKeyLocking is Upstash's flag: the script may touch only
	// the keys it declares.
	scriptAllowKeyLocking
	// scriptCompat marks a script without a shebang (Redis 6 style).
	scriptCompat
)

var scriptFlagNames = []struct {
	f    scriptFlags
	name string
}{
	{scriptNoWrites, "no-writes"}, {scriptAllowOOM, "allow-oom"}, {scriptAllowStale, "allow-stale"},
	{scriptNoCluster, "no-cluster"}, {scriptAllowCrossSlot, "allow-cross-slot-keys"},
	{scriptAllowKeyLocking, "allow-key-locking"},
}

// script is one cached EVAL script.
type script struct {
	sha   string // 40 lower-case hex digits
	body  string // the exact text, shebang included
	proto *lua.FunctionProto
	flags scriptFlags
	// lastNs is how long the last run took in nanoseconds, -1 before the
	// first: front ends run scripts known to be quick inline
	// (ScriptKnownQuick).
	lastNs atomic.Int64
}

// scriptState is the engine's scripting state.
type scriptState struct {
	mu    sync.Mutex
	cache map[string]*script // by SHA1 hex
	bytes atomic.Int64       // script text held by the cache

	client *Client // runs the commands scripts call
	vm     *luaVM  // the VM running EVAL scripts, nil until first use
	fvm    *luaVM  // the VM running functions
	libs   functionLibs

	run atomic.Pointer[scriptRun] // the script running now
	// gate orders taking the world lock for a script against waiting for
	// it: holding is set, under gate, before a script takes the world
	// lock and cleared when it lets go, so a command that finds the world
	// locked knows, under gate, whether it may block until the holder
	// ends (a transaction, or nobody) or must poll and answer BUSY (a
	// script, which may never end).
	gate    sync.Mutex
	holding atomic.Bool
	rand    lrand48 // math.random's generator, shared by all scripts
}

// sha1Hex returns the lower-case hex SHA1 of s.
func sha1Hex(s []byte) string {
	sum := sha1.Sum(s)
	return hex.EncodeToString(sum[:])
}

// sha1HexTo appends the lower-case hex SHA1 of s to dst, without
// allocating when dst has room.
func sha1HexTo(dst, s []byte) []byte {
	sum := sha1.Sum(s)
	return hex.AppendEncode(dst, sum[:])
}

// parseShebang reads the flags of a script's "#!lua flags=..." first
// line. It returns the flags (scriptCompat without a shebang), the length
// of the shebang line (the newline stays, to keep line numbers), or an
// error text as Redis words it.
func parseShebang(body string, allowName bool) (flags scriptFlags, n int, name string, err string) {
	if !strings.HasPrefix(body, "#!") {
		return scriptCompat, 0, "", ""
	}
	end := strings.IndexByte(body, '\n')
	if end < 0 {
		return 0, 0, "", "ERR Invalid script shebang"
	}
	parts, ok := splitArgs(body[:end])
	if !ok || len(parts) == 0 {
		return 0, 0, "", "ERR Invalid engine in script shebang"
	}
	if parts[0] != "#!lua" {
		return 0, 0, "", "ERR Unexpected engine in script shebang: " + parts[0]
	}
	for _, p := range parts[1:] {
		switch {
		case strings.HasPrefix(p, "flags="):
			for _, f := range strings.Split(p[6:], ",") {
				found := false
				for _, d := range scriptFlagNames {
					if d.name == f {
						flags |= d.f
						found = true
						break
					}
				}
				if !found {
					return 0, 0, "", "ERR Unexpected flag in script shebang: " + f
				}
			}
		case allowName && strings.HasPrefix(p, "name="):
			name = p[5:]
		default:
			if allowName {
				return 0, 0, "", "ERR Invalid metadata value given: " + p
			}
			return 0, 0, "", "ERR Unknown lua shebang option: " + p
		}
	}
	return flags, end, name, ""
}

// splitArgs splits a line into words as Redis's sdssplitargs does for the
// simple cases a shebang needs (spaces and double quotes).
func splitArgs(line string) ([]string, bool) {
	var out []string
	i := 0
	for {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r') {
			i++
		}
		if i >= len(line) {
			return out, true
		}
		var w []byte
		if line[i] == '"' || line[i] == '\'' {
			q := line[i]
			i++
			for i < len(line) && line[i] != q {
				w = append(w, line[i])
				i++
			}
			if i >= len(line) {
				return nil, false
			}
			i++
			if i < len(line) && line[i] != ' ' {
				return nil, false
			}
		} else {
			for i < len(line) && line[i] != ' ' && line[i] != '\t' && line[i] != '\r' {
				w = append(w, line[i])
				i++
			}
		}
		out = append(out, string(w))
	}
}

// compileLua compiles a chunk named name ("user_script"), keeping a
// shebang's line as an empty line.
func compileLua(body string, skip int, name string) (*lua.FunctionProto, string) {
	src := body[skip:]
	chunk, err := parse.Parse(strings.NewReader(src), name)
	if err != nil {
		return nil, luaCompileError(err.Error(), name, src)
	}
	proto, err := lua.Compile(chunk, name)
	if err != nil {
		return nil, luaCompileError(err.Error(), name, src)
	}
	return proto, ""
}

// luaCompileError words a gopher-lua syntax error like Lua 5.1's
// "user_script:1: unexpected symbol near 'x'" (gopher-lua does not say
// what it expected, so every syntax error reads "unexpected symbol").
func luaCompileError(msg, name, src string) string {
	// gopher-lua: "<name> line:1(column:5) near 'x':   syntax error" or
	// "<name> at EOF:   syntax error".
	msg = strings.TrimSpace(msg)
	if i := strings.Index(msg, " at EOF:"); i >= 0 {
		line := strings.Count(src, "\n") + 1
		return name + ":" + strconv.Itoa(line) + ": unexpected symbol near '<eof>'"
	}
	if i := strings.Index(msg, "line:"); i >= 0 {
		rest := msg[i+5:]
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		line := rest[:j]
		near := ""
		if k := strings.Index(rest, "near '"); k >= 0 {
			tok := rest[k+6:]
			if e := strings.Index(tok, "':"); e >= 0 {
				near = " near '" + tok[:e] + "'"
			}
		}
		return name + ":" + line + ": unexpected symbol" + near
	}
	return name + ": " + msg
}

// loadScript returns the cached script for body, compiling and caching it
// when new. The error text is the reply for a script that does not
// compile.
func (e *Engine) loadScript(body []byte) (*script, string) {
	sha := sha1Hex(body)
	st := &e.scripts
	st.mu.Lock()
	s := st.cache[sha]
	st.mu.Unlock()
	if s != nil {
		return s, ""
	}
	text := string(body)
	flags, skip, _, errText := parseShebang(text, false)
	if errText != "" {
		return nil, errText
	}
	proto, errText := compileLua(text, skip, "user_script")
	if errText != "" {
		return nil, "ERR Error compiling script (new function): " + errText
	}
	s = &script{sha: sha, body: text, proto: proto, flags: flags}
	s.lastNs.Store(-1)
	st.mu.Lock()
	if st.cache == nil {
		st.cache = map[string]*script{}
	}
	if old := st.cache[sha]; old != nil {
		s = old
	} else {
		st.cache[sha] = s
		st.bytes.Add(int64(len(text)))
	}
	st.mu.Unlock()
	return s, ""
}

// findScript returns the cached script with SHA1 sha (any case), or nil.
func (e *Engine) findScript(sha []byte) *script {
	if len(sha) != 40 {
		return nil
	}
	var low [40]byte
	for i, c := range sha {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	st := &e.scripts
	st.mu.Lock()
	s := st.cache[string(low[:])]
	st.mu.Unlock()
	return s
}

// flushScripts empties the script cache and drops the VM's compiled
// functions.
func (e *Engine) flushScripts() {
	st := &e.scripts
	st.mu.Lock()
	st.cache = nil
	st.bytes.Store(0)
	st.mu.Unlock()
	if vm := st.vm; vm != nil && st.run.Load() == nil {
		vm.forget()
	}
}

// ScriptCount is INFO's number_of_cached_scripts.
func (e *Engine) ScriptCount() int {
	st := &e.scripts
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.cache)
}
