package rest

import "strconv"

// Response writing: status line, the headers every response carries
// (Content-Type, Content-Length, upstash-sync-token, CORS), the body.

// statusLine returns the HTTP/1.1 status line of a code.
func statusLine(code int) string {
	switch code {
	case 200:
		return "HTTP/1.1 200 OK\r\n"
	case 204:
		return "HTTP/1.1 204 No Content\r\n"
	case 400:
		return "HTTP/1.1 400 Bad Request\r\n"
	case 401:
		return "HTTP/1.1 401 Unauthorized\r\n"
	case 404:
		return "HTTP/1.1 404 Not Found\r\n"
	case 405:
		return "HTTP/1.1 405 Method Not Allowed\r\n"
	case 408:
		return "HTTP/1.1 408 Request Timeout\r\n"
	case 413:
		return "HTTP/1.1 413 Payload Too Large\r\n"
	case 417:
		return "HTTP/1.1 417 Expectation Failed\r\n"
	case 431:
		return "HTTP/1.1 431 Request Header Fields Too Large\r\n"
	case 501:
		return "HTTP/1.1 501 Not Implemented\r\n"
	case 505:
		return "HTTP/1.1 505 HTTP Version Not Supported\r\n"
	}
	return "HTTP/1.1 500 Internal Server Error\r\n"
}

const (
	ctJSON   = "application/json"
	ctBinary = "application/octet-stream"
	ctSSE    = "text/event-stream"
)

// appendHead appends the status line and the common headers of a response
// to req. contentLen < 0 leaves Content-Length out (a stream).
func (s *Server) appendHead(dst []byte, req *request, code int, ctype string, contentLen int) []byte {
	dst = append(dst, statusLine(code)...)
	if code == 405 {
		dst = append(dst, "Allow: GET, POST, PUT, HEAD, OPTIONS\r\n"...)
	}
	dst = append(dst, "Content-Type: "...)
	dst = append(dst, ctype...)
	if contentLen >= 0 {
		dst = append(dst, "\r\nContent-Length: "...)
		dst = strconv.AppendInt(dst, int64(contentLen), 10)
	}
	dst = append(dst, "\r\nupstash-sync-token: "...)
	dst = strconv.AppendUint(dst, s.sync.Load(), 10)
	dst = append(dst, "\r\n"...)
	dst = s.appendCORS(dst, req)
	if !req.keepAlive {
		dst = append(dst, "Connection: close\r\n"...)
	} else if req.http10 {
		dst = append(dst, "Connection: keep-alive\r\n"...)
	}
	return append(dst, "\r\n"...)
}

// appendCORS adds the Access-Control headers for the request's origin.
func (s *Server) appendCORS(dst []byte, req *request) []byte {
	switch {
	case s.corsAny:
		dst = append(dst, "Access-Control-Allow-Origin: *\r\n"...)
	case len(req.origin) > 0 && s.originAllowed(req.origin):
		dst = append(dst, "Access-Control-Allow-Origin: "...)
		dst = append(dst, req.origin...)
		dst = append(dst, "\r\nVary: Origin\r\n"...)
	default:
		return dst
	}
	return append(dst, "Access-Control-Expose-Headers: upstash-sync-token\r\n"...)
}

func (s *Server) originAllowed(o []byte) bool {
	for _, a := range s.opts.CORSOrigins {
		if string(o) == a {
			return true
		}
	}
	return false
}

// allowHeaders is what a preflight allows when the browser did not list
// its headers: everything the SDK sends.
const allowHeaders = "Authorization, Content-Type, Upstash-Encoding, Upstash-Response-Format, " +
	"upstash-sync-token, Upstash-Telemetry-Runtime, Upstash-Telemetry-Platform, " +
	"Upstash-Telemetry-Sdk, Upstash-Telemetry-Retry"

// appendPreflight answers an OPTIONS request.
func (s *Server) appendPreflight(dst []byte, req *request) []byte {
	dst = append(dst, statusLine(204)...)
	dst = s.appendCORS(dst, req)
	dst = append(dst, "Access-Control-Allow-Methods: GET, POST, PUT, HEAD, OPTIONS\r\nAccess-Control-Allow-Headers: "...)
	if len(req.reqHeader) > 0 {
		dst = append(dst, req.reqHeader...)
	} else {
		dst = append(dst, allowHeaders...)
	}
	dst = append(dst, "\r\nAccess-Control-Max-Age: 86400\r\nupstash-sync-token: "...)
	dst = strconv.AppendUint(dst, s.sync.Load(), 10)
	dst = append(dst, "\r\nContent-Length: 0\r\n"...)
	if !req.keepAlive {
		dst = append(dst, "Connection: close\r\n"...)
	} else if req.http10 {
		dst = append(dst, "Connection: keep-alive\r\n"...)
	}
	return append(dst, "\r\n"...)
}

// appendError appends a whole error response {"error": msg}.
func (s *Server) appendError(dst []byte, req *request, code int, msg []byte) []byte {
	var tmp [256]byte
	body := append(tmp[:0], `{"error":`...)
	body = appendJSONString(body, msg)
	body = append(body, '}')
	dst = s.appendHead(dst, req, code, ctJSON, len(body))
	if string(req.method) == "HEAD" {
		return dst
	}
	return append(dst, body...)
}

// appendBody appends a whole response with body.
func (s *Server) appendBody(dst []byte, req *request, code int, ctype string, body []byte) []byte {
	dst = s.appendHead(dst, req, code, ctype, len(body))
	if string(req.method) == "HEAD" {
		return dst
	}
	return append(dst, body...)
}
