package filter

import (
	"errors"
	"testing"
)

// specDoc is the metadata of the spec's examples (section 7).
const specDoc = `{"city":"Istanbul","population":15460000,"is_capital":false,"geo":{"continent":"Asia",
"coords":{"lat":41.0}},"tags":["port","old"]}`

// docsDoc is the metadata of Upstash's filtering documentation.
const docsDoc = `{
    "city": "Istanbul",
    "country": "Turkey",
    "is_capital": false,
    "population": 15460000,
    "geography": {
        "continent": "Asia",
        "coordinates": {
            "latitude": 41.0082,
            "longitude": 28.9784
        }
    },
    "economy": {
        "currency": "TRY",
        "major_industries": [
            "Tourism",
            "Textiles",
            "Finance"
        ]
    }
}`

type matchCase struct {
	filter string
	want   bool
}

// specCases are the spec's examples, with their stated results.
var specCases = []matchCase{
	{`population >= 1000000 AND geo.continent = 'Asia'`, true},
	{`city GLOB 'I?t*'`, true},
	{`city NOT GLOB 'A*'`, true},
	{`tags CONTAINS 'port' and tags[#-1] = "old"`, true},
	{`geo.coords.lat < 40 OR (is_capital = false AND city IN ('Istanbul','Ankara'))`, true},
	{`HAS FIELD geo.coords AND HAS NOT FIELD geo.coords.lng`, true},
	{`tags[0] != 'port'`, false},
}

// docsCases are every example of the docs page, evaluated on its metadata.
var docsCases = []matchCase{
	{`population >= 1000000 AND geography.continent = "Asia"`, true},
	{`population >= 1000000 AND geography.continent = 'Asia'`, true},
	{`country = 'Turkey' AND population = 15460000 AND is_capital = false`, true},
	{`country != 'Germany' AND population != 12500000 AND is_capital != true`, true},
	{`population < 20000000 OR geography.coordinates.longitude < 30.0`, true},
	{`population <= 20000000 OR geography.coordinates.longitude <= 30.0`, true},
	{`population > 10000000 OR geography.coordinates.latitude > 39.5`, true},
	{`population >= 10000000 OR geography.coordinates.latitude >= 39.5`, true},
	// "Istanbul": second character 's' is in [sz], the last, 'l', is not in m-z.
	{`city GLOB '?[sz]*[^m-z]'`, true},
	{`city NOT GLOB 'A*'`, true},
	{`country IN ('Germany', 'Turkey', 'France')`, true},
	{`country = 'Germany' OR country = 'Turkey' OR country = 'France'`, true},
	{`economy.currency NOT IN ('USD', 'EUR')`, true},
	{`economy.currency != 'USD' AND economy.currency != 'EUR'`, true},
	{`economy.major_industries CONTAINS 'Tourism'`, true},
	{`economy.major_industries NOT CONTAINS 'Steel Production'`, true},
	{`country = 'Turkey' AND population > 10000000`, true},
	{`country = 'Turkey' AND (population > 10000000 OR is_capital = false)`, true},
	{`country = 'Turkey' AND population > 10000000 OR is_capital = false`, true},
	{`(country = 'Turkey' AND population > 10000000) OR is_capital = false`, true},
	{`economy.currency != 'USD' AND geography.coordinates.latitude >= 35.0`, true},
	{`economy.major_industries[0] = 'Tourism'`, true},
	{`economy.major_industries[#-1] = 'Finance'`, true},
}

func mustEncode(t testing.TB, js string) Doc {
	t.Helper()
	d, err := Encode([]byte(js))
	if err != nil {
		t.Fatalf("Encode(%s): %v", js, err)
	}
	return d
}

func runMatchCases(t *testing.T, doc string, cases []matchCase) {
	t.Helper()
	d := mustEncode(t, doc)
	for _, c := range cases {
		f, err := Parse(c.filter)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.filter, err)
			continue
		}
		if got := f.Match(d); got != c.want {
			t.Errorf("%q: Match = %v, want %v (printed %q)", c.filter, got, c.want, f.String())
		}
		// The printed form must mean the same.
		g, err := Parse(f.String())
		if err != nil {
			t.Errorf("reparse %q: %v", f.String(), err)
			continue
		}
		if got := g.Match(d); got != c.want {
			t.Errorf("printed %q: Match = %v, want %v", f.String(), got, c.want)
		}
	}
}

