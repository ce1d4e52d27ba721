# Two commands for a newcomer on Debian with Swift 6:
#   make run    builds and serves the demo seed on http://127.0.0.1:8080
#   make test   builds and runs every test
# Both install the C libraries they need first.

SWIFT       ?= swift
SWIFT_FLAGS ?= -Xswiftc -warnings-as-errors
APT_PACKAGES = libmicrohttpd-dev libsqlite3-dev zlib1g-dev nettle-dev libgnutls28-dev libcurl4-gnutls-dev pkg-config
# Real clients the tests drive: gh, Ruby Octokit (with ruby-jwt), Go's go-github (with
# golang-jwt, built in GOPATH mode) and headless chromium (driven by selenium) from Debian,
# Python clients from PyPI.
CLIENT_APT   = gh ruby ruby-octokit ruby-minitest ruby-jwt openssl golang-go golang-github-google-go-github-dev \
               golang-github-golang-jwt-jwt-dev webhook python3-venv chromium chromium-driver
VENV        ?= .venv
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test swift-test client-test docker-check build deps client-deps release bench bench-deps sanitize sanitize-address fuzz soak smoke clean

run: build
	$(SWIFT) run $(SWIFT_FLAGS) actions-emulator $(ARGS)

test: swift-test client-test

swift-test: deps
	$(SWIFT) build --build-tests $(SWIFT_FLAGS)
	$(SWIFT) test --skip-build
	$(SWIFT) run --skip-build fuzz requests Tests/fuzz/corpus/requests
	$(SWIFT) run --skip-build fuzz seeds Tests/fuzz/corpus/seeds

# githubkit, PyGithub, Ruby Octokit and gh against the built executable.
client-test: build client-deps
	$(VENV)/bin/python -m pytest -v Tests/clients

build: deps
	$(SWIFT) build $(SWIFT_FLAGS)

# Static Swift runtime, as the Docker image ships it: starts faster, and docker-check reuses it.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib $(SWIFT_FLAGS)

# Installs the Debian packages only when pkg-config cannot find the libraries.
deps:
	@if ! pkg-config --exists libmicrohttpd sqlite3 zlib nettle hogweed gnutls libcurl 2>/dev/null; then \
		echo "installing $(APT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi

# Installs the client packages when one is missing, and the Python venv when the pins change.
client-deps:
	@if ! command -v gh >/dev/null || ! ruby -e 'require "octokit"; require "minitest"; require "jwt"' 2>/dev/null \
		|| ! command -v openssl >/dev/null || ! python3 -m venv --help >/dev/null 2>&1 \
		|| ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v go >/dev/null || ! command -v webhook >/dev/null \
		|| [ ! -d /usr/share/gocode/src/github.com/google/go-github ] || [ ! -d /usr/share/gocode/src/github.com/golang-jwt/jwt ]; then \
		echo "installing $(CLIENT_APT)"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(CLIENT_APT); \
	fi
	@if ! cmp -s Tests/clients/requirements.txt $(VENV)/requirements.txt; then \
		python3 -m venv $(VENV) && $(VENV)/bin/pip install -q -r Tests/clients/requirements.txt \
		&& cp Tests/clients/requirements.txt $(VENV)/requirements.txt; \
	fi

# The Docker image's runtime stage, verified without a Docker engine (needs root): the
# Dockerfile's package list in a debootstrapped bookworm, the static binary run there as the
# image's user in a network namespace of its own, and docs/docker.md's commands run against it
# from the host. Builds the binary as the Dockerfile does.
docker-check: deps
	@command -v debootstrap >/dev/null && command -v strip >/dev/null && command -v curl >/dev/null && command -v ip >/dev/null \
		|| ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq debootstrap binutils curl iproute2)
	$(SWIFT) build -c release --static-swift-stdlib --product actions-emulator $(SWIFT_FLAGS)
	$(SUDO) bash Tests/docker/check.sh

# The Swift tests under AddressSanitizer (LeakSanitizer included) and ThreadSanitizer, each in
# its own build folder; then the ASan build serves 10 000 mixed requests and stops, and
# LeakSanitizer checks it at exit. Tests/sanitizers/lsan.supp names the test runner's own leaks,
# asan.supp a bug of Foundation's Process that the tests' launcher trips.
SANITIZER_SUPPRESSIONS = LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/sanitizers/lsan.supp \
	ASAN_OPTIONS=suppressions=$(CURDIR)/Tests/sanitizers/asan.supp
sanitize: sanitize-address
	$(SWIFT) build --build-tests --scratch-path .build-tsan --sanitize=thread
	TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --skip-build --scratch-path .build-tsan --sanitize=thread

sanitize-address: deps
	$(SWIFT) build --build-tests --scratch-path .build-asan --sanitize=address
	$(SANITIZER_SUPPRESSIONS) $(SWIFT) test --skip-build --scratch-path .build-asan --sanitize=address
	python3 Tests/sanitizers/serve_requests.py .build-asan/debug/actions-emulator 10000

# What CI runs beside make test: short fuzzing (debug build), the ASan half of make sanitize
# and a 30-second soak. The full versions are make fuzz, make sanitize and make soak.
smoke:
	$(MAKE) fuzz FUZZ_SECONDS=15 FUZZ_CONFIG=debug
	$(MAKE) sanitize-address
	$(MAKE) soak SOAK_SECONDS=30

# libFuzzer over requests (router, query parsing, rules, handlers, control API) and over seed
# documents, FUZZ_SECONDS each from Tests/fuzz/corpus. make test replays that corpus.
FUZZ_SECONDS ?= 300
FUZZ_CONFIG  ?= release
fuzz: deps
	$(SWIFT) build -c $(FUZZ_CONFIG) --scratch-path .build-fuzz --product fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
	bash Tests/fuzz/run.sh .build-fuzz/$(FUZZ_CONFIG)/fuzz $(FUZZ_SECONDS)

# 64 connections of mixed requests and control-API writes for SOAK_SECONDS against the release
# build: no 5xx or errors, RSS flat from the first minute to the last, no descriptor growth.
SOAK_SECONDS ?= 600
soak: release
	@command -v wrk >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk)
	python3 Tests/soak/soak.py $(SOAK_SECONDS)

# Benchmarks beside nginx, raw libmicrohttpd, a Go net/http stub, gunicorn+Flask and Python's sqlite3
# (Benchmarks/bench.py; about ten minutes and 4 GB of disk), written into docs/benchmarks.md
# and README.md. BENCH_ARGS replaces the options, e.g. BENCH_ARGS="--only throughput --seconds 5".
BENCH_ARGS ?= --update-docs
BENCH_APT  = wrk nginx-light gcc golang-go valgrind python3-venv
BENCH_VENV ?= .venv-bench
bench: release bench-deps
	$(BENCH_VENV)/bin/python Benchmarks/bench.py --python $(CURDIR)/$(BENCH_VENV)/bin/python $(BENCH_ARGS)

bench-deps:
	@if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null || ! command -v gcc >/dev/null \
		|| ! command -v go >/dev/null || ! command -v valgrind >/dev/null || ! python3 -m venv --help >/dev/null 2>&1; then \
		echo "installing $(BENCH_APT)"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(BENCH_APT); \
	fi
	@if ! cmp -s Benchmarks/requirements.txt $(BENCH_VENV)/requirements.txt; then \
		python3 -m venv $(BENCH_VENV) && $(BENCH_VENV)/bin/pip install -q -r Benchmarks/requirements.txt \
		&& cp Benchmarks/requirements.txt $(BENCH_VENV)/requirements.txt; \
	fi

clean:
	rm -rf .build .build-docker .build-asan .build-tsan .build-fuzz $(VENV) $(BENCH_VENV)
