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
echo "$venv"
