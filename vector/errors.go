package vector

import (
	"errors"
	"strconv"
)

// Error is a failure the API reports to the client: an HTTP status and
// Upstash's message. Handlers return it; the HTTP layer writes it as
// {"error": msg, "status": code} and RESP as an ERR reply.
type Error struct {
	Status int
	Msg    string
}

// Error returns the message.
func (e *Error) Error() string { return e.Msg }

func errf(status int, msg string) *Error { return &Error{Status: status, Msg: msg} }

func badRequest(msg string) *Error { return errf(400, msg) }

// Errors shared by several endpoints, word for word where Upstash's text is
// known (see ../shared/specs/vector.md).
var (
	ErrNoIndex          = errors.New("vector: no such index")
	ErrIndexExists      = errors.New("vector: index already exists")
	ErrClosed           = errors.New("vector: service closed")
	errReadOnly         = errf(403, "Unauthorized: This token does not have permission to perform this operation. Use the read-write token instead.")
	errNotFound         = errf(404, "Not Found")
	errMethod           = errf(405, "Method Not Allowed")
	errNoEmbedding      = errf(422, "Embedding data for this index is not allowed. The index must be created with an embedding model to use it.")
	errFetchExclusive   = badRequest("Only one of ids or prefix must be provided.")
	errDeleteExclusive  = badRequest("Only and only one of the ids, prefix, or filter must be provided.")
	errDefaultNamespace = badRequest("Default namespace cannot be deleted.")
	errNoQueryVector    = badRequest("Either data, vector or sparseVector should be provided.")
	errResumableGone    = errf(404, "Resumable query with the given uuid does not exist or has expired.")
	errTooManyResumable = errf(429, "Too many active resumable queries.")
)

func errDimension(got, want int) *Error {
	return errf(422, "Invalid vector dimension: "+strconv.Itoa(got)+", expected: "+strconv.Itoa(want))
}

func errNamespace(ns, index string) *Error {
	return errf(404, "Namespace "+ns+" for the index "+index+" does not exist")
}

// asAPI turns any error into an *Error (internal failures are 500).
func asAPI(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	if errors.Is(err, ErrNoIndex) {
		return errNotFound
	}
	return errf(500, err.Error())
}
