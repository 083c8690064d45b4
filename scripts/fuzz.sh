#!/usr/bin/env bash
# Fuzz indigate's parsers with libFuzzer (Fuzz/README.md).
#
#   scripts/fuzz.sh TARGET|all SECONDS [--smoke] [-- LIBFUZZER-FLAGS...]
#   scripts/fuzz.sh all --smoke            # a few seconds per target (make test)
#
# Targets: mime-parse html-text reply-grammar command-grammar address delivery-report.
# Builds with `swiftc -sanitize=fuzzer,address -parse-as-library -O -g` into .build-fuzz/ (never
# .build/), compiling the library sources from Sources/ every time they change (a build is
# cached under a hash of everything it compiles), seeds .build-fuzz/corpus/<target>/, runs the
# targets one after another, and prints per target executions, exec/s, coverage and findings.
# Exit status: 0 when no target crashed, hung, leaked or ran out of memory; 1 when one did;
# 2 on a usage or build error.
set -euo pipefail

SCRIPT_START=$(date +%s)
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export PATH=/opt/swift/usr/bin:$PATH

ALL_TARGETS=(mime-parse html-text reply-grammar command-grammar address delivery-report)
SMOKE_SECONDS=${FUZZ_SMOKE_SECONDS:-4}
OUT=.build-fuzz

usage() {
    echo "usage: scripts/fuzz.sh TARGET|all SECONDS [--smoke] [-- LIBFUZZER-FLAGS...]" >&2
    echo "targets: ${ALL_TARGETS[*]}" >&2
    exit 2
}

# --- arguments --------------------------------------------------------------------------------
[[ $# -ge 1 ]] || usage
WHICH=$1
shift
SECONDS_EACH=""
SMOKE=0
EXTRA=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --smoke) SMOKE=1 ;;
        --) shift; EXTRA=("$@"); break ;;
        ''|*[!0-9]*) usage ;;
        *) SECONDS_EACH=$1 ;;
    esac
    shift
done
if [[ $SMOKE == 1 ]]; then SECONDS_EACH=$SMOKE_SECONDS; fi
[[ -n $SECONDS_EACH && $SECONDS_EACH -gt 0 ]] || usage
if [[ $WHICH == all ]]; then
    TARGETS=("${ALL_TARGETS[@]}")
else
    [[ " ${ALL_TARGETS[*]} " == *" $WHICH "* ]] || usage
    TARGETS=("$WHICH")
fi

# --- per-target settings ----------------------------------------------------------------------
max_len() {
    case $1 in
        mime-parse) echo 1048576 ;;     # 1 MB: real replies with a scanned PDF are larger, but
                                        # the parser's paths are all reached well below that
        address) echo 20480 ;;          # just over MIMELimits.addressHeaderBytes (16 KB)
        html-text) echo 131072 ;;
        *) echo 65536 ;;                # the grammars and bounce reports
    esac
}
uses_gmime() { [[ $1 == mime-parse || $1 == address ]]; }

# --- build ------------------------------------------------------------------------------------
# Stage 1: the C shim (clang, instrumented), IndigateCore and IndigateMIME as library modules
# (one swiftc module each, as SwiftPM builds them, with -enable-testing and the package name,
# so a harness reaches `package` and internal symbols through @testable import). Stage 2: each
# harness is a module of its own linked against them. Each stage is skipped when the hash of
# its inputs (sources, flags, compiler) matches the last successful build.
SWIFT_FLAGS=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6 -package-name indigate
    -enable-testing -use-ld=lld)
read -r -a GMIME_CFLAGS <<<"$(pkg-config --cflags gmime-3.0)"
read -r -a GMIME_LIBS <<<"$(pkg-config --libs gmime-3.0)"
XCC_GMIME=()
for flag in "${GMIME_CFLAGS[@]}"; do XCC_GMIME+=(-Xcc "$flag"); done
COMPILER_ID=$(swiftc --version 2>&1; clang --version 2>&1 | head -1)
mkdir -p "$OUT"/{lib,obj,bin,keys,logs,corpus,artifacts,tmp}

# Library sources, found afresh every run: a file added to Sources/ is compiled too. Files that
# import swift-crypto (Token/ReplyToken.swift today) are left out: no fuzz target reaches them,
# and building swift-crypto with the sanitizers would cost minutes.
core_sources() { find Sources/IndigateCore -name '*.swift' -print0 | xargs -0 grep -L '^import Crypto' | LC_ALL=C sort; }
mime_sources() { find Sources/IndigateMIME -name '*.swift' | LC_ALL=C sort; }

