package filter

import "math"

// Selectivity estimates the fraction of the records described by s that
// the filter matches, in [0, 1]. Predicates on a field with few distinct
// values are estimated exactly from the tracked value counts (equality,
// IN, GLOB and ranges alike); other ranges assume numbers spread evenly
// between Min and Max; AND and OR assume independent predicates. The
// search uses it to choose between an exact scan of the matching records
// (very selective filters) and a filtered graph search. With no records
// it returns 1.
func (f *Filter) Selectivity(s *Stats) float64 {
	if s == nil || s.Records <= 0 {
		return 1
	}
	return clamp01(f.estimate(s, f.root))
}

func clamp01(x float64) float64 {
	if !(x > 0) { // also NaN
		return 0
	}
	return math.Min(x, 1)
}

func (f *Filter) estimate(s *Stats, n int32) float64 {
	nd := f.nodes[n]
	kids := f.kids[nd.arg : nd.arg+nd.n]
	switch nd.kind {
	case nPred:
		return clamp01(f.preds[nd.arg].estimate(s))
	case nAnd:
		p := 1.0
		for _, k := range kids {
			p *= f.estimate(s, k)
		}
		return p
	}
	q := 1.0 // probability that no child matches
	for _, k := range kids {
		q *= 1 - f.estimate(s, k)
	}
	return 1 - q
}

// statsName is the Stats field name of a path: indexes become "[]".
func statsName(b []byte, path []segment) (name []byte, indexed bool) {
	for i, sg := range path {
		if sg.kind == segKey {
			if i > 0 {
				b = append(b, '.')
			}
			b = append(b, sg.key...)
		} else {
			b = append(b, "[]"...)
			indexed = true
		}
	}
	return b, indexed
}

// estimate is one predicate's estimated match fraction.
func (p *pred) estimate(s *Stats) float64 {
	N := float64(s.Records)
	var nb [64]byte
	name, indexed := statsName(nb[:0], p.path)
	fs := s.fields[string(name)]
	if fs == nil || fs.Present <= 0 {
		if p.op == opHasNot {
			return 1
		}
		return 0
	}
	// exists: fraction of records where the path resolves. For a path
	// through an array index, take the records holding such arrays (an
	// element at a given position usually exists when short arrays
	// dominate; this errs towards "not selective", the safe side).
	exists := float64(fs.Present) / N
	if indexed {
		if pa := s.fields[string(arrayParent(name))]; pa != nil {
			exists = math.Min(exists, float64(pa.Arrays)/N)
		}
	}
	exists = math.Min(exists, 1)
	occ := float64(fs.Present)
	scalar := float64(fs.Strings+fs.Numbers+fs.Bools) / occ
	switch p.op {
	case opHas:
		return exists
	case opHasNot:
		return 1 - exists
	case opEq:
		return exists * fs.eqFrac(&p.lit)
	case opNe:
		return exists * (scalar - fs.eqFrac(&p.lit))
	case opIn, opNotIn:
		sum := 0.0
		for i := range p.list {
			sum += fs.eqFrac(&p.list[i])
		}
		if p.op == opIn {
			return exists * sum
		}
		return exists * (scalar - sum)
	case opLt, opLe, opGt, opGe:
		if p.lit.kind != litNumber {
			return 0
		}
		return exists * fs.rangeFrac(p.op, p.lit.num)
	case opGlob:
		return exists * fs.globFrac(p.lit.str)
	case opNotGlob:
		return exists * (float64(fs.Strings)/occ - fs.globFrac(p.lit.str))
	case opContains, opNotContains:
		arrays := float64(fs.Arrays) / N
		el := s.fields[string(append(name, "[]"...))]
		c := 0.0
		if el != nil && el.Present > 0 {
			// Occurrences of the value per array, capped at "every array".
			c = math.Min(el.eqFrac(&p.lit)*float64(el.Present)/N, arrays)
		}
		if p.op == opContains {
			return c
		}
		return arrays - c
	}
	return 0
}

// arrayParent strips the trailing "[]" groups and what follows the last
// one, giving the array field an indexed path steps through.
func arrayParent(name []byte) []byte {
	for i := len(name) - 2; i >= 0; i-- {
		if name[i] == '[' && name[i+1] == ']' {
			return name[:i]
		}
	}
	return name
}

// eqFrac estimates the share of this field's occurrences equal to l
// (booleans equal the numbers 1 and 0, as in Match).
func (fs *FieldStats) eqFrac(l *literal) float64 {
	var kb [16]byte
	n, found := 0, false
	if l.kind == litString {
		var sb [64]byte
		n, found = fs.Values[string(append(append(sb[:0], 's'), l.str...))]
	} else {
		n, found = fs.Values[string(numberKey(kb[:0], l.num))]
		if l.num == 0 || l.num == 1 {
			b, ok := fs.Values[string([]byte{'b', '0' + byte(l.num)})]
			n, found = n+b, found || ok
		}
	}
	if found {
		return float64(n) / float64(fs.Present)
	}
	if fs.Untracked == 0 {
		return 0 // every value is tracked: it does not occur
	}
	// Untracked values are at least MaxTrackedValues distinct ones.
	return float64(fs.Untracked) / MaxTrackedValues / float64(fs.Present)
}

// rangeFrac estimates the share of occurrences that are numbers x with
// "x op c": exactly from tracked values when all are tracked, else
// assuming an even spread between Min and Max.
func (fs *FieldStats) rangeFrac(op opcode, c float64) float64 {
	if fs.Numbers <= 0 {
		return 0
	}
	if fs.Untracked == 0 {
		n := 0
		for k, cnt := range fs.Values {
			if k[0] != 'n' || len(k) != 9 {
				continue
			}
			x := math.Float64frombits(uint64(k[1]) | uint64(k[2])<<8 | uint64(k[3])<<16 | uint64(k[4])<<24 |
				uint64(k[5])<<32 | uint64(k[6])<<40 | uint64(k[7])<<48 | uint64(k[8])<<56)
			if compare(op, x, c) {
				n += cnt
			}
		}
		return float64(n) / float64(fs.Present)
	}
	num := float64(fs.Numbers) / float64(fs.Present)
	lo, hi := fs.Min, fs.Max
	if !(hi > lo) {
		if compare(op, lo, c) {
			return num
		}
		return 0
	}
	below := clamp01((c - lo) / (hi - lo)) // share of numbers below c
	if op == opLt || op == opLe {
		return num * below
	}
	return num * (1 - below)
}

func compare(op opcode, x, c float64) bool {
	switch op {
	case opLt:
		return x < c
	case opLe:
		return x <= c
	case opGt:
		return x > c
	}
	return x >= c
}

// globFrac estimates the share of occurrences that are strings matching
// pattern: exactly over tracked strings, DefaultGlobFraction of the rest.
func (fs *FieldStats) globFrac(pattern string) float64 {
	n := 0
	for k, cnt := range fs.Values {
		if k[0] == 's' && globMatch(pattern, []byte(k[1:])) {
			n += cnt
		}
	}
	return (float64(n) + DefaultGlobFraction*float64(fs.Untracked)) / float64(fs.Present)
}
