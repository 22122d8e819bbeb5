package engine

import (
	"strings"
	"sync/atomic"
)

// Flags are a command's properties, named as in Redis's command table.
type Flags uint32

const (
	FlagWrite Flags = 1 << iota
	FlagReadonly
	FlagDenyOOM
	FlagAdmin
	FlagPubSub
	FlagNoScript
	FlagBlocking
	FlagLoading
	FlagStale
	FlagSkipMonitor
	FlagSkipSlowlog
	FlagFast
	FlagNoAuth
	FlagMayReplicate
	FlagNoMandatoryKeys
	FlagNoMulti
	FlagMovableKeys
	FlagAllowBusy
	// flagOffLoop marks a command that only waits (WAITAOF): front ends
	// run it off their event loop and Exec runs it outside the world lock.
	// It is not one of Redis's flags and COMMAND INFO does not show it.
	flagOffLoop
)

var flagNames = []struct {
	f    Flags
	name string
}{
	{FlagWrite, "write"}, {FlagReadonly, "readonly"}, {FlagDenyOOM, "denyoom"},
	{FlagAdmin, "admin"}, {FlagPubSub, "pubsub"}, {FlagNoScript, "noscript"},
	{FlagBlocking, "blocking"}, {FlagLoading, "loading"}, {FlagStale, "stale"},
	{FlagSkipMonitor, "skip_monitor"}, {FlagSkipSlowlog, "skip_slowlog"},
	{FlagFast, "fast"}, {FlagNoAuth, "no_auth"}, {FlagMayReplicate, "may_replicate"},
	{FlagNoMandatoryKeys, "no_mandatory_keys"}, {FlagNoMulti, "no_multi"},
	{FlagMovableKeys, "movablekeys"}, {FlagAllowBusy, "allow_busy"},
}

// Names returns the flag names in Redis's order.
func (f Flags) Names() []string {
	var out []string
	for _, n := range flagNames {
		if f&n.f != 0 {
			out = append(out, n.name)
		}
	}
	return out
}

// Category is a set of ACL categories.
type Category uint32

const (
	CatKeyspace Category = 1 << iota
	CatRead
	CatWrite
	CatSet
	CatSortedSet
	CatList
	CatHash
	CatString
	CatBitmap
	CatHyperLogLog
	CatGeo
	CatStream
	CatPubSub
	CatAdmin
	CatFast
	CatSlow
	CatBlocking
	CatDangerous
	CatConnection
	CatTransaction
	CatScripting
)

// CategoryNames lists ACL categories in Redis's order (ACL CAT).
var CategoryNames = []struct {
	C    Category
	Name string
}{
	{CatKeyspace, "keyspace"}, {CatRead, "read"}, {CatWrite, "write"}, {CatSet, "set"},
	{CatSortedSet, "sortedset"}, {CatList, "list"}, {CatHash, "hash"}, {CatString, "string"},
	{CatBitmap, "bitmap"}, {CatHyperLogLog, "hyperloglog"}, {CatGeo, "geo"}, {CatStream, "stream"},
	{CatPubSub, "pubsub"}, {CatAdmin, "admin"}, {CatFast, "fast"}, {CatSlow, "slow"},
	{CatBlocking, "blocking"}, {CatDangerous, "dangerous"}, {CatConnection, "connection"},
	{CatTransaction, "transaction"}, {CatScripting, "scripting"},
}

// Names returns "@category" names, as COMMAND INFO shows them.
func (c Category) Names() []string {
	var out []string
	for _, n := range CategoryNames {
		if c&n.C != 0 {
			out = append(out, "@"+n.Name)
		}
	}
	return out
}

// Command is one entry of the command table: what Redis's struct
// redisCommand declares, plus the handler and its counters.
type Command struct {
	Name  string // lower case; "parent|sub" for subcommands
	Arity int    // n: exactly n arguments with the name; -n: at least n
	Flags Flags
	// Key positions: first key, last key (-1: the last argument, -2 the one
	// before...), step between keys. 0,0,0 for no keys.
	First, Last, Step int
	Cats              Category
	// Proc executes the command. Arity and authentication are already
	// checked; the arguments are in c.Args.
	Proc func(c *Client)
	// Subcommands, keyed by lower-case name, for container commands
	// (CONFIG, CLIENT, ...). The parent's Proc runs for unknown ones.
	Sub map[string]*Command
	// Documentation for COMMAND DOCS, normally copied from the docs table
	// (command_docs.go) at registration.
	Summary, Since, Group, Complexity string
	DocFlags                          DocFlags
	DeprecatedSince, ReplacedBy       string
	History                           [][2]string // version, change
	Args                              []Arg
	// KeySpecs, when set, are COMMAND INFO's key specs instead of the one
	// derived from First/Last/Step.
	KeySpecs []KeySpec
	// Tips are COMMAND INFO's tips (e.g. "nondeterministic_output").
	Tips []string
	// KeysProc, for movable-key commands (numkeys, STORE...), finds the
	// key positions in a full command line instead of First/Last/Step
	// (Redis's getkeys_proc), for COMMAND GETKEYS.
	KeysProc func(args [][]byte, dst []int) []int

	// Counters, striped by client id so that event loops on different
	// cores rarely write the same cache line for every command.
	stripes  [statStripes]cmdCounters
	rejected atomic.Int64
	failed   atomic.Int64
}

