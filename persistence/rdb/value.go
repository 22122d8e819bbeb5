package rdb

// Kind is a value's Redis type.
type Kind uint8

// The value kinds.
const (
	String Kind = iota
	List
	Set
	ZSet
	Hash
	Stream
)

// Value is a decoded RDB value, independent of how it was encoded.
type Value struct {
	Kind Kind
	// Str is a string's bytes.
	Str []byte
	// Elems are a list's elements in order, a set's or a sorted set's
	// members, or a hash's fields and values alternating.
	Elems [][]byte
	// Scores are a sorted set's scores, one per member.
	Scores []float64
	// TTLs are a hash's field expire times (unix ms, 0 for none), one
	// per field; nil when no field has one (Redis 7.4's field TTLs).
	TTLs []int64
	// Stream is a stream's content (stream.go).
	Stream *StreamValue
}

// RDB value type bytes (Redis's RDB_TYPE_*).
const (
	typeString          = 0
	typeList            = 1
	typeSet             = 2
	typeZSet            = 3
	typeHash            = 4
	typeZSet2           = 5
	typeHashZipmap      = 9
	typeListZiplist     = 10
	typeSetIntset       = 11
	typeZSetZiplist     = 12
	typeHashZiplist     = 13
	typeListQuicklist   = 14
	typeHashListpack    = 16
	typeZSetListpack    = 17
	typeListQuicklist2  = 18
	typeSetListpack     = 20
	quicklistNodePlain  = 1
	quicklistNodePacked = 2
)

// Version is the RDB version written (Redis 7.0's); MaxVersion is the
// newest one read (Redis 7.4's), for payloads dumped by newer servers
// whose value types are known here.
const (
	Version    = 10
	MaxVersion = 12
)

// Thresholds under which Encode writes the packed encodings Redis 7.0 uses
// for small collections (its default *-max-listpack-* and
// set-max-intset-entries), so that redis-server loads them as it would its
// own.
const (
	packedHashEntries = 512
	packedZSetEntries = 128
	packedValueBytes  = 64
	intsetEntries     = 512
)
