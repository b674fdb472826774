# Dateline. `make run` serves the bundled dataset on :8000; `make test`
# checks everything, browser tests included.

GO      ?= go
ADDR    ?= :8000
BIN     := bin/dateline
WASM    := web/app.wasm
GOFILES := $(shell find . -name '*.go' -not -path './node_modules/*' -not -path './out/*')
WEBFILES := $(shell find web -type f -not -name 'app.wasm*')

.PHONY: all build run test vet fmt-check unit browser-deps node-deps validate clean

all: build

build: $(BIN)

# app.wasm: the client, without the host's code (build tags), stripped.
$(WASM): $(GOFILES) go.mod go.sum
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $@ .

# Brotli and gzip forms, made once per build rather than per request.
$(WASM).br: $(WASM)
	$(GO) run ./tools/precompress $(WASM)

# The host embeds web/ (app.wasm included) and the bundled dataset.
$(BIN): $(WASM).br $(GOFILES) $(WEBFILES) articles.json go.mod go.sum
	$(GO) build -trimpath -o $@ .

run: build
	$(BIN) -addr $(ADDR)

validate: build
	$(BIN) validate articles.json

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $(GOFILES)); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# Chromium for the browser tests: installed when missing and we are root,
# otherwise a clear stop. Browser tests are never skipped.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || { echo "apt-get install chromium failed"; exit 1; }; \
	  else \
	    echo "chromium is missing: install Debian's chromium package (apt-get install chromium), then run make test again"; exit 1; \
	  fi; }

test: fmt-check vet build browser-deps
	DATELINE_BIN=$(CURDIR)/$(BIN) $(GO) test -count=1 ./...

clean:
	rm -rf bin $(WASM) $(WASM).br $(WASM).gz
