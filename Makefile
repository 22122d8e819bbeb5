# Updraft: build, run, test, benchmark, fuzz, lint.
GO      ?= go
BIN     := bin/updraft
PKGS    := ./...
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
FUZZTIME ?= 30s
# Packages whose unit tests also run on arm64 under qemu-user.
ARM64_PKGS := ./internal/... ./persistence/... ./engine/... ./diskann/... ./vector/...

.PHONY: build run test test-unit test-race test-arm64 e2e crash bench bench-types bench-rest fuzz lint clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/updraft

# Runs the server on 127.0.0.1:6379 with its data directory under ./data.
run: build
	./$(BIN) --dir ./data

# Everything CI checks: vet, unit and integration tests, the race detector on
# the engine and the network front end, and the arm64 build and tests.
test: lint test-unit test-race test-arm64

test-unit: build e2e/node_modules/.package-lock.json
	UPDRAFT_BIN=$(CURDIR)/$(BIN) $(GO) test -count=1 $(PKGS)

# The SDKs the end-to-end suite runs (e2e/package.json), installed when npm
# is there; without it the suite skips (and fails under CI=1).
e2e/node_modules/.package-lock.json: e2e/package-lock.json
	@if command -v npm >/dev/null; then cd e2e && npm ci --no-audit --no-fund; \
	else echo "npm not found: the e2e suite will skip"; fi

# The REST API's end-to-end suite alone: the official @upstash/redis SDK
# (e2e/package.json) against the built binary. test-unit runs it too
# (./e2e), once `npm ci` has installed the SDK.
e2e: build
	cd e2e && npm ci --no-audit --no-fund
	UPDRAFT_BIN=$(CURDIR)/$(BIN) $(GO) test -count=1 -v ./e2e

# The crash test at length: kill -9 the server CRASH_CYCLES times per fsync
# policy while writers run, and check every acknowledged write after each
# restart (make test runs 10 cycles).
CRASH_CYCLES ?= 200
crash: build
	UPDRAFT_BIN=$(CURDIR)/$(BIN) $(GO) test -count=1 -timeout 0 -v -run '^TestCrashRecovery$$' ./cmd/updraft -crash-cycles $(CRASH_CYCLES)

test-race:
	$(GO) test -count=1 -race -short ./engine/... ./net/... ./internal/...

# Cross-builds for arm64 and runs the engine's unit tests under qemu-user
# (Debian's qemu-user-static), so the portable code paths are proven.
test-arm64:
	GOARCH=arm64 $(GO) build ./...
	@if command -v qemu-aarch64-static >/dev/null; then \
		GOARCH=arm64 $(GO) test -count=1 -short -exec qemu-aarch64-static $(ARM64_PKGS); \
	elif [ -n "$$CI" ]; then \
		echo "qemu-aarch64-static is missing: .ci/run installs qemu-user-static"; exit 1; \
	else \
		echo "skipping arm64 tests: qemu-aarch64-static not installed"; \
	fi

# Side-by-side benchmark against redis-server (see bench/README.md) with one
# event loop (the per-core comparison) and with one per core, written to
# bench/results/latest.md, then the Go micro-benchmarks. BENCH_ARGS adds
# harness flags, e.g. a quick run:
#   make bench BENCH_ARGS='-rounds 1 -n 100000 -n-pipeline 400000 -mem-keys 100000'
BENCH_ARGS ?=
bench: build
	$(GO) build -o bin/sidebyside ./bench/sidebyside
	./bin/sidebyside -event-loops 1,all $(BENCH_ARGS)
	$(GO) test -run '^$$' -bench . -benchmem ./internal/... ./engine/...

# The data-type suite of the side-by-side benchmark (one event loop), written
# to bench/results/types.md.
TYPE_TESTS := lpush,rpush,lpop,rpop,sadd,hset,spop,zadd,zpopmin,lrange_100,lrange_600,mset,xadd
bench-types: build
	$(GO) build -o bin/sidebyside ./bench/sidebyside
	./bin/sidebyside -event-loops 1 -tests $(TYPE_TESTS) -mem-keys 0 -out bench/results/types.md $(BENCH_ARGS)

# REST API load test: Updraft's HTTP path against a minimal net/http server
# doing the same JSON work on the same engine (bench/resthttp).
bench-rest:
	$(GO) run ./bench/resthttp $(BENCH_ARGS)

# Each native fuzz target for $(FUZZTIME), then $(FUZZ_RAND) random command
# sequences against redis-server (fuzz/README.md).
FUZZ_PKGS := ./internal/resp ./persistence/rdb ./persistence/aof ./fuzz
FUZZ_RAND ?= 2000
# FUZZ_FOR bounds the random run by time instead, e.g. make fuzz FUZZ_FOR=4h FUZZ_RAND=0
FUZZ_FOR ?=
fuzz:
	@for p in $(FUZZ_PKGS); do \
		for t in $$($(GO) test -list 'Fuzz.*' $$p | grep ^Fuzz); do \
			$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$p || exit 1; \
		done; \
	done
	$(GO) test -count=1 -timeout 0 -run '^TestRandom$$' ./fuzz -rand $(FUZZ_RAND) $(if $(FUZZ_FOR),-for $(FUZZ_FOR))

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1)
	$(GO) vet $(PKGS)

clean:
	rm -rf bin
