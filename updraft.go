package updraft

import (
	"errors"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/updraftdb/updraft/engine"
	"github.com/updraftdb/updraft/internal/resp"
)

// Options configure a DB. The zero value of each field means its default.
type Options struct {
	// Databases is the number of logical databases (SELECT 0..n-1).
	// Default 16, as in Redis.
	Databases int
	// Shards is the number of keyspace shards, a power of two up to 4096.
	// Default max(64, 4×GOMAXPROCS) rounded up to a power of two.
	Shards int
	// RequirePass, when set, is the password a Session must give with AUTH
	// before other commands, as redis-server's requirepass asks of each
	// connection. The DB's own methods are trusted: they authenticate
	// their pooled sessions themselves.
	RequirePass string
	// Dir, when set, makes the DB durable: it loads what Dir holds (its
	// append-only log, or a dump.rdb) and logs every change there, as the
	// server does with appendonly yes. Close syncs the log.
	Dir string
	// Fsync is appendfsync when Dir is set: "everysec" (default: at most
	// about a second of writes lost in a crash), "always" (a write call
	// returns once the change is on stable storage) or "no".
	Fsync string
}

// DB is an embedded Updraft keyspace. Its methods are safe for concurrent
// use: each call borrows a session from a pool, runs on the logical
// database 0 and gives the session back.
type DB struct {
	e      *engine.Engine
	mu     sync.RWMutex // held shared by every command, exclusively by Close
	closed atomic.Bool
	free   chan *Session
}

// Session is one client of the DB, the library's counterpart of a
// connection: it keeps the selected database, the protocol (HELLO), the
// client name, authentication and MULTI state between commands. A Session
// must not be used by two goroutines at once.
type Session struct {
	db     *DB
	c      *engine.Client
	killed atomic.Bool   // CLIENT KILL, the idle timeout or QUIT ended it
	closed bool          // Close was called
	woken  chan struct{} // a blocking command (BLPOP...) was answered

	args [][]byte // the command being run
	buf  []byte   // argument bytes copied from strings and numbers
	ends []int    // where each argument ends in buf
}

// Errors of the library itself (Redis error replies are *Error).
var (
	// ErrClosed is returned by a closed DB, and by a Session that was
	// closed, killed (CLIENT KILL, the idle timeout) or that sent QUIT.
	ErrClosed = errors.New("updraft: closed")
	// ErrSessionCommand is returned by DB.Do for a command that changes
	// the state of its connection (SELECT, HELLO, AUTH, MULTI, WATCH,
	// SUBSCRIBE, CLIENT SETNAME...): the DB's pooled sessions must stay
	// alike, so such commands run on a Session.
	ErrSessionCommand = errors.New("updraft: command changes session state: run it on a Session")
)

// keepBufBytes is the buffer capacity a session keeps between commands: a
// buffer grown past it by a big value is dropped, so that pooled sessions
// stay small. The same limit as the network front end's.
const keepBufBytes = 64 << 10

// poolSize is how many idle sessions the DB keeps: enough for every core
// to run a few commands at once. Sessions beyond it are released.
func poolSize() int { return 4 * runtime.GOMAXPROCS(0) }

// Open creates an empty in-memory keyspace and starts its background work
// (active expiry, rehashing). Close it when done.
func Open(opts Options) (*DB, error) {
	e, err := engine.Open(engine.Options{
		Databases:   opts.Databases,
		Shards:      opts.Shards,
		RequirePass: opts.RequirePass,
		Dir:         opts.Dir,
		AppendOnly:  opts.Dir != "",
		AppendFsync: opts.Fsync,
	})
	if err != nil {
		return nil, err
	}
	return &DB{e: e, free: make(chan *Session, poolSize())}, nil
}

// Close waits for commands in progress, stops background work and frees
// the keyspace. Later calls on the DB or its sessions return ErrClosed.
func (db *DB) Close() error {
	db.mu.Lock()
	if db.closed.Load() {
		db.mu.Unlock()
		return nil
	}
	db.closed.Store(true)
	db.mu.Unlock()
	for {
		select {
		case s := <-db.free:
			s.c.Release()
		default:
			return db.e.Close()
		}
	}
}

