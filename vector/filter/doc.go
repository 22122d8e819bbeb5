// Package filter is Upstash Vector's metadata filter language: a lexer and
// recursive-descent parser for filters such as
//
//	population >= 1000000 AND geo.continent = 'Asia' OR tags CONTAINS 'port'
//
// a compiled, allocation-free evaluator over a record's metadata, and a
// selectivity estimate that the search uses to choose between an exact
// pre-filtered scan and a filter-aware graph search.
//
// # Metadata representation
//
// Metadata arrives as JSON and is evaluated many times (every candidate of
// every filtered query), so it is encoded once, at upsert, into a Doc: a
// compact, pointer-free, self-describing binary tree in one []byte (see
// doc_encode.go for the layout). Numbers are stored as float64 so no text
// is parsed while filtering; object keys are sorted so a lookup stops early;
// every container records its byte length so siblings are skipped in O(1).
// A Doc is a plain byte slice: it can live in one arena with thousands of
// others, the garbage collector scans nothing inside it, and evaluating a
// filter on it allocates nothing.
//
// # Filter representation
//
// Parse builds a small tree of nodes in one slice (used for printing and for
// the selectivity estimate) and compiles it into a flat program of
// predicates and short-circuit jumps; Match runs that program in a loop with
// no recursion, interfaces or allocation.
//
// # Semantics chosen where the spec says "unconfirmed"
//
//   - A predicate on a missing path, or on a value of a type the operator
//     does not apply to, is false. That holds for the negative operators
//     too: != and NOT IN need a string, number or boolean, NOT GLOB a
//     string, NOT CONTAINS an array. Use HAS NOT FIELD for absence.
//   - Booleans equal the numbers 1 and 0 in =, !=, IN, NOT IN and CONTAINS
//     (the docs say boolean literals are written 1 and 0).
//   - <, <=, >, >= apply to numbers only.
//   - Strings take backslash escapes (\\ \' \" \n \t \r \/ \uXXXX) and a
//     doubled quote stands for itself ('it”s').
//   - Unary NOT (...) is rejected with a clear error.
//
// Errors follow the shape of the service's ("Invalid filter. At line 1:24
// token recognition error at: '['"), with line and 0-based column.
//
// The package depends on nothing but the standard library and must not
// import engine, net, persistence, diskann or the rest of vector.
package filter
