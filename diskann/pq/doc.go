// Package pq is product quantization for the vector index: it compresses
// a float32 vector to M bytes (one centroid index per subspace) so that
// the codes of every vector fit in RAM, and scores a query against codes
// by asymmetric distance computation (ADC): one lookup table per query,
// then M table reads per code.
//
// A Codebook is trained with k-means (k-means++ seeding, a few Lloyd
// iterations, seeded, parallel over subspaces) on a sample of the data,
// encodes and decodes vectors, builds query tables for L2 and inner
// product, and serializes to a versioned, xxhash-checksummed binary form.
//
// pq owns codebooks, codes and tables; it knows nothing of graphs, files
// other than its own codebook file, or ids. It imports only
// diskann/kernel for full-precision distances.
package pq
