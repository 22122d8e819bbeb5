package engine

import "math"

// JSON documents (RedisJSON's data type): one document per key, stored as
// a tree in three pointer-free arenas so that the GC scans three slices per
// document whatever its size:
//
//   - nodes: every value, 16 bytes each (kind, a 64-bit payload, a count);
//   - kids: the children of arrays (node indexes) and objects (pairs of key
//     node index, value node index), each container's run contiguous;
//   - strs: the bytes of strings and object keys, unescaped.
//
// Values are never moved: a container that grows or shrinks gets a fresh
// run at the end of kids (or grows in place when its run is already last),
// and replaced subtrees become garbage that compact reclaims once it
// outweighs the live part.

// JSON value kinds.
const (
	jNull uint8 = iota
	jBool
	jInt
	jFloat
	jStr
	jArr
	jObj
)

// jnode is one JSON value. v holds the int64 or float64 bits, the bool,
// the offset of a string in strs, or the offset of a container's run in
// kids; n is the string's length or the container's member count.
type jnode struct {
	v uint64
	n uint32
	k uint8
}

// jsonDoc is a JSON document, the object stored under a key.
type jsonDoc struct {
	nodes []jnode
	kids  []int32
	strs  []byte
	root  int32
	// garbage: bytes of the arenas no longer reachable from root.
	garbage int
}

func (d *jsonDoc) typeName() string     { return "ReJSON-RL" }
func (d *jsonDoc) encodingName() string { return "raw" }

func (d *jsonDoc) copyObject() object {
	n := &jsonDoc{}
	n.root = n.importNode(d, d.root)
	return n
}

func (d *jsonDoc) memSize() int64 {
	return int64(cap(d.nodes)*16+cap(d.kids)*4+cap(d.strs)) + 96
}

// Node constructors append a node and return its index.

func (d *jsonDoc) add(k uint8, v uint64, n uint32) int32 {
	d.nodes = append(d.nodes, jnode{v: v, n: n, k: k})
	return int32(len(d.nodes) - 1)
}

func (d *jsonDoc) addStr(s []byte) int32 {
	off := len(d.strs)
	d.strs = append(d.strs, s...)
	return d.add(jStr, uint64(off), uint32(len(s)))
}

func (d *jsonDoc) addInt(i int64) int32     { return d.add(jInt, uint64(i), 0) }
func (d *jsonDoc) addFloat(f float64) int32 { return d.add(jFloat, math.Float64bits(f), 0) }

// addContainer appends a container whose members are run (node indexes,
// or key/value pairs for objects).
func (d *jsonDoc) addContainer(k uint8, run []int32) int32 {
	off := len(d.kids)
	d.kids = append(d.kids, run...)
	n := len(run)
	if k == jObj {
		n /= 2
	}
	return d.add(k, uint64(off), uint32(n))
}

// Accessors.

func (d *jsonDoc) kind(i int32) uint8 { return d.nodes[i].k }

func (d *jsonDoc) str(i int32) []byte {
	nd := &d.nodes[i]
	return d.strs[nd.v : nd.v+uint64(nd.n)]
}

func (d *jsonDoc) intVal(i int32) int64     { return int64(d.nodes[i].v) }
func (d *jsonDoc) floatVal(i int32) float64 { return math.Float64frombits(d.nodes[i].v) }
func (d *jsonDoc) boolVal(i int32) bool     { return d.nodes[i].v != 0 }

// numVal returns a number node's value as a float64.
func (d *jsonDoc) numVal(i int32) float64 {
	if d.nodes[i].k == jInt {
		return float64(d.intVal(i))
	}
	return d.floatVal(i)
}

// count is the member count of a container (0 for scalars).
func (d *jsonDoc) count(i int32) int {
	nd := &d.nodes[i]
	if nd.k != jArr && nd.k != jObj {
		return 0
	}
	return int(nd.n)
}

