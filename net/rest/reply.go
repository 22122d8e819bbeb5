package rest

import (
	"encoding/base64"
	"unicode/utf8"
)

// Replies: the RESP bytes the engine wrote for a command, turned into the
// JSON Upstash sends (spec section 3): strings, integers, null, arrays in
// RESP2 shapes (maps flattened, doubles as strings), without building a
// tree.

// replyIsError reports whether the RESP reply in b is an error.
func replyIsError(b []byte) bool {
	return len(b) > 0 && (b[0] == '-' || b[0] == '!')
}

// errorText returns the text of an error reply ("-ERR x\r\n" → "ERR x").
func errorText(b []byte) []byte {
	if b[0] == '!' {
		s, _, ok := readBulkBody(b)
		if ok {
			return s
		}
		return nil
	}
	end := indexCRLF(b, 1, len(b))
	if end < 0 {
		return b[1:]
	}
	return b[1:end]
}

// appendReplyJSON appends the JSON of one RESP reply at the start of b. It
// returns the bytes used (0 for malformed input, never produced by the
// engine). Base64 mode encodes every string except a top-level status OK;
// nested errors become their text.
func appendReplyJSON(dst, b []byte, b64, top bool, depth int) ([]byte, int) {
	if len(b) < 3 || depth > 64 {
		return append(dst, "null"...), len(b)
	}
	eol := indexCRLF(b, 1, len(b))
	if eol < 0 {
		return append(dst, "null"...), len(b)
	}
	line := b[1:eol]
	next := eol + 2
	switch b[0] {
	case '+':
		if b64 && !(top && string(line) == "OK") {
			return appendB64(dst, line), next
		}
		return appendJSONString(dst, line), next
	case '-':
		return appendJSONString(dst, line), next
	case ':':
		return append(dst, line...), next
	case ',', '(':
		// RESP3 doubles and big numbers: strings, as RESP2 sends them.
		if b64 {
			return appendB64(dst, line), next
		}
		return appendJSONString(dst, line), next
	case '#':
		if len(line) == 1 && line[0] == 't' {
			return append(dst, '1'), next
		}
		return append(dst, '0'), next
	case '_':
		return append(dst, "null"...), next
	case '$', '!', '=':
		s, n, ok := readBulkBody(b)
		if !ok {
			return append(dst, "null"...), n
		}
		if s == nil {
			return append(dst, "null"...), n
		}
		if b[0] == '=' && len(s) >= 4 {
			s = s[4:]
		}
		if b64 && b[0] != '!' {
			return appendB64(dst, s), n
		}
		return appendJSONString(dst, s), n
	case '*', '~', '>', '%':
		count, ok := parseSigned(line)
		if !ok {
			return append(dst, "null"...), len(b)
		}
		if count < 0 {
			return append(dst, "null"...), next
		}
		if b[0] == '%' {
			count *= 2
		}
		dst = append(dst, '[')
		pos := next
		for i := int64(0); i < count; i++ {
			if i > 0 {
				dst = append(dst, ',')
			}
			var n int
			dst, n = appendReplyJSON(dst, b[pos:], b64, false, depth+1)
			pos += n
			if pos > len(b) {
				pos = len(b)
			}
		}
		return append(dst, ']'), pos
	case '|':
		// An attribute: skip it, the reply follows.
		count, _ := parseSigned(line)
		pos := next
		for i := int64(0); i < 2*count && pos < len(b); i++ {
			pos += replyLen(b[pos:])
		}
		dst, n := appendReplyJSON(dst, b[pos:], b64, top, depth)
		return dst, pos + n
	}
	return append(dst, "null"...), len(b)
}

// replyLen returns the length of the RESP reply at the start of b.
func replyLen(b []byte) int {
	_, n := appendReplyJSON(nil, b, false, false, 0)
	return n
}

// readBulkBody reads "$<n>\r\n<bytes>\r\n"; s is nil for "$-1".
func readBulkBody(b []byte) (s []byte, n int, ok bool) {
	eol := indexCRLF(b, 1, len(b))
	if eol < 0 {
		return nil, len(b), false
	}
	size, ok := parseSigned(b[1:eol])
	if !ok {
		return nil, len(b), false
	}
	if size < 0 {
		return nil, eol + 2, true
	}
	start := eol + 2
	end := start + int(size)
	if end+2 > len(b) {
		return nil, len(b), false
	}
	return b[start:end:end], end + 2, true
}

func parseSigned(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	n, ok := parseDecimal(b)
	if neg {
		n = -n
	}
	return n, ok
}

// appendB64 appends s as a base64 JSON string.
func appendB64(dst, s []byte) []byte {
	dst = append(dst, '"')
	n := base64.StdEncoding.EncodedLen(len(s))
	l := len(dst)
	dst = growBy(dst, n)
	base64.StdEncoding.Encode(dst[l:l+n], s)
	return append(dst, '"')
}

func growBy(b []byte, n int) []byte {
	if cap(b)-len(b) < n {
		nb := make([]byte, len(b), 2*cap(b)+n)
		copy(nb, b)
		b = nb
	}
	return b[:len(b)+n]
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string; invalid UTF-8 becomes
// U+FFFD, as Upstash does outside base64 mode.
func appendJSONString(dst, s []byte) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, "\ufffd"...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
