#!/usr/bin/env bash
# Builds the libFuzzer targets in Tests/Fuzz with -sanitize=fuzzer,address and runs each for N seconds.
#
#   scripts/fuzz.sh [SECONDS] [TARGET ...]      SECONDS defaults to 30; TARGETs to all five:
#                                               language syntax wire csv notebook
#
# Each target starts from the committed seed corpus (Tests/Fuzz/corpus/<target>; syntax uses language's) and
# writes what it finds to a scratch corpus outside the tree, so a run never edits committed files. A crash,
# leak, timeout (> 1 s per input) or OOM leaves its reproducer in $FUZZ_WORK/artifacts/<target>/ and makes
# this script exit non-zero.
# Environment: FUZZ_SCRATCH (build dir, default .build-fuzz in this clone, so two clones never share it), FUZZ_WORK (default a temp dir),
# FUZZ_JOBS (parallel build jobs), FUZZ_CONFIG (debug, the default, or release: -O keeps Swift's bounds and
# overflow checks and runs several times as many inputs per second, for the long runs reported on issue 11),
# FUZZ_RUNS (stop each target after this many inputs, or at SECONDS, whichever comes first), FUZZ_RESULTS
# (a file to which one `TARGET ok|FAILED` line per target is appended, for scripts/summary.py).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH="${1:-30}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(language syntax wire csv notebook)
SCRATCH="${FUZZ_SCRATCH:-$ROOT/.build-fuzz}"
WORK="${FUZZ_WORK:-$(mktemp -d -t shopmine-fuzz-XXXXXX)}"
CONFIG="${FUZZ_CONFIG:-debug}"
case "$CONFIG" in debug|release) ;; *) echo "scripts/fuzz.sh: FUZZ_CONFIG must be debug or release" >&2; exit 2 ;; esac
RUNS=()
[ -n "${FUZZ_RUNS:-}" ] && RUNS=(-runs="$FUZZ_RUNS")
JOBS=()
[ -n "${FUZZ_JOBS:-}" ] && JOBS=(--jobs "$FUZZ_JOBS")

product() {
  case "$1" in
    language) echo FuzzLanguage ;;
    syntax) echo FuzzSyntax ;;
    wire) echo FuzzWire ;;
    csv) echo FuzzCSV ;;
    notebook) echo FuzzNotebook ;;
    *) echo "scripts/fuzz.sh: unknown target '$1' (expected language, syntax, wire, csv or notebook)" >&2; exit 2 ;;
  esac
}

# -parse-as-library: each target's LLVMFuzzerTestOneInput is the entry point; libFuzzer provides main.
start=$(date +%s)
for target in "${TARGETS[@]}"; do
  # gold warns once per sanitizer symbol that it cannot export (hundreds of lines, harmless): drop those.
  swift build --package-path "$ROOT/Tests/Fuzz" --scratch-path "$SCRATCH" -c "$CONFIG" "${JOBS[@]}" \
    --product "$(product "$target")" -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 \
    | sed "/Cannot export local symbol '__asan/d"
done
echo "fuzz: built in $(( $(date +%s) - start )) s"
BIN="$(swift build --package-path "$ROOT/Tests/Fuzz" --scratch-path "$SCRATCH" -c "$CONFIG" --show-bin-path)"

status=0
failed=()
for target in "${TARGETS[@]}"; do
  corpus="$WORK/corpus/$target"
  artifacts="$WORK/artifacts/$target"
  run="$WORK/run/$target"
  mkdir -p "$corpus" "$artifacts" "$run"
  log="$WORK/$target.log"
  seeds="$ROOT/Tests/Fuzz/corpus/$target"
  [ "$target" = syntax ] && seeds="$ROOT/Tests/Fuzz/corpus/language"  # the same cells, not run
  began=$(date +%s)
  # Run in a scratch directory: the language target may `save` files relative to the working directory.
  if (cd "$run" && ASAN_OPTIONS="detect_leaks=1:${ASAN_OPTIONS:-}" \
        LSAN_OPTIONS="suppressions=$ROOT/Tests/Fuzz/lsan.supp:${LSAN_OPTIONS:-}" "$BIN/$(product "$target")" \
        -max_total_time="$SECONDS_EACH" -timeout=1 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
        "${RUNS[@]}" -artifact_prefix="$artifacts/" "$corpus" "$seeds" >"$log" 2>&1); then
    result=ok
  else
    result=FAILED
    status=1
  fi
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
  echo "fuzz $target: $result, ${execs:-?} executions in $(( $(date +%s) - began )) s, artifacts: $(ls "$artifacts" | wc -l) (log $log)"
  [ "$result" = ok ] || failed+=("$target")
  [ -z "${FUZZ_RESULTS:-}" ] || echo "$target $result" >>"$FUZZ_RESULTS"
done
# The logs and artifacts live in a temp dir that CI throws away: print what is needed to reproduce a failure
# (the runtime's message, the sanitizer's summary and the first frames, the input as hex) at the very end.
for target in "${failed[@]}"; do
  echo "== fuzz $target failed; first lines of its report:"
  grep -m 12 -E 'Fatal error|ERROR: |SUMMARY: |^ +#[0-9] |Test unit written|Slowest unit|out-of-memory|deadly signal' \
    "$WORK/$target.log" || tail -n 20 "$WORK/$target.log"
  for artifact in "$WORK/artifacts/$target"/*; do
    [ -f "$artifact" ] || continue
    echo "== reproducer $(basename "$artifact") ($(wc -c <"$artifact") bytes; od -A x -t x1z):"
    od -A x -t x1z "$artifact" | head -n 64
  done
done
exit $status
