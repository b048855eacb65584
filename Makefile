# Minka — two commands: `make run` and `make test`.
GO      ?= go
BIN     := bin/minka
ADDR    ?= :8080
DB      ?= db/minka.sqlite

.PHONY: run build test test-repeat unit fuzz lint crash-long load check-room vet fmt-check demo clean screenshots

## run: build and start the server on http://localhost:8080 with the embedded SQLite default
run: build
	./$(BIN) serve -addr $(ADDR) -db $(DB)

## demo: load the VI plan's five workshops and 167 sample participants into $(DB) (only when it has no workshops)
demo: build
	./$(BIN) demo -db $(DB)

## build: compile bin/minka (the first build compiles SQLite and every module: a few minutes once)
build:
	@echo "compilando Minka (la primera vez tarda unos minutos)…"
	$(GO) build -o $(BIN) ./cmd/minka

## test: formatting, vet, every test with the race detector (the crash test included), then a short fuzz run
test: fmt-check vet lint unit fuzz

unit:
	$(GO) test -race -count=1 -timeout 30m ./...

## test-repeat: run before saying an issue is resolved: every test REPEAT times (flaky tests show up), then
## each fuzz target for REPEAT_FUZZTIME. Takes long (about REPEAT × the unit tests' time plus 4 × REPEAT_FUZZTIME).
REPEAT          ?= 10
REPEAT_FUZZTIME ?= 1m
test-repeat: fmt-check vet
	$(GO) test -race -count=$(REPEAT) -timeout 180m ./...
	$(MAKE) fuzz FUZZTIME=$(REPEAT_FUZZTIME)

## fuzz: each fuzz target for FUZZTIME (hostile websocket messages, CSV files, score input); go fuzzes one package at a time
FUZZTIME ?= 5s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeMessage$$' -fuzztime $(FUZZTIME) ./internal/live
	$(GO) test -run '^$$' -fuzz '^FuzzHandleMessage$$' -fuzztime $(FUZZTIME) ./internal/live
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./internal/importer
	$(GO) test -run '^$$' -fuzz '^FuzzScoreInput$$' -fuzztime $(FUZZTIME) ./internal/web

## crash-long: the crash test's long mode (100 clients, 8,000 ideas, three kill -9), see docs/CRASH-TEST.md
crash-long:
	MINKA_CRASH_LONG=1 $(GO) test -count=1 -v -run TestCrashRecovery ./internal/crashtest

## screenshots: the README's pictures of the workshop day (docs/screenshots/*.png), taken by the browser tests
screenshots:
	MINKA_DOC_SHOTS=$(CURDIR)/docs/screenshots CI=true $(GO) test -count=1 -timeout 20m \
		-run '^(TestRoomScreenOnProjector|TestOneStepCapture|TestHonestConnectionPill|TestCompactPhoneHeader)$$' ./internal/e2e

## load: the load scenarios of BENCHMARKS.md on 127.0.0.1, Minka and Centrifugo (../shared/anchors) interleaved, one JSON line per run
SCENARIOS ?= fanout-2000,fanout-10000,ceiling-1room,ceiling-50rooms,connect-10000
ROUNDS    ?= 2
load: build
	./$(BIN) load -scenarios $(SCENARIOS) -rounds $(ROUNDS)

## check-room: before a workshop, can this computer hold TABLES tables of PHONES phones?
TABLES ?= 8
PHONES ?= 8
check-room: build
	./$(BIN) check-room -tables $(TABLES) -phones $(PHONES)

vet:
	$(GO) vet ./...

## lint: staticcheck, at a pinned version (go run fetches it through the module proxy the first time)
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
lint:
	$(GO) run $(STATICCHECK) ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin
