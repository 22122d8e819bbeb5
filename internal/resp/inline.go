package resp

// readInline parses a telnet-style command line: arguments separated by
// spaces, with Redis's double and single quote rules (sdssplitargs).
// redis-server looks for the newline with strchr, so a NUL byte before it
// leaves the line incomplete (until it is too big); so does this.
func readInline(buf []byte, args [][]byte, scratch *[]byte) ([][]byte, int, error) {
	args = args[:0]
	nl := -1
	for i, c := range buf {
		if c == '\n' {
			nl = i
			break
		}
		if c == 0 {
			break
		}
	}
	if nl < 0 {
		if len(buf) > InlineMax {
			return args, 0, ErrTooBigInline
		}
		return args, 0, nil
	}
	line := buf[:nl]
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	args, err := splitArgs(line, args, scratch)
	if err != nil {
		return args[:0], 0, err
	}
	return args, nl + 1, nil
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f'
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func hexVal(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// splitArgs follows sdssplitargs, reading line as the C string it is
// there (it ends at a NUL byte). Arguments without quotes point into line;
// an argument with quotes (which may also start mid-word, as in a"b c") is
// unescaped into *scratch, which is reset first and grown as needed (its
// backing array may be replaced, so quoted arguments are sliced out only
// after every argument has been written).
func splitArgs(line []byte, args [][]byte, scratch *[]byte) ([][]byte, error) {
	type span struct {
		inScratch  bool
		start, end int
	}
	for i, c := range line {
		if c == 0 {
			line = line[:i]
			break
		}
	}
	var spansArr [16]span
	spans := spansArr[:0]
	sc := (*scratch)[:0]
	p := 0
	for {
		for p < len(line) && isSpace(line[p]) {
			p++
		}
		if p >= len(line) {
			break
		}
		start, scStart, end := p, len(sc), -1
		inq, insq, quoted, done := false, false, false, false
		for !done {
			c := at(line, p)
			switch {
			case inq:
				switch {
				case c == '\\' && at(line, p+1) == 'x' && isHex(at(line, p+2)) && isHex(at(line, p+3)):
					sc = append(sc, hexVal(line[p+2])<<4|hexVal(line[p+3]))
					p += 3
				case c == '\\' && at(line, p+1) != 0:
					p++
					switch c = line[p]; c {
					case 'n':
						c = '\n'
					case 'r':
						c = '\r'
					case 't':
						c = '\t'
					case 'b':
						c = '\b'
					case 'a':
						c = '\a'
					}
					sc = append(sc, c)
				case c == '"':
					// The closing quote must be followed by a space or the end.
					if n := at(line, p+1); n != 0 && !isSpace(n) {
						*scratch = sc
						return args, ErrUnbalancedQuotes
					}
					done = true
				case c == 0:
					*scratch = sc
					return args, ErrUnbalancedQuotes
				default:
					sc = append(sc, c)
				}
			case insq:
				switch {
				case c == '\\' && at(line, p+1) == '\'':
					p++
					sc = append(sc, '\'')
				case c == '\'':
					if n := at(line, p+1); n != 0 && !isSpace(n) {
						*scratch = sc
						return args, ErrUnbalancedQuotes
					}
					done = true
				case c == 0:
					*scratch = sc
					return args, ErrUnbalancedQuotes
				default:
					sc = append(sc, c)
				}
			default:
				switch c {
				case ' ', '\n', '\r', '\t', 0:
					end = p
					done = true
				case '"', '\'':
					if !quoted {
						// A quote starts mid-word: the word so far is its prefix.
						sc = append(sc, line[start:p]...)
						quoted = true
					}
					inq, insq = c == '"', c == '\''
				default:
					if quoted {
						sc = append(sc, c)
					}
				}
			}
			if at(line, p) != 0 {
				p++
			}
		}
		if quoted {
			spans = append(spans, span{true, scStart, len(sc)})
		} else {
			spans = append(spans, span{false, start, end})
		}
	}
	*scratch = sc
	for _, s := range spans {
		if s.inScratch {
			args = append(args, sc[s.start:s.end:s.end])
		} else {
			args = append(args, line[s.start:s.end:s.end])
		}
	}
	return args, nil
}

// at is line[i], or 0 (C's terminating NUL) past its end.
func at(line []byte, i int) byte {
	if i < len(line) {
		return line[i]
	}
	return 0
}