# key NAME FILE... : a hash of the flags, the compiler and the files' names and contents.
key_of() {
    { printf '%s\n' "${SWIFT_FLAGS[*]}" "${GMIME_CFLAGS[*]}" "$COMPILER_ID"
      for f in "$@"; do printf '== %s\n' "$f"; cat "$f"; done; } | sha256sum | cut -c1-32
}
fresh() { [[ -f $OUT/keys/$1 && $(cat "$OUT/keys/$1") == "$2" ]]; }
built() { echo "$2" >"$OUT/keys/$1"; }

BUILD_SECONDS=0
timed() { # timed LABEL COMMAND...: runs the command, adds its time to BUILD_SECONDS
    local label=$1 start end
    shift
    start=$(date +%s.%N)
    if ! "$@" >"$OUT/logs/build-$label.log" 2>&1; then
        echo "fuzz: building $label failed ($OUT/logs/build-$label.log):" >&2
        grep -E 'error:' "$OUT/logs/build-$label.log" | head -20 >&2 || tail -20 "$OUT/logs/build-$label.log" >&2
        echo "fuzz: if another edit of Sources/ is half-finished, wait and run again" >&2
        exit 2
    fi
    end=$(date +%s.%N)
    local took
    took=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    BUILD_SECONDS=$(awk -v a="$BUILD_SECONDS" -v b="$took" 'BEGIN { printf "%.1f", a + b }')
    printf 'fuzz: built %-22s in %5.1f s\n' "$label" "$took"
}

build_shim() {
    local key
    key=$(key_of Sources/CGMimeShim/CGMimeShim.c Sources/CGMimeShim/include/CGMimeShim.h)
    fresh shim "$key" && [[ -f $OUT/obj/CGMimeShim.o ]] && return 0
    timed CGMimeShim clang -c -O1 -g -fsanitize=fuzzer-no-link,address "${GMIME_CFLAGS[@]}" \
        -I Sources/CGMimeShim/include Sources/CGMimeShim/CGMimeShim.c -o "$OUT/obj/CGMimeShim.o"
    built shim "$key"
}

CORE_KEY=""
build_core() {
    local files
    mapfile -t files < <(core_sources)
    CORE_KEY=$(key_of "${files[@]}")
    fresh core "$CORE_KEY" && [[ -f $OUT/lib/libIndigateCore.a ]] && return 0
    rm -f "$OUT/keys/core"
    timed IndigateCore swiftc "${SWIFT_FLAGS[@]}" -module-name IndigateCore -emit-library -static \
        -emit-module -emit-module-path "$OUT/lib/IndigateCore.swiftmodule" \
        -o "$OUT/lib/libIndigateCore.a" "${files[@]}"
    built core "$CORE_KEY"
}

MIME_KEY=""
build_mime() {
    local files
    mapfile -t files < <(mime_sources)
    MIME_KEY=$(key_of "${files[@]}" Sources/CGMime/module.modulemap Sources/CGMime/shim.h \
        Sources/CGMimeShim/include/CGMimeShim.h Fuzz/modules/CGMimeShim/module.modulemap <(echo "$CORE_KEY"))
    fresh mime "$MIME_KEY" && [[ -f $OUT/lib/libIndigateMIME.a ]] && return 0
    rm -f "$OUT/keys/mime"
    timed IndigateMIME swiftc "${SWIFT_FLAGS[@]}" -module-name IndigateMIME -emit-library -static \
        -emit-module -emit-module-path "$OUT/lib/IndigateMIME.swiftmodule" \
        -I "$OUT/lib" -I Sources/CGMime -I Fuzz/modules/CGMimeShim "${XCC_GMIME[@]}" \
        -o "$OUT/lib/libIndigateMIME.a" "${files[@]}"
    built mime "$MIME_KEY"
}

build_target() {
    local target=$1 harness=Fuzz/Targets/$1.swift key module
    module=Fuzz_$(echo "$target" | tr '-' '_')
    local link=(-I "$OUT/lib" "$OUT/lib/libIndigateCore.a")
    local deps=$CORE_KEY
    if uses_gmime "$target"; then
        link=(-I "$OUT/lib" -I Sources/CGMime -I Fuzz/modules/CGMimeShim "${XCC_GMIME[@]}"
            "$OUT/lib/libIndigateMIME.a" "$OUT/lib/libIndigateCore.a" "$OUT/obj/CGMimeShim.o" "${GMIME_LIBS[@]}")
        deps="$CORE_KEY $MIME_KEY $(cat "$OUT/keys/shim")"
    fi
    key=$(key_of "$harness" <(echo "$deps"))
    fresh "target-$target" "$key" && [[ -x $OUT/bin/$target ]] && return 0
    rm -f "$OUT/keys/target-$target"
    timed "$target" swiftc "${SWIFT_FLAGS[@]}" -module-name "$module" "$harness" "${link[@]}" -o "$OUT/bin/$target"
    built "target-$target" "$key"
}

