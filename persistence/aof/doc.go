// Package aof is Updraft's append-only log: a durable, checksummed,
// multi-part log of the engine's changes, laid out as Redis 7 lays out its
// AOF directory, and the tools to read it back and check it.
//
// # Files
//
// The directory (Options.Dir, Redis's dir/appenddirname) holds
// <FileName>.manifest, in Redis 7's text format ("file
// appendonly.aof.1.incr.aof seq 1 type i"), listing at most one base file
// (<FileName>.<n>.base.rdb, a snapshot the engine writes and reads; its
// format is not this package's business) and the incremental files
// (<FileName>.<n>.incr.aof) in order. The manifest is replaced atomically:
// temporary file, fsync, rename, fsync of the directory.
//
// An incr file is not RESP, as Redis's is, but framed records: a 32-byte
// header (magic, version, the first seq, its own xxhash64) and records of
// u32 length | u64 xxhash64(payload) | payload, little-endian. The payload
// is opaque here (the engine's encoded command).
//
// # Writing
//
// Producers call Reserve (one atomic add, under the engine's key locks)
// and then Submit with the record for that seq, in any order. Records sit
// in a power-of-two ring of reused slot buffers; one writer goroutine
// takes every contiguous ready record, writes the batch with one pwrite at
// the end of the last good record and, under appendfsync always, syncs it
// with one fdatasync (group commit) before publishing Durable and calling
// OnDurable, which front ends use to release replies. Under everysec the
// writer publishes after the write and a background goroutine syncs at
// most once a second; under no only Close syncs.
//
// A failed write or fsync (ENOSPC, EIO) never drops a record: the writer
// keeps the batch, takes back a partial write (truncating to the last good
// record), reports the error through Err (the engine answers MISCONF), and
// retries about once a second, writing the same bytes again at the same
// offset before syncing; Err returns nil once a retry succeeds.
//
// # Rewrite
//
// StartRewrite (under the engine's world lock) sets the cut: records from
// the next seq on go to a new incr file, which the writer creates and
// lists in the manifest before writing to it. The engine writes its
// snapshot to Rewrite.Base; Commit syncs and renames it, persists the
// manifest naming the new base and the new incr file, and only then
// deletes the replaced files (listed as history, type h, meanwhile, and
// deleted by Open after a crash). Abort keeps every file.
//
// # Reading
//
// Load reads the manifest, hands the base to the engine and each record's
// payload to a callback. A torn tail of the last incr file (an incomplete
// record, or damage with no intact record after it up to the end) is cut
// off when aof-load-truncated allows it; any other damage is refused with
// "Bad file format reading the append only file <path> at offset <n>".
// Call Load before Open: Open appends after the end of the last file.
// Check (the check-aof subcommand) verifies a manifest or one incr file
// and, with fix, truncates the last incr file to its last good record.
//
// # What it must not touch
//
// The package knows nothing of the engine, commands or the RDB format; it
// imports only the standard library, xxhash and x/sys.
package aof
