// Package engine is Updraft's keyspace and command executor, usable as a
// library with no network.
//
// # Keyspace
//
// Keys are spread over a power-of-two number of shards (at least 64 and at
// least 4 per core) by the top bits of their xxhash. Each shard has one
// mutex, one dict per logical database and one slab. A dict is a chained
// hash table of 32-bit record handles, resized incrementally the way
// Redis's dict is, so no command pays for a full rehash and SCAN's cursor
// stays valid across resizes. Records (header, key, value) live in slab
// chunks carved from pages mapped outside the Go heap, so ten million keys
// cost the garbage collector nothing to scan. Integers are stored inline;
// values too big for a chunk, and collections, live in the shard's object
// table on the Go heap.
//
// # Commands
//
// One table (command.go) lists every command with its arity, flags, key
// positions and ACL categories; each t_*.go file registers its own
// commands. Exec is the one dispatch path for RESP, HTTP, scripts and the
// library: it looks the command up without allocating, checks arity and
// authentication, runs it and keeps its statistics. A command locks the
// shards of its keys (in index order when there are several), works on the
// records and appends its reply to the client's buffer before unlocking.
//
// # Lifetimes
//
// The arguments given to Exec may point into a network buffer; commands
// copy what they keep. Record views (record) point into slab memory and are
// valid only while the shard's lock is held.
//
// This package must not import net/ or persistence/.
package engine
