package engine

import (
	"strconv"
	"time"
	"unsafe"
)

// CLIENT and its subcommands (Redis's clientCommand in networking.c), and
// the CLIENT LIST line of a client.

// Client flags shown by CLIENT LIST, kept in clientInfo.flags so that other
// goroutines can read them.
const (
	clientFlagNoEvict = 1 << iota
	clientFlagNoTouch
)

func init() {
	base := FlagNoScript | FlagLoading | FlagStale
	admin := FlagAdmin | base
	conn := CatSlow | CatConnection
	adminCats := CatAdmin | CatSlow | CatDangerous | CatConnection
	nondet := []string{"nondeterministic_output"}
	register(&Command{Name: "client", Arity: -2, Cats: CatSlow, Proc: func(*Client) {}})
	registerSub("client",
		&Command{Name: "id", Arity: 2, Flags: base, Cats: conn, Proc: cmdClientID},
		&Command{Name: "setname", Arity: 3, Flags: base, Cats: conn, Proc: cmdClientSetName},
		&Command{Name: "getname", Arity: 2, Flags: base, Cats: conn, Proc: cmdClientGetName},
		&Command{Name: "setinfo", Arity: 4, Flags: base, Cats: conn, Proc: cmdClientSetInfo,
			Tips: []string{"request_policy:all_nodes", "response_policy:all_succeeded"}},
		&Command{Name: "list", Arity: -2, Flags: admin, Cats: adminCats, Proc: cmdClientList, Tips: nondet},
		&Command{Name: "info", Arity: 2, Flags: base, Cats: conn, Proc: cmdClientInfo, Tips: nondet},
		&Command{Name: "kill", Arity: -3, Flags: admin, Cats: adminCats, Proc: cmdClientKill},
		&Command{Name: "pause", Arity: -3, Flags: admin, Cats: adminCats, Proc: cmdClientPause},
		&Command{Name: "unpause", Arity: 2, Flags: admin, Cats: adminCats, Proc: cmdClientUnpause},
		&Command{Name: "unblock", Arity: -3, Flags: admin, Cats: adminCats, Proc: cmdClientUnblock},
		&Command{Name: "reply", Arity: 3, Flags: base, Cats: conn, Proc: cmdClientReply},
		&Command{Name: "no-evict", Arity: 3, Flags: admin, Cats: adminCats, Proc: cmdClientNoEvict},
		&Command{Name: "no-touch", Arity: 3, Flags: base, Cats: conn, Proc: cmdClientNoTouch},
		&Command{Name: "help", Arity: 2, Flags: FlagLoading | FlagStale, Cats: conn, Proc: cmdClientHelp},
	)
}

func cmdClientID(c *Client) { c.W.Int(c.ID) }

// validClientAttr reports whether a name or library attribute has only
// printable ASCII without spaces, as Redis's validateClientAttr.
func validClientAttr(b []byte) bool {
	for _, ch := range b {
		if ch < '!' || ch > '~' {
			return false
		}
	}
	return true
}

// setName sets the connection name ("" clears it), replying with the error
// for an invalid name.
func (c *Client) setName(name []byte) bool {
	if !validClientAttr(name) {
		c.W.Error("ERR Client names cannot contain spaces, newlines or special characters.")
		return false
	}
	c.info.mu.Lock()
	c.info.name = string(name)
	c.info.mu.Unlock()
	return true
}

func cmdClientSetName(c *Client) {
	if c.setName(c.Args[2]) {
		c.W.OK()
	}
}

func cmdClientGetName(c *Client) {
	c.info.mu.Lock()
	name := c.info.name
	c.info.mu.Unlock()
	if name == "" {
		c.W.Null()
		return
	}
	c.W.BulkString(name)
}

