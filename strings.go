package updraft

import (
	"time"

	"github.com/updraftdb/updraft/internal/resp"
)

// Typed helpers for strings and expiry: thin wrappers that build the
// command in the session's scratch buffer, run it and read the reply in
// place, so only returned values are allocated. Each is defined on Session
// (for its selected database) and on DB (database 0, pooled session).

// SetOptions are SET's options. The zero value sets the key and drops any
// expire time it had.
type SetOptions struct {
	// TTL, when not zero, is the key's time to live: sent as EX for whole
	// seconds, else as PX in milliseconds (at least 1).
	TTL time.Duration
	// NX sets the key only if it does not exist.
	NX bool
	// XX sets the key only if it exists.
	XX bool
	// KeepTTL keeps the key's expire time.
	KeepTTL bool
	// Get returns the key's previous value (SET ... GET).
	Get bool
}

// SetResult is what a Set did.
type SetResult struct {
	// Written is false when NX or XX prevented the write.
	Written bool
	// Old is the previous value, and Existed whether the key had one;
	// both are filled only with SetOptions.Get.
	Old     string
	Existed bool
}

// TTL's results for a key with no time to live, as PTTL's -1 and -2.
const (
	// NoExpiry is the TTL of a key without an expire time.
	NoExpiry time.Duration = -1
	// NoKey is the TTL of a key that does not exist.
	NoKey time.Duration = -2
)

// Get returns the string value of key, and whether the key exists.
func (s *Session) Get(key string) (string, bool, error) {
	s.start("GET")
	s.str(key)
	v, err := s.run()
	if err != nil || v.Null || v.Kind == 0 {
		return "", false, err
	}
	return string(v.Str), true, nil
}

// Set sets key to value with SET's options.
func (s *Session) Set(key, value string, o SetOptions) (SetResult, error) {
	s.start("SET")
	s.str(key)
	s.str(value)
	if o.TTL != 0 {
		if o.TTL%time.Second == 0 {
			s.str("EX")
			s.int(int64(o.TTL / time.Second))
		} else {
			s.str("PX")
			s.int(millis(o.TTL))
		}
	}
	if o.NX {
		s.str("NX")
	}
	if o.XX {
		s.str("XX")
	}
	if o.KeepTTL {
		s.str("KEEPTTL")
	}
	if o.Get {
		s.str("GET")
	}
	v, err := s.run()
	if err != nil {
		return SetResult{}, err
	}
	if !o.Get {
		return SetResult{Written: !v.Null}, nil
	}
	res := SetResult{Existed: !v.Null}
	if res.Existed {
		res.Old = string(v.Str)
	}
	switch {
	case o.NX:
		res.Written = !res.Existed
	case o.XX:
		res.Written = res.Existed
	default:
		res.Written = true
	}
	return res, nil
}

// Del removes keys and returns how many existed.
func (s *Session) Del(keys ...string) (int64, error) { return s.keysInt("DEL", keys) }

// Exists returns how many of keys exist (a key named twice counts twice).
func (s *Session) Exists(keys ...string) (int64, error) { return s.keysInt("EXISTS", keys) }

// Incr adds 1 to the integer at key and returns the result.
func (s *Session) Incr(key string) (int64, error) {
	s.start("INCR")
	s.str(key)
	return s.intReply()
}

// IncrBy adds n to the integer at key and returns the result.
func (s *Session) IncrBy(key string, n int64) (int64, error) {
	s.start("INCRBY")
	s.str(key)
	s.int(n)
	return s.intReply()
}

// IncrByFloat adds f to the number at key and returns the result.
func (s *Session) IncrByFloat(key string, f float64) (float64, error) {
	s.start("INCRBYFLOAT")
	s.str(key)
	s.float(f)
	v, err := s.run()
	if err != nil {
		return 0, err
	}
	return Reply{v: v}.Float()
}

// Expire sets key's time to live (EXPIRE for whole seconds, else PEXPIRE);
// a ttl of zero or less deletes the key. It reports whether the key exists.
func (s *Session) Expire(key string, ttl time.Duration) (bool, error) {
	if ttl%time.Second == 0 {
		s.start("EXPIRE")
		s.str(key)
		s.int(int64(ttl / time.Second))
	} else {
		s.start("PEXPIRE")
		s.str(key)
		s.int(millis(ttl))
	}
	n, err := s.intReply()
	return n == 1, err
}

// TTL returns key's remaining time to live, to the millisecond (PTTL), or
// NoExpiry or NoKey.
func (s *Session) TTL(key string) (time.Duration, error) {
	s.start("PTTL")
	s.str(key)
	n, err := s.intReply()
	if err != nil || n < 0 {
		return time.Duration(n), err
	}
	return time.Duration(n) * time.Millisecond, nil
}

// MGet returns the values of keys, and for each whether the key holds a
// string (MGET answers nil for missing keys and other types alike).
func (s *Session) MGet(keys ...string) ([]string, []bool, error) {
	s.start("MGET")
	for _, k := range keys {
		s.str(k)
	}
	v, err := s.run()
	if err != nil {
		return nil, nil, err
	}
	vals := make([]string, len(v.Elems))
	found := make([]bool, len(v.Elems))
	for i, e := range v.Elems {
		if !e.Null {
			vals[i], found[i] = string(e.Str), true
		}
	}
	return vals, found, nil
}

// MSet sets keys and values given alternating: key, value, key, value...
func (s *Session) MSet(pairs ...string) error {
	s.start("MSET")
	for _, p := range pairs {
		s.str(p)
	}
	_, err := s.run()
	return err
}

