#!/usr/bin/env bash
# make run: install, migrate, load the demo content, make sure an admin exists, serve,
# with the scheduler of the periodic jobs beside the server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

PORT=${PORT:-8000}
export WAGTAILADMIN_BASE_URL=${WAGTAILADMIN_BASE_URL:-http://127.0.0.1:${PORT}}
manage() { .venv/bin/python manage.py "$@"; }

manage migrate --no-input -v0
manage load_demo_content
manage ensure_admin --login-url "http://127.0.0.1:${PORT}/admin/"
# The periodic jobs (go-live and expiry dates, retention purges) run here too, as the
# stack's scheduler runs them; it stops with the server.
mkdir -p var
.venv/bin/python manage.py run_periodic_jobs >var/scheduler.log 2>&1 &
scheduler=$!
trap 'kill "$scheduler" 2>/dev/null || true' EXIT
echo "Serving Foramen on http://127.0.0.1:${PORT}/ (periodic jobs: var/scheduler.log)"
.venv/bin/python manage.py runserver "127.0.0.1:${PORT}"
