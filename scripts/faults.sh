#!/usr/bin/env bash
# make faults: issue #19's faults under a bounded load (tests/resilience/test_faults.py).
# It starts a PostgreSQL cluster and an OpenSearch of its own, the production stack
# (scripts/stack.sh) on them on free loopback ports with the demo content, and takes away
# in turn Redis (30 s), the search cluster, the object store, the worker (killed mid-task)
# and PostgreSQL (restarted) while visitors read pages in a loop bounded in count and
# time; it prints a table (fault, requests sent, answered, errors by status, data checks,
# result) and exits non-zero when any data check fails. A stack that cannot start is a
# failure here, as under CI (CI=true also lets the scripts install what is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
CI=true DATABASE_URL="" exec .venv/bin/python -m pytest -s -p no:cacheprovider \
  tests/resilience/test_faults.py "$@"
