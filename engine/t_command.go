package engine

import (
	"sort"
	"strings"

	"github.com/updraftdb/updraft/internal/glob"
)

// COMMAND and its subcommands: the command table as Redis 7 describes it
// (COMMAND INFO's ten fields, COMMAND DOCS's documentation maps).

func init() {
	base := FlagLoading | FlagStale
	cats := CatSlow | CatConnection
	unordered := []string{"nondeterministic_output_order"}
	register(&Command{Name: "command", Arity: -1, Flags: base, Cats: cats, Proc: cmdCommand, Tips: unordered})
	registerSub("command",
		&Command{Name: "count", Arity: 2, Flags: base, Cats: cats, Proc: cmdCommandCount},
		&Command{Name: "docs", Arity: -2, Flags: base, Cats: cats, Proc: cmdCommandDocs, Tips: unordered},
		&Command{Name: "getkeys", Arity: -4, Flags: base, Cats: cats, Proc: cmdCommandGetKeys},
		&Command{Name: "getkeysandflags", Arity: -4, Flags: base, Cats: cats, Proc: cmdCommandGetKeysAndFlags},
		&Command{Name: "info", Arity: -2, Flags: base, Cats: cats, Proc: cmdCommandInfo, Tips: unordered},
		&Command{Name: "list", Arity: -2, Flags: base, Cats: cats, Proc: cmdCommandList, Tips: unordered},
		&Command{Name: "help", Arity: 2, Flags: base, Cats: cats, Proc: cmdCommandHelp},
	)
}

