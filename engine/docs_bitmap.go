package engine

// Bitmap commands' entries in the documentation table (see command_docs.go),
// transcribed from redis-server 7.0.15's COMMAND DOCS and COMMAND INFO.
var _ = addDocs(bitmapDocs)

var bitmapDocs = map[string]*Docs{
	"setbit": {
		Summary: "Sets or clears the bit at offset in the string value stored at key", Since: "2.2.0", Group: "bitmap",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "offset", Type: ArgInteger},
			{Name: "value", Type: ArgInteger},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRW | KeyAccess | KeyUpdate, Index: 1, KeyStep: 1},
		},
	},
	"getbit": {
		Summary: "Returns the bit value at offset in the string value stored at key", Since: "2.2.0", Group: "bitmap",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "offset", Type: ArgInteger},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"bitcount": {
		Summary: "Count set bits in a string", Since: "2.6.0", Group: "bitmap",
		Complexity: "O(N)",
		History: [][2]string{
			{"7.0.0", "Added the `BYTE|BIT` option."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "index", Type: ArgBlock, Flags: ArgOptional, Args: []Arg{
				{Name: "start", Type: ArgInteger},
				{Name: "end", Type: ArgInteger},
				{Name: "index_unit", Type: ArgOneOf, Flags: ArgOptional, Since: "7.0.0", Args: []Arg{
					{Name: "byte", Type: ArgPureToken, Token: "BYTE"},
					{Name: "bit", Type: ArgPureToken, Token: "BIT"},
				}},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"bitpos": {
		Summary: "Find first bit set or clear in a string", Since: "2.8.7", Group: "bitmap",
		Complexity: "O(N)",
		History: [][2]string{
			{"7.0.0", "Added the `BYTE|BIT` option."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "bit", Type: ArgInteger},
			{Name: "index", Type: ArgBlock, Flags: ArgOptional, Args: []Arg{
				{Name: "start", Type: ArgInteger},
				{Name: "end_index", Type: ArgBlock, Flags: ArgOptional, Args: []Arg{
					{Name: "end", Type: ArgInteger},
					{Name: "index_unit", Type: ArgOneOf, Flags: ArgOptional, Since: "7.0.0", Args: []Arg{
						{Name: "byte", Type: ArgPureToken, Token: "BYTE"},
						{Name: "bit", Type: ArgPureToken, Token: "BIT"},
					}},
				}},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
	"bitop": {
		Summary: "Perform bitwise operations between strings", Since: "2.6.0", Group: "bitmap",
		Complexity: "O(N)",
		Args: []Arg{
			{Name: "operation", Type: ArgString},
			{Name: "destkey", Type: ArgKey},
			{Name: "key", Type: ArgKey, KeySpec: 1, Flags: ArgMultiple},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyOW | KeyUpdate, Index: 2, KeyStep: 1},
			{Flags: KeyRO | KeyAccess, Index: 3, LastKey: -1, KeyStep: 1},
		},
	},
	"bitfield": {
		Summary: "Perform arbitrary bitfield integer operations on strings", Since: "3.2.0", Group: "bitmap",
		Complexity: "O(1) for each subcommand specified",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "operation", Type: ArgOneOf, Flags: ArgOptional | ArgMultiple, Args: []Arg{
				{Name: "encoding_offset", Type: ArgBlock, Token: "GET", Args: []Arg{
					{Name: "encoding", Type: ArgString},
					{Name: "offset", Type: ArgInteger},
				}},
				{Name: "write", Type: ArgBlock, Args: []Arg{
					{Name: "wrap_sat_fail", Type: ArgOneOf, Token: "OVERFLOW", Flags: ArgOptional, Args: []Arg{
						{Name: "wrap", Type: ArgPureToken, Token: "WRAP"},
						{Name: "sat", Type: ArgPureToken, Token: "SAT"},
						{Name: "fail", Type: ArgPureToken, Token: "FAIL"},
					}},
					{Name: "write_operation", Type: ArgOneOf, Args: []Arg{
						{Name: "encoding_offset_value", Type: ArgBlock, Token: "SET", Args: []Arg{
							{Name: "encoding", Type: ArgString},
							{Name: "offset", Type: ArgInteger},
							{Name: "value", Type: ArgInteger},
						}},
						{Name: "encoding_offset_increment", Type: ArgBlock, Token: "INCRBY", Args: []Arg{
							{Name: "encoding", Type: ArgString},
							{Name: "offset", Type: ArgInteger},
							{Name: "increment", Type: ArgInteger},
						}},
					}},
				}},
			}},
		},
		KeySpecs: []KeySpec{
			{Notes: "This command allows both access and modification of the key", Flags: KeyRW | KeyAccess | KeyUpdate | KeyVariableFlags, Index: 1, KeyStep: 1},
		},
	},
	"bitfield_ro": {
		Summary: "Perform arbitrary bitfield integer operations on strings. Read-only variant of BITFIELD", Since: "6.0.0", Group: "bitmap",
		Complexity: "O(1) for each subcommand specified",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "encoding_offset", Type: ArgBlock, Token: "GET", Flags: ArgOptional | ArgMultiple | ArgMultipleToken, Args: []Arg{
				{Name: "encoding", Type: ArgString},
				{Name: "offset", Type: ArgInteger},
			}},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
		},
	},
}
