package engine

import (
	"bufio"
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/updraftdb/updraft/internal/resp"
)

var rewrite = flag.Bool("rewrite", false, "rewrite the expected replies in testdata/*.txt")

// TestScripts runs every testdata/*.txt file: lines "> CMD args" are
// commands (inline syntax, quotes allowed), and the lines after each are its
// expected reply, the RESP bytes with each "\r\n" shown as a line break.
// Lines starting with "#" are comments; "@resp3" switches the protocol and
// "@sleep 10ms" waits. Run with -rewrite to regenerate the replies, then
// check them against redis-server with the differential test.
func TestScripts(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no script files in testdata")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if filepath.Base(f) == "geo_basic.txt" {
				skipGeoDigitsOnArm64(t) // its STOREDIST scores print 17 digits
			}
			runScript(t, f)
		})
	}
}

func runScript(t *testing.T, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	e, err := Open(Options{EnableDebugCommand: "yes"})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	c := e.NewClient(ClientOptions{Addr: "127.0.0.1:1", LocalAddr: "127.0.0.1:6379"})
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var cmdLine string
	var want strings.Builder
	lineNo, cmdLineNo := 0, 0
	flush := func() {
		if cmdLine == "" {
			return
		}
		var scratch []byte
		args, _, err := resp.ReadCommand([]byte(cmdLine+"\n"), nil, &scratch, resp.DefaultLimits)
		if err != nil {
			t.Fatalf("%s:%d: %v", path, cmdLineNo, err)
		}
		c.W.Reset()
		e.Exec(c, args)
		got := strings.ReplaceAll(string(c.W.Buf), "\r\n", "\n")
		if *rewrite {
			out.WriteString("> " + cmdLine + "\n" + got)
		} else if got != want.String() {
			t.Errorf("%s:%d: %s\n got: %q\nwant: %q", path, cmdLineNo, cmdLine, got, want.String())
		}
		cmdLine = ""
		want.Reset()
	}
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "> "):
			flush()
			cmdLine, cmdLineNo = line[2:], lineNo
		case cmdLine == "" && (strings.HasPrefix(line, "#") || line == "" || strings.HasPrefix(line, "@")):
			if *rewrite {
				out.WriteString(line + "\n")
			}
			scriptDirective(t, c, line)
		default:
			want.WriteString(line + "\n")
		}
	}
	flush()
	if *rewrite {
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func scriptDirective(t *testing.T, c *Client, line string) {
	switch {
	case line == "@resp3":
		c.W.Proto = 3
	case line == "@resp2":
		c.W.Proto = 2
	case strings.HasPrefix(line, "@sleep "):
		d, err := timeParseDuration(strings.TrimPrefix(line, "@sleep "))
		if err != nil {
			t.Fatal(err)
		}
		timeSleep(d)
	}
}
