package filter

import (
	"errors"
	"strings"
	"testing"
)

// TestParseErrors checks that bad filters give a SyntaxError naming the
// right position (line:0-based column) and saying what was wrong.
var errorCases = []struct {
	filter string
	col    int
	msg    string // substring of the message
}{
	// The hosted service's own example: '[' cannot start a token.
	{`user_id = 'u' AND age = [object Object]`, 24, "token recognition error at: '['"},
	{`a = 1 & b = 2`, 6, "token recognition error at: '&'"},
	{`a ! 1`, 2, "token recognition error at: '!'"},
	{`a = @`, 4, "token recognition error at: '@'"},
	{`a = -`, 4, "token recognition error at: '-'"},
	{`a = 'abc`, 4, "unterminated string"},
	{`a = "abc\"`, 4, "unterminated string"},
	{`a = 'a\qb'`, 6, `invalid escape sequence '\q'`},
	{`a = '\u12'`, 5, `\u needs 4 hex digits`},
	{`a = 1e999`, 4, "out of range"},
	{`a =`, 3, "expecting a string, number or boolean literal"},
	{`a = b`, 4, "expecting a string, number or boolean literal"},
	{`a = (1)`, 4, "expecting a string, number or boolean literal"},
	{`a`, 1, "expecting =, !=, <, <=, >, >=, GLOB, NOT GLOB, IN, NOT IN, CONTAINS or NOT CONTAINS"},
	{`a LIKE 'x'`, 2, "expecting =, !="},
	{`a == 1`, 3, "expecting a string, number or boolean literal"},
	{`a <> 1`, 3, "expecting a string, number or boolean literal"},
	{`a NOT = 1`, 6, "expecting GLOB, IN or CONTAINS after NOT"},
	{`a GLOB 1`, 7, "expecting a quoted GLOB pattern"},
	{`a GLOB 'x[a-'`, 7, "unterminated character class"},
	{`a GLOB '[z-a]'`, 7, "character range out of order"},
	{`a IN 1`, 5, "expecting '(' after IN"},
	{`a IN ()`, 6, "expecting a string, number or boolean literal"},
	{`a IN (1 2)`, 8, "expecting ',' or ')' in IN list"},
	{`a IN (1,)`, 8, "expecting a string, number or boolean literal"},
	{`a = 1 AND`, 9, "expecting a field name, '(' or HAS FIELD"},
	{`a = 1 OR OR b = 1`, 12, "after field 'OR'"},
	{`AND a = 1`, 4, "expecting =, !="}, // field "AND", then "a"
	{`a = 1 b = 2`, 6, "extraneous input 'b' expecting AND, OR or end of filter"},
	{`a = 1)`, 5, "extraneous input ')'"},
	{`(a = 1`, 6, "expecting ')', AND or OR"},
	{`()`, 1, "expecting a field name"},
	{`NOT (a = 1)`, 0, "unary NOT is not supported"},
	{`HAS FIELD`, 9, "expecting a field name after HAS FIELD"},
	{`HAS NOT a`, 8, "expecting GLOB, IN or CONTAINS after NOT"}, // field "has" NOT ...
	{`HAS FIELD 'a'`, 10, "expecting a field name after HAS FIELD"},
	{`a..b = 1`, 2, "invalid field path 'a..b': expected a field name"},
	{`a. = 1`, 2, "expected a field name"},
	{`a[x] = 1`, 1, "expected [number] or [#-number]"},
	{`a[] = 1`, 1, "expected [number] or [#-number]"},
	{`a[#1] = 1`, 1, "expected [number] or [#-number]"},
	{`a[#-0] = 1`, 1, "[#-0] is past the end"},
	{`a[1 = 1`, 1, "expected [number] or [#-number]"},
	{`a[99999999999] = 1`, 1, "array index too large"},
	{`a]b = 1`, 1, "unexpected ']'"},
	{`a#b = 1`, 1, "unexpected '#'"},
	{`a[0]b = 1`, 4, "unexpected 'b'"},
	{"a = 1 AND\n  b ~ 2", 4, "token recognition error at: '~'"}, // line 2
}

func TestParseErrors(t *testing.T) {
	for _, c := range errorCases {
		_, err := Parse(c.filter)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) = %v, want a SyntaxError", c.filter, err)
			continue
		}
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("Parse(%q): error does not match ErrInvalid", c.filter)
		}
		if se.Col != c.col || !strings.Contains(se.Msg, c.msg) {
			t.Errorf("Parse(%q) = %q (col %d), want col %d and %q", c.filter, err, se.Col, c.col, c.msg)
		}
		if !strings.HasPrefix(err.Error(), "Invalid filter. At line ") {
			t.Errorf("Parse(%q): message %q lacks the service's prefix", c.filter, err)
		}
	}
	_, err := Parse("a = 1 AND\n  b ~ 2")
	if se := err.(*SyntaxError); se.Line != 2 || se.Offset != 14 {
		t.Errorf("multi-line error at line %d offset %d, want 2 and 14", se.Line, se.Offset)
	}
}

