package engine

import (
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// INFO [section ...]: Redis 7.2's sections and field names, "key:value"
// lines with CRLF, "# Section" headers and a blank line between sections.
// Fields for features the engine does not have (replication, persistence
// until it exists, scripting, defragmentation) report Redis's idle values.

func init() {
	register(&Command{Name: "info", Arity: -1, Flags: FlagLoading | FlagStale, Cats: CatSlow | CatDangerous, Proc: cmdInfo,
		Tips: []string{"nondeterministic_output", "request_policy:all_shards", "response_policy:special"}})
}

// infoSections lists the sections in output order; dflt marks those of a
// plain INFO.
var infoSections = []struct {
	name  string
	dflt  bool
	write func(e *Engine, b []byte) []byte
}{
	{"server", true, infoServer},
	{"clients", true, infoClients},
	{"memory", true, infoMemory},
	{"persistence", true, infoPersistence},
	{"stats", true, infoStats},
	{"replication", true, infoReplication},
	{"cpu", true, infoCPU},
	{"modules", true, func(_ *Engine, b []byte) []byte { return append(b, "# Modules\r\n"...) }},
	{"commandstats", false, infoCommandStats},
	{"errorstats", true, infoErrorStats},
	{"cluster", true, func(_ *Engine, b []byte) []byte { return append(b, "# Cluster\r\ncluster_enabled:0\r\n"...) }},
	{"keyspace", true, infoKeyspace},
}

func cmdInfo(c *Client) {
	c.W.Verbatim("txt", c.e.Info(c.Args[1:]...))
}

// Info renders the INFO text for the named sections ("default" when none;
// "all" and "everything" add commandstats).
func (e *Engine) Info(sections ...[]byte) []byte {
	want := map[string]bool{}
	all := false
	if len(sections) == 0 {
		want["default"] = true
	}
	for _, s := range sections {
		name := strings.ToLower(string(s))
		want[name] = true
		if name == "all" || name == "everything" {
			all = true
		}
	}
	var b []byte
	n := 0
	for _, s := range infoSections {
		if !all && !want[s.name] && !(want["default"] && s.dflt) {
			continue
		}
		if n > 0 {
			b = append(b, "\r\n"...)
		}
		n++
		b = s.write(e, b)
	}
	return b
}

func kv(b []byte, k, v string) []byte {
	b = append(b, k...)
	b = append(b, ':')
	b = append(b, v...)
	return append(b, '\r', '\n')
}

func kvInt(b []byte, k string, v int64) []byte {
	b = append(b, k...)
	b = append(b, ':')
	b = strconv.AppendInt(b, v, 10)
	return append(b, '\r', '\n')
}

func kvFloat(b []byte, k string, v float64, suffix string) []byte {
	b = append(b, k...)
	b = append(b, ':')
	b = strconv.AppendFloat(b, v, 'f', 2, 64)
	b = append(b, suffix...)
	return append(b, '\r', '\n')
}

func kvHuman(b []byte, k string, v int64) []byte {
	b = kvInt(b, k, v)
	b = append(b, k...)
	b = append(b, "_human:"...)
	b = appendHuman(b, v)
	return append(b, '\r', '\n')
}

// kvZeros appends "name:0" lines.
func kvZeros(b []byte, names ...string) []byte {
	for _, n := range names {
		b = kv(b, n, "0")
	}
	return b
}

// cfgValue returns a parameter's value, or def when it is not registered.
func (e *Engine) cfgValue(name, def string) string {
	if v, ok := e.cfg.Get(name); ok {
		return v
	}
	return def
}

func infoServer(e *Engine, b []byte) []byte {
	b = append(b, "# Server\r\n"...)
	runID, _ := e.srv.ids()
	var u unix.Utsname
	osName := "unknown"
	if unix.Uname(&u) == nil {
		osName = unix.ByteSliceToString(u.Sysname[:]) + " " + unix.ByteSliceToString(u.Release[:]) + " " + unix.ByteSliceToString(u.Machine[:])
	}
	now := time.Now()
	uptime := int64(now.Sub(e.start) / time.Second)
	exe, _ := os.Executable()
	port := e.cfgValue("port", "0")
	b = kv(b, "redis_version", e.opts.Version)
	b = kv(b, "redis_git_sha1", "00000000")
	b = kv(b, "redis_git_dirty", "0")
	b = kv(b, "redis_build_id", "0000000000000000")
	b = kv(b, "redis_mode", "standalone")
	b = kv(b, "os", osName)
	b = kvInt(b, "arch_bits", int64(unsafe.Sizeof(uintptr(0))*8))
	b = kv(b, "monotonic_clock", "POSIX clock_gettime")
	b = kv(b, "multiplexing_api", "epoll")
	b = kv(b, "atomicvar_api", "c11-builtin")
	b = kv(b, "gcc_version", "0.0.0")
	b = kvInt(b, "process_id", int64(os.Getpid()))
	b = kv(b, "process_supervised", "no")
	b = kv(b, "run_id", runID)
	b = kv(b, "tcp_port", port)
	b = kvInt(b, "server_time_usec", now.UnixMicro())
	b = kvInt(b, "uptime_in_seconds", uptime)
	b = kvInt(b, "uptime_in_days", uptime/86400)
	b = kvInt(b, "hz", int64(e.opts.Hz))
	b = kvInt(b, "configured_hz", int64(e.opts.Hz))
	b = kvInt(b, "lru_clock", now.Unix()&(1<<24-1))
	b = kv(b, "executable", exe)
	b = kv(b, "config_file", e.cfg.File)
	b = kv(b, "io_threads_active", "0")
	b = append(b, "listener0:name=tcp"...)
	for _, addr := range strings.Fields(e.cfgValue("bind", "")) {
		b = append(b, ",bind="...)
		b = append(b, addr...)
	}
	b = append(b, ",port="...)
	b = append(b, port...)
	return append(b, '\r', '\n')
}

func infoClients(e *Engine, b []byte) []byte {
	b = append(b, "# Clients\r\n"...)
	b = kvInt(b, "connected_clients", int64(e.ConnectedClients()))
	b = kv(b, "cluster_connections", "0")
	b = kvInt(b, "maxclients", int64(e.cfg.MaxClients()))
	b = kvZeros(b, "client_recent_max_input_buffer", "client_recent_max_output_buffer")
	b = kvInt(b, "blocked_clients", e.blk.count.Load())
	b = kvZeros(b, "tracking_clients")
	b = kvInt(b, "pubsub_clients", e.PubsubClients())
	b = kvInt(b, "watching_clients", e.WatchingClients())
	b = kvInt(b, "clients_in_timeout_table", e.blk.count.Load())
	b = kvInt(b, "total_watched_keys", e.WatchedKeys())
	b = kvInt(b, "total_blocking_keys", e.blk.keys.Load())
	return kvZeros(b, "total_blocking_keys_on_nokey")
}

func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func infoMemory(e *Engine, b []byte) []byte {
	m := e.MemoryStats()
	peak := e.srv.memPeak.Load()
	dataset := m.SlabInUse + m.ObjBytes
	overhead := m.Used - dataset
	maxmem, _ := ParseMemory(e.cfgValue("maxmemory", "0"))
	b = append(b, "# Memory\r\n"...)
	b = kvHuman(b, "used_memory", m.Used)
	b = kvHuman(b, "used_memory_rss", m.RSS)
	b = kvHuman(b, "used_memory_peak", peak)
	b = kvFloat(b, "used_memory_peak_perc", 100*ratio(m.Used, peak), "%")
	b = kvInt(b, "used_memory_overhead", overhead)
	b = kvInt(b, "used_memory_startup", 0)
	b = kvInt(b, "used_memory_dataset", dataset)
	b = kvFloat(b, "used_memory_dataset_perc", 100*ratio(dataset, m.Used), "%")
	active := m.SlabMapped + m.HeapBytes // chunks free in mapped pages count as active
	b = kvInt(b, "allocator_allocated", m.Used)
	b = kvInt(b, "allocator_active", active)
	b = kvInt(b, "allocator_resident", m.RSS)
	b = kvHuman(b, "total_system_memory", totalSystemMemory())
	b = kvInt(b, "used_memory_lua", 0)
	b = kvInt(b, "used_memory_vm_eval", 0)
	b = kv(b, "used_memory_lua_human", "0B")
	b = kvZeros(b, "used_memory_scripts_eval", "number_of_cached_scripts", "number_of_functions",
		"number_of_libraries", "used_memory_vm_functions")
	b = kvHuman(b, "used_memory_vm_total", 0)
	b = kvZeros(b, "used_memory_functions")
	b = kvHuman(b, "used_memory_scripts", 0)
	b = kvHuman(b, "maxmemory", maxmem)
	b = kv(b, "maxmemory_policy", e.cfgValue("maxmemory-policy", "noeviction"))
	b = kvFloat(b, "allocator_frag_ratio", ratio(active, m.Used), "")
	b = kvInt(b, "allocator_frag_bytes", active-m.Used)
	b = kvFloat(b, "allocator_rss_ratio", ratio(m.RSS, active), "")
	b = kvInt(b, "allocator_rss_bytes", m.RSS-active)
	b = kvFloat(b, "rss_overhead_ratio", 1, "")
	b = kvInt(b, "rss_overhead_bytes", 0)
	b = kvFloat(b, "mem_fragmentation_ratio", ratio(m.RSS, m.Used), "")
	b = kvInt(b, "mem_fragmentation_bytes", m.RSS-m.Used)
	b = kvZeros(b, "mem_not_counted_for_evict", "mem_replication_backlog", "mem_total_replication_buffers",
		"mem_clients_slaves")
	b = kvInt(b, "mem_clients_normal", int64(e.ConnectedClients())*int64(unsafe.Sizeof(Client{})))
	b = kvZeros(b, "mem_cluster_links", "mem_aof_buffer")
	b = kv(b, "mem_allocator", "go")
	return kvZeros(b, "active_defrag_running", "lazyfree_pending_objects", "lazyfreed_objects")
}

func infoPersistence(e *Engine, b []byte) []byte {
	b = append(b, "# Persistence\r\n"...)
	b = kvZeros(b, "loading", "async_loading", "current_cow_peak", "current_cow_size", "current_cow_size_age")
	b = kv(b, "current_fork_perc", "0.00")
	b = kvZeros(b, "current_save_keys_processed", "current_save_keys_total")
	b = kvInt(b, "rdb_changes_since_last_save", e.dirty.Load())
	bg := e.bgInfo()
	b = kv(b, "rdb_bgsave_in_progress", bg.rdbRunning)
	b = kvInt(b, "rdb_last_save_time", e.lastSave.Load())
	b = kv(b, "rdb_last_bgsave_status", bg.rdbStatus)
	b = kvInt(b, "rdb_last_bgsave_time_sec", bg.rdbLastSecs)
	b = kvInt(b, "rdb_current_bgsave_time_sec", bg.rdbCurSecs)
	b = kvInt(b, "rdb_saves", e.rdb.saves.Load())
	b = kvZeros(b, "rdb_last_cow_size")
	b = kvInt(b, "rdb_last_load_keys_expired", e.rdb.expiredKeys.Load())
	b = kvInt(b, "rdb_last_load_keys_loaded", e.rdb.loadedKeys.Load())
	b = kv(b, "aof_enabled", bg.aofEnabled)
	b = kv(b, "aof_rewrite_in_progress", bg.aofRunning)
	b = kv(b, "aof_rewrite_scheduled", bg.aofScheduled)
	b = kvInt(b, "aof_last_rewrite_time_sec", bg.aofLastSecs)
	b = kvInt(b, "aof_current_rewrite_time_sec", bg.aofCurSecs)
	b = kv(b, "aof_last_bgrewrite_status", bg.aofStatus)
	b = kvInt(b, "aof_rewrites", bg.rewrites)
	b = kvZeros(b, "aof_rewrites_consecutive_failures")
	b = kv(b, "aof_last_write_status", bg.writeStatus)
	b = kvZeros(b, "aof_last_cow_size", "module_fork_in_progress", "module_fork_last_cow_size")
	if l := e.persist.aof; l != nil {
		st := l.Stats()
		b = kvInt(b, "aof_current_size", st.CurrentSize)
		b = kvInt(b, "aof_base_size", st.BaseSize)
		b = kvZeros(b, "aof_pending_rewrite")
		b = kvInt(b, "aof_buffer_length", st.PendingBytes)
		b = kv(b, "aof_pending_bio_fsync", map[bool]string{false: "0", true: "1"}[st.PendingBioFsync])
		b = kvInt(b, "aof_delayed_fsync", st.DelayedFsync)
	}
	return b
}

func infoStats(e *Engine, b []byte) []byte {
	hits, misses := e.KeyspaceStats()
	_, errTotal := e.srv.errorStats()
	b = append(b, "# Stats\r\n"...)
	b = kvInt(b, "total_connections_received", e.clients.total.Load())
	b = kvInt(b, "total_commands_processed", e.TotalCommands())
	b = kvInt(b, "instantaneous_ops_per_sec", e.srv.opsPerSec())
	b = kvZeros(b, "total_net_input_bytes", "total_net_output_bytes", "total_net_repl_input_bytes",
		"total_net_repl_output_bytes")
	for _, k := range []string{"instantaneous_input_kbps", "instantaneous_output_kbps",
		"instantaneous_input_repl_kbps", "instantaneous_output_repl_kbps"} {
		b = kv(b, k, "0.00")
	}
	b = kvZeros(b, "rejected_connections", "sync_full", "sync_partial_ok", "sync_partial_err")
	b = kvInt(b, "expired_keys", e.ExpiredKeys())
	b = kv(b, "expired_stale_perc", "0.00")
	b = kvZeros(b, "expired_time_cap_reached_count", "expire_cycle_cpu_milliseconds", "evicted_keys",
		"evicted_clients", "total_eviction_exceeded_time", "current_eviction_exceeded_time")
	b = kvInt(b, "keyspace_hits", hits)
	b = kvInt(b, "keyspace_misses", misses)
	b = kvInt(b, "pubsub_channels", e.PubsubChannels())
	b = kvInt(b, "pubsub_patterns", e.PubsubPatterns())
	b = kvInt(b, "pubsubshard_channels", e.PubsubShardChannels())
	b = kvZeros(b, "latest_fork_usec",
		"total_forks", "migrate_cached_sockets", "slave_expires_tracked_keys", "active_defrag_hits",
		"active_defrag_misses", "active_defrag_key_hits", "active_defrag_key_misses",
		"total_active_defrag_time", "current_active_defrag_time", "tracking_total_keys",
		"tracking_total_items", "tracking_total_prefixes", "unexpected_error_replies")
	b = kvInt(b, "total_error_replies", errTotal)
	b = kvZeros(b, "dump_payload_sanitizations", "total_reads_processed", "total_writes_processed",
		"io_threaded_reads_processed", "io_threaded_writes_processed",
		"client_query_buffer_limit_disconnections")
	b = kvInt(b, "client_output_buffer_limit_disconnections", e.OutputLimitDisconnects())
	return kvZeros(b,
		"reply_buffer_shrinks", "reply_buffer_expands", "eventloop_cycles", "eventloop_duration_sum",
		"eventloop_duration_cmd_sum", "instantaneous_eventloop_cycles_per_sec",
		"instantaneous_eventloop_duration_usec", "acl_access_denied_auth", "acl_access_denied_cmd",
		"acl_access_denied_key", "acl_access_denied_channel")
}

func infoReplication(e *Engine, b []byte) []byte {
	_, replID := e.srv.ids()
	b = append(b, "# Replication\r\n"...)
	b = kv(b, "role", "master")
	b = kv(b, "connected_slaves", "0")
	b = kv(b, "master_failover_state", "no-failover")
	b = kv(b, "master_replid", replID)
	b = kv(b, "master_replid2", "0000000000000000000000000000000000000000")
	b = kv(b, "master_repl_offset", "0")
	b = kv(b, "second_repl_offset", "-1")
	b = kv(b, "repl_backlog_active", "0")
	b = kv(b, "repl_backlog_size", "1048576")
	b = kv(b, "repl_backlog_first_byte_offset", "0")
	return kv(b, "repl_backlog_histlen", "0")
}

// appendTimeval formats seconds.microseconds as Redis's "%ld.%06ld".
func appendTimeval(b []byte, k string, tv unix.Timeval) []byte {
	b = append(b, k...)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(tv.Sec), 10)
	b = append(b, '.')
	us := strconv.AppendInt(nil, 1000000+int64(tv.Usec), 10)
	b = append(b, us[1:]...)
	return append(b, '\r', '\n')
}

