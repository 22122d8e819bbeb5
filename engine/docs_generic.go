package engine

// Generic (key, expiry and database) commands' entries in the documentation table (see command_docs.go),
// transcribed from redis-server 7.0.15's COMMAND DOCS and COMMAND INFO.
var _ = addDocs(genericDocs)

var genericDocs = map[string]*Docs{
	"copy": {
		Summary: "Copy a key", Since: "6.2.0", Group: "generic",
		Complexity: "O(N) worst case for collections, where N is the number of nested items. O(1) for string values.",
		Args: []Arg{
			{Name: "source", Type: ArgKey},
			{Name: "destination", Type: ArgKey, KeySpec: 1},
			{Name: "destination-db", Type: ArgInteger, Token: "DB", Flags: ArgOptional},
			{Name: "replace", Type: ArgPureToken, Token: "REPLACE", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
			{Flags: KeyOW | KeyUpdate, Index: 2, KeyStep: 1},
		},
	},
	"del": {
		Summary: "Delete a key", Since: "1.0.0", Group: "generic",
		Complexity: "O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).",
		Args: []Arg{
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRM | KeyDelete, Index: 1, LastKey: -1, KeyStep: 1},
		},
	},
	"dump": {
		Summary: "Return a serialized version of the value stored at the specified key.", Since: "2.6.0", Group: "generic",
		Complexity: "O(1) to access the key and additional O(N*M) to serialize it, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1).",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"exists": {
		Summary: "Determine if a key exists", Since: "1.0.0", Group: "generic",
		Complexity: "O(N) where N is the number of keys to check.",
		History: [][2]string{
			{"3.0.3", "Accepts multiple `key` arguments."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 1, LastKey: -1, KeyStep: 1},
		},
	},
	"expire": {
		Summary: "Set a key's time to live in seconds", Since: "1.0.0", Group: "generic",
		Complexity: "O(1)",
		History: [][2]string{
			{"7.0.0", "Added options: `NX`, `XX`, `GT` and `LT`."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "seconds", Type: ArgInteger},
			{Name: "condition", Type: ArgOneOf, Since: "7.0.0", Flags: ArgOptional, Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
				{Name: "gt", Type: ArgPureToken, Token: "GT"},
				{Name: "lt", Type: ArgPureToken, Token: "LT"},
			}},
		},
	},
	"expireat": {
		Summary: "Set the expiration for a key as a UNIX timestamp", Since: "1.2.0", Group: "generic",
		Complexity: "O(1)",
		History: [][2]string{
			{"7.0.0", "Added options: `NX`, `XX`, `GT` and `LT`."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "unix-time-seconds", Type: ArgUnixTime},
			{Name: "condition", Type: ArgOneOf, Since: "7.0.0", Flags: ArgOptional, Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
				{Name: "gt", Type: ArgPureToken, Token: "GT"},
				{Name: "lt", Type: ArgPureToken, Token: "LT"},
			}},
		},
	},
	"expiretime": {
		Summary: "Get the expiration Unix timestamp for a key", Since: "7.0.0", Group: "generic",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
	},
	"keys": {
		Summary: "Find all keys matching the given pattern", Since: "1.0.0", Group: "generic",
		Complexity: "O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.",
		Args: []Arg{
			{Name: "pattern", Type: ArgPattern},
		},
	},
	"move": {
		Summary: "Move a key to another database", Since: "1.0.0", Group: "generic",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "db", Type: ArgInteger},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"object": {
		Summary: "A container for object introspection commands", Since: "2.2.3", Group: "generic",
		Complexity: "Depends on subcommand.",
	},
	"object|encoding": {
		Summary: "Inspect the internal encoding of a Redis object", Since: "2.2.3", Group: "generic",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 2, KeyStep: 1},
		},
	},
	"object|freq": {
		Summary: "Get the logarithmic access frequency counter of a Redis object", Since: "4.0.0", Group: "generic",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 2, KeyStep: 1},
		},
	},
	"object|help": {
		Summary: "Show helpful text about the different subcommands", Since: "6.2.0", Group: "generic",
		Complexity: "O(1)",
	},
	"object|idletime": {
		Summary: "Get the time since a Redis object was last accessed", Since: "2.2.3", Group: "generic",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 2, KeyStep: 1},
		},
	},
	"object|refcount": {
		Summary: "Get the number of references to the value of the key", Since: "2.2.3", Group: "generic",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 2, KeyStep: 1},
		},
	},
	"persist": {
		Summary: "Remove the expiration from a key", Since: "2.2.0", Group: "generic",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
	},
	"pexpire": {
		Summary: "Set a key's time to live in milliseconds", Since: "2.6.0", Group: "generic",
		Complexity: "O(1)",
		History: [][2]string{
			{"7.0.0", "Added options: `NX`, `XX`, `GT` and `LT`."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "milliseconds", Type: ArgInteger},
			{Name: "condition", Type: ArgOneOf, Since: "7.0.0", Flags: ArgOptional, Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
				{Name: "gt", Type: ArgPureToken, Token: "GT"},
				{Name: "lt", Type: ArgPureToken, Token: "LT"},
			}},
		},
	},
	"pexpireat": {
		Summary: "Set the expiration for a key as a UNIX timestamp specified in milliseconds", Since: "2.6.0", Group: "generic",
		Complexity: "O(1)",
		History: [][2]string{
			{"7.0.0", "Added options: `NX`, `XX`, `GT` and `LT`."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "unix-time-milliseconds", Type: ArgUnixTime},
			{Name: "condition", Type: ArgOneOf, Since: "7.0.0", Flags: ArgOptional, Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
				{Name: "gt", Type: ArgPureToken, Token: "GT"},
				{Name: "lt", Type: ArgPureToken, Token: "LT"},
			}},
		},
	},
	"pexpiretime": {
		Summary: "Get the expiration Unix timestamp for a key in milliseconds", Since: "7.0.0", Group: "generic",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
	},
	"pttl": {
		Summary: "Get the time to live for a key in milliseconds", Since: "2.6.0", Group: "generic",
		Complexity: "O(1)",
		History: [][2]string{
			{"2.8.0", "Added the -2 reply."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
	},
	"randomkey": {
		Summary: "Return a random key from the keyspace", Since: "1.0.0", Group: "generic",
		Complexity: "O(1)",
	},
	"rename": {
		Summary: "Rename a key", Since: "1.0.0", Group: "generic",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "newkey", Type: ArgKey, KeySpec: 1},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyDelete, Index: 1, KeyStep: 1},
			{Flags: KeyOW | KeyUpdate, Index: 2, KeyStep: 1},
		},
	},
	"renamenx": {
		Summary: "Rename a key, only if the new key does not exist", Since: "1.0.0", Group: "generic",
		Complexity: "O(1)",
		History: [][2]string{
			{"3.2.0", "The command no longer returns an error when source and destination names are the same."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "newkey", Type: ArgKey, KeySpec: 1},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyDelete, Index: 1, KeyStep: 1},
			{Flags: KeyOW | KeyInsert, Index: 2, KeyStep: 1},
		},
	},
	"restore": {
		Summary: "Create a key using the provided serialized value, previously obtained using DUMP.", Since: "2.6.0", Group: "generic",
		Complexity: "O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). However for sorted set values the complexity is O(N*M*log(N)) because inserting values into sorted sets is O(log(N)).",
		History: [][2]string{
			{"3.0.0", "Added the `REPLACE` modifier."},
			{"5.0.0", "Added the `ABSTTL` modifier."},
			{"5.0.0", "Added the `IDLETIME` and `FREQ` options."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "ttl", Type: ArgInteger},
			{Name: "serialized-value", Type: ArgString},
			{Name: "replace", Type: ArgPureToken, Token: "REPLACE", Since: "3.0.0", Flags: ArgOptional},
			{Name: "absttl", Type: ArgPureToken, Token: "ABSTTL", Since: "5.0.0", Flags: ArgOptional},
			{Name: "seconds", Type: ArgInteger, Token: "IDLETIME", Since: "5.0.0", Flags: ArgOptional},
			{Name: "frequency", Type: ArgInteger, Token: "FREQ", Since: "5.0.0", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyOW | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"scan": {
		Summary: "Incrementally iterate the keys space", Since: "2.8.0", Group: "generic",
		Complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.",
		History: [][2]string{
			{"6.0.0", "Added the `TYPE` subcommand."},
		},
		Args: []Arg{
			{Name: "cursor", Type: ArgInteger},
			{Name: "pattern", Type: ArgPattern, Token: "MATCH", Flags: ArgOptional},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Flags: ArgOptional},
			{Name: "type", Type: ArgString, Token: "TYPE", Since: "6.0.0", Flags: ArgOptional},
		},
	},
	"touch": {
		Summary: "Alters the last access time of a key(s). Returns the number of existing keys specified.", Since: "3.2.1", Group: "generic",
		Complexity: "O(N) where N is the number of keys that will be touched.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 1, LastKey: -1, KeyStep: 1},
		},
	},
	"ttl": {
		Summary: "Get the time to live for a key in seconds", Since: "1.0.0", Group: "generic",
		Complexity: "O(1)",
		History: [][2]string{
			{"2.8.0", "Added the -2 reply."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
	},
	"type": {
		Summary: "Determine the type stored at key", Since: "1.0.0", Group: "generic",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 1, KeyStep: 1},
		},
	},
	"unlink": {
		Summary: "Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.", Since: "4.0.0", Group: "generic",
		Complexity: "O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRM | KeyDelete, Index: 1, LastKey: -1, KeyStep: 1},
		},
	},
}
