//go:build linux

package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// cell identifies one test of one workload ("SET" at pipeline 1).
type cell struct {
	Workload string
	Test     string
}

// roundPair is one round's samples of a cell: Redis first, Updraft second.
type roundPair [2]sample

// configResult holds everything measured for one event-loop setting.
type configResult struct {
	Title string
	Cells []cell
	Runs  map[cell][]roundPair
	Mem   [2]memResult
	Err   string
}

// metric is one column of a sample, with its formatting.
type metric struct {
	Name   string
	Get    func(sample) float64
	Format func(float64) string
}

var metrics = []metric{
	{"rps", func(s sample) float64 { return s.RPS }, func(v float64) string { return thousands(int64(v + 0.5)) }},
	{"p50 ms", func(s sample) float64 { return s.P50 }, func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }},
	{"p99 ms", func(s sample) float64 { return s.P99 }, func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }},
	{"CPU µs/op", func(s sample) float64 { return s.CPUus }, func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }},
}

var serverNames = [2]string{"Redis", "Updraft"}

// median returns the median of vs (the mean of the middle two for an even
// count); ok is false for no values.
func median(vs []float64) (float64, bool) {
	if len(vs) == 0 {
		return 0, false
	}
	s := append([]float64(nil), vs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2], true
	}
	return (s[n/2-1] + s[n/2]) / 2, true
}

