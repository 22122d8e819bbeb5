package engine

import (
	"encoding/hex"
	"strings"
	"sync"
	"testing"
	"time"
)

// evalTestEngine opens an engine and returns a function that runs one
// command on a client of it and returns the reply.
func evalTestEngine(t *testing.T) (*Engine, func(c *Client, args ...string) string) {
	t.Helper()
	e, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e, func(c *Client, args ...string) string {
		b := make([][]byte, len(args))
		for i, a := range args {
			b[i] = []byte(a)
		}
		c.W.Reset()
		e.Exec(c, b)
		return string(c.W.Buf)
	}
}

// TestFunctionDumpRestore restores redis-server 7.0.15's own FUNCTION DUMP
// payload (LZF-compressed code) and round-trips Updraft's.
func TestFunctionDumpRestore(t *testing.T) {
	e, do := evalTestEngine(t)
	c := e.NewClient(ClientOptions{})
	payload, _ := hex.DecodeString("f5c3406740b31f23216c7561206e616d653d6c6962310a72656469732e72656769737465725f660d756e6374696f6e28276631272c20e0000e116b6579732c2061726773292072657475726e200640391063616c6c282770696e67272920656e6429e012510032e02b510164290a00e716f0f158135ed3")
	if got := do(c, "FUNCTION", "RESTORE", string(payload)); got != "+OK\r\n" {
		t.Fatalf("restore redis payload: %q", got)
	}
	if got := do(c, "FCALL", "f2", "0"); got != "+PONG\r\n" {
		t.Fatalf("fcall f2: %q", got)
	}
	if got := do(c, "FUNCTION", "RESTORE", string(payload)); !strings.Contains(got, "already exists") {
		t.Fatalf("restore twice: %q", got)
	}
	dump := do(c, "FUNCTION", "DUMP")
	body := dump[strings.Index(dump, "\r\n")+2 : len(dump)-2]
	if got := do(c, "FUNCTION", "RESTORE", body, "FLUSH"); got != "+OK\r\n" {
		t.Fatalf("restore own dump: %q", got)
	}
	if got := do(c, "FCALL", "f1", "0"); got != "+PONG\r\n" {
		t.Fatalf("fcall f1 after restore: %q", got)
	}
}

// TestScriptBusyKill runs a script that loops forever: after
// busy-reply-threshold other clients get BUSY, SCRIPT KILL stops it, and
// the caller gets Redis's error.
func TestScriptBusyKill(t *testing.T) {
	e, do := evalTestEngine(t)
	a := e.NewClient(ClientOptions{})
	b := e.NewClient(ClientOptions{})
	do(b, "CONFIG", "SET", "busy-reply-threshold", "50")
	var wg sync.WaitGroup
	var reply string
	wg.Add(1)
	go func() {
		defer wg.Done()
		reply = do(a, "EVAL", "local i = 0 while true do i = i + 1 end", "0")
	}()
	// Wait until the script runs and has passed the threshold: a slow
	// machine (arm64 under qemu) may take a while to start it.
	got := ""
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if got = do(b, "GET", "x"); strings.HasPrefix(got, "-BUSY") {
			break
		}
	}
	if !strings.HasPrefix(got, "-BUSY Redis is busy running a script. You can only call SCRIPT KILL") {
		do(b, "SCRIPT", "KILL")
		t.Fatalf("GET during busy script: %q", got)
	}
	if got := do(b, "FUNCTION", "KILL"); !strings.HasPrefix(got, "-BUSY") {
		t.Fatalf("FUNCTION KILL during EVAL: %q", got)
	}
	if got := do(b, "SCRIPT", "KILL"); got != "+OK\r\n" {
		t.Fatalf("SCRIPT KILL: %q", got)
	}
	wg.Wait()
	if !strings.HasPrefix(reply, "-ERR Script killed by user with SCRIPT KILL... script: ") {
		t.Fatalf("killed script reply: %q", reply)
	}
	if got := do(b, "EVAL", "return 1", "0"); got != ":1\r\n" {
		t.Fatalf("EVAL after kill: %q", got)
	}
	if got := do(b, "SCRIPT", "KILL"); !strings.HasPrefix(got, "-NOTBUSY") {
		t.Fatalf("SCRIPT KILL without script: %q", got)
	}

	// A script that wrote cannot be killed; closing the engine (SHUTDOWN)
	// stops it, pcall or not.
	wg.Add(1)
	go func() {
		defer wg.Done()
		reply = do(a, "EVAL", "redis.call('set', 'w', 1) while true do pcall(function() end) end", "0")
	}()
	time.Sleep(80 * time.Millisecond)
	if got := do(b, "SCRIPT", "KILL"); !strings.HasPrefix(got, "-UNKILLABLE") {
		t.Fatalf("SCRIPT KILL after a write: %q", got)
	}
	e.stopScript()
	wg.Wait()
}

