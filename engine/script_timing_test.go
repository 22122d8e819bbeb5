package engine

import "testing"

// BenchmarkEvalSha is a short ratelimit-like script (INCRBY, PEXPIRE on the
// first hit) run with EVALSHA through Exec.
func BenchmarkEvalSha(b *testing.B) {
	e, err := Open(Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	c := e.NewClient(ClientOptions{})
	script := "local n = redis.call('INCRBY', KEYS[1], ARGV[1]) if n == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], 60000) end return n"
	e.Exec(c, [][]byte{[]byte("SCRIPT"), []byte("LOAD"), []byte(script)})
	sha := []byte(sha1Hex([]byte(script)))
	args := [][]byte{[]byte("EVALSHA"), sha, []byte("1"), []byte("key"), []byte("1")}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.W.Reset()
		e.Exec(c, args)
	}
}
