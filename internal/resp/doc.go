// Package resp reads Redis commands from a byte buffer and appends RESP2 or
// RESP3 replies to another one.
//
// The reader is built for an event loop: ReadCommand points the returned
// arguments into the input buffer (no copy), treats an incomplete frame as a
// normal result (n == 0, no error) and returns Redis's exact protocol error
// texts for malformed input. The returned argument slices are valid only
// until the input buffer is changed; callers that keep an argument copy it.
//
// The writer appends replies to a caller-owned []byte and never allocates
// unless that slice must grow.
package resp
