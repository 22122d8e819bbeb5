package rest

import (
	"crypto/subtle"

	"github.com/updraftdb/updraft/engine"
)

// Routing and execution of one whole request (spec sections 1 to 6).

// Whole-request errors of the REST layer.
var (
	msgUnauthorized = []byte("WRONGPASS invalid or missing auth token")
	msgMethod       = []byte("ERR method not allowed")
	msgEncoding     = []byte("ERR invalid Upstash-Encoding header: only base64 is supported")
	msgFormat       = []byte("ERR invalid Upstash-Response-Format header: json or resp2 expected")
	msgFormatB64    = []byte("ERR Upstash-Response-Format resp2 cannot be combined with Upstash-Encoding base64")
	msgBadPath      = []byte("ERR malformed percent-encoding in the URL")
)

// mode is how the current request wants its replies.
type mode struct {
	b64      bool // Upstash-Encoding: base64
	raw      bool // Upstash-Response-Format: resp2
	readOnly bool // authenticated with the read-only token
}

// route answers one whole request into st.out. It returns false when the
// request waits in a blocking command; it is routed again once woken.
func (st *Conn) route(req *request, body []byte) bool {
	s := st.s
	switch string(req.method) {
	case "GET", "POST", "PUT", "HEAD":
	case "OPTIONS":
		st.out = s.appendPreflight(st.out, req)
		return true
	default:
		st.out = s.appendError(st.out, req, 405, msgMethod)
		return true
	}
	var md mode
	switch s.authorize(req, &st.p) {
	case authFull:
	case authReadOnly:
		md.readOnly = true
	default:
		st.out = s.appendError(st.out, req, 401, msgUnauthorized)
		return true
	}
	if len(req.encoding) > 0 {
		if !eqFold(req.encoding, "base64") {
			st.out = s.appendError(st.out, req, 400, msgEncoding)
			return true
		}
		md.b64 = true
	}
	if req.hasFormat {
		switch {
		case eqFold(req.format, "resp2"):
			md.raw = true
		case eqFold(req.format, "json"):
		default:
			st.out = s.appendError(st.out, req, 400, msgFormat)
			return true
		}
		if md.raw && md.b64 {
			st.out = s.appendError(st.out, req, 400, msgFormatB64)
			return true
		}
	}
	path := req.path
	switch {
	case len(path) <= 1:
		if err := st.p.parseCommand(body); err != nil {
			st.out = s.appendError(st.out, req, 400, []byte(err.Error()))
			return true
		}
		return st.runOne(req, md)
	case string(path) == "/pipeline":
		if err := st.p.parsePipeline(body); err != nil {
			st.out = s.appendError(st.out, req, 400, []byte(err.Error()))
			return true
		}
		return st.runPipeline(req, md)
	case string(path) == "/multi-exec":
		if err := st.p.parsePipeline(body); err != nil {
			st.out = s.appendError(st.out, req, 400, []byte(err.Error()))
			return true
		}
		md.raw = false // always JSON (spec section 5)
		return st.runMulti(req, md)
	case hasPrefix(path, "/subscribe/"), hasPrefix(path, "/psubscribe/"), string(path) == "/monitor":
		st.startStream(req, md)
		return true
	case hasPrefix(path, "/vector/") && s.opts.Vector != nil:
		return st.routeVector(req, body, md)
	}
	if !st.p.parsePath(path, req.query, body) {
		st.out = s.appendError(st.out, req, 400, msgBadPath)
		return true
	}
	if len(st.p.args) == 0 {
		st.out = s.appendError(st.out, req, 400, []byte(errJSONEmpty.msg))
		return true
	}
	return st.runOne(req, md)
}

// Authorization outcomes.
const (
	authNone = iota
	authFull
	authReadOnly
)

// authorize checks the bearer token or the _token query parameter in
// constant time. A server with no token configured lets everyone in.
func (s *Server) authorize(req *request, p *cmdParser) int {
	if len(s.token) == 0 && len(s.roToken) == 0 {
		return authFull
	}
	var tok []byte
	if len(req.auth) > 7 && eqFold(req.auth[:7], "bearer ") {
		tok = trimSpace(req.auth[7:])
	} else if v, ok := queryParam(req.query, "_token", &p.scratch); ok {
		tok = v
	}
	if tok == nil {
		return authNone
	}
	full := len(s.token) > 0 && subtle.ConstantTimeCompare(tok, s.token) == 1
	ro := len(s.roToken) > 0 && subtle.ConstantTimeCompare(tok, s.roToken) == 1
	switch {
	case full:
		return authFull
	case ro:
		return authReadOnly
	}
	return authNone
}

// exec runs one command, unless it is refused over REST, leaving its reply
// in the client's writer. It returns false when the command blocked.
func (st *Conn) exec(args [][]byte, md mode) bool {
	cl := st.cl
	cl.W.Buf = cl.W.Buf[:0]
	cmd := engine.LookupCommand(args[0])
	if msg := refuse(cmd, args, md.readOnly); msg != "" {
		cl.W.Error(msg)
		return true
	}
	if st.quirk(args) {
		return true
	}
	if cmd != nil && cmd.OffLoop() && !st.s.e.ScriptKnownQuick(args) {
		// A script may run for long: off the event loop, so that the
		// loop's other connections are served (and get BUSY past
		// busy-reply-threshold, as in Redis) meanwhile.
		st.runScript(args)
		return false
	}
	st.s.e.Exec(cl, args)
	if cl.BlockPending() {
		return false
	}
	if cmd != nil && cmd.Flags&(engine.FlagWrite|engine.FlagMayReplicate) != 0 {
		st.s.bumpSync()
	}
	return true
}

