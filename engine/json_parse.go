package engine

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// The JSON parser: strict RFC 8259 as serde_json (which RedisJSON uses)
// reads it, straight into a jsonDoc's arenas, with serde_json's error texts
// ("expected value at line 1 column 1") and its nesting limit of 128.

const jsonMaxDepth = 128

type jsonParser struct {
	s     []byte
	i     int
	d     *jsonDoc
	stack []int32 // members of the containers being parsed
	depth int
	err   string
}

// parseJSON parses s into d and returns the value's node index, or an
// error text as RedisJSON replies it.
func parseJSON(d *jsonDoc, s []byte) (int32, string) {
	p := jsonParser{s: s, d: d}
	p.ws()
	v := p.value()
	if p.err != "" {
		return -1, p.err
	}
	p.ws()
	if p.i < len(p.s) {
		p.fail("trailing characters", p.i+1)
		return -1, p.err
	}
	return v, ""
}

// newJSONDoc parses s as a whole document with arenas trimmed to size.
func newJSONDoc(s []byte) (*jsonDoc, string) {
	d := &jsonDoc{}
	root, err := parseJSON(d, s)
	if err != "" {
		return nil, err
	}
	d.root = root
	d.nodes = append(make([]jnode, 0, len(d.nodes)), d.nodes...)
	d.kids = append(make([]int32, 0, len(d.kids)), d.kids...)
	d.strs = append(make([]byte, 0, len(d.strs)), d.strs...)
	return d, ""
}

// fail records msg at byte position pos (1-based column counting as
// serde_json's position_of_index).
func (p *jsonParser) fail(msg string, pos int) {
	if p.err != "" {
		return
	}
	pos = min(pos, len(p.s))
	line, col := 1, 0
	for j := 0; j < pos; j++ {
		col++
		if p.s[j] == '\n' {
			line++
			col = 0
		}
	}
	p.err = msg + " at line " + strconv.Itoa(line) + " column " + strconv.Itoa(col)
}

func (p *jsonParser) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value() int32 {
	if p.i >= len(p.s) {
		p.fail("EOF while parsing a value", p.i)
		return -1
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		p.i++
		start := len(p.d.strs)
		if !p.stringBody() {
			return -1
		}
		return p.d.add(jStr, uint64(start), uint32(len(p.d.strs)-start))
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't':
		if p.ident("true") {
			return p.d.add(jBool, 1, 0)
		}
	case c == 'f':
		if p.ident("false") {
			return p.d.add(jBool, 0, 0)
		}
	case c == 'n':
		if p.ident("null") {
			return p.d.add(jNull, 0, 0)
		}
	default:
		p.fail("expected value", p.i+1)
	}
	return -1
}

func (p *jsonParser) ident(word string) bool {
	for j := 0; j < len(word); j++ {
		if p.i+j >= len(p.s) {
			p.fail("EOF while parsing a value", len(p.s))
			return false
		}
		if p.s[p.i+j] != word[j] {
			p.fail("expected ident", p.i+j+1)
			return false
		}
	}
	p.i += len(word)
	return true
}

func (p *jsonParser) enter() bool {
	p.depth++
	if p.depth > jsonMaxDepth {
		p.fail("recursion limit exceeded", p.i+1)
		return false
	}
	return true
}

func (p *jsonParser) array() int32 {
	if !p.enter() {
		return -1
	}
	p.i++
	base := len(p.stack)
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
	} else {
		for {
			v := p.value()
			if p.err != "" {
				return -1
			}
			p.stack = append(p.stack, v)
			p.ws()
			if p.i >= len(p.s) {
				p.fail("EOF while parsing a list", p.i)
				return -1
			}
			c := p.s[p.i]
			if c == ']' {
				p.i++
				break
			}
			if c != ',' {
				p.fail("expected `,` or `]`", p.i+1)
				return -1
			}
			p.i++
			p.ws()
			if p.i < len(p.s) && p.s[p.i] == ']' {
				p.fail("trailing comma", p.i+1)
				return -1
			}
		}
	}
	p.depth--
	v := p.d.addContainer(jArr, p.stack[base:])
	p.stack = p.stack[:base]
	return v
}

