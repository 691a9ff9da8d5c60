#!/usr/bin/env bash
# make test: the whole suite on SQLite and, at the same time, on PostgreSQL.
# The end-to-end tests (tests/e2e, marker e2e: a real Chromium against a real
# server process) and the other tests that start their own server process on
# SQLite (marker live_server) and the API fuzzing (marker fuzz) run in the
# SQLite pass only, as do the tests against the production stack (markers varnish,
# and security: `make security`'s replay of issue #21); `make faults`'s drill (marker
# faults: a PostgreSQL and an OpenSearch of its own) is left out for now; under CI=true
# scripts/services/chromium.sh installs Chromium where it is missing.
#
# PostgreSQL comes from DATABASE_URL when set; under CI=true this script starts
# the machine's own server. Locally, without either, the PostgreSQL run is
# skipped with the reason printed; under CI that is a failure.
#
# The search tests (tests/search) also run against a real search engine:
# under CI=true scripts/services/search-engine.sh starts OpenSearch on loopback
# (a failure to start fails the run); locally they do when SEARCH_URLS is set.
#
# Media and lead files in an object store (tests/core, tests/leads) run against a real
# S3-compatible server: under CI=true scripts/services/object-store.sh starts SeaweedFS.
#
# Upload scanning (tests/leads) runs against a real ClamAV daemon: under CI=true
# scripts/services/clamav.sh starts one; locally when CLAMAV_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

ci=false
[ "${CI:-}" = "true" ] && ci=true

if [ "$ci" = true ]; then
  scripts/services/chromium.sh >/dev/null
  scripts/services/redis.sh >/dev/null  # the shared-cache tests (tests/localization)
  scripts/stack.sh install >/dev/null  # Varnish and nginx (tests/deploy, tests/frontcache)
fi

# Redis for the lead forms' rate-limit tests (tests/leads): REDIS_URL when set,
# else under CI=true our own server on loopback; locally those tests skip without it.
if [ -z "${REDIS_URL:-}" ] && [ "$ci" = true ]; then
  REDIS_URL=$(scripts/services/redis.sh | tail -n 1)
  export REDIS_URL
fi

# ClamAV for the upload scanning tests (tests/leads): CLAMAV_URL when set, else under
# CI=true our own clamd on loopback with the repository's test signature; locally
# those tests skip without it. Set, it also scans every file the other tests upload.
if [ -z "${CLAMAV_URL:-}" ] && [ "$ci" = true ]; then
  if ! CLAMAV_URL=$(scripts/services/clamav.sh | tail -n 1) || [ -z "$CLAMAV_URL" ]; then
    echo "FAILED: CI=true but ClamAV (scripts/services/clamav.sh) did not start." >&2
    exit 1
  fi
  export CLAMAV_URL
fi

# The object store (tests/core and tests/leads test media and lead files in its buckets):
# OBJECT_STORE_URL when set, else under CI=true our own SeaweedFS on loopback; locally
# those tests skip without it. The rest of the suite keeps its files in folders.
if [ -z "${OBJECT_STORE_URL:-}" ] && [ "$ci" = true ]; then
  if ! OBJECT_STORE_URL=$(scripts/services/object-store.sh | tail -n 1) || [ -z "$OBJECT_STORE_URL" ]; then
    echo "FAILED: CI=true but the object store (scripts/services/object-store.sh) did not start." >&2
    exit 1
  fi
  export OBJECT_STORE_URL
fi

