#!/usr/bin/env bash
# Start ClamAV's daemon (clamd) of our own on loopback, for the upload scanning of
# the lead forms (leads/scanning.py). Prints the CLAMAV_URL to use on its last line.
# Installs clamav-daemon with apt-get where it is missing (needs root, as on CI
# machines). Idempotent: a daemon already answering on the port is reused.
#
# Signatures: without CLAMAV_DATABASE_DIR, only the repository's test signature
# (scripts/services/clamav/test-signatures.ndb: the EICAR test file), so that it
# starts without the internet. Production's clamd gets the real signatures from
# freshclam (README, "Upload checks"); point CLAMAV_DATABASE_DIR at them
# (/var/lib/clamav) to scan with them here.
set -euo pipefail
cd "$(dirname "$0")/../.."

CLAMAV_PORT=${CLAMAV_PORT:-3320}
CLAMAV_DIR=${CLAMAV_DIR:-/tmp/foramen-clamav-$CLAMAV_PORT}
CLAMAV_DATABASE_DIR=${CLAMAV_DATABASE_DIR:-$CLAMAV_DIR/db}
# Above the largest upload (LEADS_UPLOAD_MAX_MB, 25 by default): a longer stream is
# refused by clamd, and the app then refuses the submission as not checked.
CLAMAV_STREAM_MAX=${CLAMAV_STREAM_MAX:-40M}

log() { echo "[clamav] $*" >&2; }

# PING over bash's /dev/tcp, in a subshell so that the connection and its errors stay there.
clamd_answers() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$CLAMAV_PORT" || exit 1
    printf 'zPING\0' >&3
    IFS= read -r -d '' -t 5 reply <&3 || true
    [ "$reply" = PONG ]
  ) 2>/dev/null
}

if ! command -v clamd >/dev/null 2>&1 && [ ! -x /usr/sbin/clamd ]; then
  log "clamd is not installed; installing clamav-daemon with apt-get"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clamav-daemon >&2
fi

if ! clamd_answers; then
  log "Starting clamd on 127.0.0.1:$CLAMAV_PORT (signatures in $CLAMAV_DATABASE_DIR)"
  mkdir -p "$CLAMAV_DIR" "$CLAMAV_DATABASE_DIR"
  if [ "$CLAMAV_DATABASE_DIR" = "$CLAMAV_DIR/db" ]; then
    cp scripts/services/clamav/test-signatures.ndb "$CLAMAV_DATABASE_DIR/"
  fi
  cat >"$CLAMAV_DIR/clamd.conf" <<CONF
TCPAddr 127.0.0.1
TCPSocket $CLAMAV_PORT
DatabaseDirectory $CLAMAV_DATABASE_DIR
PidFile $CLAMAV_DIR/clamd.pid
LogFile $CLAMAV_DIR/clamd.log
TemporaryDirectory $CLAMAV_DIR
StreamMaxLength $CLAMAV_STREAM_MAX
Foreground no
CONF
  "$(command -v clamd || echo /usr/sbin/clamd)" --config-file="$CLAMAV_DIR/clamd.conf" >&2
fi

for _ in $(seq 1 100); do
  clamd_answers && break
  sleep 0.2
done
if ! clamd_answers; then
  log "FAILED: clamd does not answer on 127.0.0.1:$CLAMAV_PORT (see $CLAMAV_DIR/clamd.log)"
  exit 1
fi
log "clamd answers on 127.0.0.1:$CLAMAV_PORT"

echo "tcp://127.0.0.1:$CLAMAV_PORT"
