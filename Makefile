.PHONY: run test lint format check install

install:
	scripts/bootstrap.sh

run:
	scripts/run.sh

test:
	scripts/test.sh

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports

format: install
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

check: install
	.venv/bin/python manage.py check
	.venv/bin/python manage.py makemigrations --check --dry-run

# --- production stack and benchmark (issue #9) ---
.PHONY: stack stack-stop bench security audit faults

# Two app servers behind nginx, as production scales out (STACK_APP_SERVERS=1 for one);
# scripts/stack.sh alone, as the bench and most stack tests run it, starts one.
stack: install
	STACK_APP_SERVERS=$${STACK_APP_SERVERS:-2} scripts/stack.sh start

stack-stop:
	scripts/stack.sh stop

bench: install
	scripts/bench.sh

# Issue #21's reproductions against the production stack: a table, non-zero on any failure.
security:
	scripts/security.sh

# Issue #23's Lighthouse scores (phone emulation) on the production stack: a table,
# non-zero when a score is under its bar.
audit:
	scripts/audit.sh

# Issue #19's faults under a bounded load (Redis, search, object store, worker, PostgreSQL):
# a table, non-zero when a data check fails.
faults:
	scripts/faults.sh

# --- backups (docs/operations.md): the database and every media and lead file ---
.PHONY: backup restore
BACKUP_DIR ?= var/backups/$(shell date -u +%Y%m%dT%H%M%SZ)

backup: install
	.venv/bin/python manage.py backup "$(BACKUP_DIR)"

restore: install
	@test -n "$(FROM)" || { echo "make restore FROM=<backup folder>"; exit 2; }
	.venv/bin/python manage.py restore "$(FROM)"
