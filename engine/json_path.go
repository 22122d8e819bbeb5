package engine

import "strconv"

// JSONPath as RedisJSON 2.x reads it: "$" then child steps (.name,
// ['name'], .*, [*]), recursive descent (..name, ..*, ..[...]), array
// indexes (negative from the end), index and name unions ([0,2],
// ['a','b']), slices ([1:3], [:2], [::2]) and filters ([?(@.a > 1 &&
// @.b == "x")], with == != < <= > >= =~, && || and parentheses). Legacy
// paths (".a.b", "a", ".") are converted to "$..." as RedisJSON's Path
// does; commands reply to them with a single value instead of an array.

// jmatch is one value a path selected: its node, its parent container
// (-1 for the root) and where it sits there (the element index for an
// array parent, the key node for an object parent).
type jmatch struct{ node, parent, key int32 }

// Step kinds.
const (
	stName uint8 = iota
	stWild
	stIndex
	stSlice
	stFilter
)

type jstep struct {
	kind    uint8
	descend bool
	names   [][]byte
	idx     []int64
	// slice bounds, and whether they were given
	start, end, step int64
	hasStart, hasEnd bool
	filter           *jexpr
}

// jpath is a compiled path.
type jpath struct {
	steps  []jstep
	legacy bool
	text   string // the "$..." form, as error messages quote it
}

// static reports whether the path names one place (names and single
// indexes only), as JSON.SET needs to create a value.
func (p *jpath) static() bool {
	for _, s := range p.steps {
		if s.descend || (s.kind != stName && s.kind != stIndex) || len(s.names) > 1 || len(s.idx) > 1 {
			return false
		}
	}
	return true
}

// isRoot reports whether the path is the document root ("$" or ".").
func (p *jpath) isRoot() bool { return len(p.steps) == 0 }

// compileJSONPath compiles a command's path argument.
func compileJSONPath(arg []byte) (*jpath, string) {
	s := string(arg)
	legacy := false
	if len(s) == 0 || s[0] != '$' {
		legacy = true
		switch {
		case s == ".":
			s = "$"
		case len(s) > 0 && s[0] == '.':
			s = "$" + s
		default:
			s = "$." + s
		}
	}
	pp := pathParser{s: s, i: 1}
	steps := pp.steps(false)
	if pp.err == "" && pp.i < len(s) {
		pp.fail()
	}
	if pp.err != "" {
		return nil, pp.err
	}
	return &jpath{steps: steps, legacy: legacy, text: s}, ""
}

type pathParser struct {
	s   string
	i   int
	err string
	lit *jsonDoc // literals of filters
}

func (pp *pathParser) fail() {
	if pp.err == "" {
		pp.err = "Error occurred on position " + strconv.Itoa(pp.i+1) + ", invalid JSONPath"
	}
}

func (pp *pathParser) peek() byte {
	if pp.i < len(pp.s) {
		return pp.s[pp.i]
	}
	return 0
}

func (pp *pathParser) skipSpace() {
	for pp.i < len(pp.s) && pp.s[pp.i] == ' ' {
		pp.i++
	}
}

// nameStop lists the bytes that end a dotted name.
func nameStop(c byte) bool {
	switch c {
	case '.', '[', ']', ' ', '(', ')', '=', '<', '>', '!', '&', '|', ',', '\'', '"', '~':
		return true
	}
	return false
}

// steps parses steps until the end of the path (or, inside a filter, the
// first byte that cannot continue it).
func (pp *pathParser) steps(inFilter bool) []jstep {
	var out []jstep
	for pp.err == "" && pp.i < len(pp.s) {
		c := pp.s[pp.i]
		var st jstep
		switch {
		case c == '.':
			pp.i++
			if pp.peek() == '.' {
				pp.i++
				st.descend = true
			}
			switch c2 := pp.peek(); {
			case c2 == '*':
				pp.i++
				st.kind = stWild
			case c2 == '[':
				pp.i++
				st = pp.bracket(st.descend)
			default:
				start := pp.i
				for pp.i < len(pp.s) && !nameStop(pp.s[pp.i]) && pp.s[pp.i] != '*' {
					pp.i++
				}
				if pp.i == start {
					pp.fail()
					return nil
				}
				st.kind = stName
				st.names = [][]byte{[]byte(pp.s[start:pp.i])}
			}
		case c == '[':
			pp.i++
			st = pp.bracket(false)
		default:
			if inFilter {
				return out
			}
			pp.fail()
			return nil
		}
		if pp.err != "" {
			return nil
		}
		out = append(out, st)
	}
	return out
}

