package resp

import (
	"errors"
	"math"
)

// Limits applied by ReadCommand, with Redis's defaults.
type Limits struct {
	// MaxBulkLen is proto-max-bulk-len: the largest argument accepted.
	MaxBulkLen int64
	// MaxMultibulkLen is the most arguments one command may have.
	MaxMultibulkLen int64
}

// DefaultLimits are redis-server 7's defaults: proto-max-bulk-len 512 MB,
// and multibulk counts up to INT_MAX.
var DefaultLimits = Limits{MaxBulkLen: 512 << 20, MaxMultibulkLen: math.MaxInt32}

// InlineMax is PROTO_INLINE_MAX_SIZE: the longest inline command, and the
// longest count line of a multibulk frame.
const InlineMax = 64 * 1024

// Protocol errors, each with the text redis-server replies before it closes
// the connection.
var (
	ErrTooBigInline     = errors.New("Protocol error: too big inline request")
	ErrUnbalancedQuotes = errors.New("Protocol error: unbalanced quotes in request")
	ErrTooBigMbulkCount = errors.New("Protocol error: too big mbulk count string")
	ErrInvalidMbulkLen  = errors.New("Protocol error: invalid multibulk length")
	ErrTooBigBulkCount  = errors.New("Protocol error: too big bulk count string")
	ErrInvalidBulkLen   = errors.New("Protocol error: invalid bulk length")
)

// ExpectedDollarError is the error for a multibulk element that does not
// start with '$'.
type ExpectedDollarError struct{ Got byte }

func (e ExpectedDollarError) Error() string {
	return "Protocol error: expected '$', got '" + string([]byte{e.Got}) + "'"
}

// ReadCommand parses one command from the start of buf.
//
// It returns the arguments (appended to args[:0], pointing into buf or, for
// inline commands with escapes, into scratch), the number of bytes consumed,
// and a protocol error. n <= 0 with a nil error means buf holds an incomplete
// frame; n < 0 then says the frame needs at least -n bytes in all, so a
// caller receiving a big argument need not parse again until they are there. An empty command (blank inline line, "*0") returns n > 0 and no
// arguments; the caller skips it.
func ReadCommand(buf []byte, args [][]byte, scratch *[]byte, lim Limits) (out [][]byte, n int, err error) {
	if len(buf) == 0 {
		return args[:0], 0, nil
	}
	if buf[0] != '*' {
		return readInline(buf, args, scratch)
	}
	return readMultibulk(buf, args, lim)
}

// readMultibulk parses "*<n>\r\n" followed by n "$<len>\r\n<bytes>\r\n".
func readMultibulk(buf []byte, args [][]byte, lim Limits) ([][]byte, int, error) {
	args = args[:0]
	nl := indexCR(buf, 1)
	if nl < 0 {
		if len(buf) > InlineMax {
			return args, 0, ErrTooBigMbulkCount
		}
		return args, 0, nil
	}
	count, ok := parseInt(buf[1:nl])
	if !ok || count > lim.MaxMultibulkLen {
		return args, 0, ErrInvalidMbulkLen
	}
	pos := nl + 2
	if count <= 0 {
		return args, pos, nil
	}
	for i := int64(0); i < count; i++ {
		if pos >= len(buf) {
			return args[:0], incomplete(pos, count-i, len(buf)), nil
		}
		nl = indexCR(buf, pos)
		if nl < 0 {
			if len(buf)-pos > InlineMax {
				return args[:0], 0, ErrTooBigBulkCount
			}
			return args[:0], incomplete(pos, count-i, len(buf)), nil
		}
		if buf[pos] != '$' {
			return args[:0], 0, ExpectedDollarError{Got: buf[pos]}
		}
		size, ok := parseInt(buf[pos+1 : nl])
		if !ok || size < 0 || size > lim.MaxBulkLen {
			return args[:0], 0, ErrInvalidBulkLen
		}
		start := nl + 2
		if size > int64(len(buf)) {
			// Cannot be complete yet; say how much is needed without
			// overflowing when the limit allows lengths near MaxInt64.
			if size > int64(math.MaxInt/2-start-2) {
				return args[:0], -math.MaxInt, nil
			}
			return args[:0], incomplete(start+int(size)+2, count-i-1, len(buf)), nil
		}
		end := int64(start) + size
		if end+2 > int64(len(buf)) {
			return args[:0], incomplete(int(end+2), count-i-1, len(buf)), nil
		}
		args = append(args, buf[start:end:end])
		pos = int(end) + 2
	}
	return args, pos, nil
}

// minBulkFrame is the smallest encoded argument, "$0\r\n\r\n".
const minBulkFrame = 6

// incomplete returns the n < 0 that tells the caller an incomplete frame
// needs at least have bytes plus the smallest encoding of the arguments
// still to come. It is a lower bound, so waiting for it never stalls a
// frame that is complete; and a command of many small arguments arriving
// in pieces is parsed a bounded number of times instead of once per read.
// It is always more than bufLen: an incomplete frame needs another byte.
func incomplete(have int, argsLeft int64, bufLen int) int {
	if argsLeft > int64(math.MaxInt/2-have)/minBulkFrame {
		return -math.MaxInt
	}
	need := have + int(argsLeft)*minBulkFrame
	if need <= bufLen {
		need = bufLen + 1
	}
	return -need
}

// indexCR finds the '\r' that ends a count line at or after from, or -1 when
// the line is not complete yet. Like redis-server, the line ends at the first
// '\r' and the byte after it (normally '\n') is skipped unchecked; the frame
// is complete only once that byte has arrived. redis-server finds the '\r'
// with strchr, so a NUL byte before it leaves the line incomplete too.
func indexCR(buf []byte, from int) int {
	for i := from; i < len(buf); i++ {
		if buf[i] == 0 {
			return -1
		}
		if buf[i] == '\r' {
			if i+1 < len(buf) {
				return i
			}
			return -1
		}
	}
	return -1
}

// parseInt parses a decimal int64 the way Redis's string2ll does: optional
// '-', no '+', no leading zeros, no spaces, no overflow.
func parseInt(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 20 {
		return 0, false
	}
	if len(b) == 1 && b[0] == '0' {
		return 0, true
	}
	neg := false
	i := 0
	if b[0] == '-' {
		neg = true
		i = 1
		if len(b) == 1 {
			return 0, false
		}
	}
	if b[i] < '1' || b[i] > '9' {
		return 0, false
	}
	var v uint64
	for ; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if v > (1<<64-1)/10 {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
		if v < uint64(c-'0') {
			return 0, false
		}
	}
	if neg {
		if v > 1<<63 {
			return 0, false
		}
		return -int64(v), true
	}
	if v > 1<<63-1 {
		return 0, false
	}
	return int64(v), true
}
