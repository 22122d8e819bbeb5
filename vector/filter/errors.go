package filter

import (
	"errors"
	"strconv"
	"unicode/utf8"
)

// ErrInvalid is matched (errors.Is) by every error Parse returns.
var ErrInvalid = errors.New("invalid filter")

// ErrEmpty is returned by Parse for a filter that is empty or only blanks;
// callers treat an empty filter as "no filter" before calling Parse.
var ErrEmpty = errors.New("empty filter")

// ErrBadDoc is returned by Encode for metadata that is not valid JSON or
// is too large to encode.
var ErrBadDoc = errors.New("invalid metadata")

// SyntaxError is a filter that does not parse. Line is 1-based, Col is the
// 0-based character (rune) column within that line, Offset the byte offset
// in the filter; Msg says what was wrong.
type SyntaxError struct {
	Line, Col, Offset int
	Msg               string
}

// Error formats the error as the hosted service does:
// "Invalid filter. At line 1:24 <message>".
func (e *SyntaxError) Error() string {
	return "Invalid filter. At line " + strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Col) + " " + e.Msg
}

// Is makes errors.Is(err, ErrInvalid) true for every SyntaxError.
func (e *SyntaxError) Is(target error) bool { return target == ErrInvalid }

// newSyntaxError locates byte offset off in src as line and column.
func newSyntaxError(src string, off int, msg string) *SyntaxError {
	if off > len(src) {
		off = len(src)
	}
	line, col := 1, 0
	for i := 0; i < off; {
		r, w := utf8.DecodeRuneInString(src[i:])
		i += w
		if r == '\n' {
			line++
			col = 0
		} else {
			col++
		}
	}
	return &SyntaxError{Line: line, Col: col, Offset: off, Msg: msg}
}
