#!/usr/bin/env bash
# The main job: build ShopMine, install its Jupyter kernelspec, execute the tour notebook headlessly
# and write its HTML report. Works on a fresh Debian machine as root (installs libzmq if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
echo "== building shopmine (release; the same build the tests use)"
bin=$(bash scripts/build.sh | tail -n 1)
"$bin" install --user
mkdir -p out
"$bin" execute notebooks/01-tour.ipynb --output out/01-tour.ipynb --html out/01-tour.html
echo
echo "Report: $(pwd)/out/01-tour.html"
echo "Open the notebooks in JupyterLab (kernel 'ShopMine'): bash scripts/lab.sh"
