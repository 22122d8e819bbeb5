package filter

import (
	"path"
	"testing"
)

func TestGlob(t *testing.T) {
	for _, c := range []struct {
		p, s string
		want bool
	}{
		{"", "", true}, {"", "a", false}, {"*", "", true}, {"**", "abc", true},
		{"a*b*c", "aXXbYYc", true}, {"a*b*c", "aXXbYY", false}, {"*a", "banana", true},
		{"*ana", "banana", true}, {"b*n*a", "banana", true}, {"*x*", "banana", false},
		{"?", "é", true}, {"??", "é", false}, {"?", "", false}, {"a?c", "abc", true},
		{"[abc]", "b", true}, {"[abc]", "d", false}, {"[^abc]", "d", true}, {"[^abc]", "a", false},
		{"[a-z]", "q", true}, {"[a-z]", "Q", false}, {"[^a-z]", "Q", true}, {"[a-cx-z]", "y", true},
		{"[]]", "]", true}, {"[]a]", "a", true}, {"[^]]", "]", false}, {"[^]]", "x", true},
		{"[*]", "*", true}, {"[*]", "a", false}, {"[?]x", "?x", true}, {"[-a]", "-", true}, {"[a-]", "-", true},
		{"[à-ÿ]", "é", true}, {"[à-ÿ]", "e", false}, {"*[0-9]", "abc7", true}, {"*[0-9]", "abc", false},
		{"Istanbul", "istanbul", false}, // case-sensitive
		{"*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
	} {
		if msg := firstGlobError(c.p); msg != "" {
			t.Errorf("checkGlob(%q): %s", c.p, msg)
		}
		if got := globMatch(c.p, []byte(c.s)); got != c.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", c.p, c.s, got, c.want)
		}
	}
}

func firstGlobError(p string) string {
	_, msg := checkGlob(p)
	return msg
}

// TestGlobVsPathMatch compares with path.Match on patterns both accept
// with the same meaning (no '/', '\\' or '!' , '^' is negation in both).
func TestGlobVsPathMatch(t *testing.T) {
	pats := []string{"a*", "*b", "a?c", "[ab]*", "[^ab]?", "*[x-z]*", "??*", "a*b?c*", "[a-c][^d]"}
	strs := []string{"", "a", "ab", "abc", "xyz", "dab", "aXbYcZ", "cz", "bbb", "é", "aéc"}
	for _, p := range pats {
		for _, s := range strs {
			want, err := path.Match(p, s)
			if err != nil {
				t.Fatal(err)
			}
			if got := globMatch(p, []byte(s)); got != want {
				t.Errorf("globMatch(%q, %q) = %v, path.Match says %v", p, s, got, want)
			}
		}
	}
}
