# Two commands for a newcomer on Debian with Swift 6:
#   make run    builds and serves the demo seed on http://127.0.0.1:8080
#   make test   builds and runs every test
# Both install the C libraries they need first.

SWIFT       ?= swift
SWIFT_FLAGS ?= -Xswiftc -warnings-as-errors
APT_PACKAGES = libmicrohttpd-dev libsqlite3-dev pkg-config
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build deps release clean

run: build
	$(SWIFT) run $(SWIFT_FLAGS) actions-emulator $(ARGS)

test: deps
	$(SWIFT) build --build-tests $(SWIFT_FLAGS)
	$(SWIFT) test --skip-build

build: deps
	$(SWIFT) build $(SWIFT_FLAGS)

release: deps
	$(SWIFT) build -c release $(SWIFT_FLAGS)

# Installs the Debian packages only when pkg-config cannot find the libraries.
deps:
	@if ! pkg-config --exists libmicrohttpd sqlite3 2>/dev/null; then \
		echo "installing $(APT_PACKAGES)"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi

clean:
	rm -rf .build