// TestScriptsAtomic runs scripts that read, then write a counter from many
// clients at once: since each runs alone, no increment is lost.
func TestScriptsAtomic(t *testing.T) {
	e, do := evalTestEngine(t)
	const clients, each = 8, 200
	var wg sync.WaitGroup
	for i := 0; i < clients; i++ {
		c := e.NewClient(ClientOptions{})
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < each; j++ {
				do(c, "EVAL", "local v = tonumber(redis.call('get', KEYS[1]) or '0') redis.call('set', KEYS[1], v + 1)", "1", "n")
				do(c, "INCR", "plain")
			}
		}()
	}
	wg.Wait()
	c := e.NewClient(ClientOptions{})
	if got := do(c, "GET", "n"); got != "$4\r\n1600\r\n" {
		t.Fatalf("counter after concurrent scripts: %q", got)
	}
}

// TestLuaLibraries checks bit, struct and cmsgpack round trips.
func TestLuaLibraries(t *testing.T) {
	e, do := evalTestEngine(t)
	c := e.NewClient(ClientOptions{})
	for _, tc := range []struct{ script, want string }{
		{"return bit.tohex(bit.bxor(0xff, 0x0f))", "$8\r\n000000f0\r\n"},
		{"return {struct.unpack('>hBs', struct.pack('>hBs', -2, 200, 'ab'))}", "*4\r\n:-2\r\n:200\r\n$2\r\nab\r\n:7\r\n"},
		{"local t = cmsgpack.unpack(cmsgpack.pack({1, 'two', {3}})) return {t[1], t[2], t[3][1]}", "*3\r\n:1\r\n$3\r\ntwo\r\n:3\r\n"},
		{"return cjson.encode(cjson.decode('[1,\"a\",{\"b\":null}]'))", "$18\r\n[1,\"a\",{\"b\":null}]\r\n"},
	} {
		if got := do(c, "EVAL", tc.script, "0"); got != tc.want {
			t.Errorf("%s: got %q want %q", tc.script, got, tc.want)
		}
	}
}

// TestScriptMemoryBound: a script that allocates without end is stopped
// past script-max-memory, its caller gets the error, and scripts run
// again afterwards.
func TestScriptMemoryBound(t *testing.T) {
	e, do := evalTestEngine(t)
	c := e.NewClient(ClientOptions{})
	if got := do(c, "CONFIG", "SET", "script-max-memory", "64mb"); got != "+OK\r\n" {
		t.Fatalf("CONFIG SET: %q", got)
	}
	got := do(c, "EVAL", "local t = {} local i = 0 while true do i = i + 1 t[i] = string.rep('x', 100) .. i end", "0")
	if !strings.HasPrefix(got, "-ERR Script stopped: it used more than script-max-memory (67108864 bytes)...") {
		t.Fatalf("runaway script: %q", got)
	}
	if got := do(c, "EVAL", "return 1", "0"); got != ":1\r\n" {
		t.Fatalf("EVAL afterwards: %q", got)
	}
}
