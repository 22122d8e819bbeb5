package fuzz_test

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/persistence/rdb"
)

// replaySnapshot describes every key of every database of e, read by a
// Replayer (clock stopped: expired keys still present are listed on both
// sides alike): type, absolute expiry, value from DUMP (sets and hashes
// sorted), hash field expiry times, and for streams XRANGE and XINFO
// STREAM FULL without the consumers' seen and active times.
func replaySnapshot(e *engine.Engine) string {
	r := e.NewReplayer()
	do := func(args ...string) reply {
		argv := make([][]byte, len(args))
		for i, a := range args {
			argv[i] = []byte(a)
		}
		v, _ := parseReply(r.Do(argv...))
		return v
	}
	var b strings.Builder
	for db := 0; db < 16; db++ {
		do("SELECT", strconv.Itoa(db))
		var keys []string
		for _, k := range do("KEYS", "*").arr {
			keys = append(keys, k.str)
		}
		sort.Strings(keys)
		for _, k := range keys {
			typ := do("TYPE", k).str
			fmt.Fprintf(&b, "%d %q %s exp=%s", db, k, typ, do("PEXPIRETIME", k).text())
			if d := do("DUMP", k); d.kind == '$' && !d.null {
				v, err := rdb.ParseDump([]byte(d.str))
				if err != nil {
					fmt.Fprintf(&b, " dump error %v", err)
				} else {
					b.WriteString(" " + dumpText(v))
				}
			} else {
				b.WriteString(" dump=" + d.text())
			}
			switch typ {
			case "hash":
				var fields []string
				for _, f := range do("HKEYS", k).arr {
					fields = append(fields, f.str)
				}
				sort.Strings(fields)
				for _, f := range fields {
					fmt.Fprintf(&b, " %q@%s", f, do("HPEXPIRETIME", k, "FIELDS", "1", f).text())
				}
			case "stream":
				b.WriteString(" range=" + do("XRANGE", k, "-", "+").text())
				b.WriteString(" info=" + do("XINFO", "STREAM", k, "FULL").text())
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// dumpText renders a decoded value; sets and hashes sorted.
func dumpText(v rdb.Value) string {
	switch v.Kind {
	case rdb.Set:
		m := slices.Clone(v.Elems)
		slices.SortFunc(m, bytes.Compare)
		return fmt.Sprintf("set %q", m)
	case rdb.Hash:
		pairs := make([]string, 0, len(v.Elems)/2)
		for i := 0; i+1 < len(v.Elems); i += 2 {
			p := fmt.Sprintf("%q=%q", v.Elems[i], v.Elems[i+1])
			if v.TTLs != nil {
				p += fmt.Sprintf("@%d", v.TTLs[i/2])
			}
			pairs = append(pairs, p)
		}
		sort.Strings(pairs)
		return "hash " + strings.Join(pairs, ",")
	case rdb.ZSet:
		return fmt.Sprintf("zset %q %v", v.Elems, v.Scores)
	}
	return fmt.Sprintf("%d %q %q", v.Kind, v.Str, v.Elems)
}

// reply is a parsed RESP2 reply.
type reply struct {
	kind byte
	str  string
	null bool
	arr  []reply
}

// text renders r, leaving out the values of the map keys that hold
// times of last activity (they differ between a run and its replay).
func (r reply) text() string {
	if r.kind != '*' {
		if r.null {
			return "nil"
		}
		return strconv.Quote(r.str)
	}
	parts := make([]string, 0, len(r.arr))
	for i := 0; i < len(r.arr); i++ {
		a := r.arr[i]
		parts = append(parts, a.text())
		if a.kind == '$' && (a.str == "seen-time" || a.str == "active-time") && i+1 < len(r.arr) {
			i++
		}
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// parseReply parses one RESP2 value from b and returns it with the rest.
func parseReply(b []byte) (reply, []byte) {
	if len(b) == 0 {
		return reply{null: true}, nil
	}
	end := bytes.Index(b, []byte("\r\n"))
	if end < 0 {
		return reply{kind: '?', str: string(b)}, nil
	}
	line, rest := string(b[1:end]), b[end+2:]
	r := reply{kind: b[0]}
	switch b[0] {
	case '$':
		n, _ := strconv.Atoi(line)
		if n < 0 {
			r.null = true
			return r, rest
		}
		r.str = string(rest[:n])
		return r, rest[n+2:]
	case '*':
		n, _ := strconv.Atoi(line)
		if n < 0 {
			r.null = true
			return r, rest
		}
		for range n {
			var v reply
			v, rest = parseReply(rest)
			r.arr = append(r.arr, v)
		}
		return r, rest
	}
	r.str = line
	return r, rest
}
