package engine

import (
	"net"
	"strconv"
	"strings"
	"time"
)

// DEBUG: the subset of Redis's debugging subcommands that does not depend
// on jemalloc, RDB or AOF internals: SLEEP, OBJECT, SET-ACTIVE-EXPIRE,
// PROTOCOL, ERROR, LOG, CHANGE-REPL-ID and HELP. It is refused unless
// enable-debug-command is "yes", or "local" for a loopback connection.

func init() {
	register(&Command{Name: "debug", Arity: -2, Flags: FlagAdmin | FlagNoScript | FlagLoading | FlagStale,
		Cats: CatAdmin | CatSlow | CatDangerous, Proc: cmdDebug})
}

const errDebugNotAllowed = "ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server."

// debugAllowed applies enable-debug-command.
func (c *Client) debugAllowed() bool {
	if c.replaying {
		return true // DEBUG POPULATE in the log ran once already
	}
	switch c.e.opts.EnableDebugCommand {
	case "yes":
		return true
	case "local":
		c.info.mu.Lock()
		addr := c.info.addr
		c.info.mu.Unlock()
		return isLocalAddr(addr)
	}
	return false
}

// isLocalAddr reports whether a client address is a loopback or Unix
// socket peer, as Redis's islocalClient.
func isLocalAddr(addr string) bool {
	if addr == "" || strings.HasPrefix(addr, "/") {
		return true
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func cmdDebug(c *Client) {
	if !c.debugAllowed() {
		c.W.Error(errDebugNotAllowed)
		return
	}
	args := c.Args
	sub := args[1]
	switch {
	case eqFold(sub, "help") && len(args) == 2:
		c.replyHelp(debugHelp)
	case eqFold(sub, "sleep") && len(args) == 3:
		secs := atof(args[2])
		if secs > 0 {
			time.Sleep(time.Duration(secs * float64(time.Second)))
		}
		c.W.OK()
	case eqFold(sub, "set-active-expire") && len(args) == 3:
		c.e.srv.activeExpireOff.Store(atoi(args[2]) == 0)
		c.W.OK()
	case eqFold(sub, "object") && len(args) == 3:
		c.debugObject(args[2])
	case eqFold(sub, "protocol") && len(args) == 3:
		c.debugProtocol(args[2])
	case eqFold(sub, "error") && len(args) == 3:
		c.W.Error(string(args[2]))
	case eqFold(sub, "log") && len(args) == 3:
		c.W.OK()
	case eqFold(sub, "populate") && len(args) >= 3 && len(args) <= 5:
		c.debugPopulate(args[2:])
	case eqFold(sub, "reload"):
		c.debugReload()
	case eqFold(sub, "change-repl-id") && len(args) == 2:
		c.e.srv.changeReplID()
		c.W.OK()
	default:
		c.W.Error(errSubcommandSyntax(sub, "DEBUG"))
	}
}

// atof parses a float as C's atof: the longest valid prefix, 0 if none.
func atof(b []byte) float64 {
	s := strings.TrimLeft(string(b), " \t")
	for n := len(s); n > 0; n-- {
		if f, err := strconv.ParseFloat(s[:n], 64); err == nil {
			return f
		}
	}
	return 0
}

// atoi parses an integer as C's atoi: an optional sign and leading digits.
func atoi(b []byte) int64 {
	s := strings.TrimLeft(string(b), " \t")
	n, neg, i := int64(0), false, 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int64(s[i]-'0')
	}
	if neg {
		return -n
	}
	return n
}

// sharedIntMax bounds the integers Redis keeps as shared objects
// (OBJ_SHARED_INTEGERS), whose refcount DEBUG OBJECT shows as INT_MAX.
const sharedIntMax = 10000

// debugObject replies DEBUG OBJECT's status line. The address is the
// record's handle; serializedlength is the RDB length without compression.
func (c *Client) debugObject(key []byte) {
	sh, d, h32 := c.lockKey(key)
	h := c.lookupMode(sh, d, key, h32, lookNoTouch)
	if h == 0 {
		sh.mu.Unlock()
		c.W.Error(errNoSuchKey)
		return
	}
	r := sh.rec(h)
	refcount := int64(1)
	if r.kind() == kindInt && r.intVal() >= 0 && r.intVal() < sharedIntMax {
		refcount = 1<<31 - 1
	}
	enc := sh.encodingName(r)
	serLen := int64(rdbStringLen(sh.stringLen(r)))
	if r.kind() == kindInt {
		serLen = rdbIntLen(r.intVal())
	} else if r.kind() == kindObject {
		serLen = objectSize(sh.objs[r.objIdx()])
	}
	idle := int64(c.e.lruClock() - r.lru())
	sh.mu.Unlock()
	b := make([]byte, 0, 128)
	b = append(b, "Value at:0x"...)
	b = strconv.AppendUint(b, uint64(h)<<3, 16)
	b = append(b, " refcount:"...)
	b = strconv.AppendInt(b, refcount, 10)
	b = append(b, " encoding:"...)
	b = append(b, enc...)
	b = append(b, " serializedlength:"...)
	b = strconv.AppendInt(b, serLen, 10)
	b = append(b, " lru:"...)
	b = strconv.AppendInt(b, (time.Now().Unix()-idle)&(1<<24-1), 10)
	b = append(b, " lru_seconds_idle:"...)
	b = strconv.AppendInt(b, idle, 10)
	c.W.SimpleBytes(b)
}

// rdbStringLen is the RDB length of a raw string: its length prefix
// (1, 2 or 5 bytes) and its bytes.
func rdbStringLen(n int) int {
	switch {
	case n < 1<<6:
		return 1 + n
	case n < 1<<14:
		return 2 + n
	}
	return 5 + n
}

// rdbIntLen is the RDB length of an integer: 8, 16 or 32 bit encodings, or
// the decimal string.
func rdbIntLen(n int64) int64 {
	switch {
	case n >= -1<<7 && n < 1<<7:
		return 2
	case n >= -1<<15 && n < 1<<15:
		return 3
	case n >= -1<<31 && n < 1<<31:
		return 5
	}
	return int64(rdbStringLen(len(strconv.FormatInt(n, 10))))
}

// debugProtocol replies a sample value of each RESP type, as Redis's
// DEBUG PROTOCOL, for client tests.
func (c *Client) debugProtocol(name []byte) {
	w := &c.W
	switch {
	case eqFold(name, "string"):
		w.BulkString("Hello World")
	case eqFold(name, "integer"):
		w.Int(12345)
	case eqFold(name, "double"):
		w.Double(3.141)
	case eqFold(name, "bignum"):
		const big = "1234567999999999999999999999999999999"
		if w.IsRESP3() {
			w.Raw([]byte("(" + big + "\r\n"))
		} else {
			w.BulkString(big)
		}
	case eqFold(name, "null"):
		w.Null()
	case eqFold(name, "array"), eqFold(name, "set"):
		if eqFold(name, "set") {
			w.Set(3)
		} else {
			w.Array(3)
		}
		for j := int64(0); j < 3; j++ {
			w.Int(j)
		}
	case eqFold(name, "map"):
		w.Map(3)
		for j := int64(0); j < 3; j++ {
			w.Int(j)
			w.Bool(j == 1)
		}
	case eqFold(name, "attrib"):
		if w.IsRESP3() {
			w.Raw([]byte("|1\r\n"))
			w.BulkString("key-popularity")
			w.Array(2)
			w.BulkString("key:123")
			w.Int(90)
		}
		w.BulkString("Some real reply following the attribute")
	case eqFold(name, "push"):
		if !w.IsRESP3() {
			w.Error("ERR RESP2 is not supported by this command")
			return
		}
		w.Push(2)
		w.BulkString("server-cpu-usage")
		w.Int(42)
		w.BulkString("Some real reply following the push reply")
	case eqFold(name, "true"):
		w.Bool(true)
	case eqFold(name, "false"):
		w.Bool(false)
	case eqFold(name, "verbatim"):
		w.Verbatim("txt", []byte("This is a verbatim\nstring"))
	default:
		w.Error("ERR Wrong protocol type name. Please use one of the following: string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false")
	}
}

var debugHelp = []string{
	"DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
	"AOF-FLUSH-SLEEP <microsec>",
	"    Server will sleep before flushing the AOF, this is used for testing.",
	"ASSERT",
	"    Crash by assertion failed.",
	"CHANGE-REPL-ID",
	"    Change the replication IDs of the instance.",
	"    Dangerous: should be used only for testing the replication subsystem.",
	"CONFIG-REWRITE-FORCE-ALL",
	"    Like CONFIG REWRITE but writes all configuration options, including",
	"    keywords not listed in original configuration file or default values.",
	"CRASH-AND-RECOVER [<milliseconds>]",
	"    Hard crash and restart after a <milliseconds> delay (default 0).",
	"DIGEST",
	"    Output a hex signature representing the current DB content.",
	"DIGEST-VALUE <key> [<key> ...]",
	"    Output a hex signature of the values of all the specified keys.",
	"ERROR <string>",
	"    Return a Redis protocol error with <string> as message. Useful for clients",
	"    unit tests to simulate Redis errors.",
	"LEAK <string>",
	"    Create a memory leak of the input string.",
	"LOG <message>",
	"    Write <message> to the server log.",
	"HTSTATS <dbid>",
	"    Return hash table statistics of the specified Redis database.",
	"HTSTATS-KEY <key>",
	"    Like HTSTATS but for the hash table stored at <key>'s value.",
	"LOADAOF",
	"    Flush the AOF buffers on disk and reload the AOF in memory.",
	"REPLICATE <string>",
	"    Replicates the provided string to replicas, allowing data divergence.",
	"MALLCTL <key> [<val>]",
	"    Get or set a malloc tuning integer.",
	"MALLCTL-STR <key> [<val>]",
	"    Get or set a malloc tuning string.",
	"OBJECT <key>",
	"    Show low level info about `key` and associated value.",
	"DROP-CLUSTER-PACKET-FILTER <packet-type>",
	"    Drop all packets that match the filtered type. Set to -1 allow all packets.",
	"OOM",
	"    Crash the server simulating an out-of-memory error.",
	"PANIC",
	"    Crash the server simulating a panic.",
	"POPULATE <count> [<prefix>] [<size>]",
	"    Create <count> string keys named key:<num>. If <prefix> is specified then",
	"    it is used instead of the 'key' prefix. These are not propagated to",
	"    replicas. Cluster slots are not respected so keys not belonging to the",
	"    current node can be created in cluster mode.",
	"PROTOCOL <type>",
	"    Reply with a test value of the specified type. <type> can be: string,",
	"    integer, double, bignum, null, array, set, map, attrib, push, verbatim,",
	"    true, false.",
	"RELOAD [option ...]",
	"    Save the RDB on disk and reload it back to memory. Valid <option> values:",
	"    * MERGE: conflicting keys will be loaded from RDB.",
	"    * NOFLUSH: the existing database will not be removed before load, but",
	"      conflicting keys will generate an exception and kill the server.",
	"    * NOSAVE: the database will be loaded from an existing RDB file.",
	"    Examples:",
	"    * DEBUG RELOAD: verify that the server is able to persist, flush and reload",
	"      the database.",
	"    * DEBUG RELOAD NOSAVE: replace the current database with the contents of an",
	"      existing RDB file.",
	"    * DEBUG RELOAD NOSAVE NOFLUSH MERGE: add the contents of an existing RDB",
	"      file to the database.",
	"RESTART [<milliseconds>]",
	"    Graceful restart: save config, db, restart after a <milliseconds> delay (default 0).",
	"SDSLEN <key>",
	"    Show low level SDS string info representing `key` and value.",
	"SEGFAULT",
	"    Crash the server with sigsegv.",
	"SET-ACTIVE-EXPIRE <0|1>",
	"    Setting it to 0 disables expiring keys in background when they are not",
	"    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
	"    default.",
	"QUICKLIST-PACKED-THRESHOLD <size>",
	"    Sets the threshold for elements to be inserted as plain vs packed nodes",
	"    Default value is 1GB, allows values up to 4GB. Setting to 0 restores to default.",
	"SET-SKIP-CHECKSUM-VALIDATION <0|1>",
	"    Enables or disables checksum checks for RDB files and RESTORE's payload.",
	"SLEEP <seconds>",
	"    Stop the server for <seconds>. Decimals allowed.",
	"STRINGMATCH-TEST",
	"    Run a fuzz tester against the stringmatchlen() function.",
	"STRUCTSIZE",
	"    Return the size of different Redis core C structures.",
	"LISTPACK <key>",
	"    Show low level info about the listpack encoding of <key>.",
	"QUICKLIST <key> [<0|1>]",
	"    Show low level info about the quicklist encoding of <key>.",
	"    The optional argument (0 by default) sets the level of detail",
	"CLIENT-EVICTION",
	"    Show low level client eviction pools info (maxmemory-clients).",
	"PAUSE-CRON <0|1>",
	"    Stop periodic cron job processing.",
	"REPLYBUFFER PEAK-RESET-TIME <NEVER||RESET|time>",
	"    Sets the time (in milliseconds) to wait between client reply buffer peak resets.",
	"    In case NEVER is provided the last observed peak will never be reset",
	"    In case RESET is provided the peak reset time will be restored to the default value",
	"REPLYBUFFER RESIZING <0|1>",
	"    Enable or disable the reply buffer resize cron job",
	"CLUSTERLINK KILL <to|from|all> <node-id>",
	"    Kills the link based on the direction to/from (both) with the provided node.",
}
