package engine

// HyperLogLog commands' entries in the documentation table (see command_docs.go),
// transcribed from redis-server 7.0.15's COMMAND DOCS and COMMAND INFO.
var _ = addDocs(hllDocs)

var hllDocs = map[string]*Docs{
	"pfadd": {
		Summary: "Adds the specified elements to the specified HyperLogLog.", Since: "2.8.9", Group: "hyperloglog",
		Complexity: "O(1) to add every element.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "element", Type: ArgString, Flags: ArgOptional | ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyInsert, Index: 1, KeyStep: 1},
		},
	},
	"pfcount": {
		Summary: "Return the approximated cardinality of the set(s) observed by the HyperLogLog at key(s).", Since: "2.8.9", Group: "hyperloglog",
		Complexity: "O(1) with a very small average constant time when called with a single key. O(N) with N being the number of keys, and much bigger constant times, when called with multiple keys.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Notes: "RW because it may change the internal representation of the key, and propagate to replicas", Flags: KeyRW | KeyAccess, Index: 1, LastKey: -1, KeyStep: 1},
		},
	},
	"pfdebug": {
		Summary: "Internal commands for debugging HyperLogLog values", Since: "2.8.9", Group: "hyperloglog",
		Complexity: "N/A",
		DocFlags:   DocSyscmd,
		Args: []Arg{
			{Name: "subcommand", Type: ArgString},
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess, Index: 2, KeyStep: 1},
		},
	},
	"pfmerge": {
		Summary: "Merge N different HyperLogLogs into a single one.", Since: "2.8.9", Group: "hyperloglog",
		Complexity: "O(N) to merge N HyperLogLogs, but with high constant times.",
		Args: []Arg{
			{Name: "destkey", Type: ArgKey},
			{Name: "sourcekey", Type: ArgKey, KeySpec: 1, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyInsert, Index: 1, KeyStep: 1},
			{Flags: KeyRO | KeyAccess, Index: 2, LastKey: -1, KeyStep: 1},
		},
	},
	"pfselftest": {
		Summary: "An internal command for testing HyperLogLog values", Since: "2.8.9", Group: "hyperloglog",
		Complexity: "N/A",
		DocFlags:   DocSyscmd,
	},
}
