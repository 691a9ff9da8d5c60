#!/usr/bin/env bash
# make bench: start the production stack (scripts/stack.sh) on an empty
# database, measure the uncached targets with about 100 pages, grow the content
# to full size, measure everything (bench/run.py) and compare the two sizes,
# then stop the stack.
#
# Sizes: BENCH_PROCEDURES, BENCH_LOCATIONS, BENCH_TESTIMONIALS (full size; the
# default 4000/1000/5000, in both languages: 10,000 pages) and BENCH_SMALL_PROCEDURES,
# BENCH_SMALL_LOCATIONS (the small size, on top of the demo content).
# BENCH_SECONDS: wrk duration per round. The stack's settings are scripts/stack.sh's.
# Arguments go to the full-size bench/run.py (e.g. --webhooks 50, --saves 0).
set -euo pipefail
cd "$(dirname "$0")/.."

export STACK_DIR=${STACK_DIR:-var/bench-stack}
export STACK_PG_DB=${STACK_PG_DB:-foramen_bench}
# The run starts from an empty database: it drops this one, so only a bench's.
case "$STACK_PG_DB" in
  *_bench) export PG_FRESH=1 ;;
  *)
    echo "STACK_PG_DB must end in _bench: make bench drops and recreates it" >&2
    exit 2
    ;;
esac
results=bench/results
started=$(date +%s)

scripts/stack.sh start
trap 'scripts/stack.sh stop' EXIT
# shellcheck disable=SC1091
source "$(realpath "$STACK_DIR")/stack.env"
mkdir -p "$results"

.venv/bin/python manage.py generate_load_content \
  --procedures "${BENCH_SMALL_PROCEDURES:-20}" \
  --locations "${BENCH_SMALL_LOCATIONS:-5}" \
  --testimonials 20
.venv/bin/python bench/run.py --uncached-only --seconds "${BENCH_SMALL_SECONDS:-3}" \
  --output "$results/small.json"

.venv/bin/python manage.py generate_load_content \
  --procedures "${BENCH_PROCEDURES:-4000}" \
  --locations "${BENCH_LOCATIONS:-1000}" \
  --testimonials "${BENCH_TESTIMONIALS:-5000}"
.venv/bin/python bench/run.py --seconds "${BENCH_SECONDS:-4}" \
  --compare-with "$results/small.json" "$@"
echo "Whole run including start-up and content: $(($(date +%s) - started)) s"
