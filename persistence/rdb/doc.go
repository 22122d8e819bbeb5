// Package rdb reads and writes values in Redis's RDB serialization: the
// payload of DUMP and RESTORE, and the value part of dump.rdb files. It
// decodes every encoding Redis 7 writes for strings, lists, sets, sorted
// sets and hashes (plain, ziplist, listpack, intset, zipmap, quicklist) into
// a plain Value, and encodes a Value the way redis-server 7.0 (RDB version
// 10) reads it. It knows nothing of the engine.
//
// It also streams whole dump.rdb files (FileReader, FileWriter; versions 1
// to 12 read). Files are Redis's format with one Updraft-only value type:
// RedisJSON documents are written as TypeUpdraftJSON (200), which
// redis-server refuses; see file_format.go.
package rdb
