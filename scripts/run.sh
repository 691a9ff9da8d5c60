#!/usr/bin/env bash
# make run: install, migrate, load the demo content, make sure an admin exists, serve.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

PORT=${PORT:-8000}
export WAGTAILADMIN_BASE_URL=${WAGTAILADMIN_BASE_URL:-http://127.0.0.1:${PORT}}
manage() { .venv/bin/python manage.py "$@"; }

manage migrate --no-input -v0
manage load_demo_content
manage ensure_admin --login-url "http://127.0.0.1:${PORT}/admin/"
echo "Serving Foramen on http://127.0.0.1:${PORT}/"
exec .venv/bin/python manage.py runserver "127.0.0.1:${PORT}"
