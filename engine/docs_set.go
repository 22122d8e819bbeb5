package engine

// Set commands' entries in the documentation table (see command_docs.go),
// transcribed from redis-server 7.0.15's COMMAND DOCS and COMMAND INFO.
var _ = addDocs(setDocs)

var setDocs = map[string]*Docs{
	"sadd": {
		Summary: "Add one or more members to a set", Since: "1.0.0", Group: "set",
		Complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
		History: [][2]string{
			{"2.4.0", "Accepts multiple `member` arguments."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyInsert, Index: 1, KeyStep: 1},
		},
	},
	"srem": {
		Summary: "Remove one or more members from a set", Since: "1.0.0", Group: "set",
		Complexity: "O(N) where N is the number of members to be removed.",
		History: [][2]string{
			{"2.4.0", "Accepts multiple `member` arguments."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyDelete, Index: 1, KeyStep: 1},
		},
	},
	"smembers": {
		Summary: "Get all the members in a set", Since: "1.0.0", Group: "set",
		Complexity: "O(N) where N is the set cardinality.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"sismember": {
		Summary: "Determine if a given value is a member of a set", Since: "1.0.0", Group: "set",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 1, KeyStep: 1},
		},
	},
	"smismember": {
		Summary: "Returns the membership associated with the given elements for a set", Since: "6.2.0", Group: "set",
		Complexity: "O(N) where N is the number of elements being checked for membership",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"scard": {
		Summary: "Get the number of members in a set", Since: "1.0.0", Group: "set",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 1, KeyStep: 1},
		},
	},
	"spop": {
		Summary: "Remove and return one or multiple random members from a set", Since: "1.0.0", Group: "set",
		Complexity: "Without the count argument O(1), otherwise O(N) where N is the value of the passed count.",
		History: [][2]string{
			{"3.2.0", "Added the `count` argument."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "count", Type: ArgInteger, Flags: ArgOptional, Since: "3.2.0"},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyDelete, Index: 1, KeyStep: 1},
		},
	},
	"srandmember": {
		Summary: "Get one or multiple random members from a set", Since: "1.0.0", Group: "set",
		Complexity: "Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.",
		History: [][2]string{
			{"2.6.0", "Added the optional `count` argument."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "count", Type: ArgInteger, Flags: ArgOptional, Since: "2.6.0"},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"smove": {
		Summary: "Move a member from one set to another", Since: "1.0.0", Group: "set",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "source", Type: ArgKey},
			{Name: "destination", Type: ArgKey, KeySpec: 1},
			{Name: "member", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyDelete, Index: 1, KeyStep: 1},
			{Flags: KeyRW | KeyInsert, Index: 2, KeyStep: 1},
		},
	},
	"sinter": {
		Summary: "Intersect multiple sets", Since: "1.0.0", Group: "set",
		Complexity: "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, LastKey: -1, KeyStep: 1},
		},
	},
	"sintercard": {
		Summary: "Intersect multiple sets and return the cardinality of the result", Since: "7.0.0", Group: "set",
		Complexity: "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.",
		Args: []Arg{
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
			{Name: "limit", Type: ArgInteger, Token: "LIMIT", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyNum: true, KeyNumIdx: 0, FirstKey: 1, KeyStep: 1},
		},
	},
	"sinterstore": {
		Summary: "Intersect multiple sets and store the resulting set in a key", Since: "1.0.0", Group: "set",
		Complexity: "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.",
		Args: []Arg{
			{Name: "destination", Type: ArgKey},
			{Name: "key", Type: ArgKey, KeySpec: 1, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyUpdate, Index: 1, KeyStep: 1},
			{Flags: KeyRO | KeyAccess, Index: 2, LastKey: -1, KeyStep: 1},
		},
	},
	"sunion": {
		Summary: "Add multiple sets", Since: "1.0.0", Group: "set",
		Complexity: "O(N) where N is the total number of elements in all given sets.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, LastKey: -1, KeyStep: 1},
		},
	},
	"sunionstore": {
		Summary: "Add multiple sets and store the resulting set in a key", Since: "1.0.0", Group: "set",
		Complexity: "O(N) where N is the total number of elements in all given sets.",
		Args: []Arg{
			{Name: "destination", Type: ArgKey},
			{Name: "key", Type: ArgKey, KeySpec: 1, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyOW | KeyUpdate, Index: 1, KeyStep: 1},
			{Flags: KeyRO | KeyAccess, Index: 2, LastKey: -1, KeyStep: 1},
		},
	},
	"sdiff": {
		Summary: "Subtract multiple sets", Since: "1.0.0", Group: "set",
		Complexity: "O(N) where N is the total number of elements in all given sets.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, LastKey: -1, KeyStep: 1},
		},
	},
	"sdiffstore": {
		Summary: "Subtract multiple sets and store the resulting set in a key", Since: "1.0.0", Group: "set",
		Complexity: "O(N) where N is the total number of elements in all given sets.",
		Args: []Arg{
			{Name: "destination", Type: ArgKey},
			{Name: "key", Type: ArgKey, KeySpec: 1, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyOW | KeyUpdate, Index: 1, KeyStep: 1},
			{Flags: KeyRO | KeyAccess, Index: 2, LastKey: -1, KeyStep: 1},
		},
	},
	"sscan": {
		Summary: "Incrementally iterate Set elements", Since: "2.8.0", Group: "set",
		Complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "cursor", Type: ArgInteger},
			{Name: "pattern", Type: ArgPattern, Token: "MATCH", Flags: ArgOptional},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
}
