package filter

import "unicode/utf8"

// Glob patterns follow the docs: * any run of characters, ? exactly one
// character, [abc] [a-z] [^abc] [^a-z] one character from (or not from) a
// set. Matching is case-sensitive and by Unicode character. A ']' right
// after '[' or '[^' is a literal member, as in Unix globs. There is no
// escape character: [*] matches a literal '*'.

// checkGlob validates a pattern; it returns the byte offset and a message
// for the first error, or "" when the pattern is well formed.
func checkGlob(p string) (int, string) {
	for i := 0; i < len(p); {
		if p[i] != '[' {
			i++
			continue
		}
		end := classEnd(p, i)
		if end < 0 {
			return i, "unterminated character class '['"
		}
		if msg := checkClass(p[i:end]); msg != "" {
			return i, msg
		}
		i = end
	}
	return 0, ""
}

// classEnd returns the offset after the ']' closing the class opened at
// p[i] == '[', or -1.
func classEnd(p string, i int) int {
	j := i + 1
	if j < len(p) && p[j] == '^' {
		j++
	}
	if j < len(p) && p[j] == ']' {
		j++ // literal ']' first in the set
	}
	for ; j < len(p); j++ {
		if p[j] == ']' {
			return j + 1
		}
	}
	return -1
}

// checkClass validates ranges in a class "[...]": lo must not exceed hi.
func checkClass(c string) string {
	body := c[1 : len(c)-1]
	if len(body) > 0 && body[0] == '^' {
		body = body[1:]
	}
	if body == "" {
		return "empty character class"
	}
	for i := 0; i < len(body); {
		lo, w := utf8.DecodeRuneInString(body[i:])
		i += w
		if i+1 < len(body) && body[i] == '-' {
			hi, w2 := utf8.DecodeRuneInString(body[i+1:])
			if hi < lo {
				return "character range out of order"
			}
			i += 1 + w2
		}
	}
	return ""
}

// matchClass matches rune r against the class starting at p[i] == '['.
// It returns whether r matched and the offset after the class; end is -1
// for a malformed class (never after checkGlob accepted the pattern).
func matchClass(p string, i int, r rune) (matched bool, end int) {
	end = classEnd(p, i)
	if end < 0 {
		return false, -1
	}
	body := p[i+1 : end-1]
	neg := false
	if len(body) > 0 && body[0] == '^' {
		neg = true
		body = body[1:]
	}
	in := false
	for j := 0; j < len(body); {
		lo, w := utf8.DecodeRuneInString(body[j:])
		j += w
		hi := lo
		if j+1 < len(body) && body[j] == '-' {
			h, w2 := utf8.DecodeRuneInString(body[j+1:])
			hi = h
			j += 1 + w2
		}
		if lo <= r && r <= hi {
			in = true
			break
		}
	}
	return in != neg, end
}

// globMatch reports whether s matches pattern p. It runs in O(len(p) ×
// len(s)) at worst (one backtrack point: the last '*') and allocates nothing.
func globMatch(p string, s []byte) bool {
	px, sx := 0, 0
	starP, starS := -1, -1 // where to resume after the last '*'
	for px < len(p) || sx < len(s) {
		if px < len(p) {
			switch c := p[px]; c {
			case '*':
				starP = px
				starS = sx
				px++
				continue
			case '?':
				if sx < len(s) {
					_, w := utf8.DecodeRune(s[sx:])
					px++
					sx += w
					continue
				}
			case '[':
				if sx < len(s) {
					r, w := utf8.DecodeRune(s[sx:])
					ok, end := matchClass(p, px, r)
					if end < 0 {
						return false
					}
					if ok {
						px = end
						sx += w
						continue
					}
				}
			default:
				if sx < len(s) && s[sx] == c {
					px++
					sx++
					continue
				}
			}
		}
		// Mismatch: let the last '*' swallow one more character.
		if starP >= 0 && starS < len(s) {
			_, w := utf8.DecodeRune(s[starS:])
			starS += w
			px = starP + 1
			sx = starS
			continue
		}
		return false
	}
	return true
}
