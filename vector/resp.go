package vector

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/updraftdb/updraft/engine"
)

// RESP commands. They run the HTTP handlers on a JSON body built from the
// arguments (or given as one), so both surfaces share parsing, checks and
// errors; a JSON result is replied as a bulk string.

func init() {
	const w = engine.FlagWrite | engine.FlagDenyOOM | engine.FlagNoScript
	const r = engine.FlagReadonly | engine.FlagNoScript
	const wc = engine.CatWrite | engine.CatSlow
	const rc = engine.CatRead | engine.CatSlow
	s := func(n string) engine.Arg { return engine.Arg{Name: n, Type: engine.ArgString} }
	opt := func(tok, n string) engine.Arg {
		return engine.Arg{Name: n, Type: engine.ArgString, Token: tok, Flags: engine.ArgOptional}
	}
	doc := func(c *engine.Command, summary, complexity string, args ...engine.Arg) *engine.Command {
		c.Summary, c.Since, c.Group, c.Complexity, c.Args = summary, "1.0.0", "vector", complexity, args
		return c
	}
	engine.Register(
		doc(&engine.Command{Name: "vector.create", Arity: -6, Flags: w | engine.FlagAdmin, Cats: wc, Proc: cmdCreate},
			"Create a vector index", "O(1)",
			s("name"), engine.Arg{Name: "dimension", Type: engine.ArgInteger, Token: "DIM"},
			engine.Arg{Name: "metric", Type: engine.ArgString, Token: "METRIC"}, opt("TYPE", "type"),
			engine.Arg{Name: "existsok", Type: engine.ArgPureToken, Token: "EXISTSOK", Flags: engine.ArgOptional}),
		doc(&engine.Command{Name: "vector.drop", Arity: 2, Flags: w | engine.FlagAdmin, Cats: wc, Proc: cmdDrop},
			"Delete a vector index and its records", "O(N) with N the records", s("name")),
		doc(&engine.Command{Name: "vector.add", Arity: -3, Flags: w, Cats: wc, Proc: cmdAdd},
			"Upsert records (the JSON body of /upsert, or of /upsert-data with data only)", "O(N) with N the records",
			s("index"), opt("NAMESPACE", "namespace"), s("json")),
		doc(&engine.Command{Name: "vector.get", Arity: -3, Flags: r, Cats: rc, Proc: cmdGet},
			"Fetch records by id as JSON (vectors, metadata and data included)", "O(N) with N the ids",
			s("index"), opt("NAMESPACE", "namespace"), engine.Arg{Name: "id", Type: engine.ArgString, Flags: engine.ArgMultiple}),
		doc(&engine.Command{Name: "vector.query", Arity: -3, Flags: r, Cats: rc, Proc: cmdQuery},
			"Query an index with the JSON body of /query (or /query-data), reply the results as JSON", "O(N) with N the records",
			s("index"), opt("NAMESPACE", "namespace"), s("json")),
		doc(&engine.Command{Name: "vector.del", Arity: -3, Flags: w, Cats: wc, Proc: cmdDel},
			"Delete records by id; reply how many existed", "O(N) with N the ids",
			s("index"), opt("NAMESPACE", "namespace"), engine.Arg{Name: "id", Type: engine.ArgString, Flags: engine.ArgMultiple}),
		doc(&engine.Command{Name: "vector.count", Arity: -2, Flags: r | engine.FlagFast, Cats: rc, Proc: cmdCount},
			"Count the records of an index, or of one namespace", "O(1)", s("index"), opt("NAMESPACE", "namespace")),
		doc(&engine.Command{Name: "vector.info", Arity: 2, Flags: r, Cats: rc, Proc: cmdInfo},
			"Describe an index as the JSON of /info", "O(N) with N the namespaces", s("index")),
	)
}

func service(c *engine.Client) *Service {
	s, _ := c.Engine().Extension("vector").(*Service)
	if s == nil {
		c.W.Error("ERR the vector service is not running")
	}
	return s
}

func cmdCreate(c *engine.Client) {
	s := service(c)
	if s == nil {
		return
	}
	a := c.Args
	sp := Spec{Name: string(a[1])}
	existsOK, haveDim, haveMetric := false, false, false
	for i := 2; i < len(a); i++ {
		opt := strings.ToUpper(string(a[i]))
		switch {
		case opt == "EXISTSOK":
			existsOK = true
		case opt == "DIM" && i+1 < len(a):
			n, err := strconv.Atoi(string(a[i+1]))
			if err != nil || n < 0 {
				c.W.Error("ERR DIM must be a non-negative integer")
				return
			}
			sp.Dim, haveDim = n, true
			i++
		case opt == "METRIC" && i+1 < len(a):
			m, ok := ParseMetric(string(a[i+1]))
			if !ok {
				c.W.Error("ERR METRIC must be COSINE, EUCLIDEAN or DOT_PRODUCT")
				return
			}
			sp.Metric, haveMetric = m, true
			i++
		case opt == "TYPE" && i+1 < len(a):
			k, ok := ParseKind(string(a[i+1]))
			if !ok {
				c.W.Error("ERR TYPE must be DENSE, SPARSE or HYBRID")
				return
			}
			sp.Kind = k
			i++
		default:
			c.W.Error("ERR syntax error")
			return
		}
	}
	if !haveDim || !haveMetric {
		c.W.Error("ERR syntax error: VECTOR.CREATE name DIM n METRIC COSINE|EUCLIDEAN|DOT_PRODUCT [TYPE DENSE|SPARSE|HYBRID] [EXISTSOK]")
		return
	}
	if _, err := s.Create(sp, existsOK); err != nil {
		if err == ErrIndexExists {
			c.W.Error("ERR index " + sp.Name + " already exists")
			return
		}
		c.W.Error("ERR " + err.Error())
		return
	}
	c.W.OK()
}

