package engine

import (
	"strconv"
	"testing"
)

// BenchmarkSetLogged is SET through Exec with the append-only log on (each
// fsync policy) and off: the cost the log adds per write command, the
// writer goroutine's work included in the CPU profile.
func BenchmarkSetLogged(b *testing.B) {
	for _, mode := range []string{"off", "no", "everysec", "always"} {
		b.Run(mode, func(b *testing.B) {
			o := Options{Dir: b.TempDir()}
			if mode != "off" {
				o.AppendOnly, o.AppendFsync = true, mode
			}
			e, err := Open(o)
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			c := e.NewClient(ClientOptions{})
			defer c.Release()
			keys := make([][]byte, 1024)
			for i := range keys {
				keys[i] = []byte("key:" + strconv.Itoa(i))
			}
			args := [][]byte{[]byte("SET"), nil, []byte("value-of-32-bytes-xxxxxxxxxxxxxx")}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				args[1] = keys[i&1023]
				c.W.Buf = c.W.Buf[:0]
				e.Exec(c, args)
			}
		})
	}
}
