package engine

// Server commands' entries in the documentation table (see command_docs.go),
// transcribed from redis-server 7.0.15's COMMAND DOCS and COMMAND INFO.
var _ = addDocs(serverDocs)

var serverDocs = map[string]*Docs{
	"command": {
		Summary: "Get array of Redis command details", Since: "2.8.13", Group: "server",
		Complexity: "O(N) where N is the total number of Redis commands",
	},
	"command|count": {
		Summary: "Get total number of Redis commands", Since: "2.8.13", Group: "server",
		Complexity: "O(1)",
	},
	"command|docs": {
		Summary: "Get array of specific Redis command documentation", Since: "7.0.0", Group: "server",
		Complexity: "O(N) where N is the number of commands to look up",
		Args: []Arg{
			{Name: "command-name", Type: ArgString, Flags: ArgOptional | ArgMultiple},
		},
	},
	"command|getkeys": {
		Summary: "Extract keys given a full Redis command", Since: "2.8.13", Group: "server",
		Complexity: "O(N) where N is the number of arguments to the command",
	},
	"command|getkeysandflags": {
		Summary: "Extract keys and access flags given a full Redis command", Since: "7.0.0", Group: "server",
		Complexity: "O(N) where N is the number of arguments to the command",
	},
	"command|help": {
		Summary: "Show helpful text about the different subcommands", Since: "5.0.0", Group: "server",
		Complexity: "O(1)",
	},
	"command|info": {
		Summary: "Get array of specific Redis command details, or all when no argument is given.", Since: "2.8.13", Group: "server",
		Complexity: "O(N) where N is the number of commands to look up",
		History: [][2]string{
			{"7.0.0", "Allowed to be called with no argument to get info on all commands."},
		},
		Args: []Arg{
			{Name: "command-name", Type: ArgString, Flags: ArgOptional | ArgMultiple},
		},
	},
	"command|list": {
		Summary: "Get an array of Redis command names", Since: "7.0.0", Group: "server",
		Complexity: "O(N) where N is the total number of Redis commands",
		Args: []Arg{
			{Name: "filterby", Type: ArgOneOf, Token: "FILTERBY", Flags: ArgOptional, Args: []Arg{
				{Name: "module-name", Type: ArgString, Token: "MODULE"},
				{Name: "category", Type: ArgString, Token: "ACLCAT"},
				{Name: "pattern", Type: ArgPattern, Token: "PATTERN"},
			}},
		},
	},
	"config": {
		Summary: "A container for server configuration commands", Since: "2.0.0", Group: "server",
		Complexity: "Depends on subcommand.",
	},
	"config|get": {
		Summary: "Get the values of configuration parameters", Since: "2.0.0", Group: "server",
		Complexity: "O(N) when N is the number of configuration parameters provided",
		History: [][2]string{
			{"7.0.0", "Added the ability to pass multiple pattern parameters in one call"},
		},
		Args: []Arg{
			{Name: "parameter", Type: ArgBlock, Flags: ArgMultiple, Args: []Arg{
				{Name: "parameter", Type: ArgString},
			}},
		},
	},
	"config|help": {
		Summary: "Show helpful text about the different subcommands", Since: "5.0.0", Group: "server",
		Complexity: "O(1)",
	},
	"config|resetstat": {
		Summary: "Reset the stats returned by INFO", Since: "2.0.0", Group: "server",
		Complexity: "O(1)",
	},
	"config|rewrite": {
		Summary: "Rewrite the configuration file with the in memory configuration", Since: "2.8.0", Group: "server",
		Complexity: "O(1)",
	},
	"config|set": {
		Summary: "Set configuration parameters to the given values", Since: "2.0.0", Group: "server",
		Complexity: "O(N) when N is the number of configuration parameters provided",
		History: [][2]string{
			{"7.0.0", "Added the ability to set multiple parameters in one call."},
		},
		Args: []Arg{
			{Name: "parameter_value", Type: ArgBlock, Flags: ArgMultiple, Args: []Arg{
				{Name: "parameter", Type: ArgString},
				{Name: "value", Type: ArgString},
			}},
		},
	},
	"dbsize": {
		Summary: "Return the number of keys in the selected database", Since: "1.0.0", Group: "server",
		Complexity: "O(1)",
	},
	"debug": {
		Summary: "A container for debugging commands", Since: "1.0.0", Group: "server",
		Complexity: "Depends on subcommand.",
		DocFlags:   DocSyscmd,
	},
	"flushall": {
		Summary: "Remove all keys from all databases", Since: "1.0.0", Group: "server",
		Complexity: "O(N) where N is the total number of keys in all databases",
		History: [][2]string{
			{"4.0.0", "Added the `ASYNC` flushing mode modifier."},
			{"6.2.0", "Added the `SYNC` flushing mode modifier."},
		},
		Args: []Arg{
			{Name: "async", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "async", Type: ArgPureToken, Token: "ASYNC", Since: "4.0.0"},
				{Name: "sync", Type: ArgPureToken, Token: "SYNC", Since: "6.2.0"},
			}},
		},
	},
	"flushdb": {
		Summary: "Remove all keys from the current database", Since: "1.0.0", Group: "server",
		Complexity: "O(N) where N is the number of keys in the selected database",
		History: [][2]string{
			{"4.0.0", "Added the `ASYNC` flushing mode modifier."},
			{"6.2.0", "Added the `SYNC` flushing mode modifier."},
		},
		Args: []Arg{
			{Name: "async", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "async", Type: ArgPureToken, Token: "ASYNC", Since: "4.0.0"},
				{Name: "sync", Type: ArgPureToken, Token: "SYNC", Since: "6.2.0"},
			}},
		},
	},
	"info": {
		Summary: "Get information and statistics about the server", Since: "1.0.0", Group: "server",
		Complexity: "O(1)",
		History: [][2]string{
			{"7.0.0", "Added support for taking multiple section arguments."},
		},
		Args: []Arg{
			{Name: "section", Type: ArgString, Flags: ArgOptional | ArgMultiple},
		},
	},
	"lastsave": {
		Summary: "Get the UNIX time stamp of the last successful save to disk", Since: "1.0.0", Group: "server",
		Complexity: "O(1)",
	},
	"latency": {
		Summary: "A container for latency diagnostics commands", Since: "2.8.13", Group: "server",
		Complexity: "Depends on subcommand.",
	},
	"latency|help": {
		Summary: "Show helpful text about the different subcommands.", Since: "2.8.13", Group: "server",
		Complexity: "O(1)",
	},
	"latency|history": {
		Summary: "Return timestamp-latency samples for the event.", Since: "2.8.13", Group: "server",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "event", Type: ArgString},
		},
	},
	"latency|latest": {
		Summary: "Return the latest latency samples for all events.", Since: "2.8.13", Group: "server",
		Complexity: "O(1)",
	},
	"latency|reset": {
		Summary: "Reset latency data for one or more events.", Since: "2.8.13", Group: "server",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "event", Type: ArgString, Flags: ArgOptional | ArgMultiple},
		},
	},
	"memory": {
		Summary: "A container for memory diagnostics commands", Since: "4.0.0", Group: "server",
		Complexity: "Depends on subcommand.",
	},
	"memory|help": {
		Summary: "Show helpful text about the different subcommands", Since: "4.0.0", Group: "server",
		Complexity: "O(1)",
	},
	"memory|purge": {
		Summary: "Ask the allocator to release memory", Since: "4.0.0", Group: "server",
		Complexity: "Depends on how much memory is allocated, could be slow",
	},
	"memory|usage": {
		Summary: "Estimate the memory usage of a key", Since: "4.0.0", Group: "server",
		Complexity: "O(N) where N is the number of samples.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "count", Type: ArgInteger, Token: "SAMPLES", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 2, KeyStep: 1},
		},
	},
	"monitor": {
		Summary: "Listen for all requests received by the server in real time", Since: "1.0.0", Group: "server",
	},
	"shutdown": {
		Summary: "Synchronously save the dataset to disk and then shut down the server", Since: "1.0.0", Group: "server",
		Complexity: "O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)",
		History: [][2]string{
			{"7.0.0", "Added the `NOW`, `FORCE` and `ABORT` modifiers."},
		},
		Args: []Arg{
			{Name: "nosave_save", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "nosave", Type: ArgPureToken, Token: "NOSAVE"},
				{Name: "save", Type: ArgPureToken, Token: "SAVE"},
			}},
			{Name: "now", Type: ArgPureToken, Token: "NOW", Since: "7.0.0", Flags: ArgOptional},
			{Name: "force", Type: ArgPureToken, Token: "FORCE", Since: "7.0.0", Flags: ArgOptional},
			{Name: "abort", Type: ArgPureToken, Token: "ABORT", Since: "7.0.0", Flags: ArgOptional},
		},
	},
	"slowlog": {
		Summary: "A container for slow log commands", Since: "2.2.12", Group: "server",
		Complexity: "Depends on subcommand.",
	},
	"slowlog|get": {
		Summary: "Get the slow log's entries", Since: "2.2.12", Group: "server",
		Complexity: "O(N) where N is the number of entries returned",
		History: [][2]string{
			{"4.0.0", "Added client IP address, port and name to the reply."},
		},
		Args: []Arg{
			{Name: "count", Type: ArgInteger, Flags: ArgOptional},
		},
	},
	"slowlog|help": {
		Summary: "Show helpful text about the different subcommands", Since: "6.2.0", Group: "server",
		Complexity: "O(1)",
	},
	"slowlog|len": {
		Summary: "Get the slow log's length", Since: "2.2.12", Group: "server",
		Complexity: "O(1)",
	},
	"slowlog|reset": {
		Summary: "Clear all entries from the slow log", Since: "2.2.12", Group: "server",
		Complexity: "O(N) where N is the number of entries in the slowlog",
	},
	"swapdb": {
		Summary: "Swaps two Redis databases", Since: "4.0.0", Group: "server",
		Complexity: "O(N) where N is the count of clients watching or blocking on keys from both databases.",
		Args: []Arg{
			{Name: "index1", Type: ArgInteger},
			{Name: "index2", Type: ArgInteger},
		},
	},
	"time": {
		Summary: "Return the current server time", Since: "2.6.0", Group: "server",
		Complexity: "O(1)",
	},
}
