// Package updraft embeds Updraft, a Redis-compatible keyspace, in a Go
// program: no socket, no server process, the same commands and the same
// replies, error texts included, as redis-server 7.
//
//	db, err := updraft.Open(updraft.Options{})
//	if err != nil { ... }
//	defer db.Close()
//	db.Set("greeting", "hello", updraft.SetOptions{TTL: time.Minute})
//	v, ok, err := db.Get("greeting")
//
// # Two ways to run commands
//
// Typed helpers (Get, Set, Del, Exists, Incr, IncrBy, IncrByFloat, Expire,
// TTL, MGet, MSet, Append, GetRange, SetRange) cover the common string
// commands and return Go values. Do runs any command, named as redis-cli
// would ("HSET", "h", "f", "v"), and returns a Reply; DoBytes takes the
// arguments as bytes.
//
// A Redis error reply comes back as an *Error whose text is the reply's,
// word for word ("WRONGTYPE Operation against a key holding the wrong kind
// of value"); Error.Code gives its first word. Errors of the library itself
// are sentinels: ErrClosed, ErrSessionCommand, and ErrNil and ErrType from
// the Reply accessors.
//
// # DB and Session
//
// A DB is safe for concurrent use. Each of its calls borrows a session from
// a pool, runs on database 0 and returns it, so the DB refuses the commands
// that would change a connection's state (SELECT, HELLO, AUTH, MULTI,
// WATCH, SUBSCRIBE, CLIENT SETNAME...) with ErrSessionCommand.
//
// A Session is the counterpart of one client connection: a gateway opens a
// Session per user connection and forwards its commands with Do. It keeps
// the selected database, the protocol, the client name, authentication and
// transaction state, and shows in CLIENT LIST. With Options.RequirePass set
// it must AUTH first, as a network client must; the DB's own calls are
// trusted and authenticate themselves. A Session serves one goroutine at a
// time; open one per goroutine.
//
// # Replies and protocols
//
// A Reply owns its memory. Its accessors (String, Int, Float, Bool, Array,
// Map, IsNil, Err) read RESP3's richer types the way their RESP2 forms read,
// so a Session that switched protocol with HELLO 3 gives the same Go
// values: a RESP3 null is nil like $-1, a double reads with Float like the
// bulk string "3.5", a map reads with Map like HGETALL's flat array.
//
// # Allocations
//
// The helpers build commands in a per-session scratch buffer and read
// replies in place: Set allocates nothing, Get only its result. Do copies
// the reply once so that the Reply outlives the session's next command.
//
// This package uses the engine package's public API only: one Exec path
// for the library, the network front end and scripts alike.
package updraft
