package engine

// scriptingDocs' entries in the documentation table (see command_docs.go),
// transcribed from redis-server 7.0.15's COMMAND DOCS and COMMAND INFO.
var _ = addDocs(scriptingDocs)

var scriptingDocs = map[string]*Docs{
	"eval": {
		Summary: "Execute a Lua script server side", Since: "2.6.0", Group: "scripting",
		Complexity: "Depends on the script that is executed.",
		Args: []Arg{
			{Name: "script", Type: ArgString},
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Flags: ArgOptional | ArgMultiple},
			{Name: "arg", Type: ArgString, Flags: ArgOptional | ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Notes: "We cannot tell how the keys will be used so we assume the worst, RW and UPDATE", Flags: KeyRW | KeyAccess | KeyUpdate, Index: 2, KeyNum: true, KeyNumIdx: 0, FirstKey: 1, KeyStep: 1},
		},
	},
	"evalsha": {
		Summary: "Execute a Lua script server side", Since: "2.6.0", Group: "scripting",
		Complexity: "Depends on the script that is executed.",
		Args: []Arg{
			{Name: "sha1", Type: ArgString},
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Flags: ArgOptional | ArgMultiple},
			{Name: "arg", Type: ArgString, Flags: ArgOptional | ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyUpdate, Index: 2, KeyNum: true, KeyNumIdx: 0, FirstKey: 1, KeyStep: 1},
		},
	},
	"eval_ro": {
		Summary: "Execute a read-only Lua script server side", Since: "7.0.0", Group: "scripting",
		Complexity: "Depends on the script that is executed.",
		Args: []Arg{
			{Name: "script", Type: ArgString},
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Flags: ArgOptional | ArgMultiple},
			{Name: "arg", Type: ArgString, Flags: ArgOptional | ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Notes: "We cannot tell how the keys will be used so we assume the worst, RO and ACCESS", Flags: KeyRO | KeyAccess, Index: 2, KeyNum: true, KeyNumIdx: 0, FirstKey: 1, KeyStep: 1},
		},
	},
	"evalsha_ro": {
		Summary: "Execute a read-only Lua script server side", Since: "7.0.0", Group: "scripting",
		Complexity: "Depends on the script that is executed.",
		Args: []Arg{
			{Name: "sha1", Type: ArgString},
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Flags: ArgOptional | ArgMultiple},
			{Name: "arg", Type: ArgString, Flags: ArgOptional | ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 2, KeyNum: true, KeyNumIdx: 0, FirstKey: 1, KeyStep: 1},
		},
	},
	"fcall": {
		Summary: "Invoke a function", Since: "7.0.0", Group: "scripting",
		Complexity: "Depends on the function that is executed.",
		Args: []Arg{
			{Name: "function", Type: ArgString},
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Flags: ArgOptional | ArgMultiple},
			{Name: "arg", Type: ArgString, Flags: ArgOptional | ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Notes: "We cannot tell how the keys will be used so we assume the worst, RW and UPDATE", Flags: KeyRW | KeyAccess | KeyUpdate, Index: 2, KeyNum: true, KeyNumIdx: 0, FirstKey: 1, KeyStep: 1},
		},
	},
	"fcall_ro": {
		Summary: "Invoke a read-only function", Since: "7.0.0", Group: "scripting",
		Complexity: "Depends on the function that is executed.",
		Args: []Arg{
			{Name: "function", Type: ArgString},
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Flags: ArgOptional | ArgMultiple},
			{Name: "arg", Type: ArgString, Flags: ArgOptional | ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Notes: "We cannot tell how the keys will be used so we assume the worst, RO and ACCESS", Flags: KeyRO | KeyAccess, Index: 2, KeyNum: true, KeyNumIdx: 0, FirstKey: 1, KeyStep: 1},
		},
	},
	"script": {
		Summary: "A container for Lua scripts management commands", Since: "2.6.0", Group: "scripting",
		Complexity: "Depends on subcommand.",
		KeySpecs:   []KeySpec{},
	},
	"script|load": {
		Summary: "Load the specified Lua script into the script cache.", Since: "2.6.0", Group: "scripting",
		Complexity: "O(N) with N being the length in bytes of the script body.",
		Args: []Arg{
			{Name: "script", Type: ArgString},
		},
		KeySpecs: []KeySpec{},
	},
	"script|exists": {
		Summary: "Check existence of scripts in the script cache.", Since: "2.6.0", Group: "scripting",
		Complexity: "O(N) with N being the number of scripts to check (so checking a single script is an O(1) operation).",
		Args: []Arg{
			{Name: "sha1", Type: ArgString, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{},
	},
	"script|flush": {
		Summary: "Remove all the scripts from the script cache.", Since: "2.6.0", Group: "scripting",
		Complexity: "O(N) with N being the number of scripts in cache",
		History: [][2]string{
			{"6.2.0", "Added the `ASYNC` and `SYNC` flushing mode modifiers."},
		},
		Args: []Arg{
			{Name: "async", Type: ArgOneOf, Flags: ArgOptional, Since: "6.2.0", Args: []Arg{
				{Name: "async", Type: ArgPureToken, Token: "ASYNC"},
				{Name: "sync", Type: ArgPureToken, Token: "SYNC"},
			}},
		},
		KeySpecs: []KeySpec{},
	},
	"script|kill": {
		Summary: "Kill the script currently in execution.", Since: "2.6.0", Group: "scripting",
		Complexity: "O(1)",
		KeySpecs:   []KeySpec{},
	},
	"script|help": {
		Summary: "Show helpful text about the different subcommands", Since: "5.0.0", Group: "scripting",
		Complexity: "O(1)",
		KeySpecs:   []KeySpec{},
	},
	"script|debug": {
		Summary: "Set the debug mode for executed scripts.", Since: "3.2.0", Group: "scripting",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "mode", Type: ArgOneOf, Args: []Arg{
				{Name: "yes", Type: ArgPureToken, Token: "YES"},
				{Name: "sync", Type: ArgPureToken, Token: "SYNC"},
				{Name: "no", Type: ArgPureToken, Token: "NO"},
			}},
		},
		KeySpecs: []KeySpec{},
	},
	"function": {
		Summary: "A container for function commands", Since: "7.0.0", Group: "scripting",
		Complexity: "Depends on subcommand.",
		KeySpecs:   []KeySpec{},
	},
	"function|load": {
		Summary: "Create a function with the given arguments (name, code, description)", Since: "7.0.0", Group: "scripting",
		Complexity: "O(1) (considering compilation time is redundant)",
		Args: []Arg{
			{Name: "replace", Type: ArgPureToken, Token: "REPLACE", Flags: ArgOptional},
			{Name: "function-code", Type: ArgString},
		},
		KeySpecs: []KeySpec{},
	},
	"function|list": {
		Summary: "List information about all the functions", Since: "7.0.0", Group: "scripting",
		Complexity: "O(N) where N is the number of functions",
		Args: []Arg{
			{Name: "library-name-pattern", Type: ArgString, Token: "LIBRARYNAME", Flags: ArgOptional},
			{Name: "withcode", Type: ArgPureToken, Token: "WITHCODE", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{},
	},
	"function|delete": {
		Summary: "Delete a function by name", Since: "7.0.0", Group: "scripting",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "library-name", Type: ArgString},
		},
		KeySpecs: []KeySpec{},
	},
	"function|flush": {
		Summary: "Deleting all functions", Since: "7.0.0", Group: "scripting",
		Complexity: "O(N) where N is the number of functions deleted",
		Args: []Arg{
			{Name: "async", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "async", Type: ArgPureToken, Token: "ASYNC"},
				{Name: "sync", Type: ArgPureToken, Token: "SYNC"},
			}},
		},
		KeySpecs: []KeySpec{},
	},
	"function|stats": {
		Summary: "Return information about the function currently running (name, description, duration)", Since: "7.0.0", Group: "scripting",
		Complexity: "O(1)",
		KeySpecs:   []KeySpec{},
	},
	"function|dump": {
		Summary: "Dump all functions into a serialized binary payload", Since: "7.0.0", Group: "scripting",
		Complexity: "O(N) where N is the number of functions",
		KeySpecs:   []KeySpec{},
	},
	"function|restore": {
		Summary: "Restore all the functions on the given payload", Since: "7.0.0", Group: "scripting",
		Complexity: "O(N) where N is the number of functions on the payload",
		Args: []Arg{
			{Name: "serialized-value", Type: ArgString},
			{Name: "policy", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "flush", Type: ArgPureToken, Token: "FLUSH"},
				{Name: "append", Type: ArgPureToken, Token: "APPEND"},
				{Name: "replace", Type: ArgPureToken, Token: "REPLACE"},
			}},
		},
		KeySpecs: []KeySpec{},
	},
	"function|kill": {
		Summary: "Kill the function currently in execution.", Since: "7.0.0", Group: "scripting",
		Complexity: "O(1)",
		KeySpecs:   []KeySpec{},
	},
	"function|help": {
		Summary: "Show helpful text about the different subcommands", Since: "7.0.0", Group: "scripting",
		Complexity: "O(1)",
		KeySpecs:   []KeySpec{},
	},
}
