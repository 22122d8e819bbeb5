package rdb

import (
	"bytes"
	"encoding/binary"
)

// Encoding of stream values as RDB type 19, byte for byte as redis-server
// 7.0 writes them when it does not LZF-compress (rdbcompression no, or
// listpacks that do not compress): nodes as given, groups, consumers and
// PELs in the order given (sorted, as Redis's radix trees keep them).

// appendStream appends a stream's body (after its type byte); nil is an
// empty stream.
func appendStream(dst []byte, s *StreamValue) []byte {
	if s == nil {
		s = &StreamValue{}
	}
	dst = AppendLen(dst, uint64(len(s.Nodes)))
	var lp []byte
	for i := range s.Nodes {
		n := &s.Nodes[i]
		dst = appendRawStreamID(AppendLen(dst, 16), n.Master)
		lp = AppendStreamListpack(lp[:0], n)
		dst = append(AppendLen(dst, uint64(len(lp))), lp...)
	}
	dst = AppendLen(dst, s.Length)
	dst = appendStreamID(dst, s.LastID)
	dst = appendStreamID(dst, s.FirstID)
	dst = appendStreamID(dst, s.MaxDeletedID)
	dst = AppendLen(dst, s.EntriesAdded)
	dst = AppendLen(dst, uint64(len(s.Groups)))
	for i := range s.Groups {
		g := &s.Groups[i]
		dst = AppendString(dst, g.Name)
		dst = appendStreamID(dst, g.LastID)
		dst = AppendLen(dst, uint64(g.EntriesRead))
		dst = AppendLen(dst, uint64(len(g.PEL)))
		for _, p := range g.PEL {
			dst = appendRawStreamID(dst, p.ID)
			dst = binary.LittleEndian.AppendUint64(dst, uint64(p.DeliveryTime))
			dst = AppendLen(dst, p.DeliveryCount)
		}
		dst = AppendLen(dst, uint64(len(g.Consumers)))
		for _, c := range g.Consumers {
			dst = AppendString(dst, c.Name)
			dst = binary.LittleEndian.AppendUint64(dst, uint64(c.SeenTime))
			dst = AppendLen(dst, uint64(len(c.PEL)))
			for _, id := range c.PEL {
				dst = appendRawStreamID(dst, id)
			}
		}
	}
	return dst
}

func appendStreamID(dst []byte, id StreamID) []byte {
	return AppendLen(AppendLen(dst, id.Ms), id.Seq)
}

func appendRawStreamID(dst []byte, id StreamID) []byte {
	return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(dst, id.Ms), id.Seq)
}

// AppendStreamListpack appends node n as the listpack Redis keeps for it:
// the master entry (live and deleted counts, master fields), then each
// entry, its fields left out when they are the master's.
func AppendStreamListpack(dst []byte, n *StreamNode) []byte {
	start := len(dst)
	dst = append(dst, 0, 0, 0, 0, 0, 0)
	var live, dead int64
	for i := range n.Entries {
		if n.Entries[i].Deleted {
			dead++
		} else {
			live++
		}
	}
	dst = appendLPInt(dst, live)
	dst = appendLPInt(dst, dead)
	dst = appendLPInt(dst, int64(len(n.Fields)))
	for _, f := range n.Fields {
		dst = appendListpackEntry(dst, f)
	}
	dst = appendLPInt(dst, 0)
	elems := 4 + len(n.Fields)
	for i := range n.Entries {
		e := &n.Entries[i]
		flags := int64(0)
		if e.Deleted {
			flags |= streamFlagDeleted
		}
		same := sameFields(n.Fields, e.Fields)
		if same {
			flags |= streamFlagSameFields
		}
		dst = appendLPInt(dst, flags)
		dst = appendLPInt(dst, int64(e.ID.Ms-n.Master.Ms))
		dst = appendLPInt(dst, int64(e.ID.Seq-n.Master.Seq))
		nf := len(e.Fields) / 2
		lpCount := 3 + nf
		if same {
			for j := 1; j < len(e.Fields); j += 2 {
				dst = appendListpackEntry(dst, e.Fields[j])
			}
		} else {
			lpCount += nf + 1
			dst = appendLPInt(dst, int64(nf))
			for _, f := range e.Fields[:2*nf] {
				dst = appendListpackEntry(dst, f)
			}
		}
		dst = appendLPInt(dst, int64(lpCount))
		elems += lpCount + 1
	}
	dst = append(dst, 0xff)
	binary.LittleEndian.PutUint32(dst[start:], uint32(len(dst)-start))
	if elems > 0xfffe {
		elems = 0xffff // unknown, as Redis marks long listpacks
	}
	binary.LittleEndian.PutUint16(dst[start+4:], uint16(elems))
	return dst
}

// sameFields reports whether an entry's fields (fields and values
// alternating) are the master's, in order, as Redis's streamAppendItem
// decides whether to leave them out.
func sameFields(master, fv [][]byte) bool {
	if len(fv)/2 != len(master) {
		return false
	}
	for i, f := range master {
		if !bytes.Equal(f, fv[2*i]) {
			return false
		}
	}
	return true
}
