package vector

import "time"

// Limits and tunables of the service, each with its reason. Nothing else in
// the package hard-codes these numbers.
const (
	// MaxDimension is the largest dense dimension an index may have: far
	// above any embedding model's (3 072 for the largest common ones) and
	// small enough that one vector (256 KiB) is a reasonable request.
	MaxDimension = 1 << 16

	// MaxTopK is the most results one query returns: Upstash Vector's
	// documented limit of 1 000.
	MaxTopK = 1000

	// MaxFetchPrefix is the most records a fetch by prefix returns
	// (Upstash: "at most 1000"; range pages through more).
	MaxFetchPrefix = 1000

	// MaxBatch is the most records one upsert or query batch may hold:
	// Upstash's 1 000 per request, which also bounds one log batch.
	MaxBatch = 1000

	// MaxIDBytes bounds a record id; ids are map keys and log fields, and
	// Upstash's ids are short strings.
	MaxIDBytes = 512

	// MaxMetadataBytes is Upstash Vector's limit on a record's metadata
	// (48 KB of JSON).
	MaxMetadataBytes = 48 << 10

	// MaxDataBytes bounds a record's data text (1 MB: Upstash's limit on
	// data for embedding is lower; this only keeps one record sane).
	MaxDataBytes = 1 << 20

	// MaxBodyBytes bounds a request body handed to the JSON decoder.
	MaxBodyBytes = 64 << 20

	// HybridCandidates is how many results each side of a hybrid query
	// contributes to fusion, at least: fusing only the top-k of each list
	// would drop records ranked just below k in both lists, which RRF and
	// DBSF can lift into the top-k.
	HybridCandidates = 100

	// MaxResumable is how many resumable query sessions may be open at
	// once per service; a session holds the ranked ids it still has to
	// hand out, so the cap bounds their memory.
	MaxResumable = 1000

	// MaxResumableResults caps the ranking a resumable query keeps
	// (topK plus every additionalK it may hand out).
	MaxResumableResults = 100_000

	// DefaultMaxIdle is a resumable query's idle timeout when the request
	// gives none (seconds; Upstash's default is one hour).
	DefaultMaxIdle = 3600 * time.Second

	// PrefilterSelectivity: a filtered query whose filter is estimated to
	// match at most this fraction of a namespace scans the matching
	// records exactly instead of searching the index with the filter
	// applied (Filtered-DiskANN's crossover is at a few percent).
	PrefilterSelectivity = 0.02

	// DenseGraphThreshold is how many vectors a COSINE or EUCLIDEAN
	// namespace holds before its dense search moves from brute force to a
	// DiskANN graph (built then from the vectors held; dropped again below
	// half of it). Below a few thousand vectors an exact SIMD scan takes
	// tens of microseconds, as fast as a graph search, and is exact.
	DenseGraphThreshold = 5000

	// DenseGraphSearchL is the candidate list of a graph search (at least
	// topK): diskann's DefaultSearchL reasoning, measured at recall@10 of
	// about 0.97 through the service on clustered 128-dim data.
	DenseGraphSearchL = 100

	// DenseFilterFactor is how many times k a filtered graph search first
	// asks for, and how much it grows the request each time fewer than k
	// results pass the filter: a filter that lets a fraction s through
	// needs about k/s results, so 4× rounds waste at most a quarter.
	DenseFilterFactor = 4

	// DenseFilterMaxL bounds the results a filtered graph search asks for
	// (also capped at a quarter of the namespace): past it so few records
	// match that an exact scan of the namespace is as cheap, and exact.
	DenseFilterMaxL = 2048

	// RewriteMinRecords is how many log records past the last snapshot
	// start a rewrite (snapshot plus a fresh log), and RewriteFactor how
	// many times the live record count the log must also exceed: a log
	// mostly made of overwritten records is compacted, a growing one is
	// not rewritten over and over.
	RewriteMinRecords = 10_000
	RewriteFactor     = 2

	// EmbedBatch is the most texts sent in one embeddings request; the
	// OpenAI API accepts 2 048 inputs, local servers (TEI) default to 32.
	EmbedBatch = 32
	// EmbedRetries is how many times a failed embeddings request is
	// retried (with exponential back-off from EmbedBackoff).
	EmbedRetries = 3
	EmbedBackoff = 100 * time.Millisecond
	// EmbedTimeout bounds one embeddings request.
	EmbedTimeout = 30 * time.Second
)
