#!/usr/bin/env bash
# Soak: the kill test with more kills than `make test` runs (default 500).
# Usage: scripts/soak.sh [KILLS]   (as root: it starts the loopback mail stack)
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-500}"
scripts/install-deps.sh --test
scripts/mailstack.sh start
swift build --build-tests
INDIGATE_KILL_TRIALS="$kills" swift test --skip-build --filter KillTests
cat "${TMPDIR:-/tmp}/indigate-kill-report.txt"; echo
