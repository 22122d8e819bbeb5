package engine

// Error replies shared by many commands, word for word as redis-server
// sends them (Redis's shared.* objects).
const (
	errWrongType     = "WRONGTYPE Operation against a key holding the wrong kind of value"
	errSyntax        = "ERR syntax error"
	errNotInt        = "ERR value is not an integer or out of range"
	errNotFloat      = "ERR value is not a valid float"
	errOverflow      = "ERR increment or decrement would overflow"
	errNoSuchKey     = "ERR no such key"
	errDBIndex       = "ERR DB index is out of range"
	errNoAuth        = "NOAUTH Authentication required."
	errSameObject    = "ERR source and destination objects are the same"
	errNotPermitted  = "ERR operation not permitted"
	errInvalidPass   = "WRONGPASS invalid username-password pair or user is disabled."
	errNoPassSet     = "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?"
	errCursor        = "ERR invalid cursor"
	errNotPositive   = "ERR value is out of range, must be positive"
	errStringTooLong = "ERR string exceeds maximum allowed size (proto-max-bulk-len)"
)

// errArity is the reply for a wrong number of arguments.
func errArity(name string) string {
	return "ERR wrong number of arguments for '" + name + "' command"
}

// errUnknownCommand is the reply for a command not in the table.
func errUnknownCommand(args [][]byte) string {
	b := make([]byte, 0, 128)
	for i := 1; i < len(args) && len(b) < 128; i++ {
		a := args[i]
		if room := 128 - len(b); len(a) > room {
			a = a[:room]
		}
		b = append(b, '\'')
		b = append(b, cString(a)...)
		b = append(b, '\'', ' ')
	}
	return "ERR unknown command '" + string(cString(truncate(args[0], 128))) + "', with args beginning with: " + string(b)
}

// errUnknownSubcommand is the reply for a container command's unknown
// subcommand.
func errUnknownSubcommand(parent string, sub []byte) string {
	return "ERR unknown subcommand '" + string(cString(truncate(sub, 128))) + "'. Try " + upper(parent) + " HELP."
}

func truncate(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// cString cuts b at its first NUL byte, as C's %s does.
func cString(b []byte) []byte {
	for i, c := range b {
		if c == 0 {
			return b[:i]
		}
	}
	return b
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
