package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/persistence/rdb"
)

// updraft import-rdb FILE [--dir DIR] [--force]: check a dump.rdb file
// written by redis-server (or Updraft) completely, load it into an engine
// and write it as DIR/dump.rdb in Updraft's dialect, where the server
// started with that data directory loads it at start.

const importUsage = "Usage: updraft import-rdb FILE [--dir DIR] [--force]\n"

// rdbScan is what a checking pass over a file found.
type rdbScan struct {
	version int
	keys    map[int]int64 // live keys per database
	expired int64
	libs    int
	bytes   int64
}

// scanRDB reads the whole file: every value decoded, the checksum checked.
func scanRDB(path string, now int64) (*rdbScan, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fr, err := rdb.NewFileReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s := &rdbScan{version: fr.Version(), keys: map[int]int64{}}
	for {
		rec, err := fr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		switch rec.Kind {
		case rdb.RecordEntry:
			if rec.ExpireMs != 0 && rec.ExpireMs < now {
				s.expired++
			} else {
				s.keys[rec.DB]++
			}
		case rdb.RecordFunction:
			s.libs++
		}
	}
	s.bytes = fr.Offset()
	return s, nil
}

func runImportRDB(args []string, stdout, stderr io.Writer) int {
	var file, dir string
	force := false
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--force":
			force = true
		case a == "--dir" && i+1 < len(args):
			dir = args[i+1]
			i++
		case a == "-h" || a == "--help":
			fmt.Fprint(stdout, importUsage)
			return 0
		case file == "" && len(a) > 0 && a[0] != '-':
			file = a
		default:
			fmt.Fprintf(stderr, "import-rdb: unexpected argument %q\n%s", a, importUsage)
			return 2
		}
	}
	if file == "" {
		fmt.Fprint(stderr, importUsage)
		return 2
	}
	if dir == "" {
		dir = "."
	}
	if err := importRDB(file, dir, force, stdout); err != nil {
		fmt.Fprintf(stderr, "import-rdb: %v\n", err)
		return 1
	}
	return 0
}

// errExistingData refuses to overwrite a data directory's content.
var errExistingData = errors.New("the data directory already holds data (use --force to replace it)")

func importRDB(file, dir string, force bool, out io.Writer) error {
	target := filepath.Join(dir, "dump.rdb")
	if !force {
		for _, name := range []string{"dump.rdb", "appendonlydir"} {
			if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
				return fmt.Errorf("%s: %w", filepath.Join(dir, name), errExistingData)
			}
		}
	}
	start := time.Now()
	scan, err := scanRDB(file, start.UnixMilli())
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: RDB version %d, %d bytes, every value decoded, checksum OK\n", file, scan.version, scan.bytes)
	dbs := 16
	for db := range scan.keys {
		dbs = max(dbs, db+1)
	}
	e, err := engine.Open(engine.Options{Databases: dbs})
	if err != nil {
		return err
	}
	defer e.Close()
	loaded, err := e.LoadRDBFile(file, nil)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := e.SaveRDBFile(target); err != nil {
		return fmt.Errorf("writing %s: %w", target, err)
	}
	order := make([]int, 0, len(scan.keys))
	for db := range scan.keys {
		order = append(order, db)
	}
	sort.Ints(order)
	for _, db := range order {
		fmt.Fprintf(out, "db%d: %d keys\n", db, scan.keys[db])
	}
	if scan.expired > 0 {
		fmt.Fprintf(out, "%d expired keys dropped\n", scan.expired)
	}
	if scan.libs > 0 {
		fmt.Fprintf(out, "%d function libraries\n", scan.libs)
	}
	fmt.Fprintf(out, "Wrote %s: %d keys in %.2f s\n", target, loaded, time.Since(start).Seconds())
	return nil
}
