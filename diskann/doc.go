// Package diskann is Updraft's approximate nearest-neighbour index: a
// Vamana graph (Subramanya et al., "DiskANN", NeurIPS 2019) built over a
// flat, pointer-free vector store, searched greedily from the medoid, and
// written to disk in 4 KB sector records for SSD-resident beam search with
// product-quantized codes in RAM.
//
// Memory layout: vectors are one []float32 of n×dim values; adjacency is
// one []uint32 of n×R slots with a degree per node; node ids are uint32.
// Nothing per node holds a pointer, so the garbage collector scans nothing.
//
// Every metric is reduced to squared L2 inside the graph: cosine vectors
// are normalized when stored, and inner product uses the usual
// transformation to L2 (one extra coordinate sqrt(M²-|x|²), M the largest
// norm). Search results report the metric's own distance.
//
// The package owns the graph, its build, its search and its file format.
// Distance kernels live in diskann/kernel and product quantization in
// diskann/pq; test and benchmark data in diskann/dataset. It must not
// import engine, net, persistence or vector.
package diskann
