#!/usr/bin/env bash
# Runs every ShopMine test: system packages and the pinned Python environment are installed if
# missing, the package is built once (scripts/build.sh: the same release build the demo and JupyterLab
# use, tests included), then the Swift unit tests, the end-to-end tests that drive the real binary
# through the real Jupyter clients and a real JupyterLab in headless Chromium, and a short fuzzing run.
# It ends with one summary: counts per suite, every failure by name, the total time.
#
#   bash scripts/test.sh            # everything
#   bash scripts/test.sh --swift    # only the Swift unit tests
#   bash scripts/test.sh --python   # only the end-to-end tests (after a build)
#   bash scripts/test.sh --fuzz     # only the short fuzzing run (libFuzzer, Tests/Fuzz)
#   bash scripts/test.sh --format   # only the formatter's lint (swift format, .swift-format)
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
what=${1:-all}
results=.build/test-results
rm -rf "$results"
mkdir -p "$results"

bash scripts/system-deps.sh
venv=$(bash scripts/venv.sh)
# JupyterLab and headless Chromium for the browser tests (they skip without them, except in CI, where a
# missing browser is a failure).
bash scripts/browser-deps.sh "$venv"
if [ "${CI:-}" = "true" ]; then export SHOPMINE_REQUIRE_BROWSER=1; fi

# A throwaway PostgreSQL cluster for the database tests (scripts/postgres.sh), started once for the Swift
# and the end-to-end tests and stopped at the end whatever happens. Without one the PostgreSQL tests
# skip, except in CI, where a missing server is a failure.
if [ "${CI:-}" = "true" ]; then export SHOPMINE_REQUIRE_POSTGRES=1; fi
if [ "$what" = "all" ] || [ "$what" = "--swift" ] || [ "$what" = "--python" ]; then
  bash scripts/postgres.sh stop
  trap 'bash scripts/postgres.sh stop' EXIT
  if cluster_env=$(bash scripts/postgres.sh start); then
    eval "$cluster_env"
  else
    echo "== PostgreSQL could not start: its tests skip (fail in CI)"
  fi
fi

echo "== swift build (release, with tests)"
bin=$(bash scripts/build.sh --tests | tail -n 1)

run_stage() {  # NAME COMMAND…: runs a stage, records its exit code for the summary
  local name=$1
  shift
  local code=0
  "$@" || code=$?
  echo "$code" >"$results/$name.status"
}

if [ "$what" = "all" ] || [ "$what" = "--format" ]; then
  # The checked-in configuration; every finding is a failure (`swift format format -i -r` fixes most).
  echo "== swift format lint"
  run_stage format swift format lint --strict --recursive --configuration .swift-format Package.swift Sources Tests
fi
if [ "$what" = "all" ] || [ "$what" = "--swift" ]; then
  echo "== swift test"
  run_stage swift swift test -c release -Xswiftc -enable-testing --skip-build --parallel --num-workers 2 \
    --xunit-output "$results/swift.xml"
fi
if [ "$what" = "all" ] || [ "$what" = "--python" ]; then
  echo "== end-to-end tests (pytest, real Jupyter clients)"
  run_stage pytest env SHOPMINE_BIN="$bin" PATH="$venv/bin:$PATH" \
    "$venv/bin/python" -m pytest -q -rfE -p no:cacheprovider --junitxml="$results/pytest.xml" Tests/python
fi
if [ "$what" = "all" ] || [ "$what" = "--fuzz" ]; then
  # A short run of each libFuzzer target from the committed corpus (a separate sanitized debug build of
  # Tests/Fuzz in .build-fuzz, about 4 minutes from scratch). A crash, leak, timeout or OOM fails the test
  # command; long runs are `FUZZ_CONFIG=release FUZZ_RUNS=10000000 scripts/fuzz.sh 36000 TARGET` by hand
  # (docs/SECURITY.md).
  echo "== fuzz (libFuzzer, ${SHOPMINE_FUZZ_SECONDS:-30} s per target)"
  run_stage fuzz env FUZZ_RESULTS="$results/fuzz.txt" bash scripts/fuzz.sh "${SHOPMINE_FUZZ_SECONDS:-30}"
fi
"$venv/bin/python" scripts/summary.py "$results" "$(( $(date +%s) - started ))"
