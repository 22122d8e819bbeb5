package aof

import (
	"strings"
	"testing"
)

func TestManifestRedisFormat(t *testing.T) {
	// As redis-server 7.0.15 writes it after BGREWRITEAOF, plus a history
	// line and a comment.
	text := "# comment\nfile appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.1.incr.aof seq 1 type h\n" +
		"file appendonly.aof.2.incr.aof seq 2 type i\nfile appendonly.aof.3.incr.aof type i seq 3\n"
	m, err := parseManifest([]byte(text), "m")
	if err != nil {
		t.Fatal(err)
	}
	if m.base.name != "appendonly.aof.2.base.rdb" || len(m.incrs) != 2 || len(m.history) != 1 || m.incrSeq != 3 || m.baseSeq != 2 {
		t.Fatalf("%+v", m)
	}
	out := string(m.appendText(nil))
	want := "file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.1.incr.aof seq 1 type h\n" +
		"file appendonly.aof.2.incr.aof seq 2 type i\nfile appendonly.aof.3.incr.aof seq 3 type i\n"
	if out != want {
		t.Fatalf("got %q", out)
	}
	// Names with spaces are quoted and read back.
	q := &manifest{incrs: []fileEntry{{name: "my log.1.incr.aof", seq: 1, kind: 'i'}}}
	back, err := parseManifest(q.appendText(nil), "m")
	if err != nil || back.incrs[0].name != "my log.1.incr.aof" {
		t.Fatalf("quoted: %v %+v", err, back)
	}
}

func TestManifestErrors(t *testing.T) {
	for text, want := range map[string]string{
		"":                         "empty AOF manifest",
		"file a seq 1\n":           "Invalid AOF manifest file format",
		"file a seq x type i\n":    "bad seq",
		"file a seq 1 type z\n":    "Unknown AOF file type",
		"file ../a seq 1 type i\n": "invalid file name",
		"file \"a seq 1 type i\n":  "Invalid AOF manifest",
		"file a seq 1 type b\nfile b seq 2 type b\n": "duplicate base",
		"file a seq 2 type i\nfile b seq 1 type i\n": "non-monotonic",
		strings.Repeat("x", 2000):                    "too long",
	} {
		_, err := parseManifest([]byte(text), "m")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", text, err, want)
		}
	}
}
