package rest_test

import (
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/servertest"
	"github.com/updraftdb/updraft/net/rest"
	"github.com/updraftdb/updraft/net/server"
)

// TestSlowScriptDoesNotStallLoop runs a script that loops forever over
// REST on a server with ONE event loop: another connection of that loop
// is still served, gets BUSY past busy-reply-threshold as Redis answers,
// and its SCRIPT KILL ends the script, whose caller gets Redis's error.
func TestSlowScriptDoesNotStallLoop(t *testing.T) {
	s := servertest.Start(t, engine.Options{}, server.Options{HTTPPort: -1, EventLoops: 1,
		REST: rest.Options{Token: token, ReadOnlyToken: roToken}})
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Srv.HTTPPort()))
	a, b := dial(t, addr), dial(t, addr)
	res, body := b.post("/", `["CONFIG","SET","busy-reply-threshold","100"]`)
	expect(t, res, body, 200, `{"result":"OK"}`)
	loop := `["EVAL","local i = 0 while true do i = i + 1 end","0"]`
	a.send("POST / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
		"\r\nContent-Length: " + strconv.Itoa(len(loop)) + "\r\n\r\n" + loop)
	var got string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		_, got = b.post("/", `["GET","x"]`)
		if strings.Contains(got, "BUSY") {
			break
		}
	}
	if !strings.Contains(got, "BUSY Redis is busy running a script") {
		b.post("/", `["SCRIPT","KILL"]`)
		t.Fatalf("GET on the loop's other connection: %s", got)
	}
	res, body = b.post("/", `["SCRIPT","KILL"]`)
	expect(t, res, body, 200, `{"result":"OK"}`)
	res, body = a.read()
	if res.StatusCode != 400 || !strings.Contains(body, "Script killed by user with SCRIPT KILL") {
		t.Fatalf("killed script: %d %s", res.StatusCode, body)
	}
	res, body = a.post("/", `["EVAL","return 7","0"]`)
	expect(t, res, body, 200, `{"result":7}`)
}
