package engine

// Stream commands' entries in the documentation table (see command_docs.go),
// transcribed from redis-server 7.0.15's COMMAND DOCS and COMMAND INFO.
var _ = addDocs(streamDocs)

var streamDocs = map[string]*Docs{
	"xadd": {
		Summary: "Appends a new entry to a stream", Since: "5.0.0", Group: "stream",
		Complexity: "O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted.",
		History: [][2]string{
			{"6.2.0", "Added the `NOMKSTREAM` option, `MINID` trimming strategy and the `LIMIT` option."},
			{"7.0.0", "Added support for the `<ms>-*` explicit ID form."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "nomkstream", Type: ArgPureToken, Token: "NOMKSTREAM", Flags: ArgOptional, Since: "6.2.0"},
			{Name: "trim", Type: ArgBlock, Flags: ArgOptional, Args: []Arg{
				{Name: "strategy", Type: ArgOneOf, Args: []Arg{
					{Name: "maxlen", Type: ArgPureToken, Token: "MAXLEN"},
					{Name: "minid", Type: ArgPureToken, Token: "MINID", Since: "6.2.0"},
				}},
				{Name: "operator", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
					{Name: "equal", Type: ArgPureToken, Token: "="},
					{Name: "approximately", Type: ArgPureToken, Token: "~"},
				}},
				{Name: "threshold", Type: ArgString},
				{Name: "count", Type: ArgInteger, Token: "LIMIT", Flags: ArgOptional, Since: "6.2.0"},
			}},
			{Name: "id_or_auto", Type: ArgOneOf, Args: []Arg{
				{Name: "auto_id", Type: ArgPureToken, Token: "*"},
				{Name: "id", Type: ArgString},
			}},
			{Name: "field_value", Type: ArgBlock, Flags: ArgMultiple, Args: []Arg{
				{Name: "field", Type: ArgString},
				{Name: "value", Type: ArgString},
			}},
		},
		KeySpecs: []KeySpec{
			{Notes: "UPDATE instead of INSERT because of the optional trimming feature", Flags: KeyRW | KeyUpdate, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xlen": {
		Summary: "Return the number of entries in a stream", Since: "5.0.0", Group: "stream",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xrange": {
		Summary: "Return a range of elements in a stream, with IDs matching the specified IDs interval", Since: "5.0.0", Group: "stream",
		Complexity: "O(N) with N being the number of elements being returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).",
		History: [][2]string{
			{"6.2.0", "Added exclusive ranges."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "start", Type: ArgString},
			{Name: "end", Type: ArgString},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xrevrange": {
		Summary: "Return a range of elements in a stream, with IDs matching the specified IDs interval, in reverse order (from greater to smaller IDs) compared to XRANGE", Since: "5.0.0", Group: "stream",
		Complexity: "O(N) with N being the number of elements returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).",
		History: [][2]string{
			{"6.2.0", "Added exclusive ranges."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "end", Type: ArgString},
			{Name: "start", Type: ArgString},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xdel": {
		Summary: "Removes the specified entries from the stream. Returns the number of items actually deleted, that may be different from the number of IDs passed in case certain IDs do not exist.", Since: "5.0.0", Group: "stream",
		Complexity: "O(1) for each single item to delete in the stream, regardless of the stream size.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "id", Type: ArgString, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyDelete, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xtrim": {
		Summary: "Trims the stream to (approximately if '~' is passed) a certain size", Since: "5.0.0", Group: "stream",
		Complexity: "O(N), with N being the number of evicted entries. Constant times are very small however, since entries are organized in macro nodes containing multiple entries that can be released with a single deallocation.",
		History: [][2]string{
			{"6.2.0", "Added the `MINID` trimming strategy and the `LIMIT` option."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "trim", Type: ArgBlock, Args: []Arg{
				{Name: "strategy", Type: ArgOneOf, Args: []Arg{
					{Name: "maxlen", Type: ArgPureToken, Token: "MAXLEN"},
					{Name: "minid", Type: ArgPureToken, Token: "MINID", Since: "6.2.0"},
				}},
				{Name: "operator", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
					{Name: "equal", Type: ArgPureToken, Token: "="},
					{Name: "approximately", Type: ArgPureToken, Token: "~"},
				}},
				{Name: "threshold", Type: ArgString},
				{Name: "count", Type: ArgInteger, Token: "LIMIT", Flags: ArgOptional, Since: "6.2.0"},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyDelete, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xsetid": {
		Summary: "An internal command for replicating stream values", Since: "5.0.0", Group: "stream",
		Complexity: "O(1)",
		History: [][2]string{
			{"7.0.0", "Added the `entries_added` and `max_deleted_entry_id` arguments."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "last-id", Type: ArgString},
			{Name: "entries_added", Type: ArgInteger, Token: "ENTRIESADDED", Flags: ArgOptional, Since: "7.0.0"},
			{Name: "max_deleted_entry_id", Type: ArgString, Token: "MAXDELETEDID", Flags: ArgOptional, Since: "7.0.0"},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyUpdate, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xread": {
		Summary: "Return never seen elements in multiple streams, with IDs greater than the ones reported by the caller for each stream. Can block.", Since: "5.0.0", Group: "stream",
		Complexity: "For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data.",
		Args: []Arg{
			{Name: "count", Type: ArgInteger, Token: "COUNT", Flags: ArgOptional},
			{Name: "milliseconds", Type: ArgInteger, Token: "BLOCK", Flags: ArgOptional},
			{Name: "streams", Type: ArgBlock, Token: "STREAMS", Args: []Arg{
				{Name: "key", Type: ArgKey, Flags: ArgMultiple},
				{Name: "id", Type: ArgString, Flags: ArgMultiple},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Keyword: "STREAMS", StartFrom: 1, LastKey: -1, KeyStep: 1, Limit: 2},
		},
	},
	"xreadgroup": {
		Summary: "Return new entries from a stream using a consumer group, or access the history of the pending entries for a given consumer. Can block.", Since: "5.0.0", Group: "stream",
		Complexity: "For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data.",
		Args: []Arg{
			{Name: "group_consumer", Type: ArgBlock, Token: "GROUP", Args: []Arg{
				{Name: "group", Type: ArgString},
				{Name: "consumer", Type: ArgString},
			}},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Flags: ArgOptional},
			{Name: "milliseconds", Type: ArgInteger, Token: "BLOCK", Flags: ArgOptional},
			{Name: "noack", Type: ArgPureToken, Token: "NOACK", Flags: ArgOptional},
			{Name: "streams", Type: ArgBlock, Token: "STREAMS", Args: []Arg{
				{Name: "key", Type: ArgKey, Flags: ArgMultiple},
				{Name: "id", Type: ArgString, Flags: ArgMultiple},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Keyword: "STREAMS", StartFrom: 4, LastKey: -1, KeyStep: 1, Limit: 2},
		},
	},
	"xack": {
		Summary: "Marks a pending message as correctly processed, effectively removing it from the pending entries list of the consumer group. Return value of the command is the number of messages successfully acknowledged, that is, the IDs we were actually able to resolve in the PEL.", Since: "5.0.0", Group: "stream",
		Complexity: "O(1) for each message ID processed.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "group", Type: ArgString},
			{Name: "id", Type: ArgString, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyUpdate, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xpending": {
		Summary: "Return information and entries from a stream consumer group pending entries list, that are messages fetched but never acknowledged.", Since: "5.0.0", Group: "stream",
		Complexity: "O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call is O(1). O(M), where M is the total number of entries scanned when used with the IDLE filter. When the command returns just the summary and the list of consumers is small, it runs in O(1) time; otherwise, an additional O(N) time for iterating every consumer.",
		History: [][2]string{
			{"6.2.0", "Added the `IDLE` option and exclusive range intervals."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "group", Type: ArgString},
			{Name: "filters", Type: ArgBlock, Flags: ArgOptional, Args: []Arg{
				{Name: "min-idle-time", Type: ArgInteger, Token: "IDLE", Flags: ArgOptional, Since: "6.2.0"},
				{Name: "start", Type: ArgString},
				{Name: "end", Type: ArgString},
				{Name: "count", Type: ArgInteger},
				{Name: "consumer", Type: ArgString, Flags: ArgOptional},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xclaim": {
		Summary: "Changes (or acquires) ownership of a message in a consumer group, as if the message was delivered to the specified consumer.", Since: "5.0.0", Group: "stream",
		Complexity: "O(log N) with N being the number of messages in the PEL of the consumer group.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "group", Type: ArgString},
			{Name: "consumer", Type: ArgString},
			{Name: "min-idle-time", Type: ArgString},
			{Name: "id", Type: ArgString, Flags: ArgMultiple},
			{Name: "ms", Type: ArgInteger, Token: "IDLE", Flags: ArgOptional},
			{Name: "unix-time-milliseconds", Type: ArgUnixTime, Token: "TIME", Flags: ArgOptional},
			{Name: "count", Type: ArgInteger, Token: "RETRYCOUNT", Flags: ArgOptional},
			{Name: "force", Type: ArgPureToken, Token: "FORCE", Flags: ArgOptional},
			{Name: "justid", Type: ArgPureToken, Token: "JUSTID", Flags: ArgOptional},
			{Name: "id", Type: ArgString, Token: "LASTID", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyUpdate, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xautoclaim": {
		Summary: "Changes (or acquires) ownership of messages in a consumer group, as if the messages were delivered to the specified consumer.", Since: "6.2.0", Group: "stream",
		Complexity: "O(1) if COUNT is small.",
		History: [][2]string{
			{"7.0.0", "Added an element to the reply array, containing deleted entries the command cleared from the PEL"},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "group", Type: ArgString},
			{Name: "consumer", Type: ArgString},
			{Name: "min-idle-time", Type: ArgString},
			{Name: "start", Type: ArgString},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Flags: ArgOptional},
			{Name: "justid", Type: ArgPureToken, Token: "JUSTID", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyDelete, Index: 1, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xgroup": {
		Summary: "A container for consumer groups commands", Since: "5.0.0", Group: "stream",
		Complexity: "Depends on subcommand.",
	},
	"xgroup|create": {
		Summary: "Create a consumer group.", Since: "5.0.0", Group: "stream",
		Complexity: "O(1)",
		History: [][2]string{
			{"7.0.0", "Added the `entries_read` named argument."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "groupname", Type: ArgString},
			{Name: "id", Type: ArgOneOf, Args: []Arg{
				{Name: "id", Type: ArgString},
				{Name: "new_id", Type: ArgPureToken, Token: "$"},
			}},
			{Name: "mkstream", Type: ArgPureToken, Token: "MKSTREAM", Flags: ArgOptional},
			{Name: "entries_read", Type: ArgInteger, Token: "ENTRIESREAD", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyInsert, Index: 2, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xgroup|createconsumer": {
		Summary: "Create a consumer in a consumer group.", Since: "6.2.0", Group: "stream",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "groupname", Type: ArgString},
			{Name: "consumername", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyInsert, Index: 2, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xgroup|delconsumer": {
		Summary: "Delete a consumer from a consumer group.", Since: "5.0.0", Group: "stream",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "groupname", Type: ArgString},
			{Name: "consumername", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyDelete, Index: 2, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xgroup|destroy": {
		Summary: "Destroy a consumer group.", Since: "5.0.0", Group: "stream",
		Complexity: "O(N) where N is the number of entries in the group's pending entries list (PEL).",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "groupname", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyDelete, Index: 2, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xgroup|help": {
		Summary: "Show helpful text about the different subcommands", Since: "5.0.0", Group: "stream",
		Complexity: "O(1)",
	},
	"xgroup|setid": {
		Summary: "Set a consumer group to an arbitrary last delivered ID value.", Since: "5.0.0", Group: "stream",
		Complexity: "O(1)",
		History: [][2]string{
			{"7.0.0", "Added the optional `entries_read` argument."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "groupname", Type: ArgString},
			{Name: "id", Type: ArgOneOf, Args: []Arg{
				{Name: "id", Type: ArgString},
				{Name: "new_id", Type: ArgPureToken, Token: "$"},
			}},
			{Name: "entries_read", Type: ArgInteger, Token: "ENTRIESREAD", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyUpdate, Index: 2, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xinfo": {
		Summary: "A container for stream introspection commands", Since: "5.0.0", Group: "stream",
		Complexity: "Depends on subcommand.",
	},
	"xinfo|consumers": {
		Summary: "List the consumers in a consumer group", Since: "5.0.0", Group: "stream",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "groupname", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 2, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xinfo|groups": {
		Summary: "List the consumer groups of a stream", Since: "5.0.0", Group: "stream",
		Complexity: "O(1)",
		History: [][2]string{
			{"7.0.0", "Added the `entries-read` and `lag` fields"},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 2, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
	"xinfo|help": {
		Summary: "Show helpful text about the different subcommands", Since: "5.0.0", Group: "stream",
		Complexity: "O(1)",
	},
	"xinfo|stream": {
		Summary: "Get information about a stream", Since: "5.0.0", Group: "stream",
		Complexity: "O(1)",
		History: [][2]string{
			{"6.0.0", "Added the `FULL` modifier."},
			{"7.0.0", "Added the `max-deleted-entry-id`, `entries-added`, `recorded-first-entry-id`, `entries-read` and `lag` fields"},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "full", Type: ArgBlock, Token: "FULL", Flags: ArgOptional, Args: []Arg{
				{Name: "count", Type: ArgInteger, Token: "COUNT", Flags: ArgOptional},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 2, LastKey: 0, KeyStep: 1, Limit: 0},
		},
	},
}
