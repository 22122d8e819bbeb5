package rdb

import (
	"encoding/binary"
	"errors"
	"io"
	"strconv"
)

// RecordKind tells what a Record read from a file holds.
type RecordKind uint8

// The records FileReader yields.
const (
	RecordEntry    RecordKind = iota + 1 // a key and its value
	RecordAux                            // an auxiliary field
	RecordFunction                       // a function library's code
	RecordResizeDB                       // a database's size hint
)

// Record is one item of a file. Key, AuxKey, AuxValue, Code and a
// string's Value.Str point into the reader's buffer: they are valid until
// the next call to Next. Collections' elements are copies.
type Record struct {
	Kind   RecordKind
	Offset int64 // where the record starts in the file
	DB     int   // the database of an entry or a size hint
	Key    []byte
	Value  Value
	// ExpireMs is the entry's absolute expire time in unix ms, 0 if none.
	ExpireMs int64
	// Idle is the entry's LRU idle time in seconds, -1 if not recorded;
	// Freq its LFU counter, -1 if not recorded.
	Idle int64
	Freq int
	// AuxKey and AuxValue are an auxiliary field.
	AuxKey, AuxValue []byte
	// Code is a function library's source.
	Code []byte
	// Keys and Expires are a RESIZEDB hint.
	Keys, Expires uint64
}

// FileReader reads a dump.rdb file from an io.Reader as a stream of
// records, holding in memory only a window of the file at least as large
// as its largest record. It checks the header (versions MinFileVersion to
// MaxVersion), decodes every value, and checks the CRC-64 at the end
// (a stored 0 means the writer disabled checksums, as in Redis).
type FileReader struct {
	src     io.Reader
	buf     []byte
	r, w    int
	base    int64 // file offset of buf[0]
	srcEOF  bool
	readErr error
	crc     uint64 // of the bytes consumed
	version int
	db      int
	done    bool
	rec     Record
	keyBuf  []byte
	valBuf  []byte
}

// readChunk is the smallest read from the source, and the window's
// starting size.
const readChunk = 256 << 10

// NewFileReader reads the header from src and returns a reader for the
// records after it.
func NewFileReader(src io.Reader) (*FileReader, error) {
	fr := &FileReader{src: src, buf: make([]byte, readChunk)}
	if !fr.fill(9) {
		return nil, fr.fail(0, nil, "file too short for an RDB header")
	}
	h := fr.buf[fr.r : fr.r+9]
	if string(h[:5]) != "REDIS" {
		return nil, fr.fail(0, nil, "wrong signature, not an RDB file")
	}
	v, err := strconv.Atoi(string(h[5:]))
	if err != nil || v < MinFileVersion || v > MaxVersion {
		return nil, fr.fail(5, nil, "unsupported RDB version "+strconv.Quote(string(h[5:])))
	}
	fr.version = v
	fr.consume(9)
	return fr, nil
}

// Version is the file's RDB version.
func (fr *FileReader) Version() int { return fr.version }

// Offset is the number of bytes consumed so far.
func (fr *FileReader) Offset() int64 { return fr.base + int64(fr.r) }

// fail builds an error about the record at file offset off; an I/O error
// of the source takes precedence.
func (fr *FileReader) fail(off int64, key []byte, msg string) error {
	if fr.readErr != nil {
		return fr.readErr
	}
	if key != nil {
		key = append([]byte(nil), key...)
	}
	return &FileError{Offset: off, Key: key, Msg: msg}
}

func (fr *FileReader) consume(n int) {
	fr.crc = Checksum(fr.crc, fr.buf[fr.r:fr.r+n])
	fr.r += n
}

// fill makes at least need unread bytes available, and reports false when
// the source ends (or fails) first.
func (fr *FileReader) fill(need int) bool {
	for fr.w-fr.r < need {
		if fr.srcEOF {
			return false
		}
		if len(fr.buf)-fr.r < need+readChunk/4 || len(fr.buf)-fr.w < readChunk/4 {
			// Slide the unread bytes down, into a bigger buffer if needed.
			size := len(fr.buf)
			for size-(fr.w-fr.r) < need+readChunk/4 || size < need+readChunk/4 {
				size *= 2
			}
			nb := fr.buf
			if size != len(fr.buf) {
				nb = make([]byte, size)
			}
			copy(nb, fr.buf[fr.r:fr.w])
			fr.base += int64(fr.r)
			fr.w -= fr.r
			fr.r = 0
			fr.buf = nb
		}
		n, err := fr.src.Read(fr.buf[fr.w:])
		fr.w += n
		switch {
		case err == io.EOF:
			fr.srcEOF = true
		case err != nil:
			fr.srcEOF = true
			fr.readErr = err
		}
	}
	return true
}

// Parsing modes of attempt.
const (
	modeEntry = iota
	modeAux
	modeFunction
	modeModuleAux
)

