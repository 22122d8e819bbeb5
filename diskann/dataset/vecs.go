package dataset

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"math"
)

// ErrFormat is returned for a malformed .fvecs/.ivecs or IDX stream.
var ErrFormat = errors.New("dataset: malformed vector file")

// maxVecDim bounds a record's dimension, so a corrupt length can't ask for
// gigabytes.
const maxVecDim = 1 << 20

// ReadIvecs reads a TEXMEX .ivecs stream (each record: little-endian int32
// dim, then dim int32 values) of records that all have the same dim, at
// most maxRecords of them (0: all), and returns the values end to end and
// dim.
func ReadIvecs(r io.Reader, maxRecords int) ([]int32, int, error) {
	var out []int32
	dim, err := readVecs(r, maxRecords, func(w uint32) { out = append(out, int32(w)) })
	return out, dim, err
}

// ReadFvecs reads a TEXMEX .fvecs stream (as ReadIvecs, float32 values).
func ReadFvecs(r io.Reader, maxRecords int) ([]float32, int, error) {
	var out []float32
	dim, err := readVecs(r, maxRecords, func(w uint32) { out = append(out, math.Float32frombits(w)) })
	return out, dim, err
}

// readVecs parses records, handing each 32-bit value to put.
func readVecs(r io.Reader, maxRecords int, put func(uint32)) (int, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	var hdr [4]byte
	dim := -1
	for rec := 0; maxRecords == 0 || rec < maxRecords; rec++ {
		if _, err := io.ReadFull(br, hdr[:]); err != nil {
			if err == io.EOF {
				break
			}
			return 0, ErrFormat
		}
		d := int(int32(binary.LittleEndian.Uint32(hdr[:])))
		if d < 1 || d > maxVecDim || (dim >= 0 && d != dim) {
			return 0, ErrFormat
		}
		dim = d
		for i := 0; i < d; i++ {
			if _, err := io.ReadFull(br, hdr[:]); err != nil {
				return 0, ErrFormat
			}
			put(binary.LittleEndian.Uint32(hdr[:]))
		}
	}
	if dim < 0 {
		return 0, ErrFormat
	}
	return dim, nil
}

// AppendIvecs appends vals (records of dim values) to dst in .ivecs form.
func AppendIvecs(dst []byte, vals []int32, dim int) []byte {
	for i := 0; i+dim <= len(vals) && dim > 0; i += dim {
		dst = binary.LittleEndian.AppendUint32(dst, uint32(dim))
		for _, v := range vals[i : i+dim] {
			dst = binary.LittleEndian.AppendUint32(dst, uint32(v))
		}
	}
	return dst
}

// AppendFvecs appends vals (records of dim values) to dst in .fvecs form.
func AppendFvecs(dst []byte, vals []float32, dim int) []byte {
	for i := 0; i+dim <= len(vals) && dim > 0; i += dim {
		dst = binary.LittleEndian.AppendUint32(dst, uint32(dim))
		for _, v := range vals[i : i+dim] {
			dst = binary.LittleEndian.AppendUint32(dst, math.Float32bits(v))
		}
	}
	return dst
}