func TestSpecExamples(t *testing.T) { runMatchCases(t, specDoc, specCases) }

func TestDocsExamples(t *testing.T) { runMatchCases(t, docsDoc, docsCases) }

// TestOperators covers every operator on every value type, including the
// choices for missing fields and type mismatches (see the package doc).
func TestOperators(t *testing.T) { runMatchCases(t, operatorDoc, operatorCases) }

const operatorDoc = `{"s":"abc","n":2.5,"i":-3,"t":true,"f":false,"z":null,
		"a":[1,"x",true,{"k":1},[2]],"e":[],"o":{"p":{"q":[10,20,30]}},
		"u":"héllo wörld","big":1e300,"k-1":5,"_u":1,"A":"upper","a1":{"2024":"y"}}`

var operatorCases = []matchCase{
	// = and != on strings, numbers, booleans.
	{`s = 'abc'`, true}, {`s = "abc"`, true}, {`s = 'ABC'`, false}, {`s != 'abc'`, false}, {`s != 'x'`, true},
	{`n = 2.5`, true}, {`n = 2.50`, true}, {`n = 25e-1`, true}, {`n != 2.5`, false}, {`n != 3`, true},
	{`i = -3`, true}, {`i = -3.0`, true}, {`i=-3`, true}, {`i = +3`, false},
	{`t = true`, true}, {`t = TRUE`, true}, {`t = True`, true}, {`t = false`, false}, {`t != false`, true},
	{`f = false`, true}, {`f != true`, true},
	// booleans written 1 / 0 (the docs).
	{`t = 1`, true}, {`f = 0`, true}, {`t = 0`, false}, {`t IN (1)`, true},
	// type mismatch: = false, != true (value is a scalar of another type).
	{`s = 1`, false}, {`s != 1`, true}, {`n = 'abc'`, false}, {`n != 'abc'`, true}, {`t = 'true'`, false},
	// null, arrays, objects: = and != do not apply.
	{`z = 0`, false}, {`z != 0`, false}, {`a = 1`, false}, {`a != 1`, false}, {`o != 1`, false},
	// ordering: numbers only.
	{`n < 3`, true}, {`n <= 2.5`, true}, {`n > 2.5`, false}, {`n >= 2.5`, true}, {`i < -2`, true},
	{`s < 'b'`, false}, {`s > 'a'`, false}, {`t > 0`, false}, {`n < true`, false},
	{`big > 1e299`, true}, {`n > .5`, true}, {`n < 3.`, true},
	// missing fields: every predicate but HAS NOT FIELD is false.
	{`nope = 1`, false}, {`nope != 1`, false}, {`nope < 1`, false}, {`nope GLOB '*'`, false},
	{`nope NOT GLOB 'x'`, false}, {`nope IN (1)`, false}, {`nope NOT IN (1)`, false},
	{`nope CONTAINS 1`, false}, {`nope NOT CONTAINS 1`, false},
	{`HAS FIELD nope`, false}, {`HAS NOT FIELD nope`, true},
	// HAS FIELD for every type.
	{`HAS FIELD s AND HAS FIELD n AND HAS FIELD t AND HAS FIELD z AND HAS FIELD a AND HAS FIELD o`, true},
	{`has field o.p.q[2]`, true}, {`HAS FIELD o.p.q[3]`, false}, {`HAS NOT FIELD o.p.q[3]`, true},
	{`Has Not Field e[0]`, true}, {`HAS FIELD e`, true},
	// GLOB.
	{`s GLOB 'abc'`, true}, {`s GLOB 'a*'`, true}, {`s GLOB '*c'`, true}, {`s GLOB '*b*'`, true},
	{`s GLOB '???'`, true}, {`s GLOB '??'`, false}, {`s GLOB '????'`, false}, {`s GLOB 'A*'`, false},
	{`s GLOB '[a-c][a-c][a-c]'`, true}, {`s GLOB '[^a]*'`, false}, {`s GLOB '[^b-z]bc'`, true},
	{`s GLOB '[xyz]*'`, false}, {`s GLOB '*'`, true}, {`s GLOB ''`, false},
	{`u GLOB 'h?llo w?rld'`, true}, {`u GLOB 'h[é]llo*'`, true}, {`u GLOB '*ö*'`, true},
	{`s NOT GLOB 'x*'`, true}, {`s NOT GLOB 'a*'`, false}, {`n GLOB '*'`, false}, {`n NOT GLOB 'x'`, false},
	// IN / NOT IN.
	{`s IN ('x', 'abc')`, true}, {`s IN ('x')`, false}, {`n IN (1, 2.5)`, true}, {`s NOT IN ('x', 'y')`, true},
	{`s NOT IN ('abc')`, false}, {`n NOT IN ('abc', 1)`, true}, {`a IN (1)`, false}, {`a NOT IN (1)`, false},
	// CONTAINS on arrays of mixed types.
	{`a CONTAINS 1`, true}, {`a CONTAINS 'x'`, true}, {`a CONTAINS true`, true}, {`a CONTAINS 2`, false},
	{`a NOT CONTAINS 2`, true}, {`a NOT CONTAINS 'x'`, false}, {`e CONTAINS 1`, false}, {`e NOT CONTAINS 1`, true},
	{`s CONTAINS 'a'`, false}, {`s NOT CONTAINS 'a'`, false},
	// nested objects and array indexing.
	{`o.p.q[0] = 10`, true}, {`o.p.q[#-1] = 30`, true}, {`o.p.q[#-3] = 10`, true}, {`o.p.q[#-4] = 10`, false},
	{`o.p.q[5] = 10`, false}, {`a[3].k = 1`, true}, {`a[4][0] = 2`, true}, {`a[#-1][#-1] = 2`, true},
	{`o.p.q CONTAINS 20`, true}, {`s[0] = 'a'`, false}, {`o[0] = 1`, false}, {`a.k = 1`, false},
	// identifier charset: '-', '_', digits, upper case (keys are case-sensitive).
	{`k-1 = 5`, true}, {`_u = 1`, true}, {`A = 'upper'`, true}, {`a1.2024 = 'y'`, true}, {`a1.2024='y'`, true},
	// keywords are case-insensitive; fields named like keywords still work.
	{`s = 'abc' and n = 2.5 Or nope = 1`, true}, {`s not in ('x') AND s NoT gLoB 'z*'`, true},
	// precedence: AND binds tighter than OR.
	{`s = 'x' AND n = 2.5 OR t = true`, true},    // (F and T) or T
	{`s = 'x' AND (n = 2.5 OR t = true)`, false}, // F and (...)
	{`t = true OR s = 'x' AND n = 0`, true},      // T or (F and F)
	{`(t = true OR s = 'x') AND n = 0`, false},   // (T) and F
	{`t = false OR s = 'abc' AND n = 2.5`, true}, // F or (T and T)
	{`t = false OR s = 'abc' AND n = 0`, false},  // F or (T and F)
	{`((((s = 'abc'))))`, true},
	{`(s = 'x' OR (n = 2.5 AND (t = false OR f = false)))`, true},
}

