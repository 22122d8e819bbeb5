package vector

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/persistence/aof"
)

// Config holds the vector parameters of the configuration file and command
// line, registered in the engine's config registry by RegisterConfig:
//
//	vector-index <name> <dimension> <COSINE|EUCLIDEAN|DOT_PRODUCT> [DENSE|SPARSE|HYBRID]
//	vector-embedding-url <base URL of an OpenAI-compatible /v1/embeddings server>
//	vector-embedding-model <model name>
//	vector-embedding-key <API key>
//
// vector-index may appear several times; each creates its index at start
// unless it exists (a sparse index takes dimension 0).
type Config struct {
	Indexes []Spec
	Embed   EmbedOptions
}

// RegisterConfig registers the vector parameters in cfg and returns the
// Config they fill.
func RegisterConfig(cfg *engine.Config) *Config {
	vc := &Config{}
	cfg.Register(engine.Param{Name: "vector-index",
		Get: func() string {
			parts := make([]string, len(vc.Indexes))
			for i, s := range vc.Indexes {
				parts[i] = s.Name + " " + strconv.Itoa(s.Dim) + " " + s.Metric.String() + " " + s.Kind.String()
			}
			return strings.Join(parts, ", ")
		},
		Init: func(v string) error {
			sp, err := ParseSpecArgs(strings.Fields(v))
			if err != nil {
				return err
			}
			vc.Indexes = append(vc.Indexes, sp)
			return nil
		}})
	str := func(name string, p *string) {
		cfg.Register(engine.Param{Name: name, Get: func() string { return *p },
			Init: func(v string) error { *p = v; return nil }})
	}
	str("vector-embedding-url", &vc.Embed.URL)
	str("vector-embedding-model", &vc.Embed.Model)
	str("vector-embedding-key", &vc.Embed.Key)
	return vc
}

// ParseSpecArgs reads "name dimension metric [type]".
func ParseSpecArgs(a []string) (Spec, error) {
	if len(a) < 3 || len(a) > 4 {
		return Spec{}, errors.New("vector-index needs: name dimension COSINE|EUCLIDEAN|DOT_PRODUCT [DENSE|SPARSE|HYBRID]")
	}
	sp := Spec{Name: a[0]}
	var err error
	if sp.Dim, err = strconv.Atoi(a[1]); err != nil {
		return sp, errors.New("vector-index: dimension must be an integer")
	}
	var ok bool
	if sp.Metric, ok = ParseMetric(a[2]); !ok {
		return sp, errors.New("vector-index: metric must be COSINE, EUCLIDEAN or DOT_PRODUCT")
	}
	if len(a) == 4 {
		if sp.Kind, ok = ParseKind(a[3]); !ok {
			return sp, errors.New("vector-index: type must be DENSE, SPARSE or HYBRID")
		}
	}
	if !sp.Kind.hasDense() {
		sp.Dim = 0
	}
	if err := checkSpec(sp); err != nil {
		return sp, errors.New("vector-index: " + err.Error())
	}
	return sp, nil
}

// OpenConfig opens the service of a server: indexes live in
// <dataDir>/vector, the log follows the engine's appendfsync, and the
// indexes and embedding provider come from vc.
func OpenConfig(cfg *engine.Config, vc *Config, dataDir string, logf func(string, ...any)) (*Service, error) {
	if dataDir == "" {
		dataDir, _ = os.Getwd()
	}
	fsync := aof.FsyncEverySec
	if v, ok := cfg.Get("appendfsync"); ok {
		if f, ok := aof.ParseFsync(v); ok {
			fsync = f
		}
	}
	return Open(Options{Dir: filepath.Join(dataDir, "vector"), Fsync: fsync, Indexes: vc.Indexes, Embed: vc.Embed, Logf: logf})
}
