#!/usr/bin/env bash
# Make sure Debian's redis-server is installed for the tests that need a real shared
# cache (tests/i18n: the site root-path cache). The tests start their own server on a
# free loopback port; this only installs the `redis-server` package with apt-get
# where it is missing (needs root, as on CI machines). Prints its path on the last line.
set -euo pipefail

REDIS_SERVER=/usr/bin/redis-server

log() { echo "[redis] $*" >&2; }

if [ ! -x "$REDIS_SERVER" ]; then
  log "redis-server is not installed; installing it with apt-get"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2
fi

if [ ! -x "$REDIS_SERVER" ]; then
  log "FAILED: $REDIS_SERVER is still missing after apt-get install redis-server"
  exit 1
fi

echo "$REDIS_SERVER"