func infoCPU(_ *Engine, b []byte) []byte {
	var self, children, thread unix.Rusage
	_ = unix.Getrusage(unix.RUSAGE_SELF, &self)
	_ = unix.Getrusage(unix.RUSAGE_CHILDREN, &children)
	_ = unix.Getrusage(unix.RUSAGE_THREAD, &thread)
	b = append(b, "# CPU\r\n"...)
	b = appendTimeval(b, "used_cpu_sys", self.Stime)
	b = appendTimeval(b, "used_cpu_user", self.Utime)
	b = appendTimeval(b, "used_cpu_sys_children", children.Stime)
	b = appendTimeval(b, "used_cpu_user_children", children.Utime)
	b = appendTimeval(b, "used_cpu_sys_main_thread", thread.Stime)
	return appendTimeval(b, "used_cpu_user_main_thread", thread.Utime)
}

// infoCommandStats lists every command and subcommand that was called,
// rejected or failed, by name.
func infoCommandStats(_ *Engine, b []byte) []byte {
	b = append(b, "# Commandstats\r\n"...)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	line := func(b []byte, cmd *Command) []byte {
		st := cmd.Stats()
		if st.Calls == 0 && st.Rejected == 0 && st.Failed == 0 {
			return b
		}
		b = append(b, "cmdstat_"...)
		b = append(b, cmd.Name...)
		b = append(b, ":calls="...)
		b = strconv.AppendInt(b, st.Calls, 10)
		b = append(b, ",usec="...)
		b = strconv.AppendInt(b, st.Usec, 10)
		b = append(b, ",usec_per_call="...)
		per := 0.0
		if st.Calls > 0 {
			per = float64(st.Usec) / float64(st.Calls)
		}
		b = strconv.AppendFloat(b, per, 'f', 2, 64)
		b = append(b, ",rejected_calls="...)
		b = strconv.AppendInt(b, st.Rejected, 10)
		b = append(b, ",failed_calls="...)
		b = strconv.AppendInt(b, st.Failed, 10)
		return append(b, '\r', '\n')
	}
	for _, n := range names {
		cmd := commands[n]
		b = line(b, cmd)
		subs := make([]string, 0, len(cmd.Sub))
		for s := range cmd.Sub {
			subs = append(subs, s)
		}
		sort.Strings(subs)
		for _, s := range subs {
			b = line(b, cmd.Sub[s])
		}
	}
	return b
}

