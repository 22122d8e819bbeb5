package engine

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// checkList compares l with the model and checks its bookkeeping.
func checkList(t *testing.T, step int, l *listObj, model []string) {
	t.Helper()
	if l.n != len(model) {
		t.Fatalf("step %d: n = %d, model %d", step, l.n, len(model))
	}
	n := 0
	for _, nd := range l.nodes {
		if nd.n == 0 {
			t.Fatalf("step %d: empty node", step)
		}
		n += nd.n
	}
	if n != l.n {
		t.Fatalf("step %d: nodes hold %d elements; list says %d", step, n, l.n)
	}
	i := 0
	l.each(func(v []byte) bool {
		if string(v) != model[i] {
			t.Fatalf("step %d: element %d = %q, model %q", step, i, v, model[i])
		}
		i++
		return true
	})
	i = len(model) - 1
	l.eachReverse(func(v []byte) bool {
		if string(v) != model[i] {
			t.Fatalf("step %d: reverse element %d = %q, model %q", step, i, v, model[i])
		}
		i--
		return true
	})
	for k := 0; k < len(model); k += 1 + len(model)/7 {
		if v := l.index(k); string(v) != model[k] {
			t.Fatalf("step %d: index(%d) = %q, model %q", step, k, v, model[k])
		}
	}
}

// TestListModel drives the packed list with random edits under several
// node limits and checks it against a slice.
func TestListModel(t *testing.T) {
	for _, fill := range []listFill{-2, -1, 1, 2, 5, 128, -5} {
		t.Run(strconv.Itoa(int(fill)), func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(fill+10), 7))
			l := &listObj{}
			var model []string
			val := func() string {
				if r.IntN(20) == 0 {
					return strings.Repeat("x", r.IntN(3000)) // multi-byte lengths
				}
				return strconv.Itoa(r.IntN(30))
			}
			for step := 0; step < 4000; step++ {
				switch op := r.IntN(10); {
				case op < 3:
					v := val()
					if r.IntN(2) == 0 {
						l.push([]byte(v), true, fill)
						model = append(model, v)
					} else {
						l.push([]byte(v), false, fill)
						model = append([]string{v}, model...)
					}
				case op == 3 && len(model) > 0:
					tail := r.IntN(2) == 0
					got := string(l.popInto(nil, tail))
					want := model[0]
					if tail {
						want = model[len(model)-1]
						model = model[:len(model)-1]
					} else {
						model = model[1:]
					}
					if got != want {
						t.Fatalf("step %d: pop = %q, want %q", step, got, want)
					}
				case op == 4 && len(model) > 0:
					i, v := r.IntN(len(model)), val()
					l.set(i, []byte(v), fill)
					model[i] = v
				case op == 5:
					pivot, v, after := strconv.Itoa(r.IntN(30)), val(), r.IntN(2) == 0
					found := l.insert([]byte(pivot), []byte(v), after, fill)
					at := -1
					for i, e := range model {
						if e == pivot {
							at = i
							break
						}
					}
					if found != (at >= 0) {
						t.Fatalf("step %d: insert found = %v", step, found)
					}
					if at >= 0 {
						if after {
							at++
						}
						model = append(model[:at], append([]string{v}, model[at:]...)...)
					}
				case op == 6:
					v, count := strconv.Itoa(r.IntN(30)), r.IntN(5)-2
					removed := l.removeMatches([]byte(v), count)
					next, want := modelRemove(model, v, count)
					if removed != want {
						t.Fatalf("step %d: LREM %d %s removed %d, want %d", step, count, v, removed, want)
					}
					model = next
				case op == 7 && len(model) > 0:
					start := r.IntN(len(model))
					cnt := r.IntN(len(model)-start) + 1
					l.deleteRange(start, cnt)
					model = append(model[:start:start], model[start+cnt:]...)
				default:
					continue
				}
				checkList(t, step, l, model)
			}
		})
	}
}

// modelRemove is LREM on a slice: it returns the slice and the count
// removed.
func modelRemove(m []string, v string, count int) ([]string, int) {
	var idx []int
	for i, e := range m {
		if e == v {
			idx = append(idx, i)
		}
	}
	switch {
	case count > 0 && len(idx) > count:
		idx = idx[:count]
	case count < 0 && len(idx) > -count:
		idx = idx[len(idx)+count:]
	}
	drop := map[int]bool{}
	for _, i := range idx {
		drop[i] = true
	}
	var out []string
	for i, e := range m {
		if !drop[i] {
			out = append(out, e)
		}
	}
	return out, len(idx)
}

// TestBlockingNoBlock: where a client may not block (inside MULTI, a
// script), blocking list commands answer at once as Redis does: a null
// array, or a plain null for BLMOVE and BRPOPLPUSH.
func TestBlockingNoBlock(t *testing.T) {
	e, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	c := e.NewClient(ClientOptions{})
	c.noBlock = true
	for _, tc := range []struct{ cmd, want string }{
		{"BLPOP q 0", "*-1\r\n"},
		{"BRPOP q p 0", "*-1\r\n"},
		{"BLMPOP 0 1 q LEFT", "*-1\r\n"},
		{"BLMOVE q d LEFT LEFT 0", "$-1\r\n"},
		{"BRPOPLPUSH q d 0", "$-1\r\n"},
		{"BRPOPLPUSH q d -1", "-ERR timeout is negative\r\n"},
	} {
		listExec(e, c, tc.cmd)
		if c.BlockPending() || c.Blocked() || string(c.W.Buf) != tc.want {
			t.Fatalf("%s = %q (pending %v), want %q", tc.cmd, c.W.Buf, c.BlockPending(), tc.want)
		}
	}
}

// TestBlockedWrongTypeStays: a key that became ready but holds another
// type when served does not serve a blocked BLPOP (Redis 7.0), which goes
// on waiting for a list.
func TestBlockedWrongTypeStays(t *testing.T) {
	e, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	woken := 0
	a, b := e.NewClient(ClientOptions{}), e.NewClient(ClientOptions{})
	a.Wake = func() { woken++ }
	if r := listExec(e, a, "BLPOP k 0"); r != "" || !a.BlockPending() {
		t.Fatalf("BLPOP k 0 = %q, pending %v", r, a.BlockPending())
	}
	e.CommitBlock(a)
	listExec(e, b, "SET k str")
	e.signalReady(0, []byte("k")) // as a push then a SET in one EXEC leave it
	e.serveReady()
	if !a.Blocked() || woken != 0 || len(a.W.Buf) != 0 {
		t.Fatalf("served from a string: blocked %v, reply %q", a.Blocked(), a.W.Buf)
	}
	listExec(e, b, "DEL k")
	listExec(e, b, "RPUSH k y")
	if a.Blocked() || woken != 1 || string(a.W.Buf) != "*2\r\n$1\r\nk\r\n$1\r\ny\r\n" {
		t.Fatalf("after RPUSH: blocked %v, woken %d, reply %q", a.Blocked(), woken, a.W.Buf)
	}
	if r := listExec(e, b, "EXISTS k"); r != ":0\r\n" {
		t.Fatalf("EXISTS k = %q", r)
	}
}

// listExec runs one command line for c and returns its raw reply.
func listExec(e *Engine, c *Client, line string) string {
	c.W.Reset()
	var args [][]byte
	for _, a := range strings.Fields(line) {
		args = append(args, []byte(a))
	}
	e.Exec(c, args)
	return string(c.W.Buf)
}