// Session opens a session. Like a new connection it starts on database 0,
// speaking RESP2, and unauthenticated when Options.RequirePass is set.
// Close it when done.
func (db *DB) Session() (*Session, error) {
	if db.closed.Load() {
		return nil, ErrClosed
	}
	s := &Session{db: db, c: db.e.NewClient(engine.ClientOptions{}), args: make([][]byte, 0, 8),
		woken: make(chan struct{}, 1)}
	s.c.Close = func() { s.killed.Store(true) }
	s.c.Wake = func() {
		select {
		case s.woken <- struct{}{}:
		default:
		}
	}
	return s, nil
}

// Close ends the session. It is safe to call more than once.
func (s *Session) Close() error {
	if !s.closed {
		s.closed = true
		s.c.Release()
	}
	return nil
}

// ID returns the session's client id, as CLIENT ID and CLIENT LIST show it.
func (s *Session) ID() int64 { return s.c.ID }

// Select switches the session to logical database index (SELECT).
func (s *Session) Select(index int) error {
	s.start("SELECT")
	s.int(int64(index))
	_, err := s.run()
	return err
}

// Do runs one command, given as its name and arguments, and returns its
// reply. A Redis error reply is returned both as the Reply and as an
// *Error.
func (s *Session) Do(args ...string) (Reply, error) {
	s.args = s.args[:0]
	s.buf = s.buf[:0]
	s.ends = s.ends[:0]
	for _, a := range args {
		s.str(a)
	}
	return s.doArgs()
}

// DoBytes is Do for arguments held as bytes. The arguments are neither
// kept nor changed.
func (s *Session) DoBytes(args ...[]byte) (Reply, error) {
	s.args = append(s.args[:0], args...)
	raw, err := s.exec()
	if err != nil {
		return Reply{}, err
	}
	return parseReply(raw)
}

// doArgs runs the command built in buf and returns its reply.
func (s *Session) doArgs() (Reply, error) {
	s.split()
	raw, err := s.exec()
	if err != nil {
		return Reply{}, err
	}
	return parseReply(raw)
}

// Do runs one command on a pooled session (database 0) and returns its
// reply, as Session.Do does. Commands that change a connection's state
// return ErrSessionCommand: run them on a Session.
func (db *DB) Do(args ...string) (Reply, error) {
	if sessionCommand(args) {
		return Reply{}, ErrSessionCommand
	}
	s, err := db.acquire()
	if err != nil {
		return Reply{}, err
	}
	defer db.release(s)
	return s.Do(args...)
}

// DoBytes is Do for arguments held as bytes. The arguments are neither
// kept nor changed.
func (db *DB) DoBytes(args ...[]byte) (Reply, error) {
	if sessionCommand(args) {
		return Reply{}, ErrSessionCommand
	}
	s, err := db.acquire()
	if err != nil {
		return Reply{}, err
	}
	defer db.release(s)
	return s.DoBytes(args...)
}

// start begins building a command from strings and numbers: each argument
// is copied into buf, so the engine never sees the caller's memory.
func (s *Session) start(name string) {
	s.buf = s.buf[:0]
	s.ends = s.ends[:0]
	s.str(name)
}

func (s *Session) str(a string) {
	s.buf = append(s.buf, a...)
	s.ends = append(s.ends, len(s.buf))
}

func (s *Session) int(n int64) {
	s.buf = strconv.AppendInt(s.buf, n, 10)
	s.ends = append(s.ends, len(s.buf))
}

func (s *Session) float(f float64) {
	s.buf = strconv.AppendFloat(s.buf, f, 'g', -1, 64)
	s.ends = append(s.ends, len(s.buf))
}

// split points args at the arguments built in buf. Each slice's capacity
// ends with its argument, so no argument can spill into the next.
func (s *Session) split() {
	s.args = s.args[:0]
	from := 0
	for _, end := range s.ends {
		s.args = append(s.args, s.buf[from:end:end])
		from = end
	}
}

