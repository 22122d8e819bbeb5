package fuzz_test

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/fuzz"
	"github.com/updraftdb/updraft/internal/servertest"
	"github.com/updraftdb/updraft/net/server"
)

var (
	randN    = flag.Int("rand", 0, "TestRandom: run this many random sequences (default: a fixed quick set)")
	randSeed = flag.Uint64("seed", 0, "TestRandom: seed of the first sequence (with -rand, 0 picks one from the clock)")
	randLen  = flag.Int("len", 60, "TestRandom: commands per random sequence")
	randAll  = flag.Bool("all", false, "TestRandom: go on after a failure, and list every command that failed")
	randFor  = flag.Duration("for", 0, "TestRandom: run sequences for this long (with -rand, whichever ends first)")
)

// quickSequences is how many random sequences a plain `go test` runs: 850
// of 60 commands, over 50 000 commands across every type, half of the
// sequences in RESP3.
const quickSequences = 850

// newPair starts a redis-server and an in-process Updraft set up alike
// (16 databases, DEBUG enabled, no persistence).
func newPair(t testing.TB) *fuzz.Pair {
	t.Helper()
	redis := servertest.RedisServer(t)
	u, err := fuzz.StartUpdraft(engine.Options{EnableDebugCommand: "yes"}, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = u.Close() })
	return fuzz.NewPair(redis, u)
}

func loadScripts(t *testing.T) []*fuzz.Script {
	t.Helper()
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no scripts in testdata/")
	}
	var out []*fuzz.Script
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := fuzz.ParseScript(filepath.Base(f), data)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// TestScripts runs every script in testdata/ against both servers, in
// RESP2 and RESP3, and fails on the first difference of each run that
// KnownMissing does not explain. It also fails when a KnownMissing command
// no longer differs anywhere, so that the list only shrinks.
func TestScripts(t *testing.T) {
	p := newPair(t)
	ran, differed := map[string]int{}, map[string]int{}
	tolerated := map[string]int{}
	complete := true
	for _, s := range loadScripts(t) {
		for _, proto := range s.Protos {
			t.Run(fmt.Sprintf("%s/resp%d", strings.TrimSuffix(s.Name, ".txt"), proto), func(t *testing.T) {
				res := p.Run(s, proto)
				if res.Err != nil {
					if errors.Is(res.Err, fuzz.ErrHello) && fuzz.IsMissing("hello") {
						t.Logf("RESP3 run not possible while hello is in KnownMissing: %v", res.Err)
						complete = false
						return
					}
					t.Fatal(res.Err)
				}
				for k, n := range res.Ran {
					ran[k] += n
				}
				for k, n := range res.Differed {
					differed[k] += n
				}
				for _, m := range res.Tolerated {
					tolerated[fuzz.CommandKey(m.Line.Args)]++
					t.Log(m.String())
				}
				if res.Failure != nil {
					complete = false
					t.Errorf("%s", res.Failure)
				}
			})
		}
	}
	t.Logf("tolerated differences by command: %s", countList(tolerated))
	if !complete {
		return
	}
	for _, m := range fuzz.KnownMissing {
		n, d := 0, 0
		for k := range ran {
			if k == m || strings.HasPrefix(k, m+"|") {
				n += ran[k]
				d += differed[k]
			}
		}
		if n > 0 && d == 0 {
			t.Errorf("%s matches redis-server on all %d script lines: delete it from KnownMissing (fuzz/commands.go)", m, n)
		}
	}
}

func countList(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%d ", k, m[k])
	}
	return b.String()
}

// TestScriptsCoverCommands checks that every command of fuzz.Covered has
// script lines, and that KnownMissing names only covered commands.
func TestScriptsCoverCommands(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range loadScripts(t) {
		for _, l := range s.Lines {
			if l.Args != nil {
				k := fuzz.CommandKey(l.Args)
				seen[k] = true
				name, _, _ := strings.Cut(k, "|")
				seen[name] = true
			}
		}
	}
	covered := map[string]bool{}
	for _, c := range fuzz.Covered {
		covered[c] = true
		name, _, _ := strings.Cut(c, "|")
		covered[name] = true
		if !seen[c] {
			t.Errorf("no script in testdata/ runs %s", c)
		}
	}
	for _, m := range fuzz.KnownMissing {
		if !covered[m] {
			t.Errorf("KnownMissing names %s, which is not in Covered", m)
		}
	}
}

// keepCommand is the generator's filter: commands not known to be missing,
// and the wrong-type makers Updraft has.
func keepCommand(key string) bool {
	if fuzz.WrongTypeMakers[key] {
		return engine.LookupCommand([]byte(key)) != nil
	}
	return !fuzz.IsMissing(key)
}

