# Minka — two commands: `make run` and `make test`.
GO      ?= go
BIN     := bin/minka
ADDR    ?= :8080
DB      ?= db/minka.sqlite

.PHONY: run build test vet fmt-check demo clean

## run: build and start the server on http://localhost:8080 with the embedded SQLite default
run: build
	./$(BIN) serve -addr $(ADDR) -db $(DB)

## demo: load the VI plan's five workshops and 167 sample participants into $(DB) (only when it has no workshops)
demo: build
	./$(BIN) demo -db $(DB)

build:
	$(GO) build -o $(BIN) ./cmd/minka

## test: formatting, vet and every test with the race detector
test: fmt-check vet
	$(GO) test -race -count=1 ./...

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin
