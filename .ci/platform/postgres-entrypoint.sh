#!/bin/bash
# Entrypoint of the CI's PostgreSQL 15 image (see docker.sh). With "postgres ..." it initialises the cluster
# from POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, starts and stops a temporary server (as the official image
# does, so the ready line appears twice), then runs the server; any other command runs as given.
set -euo pipefail
if [ "${1:-}" != postgres ]; then exec "$@"; fi
shift
PGDATA=${PGDATA:-/var/lib/postgresql/data}
user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
mkdir -p "$PGDATA" /var/run/postgresql
chown -R postgres:postgres "$PGDATA" /var/run/postgresql
as_pg() { su postgres -s /bin/bash -c "$*"; }
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  printf '%s' "${POSTGRES_PASSWORD:-postgres}" >/tmp/pwfile
  chown postgres /tmp/pwfile
  as_pg "initdb -D '$PGDATA' -U '$user' --pwfile=/tmp/pwfile --auth-local=trust --auth-host=scram-sha-256 -E UTF8" >/dev/null
  rm -f /tmp/pwfile
  echo "host all all 0.0.0.0/0 scram-sha-256" >>"$PGDATA/pg_hba.conf"
  as_pg "pg_ctl -D '$PGDATA' -o \"-c listen_addresses='' \" -w start"
  if [ "$db" != postgres ]; then
    as_pg "psql -v ON_ERROR_STOP=1 -U '$user' -d postgres -c 'CREATE DATABASE \"$db\"'" >/dev/null
  fi
  as_pg "pg_ctl -D '$PGDATA' -m fast -w stop"
fi
args=""
for a in "$@"; do args="$args '$a'"; done
exec su postgres -s /bin/bash -c "exec postgres -D '$PGDATA' -c listen_addresses='*' $args"
