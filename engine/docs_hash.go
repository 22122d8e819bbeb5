package engine

// Hash commands' entries in the documentation table (see command_docs.go),
// transcribed from redis-server 7.0.15's COMMAND DOCS and COMMAND INFO; the
// field-expiry commands (7.4) and HGETDEL/HGETEX/HSETEX (8.0) from Redis's
// command reference.
var _ = addDocs(hashDocs)

var hashDocs = map[string]*Docs{
	"hdel": {
		Summary: "Delete one or more hash fields", Since: "2.0.0", Group: "hash",
		Complexity: "O(N) where N is the number of fields to be removed.",
		History: [][2]string{
			{"2.4.0", "Accepts multiple `field` arguments."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field", Type: ArgString, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyDelete, Index: 1, KeyStep: 1},
		},
	},
	"hexists": {
		Summary: "Determine if a hash field exists", Since: "2.0.0", Group: "hash",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 1, KeyStep: 1},
		},
	},
	"hget": {
		Summary: "Get the value of a hash field", Since: "2.0.0", Group: "hash",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field", Type: ArgString},
		},
	},
	"hgetall": {
		Summary: "Get all the fields and values in a hash", Since: "2.0.0", Group: "hash",
		Complexity: "O(N) where N is the size of the hash.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
	},
	"hincrby": {
		Summary: "Increment the integer value of a hash field by the given number", Since: "2.0.0", Group: "hash",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field", Type: ArgString},
			{Name: "increment", Type: ArgInteger},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"hincrbyfloat": {
		Summary: "Increment the float value of a hash field by the given amount", Since: "2.6.0", Group: "hash",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field", Type: ArgString},
			{Name: "increment", Type: ArgDouble},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"hkeys": {
		Summary: "Get all the fields in a hash", Since: "2.0.0", Group: "hash",
		Complexity: "O(N) where N is the size of the hash.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
	},
	"hlen": {
		Summary: "Get the number of fields in a hash", Since: "2.0.0", Group: "hash",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 1, KeyStep: 1},
		},
	},
	"hmget": {
		Summary: "Get the values of all the given hash fields", Since: "2.0.0", Group: "hash",
		Complexity: "O(N) where N is the number of fields being requested.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field", Type: ArgString, Flags: ArgMultiple},
		},
	},
	"hmset": {
		Summary: "Set multiple hash fields to multiple values", Since: "2.0.0", Group: "hash",
		Complexity:      "O(N) where N is the number of fields being set.",
		DocFlags:        DocDeprecated,
		DeprecatedSince: "4.0.0", ReplacedBy: "`HSET` with multiple field-value pairs",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field_value", Type: ArgBlock, Flags: ArgMultiple, Args: []Arg{
				{Name: "field", Type: ArgString},
				{Name: "value", Type: ArgString},
			}},
		},
	},
	"hrandfield": {
		Summary: "Get one or multiple random fields from a hash", Since: "6.2.0", Group: "hash",
		Complexity: "O(N) where N is the number of fields returned",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "options", Type: ArgBlock, Flags: ArgOptional, Args: []Arg{
				{Name: "count", Type: ArgInteger},
				{Name: "withvalues", Type: ArgPureToken, Token: "WITHVALUES", Flags: ArgOptional},
			}},
		},
	},
	"hscan": {
		Summary: "Incrementally iterate hash fields and associated values", Since: "2.8.0", Group: "hash",
		Complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "cursor", Type: ArgInteger},
			{Name: "pattern", Type: ArgPattern, Token: "MATCH", Flags: ArgOptional},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Flags: ArgOptional},
		},
	},
	"hset": {
		Summary: "Set the string value of a hash field", Since: "2.0.0", Group: "hash",
		Complexity: "O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.",
		History: [][2]string{
			{"4.0.0", "Accepts multiple `field` and `value` arguments."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field_value", Type: ArgBlock, Flags: ArgMultiple, Args: []Arg{
				{Name: "field", Type: ArgString},
				{Name: "value", Type: ArgString},
			}},
		},
	},
	"hsetnx": {
		Summary: "Set the value of a hash field, only if the field does not exist", Since: "2.0.0", Group: "hash",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field", Type: ArgString},
			{Name: "value", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyInsert, Index: 1, KeyStep: 1},
		},
	},
	"hstrlen": {
		Summary: "Get the length of the value of a hash field", Since: "3.2.0", Group: "hash",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "field", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 1, KeyStep: 1},
		},
	},
	"hvals": {
		Summary: "Get all the values in a hash", Since: "2.0.0", Group: "hash",
		Complexity: "O(N) where N is the size of the hash.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
	},
	"hexpire": {
		Summary: "Set expiry for hash field using relative time to expire (seconds)", Since: "7.4.0", Group: "hash",
		Complexity: "O(N) where N is the number of specified fields",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "seconds", Type: ArgInteger},
			{Name: "condition", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
				{Name: "gt", Type: ArgPureToken, Token: "GT"},
				{Name: "lt", Type: ArgPureToken, Token: "LT"},
			}},
			{Name: "fields", Type: ArgBlock, Token: "FIELDS", Args: []Arg{
				{Name: "numfields", Type: ArgInteger},
				{Name: "field", Type: ArgString, Flags: ArgMultiple},
			}},
		},
	},
	"hexpireat": {
		Summary: "Set expiry for hash field using an absolute Unix timestamp (seconds)", Since: "7.4.0", Group: "hash",
		Complexity: "O(N) where N is the number of specified fields",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "unix-time-seconds", Type: ArgUnixTime},
			{Name: "condition", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
				{Name: "gt", Type: ArgPureToken, Token: "GT"},
				{Name: "lt", Type: ArgPureToken, Token: "LT"},
			}},
			{Name: "fields", Type: ArgBlock, Token: "FIELDS", Args: []Arg{
				{Name: "numfields", Type: ArgInteger},
				{Name: "field", Type: ArgString, Flags: ArgMultiple},
			}},
		},
	},
	"hexpiretime": {
		Summary: "Returns the expiration time of a hash field as a Unix timestamp, in seconds.", Since: "7.4.0", Group: "hash",
		Complexity: "O(N) where N is the number of specified fields",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "fields", Type: ArgBlock, Token: "FIELDS", Args: []Arg{
				{Name: "numfields", Type: ArgInteger},
				{Name: "field", Type: ArgString, Flags: ArgMultiple},
			}},
		},
	},
	"hgetdel": {
		Summary: "Returns the value of a field and deletes it from the hash.", Since: "8.0.0", Group: "hash",
		Complexity: "O(N) where N is the number of specified fields",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "fields", Type: ArgBlock, Token: "FIELDS", Args: []Arg{
				{Name: "numfields", Type: ArgInteger},
				{Name: "field", Type: ArgString, Flags: ArgMultiple},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyDelete, Index: 1, KeyStep: 1},
		},
	},
	"hgetex": {
		Summary: "Get the value of one or more fields of a given hash key, and optionally set their expiration.", Since: "8.0.0", Group: "hash",
		Complexity: "O(N) where N is the number of specified fields",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "expiration", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "seconds", Type: ArgInteger, Token: "EX"},
				{Name: "milliseconds", Type: ArgInteger, Token: "PX"},
				{Name: "unix-time-seconds", Type: ArgUnixTime, Token: "EXAT"},
				{Name: "unix-time-milliseconds", Type: ArgUnixTime, Token: "PXAT"},
				{Name: "persist", Type: ArgPureToken, Token: "PERSIST"},
			}},
			{Name: "fields", Type: ArgBlock, Token: "FIELDS", Args: []Arg{
				{Name: "numfields", Type: ArgInteger},
				{Name: "field", Type: ArgString, Flags: ArgMultiple},
			}},
		},
		KeySpecs: []KeySpec{
			{Notes: "RW and UPDATE because it changes the TTL", Flags: KeyRW | KeyAccess | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"hpersist": {
		Summary: "Removes the expiration time for each specified field", Since: "7.4.0", Group: "hash",
		Complexity: "O(N) where N is the number of specified fields",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "fields", Type: ArgBlock, Token: "FIELDS", Args: []Arg{
				{Name: "numfields", Type: ArgInteger},
				{Name: "field", Type: ArgString, Flags: ArgMultiple},
			}},
		},
	},
	"hpexpire": {
		Summary: "Set expiry for hash field using relative time to expire (milliseconds)", Since: "7.4.0", Group: "hash",
		Complexity: "O(N) where N is the number of specified fields",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "milliseconds", Type: ArgInteger},
			{Name: "condition", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
				{Name: "gt", Type: ArgPureToken, Token: "GT"},
				{Name: "lt", Type: ArgPureToken, Token: "LT"},
			}},
			{Name: "fields", Type: ArgBlock, Token: "FIELDS", Args: []Arg{
				{Name: "numfields", Type: ArgInteger},
				{Name: "field", Type: ArgString, Flags: ArgMultiple},
			}},
		},
	},
	"hpexpireat": {
		Summary: "Set expiry for hash field using an absolute Unix timestamp (milliseconds)", Since: "7.4.0", Group: "hash",
		Complexity: "O(N) where N is the number of specified fields",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "unix-time-milliseconds", Type: ArgUnixTime},
			{Name: "condition", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
				{Name: "gt", Type: ArgPureToken, Token: "GT"},
				{Name: "lt", Type: ArgPureToken, Token: "LT"},
			}},
			{Name: "fields", Type: ArgBlock, Token: "FIELDS", Args: []Arg{
				{Name: "numfields", Type: ArgInteger},
				{Name: "field", Type: ArgString, Flags: ArgMultiple},
			}},
		},
	},
	"hpexpiretime": {
		Summary: "Returns the expiration time of a hash field as a Unix timestamp, in msec.", Since: "7.4.0", Group: "hash",
		Complexity: "O(N) where N is the number of specified fields",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "fields", Type: ArgBlock, Token: "FIELDS", Args: []Arg{
				{Name: "numfields", Type: ArgInteger},
				{Name: "field", Type: ArgString, Flags: ArgMultiple},
			}},
		},
	},
	"hpttl": {
		Summary: "Returns the TTL in milliseconds of a hash field.", Since: "7.4.0", Group: "hash",
		Complexity: "O(N) where N is the number of specified fields",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "fields", Type: ArgBlock, Token: "FIELDS", Args: []Arg{
				{Name: "numfields", Type: ArgInteger},
				{Name: "field", Type: ArgString, Flags: ArgMultiple},
			}},
		},
	},
	"hsetex": {
		Summary: "Set the value of one or more fields of a given hash key, and optionally set their expiration.", Since: "8.0.0", Group: "hash",
		Complexity: "O(N) where N is the number of fields being set.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "condition", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "fnx", Type: ArgPureToken, Token: "FNX"},
				{Name: "fxx", Type: ArgPureToken, Token: "FXX"},
			}},
			{Name: "expiration", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "seconds", Type: ArgInteger, Token: "EX"},
				{Name: "milliseconds", Type: ArgInteger, Token: "PX"},
				{Name: "unix-time-seconds", Type: ArgUnixTime, Token: "EXAT"},
				{Name: "unix-time-milliseconds", Type: ArgUnixTime, Token: "PXAT"},
				{Name: "keepttl", Type: ArgPureToken, Token: "KEEPTTL"},
			}},
			{Name: "fields", Type: ArgBlock, Token: "FIELDS", Args: []Arg{
				{Name: "numfields", Type: ArgInteger},
				{Name: "data", Type: ArgBlock, Flags: ArgMultiple, Args: []Arg{
					{Name: "field", Type: ArgString},
					{Name: "value", Type: ArgString},
				}},
			}},
		},
	},
	"httl": {
		Summary: "Returns the TTL in seconds of a hash field.", Since: "7.4.0", Group: "hash",
		Complexity: "O(N) where N is the number of specified fields",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "fields", Type: ArgBlock, Token: "FIELDS", Args: []Arg{
				{Name: "numfields", Type: ArgInteger},
				{Name: "field", Type: ArgString, Flags: ArgMultiple},
			}},
		},
	},
}
