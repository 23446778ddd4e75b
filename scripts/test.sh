#!/usr/bin/env bash
# Runs every ShopMine test: system packages and the pinned Python environment are installed if
# missing, the package is built once in release mode (tests included), then the Swift unit tests and
# the end-to-end tests that drive the real binary through the real Jupyter clients.
#
#   bash scripts/test.sh            # everything
#   bash scripts/test.sh --swift    # only the Swift unit tests
#   bash scripts/test.sh --python   # only the end-to-end tests (after a build)
#   bash scripts/test.sh --fuzz     # only the short fuzzing run (libFuzzer, Tests/Fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
what=${1:-all}

bash scripts/system-deps.sh
venv=$(bash scripts/venv.sh)
# JupyterLab and headless Chromium for the untrusted-notebook rendering check (tests skip without them,
# except in CI, where a missing browser is a failure).
bash scripts/browser-deps.sh "$venv"
if [ "${CI:-}" = "true" ]; then export SHOPMINE_REQUIRE_BROWSER=1; fi

# One release build serves both the unit tests (-enable-testing keeps @testable imports working) and the
# binary the end-to-end tests start.
build_flags=(-c release -Xswiftc -enable-testing)
if [ "$what" != "--python" ] && [ "$what" != "--fuzz" ]; then
  echo "== swift build (release, with tests)"
  swift build "${build_flags[@]}" --build-tests
fi
bin=$(swift build "${build_flags[@]}" --show-bin-path)/shopmine

status=0
if [ "$what" = "all" ] || [ "$what" = "--swift" ]; then
  echo "== swift test"
  swift test "${build_flags[@]}" --skip-build --parallel --num-workers 2 || status=1
fi
if [ "$what" = "all" ] || [ "$what" = "--python" ]; then
  echo "== end-to-end tests (pytest, real Jupyter clients)"
  SHOPMINE_BIN="$bin" PATH="$venv/bin:$PATH" \
    "$venv/bin/python" -m pytest -q -p no:cacheprovider Tests/python || status=1
fi
if [ "$what" = "all" ] || [ "$what" = "--fuzz" ]; then
  # A short run of each libFuzzer target from the committed corpus (a separate sanitized debug build of
  # Tests/Fuzz, about 4 minutes from scratch). A crash, leak, timeout or OOM fails the test command; long
  # runs are `FUZZ_CONFIG=release FUZZ_RUNS=10000000 scripts/fuzz.sh 36000 TARGET` by hand (docs/SECURITY.md).
  echo "== fuzz (libFuzzer, ${SHOPMINE_FUZZ_SECONDS:-30} s per target)"
  bash scripts/fuzz.sh "${SHOPMINE_FUZZ_SECONDS:-30}" || status=1
fi
exit $status