build_all() {
    local need_gmime=0 target
    for target in "${TARGETS[@]}"; do uses_gmime "$target" && need_gmime=1; done
    build_core
    if [[ $need_gmime == 1 ]]; then build_shim; build_mime; fi
    for target in "${TARGETS[@]}"; do build_target "$target"; done
}

# Builds are serialised: a long fuzz run and `make test`'s smoke run may start together.
exec 9>"$OUT/build.lock"
flock 9
build_all
flock -u 9

# --- corpus -----------------------------------------------------------------------------------
# Each corpus file is named by its SHA-1, as libFuzzer names what it adds, so seeding twice
# adds nothing and the corpus keeps what earlier runs found.
PY_CORPUS=/usr/lib/python3.11/test/test_email/data
add_seed() { # add_seed DIR FILE...
    local dir=$1 f sum
    shift
    for f in "$@"; do
        [[ -f $f ]] || continue
        sum=$(sha1sum <"$f" | cut -c1-40)
        [[ -e $dir/$sum ]] || cp "$f" "$dir/$sum"
    done
}
fixtures() { find Tests -path '*/Fixtures/*' -type f -name "$1" 2>/dev/null | LC_ALL=C sort; }
messages() { fixtures '*.eml'; ls "$PY_CORPUS"/msg_*.txt 2>/dev/null || true; }

seed() {
    local target=$1 dir=$OUT/corpus/$1
    mkdir -p "$dir"
    local seeds=() f
    mapfile -t seeds < <(find "Fuzz/seeds/$target" -type f 2>/dev/null | LC_ALL=C sort)
    add_seed "$dir" "${seeds[@]}"
    # Past findings run first in every session: a fix that regresses fails at once.
    mapfile -t seeds < <(find Fuzz/findings -type f -name "$target-*" 2>/dev/null | LC_ALL=C sort)
    add_seed "$dir" "${seeds[@]}"
    case $target in
        mime-parse) mapfile -t seeds < <(messages) ;;
        html-text) mapfile -t seeds < <(fixtures '*.html') ;;
        reply-grammar) mapfile -t seeds < <(fixtures 'receipt-*.txt'; fixtures 'request-*.txt'; fixtures 'reminder-*.txt') ;;
        command-grammar) mapfile -t seeds < <(fixtures 'review-*.txt'; fixtures 'transcript-*.txt') ;;
        *) seeds=() ;;
    esac
    add_seed "$dir" "${seeds[@]}"
    # Derived seeds (Fuzz/derive-seeds.py): the decoded text/plain or text/html bodies of the
    # fixture messages as the parser hands them on; the From/To/Cc/Reply-To values; every
    # bounce's text, subject and delivery-status part in the harness's format.
    case $target in
        html-text | reply-grammar | address | delivery-report)
            if command -v python3 >/dev/null; then
                local from=()
                if [[ $target == reply-grammar ]]; then mapfile -t from < <(fixtures '*.eml'); else mapfile -t from < <(messages); fi
                rm -rf "$OUT/tmp/derived-$target"
                python3 Fuzz/derive-seeds.py "$target" "$OUT/tmp/derived-$target" "${from[@]}" 2>/dev/null || true
                mapfile -t seeds < <(find "$OUT/tmp/derived-$target" -type f | LC_ALL=C sort)
                add_seed "$dir" "${seeds[@]}"
            fi ;;
    esac
}

# --- run --------------------------------------------------------------------------------------
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1:allocator_may_return_null=0}
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-/opt/swift/usr/bin/llvm-symbolizer}

