package filter

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"sort"
	"strconv"
)

// Doc is a record's metadata encoded for fast, allocation-free filtering.
// Every value starts with a tag byte:
//
//	null    0x00
//	false   0x01
//	true    0x02
//	number  0x03  float64, 8 bytes little-endian
//	string  0x04  uvarint byte length, bytes
//	array   0x05  uint32 body length, uint32 count, count values
//	object  0x06  uint32 body length, uint32 count, count members;
//	              member = uvarint key length, key bytes, value;
//	              keys unique and sorted bytewise
//
// (uint32s little-endian). The body length lets a reader skip a container
// without walking it; sorted keys let a lookup stop at the first larger
// key. A Doc holds no pointers and can be stored in any byte arena.
type Doc []byte

const (
	tagNull byte = iota
	tagFalse
	tagTrue
	tagNumber
	tagString
	tagArray
	tagObject
)

// containerHeader is the size of an array or object header: tag, body
// length, count.
const containerHeader = 9

// Encode parses JSON metadata into a Doc. Metadata is normally an object;
// any JSON value is accepted (paths only resolve inside objects). Numbers
// become float64, so integers beyond 2^53 lose precision; for duplicate
// keys the last one wins, as in encoding/json.
func Encode(js []byte) (Doc, error) {
	return AppendEncode(nil, js)
}

// AppendEncode is Encode appending to dst (for packing many docs into one
// arena).
func AppendEncode(dst []byte, js []byte) (Doc, error) {
	var v any
	if err := json.Unmarshal(js, &v); err != nil {
		return dst, errBadDoc(err.Error())
	}
	return AppendValue(dst, v)
}

func errBadDoc(msg string) error { return &docError{msg} }

type docError struct{ msg string }

func (e *docError) Error() string        { return "invalid metadata: " + e.msg }
func (e *docError) Is(target error) bool { return target == ErrBadDoc }

// AppendValue appends the encoding of a decoded JSON value (nil, bool,
// float64, json.Number, string, []any, map[string]any, as encoding/json
// produces them) to dst.
func AppendValue(dst []byte, v any) (Doc, error) {
	start := len(dst)
	out, err := appendValue(dst, v, 0)
	if err != nil {
		return dst[:start], err
	}
	if len(out)-start > math.MaxUint32 {
		return dst[:start], errBadDoc("larger than 4 GiB")
	}
	return out, nil
}

// maxDocDepth bounds nesting so a malicious document cannot exhaust the
// stack; encoding/json itself stops at 10000.
const maxDocDepth = 1000

func appendValue(b []byte, v any, depth int) ([]byte, error) {
	if depth > maxDocDepth {
		return b, errBadDoc("nested deeper than " + strconv.Itoa(maxDocDepth))
	}
	switch x := v.(type) {
	case nil:
		return append(b, tagNull), nil
	case bool:
		if x {
			return append(b, tagTrue), nil
		}
		return append(b, tagFalse), nil
	case float64:
		return appendNumber(b, x), nil
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil {
			return b, errBadDoc("number " + string(x) + " out of range")
		}
		return appendNumber(b, f), nil
	case string:
		b = append(b, tagString)
		b = binary.AppendUvarint(b, uint64(len(x)))
		return append(b, x...), nil
	case []any:
		at := len(b)
		b = append(b, tagArray, 0, 0, 0, 0, 0, 0, 0, 0)
		for _, e := range x {
			var err error
			if b, err = appendValue(b, e, depth+1); err != nil {
				return b, err
			}
		}
		return finishContainer(b, at, len(x))
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		at := len(b)
		b = append(b, tagObject, 0, 0, 0, 0, 0, 0, 0, 0)
		for _, k := range keys {
			b = binary.AppendUvarint(b, uint64(len(k)))
			b = append(b, k...)
			var err error
			if b, err = appendValue(b, x[k], depth+1); err != nil {
				return b, err
			}
		}
		return finishContainer(b, at, len(keys))
	}
	return b, errBadDoc("unsupported value type")
}

func appendNumber(b []byte, f float64) []byte {
	b = append(b, tagNumber)
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
}

// finishContainer writes body length and count into the header at b[at].
func finishContainer(b []byte, at, count int) ([]byte, error) {
	body := len(b) - at - containerHeader
	if body > math.MaxUint32 || count > math.MaxUint32 {
		return b, errBadDoc("container larger than 4 GiB")
	}
	binary.LittleEndian.PutUint32(b[at+1:], uint32(body))
	binary.LittleEndian.PutUint32(b[at+5:], uint32(count))
	return b, nil
}

// Validate checks that d is a well-formed Doc (for docs read back from
// disk). Match never panics on a malformed Doc, but may give wrong answers.
func Validate(d Doc) error {
	end, err := validateValue(d, 0, 0)
	if err != nil {
		return err
	}
	if end != len(d) {
		return errBadDoc("trailing bytes after value")
	}
	return nil
}

func validateValue(d Doc, off, depth int) (int, error) {
	if depth > maxDocDepth {
		return 0, errBadDoc("nested too deep")
	}
	end := valueEnd(d, off)
	if end < 0 {
		return 0, errBadDoc("truncated or unknown value at offset " + strconv.Itoa(off))
	}
	switch d[off] {
	case tagArray, tagObject:
		count := int(binary.LittleEndian.Uint32(d[off+5:]))
		p := off + containerHeader
		var prev []byte
		for i := 0; i < count; i++ {
			if d[off] == tagObject {
				k, next := readStr(d, p, end)
				if next < 0 {
					return 0, errBadDoc("bad key at offset " + strconv.Itoa(p))
				}
				if i > 0 && bytes.Compare(prev, k) >= 0 {
					return 0, errBadDoc("keys not sorted at offset " + strconv.Itoa(p))
				}
				prev = k
				p = next
			}
			if p >= end {
				return 0, errBadDoc("container shorter than its count at offset " + strconv.Itoa(off))
			}
			var err error
			if p, err = validateValue(d[:end], p, depth+1); err != nil {
				return 0, err
			}
		}
		if p != end {
			return 0, errBadDoc("container length mismatch at offset " + strconv.Itoa(off))
		}
	}
	return end, nil
}
