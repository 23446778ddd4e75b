#!/usr/bin/env bash
# Installs the system packages ShopMine needs on Debian (as root): libzmq for the kernel's wire, zlib for
# gzip-compressed data files, snappy and zstd for Parquet pages and zstd-compressed files, SQLite
# for `connect "sqlite:…"`,
# librsvg2-bin to turn SVG charts into PNG in rendering tests. Does nothing when they are present.
set -euo pipefail
need=()
pkg-config --exists libzmq 2>/dev/null || need+=(libzmq3-dev pkg-config)
pkg-config --exists zlib 2>/dev/null || need+=(zlib1g-dev)
pkg-config --exists sqlite3 2>/dev/null || need+=(libsqlite3-dev)
pkg-config --exists snappy 2>/dev/null || need+=(libsnappy-dev)
pkg-config --exists libzstd 2>/dev/null || need+=(libzstd-dev)
command -v rsvg-convert >/dev/null 2>&1 || need+=(librsvg2-bin)
python3 -m venv --help >/dev/null 2>&1 || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "scripts/system-deps.sh: please install: ${need[*]} (needs root)" >&2
    exit 1
  fi
  echo "scripts/system-deps.sh: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