func TestStringLiterals(t *testing.T) {
	d := mustEncode(t, `{"q":"it's \"quoted\"","nl":"a\nb","bs":"a\\b","uni":"é","tab":"\t"}`)
	for _, c := range []matchCase{
		{`q = 'it\'s "quoted"'`, true},
		{`q = "it's \"quoted\""`, true},
		{`q = 'it''s "quoted"'`, true},
		{`q = "it's ""quoted"""`, true},
		{`nl = 'a\nb'`, true},
		{`bs = 'a\\b'`, true},
		{`uni = '\u00e9'`, true},
		{`uni = '\u00E9'`, true},
		{`tab = '\t'`, true},
		{`bs GLOB 'a\\b'`, true}, // '\\' in the literal is one backslash
	} {
		f, err := Parse(c.filter)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.filter, err)
			continue
		}
		if got := f.Match(d); got != c.want {
			t.Errorf("%q = %v, want %v", c.filter, got, c.want)
		}
	}
}

func TestEmptyAndNilDoc(t *testing.T) {
	f, err := Parse(`HAS NOT FIELD a AND HAS NOT FIELD b[0]`)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Match(nil) || !f.Match(mustEncode(t, `{}`)) {
		t.Fatal("HAS NOT FIELD must hold on empty metadata")
	}
	g, _ := Parse(`a != 1`)
	if g.Match(nil) {
		t.Fatal("!= on missing field must be false")
	}
	if _, err := Parse("  \t\n "); !errors.Is(err, ErrEmpty) {
		t.Fatalf("blank filter: %v, want ErrEmpty", err)
	}
}