// CLIENT SETINFO LIB-NAME|LIB-VER value
func cmdClientSetInfo(c *Client) {
	attr, val := c.Args[2], c.Args[3]
	var dst *string
	switch {
	case eqFold(attr, "lib-name"):
		dst = &c.info.libName
	case eqFold(attr, "lib-ver"):
		dst = &c.info.libVer
	default:
		c.W.Error("ERR Unrecognized option '" + string(attr) + "'")
		return
	}
	if !validClientAttr(val) {
		c.W.Error("ERR " + string(attr) + " cannot contain spaces, newlines or special characters.")
		return
	}
	c.info.mu.Lock()
	*dst = string(val)
	c.info.mu.Unlock()
	c.W.OK()
}

// clientType is a client's type for CLIENT LIST/KILL TYPE: normal, master,
// replica or pubsub. MONITOR clients are normal, as in Redis.
func (c *Client) clientType() string {
	c.info.mu.Lock()
	defer c.info.mu.Unlock()
	return c.info.kind
}

// parseClientType maps a TYPE argument to a clientType value.
func parseClientType(b []byte) (string, bool) {
	switch {
	case eqFold(b, "normal"):
		return "normal", true
	case eqFold(b, "slave"), eqFold(b, "replica"):
		return "replica", true
	case eqFold(b, "pubsub"):
		return "pubsub", true
	case eqFold(b, "master"):
		return "master", true
	}
	return "", false
}

// CLIENT LIST [TYPE type] | [ID id ...]
func cmdClientList(c *Client) {
	args := c.Args
	typ := ""
	var ids []int64
	switch {
	case len(args) == 4 && eqFold(args[2], "type"):
		t, ok := parseClientType(args[3])
		if !ok {
			c.W.Error("ERR Unknown client type '" + string(args[3]) + "'")
			return
		}
		typ = t
	case len(args) > 3 && eqFold(args[2], "id"):
		for _, a := range args[3:] {
			id, ok := parseInt64(a)
			if !ok {
				c.W.Error("ERR Invalid client ID")
				return
			}
			ids = append(ids, id)
		}
	case len(args) != 2:
		c.W.Error(errSyntax)
		return
	}
	var b []byte
	now := time.Now().UnixMilli()
	if ids != nil {
		for _, id := range ids {
			c.e.clients.mu.Lock()
			cl := c.e.clients.byID[id]
			c.e.clients.mu.Unlock()
			if cl != nil {
				b = append(cl.appendInfo(b, c, now), '\n')
			}
		}
	} else {
		for _, cl := range c.e.clients.list() {
			if typ == "" || cl.clientType() == typ {
				b = append(cl.appendInfo(b, c, now), '\n')
			}
		}
	}
	c.W.Verbatim("txt", b)
}

func cmdClientInfo(c *Client) {
	b := c.appendInfo(nil, c, time.Now().UnixMilli())
	c.W.Verbatim("txt", append(b, '\n'))
}

