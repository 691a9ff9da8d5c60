"""The stack the deploy tests share, started once per run (a start takes minutes): two
app servers behind the load balancer, on a database of the machine's PostgreSQL reached
through PgBouncer, as production runs."""

import os
import subprocess
from pathlib import Path

import pytest

from tests.frontcache.stack import running_stack
from tests.helpers import skip_for_missing_service

BASE_DIR = Path(__file__).resolve().parents[2]
STACK_DATABASE = "foramen_stack_pgbouncer"


@pytest.fixture(scope="session")
def postgresql_url():
    """A fresh database of the machine's PostgreSQL for the stack (needs root, as on CI)."""
    try:
        started = subprocess.run(
            [str(BASE_DIR / "scripts" / "services" / "postgres.sh")],
            env=os.environ | {"PG_DB": STACK_DATABASE, "PG_FRESH": "1"},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except OSError as error:
        skip_for_missing_service(f"scripts/services/postgres.sh did not run: {error}")
    if started.returncode != 0:
        skip_for_missing_service(
            f"PostgreSQL did not start (scripts/services/postgres.sh): {started.stderr[-500:]}"
        )
    return started.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="session")
def stack(tmp_path_factory, postgresql_url):
    with running_stack(
        tmp_path_factory.mktemp("stack"), DATABASE_URL=postgresql_url, STACK_APP_SERVERS="2"
    ) as stack:
        yield stack
