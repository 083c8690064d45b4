#!/usr/bin/env bash
# A real mail stack on loopback for indigate's tests: a private Postfix instance and a
# private Dovecot 2.3, both configured from testing/mailstack/ and writing only under DIR.
#
#   scripts/mailstack.sh start|stop|status [DIR]      (DIR defaults to /tmp/indigate-mailstack)
#
#   127.0.0.1:14025  SMTP, no auth; accepts mail for the test domains only
#   127.0.0.1:14587  SMTP submission, AUTH PLAIN/LOGIN required (any user, password "secret")
#   127.0.0.1:14143  IMAP, user = full address, password "secret"
#   127.0.0.1:14024  LMTP (Postfix -> Dovecot)
#
# The test domains are every *.test domain in the email column of $INDIGATE_ORGS_CSV
# (default config/organizations.csv), plus school.test and example.test; pipe.test is handed
# to `indigate ingest` by a pipe(8) transport (master.cf) as the system user indigate.
# Needs root (Postfix and Dovecot start as root and drop privileges). See
# testing/mailstack/README.md for checks with curl.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TEMPLATES=$ROOT/testing/mailstack
CMD=${1:-}
DIR=$(realpath -m "${2:-/tmp/indigate-mailstack}")
ORGS_CSV=${INDIGATE_ORGS_CSV:-$ROOT/config/organizations.csv}
SMTP_PORT=14025 SUBMISSION_PORT=14587 IMAP_PORT=14143 LMTP_PORT=14024
PACKAGES=(postfix dovecot-imapd dovecot-lmtpd)

usage() { echo "usage: $0 start|stop|status [DIR]" >&2; exit 2; }

# Prints the first line the server on 127.0.0.1:$1 sends, then says goodbye ($2).
banner() {
  local line
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  IFS= read -r -t 3 line <&3 || { exec 3>&-; return 1; }
  printf '%s\r\n' "$2" >&3
  exec 3>&-
  printf '%s\n' "${line%$'\r'}"
} 2>/dev/null
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
smtp_up() { [[ $(banner "$SMTP_PORT" QUIT) == "220 "* ]]; }
imap_up() { [[ $(banner "$IMAP_PORT" 'a LOGOUT') == "* OK"* ]]; }

postfix_running() { [ -f "$DIR/postfix/main.cf" ] && postfix -c "$DIR/postfix" status >/dev/null 2>&1; }
# Dovecot deletes master.pid when it exits; a dead master that has not been reaped yet
# (a zombie still passes kill -0) has no pid file any more.
dovecot_pid() {
  local pid
  pid=$(cat "$DIR/dovecot/run/master.pid" 2>/dev/null) || return 1
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}
# This DIR's servers run and answer (not merely something else on the ports); only root
# can ask Postfix, so for other users answering ports must do.
all_up() {
  if [ "$(id -u)" -eq 0 ]; then postfix_running && dovecot_pid >/dev/null || return 1; fi
  smtp_up && imap_up
}

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages; run as root:" >&2
    echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  # Without this the postfix package asks which kind of mail server to configure.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
}

# The *.test domains of the CSV's "email" column (";"-separated, header row first), plus
# school.test and example.test, comma separated. Other domains are never accepted.
test_domains() {
  { awk -F';' '{ gsub(/[\r"]/, "") }
      NR == 1 { for (i = 1; i <= NF; i++) if ($i == "email") col = i; next }
      col && split($col, a, "@") == 2 && tolower(a[2]) ~ /^[a-z0-9.-]+\.test$/ { print tolower(a[2]) }' "$ORGS_CSV"
    printf '%s\n' school.test example.test pipe.test; } | sort -u | paste -sd, - | sed 's/,/, /g'
}

render() { # template destination
  sed -e "s|@DIR@|$DIR|g" -e "s|@DOMAINS@|$DOMAINS|g" "$TEMPLATES/$1" >"$2"
  # Postfix's load_file() keeps re-reading a file changed within the last second or so
  # (a guard against half-written files): a fresh main.cf costs every postfix command ~2 s.
  touch -d '10 seconds ago' "$2"
}

start_dovecot() {
  mkdir -p "$DIR/dovecot/run" "$DIR/dovecot/state" "$DIR/mail"
  chown mail:mail "$DIR/mail"   # mail users run as mail (uid 8)
  render dovecot.conf "$DIR/dovecot.conf"
  # Dovecot keeps the stderr it was started with: a caller's pipe or $(...) would never
  # see EOF. Startup errors go to a file instead and are shown if the start fails.
  dovecot -c "$DIR/dovecot.conf" </dev/null >/dev/null 2>"$DIR/dovecot/startup.log" ||
    { cat "$DIR/dovecot/startup.log" >&2; return 1; }
}