const statStripes = 8

type cmdCounters struct {
	calls atomic.Int64
	usec  atomic.Int64
	_     [48]byte
}

// count records one call taking us microseconds.
func (cmd *Command) count(clientID int64, us int64) {
	s := &cmd.stripes[clientID&(statStripes-1)]
	s.calls.Add(1)
	s.usec.Add(us)
}

// ResetStats zeroes the counters (CONFIG RESETSTAT).
func (cmd *Command) ResetStats() {
	for i := range cmd.stripes {
		cmd.stripes[i].calls.Store(0)
		cmd.stripes[i].usec.Store(0)
	}
	cmd.rejected.Store(0)
	cmd.failed.Store(0)
}

// CommandStats is a command's counters for INFO commandstats.
type CommandStats struct {
	Calls, Usec, Rejected, Failed int64
}

// Stats returns the command's counters.
func (cmd *Command) Stats() CommandStats {
	st := CommandStats{Rejected: cmd.rejected.Load(), Failed: cmd.failed.Load()}
	for i := range cmd.stripes {
		st.Calls += cmd.stripes[i].calls.Load()
		st.Usec += cmd.stripes[i].usec.Load()
	}
	return st
}

// commands is the one command table. Each t_*.go file adds its commands in
// an init function through register; the table is read-only afterwards.
var commands = map[string]*Command{}

// register adds commands to the table. A duplicate name panics at start-up.
func register(cmds ...*Command) {
	for _, c := range cmds {
		if _, dup := commands[c.Name]; dup {
			panic("engine: command registered twice: " + c.Name)
		}
		if c.Name != strings.ToLower(c.Name) {
			panic("engine: command name must be lower case: " + c.Name)
		}
		applyDocs(c)
		commands[c.Name] = c
	}
}

// registerSub adds subcommands to a registered container command.
func registerSub(parent string, subs ...*Command) {
	p := commands[parent]
	if p == nil {
		panic("engine: no parent command " + parent)
	}
	if p.Sub == nil {
		p.Sub = map[string]*Command{}
	}
	for _, s := range subs {
		s.Name = parent + "|" + s.Name
		name := s.Name[len(parent)+1:]
		if _, dup := p.Sub[name]; dup {
			panic("engine: subcommand registered twice: " + s.Name)
		}
		applyDocs(s)
		p.Sub[name] = s
	}
}

// lookupCommand finds a command by name, case-insensitively, without
// allocating: the name is folded into a stack buffer and the map lookup
// converts it without a copy.
func lookupCommand(name []byte) *Command {
	var buf [32]byte
	if len(name) > len(buf) {
		return commands[strings.ToLower(string(name))]
	}
	for i, c := range name {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return commands[string(buf[:len(name)])]
}

// lookupSub finds a subcommand by name.
func lookupSub(parent *Command, name []byte) *Command {
	if parent.Sub == nil {
		return nil
	}
	return parent.Sub[strings.ToLower(string(name))]
}

// LookupCommand returns the table entry for a command name (nil if none).
func LookupCommand(name []byte) *Command { return lookupCommand(name) }

// Commands returns every top-level command, for COMMAND and INFO.
func Commands() map[string]*Command { return commands }

// KeyIndexes returns the positions of the key arguments in args for a
// command with fixed key positions.
func (cmd *Command) KeyIndexes(args [][]byte, dst []int) []int {
	dst = dst[:0]
	if cmd.KeysProc != nil {
		return cmd.KeysProc(args, dst)
	}
	if cmd.First == 0 {
		return dst
	}
	last := cmd.Last
	if last < 0 {
		last = len(args) + last
	}
	for i := cmd.First; i <= last && i < len(args); i += cmd.Step {
		dst = append(dst, i)
	}
	return dst
}

// numKeysAt returns a KeysProc for commands whose key count is argument i
// and whose keys follow it (SINTERCARD, ZUNION...): no keys when the count
// is not positive or exceeds the arguments, as Redis's genericGetKeys.
func numKeysAt(i int) func(args [][]byte, dst []int) []int {
	return func(args [][]byte, dst []int) []int {
		if i >= len(args) {
			return dst
		}
		n := atoi(args[i])
		if n < 1 || n > int64(len(args)-i-1) {
			return dst
		}
		for k := 1; k <= int(n); k++ {
			dst = append(dst, i+k)
		}
		return dst
	}
}
