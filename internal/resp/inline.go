package resp

// readInline parses a telnet-style command line: arguments separated by
// spaces, with Redis's double and single quote rules (sdssplitargs).
func readInline(buf []byte, args [][]byte, scratch *[]byte) ([][]byte, int, error) {
	args = args[:0]
	nl := -1
	for i, c := range buf {
		if c == '\n' {
			nl = i
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

// splitArgs follows sdssplitargs. Unquoted arguments point into line; quoted
// ones are unescaped into *scratch, which is reset first and grown as needed
// (its backing array may be replaced, so quoted arguments are sliced out only
// after every argument has been written).
func splitArgs(line []byte, args [][]byte, scratch *[]byte) ([][]byte, error) {
	type span struct {
		inScratch  bool
		start, end int
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
		if line[p] != '"' && line[p] != '\'' {
			start := p
			for p < len(line) && !isSpace(line[p]) {
				p++
			}
			spans = append(spans, span{false, start, p})
			continue
		}
		start := len(sc)
		if line[p] == '"' {
			p++
			for {
				if p >= len(line) {
					*scratch = sc
					return args, ErrUnbalancedQuotes
				}
				c := line[p]
				if c == '\\' && p+3 < len(line) && line[p+1] == 'x' && isHex(line[p+2]) && isHex(line[p+3]) {
					sc = append(sc, hexVal(line[p+2])<<4|hexVal(line[p+3]))
					p += 4
					continue
				}
				if c == '\\' && p+1 < len(line) {
					p++
					switch line[p] {
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
					default:
						c = line[p]
					}
					sc = append(sc, c)
					p++
					continue
				}
				if c == '"' {
					// The closing quote must be followed by a space or the end.
					if p+1 < len(line) && !isSpace(line[p+1]) {
						*scratch = sc
						return args, ErrUnbalancedQuotes
					}
					p++
					break
				}
				sc = append(sc, c)
				p++
			}
		} else {
			p++
			for {
				if p >= len(line) {
					*scratch = sc
					return args, ErrUnbalancedQuotes
				}
				c := line[p]
				if c == '\\' && p+1 < len(line) && line[p+1] == '\'' {
					sc = append(sc, '\'')
					p += 2
					continue
				}
				if c == '\'' {
					if p+1 < len(line) && !isSpace(line[p+1]) {
						*scratch = sc
						return args, ErrUnbalancedQuotes
					}
					p++
					break
				}
				sc = append(sc, c)
				p++
			}
		}
		spans = append(spans, span{true, start, len(sc)})
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
