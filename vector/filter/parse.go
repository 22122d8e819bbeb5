package filter

import (
	"strconv"
	"strings"
)

// MaxDepth is the deepest nesting of parentheses Parse accepts. Real
// filters nest a few levels; the limit keeps a hostile filter from growing
// the stack of the parser, printer and estimator without bound.
const MaxDepth = 64

// MaxLength is the longest filter, in bytes, Parse accepts: ample for any
// hand-written or generated filter (an IN list of thousands of ids), small
// enough that parsing one is cheap.
const MaxLength = 1 << 20

// parser is the recursive-descent parser's state.
type parser struct {
	src   string
	toks  []token
	i     int
	depth int
	f     *Filter
}

// Parse parses and compiles a filter. Keywords, operators and boolean
// literals are case-insensitive. A blank filter returns ErrEmpty; any other
// bad filter a *SyntaxError (errors.Is(err, ErrInvalid)).
func Parse(src string) (*Filter, error) {
	if len(src) > MaxLength {
		return nil, newSyntaxError(src, MaxLength, "filter longer than "+strconv.Itoa(MaxLength)+" bytes")
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	if toks[0].kind == tkEOF {
		return nil, ErrEmpty
	}
	p := &parser{src: src, toks: toks, f: &Filter{}}
	root, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tkEOF {
		return nil, p.errAt(t, "extraneous input "+p.describe(t)+" expecting AND, OR or end of filter")
	}
	p.f.root = root
	p.f.compile()
	return p.f, nil
}

func (p *parser) peek() *token { return &p.toks[p.i] }

func (p *parser) next() *token {
	t := &p.toks[p.i]
	if t.kind != tkEOF {
		p.i++
	}
	return t
}

// isKeyword reports whether t is the identifier kw, case-insensitively.
func isKeyword(t *token, kw string) bool {
	return t.kind == tkIdent && strings.EqualFold(t.text, kw)
}

func (p *parser) errAt(t *token, msg string) error { return newSyntaxError(p.src, t.pos, msg) }

// describe names a token for an error message.
func (p *parser) describe(t *token) string {
	if t.kind == tkEOF {
		return "<EOF>"
	}
	return quoteText(p.src[t.pos:t.end])
}

// parseOr parses and { OR and }.
func (p *parser) parseOr() (int32, error) {
	return p.parseChain(nOr, "OR", p.parseAnd)
}

// parseAnd parses unary { AND unary }.
func (p *parser) parseAnd() (int32, error) {
	return p.parseChain(nAnd, "AND", p.parseUnary)
}

// parseChain parses operand { kw operand } into one n-ary node (or the
// single operand), so long chains do not deepen the tree.
func (p *parser) parseChain(kind nodeKind, kw string, operand func() (int32, error)) (int32, error) {
	first, err := operand()
	if err != nil {
		return 0, err
	}
	if !isKeyword(p.peek(), kw) {
		return first, nil
	}
	kids := []int32{first}
	for isKeyword(p.peek(), kw) {
		p.next()
		k, err := operand()
		if err != nil {
			return 0, err
		}
		kids = append(kids, k)
	}
	f := p.f
	f.nodes = append(f.nodes, node{kind: kind, arg: int32(len(f.kids)), n: int32(len(kids))})
	f.kids = append(f.kids, kids...)
	return int32(len(f.nodes) - 1), nil
}

// parseUnary parses "(" or ")" | predicate.
func (p *parser) parseUnary() (int32, error) {
	t := p.peek()
	if t.kind != tkLParen {
		return p.parsePredicate()
	}
	if p.depth >= MaxDepth {
		return 0, p.errAt(t, "filter nested deeper than "+strconv.Itoa(MaxDepth)+" parentheses")
	}
	p.depth++
	p.next()
	n, err := p.parseOr()
	if err != nil {
		return 0, err
	}
	if c := p.peek(); c.kind != tkRParen {
		return 0, p.errAt(c, "mismatched input "+p.describe(c)+" expecting ')', AND or OR")
	}
	p.next()
	p.depth--
	return n, nil
}

// opNames lists the operators for "expecting" messages.
const opNames = "=, !=, <, <=, >, >=, GLOB, NOT GLOB, IN, NOT IN, CONTAINS or NOT CONTAINS"

// parsePredicate parses one predicate.
func (p *parser) parsePredicate() (int32, error) {
	t := p.next()
	if t.kind != tkIdent {
		return 0, p.errAt(t, "mismatched input "+p.describe(t)+" expecting a field name, '(' or HAS FIELD")
	}
	nt := p.peek()
	// HAS starts HAS [NOT] FIELD; otherwise it is a field named "has".
	if isKeyword(t, "HAS") && (isKeyword(nt, "FIELD") || isKeyword(nt, "NOT") && isKeyword(&p.toks[p.i+1], "FIELD")) {
		return p.parseHas()
	}
	if isKeyword(t, "NOT") && nt.kind == tkLParen {
		return 0, p.errAt(t, "unary NOT is not supported: use !=, NOT IN, NOT GLOB, NOT CONTAINS or HAS NOT FIELD")
	}
	path, err := p.parsePath(t)
	if err != nil {
		return 0, err
	}
	pr := pred{path: path}
	o := p.next()
	switch o.kind {
	case tkEq, tkNe, tkLt, tkLe, tkGt, tkGe:
		pr.op = [...]opcode{tkEq: opEq, tkNe: opNe, tkLt: opLt, tkLe: opLe, tkGt: opGt, tkGe: opGe}[o.kind]
		if pr.lit, err = p.parseLiteral(); err != nil {
			return 0, err
		}
		return p.addPred(pr), nil
	case tkIdent:
		neg := false
		if isKeyword(o, "NOT") {
			neg = true
			o = p.next()
		}
		switch {
		case isKeyword(o, "GLOB"):
			pr.op = pick(neg, opNotGlob, opGlob)
			s := p.next()
			if s.kind != tkString {
				return 0, p.errAt(s, "mismatched input "+p.describe(s)+" expecting a quoted GLOB pattern")
			}
			if off, msg := checkGlob(s.text); msg != "" {
				return 0, p.errAt(s, "invalid GLOB pattern "+quoteText(s.text)+": "+msg+" at pattern offset "+strconv.Itoa(off))
			}
			pr.lit = literal{kind: litString, str: s.text}
			return p.addPred(pr), nil
		case isKeyword(o, "IN"):
			pr.op = pick(neg, opNotIn, opIn)
			if pr.list, err = p.parseList(); err != nil {
				return 0, err
			}
			return p.addPred(pr), nil
		case isKeyword(o, "CONTAINS"):
			pr.op = pick(neg, opNotContains, opContains)
			if pr.lit, err = p.parseLiteral(); err != nil {
				return 0, err
			}
			return p.addPred(pr), nil
		}
		if neg {
			return 0, p.errAt(o, "mismatched input "+p.describe(o)+" expecting GLOB, IN or CONTAINS after NOT")
		}
	}
	return 0, p.errAt(o, "mismatched input "+p.describe(o)+" expecting "+opNames+" after field "+quoteText(t.text))
}

func pick(neg bool, ifNeg, ifPos opcode) opcode {
	if neg {
		return ifNeg
	}
	return ifPos
}

// parseHas parses the rest of HAS [NOT] FIELD path (HAS already taken).
func (p *parser) parseHas() (int32, error) {
	pr := pred{op: opHas}
	if isKeyword(p.peek(), "NOT") {
		p.next()
		pr.op = opHasNot
	}
	if t := p.next(); !isKeyword(t, "FIELD") {
		return 0, p.errAt(t, "mismatched input "+p.describe(t)+" expecting FIELD")
	}
	t := p.next()
	if t.kind != tkIdent {
		return 0, p.errAt(t, "mismatched input "+p.describe(t)+" expecting a field name after HAS FIELD")
	}
	var err error
	if pr.path, err = p.parsePath(t); err != nil {
		return 0, err
	}
	return p.addPred(pr), nil
}

// parseList parses "(" literal { "," literal } ")".
func (p *parser) parseList() ([]literal, error) {
	if t := p.next(); t.kind != tkLParen {
		return nil, p.errAt(t, "mismatched input "+p.describe(t)+" expecting '(' after IN")
	}
	var list []literal
	for {
		l, err := p.parseLiteral()
		if err != nil {
			return nil, err
		}
		list = append(list, l)
		t := p.next()
		if t.kind == tkRParen {
			return list, nil
		}
		if t.kind != tkComma {
			return nil, p.errAt(t, "mismatched input "+p.describe(t)+" expecting ',' or ')' in IN list")
		}
	}
}

// parseLiteral parses a string, number or boolean.
func (p *parser) parseLiteral() (literal, error) {
	t := p.next()
	switch {
	case t.kind == tkString:
		return literal{kind: litString, str: t.text}, nil
	case t.kind == tkNumber:
		return literal{kind: litNumber, num: t.num}, nil
	case isKeyword(t, "TRUE"):
		return literal{kind: litBool, num: 1}, nil
	case isKeyword(t, "FALSE"):
		return literal{kind: litBool, num: 0}, nil
	}
	return literal{}, p.errAt(t, "mismatched input "+p.describe(t)+" expecting a string, number or boolean literal")
}

func (p *parser) addPred(pr pred) int32 {
	f := p.f
	f.preds = append(f.preds, pr)
	f.nodes = append(f.nodes, node{kind: nPred, arg: int32(len(f.preds) - 1)})
	return int32(len(f.nodes) - 1)
}

// maxIndex bounds array indexes in paths (it fits an int everywhere);
// arrays that long do not occur in metadata.
const maxIndex = 1<<31 - 1

// parsePath splits an identifier token into segments:
// key { "." key | "[" digits "]" | "[#-" digits "]" }, key = [A-Za-z0-9_-]+.
func (p *parser) parsePath(t *token) ([]segment, error) {
	s := t.text
	bad := func(i int, msg string) error {
		return newSyntaxError(p.src, t.pos+i, "invalid field path "+quoteText(s)+": "+msg)
	}
	var segs []segment
	i := 0
	key := func() error {
		j := i
		for i < len(s) && (isIdentStart(s[i]) || isDigit(s[i]) || s[i] == '-') {
			i++
		}
		if i == j {
			return bad(i, "expected a field name")
		}
		segs = append(segs, segment{kind: segKey, key: s[j:i]})
		return nil
	}
	if err := key(); err != nil {
		return nil, err
	}
	for i < len(s) {
		switch s[i] {
		case '.':
			i++
			if err := key(); err != nil {
				return nil, err
			}
		case '[':
			start := i
			i++
			seg := segment{kind: segIndex}
			if strings.HasPrefix(s[i:], "#-") {
				seg.kind = segFromEnd
				i += 2
			}
			j := i
			var n int64
			for i < len(s) && isDigit(s[i]) {
				if n <= maxIndex {
					n = n*10 + int64(s[i]-'0')
				}
				i++
			}
			if i == j || i >= len(s) || s[i] != ']' {
				return nil, bad(start, "expected [number] or [#-number]")
			}
			if n > maxIndex {
				return nil, bad(start, "array index too large")
			}
			if seg.kind == segFromEnd && n == 0 {
				return nil, bad(start, "[#-0] is past the end of the array; the last element is [#-1]")
			}
			i++
			seg.idx = int(n)
			segs = append(segs, seg)
		default:
			return nil, bad(i, "unexpected "+quoteText(s[i:i+1]))
		}
	}
	return segs, nil
}
