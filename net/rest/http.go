package rest

// request is one parsed HTTP/1.1 request head. Its slices point into the
// input buffer and are valid until the request has been answered.
type request struct {
	method     []byte
	path       []byte // raw, not yet percent-decoded
	query      []byte // after '?', raw
	http10     bool
	keepAlive  bool
	chunked    bool
	expect100  bool
	contentLen int64 // -1 when absent

	auth      []byte // Authorization
	encoding  []byte // Upstash-Encoding
	format    []byte // Upstash-Response-Format
	origin    []byte // Origin
	reqHeader []byte // Access-Control-Request-Headers
	hasFormat bool

	headLen int // bytes of the head, blank line included
}

// Limits on requests, with the reasons for their defaults.
type Limits struct {
	// MaxHeaderBytes bounds the request line and headers together. 16 KB:
	// the SDK sends about 400 bytes; browsers' cookies stay far below.
	MaxHeaderBytes int
	// MaxHeaders bounds the header count. 100, as Go's net/http and nginx
	// effectively allow.
	MaxHeaders int
	// MaxBody is rest-max-request-size: Upstash's documented 10 MB.
	MaxBody int64
}

// DefaultLimits are the limits a plain server starts with.
var DefaultLimits = Limits{MaxHeaderBytes: 16 << 10, MaxHeaders: 100, MaxBody: 10 << 20}

// httpError is a request the parser refuses, with its status code. The
// connection is closed after the reply.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

var (
	errBadRequest     = &httpError{400, "ERR malformed HTTP request"}
	errBadVersion     = &httpError{505, "ERR HTTP version not supported"}
	errHeadTooLarge   = &httpError{431, "ERR request header too large"}
	errTooMany        = &httpError{431, "ERR too many request headers"}
	errBodyTooLarge   = &httpError{413, "ERR max request size exceeded"}
	errBadLength      = &httpError{400, "ERR invalid Content-Length"}
	errBadChunk       = &httpError{400, "ERR malformed chunked body"}
	errBadTransferEnc = &httpError{501, "ERR unsupported Transfer-Encoding"}
)

// parseHead parses a request head from the start of buf into r. It returns
// the head length, 0 when buf holds no whole head yet, or an error.
func parseHead(buf []byte, lim *Limits, r *request) (int, error) {
	end := indexHeadEnd(buf, lim.MaxHeaderBytes)
	if end < 0 {
		if len(buf) > lim.MaxHeaderBytes {
			return 0, errHeadTooLarge
		}
		return 0, nil
	}
	if end > lim.MaxHeaderBytes {
		return 0, errHeadTooLarge
	}
	*r = request{contentLen: -1, headLen: end}
	// Request line: METHOD SP target SP HTTP/1.x CRLF. Leading blank lines
	// are tolerated (RFC 9112 2.2).
	pos := 0
	for pos+1 < end && buf[pos] == '\r' && buf[pos+1] == '\n' {
		pos += 2
	}
	eol := indexCRLF(buf, pos, end)
	if eol < 0 {
		return 0, errBadRequest
	}
	line := buf[pos:eol]
	sp := indexByte(line, ' ')
	if sp <= 0 {
		return 0, errBadRequest
	}
	r.method = line[:sp]
	for _, c := range r.method {
		if c < 'A' || c > 'Z' {
			return 0, errBadRequest
		}
	}
	rest := line[sp+1:]
	sp = indexByte(rest, ' ')
	if sp <= 0 {
		return 0, errBadRequest
	}
	target, version := rest[:sp], rest[sp+1:]
	switch string(version) {
	case "HTTP/1.1":
		r.keepAlive = true
	case "HTTP/1.0":
		r.http10 = true
	default:
		if len(version) == 8 && string(version[:5]) == "HTTP/" {
			return 0, errBadVersion
		}
		return 0, errBadRequest
	}
	if target[0] != '/' {
		// Absolute form (proxies): keep the path only.
		i := indexString(target, "://")
		if i < 0 {
			if string(target) == "*" && string(r.method) == "OPTIONS" {
				target = target[:0]
			} else {
				return 0, errBadRequest
			}
		} else {
			j := indexByte(target[i+3:], '/')
			if j < 0 {
				target = target[len(target):]
			} else {
				target = target[i+3+j:]
			}
		}
	}
	for _, c := range target {
		if c <= ' ' || c == 0x7f {
			return 0, errBadRequest
		}
	}
	if q := indexByte(target, '?'); q >= 0 {
		r.path, r.query = target[:q], target[q+1:]
	} else {
		r.path = target
	}
	pos = eol + 2
	count := 0
	for pos < end-2 {
		eol = indexCRLF(buf, pos, end)
		if eol < 0 {
			return 0, errBadRequest
		}
		if eol == pos {
			break
		}
		count++
		if count > lim.MaxHeaders {
			return 0, errTooMany
		}
		if err := r.header(buf[pos:eol]); err != nil {
			return 0, err
		}
		pos = eol + 2
	}
	return end, nil
}

