package engine

import "github.com/updraftdb/updraft/persistence/rdb"

// DUMP and RESTORE of lists (t_dump.go): a list serializes as its elements,
// which persistence/rdb writes as Redis's quicklist of listpacks.

// dumpValue implements dumper.
func (l *listObj) dumpValue() rdb.Value {
	v := rdb.Value{Kind: rdb.List, Elems: make([][]byte, 0, l.n)}
	l.each(func(e []byte) bool {
		v.Elems = append(v.Elems, append([]byte(nil), e...))
		return true
	})
	return v
}

// restoreList builds a list from a decoded value; an empty one is refused,
// as Redis does.
func restoreList(c *Client, v rdb.Value) object {
	if len(v.Elems) == 0 {
		return nil
	}
	l := &listObj{}
	fill := c.listFill()
	for _, e := range v.Elems {
		l.push(e, true, fill)
	}
	return l
}

func init() { restorers[rdb.List] = restoreList }
