#!/usr/bin/env bash
# Installs the Debian packages indigate builds with (and, with --test, tests with), if any
# is missing. As root it runs apt-get; otherwise it prints the exact command and fails.
set -euo pipefail
packages=(libgmime-3.0-dev libcurl4-openssl-dev libsqlite3-dev libqpdf-dev libxlsxwriter-dev zlib1g-dev libpoppler-glib8 libcairo2 pkg-config)
# Python's email test messages (many malformed) feed the parser's robustness test.
# systemd for systemd-analyze, which checks the units in deploy/; notmuch, mu (maildir-utils),
# qpdf and GNU time for the benchmark (bench/run.sh, its tiny run in make test); openpyxl fills
# the Excel request form as a clerk would, and LibreOffice Calc saves it again as theirs would.
[ "${1:-}" = "--test" ] && packages+=(libpython3.11-testsuite systemd notmuch maildir-utils qpdf time python3-openpyxl
  libreoffice-calc)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "missing Debian packages; run as root:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