func TestParseLimits(t *testing.T) {
	deep := strings.Repeat("(", MaxDepth) + "a = 1" + strings.Repeat(")", MaxDepth)
	if _, err := Parse(deep); err != nil {
		t.Fatalf("depth %d: %v", MaxDepth, err)
	}
	tooDeep := "(" + deep + ")"
	if _, err := Parse(tooDeep); err == nil || !strings.Contains(err.Error(), "nested deeper") {
		t.Fatalf("depth %d: %v, want nesting error", MaxDepth+1, err)
	}
	// A long chain is flat: no depth limit, and it evaluates.
	long := "a = 0" + strings.Repeat(" OR a = 1", 20000)
	f, err := Parse(long)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Match(mustEncode(t, `{"a":1}`)) || f.Match(mustEncode(t, `{"a":2}`)) {
		t.Fatal("long OR chain evaluates wrongly")
	}
	if _, err := Parse(strings.Repeat(" ", MaxLength+1)); err == nil {
		t.Fatal("over-long filter accepted")
	}
}

// TestPrecedenceTree checks the tree shape through the printer: AND binds
// tighter than OR, parentheses group, chains flatten.
func TestPrecedenceTree(t *testing.T) {
	for _, c := range []struct{ in, out string }{
		{`a = 1 AND b = 2 OR c = 3`, `a = 1 AND b = 2 OR c = 3`},
		{`a = 1 OR b = 2 AND c = 3`, `a = 1 OR b = 2 AND c = 3`},
		{`(a = 1 OR b = 2) AND c = 3`, `(a = 1 OR b = 2) AND c = 3`},
		{`a = 1 AND (b = 2 OR c = 3) AND d = 4`, `a = 1 AND (b = 2 OR c = 3) AND d = 4`},
		{`((a = 1 AND b = 2)) OR (c = 3)`, `a = 1 AND b = 2 OR c = 3`},
		{`a=1 or (b=2 or c=3)`, `a = 1 OR b = 2 OR c = 3`},
		{`x glob "a*" and y not in (1,'b',TRUE) or has not field z[#-2].w`,
			`x GLOB "a*" AND y NOT IN (1, "b", true) OR HAS NOT FIELD z[#-2].w`},
		{`s = 'it''s' AND t = "q\"\\"`, `s = "it's" AND t = "q\"\\"`},
		{`n = 1e3 AND m = -0.25 AND k = 10000000000000000000000`, `n = 1000 AND m = -0.25 AND k = 1e+22`},
		{`has = 1 AND has not glob 'x' AND not = 2`, `has = 1 AND has NOT GLOB "x" AND not = 2`},
	} {
		f, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if got := f.String(); got != c.out {
			t.Errorf("Parse(%q).String() = %q, want %q", c.in, got, c.out)
		}
	}
}

// TestCompiledJumps checks short-circuit code on a deep mix of AND and
// OR against a direct tree evaluation, for every assignment of 6 variables.
func TestCompiledJumps(t *testing.T) {
	filters := []string{
		`v0 = 1 AND v1 = 1 OR v2 = 1 AND (v3 = 1 OR v4 = 1) AND v5 = 1`,
		`(v0 = 1 OR v1 = 1) AND (v2 = 1 OR v3 = 1 AND v4 = 1) OR v5 = 1`,
		`((v0 = 1 AND (v1 = 1 OR (v2 = 1 AND v3 = 1))) OR v4 = 1) AND v5 = 1`,
		`v0 = 1 OR (v1 = 1 AND (v2 = 1 OR (v3 = 1 AND (v4 = 1 OR v5 = 1))))`,
	}
	for _, src := range filters {
		f, err := Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		for m := 0; m < 64; m++ {
			js := []byte(`{"v0":0,"v1":0,"v2":0,"v3":0,"v4":0,"v5":0}`)
			for i := 0; i < 6; i++ {
				if m&(1<<i) != 0 {
					js[6+7*i] = '1'
				}
			}
			d := mustEncode(t, string(js))
			if got, want := f.Match(d), f.evalTree(d, f.root); got != want {
				t.Fatalf("%s on %s: compiled %v, tree %v", src, js, got, want)
			}
		}
	}
}

// evalTree is the reference evaluator: a plain recursive walk.
func (f *Filter) evalTree(d Doc, n int32) bool {
	nd := f.nodes[n]
	switch nd.kind {
	case nPred:
		return f.preds[nd.arg].eval(d)
	case nAnd:
		for _, k := range f.kids[nd.arg : nd.arg+nd.n] {
			if !f.evalTree(d, k) {
				return false
			}
		}
		return true
	}
	for _, k := range f.kids[nd.arg : nd.arg+nd.n] {
		if f.evalTree(d, k) {
			return true
		}
	}
	return false
}
