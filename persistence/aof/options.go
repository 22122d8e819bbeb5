package aof

import (
	"errors"
	"strings"
	"time"
)

// Fsync is the appendfsync policy: when the log calls fdatasync.
type Fsync int

// The appendfsync policies, named as in redis.conf.
const (
	// FsyncNo never syncs while running (the kernel flushes when it
	// likes); Close still syncs.
	FsyncNo Fsync = iota
	// FsyncEverySec writes at once and syncs in the background at most
	// once a second: a crash loses about the last second or two.
	FsyncEverySec
	// FsyncAlways syncs each batch before it counts as durable (group
	// commit: one fdatasync covers every record of the batch).
	FsyncAlways
)

// String returns the policy's redis.conf name.
func (f Fsync) String() string {
	switch f {
	case FsyncAlways:
		return "always"
	case FsyncEverySec:
		return "everysec"
	}
	return "no"
}

// ParseFsync reads an appendfsync value ("always", "everysec", "no"),
// case-insensitively as Redis does.
func ParseFsync(s string) (Fsync, bool) {
	switch strings.ToLower(s) {
	case "always":
		return FsyncAlways, true
	case "everysec":
		return FsyncEverySec, true
	case "no":
		return FsyncNo, true
	}
	return FsyncNo, false
}

// Options configure a Log, Load and Check.
type Options struct {
	// Dir is the append-only directory (Redis's dir/appenddirname); Open
	// creates it if missing.
	Dir string
	// FileName is Redis's appendfilename, default "appendonly.aof". The
	// files are <FileName>.<n>.base.rdb, <FileName>.<n>.incr.aof and
	// <FileName>.manifest, as in Redis 7.
	FileName string
	// Fsync is the appendfsync policy.
	Fsync Fsync
	// FS is the file layer; nil means the operating system's. Tests inject
	// faults through it.
	FS FS
	// Logf receives server log lines; nil is silent.
	Logf func(format string, args ...any)
	// RingSlots is the number of submission slots, a power of two; 0 means
	// DefaultRingSlots. Submit blocks while this many records wait.
	RingSlots int
}

// Tuning constants, each with its reason.
const (
	// DefaultFileName is Redis's default appendfilename.
	DefaultFileName = "appendonly.aof"
	// DefaultRingSlots bounds the records waiting for the writer: 8192
	// covers 50 clients pipelining 16 commands each several times over
	// while one fdatasync (about 1-10 ms) is in progress, so producers do
	// not block in normal operation, and costs 512 KiB of slot headers.
	DefaultRingSlots = 1 << 13
	// MaxRecord is the largest payload accepted: Redis's proto-max-bulk-len
	// default is 512 MB. A longer length field is corruption, refused
	// before anything is allocated.
	MaxRecord = 512 << 20
	// maxBatch caps the bytes one write call carries: 1 MiB amortizes the
	// syscall over thousands of small records and stays cache-sized.
	maxBatch = 1 << 20
	// maxSlotKeep is the largest buffer a ring slot keeps for reuse; a
	// bigger record's buffer is dropped after writing so that one huge
	// value does not pin memory in every slot it passed through.
	maxSlotKeep = 64 << 10
	// retryInterval is how often a failing write or fsync is retried, as
	// Redis retries a failed AOF write once a second.
	retryInterval = 1e9
	// writeDelay is how long the writer lets records gather between writes
	// under everysec and no: a millisecond bounds the write calls to about
	// a thousand a second under any load, far inside everysec's one-second
	// loss window.
	writeDelay = time.Millisecond
	// delayedFsync is how long a background fsync may take before it is
	// counted in Stats.DelayedFsync (Redis's 2 second threshold).
	delayedFsync = 2e9
)

// Errors returned by the package; wrapped errors name files and offsets.
var (
	// ErrClosed is returned by calls on a closed Log.
	ErrClosed = errors.New("aof: log closed")
	// ErrCorrupt is wrapped by every "Bad file format" error of Load and
	// Check.
	ErrCorrupt = errors.New("aof: corrupt append only file")
	// ErrRewriteInProgress is returned by StartRewrite while another
	// rewrite has not been committed or aborted.
	ErrRewriteInProgress = errors.New("aof: a rewrite is already in progress")
	// ErrManifest is wrapped by errors reading a manifest.
	ErrManifest = errors.New("aof: invalid manifest")
)

func (o *Options) fileName() string {
	if o.FileName == "" {
		return DefaultFileName
	}
	return o.FileName
}

func (o *Options) fs() FS {
	if o.FS == nil {
		return OSFS{}
	}
	return o.FS
}

func (o *Options) logf(format string, args ...any) {
	if o.Logf != nil {
		o.Logf(format, args...)
	}
}
