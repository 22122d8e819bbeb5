package rdb

import (
	"encoding/binary"
	"errors"
	"math"
	"strconv"
)

// ErrBadFormat reports a value that cannot be decoded.
var ErrBadFormat = errors.New("rdb: bad data format")

// ErrChecksum reports a DUMP payload whose version or checksum is wrong.
var ErrChecksum = errors.New("rdb: payload version or checksum are wrong")

// maxPrealloc caps capacity taken from a length read from the input, so a
// lying length cannot allocate much before the data runs out.
const maxPrealloc = 1 << 16

// Reader decodes RDB primitives from a byte slice.
type Reader struct {
	b []byte
	p int
}

// NewReader reads from b.
func NewReader(b []byte) *Reader { return &Reader{b: b} }

// Rest is the number of bytes not yet read.
func (r *Reader) Rest() int { return len(r.b) - r.p }

func (r *Reader) byte() (byte, error) {
	if r.p >= len(r.b) {
		return 0, ErrBadFormat
	}
	r.p++
	return r.b[r.p-1], nil
}

func (r *Reader) bytes(n int) ([]byte, error) {
	if n < 0 || n > len(r.b)-r.p {
		return nil, ErrBadFormat
	}
	r.p += n
	return r.b[r.p-n : r.p], nil
}

// length reads a length; encoded reports a special string encoding
// (integer or LZF), whose kind is then the returned value.
func (r *Reader) length() (n uint64, encoded bool, err error) {
	c, err := r.byte()
	if err != nil {
		return 0, false, err
	}
	switch c >> 6 {
	case 0:
		return uint64(c & 0x3f), false, nil
	case 1:
		d, err := r.byte()
		return uint64(c&0x3f)<<8 | uint64(d), false, err
	case 2:
		switch c {
		case 0x80:
			b, err := r.bytes(4)
			if err != nil {
				return 0, false, err
			}
			return uint64(binary.BigEndian.Uint32(b)), false, nil
		case 0x81:
			b, err := r.bytes(8)
			if err != nil {
				return 0, false, err
			}
			return binary.BigEndian.Uint64(b), false, nil
		}
		return 0, false, ErrBadFormat
	}
	return uint64(c & 0x3f), true, nil
}

// Len reads a plain length, bounded by what the input could hold.
func (r *Reader) Len() (int, error) {
	n, enc, err := r.length()
	if err != nil {
		return 0, err
	}
	if enc || n > uint64(len(r.b)) {
		return 0, ErrBadFormat
	}
	return int(n), nil
}

// count reads an element count (each element takes at least one byte).
func (r *Reader) count() (int, error) {
	n, err := r.Len()
	if err != nil {
		return 0, err
	}
	if n > r.Rest() {
		return 0, ErrBadFormat
	}
	return n, nil
}

// String reads a string in any of its encodings; the result is a copy.
func (r *Reader) String() ([]byte, error) {
	n, enc, err := r.length()
	if err != nil {
		return nil, err
	}
	if !enc {
		if n > uint64(r.Rest()) {
			return nil, ErrBadFormat
		}
		b, err := r.bytes(int(n))
		return append([]byte(nil), b...), err
	}
	switch n {
	case 0, 1, 2:
		b, err := r.bytes(1 << n)
		if err != nil {
			return nil, err
		}
		var v int64
		switch n {
		case 0:
			v = int64(int8(b[0]))
		case 1:
			v = int64(int16(binary.LittleEndian.Uint16(b)))
		default:
			v = int64(int32(binary.LittleEndian.Uint32(b)))
		}
		return strconv.AppendInt(nil, v, 10), nil
	case 3:
		clen, err := r.Len()
		if err != nil {
			return nil, err
		}
		u, enc, err := r.length()
		if err != nil {
			return nil, err
		}
		// A back reference of 3 input bytes yields at most 264 bytes.
		if enc || u > uint64(clen)*88+64 {
			return nil, ErrBadFormat
		}
		ulen := int(u)
		c, err := r.bytes(clen)
		if err != nil {
			return nil, err
		}
		out, err := lzfDecompress(c, ulen)
		if err != nil {
			return nil, ErrBadFormat
		}
		return out, nil
	}
	return nil, ErrBadFormat
}

// oldDouble reads a double as the ZSET (version 1) encoding writes it:
// a length byte (253 NaN, 254 +inf, 255 -inf) and its decimal text.
func (r *Reader) oldDouble() (float64, error) {
	n, err := r.byte()
	if err != nil {
		return 0, err
	}
	switch n {
	case 253:
		return math.NaN(), nil
	case 254:
		return math.Inf(1), nil
	case 255:
		return math.Inf(-1), nil
	}
	b, err := r.bytes(int(n))
	if err != nil {
		return 0, err
	}
	return parseScore(b)
}

func (r *Reader) binaryDouble() (float64, error) {
	b, err := r.bytes(8)
	if err != nil {
		return 0, err
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(b)), nil
}

func parseScore(b []byte) (float64, error) {
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return 0, ErrBadFormat
		}
	}
	return f, nil
}

