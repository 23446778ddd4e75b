#!/usr/bin/env bash
# Opens ShopMine's notebooks in JupyterLab with the ShopMine kernel, on a machine that has no Jupyter:
# builds shopmine if needed (the shared build, scripts/build.sh), makes or reuses a virtual environment
# with JupyterLab and ShopMine's highlighting package in .venv/lab inside this clone, installs the
# kernelspec into that environment only (your own Jupyter setup is untouched), and starts JupyterLab
# on notebooks/.
#
#   bash scripts/lab.sh                         # then open the URL it prints
#   bash scripts/lab.sh --no-browser --port 8899   # any further options go to JupyterLab
#
# SHOPMINE_LAB_VENV names another environment to use or create.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jupyterlab_pin=4.6.6
venv=${SHOPMINE_LAB_VENV:-$root/.venv/lab}

bash scripts/system-deps.sh
bin=$(bash scripts/build.sh | tail -n 1)

if [ ! -x "$venv/bin/jupyter-lab" ]; then
  echo "scripts/lab.sh: installing JupyterLab $jupyterlab_pin into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "jupyterlab==$jupyterlab_pin" >&2
fi
# The Pygments lexer and papermill translator: nbconvert exports from this JupyterLab colour ShopMine code.
if [ -d python/shopmine-jupyter ]; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --force-reinstall ./python/shopmine-jupyter >&2
fi
"$bin" install --prefix "$venv" >&2

args=(--notebook-dir="$root/notebooks")
# JupyterLab refuses to run as root without being told; the server listens on loopback only.
[ "$(id -u)" -eq 0 ] && args+=(--allow-root --ip=127.0.0.1)
exec "$venv/bin/jupyter-lab" "${args[@]}" "$@"
