package rest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/updraftdb/updraft/engine"
)

// Register adds the REST parameters to cfg, bound to o: rest-token,
// rest-readonly-token, rest-max-request-size, rest-cors-origins,
// rest-header-timeout and rest-idle-timeout (seconds). They are fixed once
// the server runs.
func Register(cfg *engine.Config, o *Options) {
	cfg.Register(engine.Param{Name: "rest-token",
		Get:  func() string { return o.Token },
		Init: func(v string) error { o.Token = v; return nil }})
	cfg.Register(engine.Param{Name: "rest-readonly-token",
		Get:  func() string { return o.ReadOnlyToken },
		Init: func(v string) error { o.ReadOnlyToken = v; return nil }})
	cfg.Register(engine.Param{Name: "rest-max-request-size",
		Get: func() string {
			if o.Limits.MaxBody == 0 {
				return strconv.FormatInt(DefaultLimits.MaxBody, 10)
			}
			return strconv.FormatInt(o.Limits.MaxBody, 10)
		},
		Init: func(v string) error {
			n, err := engine.ParseMemory(v)
			if err == nil && n < 1024 {
				err = errors.New("argument must be at least 1kb")
			}
			if err == nil {
				o.Limits.MaxBody = n
			}
			return err
		}})
	cfg.Register(engine.Param{Name: "rest-cors-origins",
		Get: func() string {
			if len(o.CORSOrigins) == 0 {
				return "*"
			}
			return strings.Join(o.CORSOrigins, " ")
		},
		Init: func(v string) error {
			o.CORSOrigins = strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' })
			return nil
		}})
	for _, p := range []struct {
		name string
		dst  *int64
	}{{"rest-header-timeout", &o.headerSec}, {"rest-idle-timeout", &o.idleSec}} {
		dst := p.dst
		cfg.Register(engine.Param{Name: p.name,
			Get: func() string { return strconv.FormatInt(*dst, 10) },
			Init: func(v string) error {
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil || n < 1 {
					return errors.New("argument must be a positive number of seconds")
				}
				*dst = n
				return nil
			}})
	}
}

// TokensFile is where generated tokens are kept, in the data directory.
const TokensFile = "rest-tokens.json"

// EnsureTokens fills the tokens left unset: from dir/rest-tokens.json when
// an earlier start generated them, else new random ones saved there with
// 0600 permissions. It reports whether it generated any.
func EnsureTokens(dir string, o *Options) (generated bool, err error) {
	if o.Token != "" && o.ReadOnlyToken != "" {
		return false, nil
	}
	path := filepath.Join(dir, TokensFile)
	var saved struct {
		Token         string `json:"token"`
		ReadOnlyToken string `json:"readonly_token"`
	}
	if b, err := os.ReadFile(path); err == nil {
		if err := json.Unmarshal(b, &saved); err != nil {
			return false, errors.New("rest: cannot read " + path + ": " + err.Error())
		}
	} else if !os.IsNotExist(err) {
		return false, err
	}
	if saved.Token == "" || saved.ReadOnlyToken == "" {
		if saved.Token == "" {
			saved.Token = newToken()
		}
		if saved.ReadOnlyToken == "" {
			saved.ReadOnlyToken = newToken()
		}
		b, _ := json.MarshalIndent(saved, "", "  ")
		if err := os.WriteFile(path, append(b, '\n'), 0o600); err != nil {
			return false, err
		}
		_ = os.Chmod(path, 0o600)
		generated = true
	}
	if o.Token == "" {
		o.Token = saved.Token
	}
	if o.ReadOnlyToken == "" {
		o.ReadOnlyToken = saved.ReadOnlyToken
	}
	return generated, nil
}

// newToken returns 32 random bytes in hex.
func newToken() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("rest: crypto/rand: " + err.Error())
	}
	return hex.EncodeToString(b[:])
}