func cmdDrop(c *engine.Client) {
	s := service(c)
	if s == nil {
		return
	}
	if err := s.Drop(string(c.Args[1])); err != nil {
		c.W.Error("ERR no such vector index")
		return
	}
	c.W.OK()
}

// nsArgs splits "index [NAMESPACE ns] rest..." and returns the index, the
// namespace and the remaining arguments.
func nsArgs(a [][]byte) (string, string, [][]byte) {
	idx := string(a[1])
	a = a[2:]
	if len(a) >= 2 && strings.EqualFold(string(a[0]), "NAMESPACE") {
		return idx, string(a[1]), a[2:]
	}
	return idx, "", a
}

// run runs an HTTP handler for a RESP command and returns the result JSON
// (without the {"result": } envelope), or false after writing the error.
// Work the HTTP path would do later (durability wait, embedding) is waited
// for here.
func run(c *engine.Client, ep, index, ns string, body []byte) ([]byte, bool) {
	s := service(c)
	if s == nil {
		return nil, false
	}
	if ns != "" {
		ep += "/" + ns
	}
	res, lt, err := s.serve([]byte("POST"), []byte(index+"/"+ep), nil, body, false, nil)
	if lt != nil {
		res, err = lt()
	}
	if err != nil {
		c.W.Error("ERR " + err.Msg)
		return nil, false
	}
	res = bytes.TrimPrefix(res, []byte(`{"result":`))
	return res[:len(res)-1], true
}

func cmdAdd(c *engine.Client) {
	idx, ns, rest := nsArgs(c.Args)
	if len(rest) != 1 {
		c.W.Error("ERR syntax error")
		return
	}
	ep := "upsert"
	if !bytes.Contains(rest[0], []byte(`"vector"`)) && !bytes.Contains(rest[0], []byte(`"sparseVector"`)) {
		ep = "upsert-data"
	}
	if _, ok := run(c, ep, idx, ns, rest[0]); ok {
		c.W.OK()
	}
}

func idsBody(ids [][]byte, extra string) []byte {
	b := []byte(`{"ids":[`)
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, string(id))
	}
	return append(append(b, ']'), extra+"}"...)
}

func cmdGet(c *engine.Client) {
	idx, ns, ids := nsArgs(c.Args)
	if len(ids) == 0 {
		c.W.Error("ERR wrong number of arguments for 'vector.get' command")
		return
	}
	if res, ok := run(c, "fetch", idx, ns, idsBody(ids, `,"includeVectors":true,"includeMetadata":true,"includeData":true`)); ok {
		c.W.Bulk(res)
	}
}

func cmdQuery(c *engine.Client) {
	idx, ns, rest := nsArgs(c.Args)
	if len(rest) != 1 {
		c.W.Error("ERR syntax error")
		return
	}
	ep := "query"
	if bytes.Contains(rest[0], []byte(`"data"`)) && !bytes.Contains(rest[0], []byte(`"vector"`)) {
		ep = "query-data"
	}
	if res, ok := run(c, ep, idx, ns, rest[0]); ok {
		c.W.Bulk(res)
	}
}

func cmdDel(c *engine.Client) {
	idx, ns, ids := nsArgs(c.Args)
	if len(ids) == 0 {
		c.W.Error("ERR wrong number of arguments for 'vector.del' command")
		return
	}
	res, ok := run(c, "delete", idx, ns, idsBody(ids, ""))
	if !ok {
		return
	}
	n, _ := strconv.ParseInt(string(bytes.Trim(res, `{}"deltd:`)), 10, 64)
	c.W.Int(n)
}

func cmdCount(c *engine.Client) {
	s := service(c)
	if s == nil {
		return
	}
	idx, ns, rest := nsArgs(c.Args)
	x := s.Index(idx)
	if x == nil || len(rest) != 0 {
		if x == nil {
			c.W.Error("ERR no such vector index")
		} else {
			c.W.Error("ERR syntax error")
		}
		return
	}
	if len(c.Args) == 2 {
		c.W.Int(int64(x.Count()))
		return
	}
	x.mu.RLock()
	n := 0
	if sp := x.ns[ns]; sp != nil {
		n = sp.count()
	}
	x.mu.RUnlock()
	c.W.Int(int64(n))
}

func cmdInfo(c *engine.Client) {
	if res, ok := run(c, "info", string(c.Args[1]), "", nil); ok {
		c.W.Bulk(res)
	}
}
