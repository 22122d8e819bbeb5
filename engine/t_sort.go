package engine

import (
	"bytes"
	"math"
	"sort"
	"strconv"
)

// SORT and SORT_RO (Redis's sort.c) over lists, sets and sorted sets: BY
// pattern (weights from other keys or hash fields, "nosort"), GET patterns
// ("#" for the element), LIMIT, ASC/DESC, ALPHA and STORE. Patterns may
// name keys in any shard, so a SORT with BY or GET locks every shard.

func init() {
	register(
		&Command{Name: "sort", Arity: -2, Flags: FlagWrite | FlagDenyOOM | FlagMovableKeys, First: 1, Last: 1, Step: 1,
			Cats: CatSet | CatSortedSet | CatList | CatDangerous, Proc: cmdSort, KeysProc: sortKeys},
		&Command{Name: "sort_ro", Arity: -2, Flags: FlagReadonly | FlagMovableKeys, First: 1, Last: 1, Step: 1,
			Cats: CatSet | CatSortedSet | CatList | CatDangerous, Proc: cmdSortRO},
	)
}

// sortKeys is SORT's getkeys: the sorted key and the last STORE
// destination, skipping the arguments of LIMIT, GET and BY (Redis's
// sortGetKeys).
func sortKeys(args [][]byte, dst []int) []int {
	dst = append(dst, 1)
	store := 0
	for i := 2; i < len(args); i++ {
		switch a := args[i]; {
		case eqFold(a, "limit"):
			i += 2
		case eqFold(a, "get"), eqFold(a, "by"):
			i++
		case eqFold(a, "store") && i+1 < len(args):
			store = i + 1
		}
	}
	if store != 0 {
		dst = append(dst, store)
	}
	return dst
}

func cmdSort(c *Client)   { c.sortGeneric(false) }
func cmdSortRO(c *Client) { c.sortGeneric(true) }

// sortElem is one element being sorted with its weight.
type sortElem struct {
	obj   []byte
	score float64
	cmp   []byte // ALPHA weight from the BY pattern (nil: missing)
}

// sortOptions are SORT's parsed arguments.
type sortOptions struct {
	desc, alpha, dontsort bool
	limitStart, limitCnt  int64
	by, store             []byte
	gets                  [][]byte
}

// parseSortOptions parses SORT's options as Redis does, replying with the
// error when they are wrong.
func (c *Client) parseSortOptions(ro bool) (o sortOptions, ok bool) {
	o.limitCnt = -1
	args := c.Args
	for j := 2; j < len(args); j++ {
		left := len(args) - j - 1
		switch a := args[j]; {
		case eqFold(a, "asc"):
			o.desc = false
		case eqFold(a, "desc"):
			o.desc = true
		case eqFold(a, "alpha"):
			o.alpha = true
		case eqFold(a, "limit") && left >= 2:
			var ok1, ok2 bool
			o.limitStart, ok1 = parseInt64(args[j+1])
			o.limitCnt, ok2 = parseInt64(args[j+2])
			if !ok1 || !ok2 {
				c.W.Error(errNotInt)
				return o, false
			}
			j += 2
		case !ro && eqFold(a, "store") && left >= 1:
			o.store = args[j+1]
			j++
		case eqFold(a, "by") && left >= 1:
			o.by = args[j+1]
			// A BY pattern without '*' is constant: nothing to sort by.
			o.dontsort = bytes.IndexByte(o.by, '*') < 0
			j++
		case eqFold(a, "get") && left >= 1:
			o.gets = append(o.gets, args[j+1])
			j++
		default:
			c.W.Error(errSyntax)
			return o, false
		}
	}
	return o, true
}

