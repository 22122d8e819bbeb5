// Package rdb reads and writes values in Redis's RDB serialization: the
// payload of DUMP and RESTORE, and the value part of dump.rdb files. It
// decodes every encoding Redis 7 writes for strings, lists, sets, sorted
// sets and hashes (plain, ziplist, listpack, intset, zipmap, quicklist) into
// a plain Value, and encodes a Value the way redis-server 7.0 (RDB version
// 10) reads it. It knows nothing of the engine.
package rdb
