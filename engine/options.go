package engine

import (
	"errors"
	"strconv"

	"github.com/updraftdb/updraft/persistence/aof"
)

// Options configure an engine. The zero value of each field means its
// default.
type Options struct {
	// Databases is the number of logical databases (SELECT 0..n-1).
	// Default 16, as in Redis.
	Databases int
	// Shards is the number of keyspace shards, a power of two. Default
	// max(64, 4×GOMAXPROCS) rounded up.
	Shards int
	// Hz is how many times a second background work runs. Default 10.
	Hz int
	// RequirePass, when set, is the default user's password (requirepass).
	RequirePass string
	// EnableDebugCommand allows DEBUG ("yes", "local" or "no"; default "no").
	EnableDebugCommand string
	// MaxClients bounds connections (front ends enforce it). Default 10000.
	MaxClients int
	// Timeout closes clients idle this many seconds; 0 disables it.
	Timeout int
	// ProtoMaxBulkLen is the largest argument accepted. Default 512 MB.
	ProtoMaxBulkLen int64
	// SlowlogLogSlowerThan is in microseconds; default 10000, negative
	// disables the slow log.
	SlowlogLogSlowerThan int64
	// SlowlogMaxLen is the slow log's length. Default 128.
	SlowlogMaxLen int
	// Version is reported as redis_version. Default the Redis version whose
	// behaviour the engine follows.
	Version string

	// Persistence (persist.go). Dir is the data directory; "" means the
	// working directory.
	Dir string
	// AppendOnly turns the append-only log on (Redis's appendonly). Off
	// by default in the library; the server's configuration turns it on.
	AppendOnly bool
	// AppendFsync is appendfsync: "always", "everysec" (default) or "no".
	AppendFsync string
	// AppendDirName and AppendFileName are Redis's appenddirname
	// (default "appendonlydir") and appendfilename ("appendonly.aof").
	AppendDirName, AppendFileName string
	// AOFLoadTruncated is aof-load-truncated: "yes" (default) loads a log
	// whose last record is torn, dropping that record; "no" refuses it.
	AOFLoadTruncated string
	// Logf receives the engine's log lines (loading progress, background
	// saves); nil is silent.
	Logf func(format string, args ...any)

	// aofFS replaces the log's file layer in tests (fault injection).
	aofFS aof.FS
}

// RedisVersion is the Redis version whose commands and replies the engine
// follows; clients see it in INFO and HELLO.
const RedisVersion = "7.2.4"

// ErrInvalidOptions is returned by Open for options out of range.
var ErrInvalidOptions = errors.New("engine: invalid options")

func (o *Options) ensureDefaults() {
	if o.Databases == 0 {
		o.Databases = 16
	}
	if o.Shards == 0 {
		o.Shards = defaultShards()
	}
	if o.Hz == 0 {
		o.Hz = 10
	}
	if o.EnableDebugCommand == "" {
		o.EnableDebugCommand = "no"
	}
	if o.MaxClients == 0 {
		o.MaxClients = 10000
	}
	if o.ProtoMaxBulkLen == 0 {
		o.ProtoMaxBulkLen = 512 << 20
	}
	if o.SlowlogLogSlowerThan == 0 {
		o.SlowlogLogSlowerThan = 10000
	}
	if o.SlowlogMaxLen == 0 {
		o.SlowlogMaxLen = 128
	}
	if o.Version == "" {
		o.Version = RedisVersion
	}
	if o.AppendFsync == "" {
		o.AppendFsync = "everysec"
	}
	if o.AppendDirName == "" {
		o.AppendDirName = "appendonlydir"
	}
	if o.AppendFileName == "" {
		o.AppendFileName = "appendonly.aof"
	}
	if o.AOFLoadTruncated == "" {
		o.AOFLoadTruncated = "yes"
	}
}

func (o *Options) validate() error {
	if o.Databases < 1 || o.Databases > 1<<16 {
		return errors.Join(ErrInvalidOptions, errors.New("databases must be 1..65536, got "+strconv.Itoa(o.Databases)))
	}
	if o.Shards < 1 || o.Shards&(o.Shards-1) != 0 || o.Shards > 1<<12 {
		return errors.Join(ErrInvalidOptions, errors.New("shards must be a power of two up to 4096, got "+strconv.Itoa(o.Shards)))
	}
	if o.Hz < 1 || o.Hz > 500 {
		return errors.Join(ErrInvalidOptions, errors.New("hz must be 1..500"))
	}
	return nil
}
