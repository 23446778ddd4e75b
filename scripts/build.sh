#!/usr/bin/env bash
# The one build of ShopMine that every command of the project shares: release, with -enable-testing so
# that the Swift unit tests (@testable imports) run against the same compiled modules as the binary that
# the demo, JupyterLab (scripts/lab.sh) and the end-to-end tests start. Building the same flags twice
# compiles nothing twice.
#
#   bash scripts/build.sh             # the shopmine executable
#   bash scripts/build.sh --tests     # the executable and the test bundles
#
# The last line printed is the path of the executable; progress goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release -Xswiftc -enable-testing)
if [ "${1:-}" = "--tests" ]; then
  swift build "${flags[@]}" --build-tests >&2
else
  swift build "${flags[@]}" --product shopmine >&2
fi
echo "$(swift build "${flags[@]}" --show-bin-path)/shopmine"
