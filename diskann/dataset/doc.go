// Package dataset provides test and benchmark data for the vector index:
// a deterministic generator of clustered vectors (a Gaussian mixture with a
// low-rank basis per cluster), exact float64 ground truth, and readers for
// the TEXMEX .fvecs/.ivecs formats and MNIST's IDX files.
//
// It imports nothing of Updraft's, so diskann's own tests can use it.
package dataset