FAILED=0
INTERRUPTED=0
SUMMARY=()
run_target() {
    local target=$1 dir=$OUT/corpus/$1 log=$OUT/logs/$1.log artifacts=$OUT/artifacts/$1/
    seed "$target"
    mkdir -p "$artifacts"
    local dict=() before
    [[ -f Fuzz/dicts/$target.dict ]] && dict=(-dict="Fuzz/dicts/$target.dict")
    before=$(find "$artifacts" -type f | wc -l)
    echo "fuzz: running $target for ${SECONDS_EACH} s (corpus $(find "$dir" -type f | wc -l) files, log $log)"
    local rc=0
    "$OUT/bin/$target" "$dir" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -max_len="$(max_len "$target")" -detect_leaks=1 -print_final_stats=1 \
        -artifact_prefix="$artifacts" "${dict[@]}" "${EXTRA[@]}" >"$log" 2>&1 || rc=$?

    local runs rate init_cov final_cov init_corp final_corp finding="" artifact
    runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -o '[0-9]*$' || true)
    rate=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -o '[0-9]*$' || true)
    [[ -n $runs ]] || runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
    init_cov=$(grep -m1 'INITED' "$log" | grep -oE 'cov: [0-9]+' | grep -oE '[0-9]+' || true)
    init_corp=$(grep -m1 'INITED' "$log" | grep -oE 'corp: [0-9]+' | grep -oE '[0-9]+' || true)
    final_cov=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 | grep -oE 'cov: [0-9]+' | grep -oE '[0-9]+' || true)
    final_corp=$(grep -E '^#[0-9]+.*corp: ' "$log" | tail -1 | grep -oE 'corp: [0-9]+' | grep -oE '[0-9]+' || true)
    if grep -q 'ERROR: LeakSanitizer' "$log"; then finding="LEAK"
    elif grep -q 'ERROR: AddressSanitizer' "$log"; then finding="ASAN: $(grep -m1 -oE 'AddressSanitizer: [a-z-]+' "$log")"
    elif grep -q 'ERROR: libFuzzer: timeout' "$log"; then finding="HANG (over 10 s)"
    elif grep -q 'ERROR: libFuzzer: out-of-memory' "$log"; then finding="OUT OF MEMORY (over 2048 MB)"
    elif grep -q 'ERROR: libFuzzer: deadly signal' "$log"; then
        finding="CRASH: $(grep -m1 -E 'Fatal error|Precondition failed|Assertion failed|SUMMARY' "$log" | cut -c1-160)"
    elif grep -q 'ERROR: libFuzzer' "$log"; then finding="ERROR: $(grep -m1 'ERROR: libFuzzer' "$log")"
    elif grep -q 'libFuzzer: run interrupted' "$log"; then INTERRUPTED=1
    elif [[ $rc != 0 ]]; then finding="FAILED (exit $rc, see $log)"
    fi
    artifact=$(grep -oE "(Test unit written to|artifact_prefix.*Test unit written to) [^ ]+" "$log" | tail -1 | awk '{print $NF}' || true)

    local line
    line=$(printf '%-16s %10s execs %8s exec/s  cov %s -> %s  corpus %s -> %s' "$target" "${runs:-?}" "${rate:-?}" \
        "${init_cov:-?}" "${final_cov:-?}" "${init_corp:-?}" "${final_corp:-?}")
    if [[ $INTERRUPTED == 1 ]]; then
        line+="  interrupted"
    elif [[ -n $finding ]]; then
        FAILED=1
        line+="  FOUND ${finding}${artifact:+ ($artifact)}"
        echo "fuzz: $target found something; the report:" >&2
        grep -m1 -A25 -E '^==[0-9]+==ERROR|Fatal error|Precondition failed|ALARM|out-of-memory' "$log" | grep -vE '^\s*$' | head -30 >&2 || true
    else
        line+="  nothing found"
    fi
    SUMMARY+=("$line")
}

RUN_START=$(date +%s)
# Ctrl-C stops the running target (libFuzzer prints its figures) and the targets after it.
trap 'INTERRUPTED=1' INT
for target in "${TARGETS[@]}"; do
    [[ $INTERRUPTED == 1 ]] && break
    run_target "$target"
done
echo
echo "fuzz: ${#TARGETS[@]} target(s), ${SECONDS_EACH} s each; building ${BUILD_SECONDS} s, fuzzing $(($(date +%s) - RUN_START)) s, in all $(($(date +%s) - SCRIPT_START)) s"
printf '%s\n' "${SUMMARY[@]}"
if [[ $FAILED == 0 && $INTERRUPTED == 1 ]]; then
    echo "fuzz: interrupted" >&2
    exit 130
fi
if [[ $FAILED != 0 ]]; then
    echo "fuzz: a target crashed, hung, leaked or ran out of memory: inputs in $OUT/artifacts/, logs in $OUT/logs/" >&2
    exit 1
fi
