package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/updraftdb/updraft/internal/resp"
)

// directive is one "name arg..." line of configuration.
type directive struct {
	name string
	args []string
	line int    // line in the config text, for errors
	text string // the line as written
}

// loadDirectives reads the config file named by argv[0] (if any; "-" for
// standard input, also accepted last, as redis-server does), then turns the
// remaining --name value pairs into directives that come after it.
func loadDirectives(argv []string, stdin io.Reader) ([]directive, error) {
	var text strings.Builder
	i := 0
	if len(argv) > 0 && !strings.HasPrefix(argv[0], "--") && argv[0] != "-" {
		b, err := os.ReadFile(argv[0])
		if err != nil {
			return nil, fmt.Errorf("Fatal error, can't open config file '%s': %w", argv[0], err)
		}
		text.Write(b)
		text.WriteByte('\n')
		i = 1
	}
	readStdin := false
	var opts strings.Builder
	for ; i < len(argv); i++ {
		a := argv[i]
		switch {
		case a == "-" && i == len(argv)-1:
			readStdin = true
		case strings.HasPrefix(a, "--") && len(a) > 2:
			if opts.Len() > 0 {
				opts.WriteByte('\n')
			}
			opts.WriteString(a[2:])
		default:
			if opts.Len() == 0 {
				return nil, fmt.Errorf("Invalid option '%s': options start with --", a)
			}
			opts.WriteByte(' ')
			opts.WriteString(quoteArg(a))
		}
	}
	if readStdin {
		b, err := io.ReadAll(stdin)
		if err != nil {
			return nil, err
		}
		text.Write(b)
		text.WriteByte('\n')
	}
	text.WriteString(opts.String())
	return parseConfig(text.String())
}

// quoteArg quotes a command-line value so that the config parser reads it
// back as one argument.
func quoteArg(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\"'\\") {
		return s
	}
	return "\"" + strings.NewReplacer("\\", "\\\\", "\"", "\\\"").Replace(s) + "\""
}

// parseConfig splits config text into directives: one per line, arguments
// split and unquoted as redis.conf lines are, '#' lines and blank lines
// skipped.
func parseConfig(text string) ([]directive, error) {
	var out []directive
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	n := 0
	var scratch []byte
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, 0); i >= 0 {
			line = line[:i] // redis-server reads each line as a C string
		}
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		args, _, err := resp.ReadCommand([]byte(line+"\n"), nil, &scratch, resp.DefaultLimits)
		if err != nil {
			return nil, fmt.Errorf("Reading the configuration file, at line %d\n>>> '%s'\nUnbalanced quotes in configuration line", n, line)
		}
		d := directive{name: strings.ToLower(string(args[0])), line: n, text: line}
		for _, a := range args[1:] {
			d.args = append(d.args, string(a))
		}
		out = append(out, d)
	}
	return out, sc.Err()
}
