#!/usr/bin/env bash
# bench/run.sh — indigate's benchmarks, each beside a peer, written to BENCHMARKS.md.
#
#   bench/run.sh                  full size: 2,300 schools, 4,600 replies, 5 runs each (make bench)
#   bench/run.sh --tiny           20 schools, 40 replies, 1 run each, report in the work folder (make test)
#   INDIGATE=/path/to/indigate bench/run.sh --only ingest,send
#
# Measurements (fresh state for every run; the command lines are in the report):
#   ingest   indigate poll over a Maildir of replies, vs notmuch new and mu init+index on the same copy
#   send     indigate flush of the round's request letters to smtp-sink, vs smtp-source (one session)
#   reports  indigate bench (the reports over 2,300 organisations × 14 indicators × 24 rounds)
#   big      one reply with a 25 MB PDF through poll (isolated parser): peak RSS of daemon and worker
#   micro    the hot path's micro benchmarks (Benchmarks/HotPath, ordo-one/benchmark): one reply parsed
#            and interpreted, one receipt rendered and composed; time and allocations (tiny: each once,
#            from the debug build)
#
# Options and environment:
#   --tiny | SIZE=tiny    the smoke test (fails non-zero on any problem, well under a minute)
#   --indigate PATH | INDIGATE=PATH   the binary (default .build/release/indigate, from the repo root)
#   INDIGATE_BUILD        how that binary was built, for the report (make bench sets it)
#   --only LIST           some of ingest,send,reports,big,micro (default all)
#   --runs N | BENCH_RUNS runs per measurement (default 5; tiny 1)
#   --out FILE | BENCH_OUT  the report (default: BENCHMARKS.md at the repo root; tiny: in the work folder)
#   --work DIR | BENCH_WORK the work folder (default /tmp/indigate-bench-SIZE, emptied first)
#   --keep                keep the work folder (default: kept, but the large run copies are removed)
#   BENCH_SEED            the generators' seed (default 1)
#   --wait-quiet S | BENCH_WAIT_QUIET=S  before each timed command, wait up to S seconds for the
#                         machine to be idle (under 15% CPU over a second); default 0: no check
#
# Needs python3, notmuch, mu (maildir-utils), smtp-sink/smtp-source (postfix), qpdf, GNU time;
# as root it installs what is missing with apt-get.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$REPO/bench"
SIZE=${SIZE:-full}
ONLY=all
RUNS=${BENCH_RUNS:-}
OUT=${BENCH_OUT:-}
WORK=${BENCH_WORK:-}
SEED=${BENCH_SEED:-1}
WAIT_QUIET=${BENCH_WAIT_QUIET:-0}
INDIGATE=${INDIGATE:-.build/release/indigate}
INDIGATE_FROM=$REPO   # a relative INDIGATE from the environment is relative to the repo root

while [ $# -gt 0 ]; do
    case "$1" in
        --tiny) SIZE=tiny ;;
        --full) SIZE=full ;;
        --indigate) INDIGATE=$2; INDIGATE_FROM=$PWD; shift ;;
        --only) ONLY=$2; shift ;;
        --runs) RUNS=$2; shift ;;
        --out) OUT=$2; shift ;;
        --work) WORK=$2; shift ;;
        --wait-quiet) WAIT_QUIET=$2; shift ;;
        --keep) ;;  # the default; kept for symmetry
        -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

case "$SIZE" in
    full) ORGS=2300; REPLIES=4600; RUNS=${RUNS:-5}; BIG_BYTES=25000000
          REPORT_ARGS=(--organizations 2300 --indicators 14 --rounds 24) ;;
    tiny) ORGS=20; REPLIES=40; RUNS=${RUNS:-1}; BIG_BYTES=2000000
          REPORT_ARGS=(--organizations 20 --indicators 14 --rounds 2) ;;
    *) echo "run.sh: SIZE must be full or tiny" >&2; exit 2 ;;
esac
WORK=${WORK:-/tmp/indigate-bench-$SIZE}
if [ -z "$OUT" ]; then
    if [ "$SIZE" = tiny ]; then OUT=$WORK/BENCHMARKS.md; else OUT=$REPO/BENCHMARKS.md; fi
