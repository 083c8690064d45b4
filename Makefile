# indigate — the two commands of the README, and their parts.
SWIFT ?= swift
BIN = .build/debug/indigate
CONFIG ?= config/indigate.yaml

.PHONY: all deps build run test bench clean mailstack-stop format

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

# The integration tests talk to a real Postfix (SMTP 127.0.0.1:14025) and Dovecot (IMAP
# 127.0.0.1:14143) started here from testing/mailstack/ (scripts/mailstack.sh).
# `swift test` alone runs the in-process suites and names the system suites it skips;
# INDIGATE_SYSTEM_TESTS=1 runs those too (Postfix and Dovecot, root and tmpfs, Python's corpus).
test:
	@scripts/install-deps.sh --test
	scripts/mailstack.sh start
	$(SWIFT) build --build-tests
	INDIGATE_SYSTEM_TESTS=1 $(SWIFT) test --skip-build

# Speed measurements (release build): reports over a generated region of 2,300 organisations
# × 14 indicators × 24 rounds.
bench: deps
	$(SWIFT) build -c release --product indigate
	.build/release/indigate bench --organizations 2300 --indicators 14 --rounds 24

mailstack-stop:
	scripts/mailstack.sh stop

clean:
	rm -rf .build

# One swift-format configuration (.swift-format), applied to everything.
format:
	$(SWIFT) format -i -r Sources Tests Package.swift
