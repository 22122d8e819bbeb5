package engine

import "sort"

// SLOWLOG and LATENCY: the readers of the slow log and the latency monitor
// that Exec feeds (slowlog.go).

func init() {
	admin := FlagAdmin | FlagLoading | FlagStale
	adminCats := CatAdmin | CatSlow | CatDangerous
	register(
		&Command{Name: "slowlog", Arity: -2, Cats: CatSlow, Proc: func(*Client) {}},
		&Command{Name: "latency", Arity: -2, Cats: CatSlow, Proc: func(*Client) {}},
	)
	registerSub("slowlog",
		&Command{Name: "get", Arity: -2, Flags: admin, Cats: adminCats, Proc: cmdSlowlogGet,
			Tips: []string{"request_policy:all_nodes", "nondeterministic_output"}},
		&Command{Name: "len", Arity: 2, Flags: admin, Cats: adminCats, Proc: cmdSlowlogLen,
			Tips: []string{"request_policy:all_nodes", "response_policy:agg_sum", "nondeterministic_output"}},
		&Command{Name: "reset", Arity: 2, Flags: admin, Cats: adminCats, Proc: cmdSlowlogReset,
			Tips: []string{"request_policy:all_nodes", "response_policy:all_succeeded"}},
		&Command{Name: "help", Arity: 2, Flags: FlagLoading | FlagStale, Cats: CatSlow, Proc: cmdSlowlogHelp},
	)
	latTips := []string{"nondeterministic_output", "request_policy:all_nodes", "response_policy:special"}
	registerSub("latency",
		&Command{Name: "latest", Arity: 2, Flags: admin | FlagNoScript, Cats: adminCats, Proc: cmdLatencyLatest, Tips: latTips},
		&Command{Name: "history", Arity: 3, Flags: admin | FlagNoScript, Cats: adminCats, Proc: cmdLatencyHistory, Tips: latTips},
		&Command{Name: "reset", Arity: -2, Flags: admin | FlagNoScript, Cats: adminCats, Proc: cmdLatencyReset,
			Tips: []string{"request_policy:all_nodes", "response_policy:all_succeeded"}},
		&Command{Name: "help", Arity: 2, Flags: FlagLoading | FlagStale, Cats: CatSlow, Proc: cmdLatencyHelp},
	)
}

// SLOWLOG GET [count]: the newest count entries (default 10, -1 for all).
func cmdSlowlogGet(c *Client) {
	if len(c.Args) > 3 {
		c.W.Error(errSubcommandSyntax(c.Args[1], "SLOWLOG"))
		return
	}
	count := int64(10)
	if len(c.Args) == 3 {
		n, ok := parseInt64(c.Args[2])
		if !ok || n < -1 {
			c.W.Error("ERR count should be greater than or equal to -1")
			return
		}
		count = n
	}
	s := &c.e.slowlog
	s.mu.Lock()
	defer s.mu.Unlock()
	live := s.live()
	if count == -1 || count > int64(len(live)) {
		count = int64(len(live))
	}
	c.W.Array(int(count))
	for i := len(live) - 1; i >= len(live)-int(count); i-- {
		e := &live[i]
		c.W.Array(6)
		c.W.Int(e.id)
		c.W.Int(e.time)
		c.W.Int(e.usec)
		c.W.Array(len(e.args))
		for _, a := range e.args {
			c.W.Bulk(a)
		}
		c.W.BulkString(e.addr)
		c.W.BulkString(e.name)
	}
}

func cmdSlowlogLen(c *Client) {
	s := &c.e.slowlog
	s.mu.Lock()
	n := len(s.live())
	s.mu.Unlock()
	c.W.Int(int64(n))
}

func cmdSlowlogReset(c *Client) {
	s := &c.e.slowlog
	s.mu.Lock()
	s.entries = nil
	s.mu.Unlock()
	c.W.OK()
}

var slowlogHelp = []string{
	"SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
	"GET [<count>]",
	"    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
	"    Entries are made of:",
	"    id, timestamp, time in microseconds, arguments array, client IP and port,",
	"    client name",
	"LEN",
	"    Return the length of the slowlog.",
	"RESET",
	"    Reset the slowlog.",
}

func cmdSlowlogHelp(c *Client) { c.replyHelp(slowlogHelp) }

// LATENCY LATEST: for each event, its name, the time and duration of its
// latest spike and its all-time maximum.
func cmdLatencyLatest(c *Client) {
	l := &c.e.latency
	l.mu.Lock()
	defer l.mu.Unlock()
	names := make([]string, 0, len(l.events))
	for n := range l.events {
		names = append(names, n)
	}
	sort.Strings(names)
	c.W.Array(len(names))
	for _, n := range names {
		ev := l.events[n]
		last := ev.history[len(ev.history)-1]
		c.W.Array(4)
		c.W.BulkString(n)
		c.W.Int(last.time)
		c.W.Int(last.ms)
		c.W.Int(ev.max)
	}
}

// LATENCY HISTORY event: the event's samples, oldest first.
func cmdLatencyHistory(c *Client) {
	l := &c.e.latency
	l.mu.Lock()
	defer l.mu.Unlock()
	ev := l.events[string(c.Args[2])]
	if ev == nil {
		c.W.Array(0)
		return
	}
	c.W.Array(len(ev.history))
	for _, s := range ev.history {
		c.W.Array(2)
		c.W.Int(s.time)
		c.W.Int(s.ms)
	}
}

// LATENCY RESET [event ...]: forgets the named events (all by default) and
// replies with how many there were.
func cmdLatencyReset(c *Client) {
	l := &c.e.latency
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	if len(c.Args) == 2 {
		n = len(l.events)
		l.events = nil
	} else {
		for _, a := range c.Args[2:] {
			if _, ok := l.events[string(a)]; ok {
				delete(l.events, string(a))
				n++
			}
		}
	}
	c.W.Int(int64(n))
}

var latencyHelp = []string{
	"LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
	"DOCTOR",
	"    Return a human readable latency analysis report.",
	"GRAPH <event>",
	"    Return an ASCII latency graph for the <event> class.",
	"HISTORY <event>",
	"    Return time-latency samples for the <event> class.",
	"LATEST",
	"    Return the latest latency samples for all events.",
	"RESET [<event> ...]",
	"    Reset latency data of one or more <event> classes.",
	"    (default: reset all data for all event classes)",
	"HISTOGRAM [COMMAND ...]",
	"    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
	"    If no commands are specified then all histograms are replied.",
}

func cmdLatencyHelp(c *Client) { c.replyHelp(latencyHelp) }
