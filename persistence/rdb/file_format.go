package rdb

import (
	"errors"
	"strconv"
)

// Whole dump.rdb files (Redis's rdbSaveRio/rdbLoadRio): a "REDIS" magic and
// four version digits, auxiliary fields, function libraries, then for each
// database a SELECTDB and RESIZEDB opcode and its keys, each optionally
// preceded by EXPIRETIME_MS, IDLE or FREQ, then EOF and the CRC-64 of every
// byte before it (0 when checksums are disabled).
//
// Updraft's dialect. Files written here are Redis files of version 10
// (Redis 7.0), or 12 (Redis 7.4) when a hash has field TTLs, with one
// exception: RedisJSON documents, which have no Redis type without the
// RedisJSON module, are written with the private value type TypeUpdraftJSON
// (a string holding the document's JSON text). redis-server refuses a file
// holding one ("Unknown RDB encoding type 200"); export JSON keys with
// JSON.GET and re-create them, or delete them before SAVE, to move a
// dataset back to Redis. Files written by redis-server never contain that
// type, so importing them is unaffected.

// RDB opcodes (Redis's RDB_OPCODE_*).
const (
	opSlotInfo     = 244
	opFunction2    = 245
	opFunctionPre  = 246
	opModuleAux    = 247
	opIdle         = 248
	opFreq         = 249
	opAux          = 250
	opResizeDB     = 251
	opExpireTimeMs = 252
	opExpireTime   = 253
	opSelectDB     = 254
	opEOF          = 255
)

// Value types beyond the ones value.go names.
const (
	typeModulePreGA         = 6
	typeModule2             = 7
	typeHashMetadataPreGA   = 22
	typeHashListpackExPreGA = 23
	typeHashMetadata        = 24
	typeHashListpackEx      = 25
	lastRedisType           = 25
)

// TypeUpdraftJSON is the private value type of RedisJSON documents in
// Updraft's files: a string holding the document as JSON text.
const TypeUpdraftJSON = 200

// JSON is the Kind of a RedisJSON document read from or written to a file
// (Value.Str holds its JSON text). DUMP payloads never hold one.
const JSON Kind = 200

// MinFileVersion is the oldest file version read (Redis 2.6's, whose
// value encodings this package still decodes); FileVersion is the one
// written unless a value needs a newer one (see VersionFor).
const (
	MinFileVersion = 1
	FileVersion    = Version
)

// ErrCorrupt is wrapped by every error about a file's content.
var ErrCorrupt = errors.New("rdb: corrupt file")

// FileError is an error about a file's content at a byte offset.
type FileError struct {
	Offset int64  // where the record at fault starts
	Key    []byte // the key being read, if any
	Msg    string
}

func (e *FileError) Error() string {
	s := "rdb: bad file at offset " + strconv.FormatInt(e.Offset, 10)
	if e.Key != nil {
		s += " (key " + strconv.Quote(string(e.Key)) + ")"
	}
	return s + ": " + e.Msg
}

// Unwrap makes errors.Is(err, ErrCorrupt) true.
func (e *FileError) Unwrap() error { return ErrCorrupt }

// VersionFor is the file version a value needs: FileVersion, or 12 for a
// hash with field TTLs (Redis 7.4's types).
func VersionFor(v Value) int {
	if v.Kind == Hash && hasTTL(v.TTLs) {
		return MaxVersion
	}
	return FileVersion
}

func hasTTL(ttls []int64) bool {
	for _, t := range ttls {
		if t != 0 {
			return true
		}
	}
	return false
}

// moduleName decodes the 9-character name in a module type id (Redis's
// moduleTypeNameByID): 6 bits per character above 10 bits of version.
func moduleName(id uint64) string {
	const charset = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	var b [9]byte
	for i := range b {
		b[i] = charset[(id>>(10+6*(8-uint(i))))&63]
	}
	return string(b[:])
}
