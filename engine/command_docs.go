package engine

// Command documentation and key specs: what Redis keeps in its
// src/commands/*.json files and shows in COMMAND DOCS and COMMAND INFO.
//
// The data lives in one table keyed by full command name ("set",
// "client|kill"), split by Redis's command groups into docs_*.go files, and
// is copied into each Command when it registers. Registrations keep what
// the server runs on (arity, flags, key positions, categories, handler);
// the table keeps what Redis copies from its reference files (summary,
// since, complexity, history, arguments, key specs), transcribed from
// redis-server 7.0.15's COMMAND DOCS and COMMAND INFO, so the two can be
// compared and kept in step in one place. A command documented in the table
// must not set doc fields in its registration (register panics).

// ArgType is an argument's type in COMMAND DOCS.
type ArgType uint8

const (
	ArgString ArgType = iota
	ArgInteger
	ArgDouble
	ArgKey
	ArgPattern
	ArgUnixTime
	ArgPureToken
	ArgOneOf
	ArgBlock
)

var argTypeNames = [...]string{"string", "integer", "double", "key", "pattern", "unix-time", "pure-token", "oneof", "block"}

// ArgFlags are an argument's flags in COMMAND DOCS.
type ArgFlags uint8

const (
	ArgOptional ArgFlags = 1 << iota
	ArgMultiple
	ArgMultipleToken
)

var argFlagNames = [...]string{"optional", "multiple", "multiple_token"}

// Arg documents one argument of a command, as redis-cli's hints read it.
type Arg struct {
	Name string
	Type ArgType
	// KeySpec is the index of the key spec a key argument belongs to
	// (key_spec_index, reported for ArgKey only).
	KeySpec int
	// HasKeySpec reports KeySpec for an argument that is not a key (SORT's
	// BY and GET patterns name keys too).
	HasKeySpec bool
	Token      string
	Flags      ArgFlags
	// DisplayText is Redis 7.2's display_text; 7.0 has none.
	DisplayText     string
	Summary         string
	Since           string
	DeprecatedSince string
	// Args are the alternatives of a oneof or the parts of a block.
	Args []Arg
}

// DocFlags are a command's doc_flags.
type DocFlags uint8

const (
	DocDeprecated DocFlags = 1 << iota
	DocSyscmd
)

// KeyFlags are a key spec's flags.
type KeyFlags uint16

const (
	KeyRO KeyFlags = 1 << iota
	KeyRW
	KeyOW
	KeyRM
	KeyAccess
	KeyUpdate
	KeyInsert
	KeyDelete
	KeyNotKey
	KeyIncomplete
	KeyVariableFlags
)

var keyFlagNames = [...]string{"RO", "RW", "OW", "RM", "access", "update", "insert", "delete", "not_key", "incomplete", "variable_flags"}

