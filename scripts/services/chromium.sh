#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the end-to-end tests (tests/e2e).
# Installs the `chromium` package with apt-get where /usr/bin/chromium is
# missing (needs root, as on CI machines). Prints the browser's path on its last
# line. Playwright's own browser download is not used.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

log() { echo "[chromium] $*" >&2; }

if [ ! -x "$CHROMIUM" ]; then
  log "Chromium is not installed; installing it with apt-get"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi

if [ ! -x "$CHROMIUM" ]; then
  log "FAILED: $CHROMIUM is still missing after apt-get install chromium"
  exit 1
fi

echo "$CHROMIUM"
