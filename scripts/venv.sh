#!/usr/bin/env bash
# Prints the path of ShopMine's Python test environment, creating it first if needed.
#
# The environment lives outside the checkout (keyed by the hash of the requirements file), so a fresh
# clone on the same machine reuses it and CI does not reinstall the same pins on every run.
# Override the location with SHOPMINE_VENV.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
req="$root/Tests/python/requirements.txt"
hash=$(sha256sum "$req" | cut -c1-12)
venv=${SHOPMINE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/shopmine/venv-$hash}
if [ ! -x "$venv/bin/python" ] || [ ! -f "$venv/.complete" ]; then
  echo "scripts/venv.sh: creating $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check --upgrade pip >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req" >&2
  touch "$venv/.complete"
fi
# The project's own Python package (Pygments lexer, papermill translator), reinstalled whenever its files
# change: the stamp holds a hash of them (build output left out).
pkg="$root/python/shopmine-jupyter"
pkg_hash=$(cd "$pkg" && find . -type f ! -path './build/*' ! -path '*.egg-info/*' ! -path '*/__pycache__/*' \
  | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)
if [ "$(cat "$venv/.shopmine-jupyter" 2>/dev/null)" != "$pkg_hash" ]; then
  echo "scripts/venv.sh: installing python/shopmine-jupyter" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --force-reinstall \
    "$pkg" >&2
  echo "$pkg_hash" > "$venv/.shopmine-jupyter"
fi
echo "$venv"
