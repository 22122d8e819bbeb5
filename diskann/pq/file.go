package pq

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/cespare/xxhash/v2"
)

// The codebook file, little-endian:
//
//	magic    [4]byte "UDPQ"
//	version  uint16  (fileVersion)
//	reserved uint16  (0)
//	dim      uint32
//	m        uint32
//	k        uint32  (Centroids)
//	cents    [k*dim]float32, subspace by subspace, centroid by centroid
//	checksum uint64  xxhash64 of every byte before it
const (
	fileMagic   = "UDPQ"
	fileVersion = 1
	headerSize  = 20
	trailerSize = 8
)

// AppendBinary appends cb's file form to dst and returns the result.
func (cb *Codebook) AppendBinary(dst []byte) []byte {
	start := len(dst)
	dst = append(dst, fileMagic...)
	dst = binary.LittleEndian.AppendUint16(dst, fileVersion)
	dst = binary.LittleEndian.AppendUint16(dst, 0)
	dst = binary.LittleEndian.AppendUint32(dst, uint32(cb.dim))
	dst = binary.LittleEndian.AppendUint32(dst, uint32(cb.m))
	dst = binary.LittleEndian.AppendUint32(dst, Centroids)
	for _, v := range cb.cents {
		dst = binary.LittleEndian.AppendUint32(dst, math.Float32bits(v))
	}
	return binary.LittleEndian.AppendUint64(dst, xxhash.Sum64(dst[start:]))
}

// Parse reads a codebook from its file form, refusing (with ErrCorrupt or
// ErrVersion) a wrong length or checksum, a bad header, or a centroid
// that is not a finite number. It does not keep b.
func Parse(b []byte) (*Codebook, error) {
	if len(b) < headerSize+trailerSize || string(b[:4]) != fileMagic {
		return nil, fmt.Errorf("%w: not a codebook file (bad magic or too short)", ErrCorrupt)
	}
	body := b[:len(b)-trailerSize]
	if xxhash.Sum64(body) != binary.LittleEndian.Uint64(b[len(body):]) {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	if v := binary.LittleEndian.Uint16(b[4:]); v != fileVersion {
		return nil, ErrVersion
	}
	dim := binary.LittleEndian.Uint32(b[8:])
	m := binary.LittleEndian.Uint32(b[12:])
	k := binary.LittleEndian.Uint32(b[16:])
	if binary.LittleEndian.Uint16(b[6:]) != 0 || k != Centroids || dim < 1 || dim > MaxDim || m < 1 || m > dim {
		return nil, fmt.Errorf("%w: bad header", ErrCorrupt)
	}
	if uint64(len(body)-headerSize) != 4*uint64(k)*uint64(dim) {
		return nil, fmt.Errorf("%w: length does not match the header", ErrCorrupt)
	}
	cb := newCodebook(int(dim), int(m))
	raw := body[headerSize:]
	for i := range cb.cents {
		v := math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return nil, fmt.Errorf("%w: centroid value is not finite", ErrCorrupt)
		}
		cb.cents[i] = v
	}
	return cb, nil
}

// WriteFile stores cb at path durably: it writes a temporary file beside
// it, syncs it, renames it over path and syncs the directory, so a crash
// leaves either the old file or the new one.
func (cb *Codebook) WriteFile(path string) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, err = f.Write(cb.AppendBinary(nil))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		err = d.Sync()
		d.Close()
		return err
	}
	return nil
}

// ReadFile loads the codebook stored at path (see Parse).
func ReadFile(path string) (*Codebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}
