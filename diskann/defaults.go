package diskann

// Tuning defaults, each with the reason it has its value. Options fields
// left at zero take these.
const (
	// DefaultR is the maximum out-degree of a node. The DiskANN paper uses
	// 60–70 for billion-point SSD indexes; on MNIST (60k × 784) R 32 with
	// build L 64 measured recall@10 0.990 at L 20 against 0.997 for R 64 /
	// L 100, with half the build time (123 s against 271 s, 2 cores) and
	// about twice the queries per second at equal recall. 32 ids (128
	// bytes) plus a 784-float vector fit one 4 KB sector.
	DefaultR = 32

	// DefaultBuildL is the candidate list size of the searches made while
	// building. The paper builds with L between 75 and 125; with R 32 a
	// list of 2R = 64 reached the recall above, and build time grows about
	// linearly with it.
	DefaultBuildL = 64

	// DefaultAlpha is the pruning factor of the second build pass. 1.2 is
	// the paper's value: above 1 keeps long edges, so greedy search needs
	// few hops (few sector reads); larger values make the graph denser.
	DefaultAlpha = 1.2

	// DefaultSearchL is the candidate list size of a query when the caller
	// gives none. It must be at least k; 64 gives recall@10 near 0.98 on
	// the test sets and is a common starting point for L_search.
	DefaultSearchL = 64

	// DefaultSlack lets a node's list grow to R×1.3 from back-edges before
	// it is pruned back to R (microsoft/DiskANN's GRAPH_SLACK_FACTOR):
	// pruning on every back-edge would cost O(R²) distances each time.
	DefaultSlack = 1.3

	// DefaultMaxCandidates caps the candidate pool RobustPrune considers
	// (microsoft/DiskANN's maxc = 750): beyond it the nearest are kept and
	// the rest would almost always be occluded anyway.
	DefaultMaxCandidates = 750

	// DefaultPasses is the number of build passes: the paper's two, the
	// first with alpha = 1 (a sparse, short-edged graph), the second with
	// alpha = DefaultAlpha (adds the long edges).
	DefaultPasses = 2

	// DefaultSeed seeds the build's insertion order, so builds are
	// reproducible in single-threaded mode.
	DefaultSeed = 0x5eed

	// DefaultProgressEvery is how many inserted nodes pass between two
	// progress callbacks: often enough for a bar, rare enough to cost
	// nothing.
	DefaultProgressEvery = 1024

	// SectorSize is the unit of the disk layout and of every read: 4 KB is
	// the page size of NVMe drives and of the Linux page cache, and the
	// DiskANN paper's sector.
	SectorSize = 4096

	// DefaultBeamWidth is W, the number of sectors a disk search reads per
	// round. The paper finds W = 2–8 balances latency against wasted reads;
	// 4 keeps one NVMe queue busy without over-reading.
	DefaultBeamWidth = 4

	// DefaultCacheNodes is how many nodes nearest the medoid (BFS order) a
	// disk index keeps in RAM. The paper caches 3–4 BFS levels; 4096 nodes
	// is 16 MB at one sector each and catches the first hops of every
	// query.
	DefaultCacheNodes = 4096
)

// DefaultPQBytes is the PQ code length per vector (bytes of RAM per vector
// for candidate scoring; capped at the dimension). 64 bytes is 2 % of a
// 784-dim float32 vector, and with exact re-ranking of every node read
// the candidate order it gives is good enough for recall@10 ≥ 0.95 on the
// test sets; the DiskANN paper uses 32–100 bytes.
const DefaultPQBytes = 64
