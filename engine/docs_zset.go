package engine

// Sorted set commands' entries in the documentation table (see
// command_docs.go), transcribed from redis-server 7.0.15's COMMAND DOCS and
// COMMAND INFO.
var _ = addDocs(zsetDocs)

var zsetDocs = map[string]*Docs{
	"zadd": {
		Summary: "Add one or more members to a sorted set, or update its score if it already exists", Since: "1.2.0", Group: "sorted-set",
		Complexity: "O(log(N)) for each item added, where N is the number of elements in the sorted set.",
		History: [][2]string{
			{"2.4.0", "Accepts multiple elements."},
			{"3.0.2", "Added the `XX`, `NX`, `CH` and `INCR` options."},
			{"6.2.0", "Added the `GT` and `LT` options."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "condition", Type: ArgOneOf, Flags: ArgOptional, Since: "3.0.2", Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
			}},
			{Name: "comparison", Type: ArgOneOf, Flags: ArgOptional, Since: "6.2.0", Args: []Arg{
				{Name: "gt", Type: ArgPureToken, Token: "GT"},
				{Name: "lt", Type: ArgPureToken, Token: "LT"},
			}},
			{Name: "change", Type: ArgPureToken, Token: "CH", Flags: ArgOptional, Since: "3.0.2"},
			{Name: "increment", Type: ArgPureToken, Token: "INCR", Flags: ArgOptional, Since: "3.0.2"},
			{Name: "score_member", Type: ArgBlock, Flags: ArgMultiple, Args: []Arg{
				{Name: "score", Type: ArgDouble},
				{Name: "member", Type: ArgString},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"zincrby": {
		Summary: "Increment the score of a member in a sorted set", Since: "1.2.0", Group: "sorted-set",
		Complexity: "O(log(N)) where N is the number of elements in the sorted set.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "increment", Type: ArgInteger},
			{Name: "member", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"zrem": {
		Summary: "Remove one or more members from a sorted set", Since: "1.2.0", Group: "sorted-set",
		Complexity: "O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.",
		History: [][2]string{
			{"2.4.0", "Accepts multiple elements."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyDelete, Index: 1, KeyStep: 1},
		},
	},
	"zcard": {
		Summary: "Get the number of members in a sorted set", Since: "1.2.0", Group: "sorted-set",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO, Index: 1, KeyStep: 1},
		},
	},
	"zcount": {
		Summary: "Count the members in a sorted set with scores within the given values", Since: "2.0.0", Group: "sorted-set",
		Complexity: "O(log(N)) with N being the number of elements in the sorted set.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "min", Type: ArgDouble},
			{Name: "max", Type: ArgDouble},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"zlexcount": {
		Summary: "Count the number of members in a sorted set between a given lexicographical range", Since: "2.8.9", Group: "sorted-set",
		Complexity: "O(log(N)) with N being the number of elements in the sorted set.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "min", Type: ArgString},
			{Name: "max", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"zscore": {
		Summary: "Get the score associated with the given member in a sorted set", Since: "1.2.0", Group: "sorted-set",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"zmscore": {
		Summary: "Get the score associated with the given members in a sorted set", Since: "6.2.0", Group: "sorted-set",
		Complexity: "O(N) where N is the number of members being requested.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"zrank": {
		Summary: "Determine the index of a member in a sorted set", Since: "2.0.0", Group: "sorted-set",
		Complexity: "O(log(N))",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"zrevrank": {
		Summary: "Determine the index of a member in a sorted set, with scores ordered from high to low", Since: "2.0.0", Group: "sorted-set",
		Complexity: "O(log(N))",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"zrange": {
		Summary: "Return a range of members in a sorted set", Since: "1.2.0", Group: "sorted-set",
		Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.",
		History: [][2]string{
			{"6.2.0", "Added the `REV`, `BYSCORE`, `BYLEX` and `LIMIT` options."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "start", Type: ArgString},
			{Name: "stop", Type: ArgString},
			{Name: "sortby", Type: ArgOneOf, Flags: ArgOptional, Since: "6.2.0", Args: []Arg{
				{Name: "byscore", Type: ArgPureToken, Token: "BYSCORE"},
				{Name: "bylex", Type: ArgPureToken, Token: "BYLEX"},
			}},
			{Name: "rev", Type: ArgPureToken, Token: "REV", Flags: ArgOptional, Since: "6.2.0"},
			{Name: "offset_count", Type: ArgBlock, Token: "LIMIT", Flags: ArgOptional, Since: "6.2.0", Args: []Arg{
				{Name: "offset", Type: ArgInteger},
				{Name: "count", Type: ArgInteger},
			}},
			{Name: "withscores", Type: ArgPureToken, Token: "WITHSCORES", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"zrangestore": {
		Summary: "Store a range of members from sorted set into another key", Since: "6.2.0", Group: "sorted-set",
		Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.",
		Args: []Arg{
			{Name: "dst", Type: ArgKey},
			{Name: "src", Type: ArgKey, KeySpec: 1},
			{Name: "min", Type: ArgString},
			{Name: "max", Type: ArgString},
			{Name: "sortby", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "byscore", Type: ArgPureToken, Token: "BYSCORE"},
				{Name: "bylex", Type: ArgPureToken, Token: "BYLEX"},
			}},
			{Name: "rev", Type: ArgPureToken, Token: "REV", Flags: ArgOptional},
			{Name: "offset_count", Type: ArgBlock, Token: "LIMIT", Flags: ArgOptional, Args: []Arg{
				{Name: "offset", Type: ArgInteger},
				{Name: "count", Type: ArgInteger},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyOW | KeyUpdate, Index: 1, KeyStep: 1},
			{Flags: KeyRO | KeyAccess, Index: 2, KeyStep: 1},
		},
	},
	"zrevrange": {
		Summary: "Return a range of members in a sorted set, by index, with scores ordered from high to low", Since: "1.2.0", Group: "sorted-set",
		Complexity:      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.",
		DocFlags:        DocDeprecated,
		DeprecatedSince: "6.2.0",
		ReplacedBy:      "`ZRANGE` with the `REV` argument",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "start", Type: ArgInteger},
			{Name: "stop", Type: ArgInteger},
			{Name: "withscores", Type: ArgPureToken, Token: "WITHSCORES", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"zrangebyscore": {
		Summary: "Return a range of members in a sorted set, by score", Since: "1.0.5", Group: "sorted-set",
		Complexity:      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
		DocFlags:        DocDeprecated,
		DeprecatedSince: "6.2.0",
		ReplacedBy:      "`ZRANGE` with the `BYSCORE` argument",
		History: [][2]string{
			{"2.0.0", "Added the `WITHSCORES` modifier."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "min", Type: ArgDouble},
			{Name: "max", Type: ArgDouble},
			{Name: "withscores", Type: ArgPureToken, Token: "WITHSCORES", Flags: ArgOptional, Since: "2.0.0"},
			{Name: "offset_count", Type: ArgBlock, Token: "LIMIT", Flags: ArgOptional, Args: []Arg{
				{Name: "offset", Type: ArgInteger},
				{Name: "count", Type: ArgInteger},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"zrevrangebyscore": {
		Summary: "Return a range of members in a sorted set, by score, with scores ordered from high to low", Since: "2.2.0", Group: "sorted-set",
		Complexity:      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
		DocFlags:        DocDeprecated,
		DeprecatedSince: "6.2.0",
		ReplacedBy:      "`ZRANGE` with the `REV` and `BYSCORE` arguments",
		History: [][2]string{
			{"2.1.6", "`min` and `max` can be exclusive."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "max", Type: ArgDouble},
			{Name: "min", Type: ArgDouble},
			{Name: "withscores", Type: ArgPureToken, Token: "WITHSCORES", Flags: ArgOptional},
			{Name: "offset_count", Type: ArgBlock, Token: "LIMIT", Flags: ArgOptional, Args: []Arg{
				{Name: "offset", Type: ArgInteger},
				{Name: "count", Type: ArgInteger},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"zrangebylex": {
		Summary: "Return a range of members in a sorted set, by lexicographical range", Since: "2.8.9", Group: "sorted-set",
		Complexity:      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
		DocFlags:        DocDeprecated,
		DeprecatedSince: "6.2.0",
		ReplacedBy:      "`ZRANGE` with the `BYLEX` argument",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "min", Type: ArgString},
			{Name: "max", Type: ArgString},
			{Name: "offset_count", Type: ArgBlock, Token: "LIMIT", Flags: ArgOptional, Args: []Arg{
				{Name: "offset", Type: ArgInteger},
				{Name: "count", Type: ArgInteger},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"zrevrangebylex": {
		Summary: "Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings.", Since: "2.8.9", Group: "sorted-set",
		Complexity:      "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).",
		DocFlags:        DocDeprecated,
		DeprecatedSince: "6.2.0",
		ReplacedBy:      "`ZRANGE` with the `REV` and `BYLEX` arguments",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "max", Type: ArgString},
			{Name: "min", Type: ArgString},
			{Name: "offset_count", Type: ArgBlock, Token: "LIMIT", Flags: ArgOptional, Args: []Arg{
				{Name: "offset", Type: ArgInteger},
				{Name: "count", Type: ArgInteger},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"zremrangebyrank": {
		Summary: "Remove all members in a sorted set within the given indexes", Since: "2.0.0", Group: "sorted-set",
		Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "start", Type: ArgInteger},
			{Name: "stop", Type: ArgInteger},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyDelete, Index: 1, KeyStep: 1},
		},
	},
	"zremrangebyscore": {
		Summary: "Remove all members in a sorted set within the given scores", Since: "1.2.0", Group: "sorted-set",
		Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "min", Type: ArgDouble},
			{Name: "max", Type: ArgDouble},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyDelete, Index: 1, KeyStep: 1},
		},
	},
	"zremrangebylex": {
		Summary: "Remove all members in a sorted set between the given lexicographical range", Since: "2.8.9", Group: "sorted-set",
		Complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "min", Type: ArgString},
			{Name: "max", Type: ArgString},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyDelete, Index: 1, KeyStep: 1},
		},
	},
	"zpopmin": {
		Summary: "Remove and return members with the lowest scores in a sorted set", Since: "5.0.0", Group: "sorted-set",
		Complexity: "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "count", Type: ArgInteger, Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyDelete, Index: 1, KeyStep: 1},
		},
	},
	"zpopmax": {
		Summary: "Remove and return members with the highest scores in a sorted set", Since: "5.0.0", Group: "sorted-set",
		Complexity: "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "count", Type: ArgInteger, Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyDelete, Index: 1, KeyStep: 1},
		},
	},
	"bzpopmin": {
		Summary: "Remove and return the member with the lowest score from one or more sorted sets, or block until one is available", Since: "5.0.0", Group: "sorted-set",
		Complexity: "O(log(N)) with N being the number of elements in the sorted set.",
		History: [][2]string{
			{"6.0.0", "`timeout` is interpreted as a double instead of an integer."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
			{Name: "timeout", Type: ArgDouble},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyDelete, Index: 1, LastKey: -2, KeyStep: 1},
		},
	},
	"bzpopmax": {
		Summary: "Remove and return the member with the highest score from one or more sorted sets, or block until one is available", Since: "5.0.0", Group: "sorted-set",
		Complexity: "O(log(N)) with N being the number of elements in the sorted set.",
		History: [][2]string{
			{"6.0.0", "`timeout` is interpreted as a double instead of an integer."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
			{Name: "timeout", Type: ArgDouble},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyDelete, Index: 1, LastKey: -2, KeyStep: 1},
		},
	},
	"zmpop": {
		Summary: "Remove and return members with scores in a sorted set", Since: "7.0.0", Group: "sorted-set",
		Complexity: "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.",
		Args: []Arg{
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
			{Name: "where", Type: ArgOneOf, Args: []Arg{
				{Name: "min", Type: ArgPureToken, Token: "MIN"},
				{Name: "max", Type: ArgPureToken, Token: "MAX"},
			}},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyDelete, Index: 1, KeyNum: true, KeyNumIdx: 0, FirstKey: 1, KeyStep: 1},
		},
	},
	"bzmpop": {
		Summary: "Remove and return members with scores in a sorted set or block until one is available", Since: "7.0.0", Group: "sorted-set",
		Complexity: "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.",
		Args: []Arg{
			{Name: "timeout", Type: ArgDouble},
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
			{Name: "where", Type: ArgOneOf, Args: []Arg{
				{Name: "min", Type: ArgPureToken, Token: "MIN"},
				{Name: "max", Type: ArgPureToken, Token: "MAX"},
			}},
			{Name: "count", Type: ArgInteger, Token: "COUNT", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyDelete, Index: 2, KeyNum: true, KeyNumIdx: 0, FirstKey: 1, KeyStep: 1},
		},
	},
	"zrandmember": {
		Summary: "Get one or multiple random elements from a sorted set", Since: "6.2.0", Group: "sorted-set",
		Complexity: "O(N) where N is the number of elements returned",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "options", Type: ArgBlock, Flags: ArgOptional, Args: []Arg{
				{Name: "count", Type: ArgInteger},
				{Name: "withscores", Type: ArgPureToken, Token: "WITHSCORES", Flags: ArgOptional},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"zunion": {
		Summary: "Add multiple sorted sets", Since: "6.2.0", Group: "sorted-set",
		Complexity: "O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.",
		Args: []Arg{
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
			{Name: "weight", Type: ArgInteger, Token: "WEIGHTS", Flags: ArgOptional | ArgMultiple},
			{Name: "aggregate", Type: ArgOneOf, Token: "AGGREGATE", Flags: ArgOptional, Args: []Arg{
				{Name: "sum", Type: ArgPureToken, Token: "SUM"},
				{Name: "min", Type: ArgPureToken, Token: "MIN"},
				{Name: "max", Type: ArgPureToken, Token: "MAX"},
			}},
			{Name: "withscores", Type: ArgPureToken, Token: "WITHSCORES", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyNum: true, KeyNumIdx: 0, FirstKey: 1, KeyStep: 1},
		},
	},
	"zinter": {
		Summary: "Intersect multiple sorted sets", Since: "6.2.0", Group: "sorted-set",
		Complexity: "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.",
		Args: []Arg{
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
			{Name: "weight", Type: ArgInteger, Token: "WEIGHTS", Flags: ArgOptional | ArgMultiple},
			{Name: "aggregate", Type: ArgOneOf, Token: "AGGREGATE", Flags: ArgOptional, Args: []Arg{
				{Name: "sum", Type: ArgPureToken, Token: "SUM"},
				{Name: "min", Type: ArgPureToken, Token: "MIN"},
				{Name: "max", Type: ArgPureToken, Token: "MAX"},
			}},
			{Name: "withscores", Type: ArgPureToken, Token: "WITHSCORES", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyNum: true, KeyNumIdx: 0, FirstKey: 1, KeyStep: 1},
		},
	},
	"zdiff": {
		Summary: "Subtract multiple sorted sets", Since: "6.2.0", Group: "sorted-set",
		Complexity: "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.",
		Args: []Arg{
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
			{Name: "withscores", Type: ArgPureToken, Token: "WITHSCORES", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyNum: true, KeyNumIdx: 0, FirstKey: 1, KeyStep: 1},
		},
	},
	"zunionstore": {
		Summary: "Add multiple sorted sets and store the resulting sorted set in a new key", Since: "2.0.0", Group: "sorted-set",
		Complexity: "O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.",
		Args: []Arg{
			{Name: "destination", Type: ArgKey},
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, KeySpec: 1, Flags: ArgMultiple},
			{Name: "weight", Type: ArgInteger, Token: "WEIGHTS", Flags: ArgOptional | ArgMultiple},
			{Name: "aggregate", Type: ArgOneOf, Token: "AGGREGATE", Flags: ArgOptional, Args: []Arg{
				{Name: "sum", Type: ArgPureToken, Token: "SUM"},
				{Name: "min", Type: ArgPureToken, Token: "MIN"},
				{Name: "max", Type: ArgPureToken, Token: "MAX"},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyOW | KeyUpdate, Index: 1, KeyStep: 1},
			{Flags: KeyRO | KeyAccess, Index: 2, KeyNum: true, KeyNumIdx: 0, FirstKey: 1, KeyStep: 1},
		},
	},
	"zinterstore": {
		Summary: "Intersect multiple sorted sets and store the resulting sorted set in a new key", Since: "2.0.0", Group: "sorted-set",
		Complexity: "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.",
		Args: []Arg{
			{Name: "destination", Type: ArgKey},
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, KeySpec: 1, Flags: ArgMultiple},
			{Name: "weight", Type: ArgInteger, Token: "WEIGHTS", Flags: ArgOptional | ArgMultiple},
			{Name: "aggregate", Type: ArgOneOf, Token: "AGGREGATE", Flags: ArgOptional, Args: []Arg{
				{Name: "sum", Type: ArgPureToken, Token: "SUM"},
				{Name: "min", Type: ArgPureToken, Token: "MIN"},
				{Name: "max", Type: ArgPureToken, Token: "MAX"},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyOW | KeyUpdate, Index: 1, KeyStep: 1},
			{Flags: KeyRO | KeyAccess, Index: 2, KeyNum: true, KeyNumIdx: 0, FirstKey: 1, KeyStep: 1},
		},
	},
	"zdiffstore": {
		Summary: "Subtract multiple sorted sets and store the resulting sorted set in a new key", Since: "6.2.0", Group: "sorted-set",
		Complexity: "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.",
		Args: []Arg{
			{Name: "destination", Type: ArgKey},
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, KeySpec: 1, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyOW | KeyUpdate, Index: 1, KeyStep: 1},
			{Flags: KeyRO | KeyAccess, Index: 2, KeyNum: true, KeyNumIdx: 0, FirstKey: 1, KeyStep: 1},
		},
	},
	"zintercard": {
		Summary: "Intersect multiple sorted sets and return the cardinality of the result", Since: "7.0.0", Group: "sorted-set",
		Complexity: "O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.",
		Args: []Arg{
			{Name: "numkeys", Type: ArgInteger},
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
			{Name: "limit", Type: ArgInteger, Token: "LIMIT", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyNum: true, KeyNumIdx: 0, FirstKey: 1, KeyStep: 1},
		},
	},
	"zscan": {
		Summary: "Incrementally iterate sorted sets elements and associated scores", Since: "2.8.0", Group: "sorted-set",
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
