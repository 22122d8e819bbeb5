package filter

// Filter is a parsed, compiled metadata filter. It is immutable after Parse
// and safe for concurrent use by any number of goroutines.
type Filter struct {
	nodes []node  // the tree: and/or nodes and predicate leaves
	kids  []int32 // children of and/or nodes, contiguous per node
	root  int32   // index of the root node
	preds []pred  // predicates, referenced by leaves and by code
	code  []instr // compiled program run by Match
}

// opcode is a predicate operator.
type opcode uint8

const (
	opEq opcode = iota
	opNe
	opLt
	opLe
	opGt
	opGe
	opGlob
	opNotGlob
	opIn
	opNotIn
	opContains
	opNotContains
	opHas
	opHasNot
)

// litKind is the type of a literal.
type litKind uint8

const (
	litString litKind = iota
	litNumber
	litBool
)

// literal is a constant on the right of an operator. Booleans keep 1 or 0
// in num so that they compare with numbers (see package doc).
type literal struct {
	kind litKind
	num  float64
	str  string
}

// segKind says how a path segment steps into a value.
type segKind uint8

const (
	segKey     segKind = iota // object member by name
	segIndex                  // array element idx from the front
	segFromEnd                // array element idx from the back ([#-idx])
)

// segment is one step of a path: a.b[0][#-1] is key a, key b, index 0,
// from-end 1.
type segment struct {
	kind segKind
	idx  int
	key  string
}

// pred is one predicate: path, operator and literal(s).
type pred struct {
	op   opcode
	path []segment
	lit  literal   // comparison, GLOB (string) and CONTAINS operand
	list []literal // IN / NOT IN operands
}

// nodeKind is the kind of a tree node.
type nodeKind uint8

const (
	nPred nodeKind = iota
	nAnd
	nOr
)

// node is one tree node: a predicate leaf (arg = index in preds) or an
// and/or node whose children are kids[arg : arg+n].
type node struct {
	kind nodeKind
	arg  int32
	n    int32
}

// instr is one step of the compiled program: evaluate a predicate into the
// result register, or jump to arg when the register is false / true.
type instr struct {
	op  uint8
	arg int32
}

const (
	iPred uint8 = iota
	iJumpFalse
	iJumpTrue
)

// compile turns the tree into a flat program with short-circuit jumps:
// a AND b AND c is "a; jf end; b; jf end; c; end:", OR the same with jt.
// Jumps that land on a jump are then threaded to their final target.
func (f *Filter) compile() {
	f.code = f.code[:0]
	f.emit(f.root)
	for i := range f.code {
		in := &f.code[i]
		if in.op == iPred {
			continue
		}
		for int(in.arg) < len(f.code) {
			t := f.code[in.arg]
			if t.op == iPred {
				break
			}
			if t.op == in.op {
				in.arg = t.arg // same condition holds there: follow it
			} else {
				in.arg++ // opposite condition cannot hold there: skip it
			}
		}
	}
}

// emit appends the code of node n.
func (f *Filter) emit(n int32) {
	nd := f.nodes[n]
	if nd.kind == nPred {
		f.code = append(f.code, instr{op: iPred, arg: nd.arg})
		return
	}
	jump := iJumpFalse
	if nd.kind == nOr {
		jump = iJumpTrue
	}
	var fix []int
	kids := f.kids[nd.arg : nd.arg+nd.n]
	for i, k := range kids {
		f.emit(k)
		if i < len(kids)-1 {
			fix = append(fix, len(f.code))
			f.code = append(f.code, instr{op: jump})
		}
	}
	for _, j := range fix {
		f.code[j].arg = int32(len(f.code))
	}
}
