package rest

// JSON command bodies, parsed without reflection: `["SET","k",1,true]` for
// one command, `[["SET","k","v"],["GET","k"]]` for /pipeline and
// /multi-exec. Strings without escapes point into the body; escaped ones
// are decoded into a reused scratch buffer. Numbers keep their literal
// text; booleans become "true"/"false"; null is refused with a clear error.

// Errors of JSON bodies, all answered with status 400.
var (
	errJSONSyntax   = &httpError{400, "ERR failed to parse the request body as JSON"}
	errJSONNotArray = &httpError{400, "ERR the request body must be a JSON array of command arguments"}
	errJSONNested   = &httpError{400, "ERR command arguments must be strings, numbers or booleans"}
	errJSONNull     = &httpError{400, "ERR null is not a valid command argument (an undefined value in the client?)"}
	errJSONEmpty    = &httpError{400, "ERR empty command"}
	errJSONPipeline = &httpError{400, "ERR the request body must be a JSON array of commands, each a JSON array"}
	errJSONNoCmds   = &httpError{400, "ERR empty pipeline"}
)

// argRef locates one argument before the scratch buffer stops growing.
type argRef struct {
	inScratch bool
	start     int
	end       int
}

// cmdParser holds the reused state of JSON command parsing.
type cmdParser struct {
	refs    []argRef
	scratch []byte
	args    [][]byte
	cmds    []int // for pipelines: end index in args of each command
}

var (
	litTrue  = []byte("true")
	litFalse = []byte("false")
)

// parseCommand parses one command array. The arguments are in p.args.
func (p *cmdParser) parseCommand(body []byte) error {
	p.refs, p.scratch, p.args, p.cmds = p.refs[:0], p.scratch[:0], p.args[:0], p.cmds[:0]
	pos := skipWS(body, 0)
	if pos >= len(body) || body[pos] != '[' {
		if pos < len(body) && (body[pos] == '{' || body[pos] == '"') {
			return errJSONNotArray
		}
		return errJSONSyntax
	}
	pos, err := p.array(body, pos)
	if err != nil {
		return err
	}
	if skipWS(body, pos) != len(body) {
		return errJSONSyntax
	}
	p.resolve(body)
	if len(p.args) == 0 {
		return errJSONEmpty
	}
	return nil
}

// parsePipeline parses an array of command arrays; command i is
// p.args[p.cmds[i-1]:p.cmds[i]].
func (p *cmdParser) parsePipeline(body []byte) error {
	p.refs, p.scratch, p.args, p.cmds = p.refs[:0], p.scratch[:0], p.args[:0], p.cmds[:0]
	pos := skipWS(body, 0)
	if pos >= len(body) || body[pos] != '[' {
		if pos < len(body) && body[pos] == '{' {
			return errJSONPipeline
		}
		return errJSONSyntax
	}
	pos = skipWS(body, pos+1)
	if pos < len(body) && body[pos] == ']' {
		pos++
	} else {
		for {
			if pos >= len(body) {
				return errJSONSyntax
			}
			if body[pos] != '[' {
				if body[pos] == '"' || body[pos] == '{' || body[pos] == 'n' || isNumStart(body[pos]) {
					return errJSONPipeline
				}
				return errJSONSyntax
			}
			var err error
			n := len(p.refs)
			if pos, err = p.array(body, pos); err != nil {
				return err
			}
			if len(p.refs) == n {
				return errJSONEmpty
			}
			p.cmds = append(p.cmds, len(p.refs))
			pos = skipWS(body, pos)
			if pos >= len(body) {
				return errJSONSyntax
			}
			if body[pos] == ']' {
				pos++
				break
			}
			if body[pos] != ',' {
				return errJSONSyntax
			}
			pos = skipWS(body, pos+1)
		}
	}
	if skipWS(body, pos) != len(body) {
		return errJSONSyntax
	}
	if len(p.cmds) == 0 {
		return errJSONNoCmds
	}
	p.resolve(body)
	return nil
}

// resolve turns the references into argument slices, now that scratch is
// final.
func (p *cmdParser) resolve(body []byte) {
	for _, r := range p.refs {
		switch {
		case r.start == -1:
			p.args = append(p.args, litTrue)
		case r.start == -2:
			p.args = append(p.args, litFalse)
		case r.inScratch:
			p.args = append(p.args, p.scratch[r.start:r.end:r.end])
		default:
			p.args = append(p.args, body[r.start:r.end:r.end])
		}
	}
}