// appendInfo appends the client's CLIENT LIST line (without newline), with
// Redis 7.2's fields. self is the client asking: only its own arguments
// are known (argv-mem). Buffer sizes belong to the front end and read 0;
// subscriptions and MULTI state read 0 and -1 until those features report
// them here.
func (c *Client) appendInfo(b []byte, self *Client, nowMs int64) []byte {
	c.info.mu.Lock()
	name, libName, libVer := c.info.name, c.info.libName, c.info.libVer
	addr, laddr, fd, user := c.info.addr, c.info.laddr, c.info.fd, c.info.user
	created := c.info.created
	c.info.mu.Unlock()
	argvMem := 0
	if c == self {
		for _, a := range c.Args {
			argvMem += len(a)
		}
	}
	b = append(b, "id="...)
	b = strconv.AppendInt(b, c.ID, 10)
	b = append(b, " addr="...)
	b = append(b, addr...)
	b = append(b, " laddr="...)
	b = append(b, laddr...)
	b = append(b, " fd="...)
	b = strconv.AppendInt(b, int64(fd), 10)
	b = append(b, " name="...)
	b = append(b, name...)
	b = append(b, " age="...)
	b = strconv.AppendInt(b, (nowMs-created.UnixMilli())/1000, 10)
	b = append(b, " idle="...)
	idle := (nowMs - c.info.lastInteraction.Load()) / 1000
	if idle < 0 || c == self {
		idle = 0
	}
	b = strconv.AppendInt(b, idle, 10)
	b = append(b, " flags="...)
	b = c.appendFlags(b, self)
	b = append(b, " db="...)
	b = strconv.AppendInt(b, int64(c.info.db.Load()), 10)
	sub, psub, ssub := c.Subscriptions()
	b = append(b, " sub="...)
	b = strconv.AppendInt(b, int64(sub), 10)
	b = append(b, " psub="...)
	b = strconv.AppendInt(b, int64(psub), 10)
	b = append(b, " ssub="...)
	b = strconv.AppendInt(b, int64(ssub), 10)
	b = append(b, " multi="...)
	b = strconv.AppendInt(b, c.multiCount(), 10)
	b = append(b, " qbuf=0 qbuf-free=0 argv-mem="...)
	b = strconv.AppendInt(b, int64(argvMem), 10)
	b = append(b, " multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem="...)
	b = strconv.AppendInt(b, int64(unsafe.Sizeof(Client{}))+int64(argvMem), 10)
	b = append(b, " events=r cmd="...)
	if cmd := c.info.lastCmd.Load(); cmd != nil {
		b = append(b, cmd.Name...)
	} else {
		b = append(b, "NULL"...)
	}
	b = append(b, " user="...)
	b = append(b, user...)
	b = append(b, " redir=-1 resp="...)
	b = strconv.AppendInt(b, int64(c.info.resp.Load()), 10)
	b = append(b, " lib-name="...)
	b = append(b, libName...)
	b = append(b, " lib-ver="...)
	b = append(b, libVer...)
	return b
}

// appendFlags appends CLIENT LIST's flags letters in Redis's order.
func (c *Client) appendFlags(b []byte, self *Client) []byte {
	n := len(b)
	c.info.mu.Lock()
	kind := c.info.kind
	c.info.mu.Unlock()
	switch {
	case c.info.monitor.Load():
		b = append(b, 'O')
	case kind == "replica":
		b = append(b, 'S')
	}
	if kind == "master" {
		b = append(b, 'M')
	}
	if kind == "pubsub" {
		b = append(b, 'P')
	}
	f := c.info.flags.Load()
	if f&clientFlagMulti != 0 {
		b = append(b, 'x')
	}
	if c.info.blocked.Load() {
		b = append(b, 'b')
	}
	if f&clientFlagDirtyCAS != 0 {
		b = append(b, 'd')
	}
	if c == self && c.CloseAfterReply {
		b = append(b, 'c')
	}
	if f&clientFlagNoEvict != 0 {
		b = append(b, 'e')
	}
	if f&clientFlagNoTouch != 0 {
		b = append(b, 'T')
	}
	if len(b) == n {
		b = append(b, 'N')
	}
	return b
}

