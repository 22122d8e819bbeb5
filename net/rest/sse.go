package rest

// Server-Sent Events for /subscribe/{channel}, /psubscribe/{pattern} and
// /monitor (spec section 7): the subscription runs on the connection's
// engine client, whose Push delivers messages out of band; each RESP
// message becomes one "data: " line, its parts joined by commas, payloads
// raw (never base64). The subscription ends with the connection.

var msgStreamArg = []byte("ERR missing channel or pattern in the URL")

// startStream subscribes (or starts MONITOR) and sends the stream's head
// and first event.
func (st *Conn) startStream(req *request, md mode) {
	s, p, cl := st.s, &st.p, st.cl
	var args [][]byte
	path := req.path
	switch {
	case hasPrefix(path, "/subscribe/"):
		args = append(args, []byte("SUBSCRIBE"))
		path = path[len("/subscribe/"):]
	case hasPrefix(path, "/psubscribe/"):
		args = append(args, []byte("PSUBSCRIBE"))
		path = path[len("/psubscribe/"):]
	default:
		args = append(args, []byte("MONITOR"))
		path = nil
	}
	if args[0][0] != 'M' {
		p.scratch = p.scratch[:0]
		ch, ok := percentDecode(nil, path, false)
		if !ok || len(ch) == 0 {
			st.out = s.appendError(st.out, req, 400, msgStreamArg)
			return
		}
		args = append(args, ch)
	}
	cl.W.Buf = cl.W.Buf[:0]
	st.streaming.Store(true) // from here on, messages are pushed
	s.e.Exec(cl, args)
	if replyIsError(cl.W.Buf) || len(cl.W.Buf) == 0 {
		st.streaming.Store(false)
		if len(cl.W.Buf) == 0 {
			cl.W.Error("ERR subscription failed")
		}
		st.out = s.appendError(st.out, req, 400, errorText(cl.W.Buf))
		return
	}
	st.stream = true
	st.out = s.appendHead(st.out, req, 200, ctSSE, -1)
	// Cache-Control goes in the head: insert before the blank line.
	st.out = append(st.out[:len(st.out)-2], "Cache-Control: no-cache\r\n\r\n"...)
	if args[0][0] == 'M' {
		st.out = append(st.out, "data: \"OK\"\n\n"...)
		return
	}
	st.out = appendSSE(st.out, cl.W.Buf)
}

// appendSSE turns RESP messages into "data: a,b,c" events.
func appendSSE(dst, b []byte) []byte {
	for len(b) > 0 {
		n := replyLen(b)
		if n <= 0 {
			break
		}
		dst = appendEvent(dst, b[:n])
		b = b[n:]
	}
	return dst
}

func appendEvent(dst, b []byte) []byte {
	eol := indexCRLF(b, 1, len(b))
	if eol < 0 {
		return dst
	}
	dst = append(dst, "data: "...)
	switch b[0] {
	case '*', '>':
		count, _ := parseSigned(b[1:eol])
		pos := eol + 2
		for i := int64(0); i < count && pos < len(b); i++ {
			if i > 0 {
				dst = append(dst, ',')
			}
			n := replyLen(b[pos:])
			dst = appendPart(dst, b[pos:pos+n])
			pos += n
		}
	default:
		dst = appendPart(dst, b)
	}
	return append(dst, '\n', '\n')
}

// appendPart appends a scalar reply's text.
func appendPart(dst, b []byte) []byte {
	if len(b) > 0 && b[0] == '$' {
		s, _, _ := readBulkBody(b)
		return append(dst, s...)
	}
	eol := indexCRLF(b, 1, len(b))
	if eol < 0 {
		return dst
	}
	return append(dst, b[1:eol]...)
}
