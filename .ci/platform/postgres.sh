#!/usr/bin/env bash
# PostgreSQL 15 servers for the CI platforms: plain, TimescaleDB, and a Citus coordinator with two workers.
#
#   bash .ci/platform/postgres.sh install            # Debian's PostgreSQL 15 + Citus + TimescaleDB (shared/scale-out)
#   bash .ci/platform/postgres.sh up pg15|timescaledb|citus
#   bash .ci/platform/postgres.sh url pg15|timescaledb|citus   # the JDBC URL the testkit is given
#   bash .ci/platform/postgres.sh down               # stops every server this script started
#
# SARK_CI_STATE (default /var/tmp/sark-ci) and SARK_CI_PORT_OFFSET (default 0) give a second, independent set.
#
# Servers run as the postgres user on 127.0.0.1 with trust authentication, durability off (test servers only).
set -euo pipefail
STATE=${SARK_CI_STATE:-/var/tmp/sark-ci}/pg
PGBIN=/usr/lib/postgresql/15/bin
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { echo "postgres-platform: $*" >&2; }

port_of() { # SARK_CI_PORT_OFFSET moves every port, for a second set of servers beside CI's
  local base
  case "$1" in
    pg15) base=55415 ;; timescaledb) base=55416 ;;
    citus) base=55420 ;; citus-w1) base=55421 ;; citus-w2) base=55422 ;;
    *) log "unknown server $1"; exit 64 ;;
  esac
  echo $(( base + ${SARK_CI_PORT_OFFSET:-0} ))
}

scale_out_dir() {
  for d in "${SARK_SCALE_OUT_DIR:-}" "$here/../../../shared/scale-out" /work/shared/scale-out; do
    [ -n "$d" ] && [ -f "$d/install.sh" ] && { echo "$d"; return; }
  done
  log "shared/scale-out not found (set SARK_SCALE_OUT_DIR)"; exit 1
}

psql_at() { runuser -u postgres -- "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(port_of "$1")" -d postgres -c "$2"; }

start() { # name, extra config lines
  local name=$1 conf=$2 dir="$STATE/$1" port
  port=$(port_of "$name")
  if runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then return; fi
  rm -rf "$dir"; mkdir -p "$STATE"; chown postgres "$STATE"
  runuser -u postgres -- "$PGBIN/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$dir/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 400
timezone = 'UTC'
$conf
CONF
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null \
    || { tail -20 "$dir/server.log"; exit 1; }
  log "$name started on port $port"
}

up() {
  case "$1" in
    pg15) start pg15 "" ;;
    timescaledb)
      start timescaledb "shared_preload_libraries = 'timescaledb'
timescaledb.telemetry_level = off"
      psql_at timescaledb "CREATE EXTENSION IF NOT EXISTS timescaledb" ;;
    citus)
      local citus_conf="shared_preload_libraries = 'citus'
max_prepared_transactions = 200
citus.shard_count = 4
wal_level = logical"
      start citus-w1 "$citus_conf"; start citus-w2 "$citus_conf"; start citus "$citus_conf"
      for n in citus-w1 citus-w2 citus; do psql_at "$n" "CREATE EXTENSION IF NOT EXISTS citus"; done
      psql_at citus "SELECT citus_set_coordinator_host('127.0.0.1', $(port_of citus))" >/dev/null
      psql_at citus "SELECT citus_add_node('127.0.0.1', $(port_of citus-w1))" >/dev/null
      psql_at citus "SELECT citus_add_node('127.0.0.1', $(port_of citus-w2))" >/dev/null
      log "citus coordinator with workers on $(port_of citus-w1), $(port_of citus-w2)" ;;
    *) log "unknown platform $1"; exit 64 ;;
  esac
}

down() {
  [ -d "$STATE" ] || return 0
  for dir in "$STATE"/*/; do
    [ -f "$dir/postmaster.pid" ] || continue
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null 2>&1 || true
    log "stopped $(basename "$dir")"
  done
}

case "${1:-}" in
  install) bash "$(scale_out_dir)/install.sh" ;;
  up) up "${2:?platform}" ;;
  url) echo "jdbc:postgresql://127.0.0.1:$(port_of "${2:?platform}")/postgres?user=postgres" ;;
  down) down ;;
  *) echo "usage: $0 install|up <platform>|url <platform>|down" >&2; exit 64 ;;
esac