// errFinal marks an entry refused whatever follows (a module type, an
// unknown type); attempt leaves the message in valBuf.
var errFinal = errors.New("rdb: refused entry")

// parse decodes the item of the given mode at the window's start (its
// opcode or type byte included), reading more of the file and retrying
// while the window may hold only part of it.
func (fr *FileReader) parse(mode int) error {
	off := fr.Offset()
	for {
		n, err := fr.attempt(mode)
		if err == nil {
			fr.consume(n)
			return nil
		}
		if err != errFinal && !fr.srcEOF {
			avail := fr.w - fr.r
			fr.fill(max(2*avail, avail+readChunk))
			continue
		}
		{
			var key []byte
			if mode == modeEntry {
				key = fr.rec.Key
			}
			switch {
			case err == errFinal:
				return fr.fail(off, key, string(fr.valBuf))
			case mode == modeEntry && key == nil:
				return fr.fail(off, nil, "truncated or corrupt key")
			case mode == modeEntry:
				return fr.fail(off, key, "cannot decode value of type "+strconv.Itoa(int(fr.buf[fr.r])))
			}
			return fr.fail(off, nil, "truncated or corrupt opcode "+strconv.Itoa(int(fr.buf[fr.r])))
		}
	}
}

// attempt decodes the item at the window's start and returns its size.
func (fr *FileReader) attempt(mode int) (int, error) {
	rd := Reader{b: fr.buf[fr.r+1 : fr.w]}
	rec := &fr.rec
	var err error
	switch mode {
	case modeEntry:
		typ := fr.buf[fr.r]
		rec.Key = nil
		var key []byte
		if key, err = fr.str(&rd, &fr.keyBuf); err != nil {
			return 0, err
		}
		rec.Key = key
		switch typ {
		case typeString, TypeUpdraftJSON:
			var s []byte
			if s, err = fr.str(&rd, &fr.valBuf); err == nil {
				kind := String
				if typ == TypeUpdraftJSON {
					kind = JSON
				}
				rec.Value = Value{Kind: kind, Str: s}
			}
		case typeModulePreGA, typeModule2:
			id, _, err := rd.length()
			if err != nil {
				return 0, err
			}
			fr.valBuf = append(fr.valBuf[:0], "module type "+strconv.Quote(moduleName(id))+
				" is not supported: load the dataset into a Redis server with that module, or delete such keys first"...)
			return 0, errFinal
		default:
			if typ > lastRedisType || typ == 8 {
				fr.valBuf = append(fr.valBuf[:0], "unknown value type "+strconv.Itoa(int(typ))...)
				return 0, errFinal
			}
			rec.Value, err = rd.DecodeValue(typ)
		}
	case modeAux:
		if rec.AuxKey, err = fr.str(&rd, &fr.keyBuf); err == nil {
			rec.AuxValue, err = fr.str(&rd, &fr.valBuf)
		}
	case modeFunction:
		rec.Code, err = fr.str(&rd, &fr.valBuf)
	case modeModuleAux:
		err = skipModuleAux(&rd)
	}
	if err != nil {
		return 0, err
	}
	return fr.w - fr.r - rd.Rest(), nil
}

// str reads a string; raw ones point into the window, others are decoded
// into *scratch.
func (fr *FileReader) str(rd *Reader, scratch *[]byte) ([]byte, error) {
	n, enc, err := rd.length()
	if err != nil {
		return nil, err
	}
	if !enc {
		if n > uint64(rd.Rest()) {
			return nil, ErrBadFormat
		}
		return rd.bytes(int(n))
	}
	if n == 3 {
		// LZF: compressed and plain lengths, then the data.
		clen, err := rd.Len()
		if err != nil {
			return nil, err
		}
		u, enc, err := rd.length()
		if err != nil || enc || u > uint64(clen)*88+64 {
			return nil, ErrBadFormat
		}
		c, err := rd.bytes(clen)
		if err != nil {
			return nil, err
		}
		out, err := lzfExpand((*scratch)[:0], c, int(u))
		if err != nil {
			return nil, ErrBadFormat
		}
		*scratch = out
		return out, nil
	}
	if n > 2 {
		return nil, ErrBadFormat
	}
	b, err := rd.bytes(1 << n)
	if err != nil {
		return nil, err
	}
	var v int64
	switch n {
	case 0:
		v = int64(int8(b[0]))
	case 1:
		v = int64(int16(binary.LittleEndian.Uint16(b)))
	default:
		v = int64(int32(binary.LittleEndian.Uint32(b)))
	}
	*scratch = strconv.AppendInt((*scratch)[:0], v, 10)
	return *scratch, nil
}

// Module serialized value opcodes (Redis's RDB_MODULE_OPCODE_*).
const (
	moduleOpEOF    = 0
	moduleOpSInt   = 1
	moduleOpUInt   = 2
	moduleOpFloat  = 3
	moduleOpDouble = 4
	moduleOpString = 5
)

