package engine

import (
	"runtime/metrics"
	"strconv"
	"sync"
	"time"
)

// The memory of a running script is bounded: gopher-lua allocates its
// tables and strings on the Go heap with no hook, so a watchdog samples
// the heap every scriptMemTick while a script runs and stops one that has
// grown it by more than script-max-memory since it was first seen. The
// script's caller gets an error; the VM, whose context is cancelled, is
// replaced, which frees what the script held. As with SHUTDOWN NOSAVE, a
// script stopped this way keeps the writes it made before.

// scriptMemTick is how often the watchdog samples: often enough that a
// script allocating at Go's full speed overshoots by tens of megabytes at
// most, rare enough to cost nothing measurable.
const scriptMemTick = 10 * time.Millisecond

// defaultScriptMaxMemory bounds a script's heap growth: far above any
// script a Redis user runs, far below a machine's memory.
const defaultScriptMaxMemory = 512 << 20

// scriptWatch is the watchdog's state.
type scriptWatch struct {
	once     sync.Once
	run      *scriptRun // the run being watched
	baseline int64      // heap bytes when it was first seen
	sample   []metrics.Sample
}

// registerScriptMemParam adds script-max-memory (0: unbounded).
func (c *Config) registerScriptMemParam() {
	c.scriptMaxMem.Store(defaultScriptMaxMemory)
	c.Register(Param{Name: "script-max-memory",
		Get: func() string { return strconv.FormatInt(c.scriptMaxMem.Load(), 10) },
		Set: func(v string) error {
			n, err := ParseMemory(v)
			if err == nil {
				c.scriptMaxMem.Store(n)
			}
			return err
		}})
}

// watchScripts starts the watchdog once, at the first script.
func (e *Engine) watchScripts() {
	e.scriptMem.once.Do(func() {
		e.scriptMem.sample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		e.cronDone.Add(1)
		go e.scriptWatchdog()
	})
}

func (e *Engine) scriptWatchdog() {
	defer e.cronDone.Done()
	t := time.NewTicker(scriptMemTick)
	defer t.Stop()
	w := &e.scriptMem
	for {
		select {
		case <-e.stopCron:
			return
		case <-t.C:
		}
		r := e.scripts.run.Load()
		if r == nil {
			w.run = nil
			continue
		}
		metrics.Read(w.sample)
		heap := int64(w.sample[0].Value.Uint64())
		if r != w.run {
			w.run, w.baseline = r, heap
			continue
		}
		if limit := e.cfg.scriptMaxMem.Load(); limit > 0 && heap-w.baseline > limit {
			e.logf("Stopping a script that used more than script-max-memory (%d bytes)", limit)
			r.memKilled.Store(true)
			r.killed.Store(true)
			r.vm.cancel()
		}
	}
}
