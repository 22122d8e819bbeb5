package engine

import "github.com/updraftdb/updraft/persistence/rdb"

// DUMP and RESTORE of sorted sets (t_dump.go).

// dumpValue is the sorted set's content for DUMP, in score order.
func (z *zset) dumpValue() rdb.Value {
	v := rdb.Value{Kind: rdb.ZSet}
	z.each(0, false, func(m []byte, score float64) bool {
		v.Elems = append(v.Elems, append([]byte(nil), m...))
		v.Scores = append(v.Scores, score)
		return true
	})
	return v
}

// restoreZset builds a sorted set from a RESTORE payload as Redis's
// rdbLoadObject does: compact when it fits the listpack limits, nil (Bad
// data format) when empty, with a NaN score or a duplicate member.
func restoreZset(c *Client, v rdb.Value) object {
	if len(v.Elems) == 0 || len(v.Elems) != len(v.Scores) {
		return nil
	}
	maxEntries, maxValue := c.zsetLimits()
	z := newZset()
	for i, m := range v.Elems {
		if out, _ := z.add(m, v.Scores[i], 0, maxEntries, maxValue); out&zaddOutAdded == 0 {
			return nil
		}
	}
	z.shrinkIfFits(maxEntries, maxValue)
	return z
}

func init() { restorers[rdb.ZSet] = restoreZset }
