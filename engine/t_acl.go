package engine

// ACL: Updraft has one user, "default" (requirepass), until ACL users
// arrive. ACL RESTTOKEN is Upstash's command that turns an ACL user's
// credentials into a REST token; with no ACL users it answers a clear
// error pointing at the tokens the server prints at start. ACL WHOAMI and
// ACL USERS answer as Redis does for the default user.

func init() {
	register(&Command{Name: "acl", Arity: -2, Cats: CatSlow, Proc: cmdACLUnknown})
	registerSub("acl",
		&Command{Name: "resttoken", Arity: 4, Flags: FlagAdmin | FlagNoScript | FlagLoading | FlagStale,
			Cats: CatAdmin | CatSlow | CatDangerous, Proc: cmdACLRestToken},
		&Command{Name: "whoami", Arity: 2, Flags: FlagNoScript | FlagLoading | FlagStale,
			Cats: CatSlow, Proc: cmdACLWhoami},
		&Command{Name: "users", Arity: 2, Flags: FlagAdmin | FlagNoScript | FlagLoading | FlagStale,
			Cats: CatAdmin | CatSlow | CatDangerous, Proc: cmdACLUsers},
	)
}

var _ = addDocs(map[string]*Docs{
	"acl": {
		Summary: "A container for Access List Control commands ", Since: "6.0.0", Group: "server",
		Complexity: "Depends on subcommand.",
	},
	"acl|whoami": {
		Summary: "Return the name of the user associated to the current connection", Since: "6.0.0", Group: "server",
		Complexity: "O(1)",
	},
	"acl|users": {
		Summary: "List the username of all the configured ACL rules", Since: "6.0.0", Group: "server",
		Complexity: "O(N). Where N is the number of configured users.",
	},
	"acl|resttoken": {
		Summary: "Return a REST token with the permissions of an ACL user (Upstash)", Since: "6.0.0", Group: "server",
		Complexity: "O(1)",
		Args: []Arg{
			{Name: "username", Type: ArgString},
			{Name: "password", Type: ArgString},
		},
	},
})

func cmdACLUnknown(c *Client) { c.W.Error(errUnknownSubcommand("acl", c.Args[1])) }

func cmdACLWhoami(c *Client) { c.W.BulkString("default") }

func cmdACLUsers(c *Client) {
	c.W.Array(1)
	c.W.BulkString("default")
}

// errNoACLUsers is ACL RESTTOKEN's answer while no ACL user exists.
const errNoACLUsers = "ERR ACL RESTTOKEN needs ACL users, and this server has only the default user: " +
	"use the REST token it prints at start (rest-token)"

func cmdACLRestToken(c *Client) {
	c.redact |= 1 << 3 // the password stays out of MONITOR and the slow log
	c.W.Error(errNoACLUsers)
}
