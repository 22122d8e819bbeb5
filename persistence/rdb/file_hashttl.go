package rdb

import (
	"encoding/binary"
	"sort"
	"strconv"
)

// Hashes with field TTLs (Redis 7.4, RDB 12): HASH_LISTPACK_EX is a
// listpack of field, value, absolute expire ms (0: none) triples, fields
// with a TTL first and soonest first; HASH_METADATA is a count and, per
// field, its TTL relative to the smallest one plus one (0: none), the
// field and the value. Both start with that smallest expire time as 8
// little-endian bytes; the pre-GA (7.4 RC) types lack it and store TTLs as
// absolute times.

// maxFieldExpire is Redis's EB_EXPIRE_TIME_MAX (48 bits of ms).
const maxFieldExpire = 1<<48 - 1

// hashTTL decodes a hash with field TTLs of type typ.
func (r *Reader) hashTTL(v *Value, typ byte) error {
	var base uint64
	if typ == typeHashMetadata || typ == typeHashListpackEx {
		b, err := r.bytes(8)
		if err != nil {
			return err
		}
		base = binary.LittleEndian.Uint64(b)
	}
	if typ == typeHashListpackEx || typ == typeHashListpackExPreGA {
		elems, err := r.packed(typeHashListpack)
		if err != nil || len(elems)%3 != 0 {
			return ErrBadFormat
		}
		for i := 0; i < len(elems); i += 3 {
			exp, err := strconv.ParseInt(string(elems[i+2]), 10, 64)
			if err != nil || exp < 0 || exp > maxFieldExpire {
				return ErrBadFormat
			}
			v.Elems = append(v.Elems, elems[i], elems[i+1])
			v.TTLs = append(v.TTLs, exp)
		}
	} else {
		n, err := r.count()
		if err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			ttl, enc, err := r.length()
			if err != nil || enc {
				return ErrBadFormat
			}
			exp := ttl
			if ttl != 0 && typ == typeHashMetadata {
				exp = ttl + base - 1
			}
			if exp > maxFieldExpire {
				return ErrBadFormat
			}
			f, err := r.String()
			if err != nil {
				return err
			}
			val, err := r.String()
			if err != nil {
				return err
			}
			v.Elems = append(v.Elems, f, val)
			v.TTLs = append(v.TTLs, int64(exp))
		}
	}
	if !hasTTL(v.TTLs) {
		v.TTLs = nil
	}
	return nil
}

// appendHashTTL writes a hash with field TTLs as Redis 7.4 would: a
// listpackex while it fits the listpack limits, else HASH_METADATA.
func appendHashTTL(dst []byte, v Value) []byte {
	n := len(v.Elems) / 2
	ttl := func(i int) int64 {
		if i < len(v.TTLs) {
			return v.TTLs[i]
		}
		return 0
	}
	var minExp int64
	for i := 0; i < n; i++ {
		if t := ttl(i); t != 0 && (minExp == 0 || t < minExp) {
			minExp = t
		}
	}
	if n <= packedHashEntries && allShort(v.Elems) {
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool {
			ta, tb := ttl(order[a]), ttl(order[b])
			return ta != 0 && (tb == 0 || ta < tb)
		})
		triples := make([][]byte, 0, 3*n)
		for _, i := range order {
			triples = append(triples, v.Elems[2*i], v.Elems[2*i+1], strconv.AppendInt(nil, ttl(i), 10))
		}
		dst = binary.LittleEndian.AppendUint64(append(dst, typeHashListpackEx), uint64(minExp))
		return AppendString(dst, appendListpack(nil, triples))
	}
	dst = binary.LittleEndian.AppendUint64(append(dst, typeHashMetadata), uint64(minExp))
	dst = AppendLen(dst, uint64(n))
	for i := 0; i < n; i++ {
		var rel uint64
		if t := ttl(i); t != 0 {
			rel = uint64(t-minExp) + 1
		}
		dst = AppendLen(dst, rel)
		dst = AppendString(dst, v.Elems[2*i])
		dst = AppendString(dst, v.Elems[2*i+1])
	}
	return dst
}