// run executes the command built in buf and parses its reply in place:
// strings in the value point into the session's reply buffer, valid until
// its next command. An error reply is returned as *Error.
func (s *Session) run() (resp.Value, error) {
	s.split()
	raw, err := s.exec()
	if err != nil {
		return resp.Value{}, err
	}
	v, n, err := resp.ReadReply(raw)
	switch {
	case len(raw) == 0:
		return resp.Value{}, nil
	case err != nil || n == 0:
		return resp.Value{}, errMalformed
	case v.Kind == resp.KindError || v.Kind == resp.KindBulkError:
		return v, &Error{msg: string(v.Str)}
	}
	return v, nil
}

// exec runs s.args through the engine's one dispatch path and returns the
// raw reply, valid until the session's next command.
func (s *Session) exec() ([]byte, error) {
	db := s.db
	db.mu.RLock()
	if db.closed.Load() || s.closed || s.killed.Load() {
		db.mu.RUnlock()
		return nil, ErrClosed
	}
	c := s.c
	c.W.Reset()
	c.Touch()
	db.e.Exec(c, s.args)
	db.mu.RUnlock()
	if c.BlockPending() {
		// A blocking command waits here, not in the engine. Wake may have
		// been called before for another reason (the end of a CLIENT
		// PAUSE): wait until the engine has really unblocked the session.
		db.e.CommitBlock(c)
		for {
			<-s.woken
			if !c.Blocked() {
				break
			}
		}
	}
	if c.CloseAfterReply {
		s.killed.Store(true)
	}
	if db.e.SyncReplies() {
		// appendfsync always: the reply waits for its change's fsync.
		if err := db.e.WaitLogDurable(c.LogSeq()); err != nil {
			return nil, err
		}
	}
	return c.W.Buf, nil
}

// acquire takes an idle pooled session, or opens one.
func (db *DB) acquire() (*Session, error) {
	for {
		select {
		case s := <-db.free:
			if !s.killed.Load() {
				return s, nil
			}
			s.c.Release()
		default:
			return db.newPooled()
		}
	}
}

// newPooled opens a session for the pool, authenticated when the engine
// asks for a password.
func (db *DB) newPooled() (*Session, error) {
	s, err := db.Session()
	if err != nil {
		return nil, err
	}
	if pass := db.e.Config().RequirePass(); pass != "" {
		s.start("AUTH")
		s.str(pass)
		if _, err := s.run(); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// release gives a session back to the pool, or closes it when the pool is
// full, the DB closed, or the session no longer in its initial state.
func (db *DB) release(s *Session) {
	c := s.c
	if s.killed.Load() || db.closed.Load() || c.DB != 0 || c.W.Proto != 2 {
		s.Close()
		return
	}
	if cap(c.W.Buf) > keepBufBytes {
		c.W.Buf = nil
	}
	if cap(s.buf) > keepBufBytes {
		s.buf = nil
	}
	clear(s.args[:cap(s.args)]) // drop references to the caller's memory
	select {
	case db.free <- s:
	default:
		s.Close()
	}
}

// sessionCommand reports whether args is a command that changes the state
// of its connection, which DB.Do refuses.
func sessionCommand[T string | []byte](args []T) bool {
	if len(args) == 0 {
		return false
	}
	var name [16]byte
	if !lower(name[:], args[0]) {
		return false
	}
	switch string(name[:len(args[0])]) {
	case "select", "hello", "auth", "quit", "reset", "multi", "exec", "discard",
		"watch", "unwatch", "subscribe", "unsubscribe", "psubscribe",
		"punsubscribe", "ssubscribe", "sunsubscribe", "monitor",
		"readonly", "readwrite", "asking":
		return true
	case "client":
		if len(args) < 2 || !lower(name[:], args[1]) {
			return false
		}
		switch string(name[:len(args[1])]) {
		case "setname", "setinfo", "reply", "tracking", "caching", "no-evict", "no-touch":
			return true
		}
	}
	return false
}

// lower writes s in lower case to dst, reporting false when it does not
// fit (no command name is that long).
func lower[T string | []byte](dst []byte, s T) bool {
	if len(s) > len(dst) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst[i] = c
	}
	return true
}
