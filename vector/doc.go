// Package vector is Updraft's vector service: Upstash Vector's API on
// Updraft. It owns named indexes, each with a dense dimension, a similarity
// function (COSINE, EUCLIDEAN, DOT_PRODUCT) and a type (DENSE, SPARSE,
// HYBRID); their namespaces (default ""); records with an id, a dense
// and/or sparse vector, JSON metadata and a data text; and their
// durability.
//
// # Surfaces
//
// HTTP (net/rest routes /vector/<index>/... to Service.ServeVector, with
// the server's REST token; the read-only token is refused every write):
// every endpoint of ../shared/specs/vector.md (upsert, upsert-data, update,
// query, query-data, resumable-query[-data|-next|-end], fetch, delete,
// range, reset, info, list-namespaces, delete-namespace, random,
// rename-namespace) with its JSON shapes, errors and statuses, plus two
// admin endpoints:
//
//	POST /vector/<name>/create-index {"dimension":n,"similarityFunction":"COSINE","indexType":"DENSE","existsOk":false}
//	POST|DELETE /vector/<name>/drop-index
//
// RESP (registered in the engine's command table, with COMMAND DOCS):
//
//	VECTOR.CREATE name DIM n METRIC COSINE|EUCLIDEAN|DOT_PRODUCT [TYPE DENSE|SPARSE|HYBRID] [EXISTSOK]
//	VECTOR.DROP name
//	VECTOR.ADD index [NAMESPACE ns] json      the body of /upsert (or /upsert-data when no vector is given) -> OK
//	VECTOR.GET index [NAMESPACE ns] id...     JSON array as /fetch with everything included (null for missing ids)
//	VECTOR.QUERY index [NAMESPACE ns] json    the body of /query (or /query-data) -> the JSON results
//	VECTOR.DEL index [NAMESPACE ns] id...     -> number deleted
//	VECTOR.COUNT index [NAMESPACE ns]         -> records in the index, or in one namespace
//	VECTOR.INFO index                         -> the JSON of /info
//
// The RESP commands run the HTTP handlers, so both share parsing, checks
// and errors. Work the HTTP path does off the event loop (waiting for the
// log, embedding calls) is waited for in the command.
//
// Configuration (RegisterConfig): "vector-index name dim metric [type]"
// (repeatable) creates indexes at start; vector-embedding-url,
// vector-embedding-model and vector-embedding-key name an OpenAI-compatible
// /v1/embeddings provider for data on dense indexes. Sparse parts of
// indexes embed data themselves with BM25 (package sparse).
//
// # Search
//
// Dense search sits behind denseIndex (dense.go): flatIndex is exact brute
// force over one flat []float32 with the SIMD kernels of diskann/kernel;
// above DenseGraphThreshold vectors a COSINE or EUCLIDEAN namespace also
// keeps a DiskANN graph (diskann.Mutable, dense_graph.go) that answers its
// searches (DOT_PRODUCT stays exact until the graph supports it). A filtered
// query scans the matching records exactly when the filter's estimated
// selectivity is at most PrefilterSelectivity, and otherwise searches with
// the filter applied. Sparse search is package sparse's inverted index;
// hybrid queries fuse both lists (package fusion). Scores follow the spec:
// (1+cos)/2, 1/(1+d²), (1+dot)/2, computed in float64 and clamped.
//
// # Durability
//
// Every change is one batch of operations (ops.go) applied to memory and
// appended to the index's aof log in <data dir>/vector/<index>/; a write
// is answered once its batch is durable under the engine's appendfsync
// policy. A rewrite makes a snapshot the log's base once the log holds many
// more batches than the index holds records. At start every index
// directory is loaded (snapshot, then records; a torn tail is cut).
//
// Requests are decoded with encoding/json (request.go says why); replies
// are appended by hand (response.go). The package must not import net,
// and engine only for the command table and configuration.
package vector
