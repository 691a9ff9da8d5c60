#!/usr/bin/env bash
# make audit: Lighthouse on the production stack (issue #23). Installs the pinned
# Lighthouse of tools/audit with `npm ci` (into tools/audit/node_modules, never
# globally), then tools/audit/run.py starts the stack (scripts/stack.sh) on free loopback
# ports with a fresh PostgreSQL database (STACK_PG_DB, dropped and made anew) and the
# demo content, runs Lighthouse with phone emulation on Debian's Chromium (CHROME_PATH,
# default /usr/bin/chromium) on each audited page in English and Spanish, prints the
# scores, and stops the stack. Non-zero when a score is under its bar or a measurement
# failed. Reports: var/audit/. Arguments go to tools/audit/run.py (--url BASE audits a
# site already running instead).
set -euo pipefail
cd "$(dirname "$0")/.."

export STACK_PG_DB=${STACK_PG_DB:-foramen_audit}
# The run starts from an empty database: it drops this one, so only an audit's.
case "$STACK_PG_DB" in
  *_audit) export PG_FRESH=1 ;;
  *)
    echo "STACK_PG_DB must end in _audit: make audit drops and recreates it" >&2
    exit 2
    ;;
esac
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
if [ ! -x "$CHROME_PATH" ]; then
  if [ "${CI:-}" = true ]; then
    scripts/services/chromium.sh >&2
  else
    echo "No Chromium at $CHROME_PATH (scripts/services/chromium.sh installs Debian's)" >&2
    exit 2
  fi
fi
command -v npm >/dev/null || { echo "make audit needs Node.js and npm" >&2; exit 2; }

scripts/bootstrap.sh
(cd tools/audit && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
exec .venv/bin/python tools/audit/run.py "$@"