// runOne runs a single command and answers {"result": ...} or
// {"error": ...}.
func (st *Conn) runOne(req *request, md mode) bool {
	if st.blocked {
		st.blocked = false // woken: the reply is in the writer
		if cmd := engine.LookupCommand(st.p.args[0]); cmd != nil && cmd.Flags&engine.FlagWrite != 0 {
			st.s.bumpSync()
		}
	} else if !st.exec(st.p.args, md) {
		st.blocked = true
		return false
	}
	reply := st.cl.W.Buf
	code := 200
	if replyIsError(reply) {
		code = 400
	}
	if md.raw {
		st.out = st.s.appendBody(st.out, req, code, ctBinary, reply)
		return true
	}
	if code != 200 {
		st.out = st.s.appendError(st.out, req, code, errorText(reply))
		return true
	}
	b := append(st.body[:0], `{"result":`...)
	b, _ = appendReplyJSON(b, reply, md.b64, true, 0)
	st.body = append(b, '}')
	st.out = st.s.appendBody(st.out, req, 200, ctJSON, st.body)
	return true
}

// runPipeline runs the commands in order, answering one item each; a
// blocking command parks the request and it resumes where it stopped.
func (st *Conn) runPipeline(req *request, md mode) bool {
	p := &st.p
	resume := st.blocked
	if !resume {
		st.done = 0
		st.body = st.body[:0]
		if !md.raw {
			st.body = append(st.body, '[')
		}
	}
	for i := st.done; i < len(p.cmds); i++ {
		start := 0
		if i > 0 {
			start = p.cmds[i-1]
		}
		args := p.args[start:p.cmds[i]]
		if resume {
			resume, st.blocked = false, false
		} else if !st.exec(args, md) {
			st.blocked = true
			return false
		}
		st.body = appendItem(st.body, st.cl.W.Buf, i, md)
		st.done = i + 1
	}
	if !md.raw {
		st.body = append(st.body, ']')
	}
	st.s.bumpSync()
	ct := ctJSON
	if md.raw {
		ct = ctBinary
	}
	st.out = st.s.appendBody(st.out, req, 200, ct, st.body)
	return true
}

// appendItem appends one pipeline item: {"result":...} or, for a failed
// command, only {"error":...}.
func appendItem(b, reply []byte, i int, md mode) []byte {
	if md.raw {
		return append(b, reply...)
	}
	if i > 0 {
		b = append(b, ',')
	}
	if replyIsError(reply) {
		b = append(b, `{"error":`...)
		b = appendJSONString(b, errorText(reply))
		return append(b, '}')
	}
	b = append(b, `{"result":`...)
	b, _ = appendReplyJSON(b, reply, md.b64, true, 0)
	return append(b, '}')
}

// runMulti runs the commands as one MULTI/EXEC transaction. A command
// refused before it runs discards the whole transaction with a 400.
func (st *Conn) runMulti(req *request, md mode) bool {
	s, p, cl := st.s, &st.p, st.cl
	for i := range p.cmds {
		start := 0
		if i > 0 {
			start = p.cmds[i-1]
		}
		args := p.args[start:p.cmds[i]]
		if msg := refuse(engine.LookupCommand(args[0]), args, md.readOnly); msg != "" {
			st.out = s.appendError(st.out, req, 400, []byte(msg))
			return true
		}
	}
	if engine.LookupCommand([]byte("multi")) == nil {
		// An engine without transactions: run the commands in order.
		return st.runPipeline(req, md)
	}
	cl.W.Buf = cl.W.Buf[:0]
	s.e.Exec(cl, [][]byte{[]byte("MULTI")})
	if replyIsError(cl.W.Buf) {
		st.out = s.appendError(st.out, req, 400, errorText(cl.W.Buf))
		return true
	}
	var queueErr []byte
	for i := range p.cmds {
		start := 0
		if i > 0 {
			start = p.cmds[i-1]
		}
		cl.W.Buf = cl.W.Buf[:0]
		s.e.Exec(cl, p.args[start:p.cmds[i]])
		if queueErr == nil && replyIsError(cl.W.Buf) {
			queueErr = append([]byte(nil), errorText(cl.W.Buf)...)
		}
	}
	cl.W.Buf = cl.W.Buf[:0]
	s.e.Exec(cl, [][]byte{[]byte("EXEC")})
	s.bumpSync()
	reply := cl.W.Buf
	if replyIsError(reply) || len(reply) < 2 || reply[0] != '*' || reply[1] == '-' {
		if queueErr == nil {
			if replyIsError(reply) {
				queueErr = errorText(reply)
			} else {
				queueErr = []byte("EXECABORT Transaction discarded")
			}
		}
		st.out = s.appendError(st.out, req, 400, queueErr)
		return true
	}
	// Walk EXEC's array: one item per element.
	eol := indexCRLF(reply, 1, len(reply))
	count, _ := parseSigned(reply[1:eol])
	pos := eol + 2
	b := append(st.body[:0], '[')
	for i := 0; i < int(count) && pos < len(reply); i++ {
		n := replyLen(reply[pos:])
		b = appendItem(b, reply[pos:pos+n], i, md)
		pos += n
	}
	st.body = append(b, ']')
	st.out = s.appendBody(st.out, req, 200, ctJSON, st.body)
	return true
}

func hasPrefix(b []byte, p string) bool {
	return len(b) >= len(p) && string(b[:len(p)]) == p
}
