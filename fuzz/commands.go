package fuzz

import (
	"bytes"
	"strings"
)

// Covered is the command set the scripts in testdata/ must exercise: every
// string, key, expiry, database, server and connection command of the
// foundation. TestScriptsCoverCommands fails when one has no script line.
// Add a command here when its scripts land; subcommands are "name|sub".
// Features new in Redis 7.2 (CLIENT NO-TOUCH...) are left out: the reference
// server is 7.0.
var Covered = []string{
	// strings
	"get", "set", "setnx", "setex", "psetex", "mget", "mset", "msetnx", "getset", "getdel", "getex",
	"incr", "decr", "incrby", "decrby", "incrbyfloat", "append", "strlen", "getrange", "setrange",
	"substr", "lcs",
	// keys
	"del", "unlink", "exists", "type", "rename", "renamenx", "copy", "touch", "keys", "scan", "randomkey",
	"object|encoding", "object|refcount", "object|idletime", "object|freq", "object|help", "dump", "restore",
	// expiry
	"expire", "pexpire", "expireat", "pexpireat", "expiretime", "pexpiretime", "ttl", "pttl", "persist",
	// databases
	"move", "swapdb", "flushdb", "flushall", "dbsize", "select",
	// connection
	"ping", "echo", "hello", "auth", "reset", "quit",
	"client|id", "client|setname", "client|getname", "client|info", "client|list", "client|no-evict",
	"client|help",
	// server
	"config|get", "config|set", "time", "info", "command|count", "lastsave",
}

// KnownMissing lists the commands ("name", or "name|sub" for one
// subcommand) Updraft does not implement yet, or not yet the way
// redis-server does. Their differences are reported and tolerated, and so is
// everything after them in the same script run when they may change state
// (the data may differ from then on; see Pair.MayChangeState). Delete a line when its command lands: the test fails when a
// listed command no longer differs anywhere, so this list only shrinks.
var KnownMissing = []string{}

// stateful are commands that change a connection or the server without
// redis-server flagging them "write": a difference in one of them may make
// the two servers differ from then on, as a write's may.
var stateful = map[string]bool{
	"select": true, "hello": true, "reset": true, "auth": true, "multi": true, "exec": true,
	"discard": true, "watch": true, "unwatch": true, "subscribe": true, "psubscribe": true,
	"ssubscribe": true, "monitor": true, "debug": true, "client|setname": true, "client|no-evict": true,
	"client|no-touch": true, "client|reply": true, "client|tracking": true, "client|setinfo": true,
	"client|pause": true, "config|set": true, "config|resetstat": true, "function": true, "script": true,
}

// containers are the commands whose first argument names a subcommand.
var containers = map[string]bool{
	"client": true, "config": true, "object": true, "command": true, "debug": true, "memory": true,
	"slowlog": true, "latency": true, "acl": true, "function": true, "script": true, "cluster": true,
	"pubsub": true, "xinfo": true, "module": true, "xgroup": true,
}

// CommandKey names a command for reports and the lists above: its
// lower-cased name, and "|sub" for a container command's subcommand.
func CommandKey(args [][]byte) string {
	if len(args) == 0 {
		return ""
	}
	name := string(bytes.ToLower(args[0]))
	if containers[name] && len(args) > 1 {
		return name + "|" + string(bytes.ToLower(args[1]))
	}
	return name
}

// IsMissing reports whether a command key is in KnownMissing, itself or
// through its container.
func IsMissing(key string) bool {
	name, _, _ := strings.Cut(key, "|")
	for _, m := range KnownMissing {
		if m == key || m == name {
			return true
		}
	}
	return false
}
