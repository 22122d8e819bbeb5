package fuzz

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/updraftdb/updraft/internal/resp"
)

// A script is a text file of commands, one per line, in Redis's inline
// syntax (sdssplitargs: quotes and \x escapes allowed):
//
//	# a comment; blank lines are skipped
//	SET k v              compared byte for byte
//	~TIME                compared by shape only (see Mode for the prefixes:
//	=KEYS *              ~ shape, = unordered, % approximate numbers,
//	%PTTL k              ! only that both replied)
//	@conn b              later lines run on connection "b" (opened on first
//	                     use, in the pass's protocol); "@conn main" goes back
//	@sleep 1100ms        both servers wait (time.ParseDuration syntax)
//	@resp2 / @resp3      (anywhere) run the script only in that protocol
//
// Every script runs twice unless it says otherwise: in RESP2, and with each
// connection switched to RESP3 by HELLO 3 first.

// Line is one command or directive of a script.
type Line struct {
	No    int
	Text  string
	Mode  Mode
	Args  [][]byte      // the command; nil for a directive
	Conn  string        // @conn
	Sleep time.Duration // @sleep
}

// Script is a parsed script file.
type Script struct {
	Name   string
	Lines  []Line
	Protos []int // protocols to run it in
}

// ParseScript reads a script.
func ParseScript(name string, data []byte) (*Script, error) {
	s := &Script{Name: name, Protos: []int{2, 3}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	no := 0
	for sc.Scan() {
		no++
		text := strings.TrimSpace(sc.Text())
		if text == "" || text[0] == '#' {
			continue
		}
		l := Line{No: no, Text: text}
		switch {
		case text == "@resp2":
			s.Protos = []int{2}
			continue
		case text == "@resp3":
			s.Protos = []int{3}
			continue
		case strings.HasPrefix(text, "@conn "):
			l.Conn = strings.TrimSpace(text[len("@conn "):])
		case strings.HasPrefix(text, "@sleep "):
			d, err := time.ParseDuration(strings.TrimSpace(text[len("@sleep "):]))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, no, err)
			}
			l.Sleep = d
		case text[0] == '@':
			return nil, fmt.Errorf("%s:%d: unknown directive %q", name, no, text)
		default:
			cmd := text
			switch Mode(text[0]) {
			case Shape, Unordered, Approx, Ignore, Payload:
				l.Mode = Mode(text[0])
				cmd = text[1:]
			}
			var scratch []byte
			args, _, err := resp.ReadCommand([]byte(cmd+"\n"), nil, &scratch, resp.DefaultLimits)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, no, err)
			}
			if len(args) == 0 {
				return nil, fmt.Errorf("%s:%d: no command", name, no)
			}
			for _, a := range args {
				l.Args = append(l.Args, append([]byte(nil), a...))
			}
		}
		s.Lines = append(s.Lines, l)
	}
	return s, sc.Err()
}

// Mismatch is a command whose replies differ.
type Mismatch struct {
	Script  string
	Line    Line
	Proto   int
	Conn    string
	Redis   Reply
	Updraft Reply
	// Before are the last commands run before this one, for context.
	Before []string
	// Tolerated says why the difference does not fail the test (a command
	// in KnownMissing, or state that diverged earlier); empty when it does.
	Tolerated string
}

func (m *Mismatch) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d (RESP%d, connection %s): replies differ", m.Script, m.Line.No, m.Proto, m.Conn)
	if m.Tolerated != "" {
		fmt.Fprintf(&b, " (tolerated: %s)", m.Tolerated)
	}
	b.WriteString("\n")
	if len(m.Before) > 0 {
		b.WriteString("  after:\n")
		for _, c := range m.Before {
			b.WriteString("    " + c + "\n")
		}
	}
	fmt.Fprintf(&b, "  command: %s\n", m.Line.Text)
	b.WriteString("  redis-server:\n" + Show(m.Redis))
	b.WriteString("  updraft:\n" + Show(m.Updraft))
	if i := firstDiff(m.Redis.Raw, m.Updraft.Raw); i >= 0 && m.Line.Mode == Exact {
		fmt.Fprintf(&b, "  first difference at byte %d\n", i)
	}
	return b.String()
}

func firstDiff(a, b []byte) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	return -1
}

// Result is the outcome of one run of a script.
type Result struct {
	// Failure is the first difference not tolerated; the run stops there.
	Failure *Mismatch
	// Tolerated are the differences tolerated before it.
	Tolerated []*Mismatch
	// Ran and Differed count lines per command key (see CommandKey).
	Ran, Differed map[string]int
	// Err is a failure of the harness itself (a server unreachable).
	Err error
}

// contextLines is how many earlier commands a mismatch report shows.
const contextLines = 8

// Run runs s in protocol proto on fresh connections to both servers, after
// resetting both to empty databases.
func (p *Pair) Run(s *Script, proto int) *Result {
	res := &Result{Ran: map[string]int{}, Differed: map[string]int{}}
	if err := p.Reset(); err != nil {
		res.Err = err
		return res
	}
	defer p.CloseConns()
	p.Proto = proto
	conn := "main"
	diverged := ""
	var before []string
	for _, l := range s.Lines {
		switch {
		case l.Conn != "":
			conn = l.Conn
			continue
		case l.Sleep > 0:
			time.Sleep(l.Sleep)
			continue
		}
		key := CommandKey(l.Args)
		res.Ran[key]++
		r, u, err := p.Exec(conn, l.Args)
		if err != nil {
			res.Err = fmt.Errorf("%s:%d: %w", s.Name, l.No, err)
			return res
		}
		if !Same(l.Mode, r, u) {
			res.Differed[key]++
			m := &Mismatch{Script: s.Name, Line: l, Proto: proto, Conn: conn, Redis: r, Updraft: u,
				Before: append([]string(nil), before...)}
			switch {
			case IsMissing(key):
				m.Tolerated = key + " is in KnownMissing"
				if diverged == "" && p.MayChangeState(key) {
					diverged = fmt.Sprintf("state may differ after line %d (%s)", l.No, key)
				}
			case diverged != "":
				m.Tolerated = diverged
			default:
				res.Failure = m
				return res
			}
			res.Tolerated = append(res.Tolerated, m)
		}
		before = append(before, l.Text)
		if len(before) > contextLines {
			before = before[1:]
		}
	}
	return res
}
