package resp

import (
	"errors"
	"strconv"
)

// Kind is the type of a reply value.
type Kind byte

// Reply kinds, named by their RESP type byte.
const (
	KindSimple    Kind = '+'
	KindError     Kind = '-'
	KindInt       Kind = ':'
	KindBulk      Kind = '$'
	KindArray     Kind = '*'
	KindNull      Kind = '_'
	KindBool      Kind = '#'
	KindDouble    Kind = ','
	KindBigNumber Kind = '('
	KindBulkError Kind = '!'
	KindVerbatim  Kind = '='
	KindMap       Kind = '%'
	KindSet       Kind = '~'
	KindAttribute Kind = '|'
	KindPush      Kind = '>'
)

// Value is a parsed reply. Str holds the text of simple strings, errors,
// bulk strings, doubles, big numbers and verbatim strings ("txt:" prefix
// removed); Int holds integers and booleans (1/0); Elems holds array, set
// and push elements, and map keys and values alternating. Null is true for
// RESP2 null bulk strings and arrays and for RESP3 nulls.
type Value struct {
	Kind  Kind
	Str   []byte
	Int   int64
	Elems []Value
	Null  bool
}

// ErrBadReply is returned for bytes that are not a RESP reply.
var ErrBadReply = errors.New("resp: malformed reply")

// ReadReply parses one reply from the start of buf. n == 0 with a nil error
// means the reply is incomplete. Strings in the value point into buf.
// Replies nest at most 64 levels.
func ReadReply(buf []byte) (v Value, n int, err error) {
	return readReply(buf, 0)
}

func readReply(buf []byte, depth int) (Value, int, error) {
	if len(buf) == 0 {
		return Value{}, 0, nil
	}
	if depth > 64 {
		return Value{}, 0, ErrBadReply
	}
	nl := -1
	for i := 1; i+1 < len(buf); i++ {
		if buf[i] == '\r' && buf[i+1] == '\n' {
			nl = i
			break
		}
	}
	if nl < 0 {
		return Value{}, 0, nil
	}
	kind := Kind(buf[0])
	line := buf[1:nl]
	pos := nl + 2
	v := Value{Kind: kind}
	switch kind {
	case KindSimple, KindError, KindDouble, KindBigNumber:
		v.Str = line
		return v, pos, nil
	case KindInt:
		n, err := strconv.ParseInt(string(line), 10, 64)
		if err != nil {
			return v, 0, ErrBadReply
		}
		v.Int = n
		return v, pos, nil
	case KindNull:
		v.Null = true
		return v, pos, nil
	case KindBool:
		switch string(line) {
		case "t":
			v.Int = 1
		case "f":
		default:
			return v, 0, ErrBadReply
		}
		return v, pos, nil
	case KindBulk, KindBulkError, KindVerbatim:
		size, err := strconv.ParseInt(string(line), 10, 64)
		if err != nil || size < -1 {
			return v, 0, ErrBadReply
		}
		if size == -1 {
			v.Null = true
			return v, pos, nil
		}
		end := int64(pos) + size
		if size > int64(len(buf)) || end+2 > int64(len(buf)) {
			return v, 0, nil
		}
		v.Str = buf[pos:end]
		if kind == KindVerbatim && len(v.Str) >= 4 {
			v.Str = v.Str[4:]
		}
		return v, int(end) + 2, nil
	case KindArray, KindSet, KindPush, KindMap, KindAttribute:
		count, err := strconv.ParseInt(string(line), 10, 64)
		if err != nil || count < -1 {
			return v, 0, ErrBadReply
		}
		if count == -1 {
			v.Null = true
			return v, pos, nil
		}
		if count > int64(len(buf)) {
			// Each element takes at least 3 bytes; more elements than bytes
			// means incomplete input, not a reason to allocate. (Checked
			// before doubling map counts, which could overflow.)
			return v, 0, nil
		}
		if kind == KindMap || kind == KindAttribute {
			count *= 2
		}
		if count > int64(len(buf)) {
			// Each element takes at least 3 bytes; more elements than bytes
			// means incomplete input, not a reason to allocate.
			return v, 0, nil
		}
		v.Elems = make([]Value, 0, count)
		for i := int64(0); i < count; i++ {
			e, n, err := readReply(buf[pos:], depth+1)
			if err != nil || n == 0 {
				return v, 0, err
			}
			v.Elems = append(v.Elems, e)
			pos += n
		}
		if kind == KindAttribute {
			// An attribute precedes the reply it annotates: return that one.
			next, n, err := readReply(buf[pos:], depth+1)
			if err != nil || n == 0 {
				return v, 0, err
			}
			return next, pos + n, nil
		}
		return v, pos, nil
	}
	return v, 0, ErrBadReply
}
