// Package rest serves Upstash's Redis REST API (../shared/specs/rest-redis.md)
// over HTTP/1.1 on the same gnet event loops as the RESP listener.
//
// It owns a hand-written HTTP/1.1 request parser (http.go) that points into
// the connection's input buffer and allocates nothing per request, JSON
// command parsing without reflection (json.go), the RESP-to-JSON reply
// conversion (reply.go), routing, auth, CORS and the sync token (handler.go),
// and the per-connection state machine with keep-alive, pipelining, parking
// of blocked commands, Server-Sent Events and timeouts (conn.go).
//
// Every command goes through engine.Exec, like RESP: this package never
// knows which commands exist beyond their flags. It must not import
// net/server; net/server hands it the connections of its HTTP listener.
package rest