// run returns a container's members: element indexes for arrays, key/value
// pairs for objects. It aliases kids: do not keep it across changes.
func (d *jsonDoc) run(i int32) []int32 {
	nd := &d.nodes[i]
	n := int(nd.n)
	if nd.k == jObj {
		n *= 2
	}
	return d.kids[nd.v : nd.v+uint64(n)]
}

// elem returns element j of array i.
func (d *jsonDoc) elem(i int32, j int) int32 { return d.kids[int(d.nodes[i].v)+j] }

// member returns the value of key in object i (-1 when absent) and its
// position among the members.
func (d *jsonDoc) member(i int32, key []byte) (int32, int) {
	r := d.run(i)
	for p := 0; p < len(r); p += 2 {
		if string(d.str(r[p])) == string(key) {
			return r[p+1], p / 2
		}
	}
	return -1, -1
}

// setRun replaces container i's members with run, in place when the count
// does not change, else in a fresh run (in place at the end of kids when
// the old run is last).
func (d *jsonDoc) setRun(i int32, run []int32) {
	nd := &d.nodes[i]
	old := int(nd.n)
	width := 1
	if nd.k == jObj {
		width = 2
	}
	n := len(run) / width
	off := int(nd.v)
	switch {
	case n == old:
		copy(d.kids[off:], run)
		return
	case off+old*width == len(d.kids):
		d.kids = append(d.kids[:off], run...)
	default:
		d.garbage += old * width * 4
		off = len(d.kids)
		d.kids = append(d.kids, run...)
	}
	nd.v, nd.n = uint64(off), uint32(n)
}

// scratchRun copies container i's run into a fresh slice for editing.
func (d *jsonDoc) scratchRun(i int32, extra int) []int32 {
	r := d.run(i)
	out := make([]int32, len(r), len(r)+extra)
	copy(out, r)
	return out
}

// dropped records that subtree i is no longer reachable.
func (d *jsonDoc) dropped(i int32) {
	d.garbage += d.subtreeBytes(i)
}

func (d *jsonDoc) subtreeBytes(i int32) int {
	nd := &d.nodes[i]
	b := 16
	switch nd.k {
	case jStr:
		b += int(nd.n)
	case jArr:
		for _, c := range d.run(i) {
			b += 4 + d.subtreeBytes(c)
		}
	case jObj:
		r := d.run(i)
		for p := 0; p < len(r); p += 2 {
			b += 8 + d.subtreeBytes(r[p]) + d.subtreeBytes(r[p+1])
		}
	}
	return b
}

// importNode copies subtree i of src into d and returns its new index.
func (d *jsonDoc) importNode(src *jsonDoc, i int32) int32 {
	nd := src.nodes[i]
	switch nd.k {
	case jStr:
		return d.addStr(src.str(i))
	case jArr, jObj:
		r := src.run(i)
		run := make([]int32, len(r))
		for j, c := range r {
			run[j] = d.importNode(src, c)
		}
		return d.addContainer(nd.k, run)
	}
	return d.add(nd.k, nd.v, nd.n)
}

// maybeCompact rebuilds the arenas when garbage outweighs the live data.
func (d *jsonDoc) maybeCompact() {
	total := len(d.nodes)*16 + len(d.kids)*4 + len(d.strs)
	if d.garbage < 256 || d.garbage*2 < total {
		return
	}
	n := &jsonDoc{}
	n.root = n.importNode(d, d.root)
	*d = *n
}

// replaceAt puts value node v where the match m points (the root, an
// array element or an object member), dropping the old value.
func (d *jsonDoc) replaceAt(m jmatch, v int32) {
	d.dropped(m.node)
	if m.parent < 0 {
		d.root = v
		return
	}
	if d.kind(m.parent) == jArr {
		d.kids[int(d.nodes[m.parent].v)+int(m.key)] = v
		return
	}
	r := d.run(m.parent)
	for p := 0; p < len(r); p += 2 {
		if r[p] == m.key {
			r[p+1] = v
			return
		}
	}
}

