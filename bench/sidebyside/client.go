//go:build linux

package main

import (
	"errors"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/updraftdb/updraft/internal/resp"
)

// errReply is an error reply from the server ("-ERR ...").
type errReply string

func (e errReply) Error() string { return string(e) }

// command sends one command to the server on 127.0.0.1:port over a fresh
// connection and returns the reply as text: simple and bulk strings as is,
// integers in decimal. An error reply is returned as an errReply.
func command(port int, args ...string) (string, error) {
	conn, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), 2*time.Second)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	var req []byte
	req = append(req, '*')
	req = strconv.AppendInt(req, int64(len(args)), 10)
	req = append(req, "\r\n"...)
	for _, a := range args {
		req = append(req, '$')
		req = strconv.AppendInt(req, int64(len(a)), 10)
		req = append(req, "\r\n"...)
		req = append(req, a...)
		req = append(req, "\r\n"...)
	}
	if _, err := conn.Write(req); err != nil {
		return "", err
	}
	buf := make([]byte, 0, 16<<10)
	tmp := make([]byte, 16<<10)
	for {
		n, err := conn.Read(tmp)
		buf = append(buf, tmp[:n]...)
		if v, used, perr := resp.ReadReply(buf); perr != nil {
			return "", perr
		} else if used > 0 {
			switch v.Kind {
			case resp.KindError, resp.KindBulkError:
				return "", errReply(v.Str)
			case resp.KindInt:
				return strconv.FormatInt(v.Int, 10), nil
			case resp.KindSimple, resp.KindBulk, resp.KindVerbatim:
				return string(v.Str), nil
			default:
				return "", errors.New("unexpected reply type " + string(rune(v.Kind)))
			}
		}
		if err != nil {
			return "", err
		}
	}
}

// infoField returns one "name:value" field of INFO section, or ok == false
// when the command or the field is missing.
func infoField(port int, section, name string) (string, bool) {
	text, err := command(port, "INFO", section)
	if err != nil {
		return "", false
	}
	for _, line := range strings.Split(text, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimRight(line, "\r"), name+":"); ok {
			return v, true
		}
	}
	return "", false
}
