package engine

import (
	"math/rand/v2"
	"sort"
	"strconv"
	"testing"

	"github.com/updraftdb/updraft/internal/resp"
)

// setReply runs a command and returns its reply's elements as strings
// (nil for a null reply).
func setReply(t *testing.T, e *Engine, c *Client, words ...string) []string {
	t.Helper()
	args := make([][]byte, len(words))
	for i, w := range words {
		args[i] = []byte(w)
	}
	c.W.Reset()
	e.Exec(c, args)
	v, _, err := resp.ReadReply(c.W.Buf)
	if err != nil || v.Kind == resp.KindError {
		t.Fatalf("%v: %q %v", words, c.W.Buf, err)
	}
	if v.Null {
		return nil
	}
	if v.Kind == resp.KindInt {
		return []string{strconv.FormatInt(v.Int, 10)}
	}
	if v.Kind == resp.KindBulk || v.Kind == resp.KindSimple {
		return []string{string(v.Str)}
	}
	out := []string{}
	for _, el := range v.Elems {
		out = append(out, string(el.Str))
	}
	return out
}

func newSetTestEngine(t *testing.T) (*Engine, *Client) {
	t.Helper()
	e, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e, e.NewClient(ClientOptions{})
}

// TestSetRandomCommands checks what SPOP and SRANDMEMBER promise, for
// both encodings and every count case: sizes, distinctness, membership,
// and that popped members leave the set.
func TestSetRandomCommands(t *testing.T) {
	for _, enc := range []string{"intset", "hashtable"} {
		for _, size := range []int{1, 5, 40} {
			for _, count := range []int{1, 2, 3, 4, 5, 10, 39, 40, 41, 1000, -1, -7, -100} {
				e, c := newSetTestEngine(t)
				members := map[string]bool{}
				args := []string{"SADD", "k"}
				for i := 0; i < size; i++ {
					m := strconv.Itoa(i * 7)
					if enc == "hashtable" {
						m = "m" + m
					}
					members[m] = true
					args = append(args, m)
				}
				setReply(t, e, c, args...)
				if got := setReply(t, e, c, "OBJECT", "ENCODING", "k"); got[0] != enc {
					t.Fatalf("encoding %s, want %s", got[0], enc)
				}
				n := strconv.Itoa(count)
				got := setReply(t, e, c, "SRANDMEMBER", "k", n)
				want := min(count, size)
				if count < 0 {
					want = -count
				}
				if len(got) != want {
					t.Fatalf("%s size %d SRANDMEMBER %d: %d members", enc, size, count, len(got))
				}
				seen := map[string]bool{}
				for _, m := range got {
					if !members[m] {
						t.Fatalf("SRANDMEMBER returned non-member %q", m)
					}
					if count > 0 && seen[m] {
						t.Fatalf("SRANDMEMBER %d repeated %q", count, m)
					}
					seen[m] = true
				}
				if count < 0 {
					continue
				}
				popped := setReply(t, e, c, "SPOP", "k", n)
				if len(popped) != min(count, size) {
					t.Fatalf("%s size %d SPOP %d: %d members", enc, size, count, len(popped))
				}
				for _, m := range popped {
					if !members[m] {
						t.Fatalf("SPOP returned non-member %q", m)
					}
					delete(members, m) // a repeat would fail the membership test
				}
				rest := setReply(t, e, c, "SMEMBERS", "k")
				if len(rest) != len(members) {
					t.Fatalf("after SPOP %d: %d left, want %d", count, len(rest), len(members))
				}
				for _, m := range rest {
					if !members[m] {
						t.Fatalf("popped member %q still in the set", m)
					}
				}
				if len(members) == 0 {
					if ex := setReply(t, e, c, "EXISTS", "k"); ex[0] != "0" {
						t.Fatal("empty set left behind")
					}
				}
			}
		}
	}
}

// TestSetSinglePops drains a set one SPOP at a time.
func TestSetSinglePops(t *testing.T) {
	e, c := newSetTestEngine(t)
	setReply(t, e, c, "SADD", "k", "1", "2", "3", "a")
	seen := map[string]bool{}
	for i := 0; i < 4; i++ {
		m := setReply(t, e, c, "SPOP", "k")
		if len(m) != 1 || seen[m[0]] {
			t.Fatalf("SPOP %d: %v", i, m)
		}
		seen[m[0]] = true
	}
	if m := setReply(t, e, c, "SPOP", "k"); m != nil {
		t.Fatalf("SPOP on a drained set: %v", m)
	}
}

// TestSetModel runs random adds and removes against a map, checking the
// members and the encoding rules after each step.
func TestSetModel(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	e, c := newSetTestEngine(t)
	setReply(t, e, c, "CONFIG", "SET", "set-max-intset-entries", "20")
	model := map[string]bool{}
	everString := false
	for step := 0; step < 3000; step++ {
		var m string
		switch r.IntN(4) {
		case 0:
			m = "s" + strconv.Itoa(r.IntN(30))
		case 1:
			m = strconv.FormatInt(r.Int64()-1<<62, 10)
		default:
			m = strconv.Itoa(r.IntN(60) - 30)
		}
		if r.IntN(3) == 0 {
			setReply(t, e, c, "SREM", "k", m)
			delete(model, m)
		} else {
			setReply(t, e, c, "SADD", "k", m)
			model[m] = true
		}
		if len(model) == 0 {
			everString = false
			continue
		}
		if _, err := strconv.ParseInt(m, 10, 64); err != nil && model[m] {
			everString = true
		}
		if len(model) > 20 {
			everString = true // converted for good
		}
		enc := setReply(t, e, c, "OBJECT", "ENCODING", "k")[0]
		if want := map[bool]string{false: "intset", true: "hashtable"}[everString]; enc != want {
			t.Fatalf("step %d: encoding %s, want %s (%d members)", step, enc, want, len(model))
		}
		if step%50 == 0 {
			got := setReply(t, e, c, "SMEMBERS", "k")
			want := make([]string, 0, len(model))
			for k := range model {
				want = append(want, k)
			}
			sort.Strings(got)
			sort.Strings(want)
			if len(got) != len(want) {
				t.Fatalf("step %d: %d members, want %d", step, len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("step %d: members differ at %d: %q vs %q", step, i, got[i], want[i])
				}
			}
		}
	}
}

// TestIntsetWidths checks upgrades and the sorted order across widths.
func TestIntsetWidths(t *testing.T) {
	is := newIntset()
	vals := []int64{5, -3, 40000, -40000, 1 << 40, -(1 << 40), 0}
	for _, v := range vals {
		var added bool
		if is, added = is.add(v); !added {
			t.Fatalf("add %d: not added", v)
		}
	}
	if is.width() != 8 || is.len() != len(vals) {
		t.Fatalf("width %d len %d", is.width(), is.len())
	}
	for i := 1; i < is.len(); i++ {
		if is.at(i-1) >= is.at(i) {
			t.Fatalf("not sorted at %d", i)
		}
	}
	for _, v := range vals {
		if !is.contains(v) {
			t.Fatalf("missing %d", v)
		}
	}
	is, _ = is.remove(1 << 40)
	if is.contains(1<<40) || is.len() != len(vals)-1 {
		t.Fatal("remove failed")
	}
}
