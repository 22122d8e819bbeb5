package engine

// String commands' entries in the documentation table (see command_docs.go),
// transcribed from redis-server 7.0.15's COMMAND DOCS and COMMAND INFO.
var _ = addDocs(stringDocs)

var stringDocs = map[string]*Docs{
	"append": {
		Summary: "Append a value to a key", Since: "2.0.0", Group: "string",
		Complexity: "O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "value", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyInsert, Index: 1, KeyStep: 1},
		},
	},
	"decr": {
		Summary: "Decrement the integer value of a key by one", Since: "1.0.0", Group: "string",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"decrby": {
		Summary: "Decrement the integer value of a key by the given number", Since: "1.0.0", Group: "string",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "decrement", Type: ArgInteger},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"get": {
		Summary: "Get the value of a key", Since: "1.0.0", Group: "string",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
	},
	"getdel": {
		Summary: "Get the value of a key and delete the key", Since: "6.2.0", Group: "string",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyDelete, Index: 1, KeyStep: 1},
		},
	},
	"getex": {
		Summary: "Get the value of a key and optionally set its expiration", Since: "6.2.0", Group: "string",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "expiration", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "seconds", Type: ArgInteger, Token: "EX"},
				{Name: "milliseconds", Type: ArgInteger, Token: "PX"},
				{Name: "unix-time-seconds", Type: ArgUnixTime, Token: "EXAT"},
				{Name: "unix-time-milliseconds", Type: ArgUnixTime, Token: "PXAT"},
				{Name: "persist", Type: ArgPureToken, Token: "PERSIST"},
			}},
		},
		KeySpecs: []KeySpec{
			{Notes: "RW and UPDATE because it changes the TTL", Flags: KeyRW | KeyAccess | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"getrange": {
		Summary: "Get a substring of the string stored at a key", Since: "2.4.0", Group: "string",
		Complexity: "O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "start", Type: ArgInteger},
			{Name: "end", Type: ArgInteger},
		},
	},
	"getset": {
		Summary: "Set the string value of a key and return its old value", Since: "1.0.0", Group: "string",
		Complexity:      "O(1)",
		DocFlags:        DocDeprecated,
		DeprecatedSince: "6.2.0", ReplacedBy: "`SET` with the `!GET` argument",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "value", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"incr": {
		Summary: "Increment the integer value of a key by one", Since: "1.0.0", Group: "string",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"incrby": {
		Summary: "Increment the integer value of a key by the given amount", Since: "1.0.0", Group: "string",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "increment", Type: ArgInteger},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"incrbyfloat": {
		Summary: "Increment the float value of a key by the given amount", Since: "2.6.0", Group: "string",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "increment", Type: ArgDouble},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"lcs": {
		Summary: "Find longest common substring", Since: "7.0.0", Group: "string",
		Complexity: "O(N*M) where N and M are the lengths of s1 and s2, respectively",
		Args: []Arg{
			{Name: "key1", Type: ArgKey},
			{Name: "key2", Type: ArgKey},
			{Name: "len", Type: ArgPureToken, Token: "LEN", Flags: ArgOptional},
			{Name: "idx", Type: ArgPureToken, Token: "IDX", Flags: ArgOptional},
			{Name: "len", Type: ArgInteger, Token: "MINMATCHLEN", Flags: ArgOptional},
			{Name: "withmatchlen", Type: ArgPureToken, Token: "WITHMATCHLEN", Flags: ArgOptional},
		},
	},
	"mget": {
		Summary: "Get the values of all the given keys", Since: "1.0.0", Group: "string",
		Complexity: "O(N) where N is the number of keys to retrieve.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
		},
	},
	"mset": {
		Summary: "Set multiple keys to multiple values", Since: "1.0.1", Group: "string",
		Complexity: "O(N) where N is the number of keys to set.",
		Args: []Arg{
			{Name: "key_value", Type: ArgBlock, Flags: ArgMultiple, Args: []Arg{
				{Name: "key", Type: ArgKey},
				{Name: "value", Type: ArgString},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyOW | KeyUpdate, Index: 1, LastKey: -1, KeyStep: 2},
		},
	},
	"msetnx": {
		Summary: "Set multiple keys to multiple values, only if none of the keys exist", Since: "1.0.1", Group: "string",
		Complexity: "O(N) where N is the number of keys to set.",
		Args: []Arg{
			{Name: "key_value", Type: ArgBlock, Flags: ArgMultiple, Args: []Arg{
				{Name: "key", Type: ArgKey},
				{Name: "value", Type: ArgString},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyOW | KeyInsert, Index: 1, LastKey: -1, KeyStep: 2},
		},
	},
	"psetex": {
		Summary: "Set the value and expiration in milliseconds of a key", Since: "2.6.0", Group: "string",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "milliseconds", Type: ArgInteger},
			{Name: "value", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyOW | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"set": {
		Summary: "Set the string value of a key", Since: "1.0.0", Group: "string",
		Complexity: "O(1)",
		History: [][2]string{
			{"2.6.12", "Added the `EX`, `PX`, `NX` and `XX` options."},
			{"6.0.0", "Added the `KEEPTTL` option."},
			{"6.2.0", "Added the `GET`, `EXAT` and `PXAT` option."},
			{"7.0.0", "Allowed the `NX` and `GET` options to be used together."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "value", Type: ArgString},
			{Name: "condition", Type: ArgOneOf, Since: "2.6.12", Flags: ArgOptional, Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
			}},
			{Name: "get", Type: ArgPureToken, Token: "GET", Since: "6.2.0", Flags: ArgOptional},
			{Name: "expiration", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "seconds", Type: ArgInteger, Token: "EX", Since: "2.6.12"},
				{Name: "milliseconds", Type: ArgInteger, Token: "PX", Since: "2.6.12"},
				{Name: "unix-time-seconds", Type: ArgUnixTime, Token: "EXAT", Since: "6.2.0"},
				{Name: "unix-time-milliseconds", Type: ArgUnixTime, Token: "PXAT", Since: "6.2.0"},
				{Name: "keepttl", Type: ArgPureToken, Token: "KEEPTTL", Since: "6.0.0"},
			}},
		},
		KeySpecs: []KeySpec{
			{Notes: "RW and ACCESS due to the optional `GET` argument", Flags: KeyRW | KeyAccess | KeyUpdate | KeyVariableFlags, Index: 1, KeyStep: 1},
		},
	},
	"setex": {
		Summary: "Set the value and expiration of a key", Since: "2.0.0", Group: "string",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "seconds", Type: ArgInteger},
			{Name: "value", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyOW | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"setnx": {
		Summary: "Set the value of a key, only if the key does not exist", Since: "1.0.0", Group: "string",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "value", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyOW | KeyInsert, Index: 1, KeyStep: 1},
		},
	},
	"setrange": {
		Summary: "Overwrite part of a string at key starting at the specified offset", Since: "2.2.0", Group: "string",
		Complexity: "O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "offset", Type: ArgInteger},
			{Name: "value", Type: ArgString},
		},
	},
	"strlen": {
		Summary: "Get the length of the value stored in a key", Since: "2.2.0", Group: "string",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 1, KeyStep: 1},
		},
	},
	"substr": {
		Summary: "Get a substring of the string stored at a key", Since: "1.0.0", Group: "string",
		Complexity:      "O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.",
		DocFlags:        DocDeprecated,
		DeprecatedSince: "2.0.0", ReplacedBy: "`GETRANGE`",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "start", Type: ArgInteger},
			{Name: "end", Type: ArgInteger},
		},
	},
}
