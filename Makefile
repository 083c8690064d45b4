# indigate — the two commands of the README, and their parts.
SWIFT ?= swift
BIN = .build/debug/indigate
CONFIG ?= config/indigate.yaml

.PHONY: all deps build run test clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

# Set up var/ (idempotent: migrates the database and reloads the catalogue and organisations)
# and run the daemon on the embedded default (Maildir in var/mail/inbox, out var/mail/outbox).
run: build
	$(BIN) init --config $(CONFIG)
	exec $(BIN) serve --config $(CONFIG)

test:
	@scripts/install-deps.sh --test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build