func (p *jsonParser) object() int32 {
	if !p.enter() {
		return -1
	}
	p.i++
	base := len(p.stack)
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
	} else {
		for {
			if p.i >= len(p.s) {
				p.fail("EOF while parsing an object", p.i)
				return -1
			}
			if p.s[p.i] != '"' {
				if p.s[p.i] == '}' {
					p.fail("trailing comma", p.i+1)
				} else {
					p.fail("key must be a string", p.i+1)
				}
				return -1
			}
			p.i++
			start := len(p.d.strs)
			if !p.stringBody() {
				return -1
			}
			k := p.d.add(jStr, uint64(start), uint32(len(p.d.strs)-start))
			p.ws()
			if p.i >= len(p.s) {
				p.fail("EOF while parsing an object", p.i)
				return -1
			}
			if p.s[p.i] != ':' {
				p.fail("expected `:`", p.i+1)
				return -1
			}
			p.i++
			p.ws()
			v := p.value()
			if p.err != "" {
				return -1
			}
			// A repeated key keeps the last value, in the first one's place.
			dup := false
			for j := base; j < len(p.stack); j += 2 {
				if string(p.d.str(p.stack[j])) == string(p.d.str(k)) {
					p.stack[j+1] = v
					dup = true
					break
				}
			}
			if !dup {
				p.stack = append(p.stack, k, v)
			}
			p.ws()
			if p.i >= len(p.s) {
				p.fail("EOF while parsing an object", p.i)
				return -1
			}
			c := p.s[p.i]
			if c == '}' {
				p.i++
				break
			}
			if c != ',' {
				p.fail("expected `,` or `}`", p.i+1)
				return -1
			}
			p.i++
			p.ws()
		}
	}
	p.depth--
	v := p.d.addContainer(jObj, p.stack[base:])
	p.stack = p.stack[:base]
	return v
}

// stringBody reads a string after its opening quote, appending the
// unescaped bytes to strs.
func (p *jsonParser) stringBody() bool {
	d := p.d
	for {
		if p.i >= len(p.s) {
			p.fail("EOF while parsing a string", p.i)
			return false
		}
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return true
		case c < 0x20:
			p.fail("control character (\\u0000-\\u001F) found while parsing a string", p.i+1)
			return false
		case c == '\\':
			p.i++
			if p.i >= len(p.s) {
				p.fail("EOF while parsing a string", p.i)
				return false
			}
			e := p.s[p.i]
			p.i++
			switch e {
			case '"', '\\', '/':
				d.strs = append(d.strs, e)
			case 'b':
				d.strs = append(d.strs, '\b')
			case 'f':
				d.strs = append(d.strs, '\f')
			case 'n':
				d.strs = append(d.strs, '\n')
			case 'r':
				d.strs = append(d.strs, '\r')
			case 't':
				d.strs = append(d.strs, '\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return false
				}
				if r >= 0xD800 && r < 0xDC00 {
					if p.i+1 < len(p.s) && p.s[p.i] == '\\' && p.s[p.i+1] == 'u' {
						p.i += 2
						r2, ok := p.hex4()
						if !ok {
							return false
						}
						if r2 < 0xDC00 || r2 > 0xDFFF {
							p.fail("lone leading surrogate in hex escape", p.i)
							return false
						}
						r = 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00)
					} else {
						p.fail("unexpected end of hex escape", p.i)
						return false
					}
				} else if r >= 0xDC00 && r <= 0xDFFF {
					p.fail("lone leading surrogate in hex escape", p.i)
					return false
				}
				d.strs = utf8.AppendRune(d.strs, r)
			default:
				p.fail("invalid escape", p.i)
				return false
			}
		case c < utf8.RuneSelf:
			d.strs = append(d.strs, c)
			p.i++
		default:
			r, size := utf8.DecodeRune(p.s[p.i:])
			if r == utf8.RuneError && size == 1 {
				p.fail("invalid unicode code point", p.i+1)
				return false
			}
			d.strs = append(d.strs, p.s[p.i:p.i+size]...)
			p.i += size
		}
	}
}

func (p *jsonParser) hex4() (rune, bool) {
	var r rune
	for j := 0; j < 4; j++ {
		if p.i >= len(p.s) {
			p.fail("EOF while parsing a string", p.i)
			return 0, false
		}
		c := p.s[p.i]
		p.i++
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			p.fail("invalid escape", p.i)
			return 0, false
		}
	}
	return r, true
}

// number reads a JSON number: an integer that fits int64 stays an integer,
// anything else (fraction, exponent, overflow) is a float64.
func (p *jsonParser) number() int32 {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i >= len(p.s) {
		p.fail("EOF while parsing a value", p.i)
		return -1
	}
	if p.s[p.i] == '0' {
		p.i++
		if p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.fail("invalid number", p.i+1)
			return -1
		}
	} else if digits() == 0 {
		p.fail("invalid number", p.i+1)
		return -1
	}
	isFloat := false
	if p.i < len(p.s) && p.s[p.i] == '.' {
		isFloat = true
		p.i++
		if digits() == 0 {
			if p.i >= len(p.s) {
				p.fail("EOF while parsing a value", p.i)
			} else {
				p.fail("invalid number", p.i+1)
			}
			return -1
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		isFloat = true
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			if p.i >= len(p.s) {
				p.fail("EOF while parsing a value", p.i)
			} else {
				p.fail("invalid number", p.i+1)
			}
			return -1
		}
	}
	text := p.s[start:p.i]
	if !isFloat {
		if string(text) == "-0" {
			return p.d.addFloat(math.Copysign(0, -1)) // serde_json reads -0 as a float
		}
		if n, err := strconv.ParseInt(string(text), 10, 64); err == nil {
			return p.d.addInt(n)
		}
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil && (math.IsInf(f, 0) || math.IsNaN(f)) {
		p.fail("number out of range", p.i)
		return -1
	}
	return p.d.addFloat(f)
}
