package aof

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// LoadResult describes what Load read.
type LoadResult struct {
	Found          bool   // a manifest was there
	BasePath       string // the base file handed to the base callback; "" if none
	IncrFiles      int    // incr files read
	Records        int64  // records handed to the rec callback
	Bytes          int64  // bytes of every file read
	Truncated      bool   // a torn tail was cut off the last incr file
	TruncatedFile  string // that file
	TruncatedAt    int64  // the offset it was cut at
	TruncatedBytes int64  // how many bytes were dropped
}

// Load reads the log in o.Dir: the base file through base (the engine
// loads the snapshot; r is buffered), then every record of every incr file
// in order through rec, whose payload is only valid during the call. With
// no manifest there is nothing to load and Load returns a zero result.
//
// A torn tail of the last incr file (an incomplete record, or bad records
// up to the end with no intact record after them) is cut off the file when
// truncatedOK (aof-load-truncated yes) and logged; otherwise, and for
// damage anywhere else, Load returns an error wrapping ErrCorrupt that
// names the file and the byte offset. progress, if not nil, is called
// about once a second and at the end with bytes read and bytes in all.
func Load(o Options, base func(path string, r io.Reader) error, rec func(payload []byte) error,
	truncatedOK bool, progress func(done, total int64)) (LoadResult, error) {
	var res LoadResult
	fsys, dir := o.fs(), o.Dir
	m, ok, err := readManifest(fsys, dir, o.fileName())
	if err != nil || !ok {
		return res, err
	}
	res.Found = true
	p := &progressState{fn: progress, last: time.Now()}
	sizes := make([]int64, len(m.incrs))
	var baseSize int64
	if m.base != nil {
		if baseSize, err = fileSize(fsys, filepath.Join(dir, m.base.name)); err != nil {
			return res, err
		}
		p.total += baseSize
	}
	for i, e := range m.incrs {
		if sizes[i], err = fileSize(fsys, filepath.Join(dir, e.name)); err != nil {
			return res, err
		}
		p.total += sizes[i]
	}
	if m.base != nil {
		path := filepath.Join(dir, m.base.name)
		if err := loadBase(fsys, path, base, p); err != nil {
			return res, err
		}
		res.BasePath = path
	}
	var buf []byte
	for i, e := range m.incrs {
		path := filepath.Join(dir, e.name)
		last := i == len(m.incrs)-1
		if err := loadIncr(fsys, path, sizes[i], last, truncatedOK, rec, p, &buf, &res, o.logf); err != nil {
			return res, err
		}
		res.IncrFiles++
	}
	res.Bytes = p.done
	if progress != nil {
		progress(p.total, p.total)
	}
	return res, nil
}

func fileSize(fsys FS, path string) (int64, error) {
	fi, err := fsys.Stat(path)
	if err != nil {
		if os.IsNotExist(err) {
			return 0, fmt.Errorf("aof: The AOF file %s doesn't exist", path)
		}
		return 0, fmt.Errorf("aof: %w", err)
	}
	return fi.Size(), nil
}

func loadBase(fsys FS, path string, base func(string, io.Reader) error, p *progressState) error {
	f, err := fsys.OpenFile(path, os.O_RDONLY, 0)
	if err != nil {
		return fmt.Errorf("aof: opening %s: %w", path, err)
	}
	defer f.Close()
	if base == nil {
		return fmt.Errorf("aof: %s lists a base file %s and no loader was given", manifestName(""), path)
	}
	if err := base(path, bufio.NewReaderSize(&progressReader{r: f, p: p}, 1<<20)); err != nil {
		return fmt.Errorf("aof: loading the base file %s: %w", path, err)
	}
	return nil
}

// loadIncr reads one incr file and handles its damage (see Load).
func loadIncr(fsys FS, path string, size int64, last, truncatedOK bool, rec func([]byte) error,
	p *progressState, buf *[]byte, res *LoadResult, logf func(string, ...any)) error {
	f, err := fsys.OpenFile(path, os.O_RDONLY, 0)
	if err != nil {
		return fmt.Errorf("aof: opening %s: %w", path, err)
	}
	defer f.Close()
	start := p.done
	s, err := scanIncr(&progressReader{r: f, p: p}, size, func(b []byte) error {
		res.Records++
		return rec(b)
	}, buf)
	if err != nil {
		return fmt.Errorf("aof: replaying %s at offset %d: %w", path, s.good, err)
	}
	p.done = start + size
	if s.problem == "" {
		return nil
	}
	torn := false
	if last {
		if s.good < headerSize {
			torn = size < headerSize
		} else if torn, err = tornTail(f, s.good, size); err != nil {
			return fmt.Errorf("aof: reading %s: %w", path, err)
		}
	}
	if !torn {
		return badFormat(path, s.good, s.problem)
	}
	if !truncatedOK {
		return fmt.Errorf("%w: Unexpected end of file reading the append only file %s at offset %d (%s, %d bytes): "+
			"set aof-load-truncated yes or run 'updraft check-aof --fix' on it", ErrCorrupt, path, s.good, s.problem, size-s.good)
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
		return fmt.Errorf("aof: truncating the torn tail of %s at offset %d: %w", path, s.good, err)
	}
	logf("!!! Warning: short read while loading the AOF file %s !!! AOF loaded anyway because aof-load-truncated is enabled: truncated %d bytes at offset %d",
		path, size-s.good, s.good)
	res.Truncated, res.TruncatedFile, res.TruncatedAt, res.TruncatedBytes = true, path, s.good, size-s.good
	return nil
}

// badFormat is the error for damage that is not a torn tail.
func badFormat(path string, off int64, why string) error {
	return fmt.Errorf("%w: Bad file format reading the append only file %s at offset %d: %s", ErrCorrupt, path, off, why)
}