// DecodeValue reads a value of RDB type typ.
func (r *Reader) DecodeValue(typ byte) (Value, error) {
	var v Value
	var err error
	switch typ {
	case typeString:
		v.Kind = String
		v.Str, err = r.String()
	case typeList, typeSet:
		v.Kind = List
		if typ == typeSet {
			v.Kind = Set
		}
		v.Elems, err = r.strings(1)
	case typeHash:
		v.Kind = Hash
		v.Elems, err = r.strings(2)
	case typeZSet, typeZSet2:
		v.Kind = ZSet
		err = r.zset(&v, typ == typeZSet2)
	case typeListZiplist, typeListQuicklist, typeListQuicklist2:
		v.Kind = List
		err = r.list(&v, typ)
	case typeSetIntset, typeSetListpack:
		v.Kind = Set
		v.Elems, err = r.packed(typ)
	case typeHashZipmap, typeHashZiplist, typeHashListpack:
		v.Kind = Hash
		v.Elems, err = r.packed(typ)
		if err == nil && len(v.Elems)%2 != 0 {
			err = ErrBadFormat
		}
	case typeHashMetadata, typeHashMetadataPreGA, typeHashListpackEx, typeHashListpackExPreGA:
		v.Kind = Hash
		err = r.hashTTL(&v, typ)
	case typeStreamListpacks, typeStreamListpacks2, typeStreamListpacks3:
		v.Kind = Stream
		v.Stream, err = r.streamValue(typ)
	case typeZSetZiplist, typeZSetListpack:
		v.Kind = ZSet
		var pairs [][]byte
		pairs, err = r.packed(typ)
		if err == nil && len(pairs)%2 != 0 {
			err = ErrBadFormat
		}
		for i := 0; err == nil && i < len(pairs); i += 2 {
			var f float64
			if f, err = parseScore(pairs[i+1]); err == nil {
				v.Elems = append(v.Elems, pairs[i])
				v.Scores = append(v.Scores, f)
			}
		}
	default:
		err = ErrBadFormat
	}
	if err != nil {
		return Value{}, ErrBadFormat
	}
	return v, nil
}

// strings reads a count of entries of per strings each.
func (r *Reader) strings(per int) ([][]byte, error) {
	n, err := r.count()
	if err != nil {
		return nil, err
	}
	out := make([][]byte, 0, min(n*per, maxPrealloc))
	for i := 0; i < n*per; i++ {
		s, err := r.String()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func (r *Reader) zset(v *Value, binaryScores bool) error {
	n, err := r.count()
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		m, err := r.String()
		if err != nil {
			return err
		}
		var f float64
		if binaryScores {
			f, err = r.binaryDouble()
		} else {
			f, err = r.oldDouble()
		}
		if err != nil || math.IsNaN(f) {
			return ErrBadFormat
		}
		v.Elems = append(v.Elems, m)
		v.Scores = append(v.Scores, f)
	}
	return nil
}

// packed reads one string holding a packed blob and parses it.
func (r *Reader) packed(typ byte) ([][]byte, error) {
	blob, err := r.String()
	if err != nil {
		return nil, err
	}
	switch typ {
	case typeSetIntset:
		return parseIntset(blob)
	case typeHashZipmap:
		return parseZipmap(blob)
	case typeHashZiplist, typeZSetZiplist, typeListZiplist:
		return parseZiplist(blob)
	}
	return parseListpack(blob)
}

func (r *Reader) list(v *Value, typ byte) error {
	if typ == typeListZiplist {
		elems, err := r.packed(typ)
		v.Elems = elems
		return err
	}
	nodes, err := r.count()
	if err != nil {
		return err
	}
	for i := 0; i < nodes; i++ {
		container := uint64(quicklistNodePacked)
		if typ == typeListQuicklist2 {
			if container, _, err = r.length(); err != nil {
				return err
			}
		}
		blob, err := r.String()
		if err != nil {
			return err
		}
		switch {
		case container == quicklistNodePlain:
			v.Elems = append(v.Elems, blob)
			continue
		case container != quicklistNodePacked:
			return ErrBadFormat
		}
		var elems [][]byte
		if typ == typeListQuicklist {
			elems, err = parseZiplist(blob)
		} else {
			elems, err = parseListpack(blob)
		}
		if err != nil {
			return err
		}
		if len(elems) == 0 {
			return ErrBadFormat // Redis never writes an empty node
		}
		v.Elems = append(v.Elems, elems...)
	}
	return nil
}

// ParseDump checks a DUMP payload's footer (RDB version and CRC-64) and
// decodes its value.
func ParseDump(payload []byte) (Value, error) {
	if len(payload) < 10 {
		return Value{}, ErrChecksum
	}
	body := payload[:len(payload)-10]
	footer := payload[len(payload)-10:]
	if ver := binary.LittleEndian.Uint16(footer); ver > MaxVersion {
		return Value{}, ErrChecksum
	}
	if Checksum(0, payload[:len(payload)-8]) != binary.LittleEndian.Uint64(footer[2:]) {
		return Value{}, ErrChecksum
	}
	r := NewReader(body)
	typ, err := r.byte()
	if err != nil {
		return Value{}, ErrBadFormat
	}
	// Bytes after the value are ignored, as redis-server does.
	v, err := r.DecodeValue(typ)
	if err != nil {
		return Value{}, ErrBadFormat
	}
	return v, nil
}
