import os

from django.db import connection


def test_suite_runs_on_the_database_it_was_given():
    """make test runs this suite twice; each run must really use its own engine."""
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected
