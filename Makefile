# Updraft: build, run, test, benchmark, fuzz, lint.
GO      ?= go
BIN     := bin/updraft
PKGS    := ./...
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
FUZZTIME ?= 30s
# Packages whose unit tests also run on arm64 under qemu-user.
ARM64_PKGS := ./internal/... ./engine/...

.PHONY: build run test test-unit test-race test-arm64 bench fuzz lint clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/updraft

# Runs the server on 127.0.0.1:6379 with its data directory under ./data.
run: build
	./$(BIN) --dir ./data

# Everything CI checks: vet, unit and integration tests, the race detector on
# the engine and the network front end, and the arm64 build and tests.
test: lint test-unit test-race test-arm64

test-unit: build
	UPDRAFT_BIN=$(CURDIR)/$(BIN) $(GO) test -count=1 $(PKGS)

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

# Side-by-side benchmark against redis-server (see bench/README.md), then
# the Go micro-benchmarks.
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./internal/... ./engine/...

fuzz:
	@for t in $$($(GO) test -list 'Fuzz.*' ./internal/resp | grep ^Fuzz); do \
		$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) ./internal/resp || exit 1; \
	done

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1)
	$(GO) vet $(PKGS)

clean:
	rm -rf bin