start_postfix() {
  local pf=$DIR/postfix
  # The queue and data directories are siblings of the config directory, not inside it:
  # "postfix check" wants everything under the config directory owned by root.
  mkdir -p "$pf" "$DIR/postfix-queue" "$DIR/postfix-data"
  render main.cf "$pf/main.cf"
  render master.cf "$pf/master.cf"
  printf '%s\n' 'monitoring@pipe.test indigate:' 'bounces@pipe.test indigate:' >"$pf/transport"
  touch -d '10 seconds ago' "$pf/transport"
  chown -R postfix "$DIR/postfix-data"  # without it master dies on its lock file
  # No separate "postfix set-permissions": "postfix start" runs "post-install
  # create-missing", which creates the queue directories with their owners and modes.
  # Output to a file, not a pipe: the new master holds a pipe open for about 2 s.
  postfix -c "$pf" start >"$DIR/postfix-start.log" 2>&1 ||
    { cat "$DIR/postfix-start.log" >&2; return 1; }
}

# Refuses ports held by someone else, e.g. the stack of another DIR: Postfix would even
# share them (seen here: a second master listened on 14025 beside the first).
ports_free() { # port...
  local p
  for p in "$@"; do
    if port_open "$p"; then
      echo "127.0.0.1:$p is taken by another server (another DIR's stack? stop it first)" >&2
      return 1
    fi
  done
}

wait_up() {
  for _ in $(seq 150); do
    all_up && return 0
    sleep 0.1
  done
  echo "mail stack did not come up; logs: $DIR/postfix.log $DIR/dovecot/dovecot.log" >&2
  return 1
}

stop_all() {
  # Both stop asynchronously: wait, so that an immediate start finds the ports free.
  if postfix_running; then
    postfix -c "$DIR/postfix" stop >/dev/null 2>&1 || true
    for _ in $(seq 100); do postfix_running || break; sleep 0.1; done
  fi
  if pid=$(dovecot_pid); then
    kill "$pid"   # Dovecot's master needs 1-2 s to let its log process drain
    for _ in $(seq 100); do dovecot_pid >/dev/null || break; sleep 0.1; done
  fi
}

report() {
  echo "mail stack in $DIR"
  echo "  smtp        127.0.0.1:$SMTP_PORT (no auth, test domains only)"
  echo "  submission  127.0.0.1:$SUBMISSION_PORT (AUTH required, password 'secret')"
  echo "  imap        127.0.0.1:$IMAP_PORT (user = full address, password 'secret')"
  echo "  lmtp        127.0.0.1:$LMTP_PORT"
  echo "  logs        $DIR/postfix.log $DIR/dovecot/dovecot.log"
}

case $CMD in
  start)
    if all_up; then report; exit 0; fi
    install_packages
    [ "$(id -u)" -eq 0 ] || { echo "start needs root" >&2; exit 1; }
    [ -r "$ORGS_CSV" ] || { echo "cannot read $ORGS_CSV (INDIGATE_ORGS_CSV)" >&2; exit 1; }
    DOMAINS=$(test_domains)
    # The user of the pipe(8) transport, as the README's recipe has it (pipe refuses root).
    id indigate >/dev/null 2>&1 ||
      useradd --system --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin indigate
    mkdir -p "$DIR"
    chmod a+x "$DIR"                # Dovecot's mail processes (uid 8) must get through it
    # Postfix first: it creates queue/private, where Dovecot puts its auth socket.
    trap stop_all EXIT              # a failed start leaves nothing half running
    if ! postfix_running; then ports_free $SMTP_PORT $SUBMISSION_PORT; start_postfix; fi
    if ! dovecot_pid >/dev/null; then ports_free $IMAP_PORT $LMTP_PORT; start_dovecot; fi
    wait_up
    trap - EXIT
    report
    ;;
  stop)
    [ "$(id -u)" -eq 0 ] || { echo "stop needs root" >&2; exit 1; }
    stop_all
    echo "mail stack in $DIR stopped"
    ;;
  status)
    rc=0
    if smtp_up; then echo "smtp 127.0.0.1:$SMTP_PORT up"; else echo "smtp 127.0.0.1:$SMTP_PORT down"; rc=1; fi
    if imap_up; then echo "imap 127.0.0.1:$IMAP_PORT up"; else echo "imap 127.0.0.1:$IMAP_PORT down"; rc=1; fi
    exit $rc
    ;;
  *) usage ;;
esac