// CLIENT KILL ip:port | CLIENT KILL <filter> <value> ...
func cmdClientKill(c *Client) {
	args := c.Args
	if len(args) == 3 {
		var target *Client
		for _, cl := range c.e.clients.list() {
			cl.info.mu.Lock()
			match := cl.info.addr == string(args[2])
			cl.info.mu.Unlock()
			if match {
				target = cl
				break
			}
		}
		if target == nil {
			c.W.Error("ERR No such client")
			return
		}
		c.kill(target)
		c.W.OK()
		return
	}
	var (
		id                int64
		typ, addr, laddr  string
		user              string
		hasAddr, hasLaddr bool
		skipMe            = true
	)
	for i := 2; i < len(args); i += 2 {
		if i+1 >= len(args) {
			c.W.Error(errSyntax)
			return
		}
		opt, val := args[i], args[i+1]
		switch {
		case eqFold(opt, "id"):
			n, ok := parseInt64(val)
			if !ok || n < 1 {
				c.W.Error("ERR client-id should be greater than 0")
				return
			}
			id = n
		case eqFold(opt, "type"):
			t, ok := parseClientType(val)
			if !ok {
				c.W.Error("ERR Unknown client type '" + string(val) + "'")
				return
			}
			typ = t
		case eqFold(opt, "addr"):
			addr, hasAddr = string(val), true
		case eqFold(opt, "laddr"):
			laddr, hasLaddr = string(val), true
		case eqFold(opt, "user"):
			if string(val) != "default" {
				c.W.Error("ERR No such user '" + string(val) + "'")
				return
			}
			user = "default"
		case eqFold(opt, "skipme"):
			switch {
			case eqFold(val, "yes"):
				skipMe = true
			case eqFold(val, "no"):
				skipMe = false
			default:
				c.W.Error(errSyntax)
				return
			}
		default:
			c.W.Error(errSyntax)
			return
		}
	}
	killed := 0
	for _, cl := range c.e.clients.list() {
		cl.info.mu.Lock()
		clAddr, clLaddr, clUser, clKind := cl.info.addr, cl.info.laddr, cl.info.user, cl.info.kind
		cl.info.mu.Unlock()
		if (id != 0 && cl.ID != id) || (typ != "" && clKind != typ) ||
			(hasAddr && clAddr != addr) || (hasLaddr && clLaddr != laddr) ||
			(user != "" && clUser != user) || (skipMe && cl == c) {
			continue
		}
		c.kill(cl)
		killed++
	}
	c.W.Int(int64(killed))
}

// kill closes a client's connection: the caller's own after its reply.
func (c *Client) kill(target *Client) {
	if target == c {
		c.CloseAfterReply = true
		return
	}
	if target.Close != nil {
		target.Close()
	}
}

// CLIENT PAUSE timeout [WRITE|ALL]. The engine records the pause; front
// ends ask PauseWait before each command and park a paused client (without
// blocking their event loop) until the pause ends or CLIENT UNPAUSE wakes
// it. Like Redis, a shorter pause never cuts a longer one short and WRITE
// never downgrades a running ALL pause.
func cmdClientPause(c *Client) {
	args := c.Args
	ms, ok := parseInt64(args[2])
	if !ok {
		c.W.Error("ERR timeout is not an integer or out of range")
		return
	}
	if ms < 0 {
		c.W.Error("ERR timeout is negative")
		return
	}
	all := true
	if len(args) == 4 {
		switch {
		case eqFold(args[3], "write"):
			all = false
		case eqFold(args[3], "all"):
		default:
			c.W.Error("ERR CLIENT PAUSE mode must be WRITE or ALL")
			return
		}
	} else if len(args) > 4 {
		c.W.Error(errSubcommandSyntax(args[1], "CLIENT"))
		return
	}
	now := time.Now().UnixMilli()
	end := now + ms
	if cur := c.e.srv.pauseEndMs.Load(); cur > now {
		all = all || c.e.srv.pauseAll.Load()
		end = max(end, cur)
	}
	c.e.srv.pauseAll.Store(all)
	c.e.srv.pauseEndMs.Store(end)
	c.W.OK()
}

func cmdClientUnpause(c *Client) {
	c.e.srv.pauseEndMs.Store(0)
	c.e.wakePaused()
	c.W.OK()
}

// CLIENT UNBLOCK id [TIMEOUT|ERROR] ends a blocking command of another
// client with its timeout reply or an UNBLOCKED error.
func cmdClientUnblock(c *Client) {
	asError := false
	if len(c.Args) == 4 {
		switch {
		case eqFold(c.Args[3], "timeout"):
		case eqFold(c.Args[3], "error"):
			asError = true
		default:
			c.W.Error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR")
			return
		}
	} else if len(c.Args) > 4 {
		c.W.Error("ERR unknown subcommand or wrong number of arguments for 'unblock'. Try CLIENT HELP.")
		return
	}
	id, ok := parseInt64(c.Args[2])
	if !ok {
		c.W.Error(errNotInt)
		return
	}
	c.e.clients.mu.Lock()
	target := c.e.clients.byID[id]
	c.e.clients.mu.Unlock()
	reply := func(t *Client) {
		if asError {
			t.W.Error("UNBLOCKED client unblocked via CLIENT UNBLOCK")
		} else {
			t.blk.onTimeout(t)
		}
	}
	if target != nil && target != c && c.e.unblock(target, reply) {
		c.W.Int(1)
		return
	}
	c.W.Int(0)
}

