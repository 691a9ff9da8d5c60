#!/usr/bin/env bash
# make bench: start the production stack (scripts/stack.sh), add generated
# content, measure with wrk (bench/run.py), stop the stack.
#
# Sizes: BENCH_PROCEDURES, BENCH_LOCATIONS, BENCH_TESTIMONIALS (defaults keep the
# run under 10 minutes on 2 cores; the issue's full size is 2000/500/5000).
# BENCH_SECONDS: wrk duration per round. The stack's settings are scripts/stack.sh's.
set -euo pipefail
cd "$(dirname "$0")/.."

export STACK_DIR=${STACK_DIR:-var/bench-stack}
export STACK_PG_DB=${STACK_PG_DB:-foramen_bench}
started=$(date +%s)

scripts/stack.sh start
trap 'scripts/stack.sh stop' EXIT
# shellcheck disable=SC1091
source "$(realpath "$STACK_DIR")/stack.env"

.venv/bin/python manage.py generate_load_content \
  --procedures "${BENCH_PROCEDURES:-500}" \
  --locations "${BENCH_LOCATIONS:-150}" \
  --testimonials "${BENCH_TESTIMONIALS:-1500}"
.venv/bin/python bench/run.py --seconds "${BENCH_SECONDS:-5}" "$@"
echo "Whole run including start-up and content: $(($(date +%s) - started)) s"
