package engine

import "regexp"

// JSONPath filter expressions ([?(...)]): parsing and evaluation.

// Filter expressions.

const (
	exOr uint8 = iota
	exAnd
	exCmp   // l op r
	exExist // a lone term
)

type jexpr struct {
	kind uint8
	op   string
	l, r *jexpr
	a, b *jterm
	re   *regexp.Regexp
}

// jterm is an operand: a relative (@) or absolute ($) path, or a literal
// node in lit.
type jterm struct {
	rel   bool
	path  *jpath
	lit   *jsonDoc
	node  int32
	isLit bool
}

func (pp *pathParser) orExpr() *jexpr {
	l := pp.andExpr()
	for pp.err == "" {
		pp.skipSpace()
		if !hasPrefixAt(pp.s, pp.i, "||") {
			return l
		}
		pp.i += 2
		l = &jexpr{kind: exOr, l: l, r: pp.andExpr()}
	}
	return l
}

func (pp *pathParser) andExpr() *jexpr {
	l := pp.primary()
	for pp.err == "" {
		pp.skipSpace()
		if !hasPrefixAt(pp.s, pp.i, "&&") {
			return l
		}
		pp.i += 2
		l = &jexpr{kind: exAnd, l: l, r: pp.primary()}
	}
	return l
}

func hasPrefixAt(s string, i int, p string) bool {
	return len(s)-i >= len(p) && s[i:i+len(p)] == p
}

func (pp *pathParser) primary() *jexpr {
	pp.skipSpace()
	if pp.peek() == '(' {
		pp.i++
		e := pp.orExpr()
		pp.skipSpace()
		if pp.peek() != ')' {
			pp.fail()
			return e
		}
		pp.i++
		return e
	}
	a := pp.term()
	if pp.err != "" {
		return nil
	}
	pp.skipSpace()
	for _, op := range []string{"==", "!=", "<=", ">=", "=~", "<", ">"} {
		if hasPrefixAt(pp.s, pp.i, op) {
			pp.i += len(op)
			b := pp.term()
			e := &jexpr{kind: exCmp, op: op, a: a, b: b}
			if op == "=~" && b != nil && b.isLit && b.lit.kind(b.node) == jStr {
				e.re, _ = regexp.Compile(string(b.lit.str(b.node)))
			}
			return e
		}
	}
	return &jexpr{kind: exExist, a: a}
}

func (pp *pathParser) term() *jterm {
	pp.skipSpace()
	if pp.lit == nil {
		pp.lit = &jsonDoc{}
	}
	switch c := pp.peek(); {
	case c == '@' || c == '$':
		pp.i++
		t := &jterm{rel: c == '@', path: &jpath{}}
		t.path.steps = pp.steps(true)
		return t
	case c == '\'' || c == '"':
		s, ok := pp.quoted()
		if !ok {
			return nil
		}
		return &jterm{isLit: true, lit: pp.lit, node: pp.lit.addStr(s)}
	case c == '-' || (c >= '0' && c <= '9'):
		start := pp.i
		pp.i++
		for pp.i < len(pp.s) && (pp.s[pp.i] >= '0' && pp.s[pp.i] <= '9' || pp.s[pp.i] == '.' ||
			pp.s[pp.i] == 'e' || pp.s[pp.i] == 'E' || pp.s[pp.i] == '+' || pp.s[pp.i] == '-') {
			pp.i++
		}
		p := jsonParser{s: []byte(pp.s[start:pp.i]), d: pp.lit}
		n := p.number()
		if p.err != "" || p.i != len(p.s) {
			pp.i = start
			pp.fail()
			return nil
		}
		return &jterm{isLit: true, lit: pp.lit, node: n}
	}
	for _, w := range []string{"true", "false", "null"} {
		if hasPrefixAt(pp.s, pp.i, w) {
			pp.i += len(w)
			p := jsonParser{s: []byte(w), d: pp.lit}
			return &jterm{isLit: true, lit: pp.lit, node: p.value()}
		}
	}
	pp.fail()
	return nil
}

// values returns the term's values for the current node cur of d.
func (t *jterm) values(d *jsonDoc, cur int32) (*jsonDoc, []int32) {
	if t.isLit {
		return t.lit, []int32{t.node}
	}
	start := d.root
	if t.rel {
		start = cur
	}
	ms := []jmatch{{node: start, parent: -1, key: -1}}
	for i := range t.path.steps {
		st := &t.path.steps[i]
		var next []jmatch
		for _, m := range ms {
			if st.descend {
				next = d.descend(st, m, next)
			} else {
				next = d.apply(st, m, next)
			}
		}
		ms = next
	}
	out := make([]int32, len(ms))
	for j, m := range ms {
		out[j] = m.node
	}
	return d, out
}

// test evaluates the filter for node cur of d.
func (e *jexpr) test(d *jsonDoc, cur int32) bool {
	switch e.kind {
	case exOr:
		return e.l.test(d, cur) || e.r.test(d, cur)
	case exAnd:
		return e.l.test(d, cur) && e.r.test(d, cur)
	case exExist:
		da, va := e.a.values(d, cur)
		if e.a.isLit {
			return da.kind(va[0]) == jBool && da.boolVal(va[0])
		}
		return len(va) > 0
	}
	da, va := e.a.values(d, cur)
	db, vb := e.b.values(d, cur)
	for _, x := range va {
		for _, y := range vb {
			if jsonCompare(da, x, db, y, e.op, e.re) {
				return true
			}
		}
	}
	return false
}

// jsonCompare applies a filter operator: numbers compare as numbers,
// strings as bytes, other types only for (in)equality.
func jsonCompare(da *jsonDoc, x int32, db *jsonDoc, y int32, op string, re *regexp.Regexp) bool {
	kx, ky := da.kind(x), db.kind(y)
	if op == "=~" {
		if kx != jStr {
			return false
		}
		if re == nil {
			if ky != jStr {
				return false
			}
			var err error
			if re, err = regexp.Compile(string(db.str(y))); err != nil {
				return false
			}
		}
		return re.Match(da.str(x))
	}
	c, ok := 0, false
	switch {
	case (kx == jInt || kx == jFloat) && (ky == jInt || ky == jFloat):
		ok = true
		if kx == jInt && ky == jInt {
			a, b := da.intVal(x), db.intVal(y)
			c = cmpOrder(a < b, a > b)
		} else {
			a, b := da.numVal(x), db.numVal(y)
			c = cmpOrder(a < b, a > b)
		}
	case kx == jStr && ky == jStr:
		ok = true
		a, b := string(da.str(x)), string(db.str(y))
		c = cmpOrder(a < b, a > b)
	}
	if !ok {
		eq := kx == ky && da.equal(x, db, y)
		switch op {
		case "==":
			return eq
		case "!=":
			return !eq
		}
		return false
	}
	switch op {
	case "==":
		return c == 0
	case "!=":
		return c != 0
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	case ">=":
		return c >= 0
	}
	return false
}

func cmpOrder(less, greater bool) int {
	switch {
	case less:
		return -1
	case greater:
		return 1
	}
	return 0
}