func (c *Client) sortGeneric(ro bool) {
	o, ok := c.parseSortOptions(ro)
	if !ok {
		return
	}
	key := c.Args[1]
	if o.by != nil || len(o.gets) > 0 {
		c.e.lockAll()
		defer c.e.unlockAll()
	} else {
		lock := [][]byte{key}
		if o.store != nil {
			lock = append(lock, o.store)
		}
		ix := c.shardIndexes(lock)
		c.e.lockShards(ix)
		defer c.e.unlockShards(ix)
	}
	sh, d, h32 := c.keyInShard(key)
	h := c.lookupRead(sh, d, key, h32)
	var val object
	if h != 0 {
		val = sh.objectAt(h)
		switch val.(type) {
		case *listObj, *setObject, *zset:
		default:
			c.W.Error(errWrongType)
			return
		}
	}
	if _, isSet := val.(*setObject); isSet && o.dontsort && o.store != nil {
		// Sets have no order of their own: a stored result is sorted, so
		// that it is the same everywhere (Redis forces ALPHA).
		o.dontsort, o.alpha, o.by = false, true, nil
	}
	if z, isZset := val.(*zset); isZset && z.sl == nil {
		// Redis 7.0 converts a listpack sorted set for SORT, for good.
		z.convert()
		sh.objectChanged(h)
	}
	vec := c.sortLoad(val, &o)
	n := int64(len(vec))
	start := min(max(o.limitStart, 0), n)
	cnt := min(max(o.limitCnt, -1), n)
	end := start + cnt - 1
	if cnt < 0 {
		end = n - 1
	}
	if start >= n {
		start, end = n-1, n-2
	}
	if end >= n {
		end = n - 1
	}
	if !o.dontsort {
		if !c.sortWeights(vec, &o) {
			c.W.Error("ERR One or more scores can't be converted into double")
			return
		}
		sortVector(vec, &o, int(start), int(end))
	}
	if start > end {
		start, end = 0, -1
	}
	c.sortOutput(vec[start:end+1], &o)
}

// sortLoad returns the elements of val (nil: a missing key, an empty
// list) in their native order; lists and sorted sets in reverse with DESC
// when they are not sorted.
func (c *Client) sortLoad(val object, o *sortOptions) []sortElem {
	var vec []sortElem
	add := func(m []byte) bool {
		vec = append(vec, sortElem{obj: append([]byte(nil), m...)})
		return true
	}
	switch v := val.(type) {
	case *listObj:
		if o.dontsort && o.desc {
			v.eachReverse(add)
		} else {
			v.each(add)
		}
	case *setObject:
		v.each(add)
	case *zset:
		if o.dontsort && o.desc {
			v.each(v.card()-1, true, func(m []byte, _ float64) bool { return add(m) })
		} else {
			v.each(0, false, func(m []byte, _ float64) bool { return add(m) })
		}
	}
	return vec
}

// sortWeights loads each element's weight: its own value, or the BY
// pattern's. It reports false when a numeric weight is not a double.
func (c *Client) sortWeights(vec []sortElem, o *sortOptions) bool {
	ok := true
	for i := range vec {
		e := &vec[i]
		w := e.obj
		if o.by != nil {
			var found bool
			if w, found = c.lookupByPattern(o.by, e.obj); !found {
				continue
			}
		}
		if o.alpha {
			if o.by != nil {
				e.cmp = append([]byte{}, w...)
			}
			continue
		}
		if f, good := sortStrtod(w); good {
			e.score = f
		} else {
			ok = false
		}
	}
	return ok
}

// sortVector sorts vec as Redis's sortCompare orders it, so that the
// elements [start, end] are final. As Redis, a BY pattern with a LIMIT
// that does not cover everything uses pqsort (whose order of equal
// elements shows), everything else glibc's qsort, a stable merge sort.
func sortVector(vec []sortElem, o *sortOptions, start, end int) {
	store := o.store != nil
	cmp := func(a, b *sortElem) int {
		var r int
		switch {
		case !o.alpha:
			switch {
			case a.score > b.score:
				r = 1
			case a.score < b.score:
				r = -1
			default:
				r = bytes.Compare(a.obj, b.obj)
			}
		case o.by != nil:
			switch {
			case a.cmp == nil || b.cmp == nil:
				if a.cmp == nil && b.cmp != nil {
					r = -1
				} else if a.cmp != nil {
					r = 1
				}
			case store:
				r = bytes.Compare(a.cmp, b.cmp)
			default:
				r = bytes.Compare(cString(a.cmp), cString(b.cmp))
			}
		case store:
			r = bytes.Compare(a.obj, b.obj)
		default:
			r = bytes.Compare(cString(a.obj), cString(b.obj))
		}
		if o.desc {
			return -r
		}
		return r
	}
	if o.by != nil && (start != 0 || end != len(vec)-1) && len(vec) > 0 {
		pqsort(0, len(vec), func(i, j int) int { return cmp(&vec[i], &vec[j]) },
			func(i, j int) { vec[i], vec[j] = vec[j], vec[i] }, start, end)
		return
	}
	sort.SliceStable(vec, func(i, j int) bool { return cmp(&vec[i], &vec[j]) < 0 })
}