// Append appends value to the string at key and returns its new length.
func (s *Session) Append(key, value string) (int64, error) {
	s.start("APPEND")
	s.str(key)
	s.str(value)
	return s.intReply()
}

// GetRange returns the bytes of the string at key from start to end,
// both included; negative offsets count from the end.
func (s *Session) GetRange(key string, start, end int64) (string, error) {
	s.start("GETRANGE")
	s.str(key)
	s.int(start)
	s.int(end)
	v, err := s.run()
	if err != nil {
		return "", err
	}
	return string(v.Str), nil
}

// SetRange overwrites the string at key from offset with value, padding
// with zero bytes, and returns the string's new length.
func (s *Session) SetRange(key string, offset int64, value string) (int64, error) {
	s.start("SETRANGE")
	s.str(key)
	s.int(offset)
	s.str(value)
	return s.intReply()
}

// keysInt runs a command taking keys and answering an integer.
func (s *Session) keysInt(name string, keys []string) (int64, error) {
	s.start(name)
	for _, k := range keys {
		s.str(k)
	}
	return s.intReply()
}

// intReply runs the command built and reads its integer reply.
func (s *Session) intReply() (int64, error) {
	v, err := s.run()
	if err != nil {
		return 0, err
	}
	if v.Kind != resp.KindInt {
		return 0, ErrType
	}
	return v.Int, nil
}

// millis converts d to milliseconds, rounding toward zero but never to 0,
// which would change the command's meaning.
func millis(d time.Duration) int64 {
	ms := d.Milliseconds()
	switch {
	case ms == 0 && d > 0:
		return 1
	case ms == 0 && d < 0:
		return -1
	}
	return ms
}

// The same helpers on the DB, each on a pooled session.

// Get returns the string value of key, and whether the key exists.
func (db *DB) Get(key string) (string, bool, error) {
	s, err := db.acquire()
	if err != nil {
		return "", false, err
	}
	defer db.release(s)
	return s.Get(key)
}

// Set sets key to value with SET's options.
func (db *DB) Set(key, value string, o SetOptions) (SetResult, error) {
	s, err := db.acquire()
	if err != nil {
		return SetResult{}, err
	}
	defer db.release(s)
	return s.Set(key, value, o)
}

// Del removes keys and returns how many existed.
func (db *DB) Del(keys ...string) (int64, error) {
	s, err := db.acquire()
	if err != nil {
		return 0, err
	}
	defer db.release(s)
	return s.Del(keys...)
}

// Exists returns how many of keys exist (a key named twice counts twice).
func (db *DB) Exists(keys ...string) (int64, error) {
	s, err := db.acquire()
	if err != nil {
		return 0, err
	}
	defer db.release(s)
	return s.Exists(keys...)
}

// Incr adds 1 to the integer at key and returns the result.
func (db *DB) Incr(key string) (int64, error) {
	s, err := db.acquire()
	if err != nil {
		return 0, err
	}
	defer db.release(s)
	return s.Incr(key)
}

// IncrBy adds n to the integer at key and returns the result.
func (db *DB) IncrBy(key string, n int64) (int64, error) {
	s, err := db.acquire()
	if err != nil {
		return 0, err
	}
	defer db.release(s)
	return s.IncrBy(key, n)
}

// IncrByFloat adds f to the number at key and returns the result.
func (db *DB) IncrByFloat(key string, f float64) (float64, error) {
	s, err := db.acquire()
	if err != nil {
		return 0, err
	}
	defer db.release(s)
	return s.IncrByFloat(key, f)
}

// Expire sets key's time to live; a ttl of zero or less deletes the key.
// It reports whether the key exists.
func (db *DB) Expire(key string, ttl time.Duration) (bool, error) {
	s, err := db.acquire()
	if err != nil {
		return false, err
	}
	defer db.release(s)
	return s.Expire(key, ttl)
}

// TTL returns key's remaining time to live, or NoExpiry or NoKey.
func (db *DB) TTL(key string) (time.Duration, error) {
	s, err := db.acquire()
	if err != nil {
		return 0, err
	}
	defer db.release(s)
	return s.TTL(key)
}

// MGet returns the values of keys, and for each whether the key holds a
// string.
func (db *DB) MGet(keys ...string) ([]string, []bool, error) {
	s, err := db.acquire()
	if err != nil {
		return nil, nil, err
	}
	defer db.release(s)
	return s.MGet(keys...)
}

// MSet sets keys and values given alternating: key, value, key, value...
func (db *DB) MSet(pairs ...string) error {
	s, err := db.acquire()
	if err != nil {
		return err
	}
	defer db.release(s)
	return s.MSet(pairs...)
}

// Append appends value to the string at key and returns its new length.
func (db *DB) Append(key, value string) (int64, error) {
	s, err := db.acquire()
	if err != nil {
		return 0, err
	}
	defer db.release(s)
	return s.Append(key, value)
}

// GetRange returns the bytes of the string at key from start to end, both
// included; negative offsets count from the end.
func (db *DB) GetRange(key string, start, end int64) (string, error) {
	s, err := db.acquire()
	if err != nil {
		return "", err
	}
	defer db.release(s)
	return s.GetRange(key, start, end)
}

// SetRange overwrites the string at key from offset with value and
// returns the string's new length.
func (db *DB) SetRange(key string, offset int64, value string) (int64, error) {
	s, err := db.acquire()
	if err != nil {
		return 0, err
	}
	defer db.release(s)
	return s.SetRange(key, offset, value)
}