// Names returns the flag names in Redis's order.
func (f KeyFlags) Names() []string {
	var out []string
	for i, n := range keyFlagNames {
		if f&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// KeySpec is one of a command's key specs: where the search for keys
// begins and how the keys are found from there.
type KeySpec struct {
	Notes string
	Flags KeyFlags
	// begin_search: "index" Index, or "keyword" Keyword looked for from
	// StartFrom (negative: from the end) when Keyword is set.
	Index     int
	Keyword   string
	StartFrom int
	// find_keys: "range" LastKey (relative to the begin position; negative
	// counts from the end), KeyStep, Limit; or "keynum" when KeyNum is
	// set: the key count at KeyNumIdx, keys from FirstKey every KeyStep.
	LastKey, KeyStep, Limit int
	KeyNum                  bool
	KeyNumIdx, FirstKey     int
	// Unknown marks a spec whose keys cannot be found from the arguments
	// (SORT's BY/GET and STORE): begin_search and find_keys are "unknown".
	Unknown bool
}

// Docs is a command's entry in the documentation table.
type Docs struct {
	Summary, Since, Group, Complexity string
	DocFlags                          DocFlags
	DeprecatedSince, ReplacedBy       string
	History                           [][2]string // version, change
	Args                              []Arg
	// KeySpecs replace the spec derived from First/Last/Step when set.
	KeySpecs []KeySpec
}

// commandDocs is the documentation table, keyed by full command name. Each
// docs_*.go file adds its part with a package-level
//
//	var _ = addDocs(hashDocs)
//
// which Go runs before any init function registers a command.
var commandDocs = map[string]*Docs{}

// addDocs merges part into the documentation table.
func addDocs(part map[string]*Docs) bool {
	for name, d := range part {
		if _, dup := commandDocs[name]; dup {
			panic("engine: command documented twice: " + name)
		}
		commandDocs[name] = d
	}
	return true
}

// applyDocs copies a command's table entry into it.
func applyDocs(cmd *Command) {
	d := commandDocs[cmd.Name]
	if d == nil {
		return
	}
	if cmd.Summary != "" || cmd.Since != "" || cmd.Complexity != "" || cmd.Args != nil || cmd.KeySpecs != nil {
		panic("engine: command documented in its registration and in the docs table: " + cmd.Name)
	}
	cmd.Summary, cmd.Since, cmd.Group, cmd.Complexity = d.Summary, d.Since, d.Group, d.Complexity
	cmd.DocFlags, cmd.DeprecatedSince, cmd.ReplacedBy = d.DocFlags, d.DeprecatedSince, d.ReplacedBy
	cmd.History, cmd.Args, cmd.KeySpecs = d.History, d.Args, d.KeySpecs
}

// keySpecs returns the command's key specs: the explicit ones, or the one
// derived from First/Last/Step (writers RW update, readers RO access).
func (cmd *Command) keySpecs() []KeySpec {
	if cmd.KeySpecs != nil || cmd.First == 0 {
		return cmd.KeySpecs
	}
	ks := KeySpec{Flags: KeyRO | KeyAccess, Index: cmd.First, LastKey: cmd.Last, KeyStep: cmd.Step}
	if cmd.Flags&FlagWrite != 0 {
		ks.Flags = KeyRW | KeyUpdate
	}
	if ks.LastKey >= 0 {
		ks.LastKey -= cmd.First
	}
	return []KeySpec{ks}
}

// keyFlagsAt returns the flags of the key at argument pos of the command
// line args, for COMMAND GETKEYSANDFLAGS: those of the index/range key spec
// that covers pos (KeyRO|KeyAccess when none does), resolved as Redis's
// getkeys procs do for specs with variable flags.
func (cmd *Command) keyFlagsAt(args [][]byte, pos int) KeyFlags {
	if cmd.Name == "set" {
		// setGetKeys: any argument after the value spelled GET (even an
		// option's value) makes the key read as well as written.
		for _, a := range args[min(3, len(args)):] {
			if eqFold(a, "get") {
				return KeyRW | KeyAccess | KeyUpdate
			}
		}
		return KeyOW | KeyUpdate
	}
	for _, ks := range cmd.keySpecs() {
		if ks.Keyword != "" || ks.KeyNum || pos < ks.Index {
			continue
		}
		last := ks.Index + ks.LastKey
		if ks.LastKey < 0 {
			last = len(args) + ks.LastKey
		}
		if pos <= last && (ks.KeyStep <= 1 || (pos-ks.Index)%ks.KeyStep == 0) {
			return ks.Flags
		}
	}
	return KeyRO | KeyAccess
}

// replyKeySpecs writes COMMAND INFO's key specs field.
func (c *Client) replyKeySpecs(cmd *Command) {
	w := &c.W
	specs := cmd.keySpecs()
	w.Set(len(specs))
	for _, ks := range specs {
		n := 3
		if ks.Notes != "" {
			n++
		}
		w.Map(n)
		if ks.Notes != "" {
			w.BulkString("notes")
			w.BulkString(ks.Notes)
		}
		w.BulkString("flags")
		names := ks.Flags.Names()
		w.Set(len(names))
		for _, f := range names {
			w.Simple(f)
		}
		w.BulkString("begin_search")
		w.Map(2)
		w.BulkString("type")
		if ks.Unknown {
			for i := 0; i < 2; i++ {
				w.BulkString("unknown")
				w.BulkString("spec")
				w.Map(0)
				if i == 0 {
					w.BulkString("find_keys")
					w.Map(2)
					w.BulkString("type")
				}
			}
			continue
		}
		if ks.Keyword != "" {
			w.BulkString("keyword")
			w.BulkString("spec")
			w.Map(2)
			w.BulkString("keyword")
			w.BulkString(ks.Keyword)
			w.BulkString("startfrom")
			w.Int(int64(ks.StartFrom))
		} else {
			w.BulkString("index")
			w.BulkString("spec")
			w.Map(1)
			w.BulkString("index")
			w.Int(int64(ks.Index))
		}
		w.BulkString("find_keys")
		w.Map(2)
		w.BulkString("type")
		if ks.KeyNum {
			w.BulkString("keynum")
			w.BulkString("spec")
			w.Map(3)
			w.BulkString("keynumidx")
			w.Int(int64(ks.KeyNumIdx))
			w.BulkString("firstkey")
			w.Int(int64(ks.FirstKey))
		} else {
			w.BulkString("range")
			w.BulkString("spec")
			w.Map(3)
			w.BulkString("lastkey")
			w.Int(int64(ks.LastKey))
		}
		w.BulkString("keystep")
		w.Int(int64(ks.KeyStep))
		if !ks.KeyNum {
			w.BulkString("limit")
			w.Int(int64(ks.Limit))
		}
	}
}

// replyArgs writes COMMAND DOCS's arguments list, fields in Redis's order.
func (c *Client) replyArgs(args []Arg) {
	w := &c.W
	w.Array(len(args))
	for i := range args {
		a := &args[i]
		n := 2
		for _, s := range []string{a.DisplayText, a.Token, a.Summary, a.Since, a.DeprecatedSince} {
			if s != "" {
				n++
			}
		}
		if a.Type == ArgKey || a.HasKeySpec {
			n++
		}
		if a.Flags != 0 {
			n++
		}
		if a.Type == ArgOneOf || a.Type == ArgBlock {
			n++
		}
		w.Map(n)
		w.BulkString("name")
		w.BulkString(a.Name)
		w.BulkString("type")
		w.BulkString(argTypeNames[a.Type])
		if a.DisplayText != "" {
			w.BulkString("display_text")
			w.BulkString(a.DisplayText)
		}
		if a.Type == ArgKey || a.HasKeySpec {
			w.BulkString("key_spec_index")
			w.Int(int64(a.KeySpec))
		}
		for _, kv := range [...][2]string{{"token", a.Token}, {"summary", a.Summary}, {"since", a.Since}, {"deprecated_since", a.DeprecatedSince}} {
			if kv[1] != "" {
				w.BulkString(kv[0])
				w.BulkString(kv[1])
			}
		}
		if a.Flags != 0 {
			w.BulkString("flags")
			var names []string
			for j, f := range argFlagNames {
				if a.Flags&(1<<j) != 0 {
					names = append(names, f)
				}
			}
			w.Set(len(names))
			for _, f := range names {
				w.Simple(f)
			}
		}
		if a.Type == ArgOneOf || a.Type == ArgBlock {
			w.BulkString("arguments")
			c.replyArgs(a.Args)
		}
	}
}

// replyCommandDocs writes a command's documentation map, fields in Redis's
// order: summary, since, group, complexity, doc_flags, deprecated_since,
// replaced_by, history, arguments, subcommands (each when known).
func (c *Client) replyCommandDocs(cmd *Command) {
	w := &c.W
	n := 1
	for _, s := range []string{cmd.Summary, cmd.Since, cmd.Complexity, cmd.DeprecatedSince, cmd.ReplacedBy} {
		if s != "" {
			n++
		}
	}
	for _, has := range []bool{cmd.DocFlags != 0, len(cmd.History) > 0, len(cmd.Args) > 0, len(cmd.Sub) > 0} {
		if has {
			n++
		}
	}
	w.Map(n)
	if cmd.Summary != "" {
		w.BulkString("summary")
		w.BulkString(cmd.Summary)
	}
	if cmd.Since != "" {
		w.BulkString("since")
		w.BulkString(cmd.Since)
	}
	w.BulkString("group")
	group := cmd.Group
	if group == "" {
		group = "generic"
	}
	w.BulkString(group)
	if cmd.Complexity != "" {
		w.BulkString("complexity")
		w.BulkString(cmd.Complexity)
	}
	if cmd.DocFlags != 0 {
		w.BulkString("doc_flags")
		var names []string
		if cmd.DocFlags&DocDeprecated != 0 {
			names = append(names, "deprecated")
		}
		if cmd.DocFlags&DocSyscmd != 0 {
			names = append(names, "syscmd")
		}
		w.Set(len(names))
		for _, f := range names {
			w.Simple(f)
		}
	}
	if cmd.DeprecatedSince != "" {
		w.BulkString("deprecated_since")
		w.BulkString(cmd.DeprecatedSince)
	}
	if cmd.ReplacedBy != "" {
		w.BulkString("replaced_by")
		w.BulkString(cmd.ReplacedBy)
	}
	if len(cmd.History) > 0 {
		w.BulkString("history")
		w.Set(len(cmd.History))
		for _, h := range cmd.History {
			w.Array(2)
			w.BulkString(h[0])
			w.BulkString(h[1])
		}
	}
	if len(cmd.Args) > 0 {
		w.BulkString("arguments")
		c.replyArgs(cmd.Args)
	}
	if len(cmd.Sub) > 0 {
		subs := cmd.sortedSubs()
		w.BulkString("subcommands")
		w.Map(len(subs))
		for _, s := range subs {
			w.BulkString(s.Name)
			c.replyCommandDocs(s)
		}
	}
}