fi
case "$INDIGATE" in /*) ;; *) INDIGATE=$INDIGATE_FROM/$INDIGATE ;; esac
wants() { [ "$ONLY" = all ] || [[ ",$ONLY," == *",$1,"* ]]; }

# The fixed clock of every command: the round opens on the 10th, replies are polled the next day.
OPEN_NOW=2020-09-10T10:00:00+05:00
FLUSH_NOW=2020-09-10T10:01:00+05:00
POLL_NOW=2020-09-11T10:00:00+05:00
MONTH=2020-09
DEADLINE=2020-09-25

say() { printf '%s run.sh: %s\n' "$(date +%T)" "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }
PROBLEMS=()
problem() { say "PROBLEM: $*"; PROBLEMS+=("$*"); record problem "$*"; }

# --- tools -------------------------------------------------------------------------------------

need_tools() {
    local missing=() tool package
    for pair in python3:python3 notmuch:notmuch mu:maildir-utils smtp-sink:postfix smtp-source:postfix \
                qpdf:qpdf /usr/bin/time:time; do
        tool=${pair%%:*}; package=${pair#*:}
        command -v "$tool" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
    if [ "$(id -u)" = 0 ]; then
        say "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null \
            || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; } \
            || die "cannot install ${missing[*]}"
    else
        die "missing tools; run: sudo apt-get install -y ${missing[*]}"
    fi
}

# --- recording ---------------------------------------------------------------------------------
# Everything measured goes to $WORK/results.tsv, one fact a line (bench/report.py reads it):
#   time  MEASURE SUBJECT RUN SECONDS ITEMS     mem  MEASURE PROCESS RUN KIB
#   cmd   MEASURE SUBJECT COMMAND               meta KEY VALUE          check MEASURE TEXT

record() { local IFS=$'\t'; printf '%s\n' "$*" >> "$RESULTS"; }

# quoted COMMAND…: the command line as a shell would take it back.
quoted() { local out='' a; for a in "$@"; do out+="$(printf '%q' "$a") "; done; printf '%s' "${out% }"; }

# timed MEASURE SUBJECT RUN ITEMS [--as TEXT] COMMAND…: runs the command (after sync, so earlier
# writes are not paid for here) and records its wall-clock time and the load average just
# before. The first run's command line is recorded: TEXT, or the command itself (without a
# leading `logged OUT ERR`, which only sends its output to files).
timed() {
    local measure=$1 subject=$2 run=$3 items=$4 shown=; shift 4
    if [ "$1" = --as ]; then shown=$2; shift 2; fi
    if [ "$run" = 1 ]; then
        if [ -n "$shown" ]; then record cmd "$measure" "$subject" "$shown"
        elif [ "$1" = logged ]; then record cmd "$measure" "$subject" "$(quoted "${@:4}")"
        else record cmd "$measure" "$subject" "$(quoted "$@")"; fi
    fi
    sync
    wait_quiet "$measure" "$subject" "$run"
    record load "$measure" "$subject" "$run" "$(cut -d' ' -f1 /proc/loadavg)"
    local t0 t1 c0
    children_cpu; c0=$CPU_NOW
    t0=$(date +%s%N)
    "$@"
    t1=$(date +%s%N)
    children_cpu
    local seconds cpu
    seconds=$(awk -v n=$((t1 - t0)) 'BEGIN { printf "%.3f", n / 1e9 }')
    cpu=$(awk -v a="$c0" -v b="$CPU_NOW" 'BEGIN { printf "%.2f", b - a }')
    record time "$measure" "$subject" "$run" "$seconds" "$items"
    record cpu "$measure" "$subject" "$run" "$cpu"
    say "  $measure/$subject run $run: $seconds s (CPU $cpu s)"
}

# children_cpu: sets CPU_NOW to the user+sys seconds of every child this shell has waited for
# (with their own waited-for children: indigate's parse worker counts). `times` must run in
# this shell, not in a $(…) subshell, whose children are its own.
children_cpu() {
    times > "$WORK/.times"
    CPU_NOW=$(tail -1 "$WORK/.times" | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); s += p[1] * 60 + p[2] }
        printf "%.2f", s }')
}

# busy_percent SECONDS: the whole machine's CPU use (% of all cores) over that time.
busy_percent() {
    local a b
    a=$(awk '/^cpu / { print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8 }' /proc/stat)
    sleep "$1"
    b=$(awk '/^cpu / { print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8 }' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[2] - x[2]
        printf "%d", (t > 0 ? 100 * (y[1] - x[1]) / t : 0) }'
}

# wait_quiet MEASURE SUBJECT RUN: with --wait-quiet, waits (up to WAIT_QUIET seconds) until the
# machine is idle — this machine is shared — and records how busy it was when the run began.
wait_quiet() {
    [ "$WAIT_QUIET" -gt 0 ] || return 0
    local waited=0 busy
    while busy=$(busy_percent 1); [ "$busy" -gt 15 ]; do
        if [ "$waited" -ge "$WAIT_QUIET" ]; then say "still ${busy}% busy after ${waited} s: measuring anyway"; break; fi
        [ "$waited" = 0 ] && say "the machine is ${busy}% busy: waiting for it to be idle (up to ${WAIT_QUIET} s)"
        sleep 4; waited=$((waited + 5))
    done
    record busy "$1" "$2" "$3" "$busy" "$waited"
}

json_get() { python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
for k in sys.argv[2:]:
    d = d.get(k, {}) if isinstance(d, dict) else {}
print(d if not isinstance(d, dict) else (sum(d.values()) if d and all(isinstance(v, int) for v in d.values()) else 0))' "$@"; }

# --- installations -----------------------------------------------------------------------------

# new_installation DIR OUTBOUND [DOCUMENT_BYTES]: a config in DIR for the generated region.
new_installation() {
    rm -rf "$1"
    python3 "$BENCH/config.py" --dir "$1" --organizations "$WORK/region/organizations.csv" \
        --outbound "$2" ${3:+--document-bytes "$3"}
}

# copy_state FROM TO: the database (with any WAL) and the secret, modes kept.
copy_state() {
    mkdir -p "$2/var/mail"
    cp -p "$1/indigate.yaml" "$2/"
    cp -p "$1"/var/indigate.sqlite* "$1/var/secret.key" "$2/var/"
}

# fresh_inbox INSTALLATION MAILDIR_NEW: the inbox holds an untouched copy of the corpus. Hard
# links: indigate and the peers only read messages and rename them (new -> cur), so the
# template's names and bytes stay as they are, and no time goes into copying 500 MB.
fresh_inbox() {
    mkdir -p "$1/var/mail/inbox/tmp" "$1/var/mail/inbox/cur"
    cp -al "$2" "$1/var/mail/inbox/new"
}

indigate() { "$INDIGATE" "$@"; }

# mu_index MAILDIR MUHOME: mu 1.8's fresh store and full index, as one timed step.
mu_index() { mu init --quiet --maildir="$1" --muhome="$2" && mu index --quiet --muhome="$2"; }

# logged OUT ERR COMMAND…: the command with its output and errors in files.
logged() { local out=$1 err=$2; shift 2; "$@" > "$out" 2> "$err"; }

# poll_until_empty CONFIG LOGDIR: `poll` passes until the inbox's new/ is empty (one pass reads
# the whole inbox in batches of limits.batch; the loop is a guard), counted in LOGDIR/passes;
# each pass's peak RSS in KiB (wait4's, the largest process of its tree) in LOGDIR/rss.
poll_until_empty() {
    local config=$1 logs=$2 inbox pass=0
    inbox=$(dirname "$config")/var/mail/inbox/new
    while :; do
        pass=$((pass + 1))
        /usr/bin/time -f %M -a -o "$logs/rss" "$INDIGATE" poll --now "$POLL_NOW" --config "$config" \
            >> "$logs/poll.json" 2>> "$logs/poll.log"
        [ -z "$(ls -A "$inbox")" ] && break
        [ $pass -ge 20 ] && { say "the inbox is not empty after 20 passes"; return 1; }
    done
    echo "$pass" > "$logs/passes"
}

# flush_until_sent CONFIG LOGDIR EXPECTED: `flush` passes until EXPECTED letters are sent (one
# pass sends every due letter in batches of limits.batch, each dealt to outbox.connections sessions).
flush_until_sent() {
    local config=$1 logs=$2 expected=$3 pass=0 sent=0 now
    while :; do
        pass=$((pass + 1))
        indigate flush --now "$FLUSH_NOW" --config "$config" > "$logs/flush.$pass.json" 2>> "$logs/flush.log"
        now=$(json_get "$logs/flush.$pass.json" sent)
        sent=$((sent + now))
        [ "$sent" -ge "$expected" ] && break
        [ "$now" = 0 ] && { say "flush sent nothing more ($sent of $expected)"; return 1; }
        [ $pass -ge 20 ] && { say "not all letters sent after 20 passes"; return 1; }
    done
    echo "$pass" > "$logs/passes"
}

# The template installation: region, init, round open, flush to a Maildir -> request letters ->
# corpus, generated once. Every timed run starts from a copy of its post-flush database and secret.
prepare_template() {
    say "region: $ORGS schools"
    mkdir -p "$WORK/region"
    python3 "$BENCH/region.py" --schools "$ORGS" --seed "$SEED" --out "$WORK/region/organizations.csv"
    record cmd prepare region "$(quoted python3 bench/region.py --schools "$ORGS" --seed "$SEED" --out "$WORK/region/organizations.csv")"
    local t=$WORK/template
    new_installation "$t" maildir
    say "template: init, round open, flush"
    indigate init --config "$t/indigate.yaml" > "$t/init.json" 2> "$t/init.log" || die "indigate init (see $t/init.log)"
    indigate round open --month "$MONTH" --deadline "$DEADLINE" --now "$OPEN_NOW" --config "$t/indigate.yaml" \
        > "$t/round.json" 2> "$t/round.log" || die "indigate round open (see $t/round.log)"
    LETTERS=$(json_get "$t/round.json" requestLetters)
    # The state with every letter queued, for the send measurement (its outbound is SMTP).
    mkdir -p "$WORK/queued/var"
    cp -p "$t"/var/indigate.sqlite* "$t/var/secret.key" "$WORK/queued/var/"
    indigate flush --now "$FLUSH_NOW" --config "$t/indigate.yaml" > "$t/flush.json" 2> "$t/flush.log" \
        || die "indigate flush (see $t/flush.log)"
    [ "$(json_get "$t/flush.json" sent)" = "$LETTERS" ] || die "flush wrote $(json_get "$t/flush.json" sent) of $LETTERS letters"
    record meta letters "$LETTERS"
    for step in "init" "round open --month $MONTH --deadline $DEADLINE --now $OPEN_NOW" "flush --now $FLUSH_NOW"; do
        record cmd prepare indigate "$INDIGATE $step --config $t/indigate.yaml"
    done
    python3 "$BENCH/letters.py" --letters "$t/var/mail/outbox" --json "$WORK/letters.json"
    say "corpus: $REPLIES replies"
    rm -rf "$WORK/corpus"
    python3 "$BENCH/corpus.py" --letters "$t/var/mail/outbox" --out "$WORK/corpus" --count "$REPLIES" \
        --seed "$SEED" --summary "$WORK/corpus.json" > /dev/null || die "corpus.py"
    record cmd prepare corpus "$(quoted python3 bench/corpus.py --letters "$t/var/mail/outbox" --out "$WORK/corpus" --count "$REPLIES" --seed "$SEED")"
    [ "$(ls "$WORK/corpus/new" | wc -l)" = "$REPLIES" ] || die "the corpus does not hold $REPLIES replies"
}

# --- ingest ------------------------------------------------------------------------------------

measure_ingest() {
    local values
    values=$(json_get "$WORK/corpus.json" values)
    for run in $(seq 1 "$RUNS"); do
        local r=$WORK/ingest/run$run
        rm -rf "$r"; mkdir -p "$r"
        copy_state "$WORK/template" "$r"
        fresh_inbox "$r" "$WORK/corpus/new"
        local mail=$r/var/mail
        # notmuch: a fresh configuration and database; database.path is the Maildir's parent.
        printf '[database]\npath=%s\n[user]\nname=Bench\nprimary_email=monitoring@rcokio.test\n[new]\ntags=unread;inbox;\nignore=\n[search]\nexclude_tags=deleted;spam;\n[maildir]\nsynchronize_flags=true\n' \
            "$mail" > "$r/notmuch-config"
        timed ingest notmuch "$run" "$REPLIES" env NOTMUCH_CONFIG="$r/notmuch-config" notmuch new --quiet
        local n
        n=$(NOTMUCH_CONFIG="$r/notmuch-config" notmuch count '*' || true)
        [ "$n" = "$REPLIES" ] || problem "notmuch indexed $n of $REPLIES messages"
        # mu 1.8: init (a fresh store) and index, timed together.
        timed ingest mu "$run" "$REPLIES" \
            --as "mu init --quiet --maildir=$mail --muhome=$r/mu && mu index --quiet --muhome=$r/mu" \
            mu_index "$mail" "$r/mu"
        n=$( (mu find --muhome="$r/mu" 'maildir:/inbox' --fields=l 2>/dev/null || true) | wc -l)
        [ "$n" = "$REPLIES" ] || problem "mu indexed $n of $REPLIES messages"
        # indigate: poll until the inbox is empty.
        timed ingest indigate "$run" "$REPLIES" \
            --as "$(quoted "$INDIGATE" poll --now "$POLL_NOW" --config "$r/indigate.yaml")  # until inbox/new is empty" \
            poll_until_empty "$r/indigate.yaml" "$r"
        indigate status --json --config "$r/indigate.yaml" > "$r/status.json" 2>/dev/null || true
        local applied quarantined stored
        applied=$(json_get "$r/status.json" counts inbound applied)
        quarantined=$(json_get "$r/status.json" counts quarantine)
        stored=$(json_get "$r/status.json" counts values)
        record rss ingest indigate "$run" "$(sort -n "$r/rss" | tail -1)"
        record check ingest "run $run: $(cat "$r/passes") poll pass(es); status: inbound applied $applied, quarantine $quarantined, values $stored (the corpus holds $values), documents $(json_get "$r/status.json" counts documents), outbox queued $(json_get "$r/status.json" counts outbox queued)"
        if [ "$applied" != "$REPLIES" ] || [ "$quarantined" != 0 ]; then
            indigate quarantine list --config "$r/indigate.yaml" > "$r/quarantine.txt" 2>&1 || true
            problem "ingest run $run: $applied of $REPLIES replies applied, $quarantined quarantined (see $r/quarantine.txt)"
        fi
        [ "$stored" = "$values" ] || problem "ingest run $run: indigate stored $stored values, the corpus holds $values"
        # Keep the last run for inspection; the others' databases (600 MB each) go.
        [ "$run" -lt "$RUNS" ] && rm -rf "$r"
    done
    return 0
}

# --- send --------------------------------------------------------------------------------------

free_port() {
    python3 - "$1" <<'EOF'
import socket, sys
port = int(sys.argv[1])
while True:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port)); print(port); break
        except OSError:
            port += 1
EOF
}

SINK_PID=
stop_sink() {
    if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true; fi
    SINK_PID=
}
# The messages smtp-sink has counted (its -c counters, the last `mesg=`).
sink_count() { { grep -ao 'mesg=[0-9]*' "$WORK/send/sink.log" || echo mesg=0; } | tail -1 | cut -d= -f2; }

# start_sink: smtp-sink on 127.0.0.1:$PORT, which accepts everything and throws it away (-c:
# counters on its output, which sink_count reads; 1000: the listen backlog; -u: as root it must
# drop privileges). Its log starts anew, and so do its counters.
start_sink() {
    smtp-sink -u nobody -c "127.0.0.1:$PORT" 1000 > "$WORK/send/sink.log" 2>&1 &
    SINK_PID=$!
    python3 -c 'import socket, sys, time
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close(); sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)' "$PORT" || die "smtp-sink did not start on 127.0.0.1:$PORT"
}

# ensure_sink: restarts smtp-sink if it is gone (on a shared machine something else may end it).
ensure_sink() {
    kill -0 "$SINK_PID" 2>/dev/null && return 0
    say "smtp-sink ($SINK_PID) is gone: restarting it"
    record check send "smtp-sink ($SINK_PID) was gone before a run and was restarted"
    start_sink
}

measure_send() {
    mkdir -p "$WORK/send"
    PORT=$(free_port 14099)
    start_sink
    record meta sink "$(quoted smtp-sink -u nobody -c "127.0.0.1:$PORT" 1000)"

    # Template: the template's state after `round open` (every letter queued), with SMTP outbound.
    local t=$WORK/send/template
    new_installation "$t" "smtp://127.0.0.1:$PORT"
    cp -p "$WORK/queued/var/"* "$t/var/"
    local letters size
    letters=$LETTERS
    size=$(json_get "$WORK/letters.json" mean_bytes)
    for run in $(seq 1 "$RUNS"); do
        local r=$WORK/send/run$run before
        rm -rf "$r"; mkdir -p "$r"
        copy_state "$t" "$r"
        ensure_sink
        before=$(sink_count)
        timed send indigate "$run" "$letters" \
            --as "$(quoted "$INDIGATE" flush --now "$FLUSH_NOW" --config "$r/indigate.yaml")  # until all are sent" \
            flush_until_sent "$r/indigate.yaml" "$r" "$letters"
        sleep 0.2
        local got=$(( $(sink_count) - before ))
        record check send "run $run: indigate flush: $(cat "$r/passes") pass(es), smtp-sink counted $got of $letters letters"
        [ "$got" = "$letters" ] || problem "send run $run: smtp-sink counted $got of $letters letters from indigate"
        # smtp-source: the same count of messages of the letters' mean size, one session (-s 1)
        # that stays connected (-d: without it smtp-source reconnects for every message).
        ensure_sink
        before=$(sink_count)
        timed send smtp-source "$run" "$letters" smtp-source -s 1 -d -m "$letters" -l "$size" \
            -f monitoring@rcokio.test -t school@bench.test "127.0.0.1:$PORT"
        sleep 0.2
        got=$(( $(sink_count) - before ))
        [ "$got" = "$letters" ] || problem "send run $run: smtp-sink counted $got of $letters messages from smtp-source"
        [ "$run" -lt "$RUNS" ] && rm -rf "$r"
    done
    stop_sink
}

# --- reports -----------------------------------------------------------------------------------

measure_reports() {
    mkdir -p "$WORK/reports"
    for run in $(seq 1 "$RUNS"); do
        local out=$WORK/reports/run$run.txt
        [ "$run" = 1 ] && record cmd reports indigate "(cd $REPO && $(quoted /usr/bin/time -v "$INDIGATE" bench "${REPORT_ARGS[@]}"))"
        sync
        # indigate bench reads config/ and mailtemplates/ from the working directory.
        (cd "$REPO" && /usr/bin/time -v -o "$WORK/reports/time$run.txt" "$INDIGATE" bench "${REPORT_ARGS[@]}") \
            > "$out" 2> "$WORK/reports/run$run.log" || die "indigate bench (see $WORK/reports/run$run.log)"
        grep -q ': [0-9.]* s$' "$out" || die "indigate bench printed no timings (see $out)"
        # Its lines: «generated … in 31.3 s» and «NAME: 0.123 s».
        sed -n 's/^generated .* in \([0-9.]*\) s$/\1/p' "$out" | while read -r s; do record report "$run" "generate the region (not a report)" "$s"; done
        grep -v '^generated ' "$out" | sed -n 's/^\(.*\): \([0-9.]*\) s$/\1\t\2/p' | while IFS=$'\t' read -r name s; do
            record report "$run" "$name" "$s"
        done
        local rss wall
        rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/reports/time$run.txt")
        wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/reports/time$run.txt")
        record mem reports "indigate bench" "$run" "$rss"
        say "  reports run $run: $(grep -c ': [0-9.]* s$' "$out") timings, peak RSS $rss KiB, wall $wall"
    done
}

# --- micro benchmarks --------------------------------------------------------------------------

# Full size: `swift package benchmark` builds the target in release and runs each benchmark for up
# to 3 s (2,000 iterations); its markdown tables go into the report. Tiny: the debug build's binary
# runs each benchmark once (INDIGATE_BENCH_ONCE), so they cannot rot.
measure_micro() {
    mkdir -p "$WORK/micro"
    if [ "$SIZE" = tiny ]; then
        local binary=$REPO/.build/debug/HotPathBenchmarks
        [ -x "$binary" ] || die "no $binary (swift build --build-tests builds it)"
        record cmd micro indigate "INDIGATE_BENCH_ONCE=1 $binary"
        INDIGATE_BENCH_ONCE=1 "$binary" > "$WORK/micro/run.log" 2>&1 || die "micro benchmarks (see $WORK/micro/run.log)"
        grep -q 'Malloc (total)' "$WORK/micro/run.log" || die "micro benchmarks printed no allocations (see $WORK/micro/run.log)"
        say "  micro: each benchmark ran once"
        return
    fi
    local command=(swift package --disable-sandbox benchmark --target HotPathBenchmarks --format markdown --no-progress)
    record cmd micro indigate "(cd $REPO && $(quoted "${command[@]}"))"
    (cd "$REPO" && "${command[@]}") > "$WORK/micro/tables.md" 2> "$WORK/micro/build.log" \
        || die "swift package benchmark (see $WORK/micro/build.log)"
    say "  micro: $(grep -c '^### ' "$WORK/micro/tables.md") benchmarks"
}

# --- big message -------------------------------------------------------------------------------

measure_big() {
    mkdir -p "$WORK/big"
    rm -rf "$WORK/big/corpus"
    python3 "$BENCH/corpus.py" --letters "$WORK/template/var/mail/outbox" --out "$WORK/big/corpus" --count 1 \
        --pdf-share 1 --pdf-size "$BIG_BYTES" --style thunderbird-utf8-8bit --seed "$SEED" --verify 1 \
        --summary "$WORK/big/corpus.json" > /dev/null || die "corpus.py (big message)"
    record meta big_attachment "$BIG_BYTES"
    record meta big_message "$(json_get "$WORK/big/corpus.json" bytes)"
    # As shipped, limits.document_bytes (20 MiB) refuses a 25 MB document after parsing and qpdf;
    # with it raised the document also goes into the database: both are measured.
    local variant document_bytes
    for variant in shipped stored; do
        document_bytes=; [ "$variant" = stored ] && document_bytes=$((BIG_BYTES * 2))
        for run in $(seq 1 "$RUNS"); do
            local r=$WORK/big/$variant$run
            new_installation "$r" maildir "$document_bytes"
            cp -p "$WORK/template"/var/indigate.sqlite* "$WORK/template/var/secret.key" "$r/var/"
            fresh_inbox "$r" "$WORK/big/corpus/new"
            local command=(python3 "$BENCH/peakrss.py" --json "$r/peak.json" -- "$INDIGATE" poll --now "$POLL_NOW" --config "$r/indigate.yaml")
            timed "big-$variant" indigate "$run" 1 logged "$r/poll.json" "$r/poll.log" "${command[@]}"
            python3 - "$r/peak.json" "$run" "big-$variant" >> "$RESULTS" <<'EOF'
import json, sys
peak = json.load(open(sys.argv[1]))
for p in peak["processes"]:
    name = "parse worker" if "parse-worker" in p["command"] else "daemon (poll)"
    print(f"mem\t{sys.argv[3]}\t{name}\t{sys.argv[2]}\t{p['peak_kib']}")
print(f"mem\t{sys.argv[3]}\ttree (wait4, as time -v)\t{sys.argv[2]}\t{peak['tree_peak_kib']}")
EOF
            indigate status --json --config "$r/indigate.yaml" > "$r/status.json" 2>/dev/null || true
            local applied documents
            applied=$(json_get "$r/status.json" counts inbound applied)
            documents=$(json_get "$r/status.json" counts documents)
            record check "big-$variant" "run $run: applied $applied, documents stored $documents, limits.document_bytes ${document_bytes:-as shipped}"
            [ "$applied" = 1 ] || problem "big message ($variant) run $run: not applied (see $r/poll.log)"
            if [ "$variant" = stored ] && [ "$documents" != 1 ]; then problem "big message (stored) run $run: the document was not stored"; fi
            [ "$run" -lt "$RUNS" ] && rm -rf "$r"
        done
    done
    return 0
}

# --- machine -----------------------------------------------------------------------------------

describe_machine() {
    record meta date "$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    record meta size "$SIZE"
    record meta runs "$RUNS"
    record meta seed "$SEED"
    record meta cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
    record meta cores "$(nproc)"
    record meta memory "$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    record meta os "$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
    local path source dev sys rota kind
    for path in /tmp /work; do
        [ -e "$path" ] || continue
        source=$(findmnt -no SOURCE -T "$path" | head -1)
        dev=$(basename "$(readlink -f "$source" 2>/dev/null || echo "$source")")
        sys=$(readlink -f "/sys/class/block/$dev" 2>/dev/null || true)
        # A partition's queue settings are its disk's.
        [ -e "$sys/partition" ] && sys=$(dirname "$sys")
        rota=$(cat "$sys/queue/rotational" 2>/dev/null || echo "?")
        kind=$(case "$sys" in *virtio*) echo "virtio block device, " ;; *nvme*) echo "NVMe, " ;; esac)
        record meta "disk $path" "$(findmnt -no FSTYPE -T "$path" | head -1) on $source (${kind}kernel reports rotational=$rota; mount options $(findmnt -no OPTIONS -T "$path" | head -1))"
    done
    record meta "work folder" "$WORK"
    record meta indigate "$("$INDIGATE" --version) — $INDIGATE, $(stat -c %s "$INDIGATE") bytes, sha256 $(sha256sum "$INDIGATE" | cut -c1-16)"
    record meta build "${INDIGATE_BUILD:-not given (make bench gives it in INDIGATE_BUILD)}"
    record meta repository "$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?') ($(git -C "$REPO" status --porcelain 2>/dev/null | wc -l) paths changed or untracked)"
    record meta notmuch "$(notmuch --version)"
    record meta mu "$(mu --version | head -1)"
    record meta postfix "smtp-sink/smtp-source of Postfix $(postconf -dh mail_version 2>/dev/null || echo '?')"
    record meta qpdf "$(qpdf --version | head -1)"
    record meta python "$(python3 --version)"
}

# --- main --------------------------------------------------------------------------------------

[ -x "$INDIGATE" ] || die "no indigate binary at $INDIGATE (build it, or pass INDIGATE=…)"
need_tools
STARTED=$(date +%s)
rm -rf "$WORK"; mkdir -p "$WORK"
RESULTS=$WORK/results.tsv
: > "$RESULTS"
trap 'stop_sink' EXIT
say "$SIZE run: $INDIGATE, $RUNS run(s) each, work folder $WORK"
describe_machine
prepare_template
wants ingest && { say "ingest"; measure_ingest; }
wants send && { say "send"; measure_send; }
wants reports && { say "reports"; measure_reports; }
wants big && { say "big message"; measure_big; }
wants micro && { say "micro benchmarks"; measure_micro; }
record meta duration "$(( $(date +%s) - STARTED )) s (run.sh, without the build)"
python3 "$BENCH/report.py" --work "$WORK" --out "$OUT"
say "report: $OUT ($(( $(date +%s) - STARTED )) s)"
if [ ${#PROBLEMS[@]} -gt 0 ]; then
    say "${#PROBLEMS[@]} problem(s):"
    printf '  %s\n' "${PROBLEMS[@]}" >&2
    exit 1
fi
