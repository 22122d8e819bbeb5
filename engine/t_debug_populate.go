package engine

import "strconv"

// debugPopulate is DEBUG POPULATE count [prefix] [size]: count string keys
// prefix:N (default "key") holding "value:N", cut or padded with zero bytes
// to size when size is given; existing keys are left alone. Benchmarks use
// it to load identical data sets into Updraft and redis-server. Unlike
// Redis, which does not propagate it, the log gets the command itself (it
// is deterministic), so the keys survive a restart.
func (c *Client) debugPopulate(args [][]byte) {
	count, err := strconv.ParseInt(string(args[0]), 10, 64)
	if err != nil {
		c.W.Error(errNotInt)
		return
	}
	if count < 0 {
		c.W.Error("ERR count must be greater than or equal to 0")
		return
	}
	prefix := []byte("key")
	if len(args) > 1 {
		prefix = args[1]
	}
	size := int64(-1)
	if len(args) > 2 {
		if size, err = strconv.ParseInt(string(args[2]), 10, 64); err != nil {
			c.W.Error(errNotInt)
			return
		}
		if size < 0 {
			c.W.Error("ERR size must be greater than or equal to 0")
			return
		}
	}
	mark := len(c.W.Buf)
	var key, val []byte
	for i := int64(0); i < count; i++ {
		key = strconv.AppendInt(append(append(key[:0], prefix...), ':'), i, 10)
		val = strconv.AppendInt(append(val[:0], "value:"...), i, 10)
		if size >= 0 {
			for int64(len(val)) < size {
				val = append(val, 0)
			}
			val = val[:size]
		}
		c.setGeneric(key, val, setNX, nil, "set", false)
		c.W.Buf = c.W.Buf[:mark]
	}
	c.W.OK()
}
