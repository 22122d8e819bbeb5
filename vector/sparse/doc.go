// Package sparse is the inverted index behind Updraft's sparse and hybrid
// vector indexes, and the BM25 encoder that turns a record's text (`data`)
// into a sparse vector on sparse indexes.
//
// What it owns:
//
//   - Index: term id (uint32) -> postings (slot, weight) kept in two flat,
//     pointer-free arenas, with a forward copy of every document so deletes
//     and updates can keep document frequencies exact. Deletes leave
//     tombstones that Compact (run automatically past a threshold) removes.
//   - Search: exact top-k inner product, term at a time, over the query's
//     terms, optionally weighting each query term by
//     IDF = ln((N - n + 0.5) / (n + 0.5)) as Upstash Vector defines it.
//   - BM25: a tokenizer (lower-casing, Unicode letter/digit words, English
//     stop words, Porter stemming), term ids by hashing, and BM25 document
//     weights with Upstash's constants (k1 1.2, b 0.75, average length 32).
//   - AppendEncode / Decode: a versioned, xxhash-checksummed snapshot of the
//     whole index for the service's persistence.
//
// Record ids are the caller's uint32 ids (the service maps string ids to
// them); the index never sees strings, metadata or namespaces. It must not
// import engine, net, persistence or diskann.
package sparse
