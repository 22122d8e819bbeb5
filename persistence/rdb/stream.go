package rdb

// Streams in RDB (Redis's RDB_TYPE_STREAM_LISTPACKS*). A stream value is
// the radix tree of its nodes, each a listpack of consecutive entries keyed
// by its master ID, followed by the stream's counters and its consumer
// groups:
//
//	nodes: len | { 16-byte big-endian master ID | listpack }...
//	length | last-id ms | seq
//	[first-id ms | seq | max-deleted-id ms | seq | entries-added]  (type >= 19)
//	groups: len | { name | last-id ms | seq | [entries-read] (>= 19)
//	                PEL: len | { 16-byte ID | 8-byte ms time | count }...
//	                consumers: len | { name | 8-byte seen-time |
//	                    [8-byte active-time] (type 21) |
//	                    PEL: len | { 16-byte ID }... }... }...
//
// A node's listpack starts with its master entry, then holds each entry:
//
//	master: count | deleted | nfields | field... | 0
//	entry:  flags | ms-delta | seq-delta | [nfields | field...] value... | lp-count
//
// where the fields are left out (flag streamSameFields) when they are the
// master's, and lp-count is the number of listpack elements of the entry
// before it. Deleted entries stay in their node, flagged, until the whole
// node goes.

// RDB stream type bytes.
const (
	typeStreamListpacks  = 15 // Redis 5 and 6
	typeStreamListpacks2 = 19 // Redis 7.0: first ID, max deleted ID, entries added, entries read
	typeStreamListpacks3 = 21 // Redis 7.2: consumers' active time
)

// Stream entry flags (Redis's STREAM_ITEM_FLAG_*).
const (
	streamFlagDeleted    = 1
	streamFlagSameFields = 2
)

// StreamInvalidRead is a group's entries-read counter when it is unknown
// (Redis's SCG_INVALID_ENTRIES_READ).
const StreamInvalidRead = -1

// StreamID is a stream entry ID.
type StreamID struct{ Ms, Seq uint64 }

// Less reports whether a sorts before b.
func (a StreamID) Less(b StreamID) bool {
	return a.Ms < b.Ms || a.Ms == b.Ms && a.Seq < b.Seq
}

// StreamValue is a decoded stream (Value.Stream for Kind Stream).
type StreamValue struct {
	// Nodes hold the entries, in ID order, split as Redis split them.
	Nodes []StreamNode
	// Length counts the entries not deleted.
	Length       uint64
	LastID       StreamID
	FirstID      StreamID // recorded-first-entry-id
	MaxDeletedID StreamID
	EntriesAdded uint64
	// Groups are the consumer groups, ordered by name.
	Groups []StreamGroup
}

// StreamNode is one listpack of entries.
type StreamNode struct {
	// Master is the node's key: the ID its entries are relative to.
	Master StreamID
	// Fields are the master entry's field names (those of the first entry
	// added to the node).
	Fields [][]byte
	// Entries are the node's entries in ID order, deleted ones included.
	Entries []StreamEntry
}

// StreamEntry is one stream entry.
type StreamEntry struct {
	ID      StreamID
	Deleted bool
	// Fields are the entry's field names and values, alternating.
	Fields [][]byte
}

// StreamGroup is a consumer group.
type StreamGroup struct {
	Name   []byte
	LastID StreamID
	// EntriesRead is the group's logical read counter, or
	// StreamInvalidRead.
	EntriesRead int64
	// PEL is the group's pending entries list, ordered by ID; each entry
	// is owned by the one consumer whose PEL lists its ID.
	PEL []StreamPending
	// Consumers are ordered by name.
	Consumers []StreamConsumer
}

// StreamPending is a delivered entry not yet acknowledged.
type StreamPending struct {
	ID            StreamID
	DeliveryTime  int64 // unix ms
	DeliveryCount uint64
}

// StreamConsumer is a consumer of a group.
type StreamConsumer struct {
	Name     []byte
	SeenTime int64 // unix ms
	// ActiveTime is read from Redis 7.2 payloads (type 21); older ones set
	// it to SeenTime, as Redis does. Type 19, written here, has no field
	// for it.
	ActiveTime int64
	// PEL lists the IDs of the group's pending entries this consumer owns,
	// in order.
	PEL []StreamID
}
