package updraft

import (
	"errors"
	"math"
	"strconv"

	"github.com/updraftdb/updraft/internal/resp"
)

// Reply is a command's parsed reply. It owns its memory: it stays valid
// after the session that produced it runs other commands.
//
// The accessors hide the protocol a session speaks: a RESP3 null, double,
// boolean, map, set or verbatim string reads the same as the RESP2 null,
// bulk string, integer or flat array redis-server sends instead, so code
// written against one protocol works with the other (HELLO 3).
//
// The zero Reply stands for no reply at all: an empty command, or one
// whose reply CLIENT REPLY OFF or SKIP suppressed. IsNil reports true for
// it.
type Reply struct{ v resp.Value }

// Error is a Redis error reply. Its text is the reply's, word for word
// ("WRONGTYPE Operation against a key holding the wrong kind of value").
type Error struct{ msg string }

// Error returns the error reply's text.
func (e *Error) Error() string { return e.msg }

// Code returns the error code, the text's first word ("ERR", "WRONGTYPE",
// "NOAUTH").
func (e *Error) Code() string {
	for i := 0; i < len(e.msg); i++ {
		if e.msg[i] == ' ' {
			return e.msg[:i]
		}
	}
	return e.msg
}

// Errors the reply accessors return.
var (
	// ErrNil is returned when a nil reply is read as a number or boolean.
	ErrNil = errors.New("updraft: nil reply")
	// ErrType is returned when a reply cannot be read as the type asked
	// for: an array as an integer, or text that is not a number.
	ErrType = errors.New("updraft: reply has another type")
)

// parseReply parses the one reply in raw (a session's reply buffer) into a
// Reply that owns a copy of the bytes. An error reply is also returned as
// *Error.
func parseReply(raw []byte) (Reply, error) {
	if len(raw) == 0 {
		return Reply{}, nil
	}
	v, n, err := resp.ReadReply(append([]byte(nil), raw...))
	if err != nil || n == 0 {
		return Reply{}, errMalformed
	}
	r := Reply{v: v}
	return r, r.Err()
}

// errMalformed means the engine wrote bytes that are not one RESP reply,
// which is a bug in the engine.
var errMalformed = errors.New("updraft: malformed reply from the engine")

// IsNil reports whether the reply is nil: a null bulk string or array in
// RESP2, a null in RESP3, or no reply at all.
func (r Reply) IsNil() bool { return r.v.Null || r.v.Kind == 0 }

// Err returns the reply as an *Error when it is an error reply, else nil.
func (r Reply) Err() error {
	if r.v.Kind == resp.KindError || r.v.Kind == resp.KindBulkError {
		return &Error{msg: string(r.v.Str)}
	}
	return nil
}

// isArray reports whether the reply has elements: an array, or RESP3's
// set, push or map.
func (r Reply) isArray() bool {
	switch r.v.Kind {
	case resp.KindArray, resp.KindSet, resp.KindPush, resp.KindMap:
		return !r.v.Null
	}
	return false
}

// String returns the reply as text: a string reply's bytes, an error's
// text, an integer in decimal, a boolean as "1" or "0" (its RESP2 form), ""
// for nil, and an array's elements between brackets ("[a b]").
func (r Reply) String() string {
	switch {
	case r.IsNil():
		return ""
	case r.v.Kind == resp.KindInt || r.v.Kind == resp.KindBool:
		return strconv.FormatInt(r.v.Int, 10)
	case r.isArray():
		b := []byte{'['}
		for i, e := range r.v.Elems {
			if i > 0 {
				b = append(b, ' ')
			}
			b = append(b, Reply{v: e}.String()...)
		}
		return string(append(b, ']'))
	}
	return string(r.v.Str)
}

// Bytes returns a string reply's bytes (nil for nil, integers and arrays).
// The slice belongs to the reply: copy it before changing it.
func (r Reply) Bytes() []byte {
	if r.IsNil() || r.isArray() || r.v.Kind == resp.KindInt || r.v.Kind == resp.KindBool {
		return nil
	}
	return r.v.Str
}

// Int returns an integer reply, a boolean as 1 or 0, or a string reply
// holding an integer ("42"). It returns ErrNil for nil, the *Error for an
// error reply and ErrType otherwise.
func (r Reply) Int() (int64, error) {
	if err := r.scalar(); err != nil {
		return 0, err
	}
	switch r.v.Kind {
	case resp.KindInt, resp.KindBool:
		return r.v.Int, nil
	}
	n, err := strconv.ParseInt(string(r.v.Str), 10, 64)
	if err != nil {
		return 0, ErrType
	}
	return n, nil
}

// Float returns a double reply (RESP3), or a string or integer reply
// holding a number, as RESP2 sends doubles ("3.5", "inf"). It returns
// ErrNil for nil, the *Error for an error reply and ErrType otherwise.
func (r Reply) Float() (float64, error) {
	if err := r.scalar(); err != nil {
		return 0, err
	}
	switch r.v.Kind {
	case resp.KindInt, resp.KindBool:
		return float64(r.v.Int), nil
	}
	f, err := strconv.ParseFloat(string(r.v.Str), 64)
	if err != nil && !math.IsInf(f, 0) {
		return 0, ErrType
	}
	return f, nil
}

// Bool returns a boolean reply (RESP3) or an integer reply (RESP2's form
// of a boolean) as n != 0. It returns ErrNil for nil, the *Error for an
// error reply and ErrType otherwise.
func (r Reply) Bool() (bool, error) {
	if err := r.scalar(); err != nil {
		return false, err
	}
	switch r.v.Kind {
	case resp.KindInt, resp.KindBool:
		return r.v.Int != 0, nil
	}
	return false, ErrType
}

// scalar returns why the reply cannot be read as a number, if it cannot.
func (r Reply) scalar() error {
	switch {
	case r.IsNil():
		return ErrNil
	case r.isArray():
		return ErrType
	}
	return r.Err()
}

// Len returns the number of elements of an array reply (a map's keys and
// values both count), 0 for other replies.
func (r Reply) Len() int {
	if !r.isArray() {
		return 0
	}
	return len(r.v.Elems)
}

// At returns element i of an array reply, as Array()[i] without the copy.
// It panics when i is out of range.
func (r Reply) At(i int) Reply { return Reply{v: r.v.Elems[i]} }

// Array returns the elements of an array reply, and of RESP3's set, push
// and map replies (keys and values alternating, as RESP2 sends a map). It
// returns nil for other replies, the null array included. Each call
// allocates the slice; Len and At do not.
func (r Reply) Array() []Reply {
	if !r.isArray() {
		return nil
	}
	out := make([]Reply, len(r.v.Elems))
	for i, e := range r.v.Elems {
		out[i] = Reply{v: e}
	}
	return out
}

// Map returns a map reply (RESP3), or an array of keys and values
// alternating (RESP2's form of the same reply: HGETALL, CONFIG GET), keyed
// by the keys' text. It returns nil for other replies.
func (r Reply) Map() map[string]Reply {
	if !r.isArray() || len(r.v.Elems)%2 != 0 {
		return nil
	}
	m := make(map[string]Reply, len(r.v.Elems)/2)
	for i := 0; i < len(r.v.Elems); i += 2 {
		m[Reply{v: r.v.Elems[i]}.String()] = Reply{v: r.v.Elems[i+1]}
	}
	return m
}
