package engine

// JSON commands' entries in the documentation table (see command_docs.go),
// after RedisJSON 2.x's command reference (redis.io/docs/latest/commands/json.*):
// module commands are in group "module".
var _ = addDocs(jsonDocs)

var jsonDocs = map[string]*Docs{
	"json.set": {
		Summary: "Sets or updates the JSON value at a path", Since: "1.0.0", Group: "module",
		Complexity: "O(M+N) where M is the size of the original value (if it exists) and N is the size of the new value",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString},
			{Name: "value", Type: ArgString},
			{Name: "condition", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{{Name: "nx", Type: ArgPureToken, Token: "NX"}, {Name: "xx", Type: ArgPureToken, Token: "XX"}}},
		},
		KeySpecs: []KeySpec{{Flags: KeyRW, Index: 1, KeyStep: 1}},
	},
	"json.get": {
		Summary: "Gets the value at one or more paths in JSON serialized form", Since: "1.0.0", Group: "module",
		Complexity: "O(N) when path is evaluated to a single value where N is the size of the value, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "indent", Type: ArgString, Token: "INDENT", Flags: ArgOptional},
			{Name: "newline", Type: ArgString, Token: "NEWLINE", Flags: ArgOptional},
			{Name: "space", Type: ArgString, Token: "SPACE", Flags: ArgOptional},
			{Name: "path", Type: ArgString, Flags: ArgOptional | ArgMultiple},
		},
		KeySpecs: []KeySpec{{Flags: KeyRO, Index: 1, KeyStep: 1}},
	},
	"json.del": {
		Summary: "Deletes a value", Since: "1.0.0", Group: "module",
		Complexity: "O(N) when path is evaluated to a single value where N is the size of the deleted value, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString, Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{{Flags: KeyRW, Index: 1, KeyStep: 1}},
	},
	"json.forget": {
		Summary: "Deletes a value", Since: "1.0.0", Group: "module",
		Complexity: "O(N) when path is evaluated to a single value where N is the size of the deleted value, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString, Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{{Flags: KeyRW, Index: 1, KeyStep: 1}},
	},
	"json.type": {
		Summary: "Returns the type of the JSON value at path", Since: "1.0.0", Group: "module",
		Complexity: "O(1) when path is evaluated to a single value, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString, Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{{Flags: KeyRO, Index: 1, KeyStep: 1}},
	},
	"json.merge": {
		Summary: "Merges a given JSON value into matching paths. Consequently, JSON values at matching paths are updated, deleted, or expanded with new children", Since: "2.6.0", Group: "module",
		Complexity: "O(M+N) when path is evaluated to a single value where M is the size of the original value (if it exists) and N is the size of the new value, O(M+N) when path is evaluated to multiple values where M is the size of the key and N is the size of the new value * the number of original values in the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString},
			{Name: "value", Type: ArgString},
		},
		KeySpecs: []KeySpec{{Flags: KeyRW, Index: 1, KeyStep: 1}},
	},
	"json.clear": {
		Summary: "Clears all values from an array or an object and sets numeric values to `0`", Since: "2.0.0", Group: "module",
		Complexity: "O(N) when path is evaluated to a single value where N is the size of the values, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString, Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{{Flags: KeyRW, Index: 1, KeyStep: 1}},
	},
	"json.resp": {
		Summary: "Returns the JSON value at path in Redis Serialization Protocol (RESP)", Since: "1.0.0", Group: "module",
		Complexity: "O(N) when path is evaluated to a single value, where N is the size of the value, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString, Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{{Flags: KeyRO, Index: 1, KeyStep: 1}},
	},
	"json.numincrby": {
		Summary: "Increments the numeric value at path by a value", Since: "1.0.0", Group: "module",
		Complexity: "O(1) when path is evaluated to a single value, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString},
			{Name: "value", Type: ArgDouble},
		},
		KeySpecs: []KeySpec{{Flags: KeyRW, Index: 1, KeyStep: 1}},
	},
	"json.nummultby": {
		Summary: "Multiplies the numeric value at path by a value", Since: "1.0.0", Group: "module",
		Complexity: "O(1) when path is evaluated to a single value, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString},
			{Name: "value", Type: ArgDouble},
		},
		KeySpecs: []KeySpec{{Flags: KeyRW, Index: 1, KeyStep: 1}},
	},
	"json.toggle": {
		Summary: "Toggles a boolean value", Since: "2.0.0", Group: "module",
		Complexity: "O(1) when path is evaluated to a single value, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString},
		},
		KeySpecs: []KeySpec{{Flags: KeyRW, Index: 1, KeyStep: 1}},
	},
	"json.strappend": {
		Summary: "Appends a string to a JSON string value at path", Since: "1.0.0", Group: "module",
		Complexity: "O(1) when path is evaluated to a single value, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString, Flags: ArgOptional},
			{Name: "value", Type: ArgString},
		},
		KeySpecs: []KeySpec{{Flags: KeyRW, Index: 1, KeyStep: 1}},
	},
	"json.strlen": {
		Summary: "Returns the length of the JSON String at path in key", Since: "1.0.0", Group: "module",
		Complexity: "O(1) when path is evaluated to a single value, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString, Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{{Flags: KeyRO, Index: 1, KeyStep: 1}},
	},
	"json.arrappend": {
		Summary: "Append one or more JSON values into the array at path after the last element in it.", Since: "1.0.0", Group: "module",
		Complexity: "O(1) when path is evaluated to a single value, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString},
			{Name: "value", Type: ArgString, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{{Flags: KeyRW, Index: 1, KeyStep: 1}},
	},
	"json.arrindex": {
		Summary: "Returns the index of the first occurrence of a JSON scalar value in the array at path", Since: "1.0.0", Group: "module",
		Complexity: "O(N) when path is evaluated to a single value where N is the size of the array, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString},
			{Name: "value", Type: ArgString},
			{Name: "range", Type: ArgBlock, Flags: ArgOptional, Args: []Arg{{Name: "start", Type: ArgInteger}, {Name: "stop", Type: ArgInteger, Flags: ArgOptional}}},
		},
		KeySpecs: []KeySpec{{Flags: KeyRO, Index: 1, KeyStep: 1}},
	},
	"json.arrinsert": {
		Summary: "Inserts the JSON scalar(s) value at the specified index in the array at path", Since: "1.0.0", Group: "module",
		Complexity: "O(N) when path is evaluated to a single value where N is the size of the array, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString},
			{Name: "index", Type: ArgInteger},
			{Name: "value", Type: ArgString, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{{Flags: KeyRW, Index: 1, KeyStep: 1}},
	},
	"json.arrlen": {
		Summary: "Returns the length of the array at path", Since: "1.0.0", Group: "module",
		Complexity: "O(1) where path is evaluated to a single value, O(N) where path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString, Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{{Flags: KeyRO, Index: 1, KeyStep: 1}},
	},
	"json.arrpop": {
		Summary: "Removes and returns the element at the specified index in the array at path", Since: "1.0.0", Group: "module",
		Complexity: "O(N) when path is evaluated to a single value where N is the size of the array and the specified index is not the last element, O(1) when path is evaluated to a single value and the specified index is the last element, or O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgBlock, Flags: ArgOptional, Args: []Arg{{Name: "path", Type: ArgString}, {Name: "index", Type: ArgInteger, Flags: ArgOptional}}},
		},
		KeySpecs: []KeySpec{{Flags: KeyRW, Index: 1, KeyStep: 1}},
	},
	"json.arrtrim": {
		Summary: "Trims the array at path to contain only the specified inclusive range of indices from start to stop", Since: "1.0.0", Group: "module",
		Complexity: "O(N) when path is evaluated to a single value where N is the size of the array, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString},
			{Name: "start", Type: ArgInteger},
			{Name: "stop", Type: ArgInteger},
		},
		KeySpecs: []KeySpec{{Flags: KeyRW, Index: 1, KeyStep: 1}},
	},
	"json.objkeys": {
		Summary: "Returns the JSON keys of the object at path", Since: "1.0.0", Group: "module",
		Complexity: "O(N) when path is evaluated to a single value, where N is the number of keys in the object, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString, Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{{Flags: KeyRO, Index: 1, KeyStep: 1}},
	},
	"json.objlen": {
		Summary: "Returns the number of keys of the object at path", Since: "1.0.0", Group: "module",
		Complexity: "O(1) when path is evaluated to a single value, O(N) when path is evaluated to multiple values, where N is the size of the key",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "path", Type: ArgString, Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{{Flags: KeyRO, Index: 1, KeyStep: 1}},
	},
	"json.mget": {
		Summary: "Returns the values at a path from one or more keys", Since: "1.0.0", Group: "module",
		Complexity: "O(M*N) when path is evaluated to a single value where M is the number of keys and N is the size of the value, O(N1+N2+...+Nm) when path is evaluated to multiple values where m is the number of keys and Ni is the size of the i-th key",
		Args: []Arg{
			{Name: "key", Type: ArgKey, Flags: ArgMultiple},
			{Name: "path", Type: ArgString},
		},
		KeySpecs: []KeySpec{{Flags: KeyRO, Index: 1, LastKey: -2, KeyStep: 1}},
	},
	"json.mset": {
		Summary: "Sets or updates the JSON value of one or more keys", Since: "2.6.0", Group: "module",
		Complexity: "O(K*(M+N)) where k is the number of keys in the command, when path is evaluated to a single value where M is the size of the original value (if it exists) and N is the size of the new value, or O(K*(M+N)) when path is evaluated to multiple values where M is the size of the key and N is the size of the new value * the number of original values in the key",
		Args: []Arg{
			{Name: "triplet", Type: ArgBlock, Flags: ArgMultiple, Args: []Arg{{Name: "key", Type: ArgKey}, {Name: "path", Type: ArgString}, {Name: "value", Type: ArgString}}},
		},
		KeySpecs: []KeySpec{{Flags: KeyRW, Index: 1, LastKey: -1, KeyStep: 3}},
	},
	"json.debug": {
		Summary: "Debugging container command", Since: "1.0.0", Group: "module",
		Complexity: "N/A",
		Args: []Arg{
			{Name: "subcommand", Type: ArgOneOf, Args: []Arg{{Name: "memory", Type: ArgPureToken, Token: "MEMORY"}, {Name: "help", Type: ArgPureToken, Token: "HELP"}}},
			{Name: "key", Type: ArgKey, Flags: ArgOptional},
			{Name: "path", Type: ArgString, Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{{Flags: KeyRO, Keyword: "MEMORY", StartFrom: 1, KeyStep: 1}},
	},
}
