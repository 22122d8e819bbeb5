package aof

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// manifest is the list of files that make up the log, in Redis 7's text
// format, one file a line:
//
//	file appendonly.aof.2.base.rdb seq 2 type b
//	file appendonly.aof.2.incr.aof seq 2 type i
//
// Type b is the base snapshot (at most one), i the incremental files in
// order, h files already replaced and waiting to be deleted.
type manifest struct {
	base    *fileEntry
	incrs   []fileEntry
	history []fileEntry
	// baseSeq and incrSeq are the highest numbers used so far.
	baseSeq, incrSeq uint64
}

// fileEntry is one line of a manifest.
type fileEntry struct {
	name string
	seq  uint64
	kind byte // 'b', 'i' or 'h'
}

// maxManifestLine is Redis's limit on a manifest line's length.
const maxManifestLine = 1024

func manifestName(fileName string) string { return fileName + ".manifest" }
func baseName(fileName string, seq uint64) string {
	return fileName + "." + strconv.FormatUint(seq, 10) + ".base.rdb"
}
func incrName(fileName string, seq uint64) string {
	return fileName + "." + strconv.FormatUint(seq, 10) + ".incr.aof"
}

// parseManifest reads a manifest's text; path names it in errors.
func parseManifest(text []byte, path string) (*manifest, error) {
	m := &manifest{}
	lines := strings.Split(string(text), "\n")
	for i, line := range lines {
		line = strings.TrimRight(line, "\r")
		bad := func(why string) error {
			return fmt.Errorf("%w %s line %d: %s", ErrManifest, path, i+1, why)
		}
		if len(line) > maxManifestLine {
			return nil, bad("line too long")
		}
		if strings.TrimSpace(line) == "" || line[0] == '#' {
			continue
		}
		args, ok := splitArgs(line)
		if !ok || len(args) < 6 || len(args)%2 != 0 {
			return nil, bad("Invalid AOF manifest file format")
		}
		var e fileEntry
		for j := 0; j < len(args); j += 2 {
			switch args[j] {
			case "file":
				e.name = args[j+1]
			case "seq":
				n, err := strconv.ParseUint(args[j+1], 10, 64)
				if err != nil {
					return nil, bad("bad seq " + strconv.Quote(args[j+1]))
				}
				e.seq = n
			case "type":
				if len(args[j+1]) != 1 {
					return nil, bad("bad type " + strconv.Quote(args[j+1]))
				}
				e.kind = args[j+1][0]
			}
		}
		if e.name == "" || e.name != filepath.Base(e.name) || e.name == "." || e.name == ".." {
			return nil, bad("missing or invalid file name")
		}
		switch e.kind {
		case 'b':
			if m.base != nil {
				return nil, bad("Found duplicate base file information")
			}
			b := e
			m.base = &b
			m.baseSeq = max(m.baseSeq, e.seq)
		case 'i':
			if n := len(m.incrs); n > 0 && e.seq <= m.incrs[n-1].seq {
				return nil, bad("Found a non-monotonic sequence number")
			}
			m.incrs = append(m.incrs, e)
			m.incrSeq = max(m.incrSeq, e.seq)
		case 'h':
			m.history = append(m.history, e)
		default:
			return nil, bad("Unknown AOF file type")
		}
	}
	if m.base == nil && len(m.incrs) == 0 {
		return nil, fmt.Errorf("%w %s: Found an empty AOF manifest", ErrManifest, path)
	}
	return m, nil
}

// appendManifest appends the manifest's text.
func (m *manifest) appendText(dst []byte) []byte {
	line := func(e fileEntry) {
		dst = append(dst, "file "...)
		dst = appendName(dst, e.name)
		dst = append(dst, " seq "...)
		dst = strconv.AppendUint(dst, e.seq, 10)
		dst = append(dst, " type "...)
		dst = append(dst, e.kind, '\n')
	}
	if m.base != nil {
		line(*m.base)
	}
	for _, e := range m.history {
		line(e)
	}
	for _, e := range m.incrs {
		line(e)
	}
	return dst
}

// appendName writes a file name, quoted as Redis's sdscatrepr would when
// it holds spaces, quotes or control characters.
func appendName(dst []byte, name string) []byte {
	if !strings.ContainsAny(name, " \"'\\\t\r\n") && strconv.CanBackquote(name) {
		return append(dst, name...)
	}
	return strconv.AppendQuote(dst, name)
}

// splitArgs splits a manifest line into words; a word may be a Go/Redis
// style double-quoted string.
func splitArgs(line string) ([]string, bool) {
	var args []string
	for i := 0; i < len(line); {
		switch line[i] {
		case ' ', '\t':
			i++
			continue
		case '"':
			j := i + 1
			for j < len(line) && line[j] != '"' {
				if line[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(line) {
				return nil, false
			}
			s, err := strconv.Unquote(line[i : j+1])
			if err != nil {
				return nil, false
			}
			args = append(args, s)
			i = j + 1
			if i < len(line) && line[i] != ' ' && line[i] != '\t' {
				return nil, false
			}
		default:
			j := i
			for j < len(line) && line[j] != ' ' && line[j] != '\t' {
				j++
			}
			args = append(args, line[i:j])
			i = j
		}
	}
	return args, true
}

// readManifest reads dir's manifest; ok is false when there is none.
func readManifest(fsys FS, dir, fileName string) (m *manifest, ok bool, err error) {
	path := filepath.Join(dir, manifestName(fileName))
	f, err := fsys.OpenFile(path, os.O_RDONLY, 0)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, false, nil
		}
		return nil, false, err
	}
	defer f.Close()
	text, err := io.ReadAll(io.LimitReader(f, 64<<20))
	if err != nil {
		return nil, false, fmt.Errorf("aof: reading %s: %w", path, err)
	}
	m, err = parseManifest(text, path)
	return m, err == nil, err
}

// writeManifest replaces dir's manifest atomically: temporary file, fsync,
// rename, fsync of the directory.
func writeManifest(fsys FS, dir, fileName string, m *manifest) error {
	final := filepath.Join(dir, manifestName(fileName))
	tmp := filepath.Join(dir, "temp-"+manifestName(fileName))
	f, err := fsys.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("aof: creating %s: %w", tmp, err)
	}
	_, err = f.Write(m.appendText(nil))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = fsys.Rename(tmp, final)
	}
	if err == nil {
		err = fsys.SyncDir(dir)
	}
	if err != nil {
		fsys.Remove(tmp)
		return fmt.Errorf("aof: writing manifest %s: %w", final, err)
	}
	return nil
}

// clone returns a deep copy, so a failed persist leaves m unchanged.
func (m *manifest) clone() *manifest {
	c := &manifest{baseSeq: m.baseSeq, incrSeq: m.incrSeq}
	if m.base != nil {
		b := *m.base
		c.base = &b
	}
	c.incrs = append([]fileEntry(nil), m.incrs...)
	c.history = append([]fileEntry(nil), m.history...)
	return c
}
