package engine

// SORT and SORT_RO's entries in the documentation table (see command_docs.go),
// transcribed from redis-server 7.0.15's COMMAND DOCS and COMMAND INFO.
var _ = addDocs(sortDocs)

var sortDocs = map[string]*Docs{
	"sort": {
		Summary: "Sort the elements in a list, set or sorted set", Since: "1.0.0", Group: "generic",
		Complexity: "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "pattern", Type: ArgPattern, KeySpec: 1, HasKeySpec: true, Token: "BY", Flags: ArgOptional},
			{Name: "offset_count", Type: ArgBlock, Token: "LIMIT", Flags: ArgOptional, Args: []Arg{
				{Name: "offset", Type: ArgInteger},
				{Name: "count", Type: ArgInteger},
			}},
			{Name: "pattern", Type: ArgPattern, KeySpec: 1, HasKeySpec: true, Token: "GET", Flags: ArgOptional | ArgMultiple | ArgMultipleToken},
			{Name: "order", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "asc", Type: ArgPureToken, Token: "ASC"},
				{Name: "desc", Type: ArgPureToken, Token: "DESC"},
			}},
			{Name: "sorting", Type: ArgPureToken, Token: "ALPHA", Flags: ArgOptional},
			{Name: "destination", Type: ArgKey, KeySpec: 2, Token: "STORE", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
			{Notes: "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort", Flags: KeyRO | KeyAccess, Unknown: true},
			{Notes: "For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array", Flags: KeyOW | KeyUpdate, Unknown: true},
		},
	},
	"sort_ro": {
		Summary: "Sort the elements in a list, set or sorted set. Read-only variant of SORT.", Since: "7.0.0", Group: "generic",
		Complexity: "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "pattern", Type: ArgPattern, KeySpec: 1, HasKeySpec: true, Token: "BY", Flags: ArgOptional},
			{Name: "offset_count", Type: ArgBlock, Token: "LIMIT", Flags: ArgOptional, Args: []Arg{
				{Name: "offset", Type: ArgInteger},
				{Name: "count", Type: ArgInteger},
			}},
			{Name: "pattern", Type: ArgPattern, KeySpec: 1, HasKeySpec: true, Token: "GET", Flags: ArgOptional | ArgMultiple | ArgMultipleToken},
			{Name: "order", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "asc", Type: ArgPureToken, Token: "ASC"},
				{Name: "desc", Type: ArgPureToken, Token: "DESC"},
			}},
			{Name: "sorting", Type: ArgPureToken, Token: "ALPHA", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
			{Notes: "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort", Flags: KeyRO | KeyAccess, Unknown: true},
		},
	},
}
