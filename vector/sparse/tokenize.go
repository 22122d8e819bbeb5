package sparse

import (
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
)

// termMask keeps the low 31 bits of a token's hash, so every BM25 term id
// is a valid non-negative int32 index in the API's sparseVector.
const termMask = 1<<31 - 1

// TermID is the sparse index of a token: the low 31 bits of xxhash64 of
// its bytes (after lower-casing and stemming). Distinct words can collide
// with probability about 1 in 2^31 per pair, which only merges their
// weights, as in hashing vectorizers.
func TermID(token []byte) uint32 { return uint32(xxhash.Sum64(token) & termMask) }

// Tokenizer splits text into BM25 terms. Its buffers are reused between
// calls, so one Tokenizer must not be used by two goroutines at once.
type Tokenizer struct {
	word []byte
}

// AppendTerms appends the term id of every kept token of text to dst, in
// text order and with repeats. A token is a maximal run of Unicode letters,
// digits and combining marks; everything else (spaces, punctuation,
// apostrophes, symbols) separates tokens. Tokens are lower-cased; stop
// words and tokens longer than MaxTokenBytes are dropped; the rest are
// Porter-stemmed. Invalid UTF-8 bytes separate tokens too.
func (t *Tokenizer) AppendTerms(dst []uint32, text string) []uint32 {
	w := t.word[:0]
	for i := 0; i <= len(text); {
		r, size := rune(-1), 1
		if i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if r >= 0 && r != utf8.RuneError && isWordRune(r) {
			w = utf8.AppendRune(w, unicode.ToLower(r))
		} else if len(w) > 0 {
			if len(w) <= MaxTokenBytes && !isStopWord(w) {
				w = stem(w)
				dst = append(dst, TermID(w))
			}
			w = w[:0]
		}
		i += size
	}
	t.word = w
	return dst
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
