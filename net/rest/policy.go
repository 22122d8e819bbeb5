package rest

import (
	"strconv"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/resp"
)

// What REST refuses, and Upstash's behaviour where it differs from Redis
// (spec sections 2 and 10).

// notOverREST lists the commands Upstash does not serve over REST: the
// connection state and transaction commands (a REST request has no
// session), the streaming ones (served as /subscribe, /psubscribe and
// /monitor), replication and shutdown.
var notOverREST = map[string]bool{
	"multi": true, "exec": true, "discard": true, "watch": true, "unwatch": true,
	"auth": true, "hello": true, "select": true, "quit": true, "reset": true,
	"subscribe": true, "psubscribe": true, "ssubscribe": true, "unsubscribe": true,
	"punsubscribe": true, "sunsubscribe": true, "monitor": true,
	"sync": true, "psync": true, "replconf": true, "replicaof": true, "slaveof": true,
	"shutdown": true, "failover": true,
}

// clientSubNotOverREST are the CLIENT subcommands that change connection
// state a REST request cannot keep.
var clientSubNotOverREST = map[string]bool{
	"reply": true, "pause": true, "unpause": true, "kill": true, "tracking": true,
	"caching": true, "no-evict": true, "no-touch": true, "unblock": true,
}

// heavyReads are read commands the read-only token is denied, as on
// Upstash: whole-keyspace walks.
var heavyReads = map[string]bool{"keys": true, "scan": true}

// refuse returns the error for a command REST will not run, or "".
func refuse(cmd *engine.Command, args [][]byte, readOnly bool) string {
	if cmd == nil {
		if len(args[0]) < 16 && notOverREST[lower(args[0])] {
			return "ERR Command is not available: '" + string(args[0]) + "'"
		}
		return "" // Exec answers unknown commands as Redis does
	}
	name := cmd.Name
	if notOverREST[name] {
		return "ERR Command is not available: '" + string(args[0]) + "'"
	}
	if name == "client" && len(args) > 1 && clientSubNotOverREST[lower(args[1])] {
		return "ERR Command is not available: '" + string(args[0]) + " " + string(args[1]) + "'"
	}
	if cmd.Sub != nil && len(args) > 1 && len(args[1]) < 32 {
		if sub := cmd.Sub[lower(args[1])]; sub != nil {
			cmd = sub
		}
	}
	if readOnly && (cmd.Flags&(engine.FlagWrite|engine.FlagAdmin|engine.FlagMayReplicate) != 0 || heavyReads[name]) {
		return "NOPERM this user has no permissions to run the '" + name + "' command or its subcommand"
	}
	return ""
}

func lower(b []byte) string {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return string(out)
}

// quirk serves the commands whose Upstash behaviour differs from Redis's,
// writing the reply into the client's writer; false: run it as usual.
func (st *Conn) quirk(args [][]byte) bool {
	switch {
	case eqFold(args[0], "unlink") && len(args) == 1:
		// Upstash accepts UNLINK with no keys.
		st.cl.W.Int(0)
		return true
	case eqFold(args[0], "zrange"):
		return st.zrangeLimit(args)
	case eqFold(args[0], "scan"):
		return st.scanWithType(args)
	}
	return false
}

// zrangeLimit serves ZRANGE key start stop [REV] [WITHSCORES] LIMIT off cnt
// without BYSCORE/BYLEX (Upstash applies LIMIT to the index range; Redis
// refuses it).
func (st *Conn) zrangeLimit(args [][]byte) bool {
	limitAt, withScores := -1, false
	for i := 4; i < len(args); i++ {
		switch {
		case eqFold(args[i], "byscore"), eqFold(args[i], "bylex"):
			return false
		case eqFold(args[i], "withscores"):
			withScores = true
		case eqFold(args[i], "limit"):
			limitAt = i
		}
	}
	if limitAt < 0 || limitAt+2 >= len(args) {
		return false
	}
	off, err1 := strconv.ParseInt(string(args[limitAt+1]), 10, 64)
	cnt, err2 := strconv.ParseInt(string(args[limitAt+2]), 10, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	plain := make([][]byte, 0, len(args)-3)
	plain = append(plain, args[:limitAt]...)
	plain = append(plain, args[limitAt+3:]...)
	cl := st.cl
	st.s.e.Exec(cl, plain)
	reply := cl.W.Buf
	if len(reply) == 0 || reply[0] != '*' {
		return true // an error: as is
	}
	per := 1
	if withScores {
		per = 2
	}
	eol := indexCRLF(reply, 1, len(reply))
	total, _ := parseSigned(reply[1:eol])
	n := total / int64(per)
	if off < 0 {
		off = 0
	}
	if off > n {
		off = n
	}
	if cnt < 0 || off+cnt > n {
		cnt = n - off
	}
	pos := eol + 2
	for i := int64(0); i < off*int64(per); i++ {
		pos += replyLen(reply[pos:])
	}
	from := pos
	for i := int64(0); i < cnt*int64(per); i++ {
		pos += replyLen(reply[pos:])
	}
	out := resp.AppendArray(nil, int(cnt)*per)
	out = append(out, reply[from:pos]...)
	cl.W.Buf = append(cl.W.Buf[:0], out...)
	return true
}

// scanWithType serves SCAN ... WITHTYPE: [cursor, [key, type, ...]].
func (st *Conn) scanWithType(args [][]byte) bool {
	at := -1
	for i := 2; i < len(args); i++ {
		if eqFold(args[i], "withtype") {
			at = i
		}
	}
	if at < 0 {
		return false
	}
	plain := make([][]byte, 0, len(args)-1)
	plain = append(plain, args[:at]...)
	plain = append(plain, args[at+1:]...)
	cl := st.cl
	st.s.e.Exec(cl, plain)
	reply := append([]byte(nil), cl.W.Buf...)
	v, _, err := resp.ReadReply(reply)
	if err != nil || v.Kind != resp.KindArray || len(v.Elems) != 2 {
		return true // an error: as is
	}
	keys := v.Elems[1].Elems
	out := resp.AppendArray(nil, 2)
	out = resp.AppendBulk(out, v.Elems[0].Str)
	out = resp.AppendArray(out, 2*len(keys))
	for _, k := range keys {
		cl.W.Buf = cl.W.Buf[:0]
		st.s.e.Exec(cl, [][]byte{[]byte("TYPE"), k.Str})
		t := cl.W.Buf
		if len(t) > 3 && t[0] == '+' {
			t = t[1 : len(t)-2]
		} else {
			t = []byte("none")
		}
		out = resp.AppendBulk(out, k.Str)
		out = resp.AppendBulk(out, t)
	}
	cl.W.Buf = append(cl.W.Buf[:0], out...)
	return true
}
