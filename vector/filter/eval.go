package filter

import "encoding/binary"

// Match reports whether the metadata d satisfies the filter. It allocates
// nothing and never panics, whatever d holds. A nil or empty d has no
// fields: only HAS NOT FIELD predicates hold on it.
func (f *Filter) Match(d Doc) bool {
	r := false
	code := f.code
	for pc := 0; pc < len(code); {
		in := code[pc]
		switch in.op {
		case iPred:
			r = f.preds[in.arg].eval(d)
			pc++
		case iJumpFalse:
			if !r {
				pc = int(in.arg)
			} else {
				pc++
			}
		default: // iJumpTrue
			if r {
				pc = int(in.arg)
			} else {
				pc++
			}
		}
	}
	return r
}

// eval evaluates one predicate on d.
func (p *pred) eval(d Doc) bool {
	v := resolve(d, p.path)
	switch p.op {
	case opHas:
		return v >= 0
	case opHasNot:
		return v < 0
	}
	if v < 0 {
		return false
	}
	switch p.op {
	case opEq:
		eq, _ := equal(d, v, &p.lit)
		return eq
	case opNe:
		eq, ok := equal(d, v, &p.lit)
		return ok && !eq
	case opLt, opLe, opGt, opGe:
		if d[v] != tagNumber || p.lit.kind != litNumber {
			return false
		}
		x, y := number(d, v), p.lit.num
		switch p.op {
		case opLt:
			return x < y
		case opLe:
			return x <= y
		case opGt:
			return x > y
		}
		return x >= y
	case opGlob, opNotGlob:
		if d[v] != tagString {
			return false
		}
		s, _ := readStr(d, v+1, len(d))
		return globMatch(p.lit.str, s) == (p.op == opGlob)
	case opIn, opNotIn:
		for i := range p.list {
			eq, ok := equal(d, v, &p.list[i])
			if !ok {
				return false
			}
			if eq {
				return p.op == opIn
			}
		}
		return p.op == opNotIn
	case opContains, opNotContains:
		return contains(d, v, &p.lit, p.op == opContains)
	}
	return false
}

// equal compares the value at v with a literal. ok is false when the value
// is not a string, number or boolean (equality does not apply). Booleans
// equal the numbers 1 and 0.
func equal(d Doc, v int, l *literal) (eq, ok bool) {
	switch d[v] {
	case tagString:
		if l.kind != litString {
			return false, true
		}
		s, _ := readStr(d, v+1, len(d))
		return string(s) == l.str, true
	case tagNumber:
		return l.kind != litString && number(d, v) == l.num, true
	case tagTrue:
		return l.kind != litString && l.num == 1, true
	case tagFalse:
		return l.kind != litString && l.num == 0, true
	}
	return false, false
}

// contains evaluates CONTAINS (want = true) or NOT CONTAINS (want = false)
// on the value at v: it must be an array.
func contains(d Doc, v int, l *literal, want bool) bool {
	end := valueEnd(d, v)
	if end < 0 || d[v] != tagArray {
		return false
	}
	count := binary.LittleEndian.Uint32(d[v+5:])
	p := v + containerHeader
	for i := uint32(0); i < count && p < end; i++ {
		next := valueEnd(d[:end], p)
		if next < 0 {
			return false
		}
		if eq, _ := equal(d, p, l); eq {
			return want
		}
		p = next
	}
	return !want
}