// markdown renders one configuration's table: per cell and metric the
// median over rounds for each server and the median of the per-round
// Updraft/Redis ratios, then the memory rows and notes on failures.
func (r *configResult) markdown(h *harness) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", r.Title)
	if r.Err != "" {
		fmt.Fprintf(&b, "**Aborted:** %s\n\n", r.Err)
	}
	b.WriteString("| test | metric | Redis | Updraft | Updraft/Redis |\n|---|---|--:|--:|--:|\n")
	notes := map[string]bool{}
	var noteOrder []string
	note := func(s string) {
		if !notes[s] {
			notes[s] = true
			noteOrder = append(noteOrder, s)
		}
	}
	for _, c := range r.Cells {
		runs := r.Runs[c]
		for mi, m := range metrics {
			var vals [2][]float64
			var ratios []float64
			for _, p := range runs {
				for i := range p {
					if p[i].Err == "" {
						vals[i] = append(vals[i], m.Get(p[i]))
					} else {
						note(fmt.Sprintf("%s %s %s: %s", serverNames[i], c.Test, c.Workload, p[i].Err))
					}
				}
				if p[0].Err == "" && p[1].Err == "" && m.Get(p[0]) > 0 {
					ratios = append(ratios, m.Get(p[1])/m.Get(p[0]))
				}
			}
			label := ""
			if mi == 0 {
				label = fmt.Sprintf("%s -P %s", strings.ToUpper(c.Test), strings.TrimPrefix(c.Workload, "P"))
			}
			fmt.Fprintf(&b, "| %s | %s |", label, m.Name)
			for i := range vals {
				if v, ok := median(vals[i]); ok {
					fmt.Fprintf(&b, " %s |", m.Format(v))
				} else {
					b.WriteString(" error |")
				}
			}
			if v, ok := median(ratios); ok {
				fmt.Fprintf(&b, " %.2f |\n", v)
			} else {
				b.WriteString(" n/a |\n")
			}
		}
	}
	r.memRows(&b, h, note)
	b.WriteString("\n")
	b.WriteString("Medians over the rounds; the ratio is the median of the per-round ratios " +
		"(above 1 is better for rps, below 1 better for latency and CPU). " +
		"CPU is the server's utime+stime over the run divided by the requests (an MSET request sets 10 keys).\n")
	if len(noteOrder) > 0 {
		b.WriteString("\nNotes:\n\n")
		for _, n := range noteOrder {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	r.rawRounds(&b)
	b.WriteString("\n")
	return b.String()
}

// rawRounds appends every round's samples, folded, so that the spread behind
// each median can be checked.
func (r *configResult) rawRounds(b *strings.Builder) {
	b.WriteString("\n<details><summary>Every round</summary>\n\n")
	b.WriteString("| test | round | server | rps | p50 ms | p99 ms | CPU µs/op |\n|---|--:|---|--:|--:|--:|--:|\n")
	for _, c := range r.Cells {
		for round, p := range r.Runs[c] {
			for i, s := range p {
				fmt.Fprintf(b, "| %s %s | %d | %s |", strings.ToUpper(c.Test), c.Workload, round+1, serverNames[i])
				if s.Err != "" {
					b.WriteString(" error | | | |\n")
					continue
				}
				for _, m := range metrics {
					fmt.Fprintf(b, " %s |", m.Format(m.Get(s)))
				}
				b.WriteString("\n")
			}
		}
	}
	b.WriteString("\n</details>\n")
}

// memRows appends the memory rows: key count, RSS and used_memory bytes per
// key above the empty server.
func (r *configResult) memRows(b *strings.Builder, h *harness, note func(string)) {
	if h.memKeys <= 0 {
		return
	}
	label := fmt.Sprintf("memory, -r %s -d 32", thousands(int64(h.memKeys)))
	keys := [2]int64{r.Mem[0].Keys, r.Mem[1].Keys}
	var keyCells [2]string
	for i, m := range r.Mem {
		switch {
		case m.Err != "":
			keyCells[i] = "error"
			note(fmt.Sprintf("%s memory: %s", serverNames[i], m.Err))
		case m.Keys >= 0:
			keyCells[i] = thousands(m.Keys)
		case keys[1-i] > 0:
			// DBSIZE is missing: the other server's count from the same
			// load is within a fraction of a percent of this one's.
			keys[i] = keys[1-i]
			keyCells[i] = "missing (≈" + thousands(keys[i]) + ")"
			note(fmt.Sprintf("%s has no DBSIZE yet: bytes/key divide by %s's key count, an estimate", serverNames[i], serverNames[1-i]))
		default:
			keyCells[i] = "missing"
		}
	}
	fmt.Fprintf(b, "| %s | keys (DBSIZE) | %s | %s | |\n", label, keyCells[0], keyCells[1])
	perKey := func(name string, get func(memResult) (empty, full int64)) {
		var v [2]float64
		var ok [2]bool
		fmt.Fprintf(b, "| | %s |", name)
		for i, m := range r.Mem {
			e, f := get(m)
			switch {
			case m.Err != "":
				b.WriteString(" error |")
			case e < 0 || f < 0:
				b.WriteString(" missing |")
				note(fmt.Sprintf("%s: INFO memory used_memory is missing", serverNames[i]))
			case keys[i] <= 0:
				b.WriteString(" n/a |")
			default:
				v[i], ok[i] = float64(f-e)/float64(keys[i]), true
				fmt.Fprintf(b, " %.1f |", v[i])
			}
		}
		if ok[0] && ok[1] && v[0] > 0 {
			fmt.Fprintf(b, " %.2f |\n", v[1]/v[0])
		} else {
			b.WriteString(" n/a |\n")
		}
	}
	perKey("RSS bytes/key", func(m memResult) (int64, int64) { return m.RSSEmpty, m.RSSFull })
	perKey("used_memory bytes/key", func(m memResult) (int64, int64) { return m.UsedEmpty, m.UsedFull })
	fmt.Fprintf(b, "| | RSS empty → loaded | %s → %s | %s → %s | |\n",
		mib(r.Mem[0].RSSEmpty), mib(r.Mem[0].RSSFull), mib(r.Mem[1].RSSEmpty), mib(r.Mem[1].RSSFull))
}

// machine describes the host for the report header.
func machine(h *harness) string {
	var b strings.Builder
	model := "unknown"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	fmt.Fprintf(&b, "- date: %s\n", time.Now().Format(time.RFC3339))
	fmt.Fprintf(&b, "- machine: %d CPUs (nproc), %s, %s/%s, kernel %s\n", runtime.NumCPU(), model, runtime.GOOS, runtime.GOARCH, firstLine("uname", "-r"))
	fmt.Fprintf(&b, "- redis-server: %s\n", firstLine(h.redisServer, "--version"))
	fmt.Fprintf(&b, "- redis-benchmark: %s\n", firstLine(h.redisBenchmark, "--version"))
	fmt.Fprintf(&b, "- updraft: %s\n", firstLine(h.updraft, "--version"))
	fmt.Fprintf(&b, "- settings: rounds %d (Redis then Updraft for each test, round after round), -c %d, -r %d, -P 1 -n %d, -P 16 -n %d",
		h.rounds, h.clients, h.keyspace, h.requests, h.requestsPipe)
	if h.memKeys > 0 {
		fmt.Fprintf(&b, ", memory: -r %d -n %d -d 32 -P 16", h.memKeys, h.memRequests)
	}
	if len(h.updraftPersist) < 4 {
		b.WriteString(", updraft without `--save ''`/`--appendonly no` where it does not accept them")
	}
	if len(h.serverPrefix) > 0 || len(h.clientPrefix) > 0 {
		fmt.Fprintf(&b, ", servers under `%s`, client under `%s`", shellJoin(h.serverPrefix), shellJoin(h.clientPrefix))
	}
	b.WriteString("\n")
	return b.String()
}

func firstLine(argv ...string) string {
	out, err := exec.Command(argv[0], argv[1:]...).Output()
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line
}

// thousands formats n with comma separators.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, ch := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(ch)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// shellJoin quotes argv for a shell, for the report's command lines.
func shellJoin(argv []string) string {
	q := make([]string, len(argv))
	for i, a := range argv {
		if a == "" || strings.ContainsAny(a, " \t\n'\"\\$`*?&;|<>()") {
			q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		} else {
			q[i] = a
		}
	}
	return strings.Join(q, " ")
}
