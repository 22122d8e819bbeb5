package vector

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/updraftdb/updraft/persistence/aof"
)

// Options configure a Service.
type Options struct {
	// Dir is the directory holding one sub-directory per index (normally
	// <data dir>/vector). Empty: nothing is persisted.
	Dir string
	// Fsync is the log's appendfsync policy.
	Fsync aof.Fsync
	// Indexes are created at start unless they exist (config directives
	// vector-index).
	Indexes []Spec
	// Embed configures the embedding provider for data on dense indexes.
	Embed EmbedOptions
	// Logf receives server log lines; nil is silent.
	Logf func(format string, args ...any)
}

// Service is the vector service of one server: its named indexes, the
// resumable query sessions and the embedding client. It serves the HTTP
// API (ServeVector) and the VECTOR.* commands.
type Service struct {
	opts    Options
	mu      sync.RWMutex
	indexes map[string]*Index
	resume  resumables
	embed   *embedder
	closed  bool
}

// Open opens the service: every index found in o.Dir is loaded from its
// snapshot and log, then the indexes of o.Indexes that do not exist yet
// are created.
func Open(o Options) (*Service, error) {
	s := &Service{opts: o, indexes: map[string]*Index{}}
	s.resume.init()
	s.embed = newEmbedder(o.Embed)
	if o.Dir != "" {
		if err := os.MkdirAll(o.Dir, 0o755); err != nil {
			return nil, err
		}
		ents, err := os.ReadDir(o.Dir)
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			if !e.IsDir() {
				continue
			}
			dir := filepath.Join(o.Dir, e.Name())
			spec, err := readSpec(dir)
			if errors.Is(err, os.ErrNotExist) {
				continue // a dropped index's leftovers
			}
			if err != nil {
				s.Close()
				return nil, err
			}
			x := newIndex(spec)
			if err := openLog(x, dir, o.Fsync, o.Logf); err != nil {
				s.Close()
				return nil, err
			}
			s.indexes[spec.Name] = x
		}
	}
	for _, sp := range o.Indexes {
		if _, err := s.Create(sp, true); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// ValidName reports whether name may name an index: it is a URL path
// segment and a directory name.
func ValidName(name string) bool {
	if name == "" || len(name) > 128 || name == "." || name == ".." {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// checkSpec validates a new index's description.
func checkSpec(sp Spec) error {
	if !ValidName(sp.Name) {
		return badRequest("Invalid index name: use 1 to 128 letters, digits, '-', '_' or '.'.")
	}
	if sp.Kind.hasDense() && (sp.Dim < 1 || sp.Dim > MaxDimension) {
		return badRequest("Invalid dimension: must be between 1 and 65536.")
	}
	if !sp.Kind.hasDense() && sp.Dim != 0 {
		return badRequest("A sparse index has no dimension.")
	}
	if sp.Metric > DotProduct || sp.Kind > Hybrid {
		return badRequest("Invalid similarity function or index type.")
	}
	return nil
}

// Create creates an index. An existing index with the same name is an
// error (ErrIndexExists) unless existsOK and its description is the same.
func (s *Service) Create(sp Spec, existsOK bool) (*Index, error) {
	if !sp.Kind.hasDense() {
		sp.Dim = 0
	}
	if err := checkSpec(sp); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, ErrClosed
	}
	if x := s.indexes[sp.Name]; x != nil {
		if existsOK && x.Spec == sp {
			return x, nil
		}
		if existsOK {
			return nil, badRequest("Index " + sp.Name + " exists with a different dimension, similarity function or type.")
		}
		return nil, ErrIndexExists
	}
	x := newIndex(sp)
	if s.opts.Dir != "" {
		dir := filepath.Join(s.opts.Dir, sp.Name)
		if err := os.RemoveAll(dir); err != nil {
			return nil, err
		}
		if err := writeSpec(dir, sp); err != nil {
			return nil, err
		}
		if err := openLog(x, dir, s.opts.Fsync, s.opts.Logf); err != nil {
			return nil, err
		}
	}
	s.indexes[sp.Name] = x
	return x, nil
}

// Drop removes an index and its files.
func (s *Service) Drop(name string) error {
	s.mu.Lock()
	x := s.indexes[name]
	delete(s.indexes, name)
	s.mu.Unlock()
	if x == nil {
		return ErrNoIndex
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.log != nil {
		_ = x.log.log.Close()
		x.log = nil
		dir := filepath.Join(s.opts.Dir, name)
		// The spec goes first, so a crash mid-way leaves no index.
		if err := os.Remove(filepath.Join(dir, specFile)); err != nil {
			return err
		}
		return os.RemoveAll(dir)
	}
	return nil
}

// Index returns the index named name, or nil.
func (s *Service) Index(name string) *Index {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.indexes[name]
}

// Names returns the index names, sorted.
func (s *Service) Names() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, len(s.indexes))
	for n := range s.indexes {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Close closes every index's log (writing what was submitted).
func (s *Service) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	var first error
	for _, x := range s.indexes {
		x.mu.Lock()
		if x.log != nil {
			if err := x.log.log.Close(); err != nil && first == nil {
				first = err
			}
			x.log = nil
		}
		x.mu.Unlock()
	}
	return first
}

// readSpec reads dir/index.json.
func readSpec(dir string) (Spec, error) {
	b, err := os.ReadFile(filepath.Join(dir, specFile))
	if err != nil {
		return Spec{}, err
	}
	var js struct {
		Name   string `json:"name"`
		Dim    int    `json:"dimension"`
		Metric string `json:"similarityFunction"`
		Kind   string `json:"indexType"`
	}
	if err := json.Unmarshal(b, &js); err != nil {
		return Spec{}, errors.New("vector: " + filepath.Join(dir, specFile) + ": " + err.Error())
	}
	m, ok1 := ParseMetric(js.Metric)
	k, ok2 := ParseKind(js.Kind)
	sp := Spec{Name: js.Name, Dim: js.Dim, Metric: m, Kind: k}
	if !ok1 || !ok2 || checkSpec(sp) != nil || js.Name != filepath.Base(dir) {
		return Spec{}, errors.New("vector: " + filepath.Join(dir, specFile) + ": invalid index description")
	}
	return sp, nil
}

// waitDurable blocks until the log of x holds seq.
func (x *Index) waitDurable(seq uint64) error {
	x.mu.RLock()
	l := x.log
	x.mu.RUnlock()
	if seq == 0 || l == nil {
		return nil
	}
	return l.log.WaitDurable(seq)
}

// durable reports whether seq is already durable.
func (x *Index) durable(seq uint64) bool {
	if seq == 0 {
		return true
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.log == nil || x.log.log.Durable() >= seq
}
