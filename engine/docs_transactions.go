package engine

// Transaction commands' entries in the documentation table (see
// command_docs.go), transcribed from redis-server 7.0.15's COMMAND DOCS and
// COMMAND INFO.
var _ = addDocs(transactionDocs)

var transactionDocs = map[string]*Docs{
	"discard": {
		Summary: "Discard all commands issued after MULTI", Since: "2.0.0", Group: "transactions",
		Complexity: "O(N), when N is the number of queued commands",
	},
	"exec": {
		Summary: "Execute all commands issued after MULTI", Since: "1.2.0", Group: "transactions",
		Complexity: "Depends on commands in the transaction",
	},
	"multi": {
		Summary: "Mark the start of a transaction block", Since: "1.2.0", Group: "transactions",
		Complexity: "O(1)",
	},
	"unwatch": {
		Summary: "Forget about all watched keys", Since: "2.2.0", Group: "transactions",
		Complexity: "O(1)",
	},
	"watch": {
		Summary: "Watch the given keys to determine execution of the MULTI/EXEC block", Since: "2.2.0", Group: "transactions",
		Complexity: "O(1) for every key.",
		Args: []Arg{
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 1, LastKey: -1, KeyStep: 1},
		},
	},
}
