package rest

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseCommand(t *testing.T) {
	var p cmdParser
	ok := map[string][]string{
		`["SET","k",1,"ex",10]`:                      {"SET", "k", "1", "ex", "10"},
		` [ "a" , 1.50 , -2e+3 , true,false ] `:      {"a", "1.50", "-2e+3", "true", "false"},
		`["e\"s\\c\/\n\t\u00e9\ud83d\ude00\ud800x"]`: {"e\"s\\c/\n\té😀\ufffdx"},
		`["héllo/%", "x y"]`:                         {"héllo/%", "x y"},
	}
	for in, want := range ok {
		if err := p.parseCommand([]byte(in)); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if len(p.args) != len(want) {
			t.Fatalf("%s: %q", in, p.args)
		}
		for i := range want {
			if string(p.args[i]) != want[i] {
				t.Fatalf("%s: arg %d %q want %q", in, i, p.args[i], want[i])
			}
		}
	}
	bad := map[string]*httpError{
		``: errJSONSyntax, `[`: errJSONSyntax, `["a"`: errJSONSyntax, `["a",]`: errJSONSyntax,
		`["a"] x`: errJSONSyntax, `{"a":1}`: errJSONNotArray, `"get"`: errJSONNotArray,
		`["a",null]`: errJSONNull, `["a",["b"]]`: errJSONNested, `["a",{}]`: errJSONNested,
		`[]`: errJSONEmpty, `[01]`: errJSONSyntax, `[1.]`: errJSONSyntax, `["\x"]`: errJSONSyntax,
		"[\"a\x01\"]": errJSONSyntax, `[tru]`: errJSONSyntax, `["\u12"]`: errJSONSyntax,
	}
	for in, want := range bad {
		if err := p.parseCommand([]byte(in)); err != want {
			t.Errorf("%q: got %v want %v", in, err, want)
		}
	}
}

func TestParsePipeline(t *testing.T) {
	var p cmdParser
	if err := p.parsePipeline([]byte(`[["set","a",1],[ "get" , "a" ]]`)); err != nil {
		t.Fatal(err)
	}
	if len(p.cmds) != 2 || p.cmds[0] != 3 || p.cmds[1] != 5 || string(p.args[4]) != "a" {
		t.Fatalf("%v %q", p.cmds, p.args)
	}
	bad := map[string]*httpError{
		`[]`: errJSONNoCmds, `["get","a"]`: errJSONPipeline, `[[]]`: errJSONEmpty,
		`[["a"],`: errJSONSyntax, `{}`: errJSONPipeline, `[["a",null]]`: errJSONNull,
		`[["a",[1]]]`: errJSONNested,
	}
	for in, want := range bad {
		if err := p.parsePipeline([]byte(in)); err != want {
			t.Errorf("%q: got %v want %v", in, err, want)
		}
	}
}

func TestParsePath(t *testing.T) {
	var p cmdParser
	if !p.parsePath([]byte("/set/a%2Fb%20c/x+y/"), []byte("EX=100&_token=t&NX&k=a+b%21"), []byte("BODY")) {
		t.Fatal("decode")
	}
	want := []string{"set", "a/b c", "x+y", "BODY", "EX", "100", "NX", "k", "a b!"}
	if len(p.args) != len(want) {
		t.Fatalf("%q", p.args)
	}
	for i := range want {
		if string(p.args[i]) != want[i] {
			t.Fatalf("%q", p.args)
		}
	}
	if p.parsePath([]byte("/get/%zz"), nil, nil) || p.parsePath([]byte("/get/%2"), nil, nil) {
		t.Fatal("bad escapes accepted")
	}
}

func TestReplyJSON(t *testing.T) {
	cases := []struct {
		in        string
		b64       bool
		want      string
		wantError bool
	}{
		{"+OK\r\n", true, `"OK"`, false},
		{"+PONG\r\n", true, `"UE9ORw=="`, false},
		{"+PONG\r\n", false, `"PONG"`, false},
		{"$3\r\nbar\r\n", true, `"YmFy"`, false},
		{"$-1\r\n", true, `null`, false},
		{"*-1\r\n", false, `null`, false},
		{":-12\r\n", true, `-12`, false},
		{"*2\r\n$1\r\n0\r\n*1\r\n$4\r\nkey1\r\n", true, `["MA==",["a2V5MQ=="]]`, false},
		{"*2\r\n+OK\r\n$2\r\nOK\r\n", true, `["T0s=","T0s="]`, false},
		{"$4\r\na\"\x00\xff\r\n", false, "\"a\\\"\\u0000\ufffd\"", false},
		{"%1\r\n+a\r\n:1\r\n", false, `["a",1]`, false},
		{",1.5\r\n", false, `"1.5"`, false},
		{"_\r\n", false, `null`, false},
		{"#t\r\n", false, `1`, false},
		{"*1\r\n-ERR x\r\n", false, `["ERR x"]`, false},
	}
	for _, c := range cases {
		got, n := appendReplyJSON(nil, []byte(c.in), c.b64, true, 0)
		if string(got) != c.want || n != len(c.in) {
			t.Errorf("%q b64=%v: got %s (n=%d) want %s", c.in, c.b64, got, n, c.want)
		}
		if !json.Valid(got) {
			t.Errorf("%q: invalid JSON %s", c.in, got)
		}
	}
}

func FuzzParseCommand(f *testing.F) {
	f.Add([]byte(`["SET","k",1,"ex",10]`))
	f.Add([]byte(`[["set","a","\u00e9"],["get","a"]]`))
	f.Add([]byte(`["a\"b",true,false,-1.5e3]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p cmdParser
		err := p.parseCommand(b)
		var ref []any
		refErr := json.Unmarshal(b, &ref)
		if err == nil && refErr != nil && strings.ToValidUTF8(string(b), "") == string(b) {
			t.Fatalf("accepted invalid JSON %q: %v", b, refErr)
		}
		if err == nil {
			for i, a := range p.args {
				s, ok := ref[i].(string)
				if ok && s != string(a) && strings.ToValidUTF8(s, "\ufffd") == s && !strings.Contains(s, "\ufffd") {
					t.Fatalf("arg %d: %q want %q", i, a, s)
				}
			}
		}
		_ = p.parsePipeline(b)
		out := appendJSONString(nil, b)
		if !json.Valid(out) {
			t.Fatalf("appendJSONString(%q) = %s", b, out)
		}
	})
}
