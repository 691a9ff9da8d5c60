#!/usr/bin/env bash
# make security: the reproductions of issue #21 replayed against the production stack
# (tests/security, marker security). It starts the stack (scripts/stack.sh) on free
# loopback ports with a fresh SQLite database and the demo content, prints a table
# (check, requests tried, 5xx answers, data checks, result) and exits non-zero when
# any check fails. A stack that cannot start is a failure here, as under CI (CI=true
# also lets the stack install Varnish, Redis, nginx or clamd where missing).
# `make test` runs the same test in its SQLite pass.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
CI=true DATABASE_URL="" exec .venv/bin/python -m pytest -m security -s -p no:cacheprovider \
  tests/security "$@"