// TestRandom compares random command sequences. Without flags it runs a
// fixed quick set; `go test ./fuzz -run TestRandom -rand 5000` runs many
// (see README.md), printing the seed to rerun a failure with -seed.
func TestRandom(t *testing.T) {
	n, seed := quickSequences, *randSeed
	if *randN > 0 || *randFor > 0 {
		n = *randN
		if n == 0 {
			n = 1 << 40
		}
		if seed == 0 {
			seed = uint64(time.Now().UnixNano())
		}
	}
	if seed == 0 {
		seed = 1
	}
	var deadline time.Time
	if *randFor > 0 {
		deadline = time.Now().Add(*randFor)
	}
	t.Logf("seeds from %d, %d commands each", seed, *randLen)
	p := newPair(t)
	failed := map[string]int{}
	start, ran := time.Now(), 0
	for i := 0; i < n && (deadline.IsZero() || time.Now().Before(deadline)); i++ {
		g := fuzz.NewGen(fuzz.NewRandSource(seed+uint64(i)), keepCommand)
		if i == 0 {
			t.Logf("commands: %s", strings.Join(g.Commands(), " "))
		}
		s := g.Script(fmt.Sprintf("seed-%d", seed+uint64(i)), *randLen)
		ran++
		if m := checkRandom(t, p, s, randomProto(seed+uint64(i))); m != nil {
			rerun := fmt.Sprintf("go test ./fuzz -run TestRandom -rand 1 -seed %d -len %d", seed+uint64(i), *randLen)
			if !*randAll {
				t.Fatalf("rerun with: %s", rerun)
			}
			failed[fuzz.CommandKey(m.Line.Args)]++
			t.Logf("rerun with: %s", rerun)
		}
	}
	t.Logf("%d sequences, %d commands, seeds %d..%d, in %s", ran, ran**randLen, seed, seed+uint64(ran)-1,
		time.Since(start).Round(time.Millisecond))
	if len(failed) > 0 {
		t.Errorf("sequences failing, by the command that differed: %s", countList(failed))
	}
}

// randomProto is the protocol a random sequence starts in: RESP2 for even
// seeds, RESP3 for odd ones (HELLO in the sequence may switch).
func randomProto(seed uint64) int { return 2 + int(seed%2) }

// checkRandom runs a generated script and reports a failure with a minimal
// sequence that still fails, written as a script to save in testdata/ and
// as a redis-cli command to replay it by hand.
func checkRandom(t testing.TB, p *fuzz.Pair, s *fuzz.Script, proto int) *fuzz.Mismatch {
	t.Helper()
	res := p.Run(s, proto)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if res.Failure == nil {
		return nil
	}
	small := p.Shrink(s, proto)
	t.Errorf("%s\nshrunk to %d commands; as a testdata/ script:\n%s\nto replay by hand:\n%s",
		res.Failure, len(small.Lines), small.Text(), small.RedisCLI(6379))
	return res.Failure
}

// FuzzDifferential is the native fuzz target: the input bytes choose the
// commands (up to 64). `make fuzz` runs it; failures are saved by go test
// under testdata/fuzz/FuzzDifferential.
func FuzzDifferential(f *testing.F) {
	f.Add([]byte("\x00\x01\x00\x02\x00\x03\x00\x04"))
	f.Add([]byte("set and get, incr, expire, rename and scan"))
	f.Add([]byte{0xff, 0xfe, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xa0, 0xb0})
	p := newPair(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		src := &fuzz.ByteSource{Data: data}
		g := fuzz.NewGen(src, keepCommand)
		s := &fuzz.Script{Name: "fuzz input"}
		for i := 1; i <= 64 && !src.Done(); i++ {
			s.Lines = append(s.Lines, g.Next(i))
		}
		checkRandom(t, p, s, 2+int(src.Intn(2)))
	})
}

// TestShrink checks the shrinker on a sequence whose last command always
// differs (TIME, compared exactly): every other line must go.
func TestShrink(t *testing.T) {
	p := newPair(t)
	text := "SET a 1\nINCR a\nNOSUCHCOMMAND\nGET a\nDEL a\nECHO x\nSET b 2\nTIME\nGET b\n"
	s, err := fuzz.ParseScript("shrink", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	small := p.Shrink(s, 2)
	if len(small.Lines) != 1 || fuzz.CommandKey(small.Lines[0].Args) != "time" {
		t.Fatalf("shrunk to:\n%s", small.Text())
	}
	if got, want := small.Text(), "@resp2\nTIME\n"; got != want {
		t.Errorf("Text() = %q, want %q", got, want)
	}
	if got := small.RedisCLI(6379); !strings.Contains(got, "redis-cli -p 6379 <<'EOF'\nTIME\nEOF\n") {
		t.Errorf("RedisCLI() = %q", got)
	}
}
