# Dateline. `make run` serves the bundled dataset on :8000; `make test`
# checks everything, browser tests included.

GO      ?= go
ADDR    ?= :8000
BIN     := bin/dateline
WASM    := web/app.wasm
GOFILES := $(shell find . -name '*.go' -not -path '*/node_modules/*')
# What the binaries are built from: not tests, tools, benchmarks or their
# helpers in internal/.
SRCFILES := $(filter-out %_test.go ./tests/% ./bench/% ./tools/% ./internal/%,$(GOFILES))
WEBFILES := $(shell find web -type f -not -name 'app.wasm*')
# Other files the host embeds (go:embed): its service worker and scripts.
EMBEDFILES := $(wildcard app/site/*.js)

.PHONY: all build run test vet fmt-check browser-deps node-deps validate fuzz bench audit clean

all: build

build: $(BIN)

# app.wasm: the client, without the host's code (build tags), stripped.
# WASM_LDFLAGS= (empty, after make clean) keeps function names, for
# go run ./bench -profile.
WASM_LDFLAGS ?= -s -w
$(WASM): $(SRCFILES) go.mod go.sum
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="$(WASM_LDFLAGS)" -o $@ .

# Brotli and gzip forms, made once per build rather than per request.
$(WASM).br: $(WASM)
	$(GO) run ./tools/precompress $(WASM)

# The host embeds web/ (app.wasm included) and the bundled dataset.
$(BIN): $(WASM).br $(SRCFILES) $(WEBFILES) $(EMBEDFILES) articles.json go.mod go.sum
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

# Debian packages the tests need: Chromium (browser tests), nginx and Caddy
# (static hosting), a Java runtime (the W3C Nu Html Checker) and Noto's
# Arabic-script faces (screenshots of right-to-left editions). Installed
# when missing and we are root, otherwise a clear stop. Browser tests are
# never skipped.
APT_NEEDS := chromium:chromium nginx:/usr/sbin/nginx caddy:/usr/bin/caddy default-jre-headless:java \
	fonts-noto-core:/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf

browser-deps:
	@missing=""; for need in $(APT_NEEDS); do pkg=$${need%%:*}; cmd=$${need#*:}; \
	  { [ -e $$cmd ] || command -v $$cmd >/dev/null 2>&1; } || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing$$missing with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
	      || { echo "apt-get install$$missing failed"; exit 1; }; \
	  else \
	    echo "missing Debian packages:$$missing (apt-get install$$missing), then run make test again"; exit 1; \
	  fi; \
	fi

# npm packages (axe-core for the accessibility tests, vnu-jar for the
# markup tests) from the committed lock. Their install scripts are not run:
# vnu-jar's would fetch a Java runtime, which Debian's package gives.
node-deps: tests/browser/node_modules/.package-lock.json

tests/browser/node_modules/.package-lock.json: tests/browser/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing: install Node.js and npm, then run make test again"; exit 1; }
	npm ci --prefix tests/browser --no-audit --no-fund --ignore-scripts

# Three tests at a time, not Go's default of one a core: most of the
# browser tests' time is spent waiting (the worker's install, a page's
# timers, a host's start), and on 2 cores the browser suite took 824 s
# at two (1,267 s of test time) and 641 s at three. Not four: 1,042 s
# (2,038 s of CPU) against 935 s at three, the 2 cores already busy (each
# test starts its own Chromium, about 1 s of CPU, some 200 s in all). Go's
# timeout for a package is 30 minutes: the browser tests took 714 to 863 s on the same
# 2 cores on other days, and a slower machine must not fail them for time.
TEST_PARALLEL ?= 3
test: fmt-check vet build browser-deps node-deps
	DATELINE_BIN=$(CURDIR)/$(BIN) $(GO) test -count=1 -parallel $(TEST_PARALLEL) -timeout 30m ./...

# Fuzz the dataset reader, the JSON reader and the importer for FUZZTIME
# each; the seed corpora under testdata/fuzz are replayed by make test.
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzLoad$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=10s ./app/dataset
	$(GO) test -run='^$$' -fuzz='^FuzzReader$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=10s ./app/jsonread
	$(GO) test -run='^$$' -fuzz='^FuzzImport$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=10s ./app/importer
	$(GO) test -run='^$$' -fuzz='^FuzzParse$$' -fuzztime=$(FUZZTIME) -fuzzminimizetime=10s ./app/page

# Benchmarks and Lighthouse audit (BENCHMARKS.md): markdown on stdout,
# progress on stderr. BENCH_FLAGS=-quick for a smoke check.
BENCH_FLAGS ?=

bench: build bench/node_modules/.package-lock.json
	DATELINE_BIN=$(CURDIR)/$(BIN) GO=$(GO) $(GO) run ./bench $(BENCH_FLAGS)

bench/node_modules/.package-lock.json: bench/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing: install Node.js and npm, then run make audit again"; exit 1; }
	npm ci --prefix bench --no-audit --no-fund

audit: build bench/node_modules/.package-lock.json
	DATELINE_BIN=$(CURDIR)/$(BIN) $(GO) run ./bench -audit $(BENCH_FLAGS)

clean:
	rm -rf bin $(WASM) $(WASM).br $(WASM).gz
