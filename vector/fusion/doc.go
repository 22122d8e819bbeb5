// Package fusion merges the dense and the sparse result lists of a hybrid
// query into one ranking, as Upstash Vector does: Reciprocal Rank Fusion
// (RRF, the default) or Distribution-Based Score Fusion (DBSF). It also
// parses the query fields that pick them (fusionAlgorithm, queryMode).
//
// It works on record ids (uint32) and float64 scores only; it knows
// nothing of indexes, namespaces or JSON, and imports nothing of Updraft.
package fusion
