package rest

// The path form of a command: /cmd/arg1/arg2?k=v, percent-decoded, with a
// raw request body appended as the last path argument (spec section 1).

// parsePath fills p.args from the path segments, the body (when not
// empty) and the query pairs except _token. It returns false for bad
// percent-encoding.
func (p *cmdParser) parsePath(path, query, body []byte) bool {
	p.refs, p.scratch, p.args, p.cmds = p.refs[:0], p.scratch[:0], p.args[:0], p.cmds[:0]
	if len(path) > 0 && path[0] == '/' {
		path = path[1:]
	}
	if len(path) > 0 && path[len(path)-1] == '/' {
		path = path[:len(path)-1]
	}
	for len(path) > 0 {
		i := indexByte(path, '/')
		seg := path
		if i >= 0 {
			seg, path = path[:i], path[i+1:]
		} else {
			path = nil
		}
		if !p.decodeArg(seg, false) {
			return false
		}
	}
	bodyAt := len(p.refs)
	for len(query) > 0 {
		i := indexByte(query, '&')
		pair := query
		if i >= 0 {
			pair, query = query[:i], query[i+1:]
		} else {
			query = nil
		}
		if len(pair) == 0 {
			continue
		}
		k, v, hasV := pair, []byte(nil), false
		if j := indexByte(pair, '='); j >= 0 {
			k, v, hasV = pair[:j], pair[j+1:], true
		}
		if string(k) == "_token" {
			continue
		}
		if !p.decodeArg(k, true) {
			return false
		}
		if hasV && !p.decodeArg(v, true) {
			return false
		}
	}
	p.resolve(nil)
	if len(body) > 0 {
		// The body goes after the path arguments, before the query ones.
		p.args = append(p.args, nil)
		copy(p.args[bodyAt+1:], p.args[bodyAt:])
		p.args[bodyAt] = body
	}
	return true
}

// decodeArg appends one percent-decoded argument to scratch; plus means a
// space in query strings only.
func (p *cmdParser) decodeArg(s []byte, query bool) bool {
	start := len(p.scratch)
	var ok bool
	p.scratch, ok = percentDecode(p.scratch, s, query)
	p.refs = append(p.refs, argRef{inScratch: true, start: start, end: len(p.scratch)})
	return ok
}

func percentDecode(dst, s []byte, plus bool) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%':
			if i+2 >= len(s) {
				return dst, false
			}
			h, ok1 := unhex(s[i+1])
			l, ok2 := unhex(s[i+2])
			if !ok1 || !ok2 {
				return dst, false
			}
			dst = append(dst, h<<4|l)
			i += 2
		case c == '+' && plus:
			dst = append(dst, ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst, true
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// queryParam finds and decodes one query parameter into scratch.
func queryParam(query []byte, name string, scratch *[]byte) ([]byte, bool) {
	for len(query) > 0 {
		i := indexByte(query, '&')
		pair := query
		if i >= 0 {
			pair, query = query[:i], query[i+1:]
		} else {
			query = nil
		}
		j := indexByte(pair, '=')
		if j < 0 || string(pair[:j]) != name {
			continue
		}
		start := len(*scratch)
		out, ok := percentDecode(*scratch, pair[j+1:], true)
		*scratch = out
		if !ok {
			return nil, false
		}
		return out[start:len(out):len(out)], true
	}
	return nil, false
}
