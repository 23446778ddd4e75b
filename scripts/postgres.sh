#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: loopback only, a free port, a password-authenticated
# role `analyst` (scram-sha-256) owning a database `shop`, every statement logged (log_statement=all,
# so tests can count the queries a pipeline sent).
#
#   bash scripts/postgres.sh start     # installs PostgreSQL from Debian if missing, starts the cluster,
#                                      # prints the variables to export (as `env` does)
#   eval "$(bash scripts/postgres.sh env)"
#   bash scripts/postgres.sh kill      # stops the server at once (pg_ctl stop -m immediate), keeps the data
#   bash scripts/postgres.sh restart   # starts it again on the same port
#   bash scripts/postgres.sh stop      # stops it and removes its folder
#
# The cluster's folder is recorded in .build/postgres-cluster. As root, the server runs as the OS user
# `shopmine-pg` (created if missing): PostgreSQL refuses to run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
pointer=.build/postgres-cluster
os_user=shopmine-pg

as_server() {  # COMMAND…: runs a command as the user that owns the cluster
  if [ "$(id -u)" = 0 ]; then runuser -u "$os_user" -- "$@"; else "$@"; fi
}

bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$dir" ] && command -v pg_ctl >/dev/null; then dir=$(dirname "$(command -v pg_ctl)"); fi
  echo "$dir"
}

cluster_dir() {
  [ -f "$pointer" ] || { echo "postgres.sh: no cluster started ($pointer missing)" >&2; exit 1; }
  cat "$pointer"
}

start() {
  if [ -f "$pointer" ] && [ -d "$(cat "$pointer")" ]; then
    echo "postgres.sh: a cluster is already running in $(cat "$pointer"); stop it first" >&2
    exit 1
  fi
  local bin
  bin=$(bin_dir)
  if [ -z "$bin" ]; then
    echo "postgres.sh: installing PostgreSQL (apt-get)" >&2
    local sudo=""
    if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
    bin=$(bin_dir)
  fi
  if [ "$(id -u)" = 0 ] && ! id "$os_user" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$os_user"
  fi
  local dir port password
  dir=$(mktemp -d "${TMPDIR:-/tmp}/shopmine-pg.XXXXXX")
  chmod 755 "$dir"
  if [ "$(id -u)" = 0 ]; then chown "$os_user" "$dir"; fi
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
  as_server "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C --auth-local=trust \
    --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  # A self-signed certificate for localhost, so that sslmode=require and verify-full can be tested (the
  # tests trust it through sslrootcert=$dir/server.crt). Without openssl the server is plain text only.
  local ssl=off
  if command -v openssl >/dev/null; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost \
      -keyout "$dir/data/server.key" -out "$dir/data/server.crt" >/dev/null 2>&1 && ssl=on
    if [ "$ssl" = on ]; then
      cp "$dir/data/server.crt" "$dir/server.crt"
      chmod 600 "$dir/data/server.key"
      if [ "$(id -u)" = 0 ]; then chown "$os_user" "$dir/data/server.key" "$dir/data/server.crt"; fi
    fi
  fi
  cat >>"$dir/data/postgresql.conf" <<EOF
ssl = $ssl
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
log_statement = 'all'
log_line_prefix = '%m [%p] %u@%d '
password_encryption = 'scram-sha-256'
fsync = off
EOF
  mkdir -p .build
  echo "$dir" >"$pointer"
  as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >&2
  local psql=("$bin/psql" -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1)
  as_server "${psql[@]}" -c "CREATE ROLE analyst LOGIN PASSWORD '$password'" >&2
  as_server "${psql[@]}" -c "CREATE DATABASE shop OWNER analyst" >&2
  cat >"$dir/env" <<EOF
export PGHOST=127.0.0.1
export PGPORT=$port
export PGUSER=analyst
export PGPASSWORD=$password
export PGDATABASE=shop
export SHOPMINE_PG_URL=postgresql://analyst@127.0.0.1:$port/shop
export SHOPMINE_PG_BIN=$bin
export SHOPMINE_PG_LOG=$dir/server.log
export SHOPMINE_PG_SOCKET=$dir
EOF
  if [ "$ssl" = on ]; then echo "export SHOPMINE_PG_ROOTCERT=$dir/server.crt" >>"$dir/env"; fi
  chmod 600 "$dir/env"
  cat "$dir/env"
}

case "${1:-}" in
  start) start ;;
  env) cat "$(cluster_dir)/env" ;;
  kill)
    dir=$(cluster_dir)
    as_server "$(bin_dir)/pg_ctl" -D "$dir/data" -m immediate stop >&2
    ;;
  restart)
    dir=$(cluster_dir)
    as_server "$(bin_dir)/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >&2
    ;;
  stop)
    if [ -f "$pointer" ]; then
      dir=$(cat "$pointer")
      if [ -d "$dir/data" ]; then as_server "$(bin_dir)/pg_ctl" -D "$dir/data" -m fast stop >&2 || true; fi
      rm -rf "$dir" "$pointer"
    fi
    ;;
  *)
    echo "usage: bash scripts/postgres.sh start|env|kill|restart|stop" >&2
    exit 2
    ;;
esac