// array parses one flat array of scalars starting at body[pos] == '['.
func (p *cmdParser) array(body []byte, pos int) (int, error) {
	pos = skipWS(body, pos+1)
	if pos < len(body) && body[pos] == ']' {
		return pos + 1, nil
	}
	for {
		if pos >= len(body) {
			return 0, errJSONSyntax
		}
		var err error
		switch c := body[pos]; {
		case c == '"':
			pos, err = p.str(body, pos)
		case isNumStart(c):
			start := pos
			if pos, err = scanNumber(body, pos); err == nil {
				p.refs = append(p.refs, argRef{start: start, end: pos})
			}
		case c == 't' && hasAt(body, pos, "true"):
			p.refs = append(p.refs, argRef{start: -1})
			pos += 4
		case c == 'f' && hasAt(body, pos, "false"):
			p.refs = append(p.refs, argRef{start: -2})
			pos += 5
		case c == 'n' && hasAt(body, pos, "null"):
			return 0, errJSONNull
		case c == '[' || c == '{':
			return 0, errJSONNested
		default:
			return 0, errJSONSyntax
		}
		if err != nil {
			return 0, err
		}
		pos = skipWS(body, pos)
		if pos >= len(body) {
			return 0, errJSONSyntax
		}
		if body[pos] == ']' {
			return pos + 1, nil
		}
		if body[pos] != ',' {
			return 0, errJSONSyntax
		}
		pos = skipWS(body, pos+1)
	}
}

// str parses a JSON string at body[pos] == '"'.
func (p *cmdParser) str(body []byte, pos int) (int, error) {
	start := pos + 1
	i := start
	for i < len(body) {
		c := body[i]
		if c == '"' {
			p.refs = append(p.refs, argRef{start: start, end: i})
			return i + 1, nil
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return 0, errJSONSyntax
		}
		i++
	}
	if i >= len(body) {
		return 0, errJSONSyntax
	}
	// Escapes: decode into scratch.
	off := len(p.scratch)
	p.scratch = append(p.scratch, body[start:i]...)
	for i < len(body) {
		c := body[i]
		switch {
		case c == '"':
			p.refs = append(p.refs, argRef{inScratch: true, start: off, end: len(p.scratch)})
			return i + 1, nil
		case c < 0x20:
			return 0, errJSONSyntax
		case c != '\\':
			p.scratch = append(p.scratch, c)
			i++
			continue
		}
		if i+1 >= len(body) {
			return 0, errJSONSyntax
		}
		i++
		switch body[i] {
		case '"', '\\', '/':
			p.scratch = append(p.scratch, body[i])
		case 'b':
			p.scratch = append(p.scratch, '\b')
		case 'f':
			p.scratch = append(p.scratch, '\f')
		case 'n':
			p.scratch = append(p.scratch, '\n')
		case 'r':
			p.scratch = append(p.scratch, '\r')
		case 't':
			p.scratch = append(p.scratch, '\t')
		case 'u':
			r, ok := hex4(body, i+1)
			if !ok {
				return 0, errJSONSyntax
			}
			i += 4
			if r >= 0xD800 && r < 0xDC00 {
				// A surrogate pair; a lone half becomes U+FFFD.
				if lo, ok := hex4(body, i+3); ok && i+2 < len(body) && body[i+1] == '\\' && body[i+2] == 'u' && lo >= 0xDC00 && lo < 0xE000 {
					r = 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00)
					i += 6
				} else {
					r = 0xFFFD
				}
			} else if r >= 0xDC00 && r < 0xE000 {
				r = 0xFFFD
			}
			p.scratch = appendRune(p.scratch, r)
		default:
			return 0, errJSONSyntax
		}
		i++
	}
	return 0, errJSONSyntax
}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

func appendRune(b []byte, r rune) []byte {
	switch {
	case r < 0x80:
		return append(b, byte(r))
	case r < 0x800:
		return append(b, 0xC0|byte(r>>6), 0x80|byte(r)&0x3F)
	case r < 0x10000:
		return append(b, 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
	}
	return append(b, 0xF0|byte(r>>18), 0x80|byte(r>>12)&0x3F, 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
}

// scanNumber checks the JSON number grammar and returns its end.
func scanNumber(b []byte, i int) (int, error) {
	if b[i] == '-' {
		i++
	}
	if i >= len(b) {
		return 0, errJSONSyntax
	}
	if b[i] == '0' {
		i++
	} else if b[i] >= '1' && b[i] <= '9' {
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	} else {
		return 0, errJSONSyntax
	}
	if i < len(b) && b[i] == '.' {
		i++
		d := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == d {
			return 0, errJSONSyntax
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		d := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == d {
			return 0, errJSONSyntax
		}
	}
	return i, nil
}

func isNumStart(c byte) bool { return c == '-' || (c >= '0' && c <= '9') }

func hasAt(b []byte, i int, s string) bool {
	return i+len(s) <= len(b) && string(b[i:i+len(s)]) == s
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}
