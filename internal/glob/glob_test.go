package glob

import "testing"

func TestMatch(t *testing.T) {
	f := func(pattern, s string, nocase, want bool) {
		t.Helper()
		if got := MatchString(pattern, s, nocase); got != want {
			t.Errorf("Match(%q, %q, %v) = %v, want %v", pattern, s, nocase, got, want)
		}
	}
	f("*", "", false, false) // as stringmatchlen; KEYS * special-cases it
	f("*", "anything", false, true)
	f("h?llo", "hello", false, true)
	f("h?llo", "hllo", false, false)
	f("h*llo", "heeeello", false, true)
	f("h[ae]llo", "hallo", false, true)
	f("h[ae]llo", "hillo", false, false)
	f("h[^e]llo", "hallo", false, true)
	f("h[^e]llo", "hello", false, false)
	f("h[a-b]llo", "hbllo", false, true)
	f("h[b-a]llo", "hallo", false, true)
	f("h\\*llo", "h*llo", false, true)
	f("h\\*llo", "hello", false, false)
	f("HELLO", "hello", true, true)
	f("HELLO", "hello", false, false)
	f("a*b*c", "aXXbYYc", false, true)
	f("a*b*c", "aXXbYY", false, false)
	f("key:*", "key:1", false, true)
	f("*maxmemory*", "maxmemory-policy", false, true)
	f("[", "a", false, false)
	f("a[", "a", false, false)
	f("", "", false, true)
	f("", "a", false, false)
}

func FuzzMatch(f *testing.F) {
	f.Add("a*b?[c-d]\\e", "axbycde")
	f.Add("[^", "x")
	f.Fuzz(func(t *testing.T, p, s string) {
		MatchString(p, s, false)
		MatchString(p, s, true)
	})
}