// bracket parses the inside of [...] (after the '[').
func (pp *pathParser) bracket(descend bool) jstep {
	st := jstep{descend: descend}
	pp.skipSpace()
	switch c := pp.peek(); {
	case c == '*':
		pp.i++
		st.kind = stWild
	case c == '?':
		pp.i++
		pp.skipSpace()
		if pp.peek() != '(' {
			pp.fail()
			return st
		}
		pp.i++
		st.kind = stFilter
		st.filter = pp.orExpr()
		pp.skipSpace()
		if pp.err == "" && pp.peek() != ')' {
			pp.fail()
		}
		pp.i++
	case c == '\'' || c == '"':
		st.kind = stName
		for {
			pp.skipSpace()
			name, ok := pp.quoted()
			if !ok {
				return st
			}
			st.names = append(st.names, name)
			pp.skipSpace()
			if pp.peek() != ',' {
				break
			}
			pp.i++
		}
	default:
		st.kind = stIndex
		n, has := pp.integer()
		pp.skipSpace()
		if pp.peek() == ':' {
			st.kind = stSlice
			st.start, st.hasStart = n, has
			pp.i++
			pp.skipSpace()
			st.end, st.hasEnd = pp.integer()
			st.step = 1
			pp.skipSpace()
			if pp.peek() == ':' {
				pp.i++
				pp.skipSpace()
				if v, ok := pp.integer(); ok {
					st.step = v
				}
			}
			break
		}
		if !has {
			pp.fail()
			return st
		}
		st.idx = append(st.idx, n)
		for pp.peek() == ',' {
			pp.i++
			pp.skipSpace()
			v, ok := pp.integer()
			if !ok {
				pp.fail()
				return st
			}
			st.idx = append(st.idx, v)
			pp.skipSpace()
		}
	}
	pp.skipSpace()
	if pp.err == "" && pp.peek() != ']' {
		pp.fail()
	}
	pp.i++
	return st
}

func (pp *pathParser) integer() (int64, bool) {
	start := pp.i
	if pp.peek() == '-' {
		pp.i++
	}
	for pp.i < len(pp.s) && pp.s[pp.i] >= '0' && pp.s[pp.i] <= '9' {
		pp.i++
	}
	if pp.i == start {
		return 0, false
	}
	n, err := strconv.ParseInt(pp.s[start:pp.i], 10, 64)
	if err != nil {
		pp.i = start
		pp.fail()
		return 0, false
	}
	return n, true
}

// quoted reads a '...' or "..." literal (backslash escapes the next byte).
func (pp *pathParser) quoted() ([]byte, bool) {
	q := pp.peek()
	if q != '\'' && q != '"' {
		pp.fail()
		return nil, false
	}
	pp.i++
	var out []byte
	for pp.i < len(pp.s) && pp.s[pp.i] != q {
		if pp.s[pp.i] == '\\' && pp.i+1 < len(pp.s) {
			pp.i++
		}
		out = append(out, pp.s[pp.i])
		pp.i++
	}
	if pp.i >= len(pp.s) {
		pp.fail()
		return nil, false
	}
	pp.i++
	if out == nil {
		out = []byte{}
	}
	return out, true
}

// query evaluates p on d and returns the selected values in RedisJSON's
// order (a recursive descent lists a node's own matches before its
// children's).
func (d *jsonDoc) query(p *jpath) []jmatch {
	cur := []jmatch{{node: d.root, parent: -1, key: -1}}
	for i := range p.steps {
		st := &p.steps[i]
		var next []jmatch
		for _, m := range cur {
			if st.descend {
				next = d.descend(st, m, next)
			} else {
				next = d.apply(st, m, next)
			}
		}
		cur = next
		if len(cur) == 0 {
			break
		}
	}
	return cur
}

func (d *jsonDoc) descend(st *jstep, m jmatch, out []jmatch) []jmatch {
	out = d.apply(st, m, out)
	switch d.kind(m.node) {
	case jArr:
		for j := 0; j < d.count(m.node); j++ {
			out = d.descend(st, jmatch{d.elem(m.node, j), m.node, int32(j)}, out)
		}
	case jObj:
		n := d.count(m.node)
		for j := 0; j < n; j++ {
			r := d.run(m.node)
			out = d.descend(st, jmatch{r[2*j+1], m.node, r[2*j]}, out)
		}
	}
	return out
}

// apply selects step st's children of m.
func (d *jsonDoc) apply(st *jstep, m jmatch, out []jmatch) []jmatch {
	n := m.node
	k := d.kind(n)
	switch st.kind {
	case stName:
		if k != jObj {
			return out
		}
		for _, name := range st.names {
			if v, pos := d.member(n, name); v >= 0 {
				out = append(out, jmatch{v, n, d.run(n)[2*pos]})
			}
		}
	case stWild, stFilter:
		switch k {
		case jArr:
			for j := 0; j < d.count(n); j++ {
				c := d.elem(n, j)
				if st.kind == stWild || st.filter.test(d, c) {
					out = append(out, jmatch{c, n, int32(j)})
				}
			}
		case jObj:
			r := d.run(n)
			for p := 0; p < len(r); p += 2 {
				if st.kind == stWild || st.filter.test(d, r[p+1]) {
					out = append(out, jmatch{r[p+1], n, r[p]})
				}
			}
		}
	case stIndex:
		if k != jArr {
			return out
		}
		l := int64(d.count(n))
		for _, j := range st.idx {
			if j < 0 {
				j += l
			}
			if j >= 0 && j < l {
				out = append(out, jmatch{d.elem(n, int(j)), n, int32(j)})
			}
		}
	case stSlice:
		if k != jArr || st.step <= 0 {
			return out
		}
		l := int64(d.count(n))
		norm := func(v int64) int64 {
			if v < 0 {
				v += l
			}
			return max(0, min(v, l))
		}
		start, end := int64(0), l
		if st.hasStart {
			start = norm(st.start)
		}
		if st.hasEnd {
			end = norm(st.end)
		}
		for j := start; j < end; j += st.step {
			out = append(out, jmatch{d.elem(n, int(j)), n, int32(j)})
		}
	}
	return out
}
