package sparse

// Tunables, each with the reason for its value. Nothing else in the package
// hard-codes these numbers.
const (
	// MaxNonZero is the largest number of non-zero dimensions accepted in
	// one sparse vector: Upstash Vector refuses vectors with more than 1 000
	// (docs, "Sparse Indexes"), so clients never send more.
	MaxNonZero = 1000

	// BM25K1 is BM25's term-frequency saturation, 1.2 as Upstash's hosted
	// BM25 uses ("a widely used value in the absence of advanced
	// optimizations").
	BM25K1 = 1.2

	// BM25B is BM25's length normalization, 0.75 as Upstash uses.
	BM25B = 0.75

	// BM25AvgDocLen is the average document length BM25 normalizes by.
	// Upstash fixes it at 32 (MSMARCO's average token count rounded to a
	// power of two) instead of the collection's running average, so stored
	// document weights never need recomputing when the collection changes.
	BM25AvgDocLen = 32

	// MaxTokenBytes drops longer "words" (base64 blobs, URLs without
	// punctuation) from BM25: they never match a query and only grow the
	// index. 40 bytes is longer than any dictionary word.
	MaxTokenBytes = 40

	// minPostingCap is the capacity of a term's first postings block; lists
	// then double. Most terms of a text corpus occur a handful of times, so
	// a small first block wastes little arena space.
	minPostingCap = 4

	// compactMinGarbage is the number of dead postings (tombstones and
	// abandoned arena blocks) below which Compact is never triggered
	// automatically: rebuilding a small index to save a few KB is not worth
	// the write-lock time.
	compactMinGarbage = 1 << 14
)
