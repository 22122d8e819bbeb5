package pq

// Centroids is the number of centroids per subspace: 256, so that a
// subspace's code is one byte and a query table row is 1 KB (a table of
// M rows stays in L1/L2 cache while candidates are scored).
const Centroids = 256

// DefaultSample is how many vectors k-means trains on when the data has
// more: 128 per centroid. PQ codebooks converge with a few dozen points
// per centroid (DiskANN samples up to 256 000 points for any M); training
// cost is linear in the sample, and on this project's 2-core machine 32 768
// points keep an MNIST-size codebook (784 dims) to seconds.
const DefaultSample = 32768

// DefaultIterations is the number of Lloyd iterations after k-means++
// seeding. k-means++ starts close to a good solution; DiskANN uses 12
// iterations for PQ, and the reconstruction error changes by under 1 %
// after 10 on the tests' clustered data.
const DefaultIterations = 10

// MaxDim bounds the dimension a codebook may have (Upstash Vector allows
// up to 1536 for its largest models, and open models go to 4096); it also
// bounds what a corrupt file can make Parse allocate.
const MaxDim = 1 << 16
