package filter

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// tokKind is the kind of a lexical token.
type tokKind uint8

const (
	tkEOF tokKind = iota
	tkIdent
	tkString
	tkNumber
	tkLParen
	tkRParen
	tkComma
	tkEq
	tkNe
	tkLt
	tkLe
	tkGt
	tkGe
)

// token is one lexical token: its kind, byte span in the source, and its
// decoded value (identifier text or unescaped string in text, number in num).
type token struct {
	kind     tokKind
	pos, end int
	text     string
	num      float64
}

// isIdentStart reports whether c may begin an identifier ([a-zA-Z_]).
func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// isIdentChar reports whether c may continue an identifier
// ([a-zA-Z_0-9.[\]#-], the charset the docs give).
func isIdentChar(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '.' || c == '[' || c == ']' || c == '#' || c == '-'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// lex splits src into tokens, ending with one tkEOF token.
func lex(src string) ([]token, error) {
	toks := make([]token, 0, 16)
	i := 0
	for {
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
			i++
		}
		if i >= len(src) {
			toks = append(toks, token{kind: tkEOF, pos: i, end: i})
			return toks, nil
		}
		c := src[i]
		start := i
		switch {
		case c == '(':
			toks = append(toks, token{kind: tkLParen, pos: i, end: i + 1})
			i++
		case c == ')':
			toks = append(toks, token{kind: tkRParen, pos: i, end: i + 1})
			i++
		case c == ',':
			toks = append(toks, token{kind: tkComma, pos: i, end: i + 1})
			i++
		case c == '=':
			toks = append(toks, token{kind: tkEq, pos: i, end: i + 1})
			i++
		case c == '!' && i+1 < len(src) && src[i+1] == '=':
			toks = append(toks, token{kind: tkNe, pos: i, end: i + 2})
			i += 2
		case c == '<' || c == '>':
			k := tkLt
			if c == '>' {
				k = tkGt
			}
			if i+1 < len(src) && src[i+1] == '=' {
				k++ // tkLe follows tkLt, tkGe follows tkGt
				i++
			}
			i++
			toks = append(toks, token{kind: k, pos: start, end: i})
		case c == '\'' || c == '"':
			s, n, err := lexString(src, i)
			if err != nil {
				return nil, err
			}
			i = n
			toks = append(toks, token{kind: tkString, pos: start, end: i, text: s})
		case isIdentStart(c):
			for i < len(src) && isIdentChar(src[i]) {
				i++
			}
			toks = append(toks, token{kind: tkIdent, pos: start, end: i, text: src[start:i]})
		case isDigit(c) || c == '.' || c == '-' || c == '+':
			v, n, ok := lexNumber(src, i)
			if !ok {
				return nil, recognitionError(src, i)
			}
			if n < 0 {
				return nil, newSyntaxError(src, start, "number "+quoteText(src[start:-n])+" is out of range")
			}
			i = n
			toks = append(toks, token{kind: tkNumber, pos: start, end: i, num: v})
		default:
			return nil, recognitionError(src, i)
		}
	}
}

// recognitionError reports a character no token can start with, in the
// hosted service's words.
func recognitionError(src string, i int) error {
	_, w := utf8.DecodeRuneInString(src[i:])
	return newSyntaxError(src, i, "token recognition error at: '"+src[i:i+w]+"'")
}

// lexNumber scans [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)? at i. It returns the
// value and the end offset; ok is false when no digits are there; the end
// is returned negated when the number overflows float64.
func lexNumber(src string, i int) (v float64, end int, ok bool) {
	start := i
	if src[i] == '-' || src[i] == '+' {
		i++
	}
	digits := 0
	for i < len(src) && isDigit(src[i]) {
		i++
		digits++
	}
	if i < len(src) && src[i] == '.' {
		i++
		for i < len(src) && isDigit(src[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, 0, false
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		j := i + 1
		if j < len(src) && (src[j] == '-' || src[j] == '+') {
			j++
		}
		if j < len(src) && isDigit(src[j]) {
			for j < len(src) && isDigit(src[j]) {
				j++
			}
			i = j
		}
	}
	text := src[start:i]
	if text[0] == '+' {
		text = text[1:]
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		// Only a range error is possible for this grammar (the scan above
		// admits nothing ParseFloat rejects); large magnitudes are refused
		// rather than matched as infinities.
		return 0, -i, true
	}
	return v, i, true
}

// lexString scans a quoted string starting at src[i] (a ' or "), decoding
// escapes, and returns its value and the offset after the closing quote.
func lexString(src string, i int) (string, int, error) {
	q := src[i]
	start := i
	i++
	// Fast path: no escapes and no doubled quotes.
	j := i
	for j < len(src) && src[j] != q && src[j] != '\\' {
		j++
	}
	if j < len(src) && src[j] == q && (j+1 >= len(src) || src[j+1] != q) {
		return src[i:j], j + 1, nil
	}
	var b strings.Builder
	for {
		if i >= len(src) {
			return "", 0, newSyntaxError(src, start, "unterminated string literal")
		}
		c := src[i]
		switch {
		case c == q:
			if i+1 < len(src) && src[i+1] == q {
				b.WriteByte(q)
				i += 2
				continue
			}
			return b.String(), i + 1, nil
		case c == '\\':
			if i+1 >= len(src) {
				return "", 0, newSyntaxError(src, start, "unterminated string literal")
			}
			e := src[i+1]
			switch e {
			case '\\', '\'', '"', '/':
				b.WriteByte(e)
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'u':
				r, ok := hex4(src, i+2)
				if !ok {
					return "", 0, newSyntaxError(src, i, "invalid escape sequence in string: \\u needs 4 hex digits")
				}
				b.WriteRune(r)
				i += 6
				continue
			default:
				_, w := utf8.DecodeRuneInString(src[i+1:])
				return "", 0, newSyntaxError(src, i, "invalid escape sequence '\\"+src[i+1:i+1+w]+"' in string")
			}
			i += 2
		default:
			b.WriteByte(c)
			i++
		}
	}
}

// hex4 decodes 4 hex digits at src[i:].
func hex4(src string, i int) (rune, bool) {
	if i+4 > len(src) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(src[i : i+4]) {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// quoteText renders source text for an error message, shortened.
func quoteText(s string) string {
	if len(s) > 40 {
		cut := 40
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return "'" + s + "'"
}
