package engine

// Connection commands' entries in the documentation table (see command_docs.go),
// transcribed from redis-server 7.0.15's COMMAND DOCS and COMMAND INFO.
var _ = addDocs(connectionDocs)

var connectionDocs = map[string]*Docs{
	"auth": {
		Summary: "Authenticate to the server", Since: "1.0.0", Group: "connection",
		Complexity: "O(N) where N is the number of passwords defined for the user",
		History: [][2]string{
			{"6.0.0", "Added ACL style (username and password)."},
		},
		Args: []Arg{
			{Name: "username", Type: ArgString, Since: "6.0.0", Flags: ArgOptional},
			{Name: "password", Type: ArgString},
		},
	},
	"client": {
		Summary: "A container for client connection commands", Since: "2.4.0", Group: "connection",
		Complexity: "Depends on subcommand.",
	},
	"client|getname": {
		Summary: "Get the current connection name", Since: "2.6.9", Group: "connection",
		Complexity: "O(1)",
	},
	"client|help": {
		Summary: "Show helpful text about the different subcommands", Since: "5.0.0", Group: "connection",
		Complexity: "O(1)",
	},
	"client|id": {
		Summary: "Returns the client ID for the current connection", Since: "5.0.0", Group: "connection",
		Complexity: "O(1)",
	},
	"client|info": {
		Summary: "Returns information about the current client connection.", Since: "6.2.0", Group: "connection",
		Complexity: "O(1)",
	},
	"client|kill": {
		Summary: "Kill the connection of a client", Since: "2.4.0", Group: "connection",
		Complexity: "O(N) where N is the number of client connections",
		History: [][2]string{
			{"2.8.12", "Added new filter format."},
			{"2.8.12", "`ID` option."},
			{"3.2.0", "Added `master` type in for `TYPE` option."},
			{"5.0.0", "Replaced `slave` `TYPE` with `replica`. `slave` still supported for backward compatibility."},
			{"6.2.0", "`LADDR` option."},
		},
		Args: []Arg{
			{Name: "filter", Type: ArgOneOf, Args: []Arg{
				{Name: "ip:port", Type: ArgString, DeprecatedSince: "2.8.12"},
				{Name: "new-format", Type: ArgOneOf, Flags: ArgMultiple, Args: []Arg{
					{Name: "client-id", Type: ArgInteger, Token: "ID", Since: "2.8.12", Flags: ArgOptional},
					{Name: "normal_master_slave_pubsub", Type: ArgOneOf, Token: "TYPE", Since: "2.8.12", Flags: ArgOptional, Args: []Arg{
						{Name: "normal", Type: ArgPureToken, Token: "NORMAL"},
						{Name: "master", Type: ArgPureToken, Token: "MASTER", Since: "3.2.0"},
						{Name: "slave", Type: ArgPureToken, Token: "SLAVE"},
						{Name: "replica", Type: ArgPureToken, Token: "REPLICA", Since: "5.0.0"},
						{Name: "pubsub", Type: ArgPureToken, Token: "PUBSUB"},
					}},
					{Name: "username", Type: ArgString, Token: "USER", Flags: ArgOptional},
					{Name: "ip:port", Type: ArgString, Token: "ADDR", Flags: ArgOptional},
					{Name: "ip:port", Type: ArgString, Token: "LADDR", Since: "6.2.0", Flags: ArgOptional},
					{Name: "yes/no", Type: ArgString, Token: "SKIPME", Flags: ArgOptional},
				}},
			}},
		},
	},
	"client|list": {
		Summary: "Get the list of client connections", Since: "2.4.0", Group: "connection",
		Complexity: "O(N) where N is the number of client connections",
		History: [][2]string{
			{"2.8.12", "Added unique client `id` field."},
			{"5.0.0", "Added optional `TYPE` filter."},
			{"6.0.0", "Added `user` field."},
			{"6.2.0", "Added `argv-mem`, `tot-mem`, `laddr` and `redir` fields and the optional `ID` filter."},
			{"7.0.0", "Added `resp`, `multi-mem`, `rbs` and `rbp` fields."},
			{"7.0.3", "Added `ssub` field."},
		},
		Args: []Arg{
			{Name: "normal_master_replica_pubsub", Type: ArgOneOf, Token: "TYPE", Since: "5.0.0", Flags: ArgOptional, Args: []Arg{
				{Name: "normal", Type: ArgPureToken, Token: "NORMAL"},
				{Name: "master", Type: ArgPureToken, Token: "MASTER"},
				{Name: "replica", Type: ArgPureToken, Token: "REPLICA"},
				{Name: "pubsub", Type: ArgPureToken, Token: "PUBSUB"},
			}},
			{Name: "id", Type: ArgBlock, Token: "ID", Since: "6.2.0", Flags: ArgOptional, Args: []Arg{
				{Name: "client-id", Type: ArgInteger, Flags: ArgMultiple},
			}},
		},
	},
	"client|no-evict": {
		Summary: "Set client eviction mode for the current connection", Since: "7.0.0", Group: "connection",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "enabled", Type: ArgOneOf, Args: []Arg{
				{Name: "on", Type: ArgPureToken, Token: "ON"},
				{Name: "off", Type: ArgPureToken, Token: "OFF"},
			}},
		},
	},
	"client|no-touch": {
		Summary: "Controls whether commands sent by the client affect the LRU/LFU of accessed keys.", Since: "7.2.0", Group: "connection",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "enabled", Type: ArgOneOf, Args: []Arg{
				{Name: "on", Type: ArgPureToken, Token: "ON"},
				{Name: "off", Type: ArgPureToken, Token: "OFF"},
			}},
		},
	},
	"client|pause": {
		Summary: "Stop processing commands from clients for some time", Since: "2.9.50", Group: "connection",
		Complexity: "O(1)",
		History: [][2]string{
			{"6.2.0", "`CLIENT PAUSE WRITE` mode added along with the `mode` option."},
		},
		Args: []Arg{
			{Name: "timeout", Type: ArgInteger},
			{Name: "mode", Type: ArgOneOf, Since: "6.2.0", Flags: ArgOptional, Args: []Arg{
				{Name: "write", Type: ArgPureToken, Token: "WRITE"},
				{Name: "all", Type: ArgPureToken, Token: "ALL"},
			}},
		},
	},
	"client|reply": {
		Summary: "Instruct the server whether to reply to commands", Since: "3.2.0", Group: "connection",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "on_off_skip", Type: ArgOneOf, Args: []Arg{
				{Name: "on", Type: ArgPureToken, Token: "ON"},
				{Name: "off", Type: ArgPureToken, Token: "OFF"},
				{Name: "skip", Type: ArgPureToken, Token: "SKIP"},
			}},
		},
	},
	"client|setinfo": {
		Summary: "Sets information specific to the client or connection.", Since: "7.2.0", Group: "connection",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "attr", Type: ArgOneOf, Args: []Arg{
				{Name: "libname", Type: ArgString, Token: "LIB-NAME"},
				{Name: "libver", Type: ArgString, Token: "LIB-VER"},
			}},
		},
	},
	"client|setname": {
		Summary: "Set the current connection name", Since: "2.6.9", Group: "connection",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "connection-name", Type: ArgString},
		},
	},
	"client|unblock": {
		Summary: "Unblock a client blocked in a blocking command from a different connection", Since: "5.0.0", Group: "connection",
		Complexity: "O(log N) where N is the number of client connections",
		Args: []Arg{
			{Name: "client-id", Type: ArgInteger},
			{Name: "timeout_error", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "timeout", Type: ArgPureToken, Token: "TIMEOUT"},
				{Name: "error", Type: ArgPureToken, Token: "ERROR"},
			}},
		},
	},
	"client|unpause": {
		Summary: "Resume processing of clients that were paused", Since: "6.2.0", Group: "connection",
		Complexity: "O(N) Where N is the number of paused clients",
	},
	"echo": {
		Summary: "Echo the given string", Since: "1.0.0", Group: "connection",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "message", Type: ArgString},
		},
	},
	"hello": {
		Summary: "Handshake with Redis", Since: "6.0.0", Group: "connection",
		Complexity: "O(1)",
		History: [][2]string{
			{"6.2.0", "`protover` made optional; when called without arguments the command reports the current connection's context."},
		},
		Args: []Arg{
			{Name: "arguments", Type: ArgBlock, Flags: ArgOptional, Args: []Arg{
				{Name: "protover", Type: ArgInteger},
				{Name: "username_password", Type: ArgBlock, Token: "AUTH", Flags: ArgOptional, Args: []Arg{
					{Name: "username", Type: ArgString},
					{Name: "password", Type: ArgString},
				}},
				{Name: "clientname", Type: ArgString, Token: "SETNAME", Flags: ArgOptional},
			}},
		},
	},
	"ping": {
		Summary: "Ping the server", Since: "1.0.0", Group: "connection",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "message", Type: ArgString, Flags: ArgOptional},
		},
	},
	"quit": {
		Summary: "Close the connection", Since: "1.0.0", Group: "connection",
		Complexity: "O(1)",
	},
	"reset": {
		Summary: "Reset the connection", Since: "6.2.0", Group: "connection",
		Complexity: "O(1)",
	},
	"select": {
		Summary: "Change the selected database for the current connection", Since: "1.0.0", Group: "connection",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "index", Type: ArgInteger},
		},
	},
}
