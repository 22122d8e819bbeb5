package filter

import (
	"encoding/binary"
	"math"
)

// MaxTrackedValues is how many distinct scalar values per field Stats
// counts exactly. Fields people filter on by equality (category, tenant,
// language, flags) mostly have fewer, so their estimates are exact; the
// cap keeps a high-cardinality field (ids, timestamps) to a few KB.
const MaxTrackedValues = 256

// DefaultGlobFraction is the assumed share of untracked strings a GLOB
// pattern with wildcards matches; with no better information a pattern
// is taken to be moderately selective (the usual planner guess for LIKE).
const DefaultGlobFraction = 0.1

// Stats are per-field statistics of a set of records, kept up to date by
// Add and Remove, from which Filter.Selectivity estimates the fraction of
// records a filter matches. A field is named by its path with array
// positions collapsed: {"a":{"b":[{"c":1}]}} has fields "a", "a.b",
// "a.b[]" (the elements) and "a.b[].c". Stats is not safe for concurrent
// mutation; guard it with the index's lock.
type Stats struct {
	// Records is the number of records added minus those removed.
	Records int
	fields  map[string]*FieldStats
	path    []byte // scratch for building field names
}

// FieldStats describe one field. Counts are occurrences: once per record
// for an ordinary field, once per element for an array's "[]" field.
type FieldStats struct {
	Present                                         int // values at this path
	Strings, Numbers, Bools, Nulls, Arrays, Objects int // by type
	// Min and Max bound the numbers ever seen (Remove does not shrink them).
	Min, Max float64
	// Values counts occurrences of up to MaxTrackedValues distinct scalar
	// values, keyed by valueKey; Untracked counts the other occurrences.
	Values    map[string]int
	Untracked int
}

// NewStats returns empty statistics.
func NewStats() *Stats { return &Stats{fields: make(map[string]*FieldStats)} }

// Field returns the statistics of a field (see Stats for names), or nil.
func (s *Stats) Field(name string) *FieldStats { return s.fields[name] }

// Add counts one record's metadata.
func (s *Stats) Add(d Doc) { s.Records++; s.walk(d, 0, 1) }

// Remove uncounts a record previously added with the same metadata.
func (s *Stats) Remove(d Doc) { s.Records--; s.walk(d, 0, -1) }

// walk counts the members of the root object of d.
func (s *Stats) walk(d Doc, off, delta int) {
	if valueEnd(d, off) < 0 || d[off] != tagObject {
		return
	}
	s.path = s.path[:0]
	s.walkObject(d, off, delta)
}

func (s *Stats) walkObject(d Doc, off, delta int) {
	end := valueEnd(d, off)
	count := binary.LittleEndian.Uint32(d[off+5:])
	p := off + containerHeader
	base := len(s.path)
	for i := uint32(0); i < count; i++ {
		k, v := readStr(d, p, end)
		if v < 0 {
			return
		}
		s.path = s.path[:base]
		if base > 0 {
			s.path = append(s.path, '.')
		}
		s.path = append(s.path, k...)
		if p = s.walkValue(d[:end], v, delta); p < 0 {
			return
		}
	}
	s.path = s.path[:base]
}

// walkValue counts the value at off under the current path and returns
// the offset after it (-1 when malformed).
func (s *Stats) walkValue(d Doc, off, delta int) int {
	end := valueEnd(d, off)
	if end < 0 {
		return -1
	}
	fs := s.fields[string(s.path)]
	if fs == nil {
		if delta < 0 {
			return end // never added: nothing to remove
		}
		fs = &FieldStats{Min: math.Inf(1), Max: math.Inf(-1)}
		s.fields[string(s.path)] = fs
	}
	fs.Present += delta
	switch d[off] {
	case tagNull:
		fs.Nulls += delta
	case tagTrue, tagFalse:
		fs.Bools += delta
		fs.count(d, off, delta)
	case tagNumber:
		fs.Numbers += delta
		if x := number(d, off); delta > 0 {
			fs.Min = math.Min(fs.Min, x)
			fs.Max = math.Max(fs.Max, x)
		}
		fs.count(d, off, delta)
	case tagString:
		fs.Strings += delta
		fs.count(d, off, delta)
	case tagObject:
		fs.Objects += delta
		s.walkObject(d, off, delta)
	case tagArray:
		fs.Arrays += delta
		base := len(s.path)
		s.path = append(s.path, "[]"...)
		count := binary.LittleEndian.Uint32(d[off+5:])
		p := off + containerHeader
		for i := uint32(0); i < count && p >= 0 && p < end; i++ {
			p = s.walkValue(d[:end], p, delta)
		}
		s.path = s.path[:base]
	}
	return end
}

// count updates the exact value counts.
func (fs *FieldStats) count(d Doc, off, delta int) {
	var kb [9]byte
	key := valueKey(kb[:0], d, off)
	if n, ok := fs.Values[string(key)]; ok {
		if n+delta <= 0 {
			delete(fs.Values, string(key))
		} else {
			fs.Values[string(key)] = n + delta
		}
		return
	}
	if delta > 0 && len(fs.Values) < MaxTrackedValues {
		if fs.Values == nil {
			fs.Values = make(map[string]int)
		}
		fs.Values[string(key)] = delta
		return
	}
	fs.Untracked = max(0, fs.Untracked+delta)
}

// valueKey is the Values key of the scalar at off: 's' + bytes for a
// string, 'n' + float64 bits for a number, "b0" / "b1" for a boolean.
func valueKey(b []byte, d Doc, off int) []byte {
	switch d[off] {
	case tagString:
		s, _ := readStr(d, off+1, len(d))
		return append(append(b, 's'), s...)
	case tagTrue:
		return append(b, 'b', '1')
	case tagFalse:
		return append(b, 'b', '0')
	}
	return numberKey(b, number(d, off))
}

func numberKey(b []byte, x float64) []byte {
	if x == 0 {
		x = 0 // -0 and 0 are equal: one key
	}
	return binary.LittleEndian.AppendUint64(append(b, 'n'), math.Float64bits(x))
}
