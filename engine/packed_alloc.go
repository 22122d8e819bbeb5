package engine

// Growth of the packed blobs of small collections (zset and hash
// listpacks, list nodes, intsets). append doubles a slice's capacity, so a
// 5-entry listpack of 80 bytes could hold 128; these helpers instead
// reallocate to exactly the bytes needed, rounded up to the Go allocator's
// size class (the memory the allocation takes anyway, so it is free room).
// Copying on each insert is what Redis's listpack realloc does too, and the
// blobs are bounded by the *-max-listpack-* thresholds.

// allocPacked returns a zeroed slice of length n whose capacity is n
// rounded up to its malloc size class. (The compiler turns an append of
// make into one growslice: no temporary is allocated.)
func allocPacked(n int) []byte {
	return append([]byte(nil), make([]byte, n)...)
}

// growPacked extends b by n bytes (their content unspecified), reallocating
// to the exact size class when b lacks the capacity.
func growPacked[T ~[]byte](b T, n int) T {
	if len(b)+n <= cap(b) {
		return b[:len(b)+n]
	}
	nb := allocPacked(len(b) + n)
	copy(nb, b)
	return T(nb)
}

// reservePacked makes room for n more bytes after len(b) without changing
// the length, so that appends of that many bytes do not reallocate.
func reservePacked(b []byte, n int) []byte {
	if len(b)+n <= cap(b) {
		return b
	}
	return growPacked(b, n)[:len(b)]
}

// shrinkPacked gives back the capacity of a blob that shrank to less than
// half of it (copying it into its exact size class); otherwise it returns
// b as it is.
func shrinkPacked[T ~[]byte](b T) T {
	if cap(b) <= 16 || len(b) >= cap(b)/2 {
		return b
	}
	nb := allocPacked(len(b))
	copy(nb, b)
	return T(nb)
}
