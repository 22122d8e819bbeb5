package sparse

// Porter stemming (M. F. Porter, "An algorithm for suffix stripping",
// 1980), written from the paper's rules, on lower-case ASCII words in place.
// Upstash's BM25 "stems the remaining words" of English text; words with
// any non-ASCII byte, and words of one or two letters, are left as they are.

// stemmer holds the word being stemmed; j marks the end of the stem a rule
// is testing (b[:j]).
type stemmer struct {
	b []byte
	j int
}

// stem returns w with its suffixes stripped; it reuses w's storage.
func stem(w []byte) []byte {
	if len(w) <= 2 {
		return w
	}
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return w
		}
	}
	s := stemmer{b: w}
	s.step1a()
	s.step1b()
	s.step1c()
	s.step2()
	s.step3()
	s.step4()
	s.step5()
	return s.b
}

// cons reports whether b[i] is a consonant: not a vowel, and y only when
// it follows a vowel (or starts the word).
func (s *stemmer) cons(i int) bool {
	switch s.b[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !s.cons(i-1)
	}
	return true
}

// m is the measure of b[:s.j]: the number of vowel-consonant sequences.
func (s *stemmer) m() int {
	n, i := 0, 0
	for i < s.j && s.cons(i) {
		i++
	}
	for i < s.j {
		for i < s.j && !s.cons(i) {
			i++
		}
		if i >= s.j {
			break
		}
		for i < s.j && s.cons(i) {
			i++
		}
		n++
	}
	return n
}

func (s *stemmer) vowelInStem() bool {
	for i := range s.j {
		if !s.cons(i) {
			return true
		}
	}
	return false
}

// doubleC reports whether b[:end] ends in a double consonant.
func (s *stemmer) doubleC(end int) bool {
	return end >= 2 && s.b[end-1] == s.b[end-2] && s.cons(end-1)
}

// cvc reports whether b[:end] ends consonant-vowel-consonant with the last
// consonant not w, x or y (the *o condition).
func (s *stemmer) cvc(end int) bool {
	if end < 3 || !s.cons(end-1) || s.cons(end-2) || !s.cons(end-3) {
		return false
	}
	c := s.b[end-1]
	return c != 'w' && c != 'x' && c != 'y'
}

// ends reports whether the word ends with suf, setting j to the stem end.
func (s *stemmer) ends(suf string) bool {
	n := len(s.b) - len(suf)
	if n < 0 || s.b[len(s.b)-1] != suf[len(suf)-1] || string(s.b[n:]) != suf {
		return false
	}
	s.j = n
	return true
}

// setTo replaces the suffix after b[:j] by r.
func (s *stemmer) setTo(r string) { s.b = append(s.b[:s.j], r...) }

func (s *stemmer) step1a() {
	switch {
	case s.ends("sses"), s.ends("ies"):
		s.b = s.b[:len(s.b)-2]
	case s.ends("ss"):
	case s.ends("s"):
		s.b = s.b[:len(s.b)-1]
	}
}

func (s *stemmer) step1b() {
	if s.ends("eed") {
		if s.m() > 0 {
			s.b = s.b[:len(s.b)-1]
		}
		return
	}
	if !(s.ends("ed") || s.ends("ing")) || !s.vowelInStem() {
		return
	}
	s.b = s.b[:s.j]
	switch {
	case s.ends("at"), s.ends("bl"), s.ends("iz"):
		s.b = append(s.b, 'e')
	case s.doubleC(len(s.b)):
		if c := s.b[len(s.b)-1]; c != 'l' && c != 's' && c != 'z' {
			s.b = s.b[:len(s.b)-1]
		}
	default:
		s.j = len(s.b)
		if s.m() == 1 && s.cvc(len(s.b)) {
			s.b = append(s.b, 'e')
		}
	}
}

func (s *stemmer) step1c() {
	if s.ends("y") && s.vowelInStem() {
		s.b[len(s.b)-1] = 'i'
	}
}

// rule is one suffix replacement of steps 2 and 3.
type rule struct{ suf, rep string }

// Longer suffixes come before the shorter ones they end with, so the first
// match is the longest, as the algorithm requires.
var step2Rules = []rule{
	{"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"},
	{"izer", "ize"}, {"abli", "able"}, {"alli", "al"}, {"entli", "ent"},
	{"eli", "e"}, {"ousli", "ous"}, {"ization", "ize"}, {"ation", "ate"},
	{"ator", "ate"}, {"alism", "al"}, {"iveness", "ive"}, {"fulness", "ful"},
	{"ousness", "ous"}, {"aliti", "al"}, {"iviti", "ive"}, {"biliti", "ble"},
}

var step3Rules = []rule{
	{"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
	{"ical", "ic"}, {"ful", ""}, {"ness", ""},
}

var step4Suffixes = []string{
	"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment",
	"ent", "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize",
}

func (s *stemmer) replaceFirst(rules []rule) {
	for _, r := range rules {
		if s.ends(r.suf) {
			if s.m() > 0 {
				s.setTo(r.rep)
			}
			return
		}
	}
}

func (s *stemmer) step2() { s.replaceFirst(step2Rules) }
func (s *stemmer) step3() { s.replaceFirst(step3Rules) }

func (s *stemmer) step4() {
	best := -1
	for i, suf := range step4Suffixes { // longest matching suffix wins
		if s.ends(suf) && (best < 0 || len(suf) > len(step4Suffixes[best])) {
			best = i
		}
	}
	if best < 0 {
		return
	}
	suf := step4Suffixes[best]
	s.ends(suf)
	if s.m() <= 1 {
		return
	}
	if suf == "ion" && (s.j == 0 || (s.b[s.j-1] != 's' && s.b[s.j-1] != 't')) {
		return
	}
	s.b = s.b[:s.j]
}

func (s *stemmer) step5() {
	if s.ends("e") {
		if m := s.m(); m > 1 || (m == 1 && !s.cvc(s.j)) {
			s.b = s.b[:s.j]
		}
	}
	s.j = len(s.b)
	if s.m() > 1 && s.doubleC(len(s.b)) && s.b[len(s.b)-1] == 'l' {
		s.b = s.b[:len(s.b)-1]
	}
}