// deleteAt removes what m points at from its parent (Redis JSON's object
// removal moves the last member into the hole).
func (d *jsonDoc) deleteAt(m jmatch) bool {
	if m.parent < 0 {
		return false
	}
	if d.kind(m.parent) == jArr {
		j := int(m.key)
		if j >= d.count(m.parent) {
			return false
		}
		run := d.scratchRun(m.parent, 0)
		d.dropped(run[j])
		run = append(run[:j], run[j+1:]...)
		d.setRun(m.parent, run)
		return true
	}
	run := d.scratchRun(m.parent, 0)
	for p := 0; p < len(run); p += 2 {
		if run[p] == m.key {
			d.dropped(run[p])
			d.dropped(run[p+1])
			last := len(run) - 2
			run[p], run[p+1] = run[last], run[last+1]
			d.setRun(m.parent, run[:last])
			return true
		}
	}
	return false
}

// addMember appends key: v to object o.
func (d *jsonDoc) addMember(o int32, key []byte, v int32) {
	run := d.scratchRun(o, 2)
	k := d.addStr(key)
	d.setRun(o, append(run, k, v))
}

// equal compares subtree a of d with subtree b of e, as RedisJSON's
// is_equal: ints and floats are different types; objects compare by key.
func (d *jsonDoc) equal(a int32, e *jsonDoc, b int32) bool {
	na, nb := d.nodes[a], e.nodes[b]
	if na.k != nb.k {
		return false
	}
	switch na.k {
	case jNull:
		return true
	case jBool, jInt:
		return na.v == nb.v
	case jFloat:
		return d.floatVal(a) == e.floatVal(b)
	case jStr:
		return string(d.str(a)) == string(e.str(b))
	case jArr:
		if na.n != nb.n {
			return false
		}
		for j := 0; j < int(na.n); j++ {
			if !d.equal(d.elem(a, j), e, e.elem(b, j)) {
				return false
			}
		}
		return true
	case jObj:
		if na.n != nb.n {
			return false
		}
		r := d.run(a)
		for p := 0; p < len(r); p += 2 {
			v, _ := e.member(b, d.str(r[p]))
			if v < 0 || !d.equal(r[p+1], e, v) {
				return false
			}
		}
		return true
	}
	return false
}

// typeName is the value's type as JSON.TYPE reports it.
func (d *jsonDoc) valueType(i int32) string {
	switch d.kind(i) {
	case jNull:
		return "null"
	case jBool:
		return "boolean"
	case jInt:
		return "integer"
	case jFloat:
		return "number"
	case jStr:
		return "string"
	case jArr:
		return "array"
	}
	return "object"
}

// memoryUsage estimates a value's size as JSON.DEBUG MEMORY reports it
// (RedisJSON's ijson accounting: 8 bytes a value, numbers outside small
// ranges and floats boxed, containers with their capacity).
func (d *jsonDoc) memoryUsage(i int32) int64 {
	nd := d.nodes[i]
	m := int64(8)
	switch nd.k {
	case jInt:
		v := int64(nd.v)
		switch {
		case v >= -128 && v <= 383:
		case v > -8388608 && v <= 8388607:
			m += 4
		default:
			m += 16
		}
	case jFloat:
		m += 16
	case jStr:
		m += int64(nd.n)
	case jArr:
		if nd.n > 0 {
			m += 8 * (int64(nd.n) + 2)
			for _, c := range d.run(i) {
				m += d.memoryUsage(c)
			}
		}
	case jObj:
		if nd.n > 0 {
			m += 8 * (int64(nd.n)*3 + 2)
			r := d.run(i)
			for p := 0; p < len(r); p += 2 {
				m += int64(d.nodes[r[p]].n) + d.memoryUsage(r[p+1])
			}
		}
	}
	return m
}
