package engine

// Geo commands' entries in the documentation table (see command_docs.go),
// transcribed from redis-server 7.0.15's COMMAND DOCS and COMMAND INFO.
var _ = addDocs(geoDocs)

var geoDocs = map[string]*Docs{
	"geoadd": {
		Summary: "Add one or more geospatial items in the geospatial index represented using a sorted set", Since: "3.2.0", Group: "geo",
		Complexity: "O(log(N)) for each item added, where N is the number of elements in the sorted set.",
		History: [][2]string{
			{"6.2.0", "Added the `CH`, `NX` and `XX` options."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "condition", Type: ArgOneOf, Since: "6.2.0", Flags: ArgOptional, Args: []Arg{
				{Name: "nx", Type: ArgPureToken, Token: "NX"},
				{Name: "xx", Type: ArgPureToken, Token: "XX"},
			}},
			{Name: "change", Type: ArgPureToken, Token: "CH", Since: "6.2.0", Flags: ArgOptional},
			{Name: "longitude_latitude_member", Type: ArgBlock, Flags: ArgMultiple, Args: []Arg{
				{Name: "longitude", Type: ArgDouble},
				{Name: "latitude", Type: ArgDouble},
				{Name: "member", Type: ArgString},
			}},
		},
	},
	"geodist": {
		Summary: "Returns the distance between two members of a geospatial index", Since: "3.2.0", Group: "geo",
		Complexity: "O(log(N))",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member1", Type: ArgString},
			{Name: "member2", Type: ArgString},
			{Name: "unit", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "m", Type: ArgPureToken, Token: "M"},
				{Name: "km", Type: ArgPureToken, Token: "KM"},
				{Name: "ft", Type: ArgPureToken, Token: "FT"},
				{Name: "mi", Type: ArgPureToken, Token: "MI"},
			}},
		},
	},
	"geohash": {
		Summary: "Returns members of a geospatial index as standard geohash strings", Since: "3.2.0", Group: "geo",
		Complexity: "O(log(N)) for each member requested, where N is the number of elements in the sorted set.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString, Flags: ArgMultiple},
		},
	},
	"geopos": {
		Summary: "Returns longitude and latitude of members of a geospatial index", Since: "3.2.0", Group: "geo",
		Complexity: "O(N) where N is the number of members requested.",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString, Flags: ArgMultiple},
		},
	},
	"georadius": {
		Summary: "Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a point", Since: "3.2.0", Group: "geo",
		Complexity:      "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.",
		DocFlags:        DocDeprecated,
		DeprecatedSince: "6.2.0", ReplacedBy: "`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` argument",
		History: [][2]string{
			{"6.2.0", "Added the `ANY` option for `COUNT`."},
			{"7.0.0", "Added support for uppercase unit names."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "longitude", Type: ArgDouble},
			{Name: "latitude", Type: ArgDouble},
			{Name: "radius", Type: ArgDouble},
			{Name: "unit", Type: ArgOneOf, Args: []Arg{
				{Name: "m", Type: ArgPureToken, Token: "M"},
				{Name: "km", Type: ArgPureToken, Token: "KM"},
				{Name: "ft", Type: ArgPureToken, Token: "FT"},
				{Name: "mi", Type: ArgPureToken, Token: "MI"},
			}},
			{Name: "withcoord", Type: ArgPureToken, Token: "WITHCOORD", Flags: ArgOptional},
			{Name: "withdist", Type: ArgPureToken, Token: "WITHDIST", Flags: ArgOptional},
			{Name: "withhash", Type: ArgPureToken, Token: "WITHHASH", Flags: ArgOptional},
			{Name: "count", Type: ArgBlock, Flags: ArgOptional, Args: []Arg{
				{Name: "count", Type: ArgInteger, Token: "COUNT"},
				{Name: "any", Type: ArgPureToken, Token: "ANY", Since: "6.2.0", Flags: ArgOptional},
			}},
			{Name: "order", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "asc", Type: ArgPureToken, Token: "ASC"},
				{Name: "desc", Type: ArgPureToken, Token: "DESC"},
			}},
			{Name: "key", Type: ArgKey, KeySpec: 1, Token: "STORE", Flags: ArgOptional},
			{Name: "key", Type: ArgKey, KeySpec: 2, Token: "STOREDIST", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
			{Flags: KeyOW | KeyUpdate, Keyword: "STORE", StartFrom: 6, KeyStep: 1},
			{Flags: KeyOW | KeyUpdate, Keyword: "STOREDIST", StartFrom: 6, KeyStep: 1},
		},
	},
	"georadius_ro": {
		Summary: "A read-only variant for GEORADIUS", Since: "3.2.10", Group: "geo",
		Complexity:      "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.",
		DocFlags:        DocDeprecated,
		DeprecatedSince: "6.2.0", ReplacedBy: "`GEOSEARCH` with the `BYRADIUS` argument",
		History: [][2]string{
			{"6.2.0", "Added the `ANY` option for `COUNT`."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "longitude", Type: ArgDouble},
			{Name: "latitude", Type: ArgDouble},
			{Name: "radius", Type: ArgDouble},
			{Name: "unit", Type: ArgOneOf, Args: []Arg{
				{Name: "m", Type: ArgPureToken, Token: "M"},
				{Name: "km", Type: ArgPureToken, Token: "KM"},
				{Name: "ft", Type: ArgPureToken, Token: "FT"},
				{Name: "mi", Type: ArgPureToken, Token: "MI"},
			}},
			{Name: "withcoord", Type: ArgPureToken, Token: "WITHCOORD", Flags: ArgOptional},
			{Name: "withdist", Type: ArgPureToken, Token: "WITHDIST", Flags: ArgOptional},
			{Name: "withhash", Type: ArgPureToken, Token: "WITHHASH", Flags: ArgOptional},
			{Name: "count", Type: ArgBlock, Flags: ArgOptional, Args: []Arg{
				{Name: "count", Type: ArgInteger, Token: "COUNT"},
				{Name: "any", Type: ArgPureToken, Token: "ANY", Since: "6.2.0", Flags: ArgOptional},
			}},
			{Name: "order", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "asc", Type: ArgPureToken, Token: "ASC"},
				{Name: "desc", Type: ArgPureToken, Token: "DESC"},
			}},
		},
	},
	"georadiusbymember": {
		Summary: "Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a member", Since: "3.2.0", Group: "geo",
		Complexity:      "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.",
		DocFlags:        DocDeprecated,
		DeprecatedSince: "6.2.0", ReplacedBy: "`GEOSEARCH` and `GEOSEARCHSTORE` with the `BYRADIUS` and `FROMMEMBER` arguments",
		History: [][2]string{
			{"7.0.0", "Added support for uppercase unit names."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString},
			{Name: "radius", Type: ArgDouble},
			{Name: "unit", Type: ArgOneOf, Args: []Arg{
				{Name: "m", Type: ArgPureToken, Token: "M"},
				{Name: "km", Type: ArgPureToken, Token: "KM"},
				{Name: "ft", Type: ArgPureToken, Token: "FT"},
				{Name: "mi", Type: ArgPureToken, Token: "MI"},
			}},
			{Name: "withcoord", Type: ArgPureToken, Token: "WITHCOORD", Flags: ArgOptional},
			{Name: "withdist", Type: ArgPureToken, Token: "WITHDIST", Flags: ArgOptional},
			{Name: "withhash", Type: ArgPureToken, Token: "WITHHASH", Flags: ArgOptional},
			{Name: "count", Type: ArgBlock, Flags: ArgOptional, Args: []Arg{
				{Name: "count", Type: ArgInteger, Token: "COUNT"},
				{Name: "any", Type: ArgPureToken, Token: "ANY", Flags: ArgOptional},
			}},
			{Name: "order", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "asc", Type: ArgPureToken, Token: "ASC"},
				{Name: "desc", Type: ArgPureToken, Token: "DESC"},
			}},
			{Name: "key", Type: ArgKey, KeySpec: 1, Token: "STORE", Flags: ArgOptional},
			{Name: "key", Type: ArgKey, KeySpec: 2, Token: "STOREDIST", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyRO | KeyAccess, Index: 1, KeyStep: 1},
			{Flags: KeyOW | KeyUpdate, Keyword: "STORE", StartFrom: 5, KeyStep: 1},
			{Flags: KeyOW | KeyUpdate, Keyword: "STOREDIST", StartFrom: 5, KeyStep: 1},
		},
	},
	"georadiusbymember_ro": {
		Summary: "A read-only variant for GEORADIUSBYMEMBER", Since: "3.2.10", Group: "geo",
		Complexity:      "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.",
		DocFlags:        DocDeprecated,
		DeprecatedSince: "6.2.0", ReplacedBy: "`GEOSEARCH` with the `BYRADIUS` and `FROMMEMBER` arguments",
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "member", Type: ArgString},
			{Name: "radius", Type: ArgDouble},
			{Name: "unit", Type: ArgOneOf, Args: []Arg{
				{Name: "m", Type: ArgPureToken, Token: "M"},
				{Name: "km", Type: ArgPureToken, Token: "KM"},
				{Name: "ft", Type: ArgPureToken, Token: "FT"},
				{Name: "mi", Type: ArgPureToken, Token: "MI"},
			}},
			{Name: "withcoord", Type: ArgPureToken, Token: "WITHCOORD", Flags: ArgOptional},
			{Name: "withdist", Type: ArgPureToken, Token: "WITHDIST", Flags: ArgOptional},
			{Name: "withhash", Type: ArgPureToken, Token: "WITHHASH", Flags: ArgOptional},
			{Name: "count", Type: ArgBlock, Flags: ArgOptional, Args: []Arg{
				{Name: "count", Type: ArgInteger, Token: "COUNT"},
				{Name: "any", Type: ArgPureToken, Token: "ANY", Flags: ArgOptional},
			}},
			{Name: "order", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "asc", Type: ArgPureToken, Token: "ASC"},
				{Name: "desc", Type: ArgPureToken, Token: "DESC"},
			}},
		},
	},
	"geosearch": {
		Summary: "Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle.", Since: "6.2.0", Group: "geo",
		Complexity: "O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape",
		History: [][2]string{
			{"7.0.0", "Added support for uppercase unit names."},
		},
		Args: []Arg{
			{Name: "key", Type: ArgKey},
			{Name: "from", Type: ArgOneOf, Args: []Arg{
				{Name: "member", Type: ArgString, Token: "FROMMEMBER"},
				{Name: "longitude_latitude", Type: ArgBlock, Token: "FROMLONLAT", Args: []Arg{
					{Name: "longitude", Type: ArgDouble},
					{Name: "latitude", Type: ArgDouble},
				}},
			}},
			{Name: "by", Type: ArgOneOf, Args: []Arg{
				{Name: "circle", Type: ArgBlock, Args: []Arg{
					{Name: "radius", Type: ArgDouble, Token: "BYRADIUS"},
					{Name: "unit", Type: ArgOneOf, Args: []Arg{
						{Name: "m", Type: ArgPureToken, Token: "M"},
						{Name: "km", Type: ArgPureToken, Token: "KM"},
						{Name: "ft", Type: ArgPureToken, Token: "FT"},
						{Name: "mi", Type: ArgPureToken, Token: "MI"},
					}},
				}},
				{Name: "box", Type: ArgBlock, Args: []Arg{
					{Name: "width", Type: ArgDouble, Token: "BYBOX"},
					{Name: "height", Type: ArgDouble},
					{Name: "unit", Type: ArgOneOf, Args: []Arg{
						{Name: "m", Type: ArgPureToken, Token: "M"},
						{Name: "km", Type: ArgPureToken, Token: "KM"},
						{Name: "ft", Type: ArgPureToken, Token: "FT"},
						{Name: "mi", Type: ArgPureToken, Token: "MI"},
					}},
				}},
			}},
			{Name: "order", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "asc", Type: ArgPureToken, Token: "ASC"},
				{Name: "desc", Type: ArgPureToken, Token: "DESC"},
			}},
			{Name: "count", Type: ArgBlock, Flags: ArgOptional, Args: []Arg{
				{Name: "count", Type: ArgInteger, Token: "COUNT"},
				{Name: "any", Type: ArgPureToken, Token: "ANY", Flags: ArgOptional},
			}},
			{Name: "withcoord", Type: ArgPureToken, Token: "WITHCOORD", Flags: ArgOptional},
			{Name: "withdist", Type: ArgPureToken, Token: "WITHDIST", Flags: ArgOptional},
			{Name: "withhash", Type: ArgPureToken, Token: "WITHHASH", Flags: ArgOptional},
		},
	},
	"geosearchstore": {
		Summary: "Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle, and store the result in another key.", Since: "6.2.0", Group: "geo",
		Complexity: "O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape",
		History: [][2]string{
			{"7.0.0", "Added support for uppercase unit names."},
		},
		Args: []Arg{
			{Name: "destination", Type: ArgKey},
			{Name: "source", Type: ArgKey, KeySpec: 1},
			{Name: "from", Type: ArgOneOf, Args: []Arg{
				{Name: "member", Type: ArgString, Token: "FROMMEMBER"},
				{Name: "longitude_latitude", Type: ArgBlock, Token: "FROMLONLAT", Args: []Arg{
					{Name: "longitude", Type: ArgDouble},
					{Name: "latitude", Type: ArgDouble},
				}},
			}},
			{Name: "by", Type: ArgOneOf, Args: []Arg{
				{Name: "circle", Type: ArgBlock, Args: []Arg{
					{Name: "radius", Type: ArgDouble, Token: "BYRADIUS"},
					{Name: "unit", Type: ArgOneOf, Args: []Arg{
						{Name: "m", Type: ArgPureToken, Token: "M"},
						{Name: "km", Type: ArgPureToken, Token: "KM"},
						{Name: "ft", Type: ArgPureToken, Token: "FT"},
						{Name: "mi", Type: ArgPureToken, Token: "MI"},
					}},
				}},
				{Name: "box", Type: ArgBlock, Args: []Arg{
					{Name: "width", Type: ArgDouble, Token: "BYBOX"},
					{Name: "height", Type: ArgDouble},
					{Name: "unit", Type: ArgOneOf, Args: []Arg{
						{Name: "m", Type: ArgPureToken, Token: "M"},
						{Name: "km", Type: ArgPureToken, Token: "KM"},
						{Name: "ft", Type: ArgPureToken, Token: "FT"},
						{Name: "mi", Type: ArgPureToken, Token: "MI"},
					}},
				}},
			}},
			{Name: "order", Type: ArgOneOf, Flags: ArgOptional, Args: []Arg{
				{Name: "asc", Type: ArgPureToken, Token: "ASC"},
				{Name: "desc", Type: ArgPureToken, Token: "DESC"},
			}},
			{Name: "count", Type: ArgBlock, Flags: ArgOptional, Args: []Arg{
				{Name: "count", Type: ArgInteger, Token: "COUNT"},
				{Name: "any", Type: ArgPureToken, Token: "ANY", Flags: ArgOptional},
			}},
			{Name: "storedist", Type: ArgPureToken, Token: "STOREDIST", Flags: ArgOptional},
		},
		KeySpecs: []KeySpec{
			{Flags: KeyOW | KeyUpdate, Index: 1, KeyStep: 1},
			{Flags: KeyRO | KeyAccess, Index: 2, KeyStep: 1},
		},
	},
}
