#!/usr/bin/env bash
# Installs what the untrusted-notebook browser check (Tests/python/test_browser_untrusted.py) needs:
# Debian's Chromium and its chromedriver (as root), and the pinned JupyterLab + Selenium into the
# Python virtual environment given as $1. Does nothing for the parts already present.
#
#   bash scripts/browser-deps.sh "$(bash scripts/venv.sh)"
#
# Selenium only talks to the system chromedriver (the test sets SE_OFFLINE=true): no browser or driver is
# ever downloaded. Pins: JupyterLab 4.6.6 is what docs/RENDERING.md's finding was observed with;
# Selenium 4.51.0 because 4.52.0 needs a certifi newer than PyPI's mirror here offers.
set -euo pipefail
venv=${1:?usage: scripts/browser-deps.sh VENV_DIR}
jupyterlab_pin=4.6.6
selenium_pin=4.51.0

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
{ command -v chromedriver >/dev/null 2>&1 || [ -x /usr/lib/chromium/chromedriver ]; } || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "scripts/browser-deps.sh: please install: ${need[*]} (needs root)" >&2
    exit 1
  fi
  echo "scripts/browser-deps.sh: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! "$venv/bin/python" - "$jupyterlab_pin" "$selenium_pin" <<'PY'
import sys
from importlib.metadata import PackageNotFoundError, version
try:
    ok = version("jupyterlab") == sys.argv[1] and version("selenium") == sys.argv[2]
except PackageNotFoundError:
    ok = False
sys.exit(0 if ok else 1)
PY
then
  echo "scripts/browser-deps.sh: pip install jupyterlab==$jupyterlab_pin selenium==$selenium_pin into $venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check "jupyterlab==$jupyterlab_pin" "selenium==$selenium_pin" >&2
fi