// sortedCommands returns the top-level commands by name.
func sortedCommands() []*Command {
	out := make([]*Command, 0, len(commands))
	for _, cmd := range commands {
		out = append(out, cmd)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// sortedSubs returns a container's subcommands by name.
func (cmd *Command) sortedSubs() []*Command {
	out := make([]*Command, 0, len(cmd.Sub))
	for _, s := range cmd.Sub {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// lookupFullName finds "name" or "parent|sub", case-insensitively.
func lookupFullName(name string) *Command {
	parent, sub, hasSub := strings.Cut(strings.ToLower(name), "|")
	cmd := commands[parent]
	if cmd == nil || !hasSub {
		return cmd
	}
	if strings.Contains(sub, "|") {
		return nil
	}
	return cmd.Sub[sub]
}

// aclCategories adds the categories Redis implies from the flags
// (setImplicitACLCategories): write, read, admin+dangerous, pubsub, fast,
// blocking, and slow for every command that is not fast.
func (cmd *Command) aclCategories() Category {
	c := cmd.Cats
	f := cmd.Flags
	if f&FlagWrite != 0 {
		c |= CatWrite
	}
	if f&FlagReadonly != 0 && c&CatScripting == 0 {
		c |= CatRead
	}
	if f&FlagAdmin != 0 {
		c |= CatAdmin | CatDangerous
	}
	if f&FlagPubSub != 0 {
		c |= CatPubSub
	}
	if f&FlagFast != 0 {
		c |= CatFast
	}
	if f&FlagBlocking != 0 {
		c |= CatBlocking
	}
	if c&CatFast == 0 {
		c |= CatSlow
	}
	return c
}

// replyFlagNames lists the flags COMMAND INFO shows; may_replicate is
// hidden, as in Redis.
func (cmd *Command) replyFlagNames() []string {
	return (cmd.Flags &^ FlagMayReplicate).Names()
}

// replyCommandInfo writes COMMAND INFO's ten fields for cmd.
func (c *Client) replyCommandInfo(cmd *Command) {
	w := &c.W
	w.Array(10)
	w.BulkString(cmd.Name)
	w.Int(int64(cmd.Arity))
	flags := cmd.replyFlagNames()
	w.Set(len(flags))
	for _, f := range flags {
		w.Simple(f)
	}
	w.Int(int64(cmd.First))
	w.Int(int64(cmd.Last))
	w.Int(int64(cmd.Step))
	cats := cmd.aclCategories().Names()
	w.Set(len(cats))
	for _, n := range cats {
		w.Simple(n)
	}
	w.Set(len(cmd.Tips))
	for _, t := range cmd.Tips {
		w.BulkString(t)
	}
	c.replyKeySpecs(cmd)
	subs := cmd.sortedSubs()
	w.Set(len(subs))
	for _, s := range subs {
		c.replyCommandInfo(s)
	}
}

// COMMAND: every command's info.
func cmdCommand(c *Client) {
	cmds := sortedCommands()
	c.W.Array(len(cmds))
	for _, cmd := range cmds {
		c.replyCommandInfo(cmd)
	}
}

func cmdCommandCount(c *Client) { c.W.Int(int64(len(commands))) }

// COMMAND INFO [name ...]: null for unknown names; every command without
// names.
func cmdCommandInfo(c *Client) {
	if len(c.Args) == 2 {
		cmdCommand(c)
		return
	}
	c.W.Array(len(c.Args) - 2)
	for _, a := range c.Args[2:] {
		if cmd := lookupFullName(string(a)); cmd != nil {
			c.replyCommandInfo(cmd)
		} else {
			c.W.Null()
		}
	}
}

// COMMAND DOCS [name ...]: a map of name to documentation; unknown names
// are left out.
func cmdCommandDocs(c *Client) {
	var cmds []*Command
	if len(c.Args) == 2 {
		cmds = sortedCommands()
	} else {
		for _, a := range c.Args[2:] {
			if cmd := lookupFullName(string(a)); cmd != nil {
				cmds = append(cmds, cmd)
			}
		}
	}
	c.W.Map(len(cmds))
	for _, cmd := range cmds {
		c.W.BulkString(cmd.Name)
		c.replyCommandDocs(cmd)
	}
}

// COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]:
// every command and subcommand name that passes the filter.
func cmdCommandList(c *Client) {
	args := c.Args
	var filter func(cmd *Command) bool
	switch {
	case len(args) == 2:
		filter = func(*Command) bool { return true }
	case len(args) == 5 && eqFold(args[2], "filterby"):
		val := string(args[4])
		switch {
		case eqFold(args[3], "module"):
			filter = func(*Command) bool { return false }
		case eqFold(args[3], "aclcat"):
			var cat Category
			for _, n := range CategoryNames {
				if strings.EqualFold(n.Name, val) {
					cat = n.C
				}
			}
			filter = func(cmd *Command) bool { return cat != 0 && cmd.aclCategories()&cat != 0 }
		case eqFold(args[3], "pattern"):
			filter = func(cmd *Command) bool { return glob.MatchString(val, cmd.Name, true) }
		}
	}
	if filter == nil {
		c.W.Error(errSyntax)
		return
	}
	var names []string
	for _, cmd := range sortedCommands() {
		if filter(cmd) {
			names = append(names, cmd.Name)
		}
		for _, s := range cmd.sortedSubs() {
			if filter(s) {
				names = append(names, s.Name)
			}
		}
	}
	c.W.Array(len(names))
	for _, n := range names {
		c.W.BulkString(n)
	}
}

// commandKeys resolves the command in args (a full command line) and
// returns it with its key positions, or replies with Redis's error.
func (c *Client) commandKeys(args [][]byte) (*Command, []int, bool) {
	cmd := lookupCommand(args[0])
	if cmd != nil && cmd.Sub != nil && len(args) >= 2 {
		cmd = lookupSub(cmd, args[1])
	}
	switch {
	case cmd == nil:
		c.W.Error("ERR Invalid command specified")
		return nil, nil, false
	case cmd.First == 0 && cmd.KeysProc == nil:
		c.W.Error("ERR The command has no key arguments")
		return nil, nil, false
	case (cmd.Arity > 0 && len(args) != cmd.Arity) || len(args) < -cmd.Arity:
		c.W.Error("ERR Invalid number of arguments specified for command")
		return nil, nil, false
	}
	keys := cmd.KeyIndexes(args, nil)
	if len(keys) == 0 && cmd.Flags&FlagNoMandatoryKeys == 0 {
		c.W.Error("ERR Invalid arguments specified for command")
		return nil, nil, false
	}
	return cmd, keys, true
}

// COMMAND GETKEYS command [arg ...]
func cmdCommandGetKeys(c *Client) {
	args := c.Args[2:]
	_, keys, ok := c.commandKeys(args)
	if !ok {
		return
	}
	c.W.Array(len(keys))
	for _, i := range keys {
		c.W.Bulk(args[i])
	}
}

// COMMAND GETKEYSANDFLAGS command [arg ...]
func cmdCommandGetKeysAndFlags(c *Client) {
	args := c.Args[2:]
	cmd, keys, ok := c.commandKeys(args)
	if !ok {
		return
	}
	c.W.Array(len(keys))
	for _, i := range keys {
		flags := cmd.keyFlagsAt(args, i).Names()
		c.W.Array(2)
		c.W.Bulk(args[i])
		c.W.Set(len(flags))
		for _, f := range flags {
			c.W.Simple(f)
		}
	}
}

var commandHelp = []string{
	"COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
	"(no subcommand)",
	"    Return details about all Redis commands.",
	"COUNT",
	"    Return the total number of commands in this Redis server.",
	"LIST",
	"    Return a list of all commands in this Redis server.",
	"INFO [<command-name> ...]",
	"    Return details about multiple Redis commands.",
	"    If no command names are given, documentation details for all",
	"    commands are returned.",
	"DOCS [<command-name> ...]",
	"    Return documentation details about multiple Redis commands.",
	"    If no command names are given, documentation details for all",
	"    commands are returned.",
	"GETKEYS <full-command>",
	"    Return the keys from a full Redis command.",
	"GETKEYSANDFLAGS <full-command>",
	"    Return the keys and the access flags from a full Redis command.",
}

func cmdCommandHelp(c *Client) { c.replyHelp(commandHelp) }