// sortOutput replies with (or stores as a list) the elements, or their
// GET pattern values.
func (c *Client) sortOutput(vec []sortElem, o *sortOptions) {
	outLen := len(vec)
	if len(o.gets) > 0 {
		outLen *= len(o.gets)
	}
	if o.store == nil {
		c.W.Array(outLen)
		for _, e := range vec {
			if len(o.gets) == 0 {
				c.W.Bulk(e.obj)
			}
			for _, g := range o.gets {
				if v, ok := c.lookupByPattern(g, e.obj); ok {
					c.W.Bulk(v)
				} else {
					c.W.Null()
				}
			}
		}
		return
	}
	l := &listObj{}
	fill := c.listFill()
	for _, e := range vec {
		if len(o.gets) == 0 {
			l.push(e.obj, true, fill)
		}
		for _, g := range o.gets {
			v, _ := c.lookupByPattern(g, e.obj)
			l.push(v, true, fill)
		}
	}
	sh, d, h32 := c.keyInShard(o.store)
	old := c.lookup(sh, d, o.store, h32)
	switch {
	case outLen > 0:
		sh.storeObject(d, o.store, h32, old, l, c.e.lruClock())
		c.modified(o.store)
	case old != 0:
		sh.remove(d, old)
		c.modified(o.store)
	}
	c.W.Int(int64(outLen))
}

// lookupByPattern is Redis's lookupKeyByPattern: "#" is the element
// itself; otherwise the first '*' of pattern is replaced by subst and the
// key read: a string, or with "->field" after the '*' a hash field. The
// caller holds every shard.
func (c *Client) lookupByPattern(pattern, subst []byte) ([]byte, bool) {
	if len(pattern) >= 1 && pattern[0] == '#' && (len(pattern) == 1 || pattern[1] == 0) {
		return subst, true
	}
	cpat := cString(pattern)
	star := bytes.IndexByte(cpat, '*')
	if star < 0 {
		return nil, false
	}
	var field []byte
	post := pattern[star+1:]
	if f := bytes.Index(cpat[star+1:], []byte("->")); f >= 0 && star+1+f+2 < len(cpat) {
		field = pattern[star+1+f+2:]
		post = pattern[star+1 : star+1+f]
	}
	key := make([]byte, 0, star+len(subst)+len(post))
	key = append(append(append(key, pattern[:star]...), subst...), post...)
	sh, d, h32 := c.keyInShard(key)
	h := c.lookupRead(sh, d, key, h32)
	if h == 0 {
		return nil, false
	}
	r := sh.rec(h)
	if field == nil {
		if !isString(r) {
			return nil, false
		}
		return append([]byte(nil), sh.stringBytes(r, nil)...), true
	}
	hash, ok := sh.objectAt(h).(*hashObj)
	if !ok {
		return nil, false
	}
	v, exp, ok := hash.get(field)
	if !ok || (exp != 0 && exp < c.now()) {
		// Fields past their expire time are gone, even if not yet reaped.
		return nil, false
	}
	return append([]byte(nil), v...), true
}

// sortStrtod converts a weight as SORT does with C's strtod: leading
// spaces allowed, the whole string (up to a NUL) must be used, no NaN,
// no overflow or underflow; the empty string is 0.
func sortStrtod(b []byte) (float64, bool) {
	b = cString(b)
	if len(b) == 0 {
		return 0, true
	}
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] >= '\t' && b[i] <= '\r') {
		i++
	}
	s := string(b[i:])
	if s == "" {
		return 0, false
	}
	body := s
	if body[0] == '+' || body[0] == '-' {
		body = body[1:]
	}
	if len(body) > 1 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X') {
		if !bytes.ContainsAny([]byte(body), "pP") {
			s += "p0"
		}
	} else if bytes.ContainsAny([]byte(body), "_") {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) {
		return 0, false
	}
	if a := math.Abs(f); a < 0x1p-1022 && !math.IsInf(f, 0) {
		// Underflow: glibc reports ERANGE for results that are
		// subnormal, or zero from a non-zero mantissa.
		if a != 0 || nonZeroMantissa(body) {
			return 0, false
		}
	}
	return f, true
}

// nonZeroMantissa reports whether a number's digits before its exponent
// include a non-zero one.
func nonZeroMantissa(s string) bool {
	hex := len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')
	if hex {
		s = s[2:]
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if (!hex && (ch == 'e' || ch == 'E')) || (hex && (ch == 'p' || ch == 'P')) {
			return false
		}
		if ch >= '1' && ch <= '9' || hex && (ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F') {
			return true
		}
	}
	return false
}
