#!/usr/bin/env bash
# Start the machine's PostgreSQL on loopback and make sure the test role exists.
# Prints the DATABASE_URL to use on its last line. Installs PostgreSQL with
# apt-get where it is missing (needs root, as on CI machines).
set -euo pipefail

PG_USER=${PG_USER:-foramen}
PG_PASSWORD=${PG_PASSWORD:-foramen}
PG_DB=${PG_DB:-foramen}
PG_PORT=${PG_PORT:-5432}
# PG_FRESH=1 drops PG_DB first (the benchmark starts from an empty database).
PG_FRESH=${PG_FRESH:-0}

log() { echo "[postgres] $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
  log "PostgreSQL is not installed; installing it with apt-get"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

version=$(ls /etc/postgresql | sort -n | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  log "Starting cluster $version/main"
  pg_ctlcluster "$version" main start >&2
fi

for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q -h 127.0.0.1 -p $PG_PORT" && break
  sleep 1
done
su postgres -c "pg_isready -h 127.0.0.1 -p $PG_PORT" >&2

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -p $PG_PORT -tAc \"$1\""; }
if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'")" != "1" ]; then
  log "Creating role $PG_USER"
  psql_admin "CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'" >&2
fi
if [ "$PG_FRESH" = 1 ]; then
  log "Dropping database $PG_DB"
  psql_admin "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >&2
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname='$PG_DB'")" != "1" ]; then
  log "Creating database $PG_DB"
  psql_admin "CREATE DATABASE $PG_DB OWNER $PG_USER" >&2
fi

echo "postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
