package filter

import "strconv"

// String prints the filter in canonical form: keywords upper-case, strings
// double-quoted, numbers in shortest form, parentheses only where OR sits
// inside AND. Parsing the result gives an equivalent filter, and printing
// that gives the same text.
func (f *Filter) String() string {
	return string(f.appendNode(make([]byte, 0, 64), f.root, nOr))
}

// appendNode prints node n whose parent is of kind parent.
func (f *Filter) appendNode(b []byte, n int32, parent nodeKind) []byte {
	nd := f.nodes[n]
	switch nd.kind {
	case nPred:
		return f.preds[nd.arg].appendText(b)
	}
	paren := nd.kind == nOr && parent == nAnd
	if paren {
		b = append(b, '(')
	}
	sep := " AND "
	if nd.kind == nOr {
		sep = " OR "
	}
	for i, k := range f.kids[nd.arg : nd.arg+nd.n] {
		if i > 0 {
			b = append(b, sep...)
		}
		b = f.appendNode(b, k, nd.kind)
	}
	if paren {
		b = append(b, ')')
	}
	return b
}

var opText = [...]string{
	opEq: " = ", opNe: " != ", opLt: " < ", opLe: " <= ", opGt: " > ", opGe: " >= ",
	opGlob: " GLOB ", opNotGlob: " NOT GLOB ", opIn: " IN ", opNotIn: " NOT IN ",
	opContains: " CONTAINS ", opNotContains: " NOT CONTAINS ",
}

func (p *pred) appendText(b []byte) []byte {
	switch p.op {
	case opHas:
		return appendPath(append(b, "HAS FIELD "...), p.path)
	case opHasNot:
		return appendPath(append(b, "HAS NOT FIELD "...), p.path)
	}
	b = appendPath(b, p.path)
	b = append(b, opText[p.op]...)
	if p.op == opIn || p.op == opNotIn {
		b = append(b, '(')
		for i := range p.list {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = p.list[i].appendText(b)
		}
		return append(b, ')')
	}
	return p.lit.appendText(b)
}

func appendPath(b []byte, path []segment) []byte {
	for i, s := range path {
		switch s.kind {
		case segKey:
			if i > 0 {
				b = append(b, '.')
			}
			b = append(b, s.key...)
		case segIndex:
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(s.idx), 10)
			b = append(b, ']')
		case segFromEnd:
			b = append(b, "[#-"...)
			b = strconv.AppendInt(b, int64(s.idx), 10)
			b = append(b, ']')
		}
	}
	return b
}

func (l *literal) appendText(b []byte) []byte {
	switch l.kind {
	case litNumber:
		return strconv.AppendFloat(b, l.num, 'g', -1, 64)
	case litBool:
		if l.num != 0 {
			return append(b, "true"...)
		}
		return append(b, "false"...)
	}
	b = append(b, '"')
	for i := 0; i < len(l.str); i++ {
		switch c := l.str[i]; c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\\', 't')
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