# The partner render typed by the generated TypeScript client (tests/api): its pinned
# tools from clients/typescript/package-lock.json, installed under CI=true.
if [ "$ci" = true ]; then
  (cd clients/typescript && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

postgres_url=${DATABASE_URL:-}
if [ -z "$postgres_url" ] && [ "$ci" = true ]; then
  postgres_url=$(scripts/services/postgres.sh | tail -n 1)
fi

# --- search engine (tests/search) ---
search_urls=${SEARCH_URLS:-}
if [ "$ci" = true ] && [ -z "$search_urls" ]; then
  if ! search_urls=$(scripts/services/search-engine.sh | tail -n 1) || [ -z "$search_urls" ]; then
    echo "FAILED: CI=true but the search engine (scripts/services/search-engine.sh) did not start." >&2
    exit 1
  fi
fi
# --- end search engine ---

# One pytest run on the database at $1 ("" is SQLite). A path given to `make test`
# may hold no test of a pass's kind: pytest's "no tests collected" (5) is then no failure.
run_pass() {
  local url=$1 status=0
  shift
  DATABASE_URL="$url" .venv/bin/python -m pytest "$@" || status=$?
  [ "$status" -eq 0 ] || [ "$status" -eq 5 ]
}

failed=()

# The PostgreSQL pass runs beside the SQLite passes: each pytest process is mostly
# single-threaded, so on a machine of two cores or more this takes its whole length off
# the run. Nothing is shared between them but the services: the SQLite passes keep their
# own database files and folders, and the PostgreSQL pass uses Redis database 1 (a
# test's cache clear empties its whole Redis database). Its output follows theirs.
postgres_pid=""
if [ -n "$postgres_url" ]; then
  postgres_log=$(mktemp)
  # Its own temporary folder and no shared pytest cache: the two runs never touch one file.
  postgres_tmp=$(mktemp -d)
  postgres_redis_url=""
  [ -n "${REDIS_URL:-}" ] && postgres_redis_url=$(printf '%s' "$REDIS_URL" | sed -E 's#(/[0-9]+)?$#/1#')
  echo "=== Test suite on PostgreSQL: started beside the SQLite passes; its output follows them ==="
  REDIS_URL=$postgres_redis_url DATABASE_URL=$postgres_url \
    .venv/bin/python -m pytest -p no:cacheprovider --basetemp="$postgres_tmp" \
    -m "not e2e and not live_server and not fuzz" "$@" >"$postgres_log" 2>&1 &
  postgres_pid=$!
  trap 'kill "$postgres_pid" 2>/dev/null || true' EXIT
elif [ "$ci" = true ]; then
  echo "FAILED: CI=true but no PostgreSQL could be started for the PostgreSQL run." >&2
  exit 1
else
  echo "SKIPPED the PostgreSQL run: DATABASE_URL is not set. Set it (e.g. from" \
    "scripts/services/postgres.sh) to run the suite on PostgreSQL too."
fi

# Unit tests build their own data: run alone, without the demo content in the database
# (it is loaded only when a collected test is marked demo_content), they must pass.
# The SQLite pass then runs the rest, with the demo content: each test runs once on
# SQLite, which keeps CI inside its time limit.
unit_tests="not demo_content and not e2e and not live_server and not fuzz and not varnish"
echo "=== Unit tests without the demo content (SQLite) ==="
run_pass "" -q -m "$unit_tests" "$@" || failed+=("unit tests (SQLite)")

echo "=== Demo content, end-to-end, live server, fuzz and stack tests (SQLite) ==="
run_pass "" -m "not ($unit_tests) and not faults" "$@" || failed+=("demo content, end-to-end and stack tests (SQLite)")

# --- search engine pass ---
if [ -n "$search_urls" ]; then
  echo "=== Search tests on ${SEARCH_ENGINE:-opensearch} at $search_urls ==="
  SEARCH_BACKEND=${SEARCH_ENGINE:-opensearch} SEARCH_URLS="$search_urls" SEARCH_INDEX_PREFIX=test_foramen_ \
    DATABASE_URL="" .venv/bin/python -m pytest -m "not e2e and not live_server and not fuzz" tests/search \
    || failed+=("search tests (${SEARCH_ENGINE:-opensearch})")
else
  echo "SKIPPED the search engine pass: SEARCH_URLS is not set (see scripts/services/search-engine.sh)."
fi
# --- end search engine pass ---

if [ -n "$postgres_pid" ]; then
  postgres_status=0
  wait "$postgres_pid" || postgres_status=$?
  trap - EXIT
  echo "=== Test suite on PostgreSQL ==="
  cat "$postgres_log"
  rm -rf "$postgres_log" "$postgres_tmp"
  [ "$postgres_status" -eq 0 ] || [ "$postgres_status" -eq 5 ] || failed+=("PostgreSQL")
fi

if [ "${#failed[@]}" -gt 0 ]; then
  printf 'FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
