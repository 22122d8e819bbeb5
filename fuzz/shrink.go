package fuzz

import (
	"strconv"
	"strings"
)

// Shrink reduces a script that fails under proto to a short one that still
// fails on the same command: it cuts everything after the failing line,
// then removes chunks of lines (halves, quarters, ... single lines, as
// delta debugging does) for as long as some cut keeps the failure. Each try
// is one Run on freshly reset servers, so shrinking costs a few hundred
// runs at most for a 60-line sequence.
func (p *Pair) Shrink(s *Script, proto int) *Script {
	res := p.Run(s, proto)
	if res.Failure == nil {
		return s
	}
	key := CommandKey(res.Failure.Line.Args)
	cur := upTo(s.Lines, res.Failure.Line.No)
	fails := func(lines []Line) bool {
		r := p.Run(&Script{Name: s.Name, Lines: lines}, proto)
		return r.Err == nil && r.Failure != nil && CommandKey(r.Failure.Line.Args) == key
	}
	for chunk := len(cur) / 2; chunk >= 1; {
		removed := false
		// The last line is the failing command: keep it.
		for start := 0; start+chunk < len(cur); {
			try := append(append([]Line(nil), cur[:start]...), cur[start+chunk:]...)
			if fails(try) {
				cur, removed = try, true
				continue
			}
			start += chunk
		}
		if !removed {
			chunk /= 2
		}
	}
	out := &Script{Name: s.Name + " (shrunk)", Protos: []int{proto}}
	for i, l := range cur {
		l.No = i + 1
		out.Lines = append(out.Lines, l)
	}
	return out
}

// upTo returns the lines up to and including the one numbered no, with the
// directives that precede it.
func upTo(lines []Line, no int) []Line {
	for i, l := range lines {
		if l.No == no && l.Args != nil {
			return append([]Line(nil), lines[:i+1]...)
		}
	}
	return append([]Line(nil), lines...)
}

// Text renders a script in the testdata/ format, ready to be saved as a
// regression test.
func (s *Script) Text() string {
	var b strings.Builder
	if len(s.Protos) == 1 {
		b.WriteString("@resp" + strconv.Itoa(s.Protos[0]) + "\n")
	}
	for _, l := range s.Lines {
		switch {
		case l.Conn != "":
			b.WriteString("@conn " + l.Conn + "\n")
		case l.Sleep > 0:
			b.WriteString("@sleep " + l.Sleep.String() + "\n")
		default:
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
}

// RedisCLI renders a one-connection script as a shell command that replays
// it with redis-cli against port (comparison markers dropped), to run
// against both servers by hand.
func (s *Script) RedisCLI(port int) string {
	var b strings.Builder
	b.WriteString("redis-cli -p " + strconv.Itoa(port) + " <<'EOF'\n")
	if len(s.Protos) == 1 && s.Protos[0] == 3 {
		b.WriteString("HELLO 3\n")
	}
	for _, l := range s.Lines {
		if l.Args == nil {
			continue
		}
		b.WriteString(Quote(l.Args) + "\n")
	}
	b.WriteString("EOF\n")
	return b.String()
}
