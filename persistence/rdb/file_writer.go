package rdb

import (
	"encoding/binary"
	"io"
	"strconv"
)

// Encoder appends file entries. Its zero value writes strings as they are;
// with Compress set (Redis's rdbcompression), keys and string values
// longer than 20 bytes are LZF-compressed when that saves 4 bytes or more,
// as redis-server does. Collections are written by AppendValue, whose
// packed blobs stay uncompressed. An Encoder reuses its buffers: use one
// per goroutine.
type Encoder struct {
	Compress bool
	lzf      *lzfCompressor
	scratch  []byte
}

// AppendSelectDB appends a SELECTDB opcode: the keys that follow belong to
// database db.
func AppendSelectDB(dst []byte, db int) []byte {
	return AppendLen(append(dst, opSelectDB), uint64(db))
}

// AppendResizeDB appends a RESIZEDB hint: the number of keys of the
// current database and how many of them have an expire time.
func AppendResizeDB(dst []byte, keys, expires uint64) []byte {
	return AppendLen(AppendLen(append(dst, opResizeDB), keys), expires)
}

// AppendEntry appends one key with its value and absolute expire time in
// unix ms (0 for none), without compression.
func AppendEntry(dst, key []byte, v Value, expireMs int64) []byte {
	var e Encoder
	return e.AppendEntry(dst, key, v, expireMs)
}

// AppendString appends s, compressed when e.Compress is set and it pays.
func (e *Encoder) AppendString(dst, s []byte) []byte {
	if !e.Compress || len(s) < lzfMinInput {
		return AppendString(dst, s)
	}
	if e.lzf == nil {
		e.lzf = new(lzfCompressor)
	}
	var ok bool
	e.scratch, ok = e.lzf.compress(e.scratch[:0], s)
	if !ok {
		return AppendString(dst, s)
	}
	dst = AppendLen(append(dst, 0xc3), uint64(len(e.scratch)))
	dst = AppendLen(dst, uint64(len(s)))
	return append(dst, e.scratch...)
}

// AppendEntry appends one key with its value and absolute expire time in
// unix ms (0 for none): [EXPIRETIME_MS] type key value.
func (e *Encoder) AppendEntry(dst, key []byte, v Value, expireMs int64) []byte {
	if expireMs != 0 {
		dst = binary.LittleEndian.AppendUint64(append(dst, opExpireTimeMs), uint64(expireMs))
	}
	switch v.Kind {
	case String, JSON:
		typ := byte(typeString)
		if v.Kind == JSON {
			typ = TypeUpdraftJSON
		}
		dst = e.AppendString(append(dst, typ), key)
		return e.AppendString(dst, v.Str)
	}
	// AppendValue writes the type byte and the body, between which the
	// key goes.
	body := AppendValue(e.scratch[:0], v)
	dst = e.AppendString(append(dst, body[0]), key)
	dst = append(dst, body[1:]...)
	if cap(body) <= 1<<20 {
		e.scratch = body[:0]
	}
	return dst
}

// FileWriter writes a dump.rdb file to an io.Writer: the header at
// creation, then aux fields, function libraries and entries in the order
// given, then EOF and the checksum at Close. It buffers its output and
// keeps the first write error.
type FileWriter struct {
	Encoder
	w   io.Writer
	buf []byte
	crc uint64
	n   int64
	err error
}

// writeBufSize is the output buffered before a write: big enough that the
// system call cost vanishes, small enough to stay in cache.
const writeBufSize = 256 << 10

// NewFileWriter starts a file of the given version (FileVersion, or
// VersionFor's answer when a value needs more) on w.
func NewFileWriter(w io.Writer, version int) *FileWriter {
	fw := &FileWriter{w: w, buf: make([]byte, 0, writeBufSize+4096)}
	fw.buf = append(fw.buf, "REDIS"...)
	v := strconv.Itoa(version)
	for i := len(v); i < 4; i++ {
		fw.buf = append(fw.buf, '0')
	}
	fw.buf = append(fw.buf, v...)
	return fw
}

// WriteAux writes an auxiliary field.
func (fw *FileWriter) WriteAux(key, value []byte) {
	fw.buf = AppendString(AppendString(append(fw.buf, opAux), key), value)
	fw.maybeFlush()
}

// WriteAuxFields writes the fields redis-server 7.0 starts its files with:
// redis-ver, redis-bits, ctime (unix seconds), used-mem and aof-base (0).
func (fw *FileWriter) WriteAuxFields(redisVer string, ctime, usedMem int64) {
	fw.WriteAux([]byte("redis-ver"), []byte(redisVer))
	fw.WriteAux([]byte("redis-bits"), []byte("64"))
	fw.WriteAux([]byte("ctime"), strconv.AppendInt(nil, ctime, 10))
	fw.WriteAux([]byte("used-mem"), strconv.AppendInt(nil, usedMem, 10))
	fw.WriteAux([]byte("aof-base"), []byte("0"))
}

// WriteFunctions writes function libraries, one FUNCTION2 opcode with its
// code each (Redis 7's format).
func (fw *FileWriter) WriteFunctions(codes [][]byte) {
	for _, c := range codes {
		fw.buf = AppendString(append(fw.buf, opFunction2), c)
		fw.maybeFlush()
	}
}

// WriteRaw writes a chunk built with AppendSelectDB, AppendResizeDB and
// AppendEntry.
func (fw *FileWriter) WriteRaw(chunk []byte) error {
	if len(chunk) >= writeBufSize {
		fw.flush()
		fw.crc = Checksum(fw.crc, chunk)
		fw.send(chunk)
		return fw.err
	}
	fw.buf = append(fw.buf, chunk...)
	fw.maybeFlush()
	return fw.err
}

// Size is the number of bytes written so far, buffered ones included.
func (fw *FileWriter) Size() int64 { return fw.n + int64(len(fw.buf)) }

// Close writes EOF and the checksum and flushes. It does not close the
// underlying writer.
func (fw *FileWriter) Close() error {
	fw.buf = append(fw.buf, opEOF)
	fw.crc = Checksum(fw.crc, fw.buf)
	fw.buf = binary.LittleEndian.AppendUint64(fw.buf, fw.crc)
	fw.send(fw.buf)
	fw.buf = fw.buf[:0]
	return fw.err
}

func (fw *FileWriter) maybeFlush() {
	if len(fw.buf) >= writeBufSize {
		fw.flush()
	}
}

func (fw *FileWriter) flush() {
	fw.crc = Checksum(fw.crc, fw.buf)
	fw.send(fw.buf)
	fw.buf = fw.buf[:0]
}

// send writes p, which the checksum already covers, to the writer.
func (fw *FileWriter) send(p []byte) {
	if fw.err != nil {
		return
	}
	n, err := fw.w.Write(p)
	fw.n += int64(n)
	fw.err = err
}
