package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestUpstashSDK runs every *.test.mjs suite with node. Without node, npm or the
// installed SDK it skips, except under CI=1 where it fails.
func TestUpstashSDK(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end suite skipped in -short mode")
	}
	missing := func(what string) {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing: .ci/run installs nodejs and npm and runs npm ci in e2e/", what)
		}
		t.Skipf("%s is missing (run npm ci in e2e/)", what)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node")
	}
	if _, err := exec.LookPath("npm"); err != nil {
		missing("npm")
	}
	if _, err := os.Stat(filepath.Join("node_modules", "@upstash", "redis", "package.json")); err != nil {
		missing("node_modules/@upstash/redis")
	}
	bin := os.Getenv("UPDRAFT_BIN")
	if bin == "" {
		bin = filepath.Join(t.TempDir(), "updraft")
		build := exec.Command("go", "build", "-o", bin, "github.com/updraftdb/updraft/cmd/updraft")
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
	}
	suites, _ := filepath.Glob("*.test.mjs")
	if len(suites) == 0 {
		t.Fatal("no *.test.mjs suites")
	}
	cmd := exec.Command(node, append([]string{"--test"}, suites...)...)
	cmd.Env = append(os.Environ(), "UPDRAFT_BIN="+bin)
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("node --test: %v", err)
	}
}
