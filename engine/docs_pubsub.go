package engine

// Pub/Sub commands' entries in the documentation table (see
// command_docs.go), transcribed from redis-server 7.0.15's COMMAND DOCS and
// COMMAND INFO.
var _ = addDocs(pubsubDocs)

var pubsubDocs = map[string]*Docs{
	"psubscribe": {
		Summary: "Listen for messages published to channels matching the given patterns", Since: "2.0.0", Group: "pubsub",
		Complexity: "O(N) where N is the number of patterns the client is already subscribed to.",
		Args: []Arg{
			{Name: "pattern", Type: ArgBlock, Flags: ArgMultiple, Args: []Arg{
				{Name: "pattern", Type: ArgPattern},
			}},
		},
	},
	"publish": {
		Summary: "Post a message to a channel", Since: "2.0.0", Group: "pubsub",
		Complexity: "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).",
		Args: []Arg{
			{Name: "channel", Type: ArgString},
			{Name: "message", Type: ArgString},
		},
	},
	"pubsub": {
		Summary: "A container for Pub/Sub commands", Since: "2.8.0", Group: "pubsub",
		Complexity: "Depends on subcommand.",
	},
	"pubsub|channels": {
		Summary: "List active channels", Since: "2.8.0", Group: "pubsub",
		Complexity: "O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)",
		Args: []Arg{
			{Name: "pattern", Type: ArgPattern, Flags: ArgOptional},
		},
	},
	"pubsub|help": {
		Summary: "Show helpful text about the different subcommands", Since: "6.2.0", Group: "pubsub",
		Complexity: "O(1)",
	},
	"pubsub|numpat": {
		Summary: "Get the count of unique patterns pattern subscriptions", Since: "2.8.0", Group: "pubsub",
		Complexity: "O(1)",
	},
	"pubsub|numsub": {
		Summary: "Get the count of subscribers for channels", Since: "2.8.0", Group: "pubsub",
		Complexity: "O(N) for the NUMSUB subcommand, where N is the number of requested channels",
		Args: []Arg{
			{Name: "channel", Type: ArgString, Flags: ArgOptional | ArgMultiple},
		},
	},
	"pubsub|shardchannels": {
		Summary: "List active shard channels", Since: "7.0.0", Group: "pubsub",
		Complexity: "O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).",
		Args: []Arg{
			{Name: "pattern", Type: ArgPattern, Flags: ArgOptional},
		},
	},
	"pubsub|shardnumsub": {
		Summary: "Get the count of subscribers for shard channels", Since: "7.0.0", Group: "pubsub",
		Complexity: "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels",
		Args: []Arg{
			{Name: "shardchannel", Type: ArgString, Flags: ArgOptional | ArgMultiple},
		},
	},
	"punsubscribe": {
		Summary: "Stop listening for messages posted to channels matching the given patterns", Since: "2.0.0", Group: "pubsub",
		Complexity: "O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).",
		Args: []Arg{
			{Name: "pattern", Type: ArgPattern, Flags: ArgOptional | ArgMultiple},
		},
	},
	"spublish": {
		Summary: "Post a message to a shard channel", Since: "7.0.0", Group: "pubsub",
		Complexity: "O(N) where N is the number of clients subscribed to the receiving shard channel.",
		Args: []Arg{
			{Name: "shardchannel", Type: ArgString},
			{Name: "message", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyNotKey, Index: 1, KeyStep: 1},
		},
	},
	"ssubscribe": {
		Summary: "Listen for messages published to the given shard channels", Since: "7.0.0", Group: "pubsub",
		Complexity: "O(N) where N is the number of shard channels to subscribe to.",
		Args: []Arg{
			{Name: "shardchannel", Type: ArgString, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyNotKey, Index: 1, LastKey: -1, KeyStep: 1},
		},
	},
	"subscribe": {
		Summary: "Listen for messages published to the given channels", Since: "2.0.0", Group: "pubsub",
		Complexity: "O(N) where N is the number of channels to subscribe to.",
		Args: []Arg{
			{Name: "channel", Type: ArgString, Flags: ArgMultiple},
		},
	},
	"sunsubscribe": {
		Summary: "Stop listening for messages posted to the given shard channels", Since: "7.0.0", Group: "pubsub",
		Complexity: "O(N) where N is the number of clients already subscribed to a shard channel.",
		Args: []Arg{
			{Name: "shardchannel", Type: ArgString, Flags: ArgOptional | ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyNotKey, Index: 1, LastKey: -1, KeyStep: 1},
		},
	},
	"unsubscribe": {
		Summary: "Stop listening for messages posted to the given channels", Since: "2.0.0", Group: "pubsub",
		Complexity: "O(N) where N is the number of clients already subscribed to a channel.",
		Args: []Arg{
			{Name: "channel", Type: ArgString, Flags: ArgOptional | ArgMultiple},
		},
	},
}