func infoErrorStats(e *Engine, b []byte) []byte {
	b = append(b, "# Errorstats\r\n"...)
	counts, _ := e.srv.errorStats()
	codes := make([]string, 0, len(counts))
	for k := range counts {
		codes = append(codes, k)
	}
	sort.Strings(codes)
	for _, k := range codes {
		b = append(b, "errorstat_"...)
		b = append(b, k...)
		b = append(b, ":count="...)
		b = strconv.AppendInt(b, counts[k], 10)
		b = append(b, '\r', '\n')
	}
	return b
}

// avgTTLSamples bounds the volatile keys sampled per shard and database for
// avg_ttl, which Redis also only estimates.
const avgTTLSamples = 16

func infoKeyspace(e *Engine, b []byte) []byte {
	b = append(b, "# Keyspace\r\n"...)
	now := time.Now().UnixMilli()
	for db := 0; db < e.opts.Databases; db++ {
		var keys, expires, ttlSum, ttlN int64
		for i := range e.shards {
			sh := &e.shards[i]
			sh.lock()
			d := &sh.dbs[db]
			keys += int64(d.count)
			expires += int64(len(d.vol))
			for j := 0; j < len(d.vol) && j < avgTTLSamples; j++ {
				if ttl := sh.rec(d.vol[j]).expireAt() - now; ttl > 0 {
					ttlSum += ttl
					ttlN++
				}
			}
			sh.mu.Unlock()
		}
		if keys == 0 {
			continue
		}
		avg := int64(0)
		if ttlN > 0 {
			avg = ttlSum / ttlN
		}
		b = append(b, "db"...)
		b = strconv.AppendInt(b, int64(db), 10)
		b = append(b, ":keys="...)
		b = strconv.AppendInt(b, keys, 10)
		b = append(b, ",expires="...)
		b = strconv.AppendInt(b, expires, 10)
		b = append(b, ",avg_ttl="...)
		b = strconv.AppendInt(b, avg, 10)
		b = append(b, '\r', '\n')
	}
	return b
}