// header records one "Name: value" line.
func (r *request) header(h []byte) error {
	colon := indexByte(h, ':')
	if colon <= 0 {
		return errBadRequest
	}
	name := h[:colon]
	for _, c := range name {
		if c <= ' ' || c >= 0x7f || c == '(' || c == ')' || c == ',' || c == '"' {
			return errBadRequest // also refuses "Name :" (RFC 9112 5.1)
		}
	}
	v := trimSpace(h[colon+1:])
	switch len(name) {
	case 6:
		if eqFold(name, "origin") {
			r.origin = v
		} else if eqFold(name, "expect") {
			if !eqFold(v, "100-continue") {
				return &httpError{417, "ERR unsupported Expect"}
			}
			r.expect100 = true
		}
	case 6 + 4:
		if eqFold(name, "connection") {
			if containsToken(v, "close") {
				r.keepAlive = false
			} else if containsToken(v, "keep-alive") {
				r.keepAlive = true
			}
		}
	case 6 + 7:
		if eqFold(name, "authorization") {
			r.auth = v
		}
	case 14:
		if eqFold(name, "content-length") {
			if r.contentLen >= 0 || r.chunked {
				return errBadLength // duplicates and CL with TE: smuggling risks
			}
			n, ok := parseDecimal(v)
			if !ok {
				return errBadLength
			}
			r.contentLen = n
		}
	case 17:
		if eqFold(name, "transfer-encoding") {
			if r.contentLen >= 0 {
				return errBadLength
			}
			if !eqFold(v, "chunked") {
				return errBadTransferEnc
			}
			r.chunked = true
		}
	case 16:
		if eqFold(name, "upstash-encoding") {
			r.encoding = v
		}
	case 23:
		if eqFold(name, "upstash-response-format") {
			r.format, r.hasFormat = v, true
		}
	case 30:
		if eqFold(name, "access-control-request-headers") {
			r.reqHeader = v
		}
	}
	return nil
}

// readChunked decodes a chunked body from the start of buf, appending the
// data to dst. It returns the bytes used, 0 when incomplete.
func readChunked(buf []byte, dst []byte, max int64) ([]byte, int, error) {
	pos := 0
	start := len(dst)
	for {
		eol := indexCRLF(buf, pos, len(buf))
		if eol < 0 {
			if len(buf)-pos > 1024 {
				return dst[:start], 0, errBadChunk
			}
			return dst[:start], 0, nil
		}
		line := buf[pos:eol]
		if i := indexByte(line, ';'); i >= 0 {
			line = line[:i] // chunk extensions are ignored
		}
		line = trimSpace(line)
		size, ok := parseHex(line)
		if !ok {
			return dst[:start], 0, errBadChunk
		}
		pos = eol + 2
		if size == 0 {
			// Trailers, then the blank line.
			for {
				eol = indexCRLF(buf, pos, len(buf))
				if eol < 0 {
					if len(buf)-pos > 8192 {
						return dst[:start], 0, errBadChunk
					}
					return dst[:start], 0, nil
				}
				if eol == pos {
					return dst, eol + 2, nil
				}
				pos = eol + 2
			}
		}
		if int64(len(dst)-start)+size > max {
			return dst[:start], 0, errBodyTooLarge
		}
		if int64(len(buf)-pos) < size+2 {
			return dst[:start], 0, nil
		}
		end := pos + int(size)
		if buf[end] != '\r' || buf[end+1] != '\n' {
			return dst[:start], 0, errBadChunk
		}
		dst = append(dst, buf[pos:end]...)
		pos = end + 2
	}
}

// indexHeadEnd returns the length of the head (through the blank line), or
// -1 when it has not all arrived; it looks no further than max+4 bytes.
func indexHeadEnd(buf []byte, max int) int {
	n := len(buf)
	if n > max+4 {
		n = max + 4
	}
	for i := 3; i < n; i++ {
		if buf[i] == '\n' && buf[i-1] == '\r' && buf[i-2] == '\n' && buf[i-3] == '\r' {
			return i + 1
		}
	}
	return -1
}

func indexCRLF(b []byte, from, to int) int {
	for i := from; i+1 < to; i++ {
		if b[i] == '\r' && b[i+1] == '\n' {
			return i
		}
	}
	return -1
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

func indexString(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		if string(b[i:i+len(s)]) == s {
			return i
		}
	}
	return -1
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// eqFold compares b with the lower-case ASCII s, ignoring case.
func eqFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range b {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// containsToken reports whether the comma list v holds tok (any case).
func containsToken(v []byte, tok string) bool {
	for len(v) > 0 {
		i := indexByte(v, ',')
		var part []byte
		if i < 0 {
			part, v = v, nil
		} else {
			part, v = v[:i], v[i+1:]
		}
		if eqFold(trimSpace(part), tok) {
			return true
		}
	}
	return false
}

func parseDecimal(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

func parseHex(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 15 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			n = n<<4 | int64(c-'0')
		case 'a' <= c && c <= 'f':
			n = n<<4 | int64(c-'a'+10)
		case 'A' <= c && c <= 'F':
			n = n<<4 | int64(c-'A'+10)
		default:
			return 0, false
		}
	}
	return n, true
}
