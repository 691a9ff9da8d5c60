#!/usr/bin/env bash
# make test: the whole suite on SQLite, then on PostgreSQL.
# The end-to-end tests (tests/e2e, marker e2e: a real Chromium against a real
# server process) and the other tests that start their own server process on
# SQLite (marker live_server) and the API fuzzing (marker fuzz) run in the
# SQLite pass only; under CI=true
# scripts/services/chromium.sh installs Chromium where it is missing.
#
# PostgreSQL comes from DATABASE_URL when set; under CI=true this script starts
# the machine's own server. Locally, without either, the PostgreSQL run is
# skipped with the reason printed; under CI that is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

ci=false
[ "${CI:-}" = "true" ] && ci=true

if [ "$ci" = true ]; then
  scripts/services/chromium.sh >/dev/null
  scripts/services/redis.sh >/dev/null  # the shared-cache tests (tests/i18n)
fi

postgres_url=${DATABASE_URL:-}
if [ -z "$postgres_url" ] && [ "$ci" = true ]; then
  postgres_url=$(scripts/services/postgres.sh | tail -n 1)
fi

run_suite() {
  local label=$1 url=$2
  shift 2
  echo "=== Test suite on $label ==="
  DATABASE_URL="$url" .venv/bin/python -m pytest "$@"
}

run_suite SQLite "" "$@"

if [ -n "$postgres_url" ]; then
  run_suite PostgreSQL "$postgres_url" -m "not e2e and not live_server and not fuzz" "$@"
elif [ "$ci" = true ]; then
  echo "FAILED: CI=true but no PostgreSQL could be started for the PostgreSQL run." >&2
  exit 1
else
  echo "SKIPPED the PostgreSQL run: DATABASE_URL is not set. Set it (e.g. from" \
    "scripts/services/postgres.sh) to run the suite on PostgreSQL too."
fi
