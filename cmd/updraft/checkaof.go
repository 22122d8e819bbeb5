package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/updraftdb/updraft/persistence/aof"
)

// updraft check-aof [--fix] FILE: verify an append-only log, as
// redis-check-aof does. FILE is a manifest, one incr file, or the
// append-only directory (its manifest is used).
const checkAOFUsage = "Usage: updraft check-aof [--fix] <file.manifest|file.incr.aof|appendonlydir>\n"

// runCheckAOF runs the check-aof subcommand: 0 when the log is valid (or
// was fixed), 1 when it is not, 2 on a usage error.
func runCheckAOF(args []string, stdout, stderr io.Writer) int {
	var file string
	fix := false
	for _, a := range args {
		switch {
		case a == "--fix":
			fix = true
		case a == "-h" || a == "--help":
			fmt.Fprint(stdout, checkAOFUsage)
			return 0
		case file == "" && len(a) > 0 && a[0] != '-':
			file = a
		default:
			fmt.Fprintf(stderr, "check-aof: unexpected argument %q\n%s", a, checkAOFUsage)
			return 2
		}
	}
	if file == "" {
		fmt.Fprint(stderr, checkAOFUsage)
		return 2
	}
	if fi, err := os.Stat(file); err == nil && fi.IsDir() {
		found, _ := filepath.Glob(filepath.Join(file, "*.manifest"))
		if len(found) != 1 {
			fmt.Fprintf(stderr, "check-aof: %s holds %d manifests; name one\n", file, len(found))
			return 1
		}
		file = found[0]
	}
	out, err := aof.Check(file, fix)
	fmt.Fprint(stdout, out)
	if err != nil {
		fmt.Fprintf(stderr, "check-aof: %v\n", err)
		return 1
	}
	return 0
}