// skipModuleAux skips a MODULE_AUX payload: the module id, the "when"
// opcode and value, then self-describing module opcodes until EOF.
func skipModuleAux(rd *Reader) error {
	for i := 0; i < 3; i++ {
		if _, _, err := rd.length(); err != nil {
			return err
		}
	}
	for {
		op, _, err := rd.length()
		if err != nil {
			return err
		}
		switch op {
		case moduleOpEOF:
			return nil
		case moduleOpSInt, moduleOpUInt:
			_, _, err = rd.length()
		case moduleOpFloat:
			_, err = rd.bytes(4)
		case moduleOpDouble:
			_, err = rd.bytes(8)
		case moduleOpString:
			_, err = rd.String()
		default:
			return ErrBadFormat
		}
		if err != nil {
			return err
		}
	}
}

// Next returns the next record, or io.EOF after the EOF opcode once the
// checksum matched. Errors about the content are *FileError values that
// wrap ErrCorrupt and name the byte offset.
func (fr *FileReader) Next() (*Record, error) {
	if fr.done {
		return nil, io.EOF
	}
	rec := &fr.rec
	*rec = Record{Idle: -1, Freq: -1, Value: Value{}}
	start := int64(-1)
	for {
		off := fr.Offset()
		if start < 0 {
			start = off
		}
		// Every opcode but the string-carrying ones fits in 32 bytes.
		fr.fill(32)
		if fr.w == fr.r {
			return nil, fr.fail(off, nil, "unexpected end of file (no EOF opcode)")
		}
		op := fr.buf[fr.r]
		rd := Reader{b: fr.buf[fr.r+1 : fr.w]}
		var err error
		switch op {
		case opExpireTimeMs:
			var b []byte
			if b, err = rd.bytes(8); err == nil {
				rec.ExpireMs = int64(binary.LittleEndian.Uint64(b))
			}
		case opExpireTime:
			var b []byte
			if b, err = rd.bytes(4); err == nil {
				rec.ExpireMs = int64(int32(binary.LittleEndian.Uint32(b))) * 1000
			}
		case opIdle:
			var n uint64
			var enc bool
			if n, enc, err = rd.length(); err == nil && (enc || n > 1<<40) {
				err = ErrBadFormat
			}
			rec.Idle = int64(n)
		case opFreq:
			var b byte
			b, err = rd.byte()
			rec.Freq = int(b)
		case opSelectDB:
			var n uint64
			var enc bool
			if n, enc, err = rd.length(); err == nil && (enc || n > 1<<20) {
				err = ErrBadFormat
			}
			fr.db = int(n)
		case opResizeDB:
			var enc1, enc2 bool
			rec.Keys, enc1, err = rd.length()
			if err == nil {
				rec.Expires, enc2, err = rd.length()
			}
			if err == nil && (enc1 || enc2) {
				err = ErrBadFormat
			}
		case opSlotInfo:
			for i := 0; i < 3 && err == nil; i++ {
				_, _, err = rd.length()
			}
		case opFunctionPre:
			return nil, fr.fail(off, nil, "pre-release (7.0 RC) function format not supported")
		case opEOF:
			fr.consume(1)
			return nil, fr.finish(off)
		case opAux, opFunction2, opModuleAux:
			mode := modeAux
			switch op {
			case opFunction2:
				mode = modeFunction
			case opModuleAux:
				mode = modeModuleAux
			}
			if err := fr.parse(mode); err != nil {
				return nil, err
			}
			switch op {
			case opAux:
				rec.Kind, rec.Offset = RecordAux, off
				return rec, nil
			case opFunction2:
				rec.Kind, rec.Offset = RecordFunction, off
				return rec, nil
			}
			continue
		default:
			if err := fr.parse(modeEntry); err != nil {
				if fe, ok := err.(*FileError); ok {
					fe.Offset = start
				}
				return nil, err
			}
			rec.Kind, rec.Offset, rec.DB = RecordEntry, start, fr.db
			return rec, nil
		}
		if err != nil {
			return nil, fr.fail(off, nil, "truncated or corrupt opcode "+strconv.Itoa(int(op)))
		}
		fr.consume(fr.w - fr.r - rd.Rest())
		if op == opResizeDB {
			rec.Kind, rec.Offset, rec.DB = RecordResizeDB, off, fr.db
			return rec, nil
		}
	}
}

// finish checks the checksum after the EOF opcode.
func (fr *FileReader) finish(off int64) error {
	fr.done = true
	if fr.version < 5 {
		return io.EOF
	}
	want := fr.crc
	if !fr.fill(8) {
		return fr.fail(off, nil, "unexpected end of file in the checksum")
	}
	got := binary.LittleEndian.Uint64(fr.buf[fr.r:])
	fr.r += 8
	if got != 0 && got != want {
		return fr.fail(off+1, nil, "wrong checksum: file says "+strconv.FormatUint(got, 16)+
			", content gives "+strconv.FormatUint(want, 16))
	}
	return io.EOF
}
