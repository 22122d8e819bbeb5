package engine

import "testing"

// TestCommandDocsTable checks the documentation table against the command
// table: every command and subcommand is documented, every entry names a
// registered command, and every key argument points at a key spec.
func TestCommandDocsTable(t *testing.T) {
	seen := map[string]bool{}
	check := func(cmd *Command) {
		seen[cmd.Name] = true
		if commandDocs[cmd.Name] == nil {
			t.Errorf("%s: no entry in the docs table", cmd.Name)
			return
		}
		specs := len(cmd.keySpecs())
		var walk func(args []Arg)
		walk = func(args []Arg) {
			for _, a := range args {
				if a.Type == ArgKey && a.KeySpec >= specs {
					t.Errorf("%s: argument %q points at key spec %d of %d", cmd.Name, a.Name, a.KeySpec, specs)
				}
				if (a.Type == ArgOneOf || a.Type == ArgBlock) != (len(a.Args) > 0) {
					t.Errorf("%s: argument %q: nested arguments only for oneof and block", cmd.Name, a.Name)
				}
				walk(a.Args)
			}
		}
		walk(cmd.Args)
	}
	for _, cmd := range commands {
		check(cmd)
		for _, s := range cmd.Sub {
			check(s)
		}
	}
	for name := range commandDocs {
		if !seen[name] {
			t.Errorf("%s: documented but not registered", name)
		}
	}
}
