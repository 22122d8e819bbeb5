package rdb

import "errors"

var errLZF = errors.New("rdb: corrupt LZF data")

// lzfDecompress expands LZF data (liblzf's format, which Redis uses for
// compressed strings) into exactly n bytes.
func lzfDecompress(in []byte, n int) ([]byte, error) {
	out := make([]byte, 0, n)
	for i := 0; i < len(in); {
		ctrl := int(in[i])
		i++
		if ctrl < 32 {
			// A literal run of ctrl+1 bytes.
			run := ctrl + 1
			if i+run > len(in) || len(out)+run > n {
				return nil, errLZF
			}
			out = append(out, in[i:i+run]...)
			i += run
			continue
		}
		// A back reference: length in the top 3 bits (7 means one more
		// length byte), offset in the low 5 bits and the next byte.
		length := ctrl >> 5
		if length == 7 {
			if i >= len(in) {
				return nil, errLZF
			}
			length += int(in[i])
			i++
		}
		if i >= len(in) {
			return nil, errLZF
		}
		ref := len(out) - ((ctrl&0x1f)<<8 | int(in[i])) - 1
		i++
		length += 2
		if ref < 0 || len(out)+length > n {
			return nil, errLZF
		}
		// Byte by byte: the reference may overlap what it produces.
		for k := 0; k < length; k++ {
			out = append(out, out[ref+k])
		}
	}
	if len(out) != n {
		return nil, errLZF
	}
	return out, nil
}