// CLIENT REPLY ON|OFF|SKIP. OFF and SKIP send no reply themselves.
func cmdClientReply(c *Client) {
	switch a := c.Args[2]; {
	case eqFold(a, "on"):
		c.replyOff, c.replySkipNext = false, false
		c.W.OK()
	case eqFold(a, "off"):
		c.replyOff = true
	case eqFold(a, "skip"):
		if !c.replyOff {
			c.replySkipNext = true
		}
	default:
		c.W.Error(errSyntax)
	}
}

// parseOnOff parses ON|OFF, replying with a syntax error otherwise.
func (c *Client) parseOnOff(b []byte) (on, ok bool) {
	switch {
	case eqFold(b, "on"):
		return true, true
	case eqFold(b, "off"):
		return false, true
	}
	c.W.Error(errSyntax)
	return false, false
}

// setFlag mirrors a flag into clientInfo for CLIENT LIST.
func (c *Client) setFlag(f uint32, on bool) {
	if on {
		c.info.flags.Or(f)
	} else {
		c.info.flags.And(^f)
	}
}

func cmdClientNoEvict(c *Client) {
	if on, ok := c.parseOnOff(c.Args[2]); ok {
		c.noEvict = on
		c.setFlag(clientFlagNoEvict, on)
		c.W.OK()
	}
}

func cmdClientNoTouch(c *Client) {
	if on, ok := c.parseOnOff(c.Args[2]); ok {
		c.noTouch = on
		c.setFlag(clientFlagNoTouch, on)
		c.W.OK()
	}
}

var clientHelp = []string{
	"CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
	"CACHING (YES|NO)",
	"    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
	"GETREDIR",
	"    Return the client ID we are redirecting to when tracking is enabled.",
	"GETNAME",
	"    Return the name of the current connection.",
	"ID",
	"    Return the ID of the current connection.",
	"INFO",
	"    Return information about the current client connection.",
	"KILL <ip:port>",
	"    Kill connection made from <ip:port>.",
	"KILL <option> <value> [<option> <value> [...]]",
	"    Kill connections. Options are:",
	"    * ADDR (<ip:port>|<unixsocket>:0)",
	"      Kill connections made from the specified address",
	"    * LADDR (<ip:port>|<unixsocket>:0)",
	"      Kill connections made to specified local address",
	"    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
	"      Kill connections by type.",
	"    * USER <username>",
	"      Kill connections authenticated by <username>.",
	"    * SKIPME (YES|NO)",
	"      Skip killing current connection (default: yes).",
	"LIST [options ...]",
	"    Return information about client connections. Options:",
	"    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
	"      Return clients of specified type.",
	"UNPAUSE",
	"    Stop the current client pause, resuming traffic.",
	"PAUSE <timeout> [WRITE|ALL]",
	"    Suspend all, or just write, clients for <timeout> milliseconds.",
	"REPLY (ON|OFF|SKIP)",
	"    Control the replies sent to the current connection.",
	"SETNAME <name>",
	"    Assign the name <name> to the current connection.",
	"SETINFO <option> <value>",
	"    Set client meta attr. Options are:",
	"    * LIB-NAME: the client lib name.",
	"    * LIB-VER: the client lib version.",
	"UNBLOCK <clientid> [TIMEOUT|ERROR]",
	"    Unblock the specified blocked client.",
	"TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
	"         [OPTIN] [OPTOUT] [NOLOOP]",
	"    Control server assisted client side caching.",
	"TRACKINGINFO",
	"    Report tracking status for the current connection.",
	"NO-EVICT (ON|OFF)",
	"    Protect current client connection from eviction.",
	"NO-TOUCH (ON|OFF)",
	"    Will not touch LRU/LFU stats when this mode is on.",
}

func cmdClientHelp(c *Client) { c.replyHelp(clientHelp) }
