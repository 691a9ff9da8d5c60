#!/usr/bin/env bash
# Start a Redis server of our own on loopback for the tests (rate limiting of
# the lead forms). Prints the REDIS_URL to use on its last line. Installs
# redis-server with apt-get where it is missing (needs root, as on CI machines).
# Idempotent: a server already answering on the port is reused.
set -euo pipefail

REDIS_PORT=${REDIS_PORT:-6390}
REDIS_DIR=${REDIS_DIR:-/tmp/foramen-redis-$REDIS_PORT}

log() { echo "[redis] $*" >&2; }

if ! command -v redis-server >/dev/null 2>&1; then
  log "redis-server is not installed; installing it with apt-get"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >&2
fi

if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  log "Starting redis-server on 127.0.0.1:$REDIS_PORT"
  mkdir -p "$REDIS_DIR"
  # No persistence: it only holds rate-limit counters of test runs.
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$REDIS_DIR" \
    --save "" --appendonly no --daemonize yes \
    --logfile "$REDIS_DIR/redis.log" --pidfile "$REDIS_DIR/redis.pid" >&2
fi

for _ in $(seq 1 30); do
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
  sleep 0.2
done
redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >&2

echo "redis://127.0.0.1:$REDIS_PORT/0"
