# indigate — the two commands of the README, and their parts.
SWIFT ?= swift
BIN = .build/debug/indigate
CONFIG ?= config/indigate.yaml

.PHONY: all deps build run test bench fuzz clean mailstack-stop format proto

all: build

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build --product indigate

# Set up var/ (idempotent: migrates the database and reloads the catalogue and organisations)
# and run the daemon on the embedded default (Maildir in var/mail/inbox, out var/mail/outbox).
run: build
	$(BIN) init --config $(CONFIG)
	exec $(BIN) serve --config $(CONFIG)

# The integration tests talk to a real Postfix (SMTP 127.0.0.1:14025) and Dovecot (IMAP
# 127.0.0.1:14143) started here from testing/mailstack/ (scripts/mailstack.sh).
# `swift test` alone runs the in-process suites and names the system suites it skips;
# INDIGATE_SYSTEM_TESTS=1 runs those too (Postfix and Dovecot, root and tmpfs, Python's corpus).
# The suites that run the daemon's async services go in a run of their own: on 2 cores Swift's
# cooperative pool has 2 threads, and the parallel run's synchronous tests hold both for
# seconds at a time, so a service's pass or a 50 ms wake-up waited a minute (CI failed on it).
DAEMON_SUITES = IdleTests|DaemonServiceTests
test:
	@scripts/install-deps.sh --test
	scripts/mailstack.sh start
	$(SWIFT) build --build-tests
	INDIGATE_SYSTEM_TESTS=1 $(SWIFT) test --skip-build --skip '$(DAEMON_SUITES)'
	INDIGATE_SYSTEM_TESTS=1 $(SWIFT) test --skip-build --filter '$(DAEMON_SUITES)'
	bench/run.sh --tiny --indigate $(BIN)
	scripts/fuzz.sh all --smoke

# The release build. Cross-module optimization lets the compiler specialize and inline the
# generic code of the packages (GRDB's statements, Mustache's rendering) into ours: five
# alternating polls of the bench corpus, medians 6.31 -> 6.10 s, faster in all five.
RELEASE_BUILD = $(SWIFT) build -c release --product indigate -Xswiftc -cross-module-optimization

# Speed beside the peers (release build): ingest vs notmuch and mu, send vs smtp-source, the
# reports, a 25 MB attachment; writes BENCHMARKS.md (bench/README.md). About 15 minutes.
bench: deps
	@scripts/install-deps.sh --test
	$(RELEASE_BUILD)
	INDIGATE_BUILD='$(RELEASE_BUILD)' bench/run.sh

# libFuzzer over the parsers (Fuzz/README.md): SECONDS per target, default 60.
SECONDS_EACH ?= 60
fuzz:
	scripts/fuzz.sh all $(SECONDS_EACH)

mailstack-stop:
	scripts/mailstack.sh stop

clean:
	rm -rf .build

# The parse worker's outline (proto/*.proto) as Swift, generated and committed so
# a build needs no protoc: Debian's protobuf-compiler and swift-protobuf's own plugin, built
# from the checkout SwiftPM resolved, so the code matches the library it runs on.
PROTO_PLUGIN_BUILD = .build/protoc-gen-swift
proto:
	apt-get install -y protobuf-compiler
	$(SWIFT) package resolve
	$(SWIFT) build -c release --package-path .build/checkouts/swift-protobuf --scratch-path $(PROTO_PLUGIN_BUILD) --product protoc-gen-swift
	rm -f Sources/IndigateApp/Parse/Generated/*.pb.swift
	protoc --plugin=protoc-gen-swift=$(PROTO_PLUGIN_BUILD)/release/protoc-gen-swift --proto_path=proto \
		--swift_out=Sources/IndigateApp/Parse/Generated proto/*.proto

# One swift-format configuration (.swift-format), applied to everything.
format:
	$(SWIFT) format -i -r Sources Tests Package.swift
