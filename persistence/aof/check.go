package aof

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Check verifies a log: path is a manifest (every file it lists) or one
// incr file. With fix, damage in the last incr file is repaired by
// truncating that file to its last good record (records after the damage
// are dropped, as redis-check-aof --fix does); damage elsewhere cannot be
// fixed. It returns a human summary, and an error while the log is not
// valid (after fixing, when fix repaired it, the error is nil).
func Check(path string, fix bool) (string, error) {
	fsys := OSFS{}
	var sb strings.Builder
	var files []string
	if strings.HasSuffix(path, ".manifest") {
		dir := filepath.Dir(path)
		fileName := strings.TrimSuffix(filepath.Base(path), ".manifest")
		m, ok, err := readManifest(fsys, dir, fileName)
		if err == nil && !ok {
			err = fmt.Errorf("aof: %s: no such file", path)
		}
		if err != nil {
			return "", err
		}
		sb.WriteString("Start checking Multi Part AOF\n")
		if m.base != nil {
			bp := filepath.Join(dir, m.base.name)
			size, err := fileSize(fsys, bp)
			if err != nil {
				return sb.String(), err
			}
			sb.WriteString("BASE " + bp + ": " + strconv.FormatInt(size, 10) + " bytes (a snapshot: check it with the RDB checker)\n")
		}
		for _, e := range m.incrs {
			files = append(files, filepath.Join(dir, e.name))
		}
	} else {
		files = []string{path}
	}
	for i, p := range files {
		last := i == len(files)-1
		ok, err := checkIncr(&sb, fsys, p, last, fix)
		if err != nil {
			return sb.String(), err
		}
		if !ok {
			return sb.String(), fmt.Errorf("%w: %s is not valid", ErrCorrupt, p)
		}
	}
	sb.WriteString("All AOF files and manifest are valid\n")
	return sb.String(), nil
}

// checkIncr verifies one incr file, appending its report; ok is true when
// it is valid (or was fixed).
func checkIncr(sb *strings.Builder, fsys FS, path string, last, fix bool) (bool, error) {
	size, err := fileSize(fsys, path)
	if err != nil {
		return false, err
	}
	f, err := fsys.OpenFile(path, os.O_RDONLY, 0)
	if err != nil {
		return false, fmt.Errorf("aof: opening %s: %w", path, err)
	}
	var buf []byte
	s, _ := scanIncr(f, size, nil, &buf)
	torn := false
	if s.problem != "" && s.good >= headerSize {
		torn, err = tornTail(f, s.good, size)
	}
	f.Close()
	if err != nil {
		return false, fmt.Errorf("aof: reading %s: %w", path, err)
	}
	fmt.Fprintf(sb, "AOF analyzed: filename=%s, size=%d, ok_up_to=%d, records=%d, diff=%d\n",
		path, size, s.good, s.records, size-s.good)
	if s.problem == "" {
		sb.WriteString("AOF " + path + " is valid\n")
		return true, nil
	}
	kind := "Bad file format"
	if torn {
		kind = "Unexpected end of file (torn tail)"
	}
	fmt.Fprintf(sb, "%s reading the append only file %s at offset %d: %s\n", kind, path, s.good, s.problem)
	if !fix {
		return false, nil
	}
	if !last {
		sb.WriteString("Cannot fix: the damage is not in the last incr file\n")
		return false, nil
	}
	if s.good < headerSize && size >= headerSize {
		sb.WriteString("Cannot fix: the file header is damaged\n")
		return false, nil
	}
	w, err := fsys.OpenFile(path, os.O_RDWR, 0)
	if err == nil {
		err = w.Truncate(s.good)
		if err == nil {
			err = w.Sync()
		}
		w.Close()
	}
	if err != nil {
		return false, fmt.Errorf("aof: truncating %s: %w", path, err)
	}
	fmt.Fprintf(sb, "Successfully truncated AOF %s to %d bytes (%d records kept, %d bytes dropped)\n",
		path, s.good, s.records, size-s.good)
	return true, nil
}
