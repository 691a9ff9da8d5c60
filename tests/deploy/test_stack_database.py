"""Which database the stack's processes are given (scripts/stack.sh): a PostgreSQL one
through the stack's PgBouncer, with the database itself for migrations and backups."""

from tests.deploy.test_stack_secrets import stack_env as stack_env_with

POSTGRESQL_URL = "postgres://foramen:s3cret@db.internal:5433/foramen_site"


def stack_env(stack_dir, database_url):
    """What `scripts/stack.sh env` writes for the stack in ``stack_dir`` on that database."""
    return stack_env_with(stack_dir, DATABASE_URL=database_url, PGBOUNCER_PORT="6499")


def test_a_postgresql_database_is_reached_through_pgbouncer(tmp_path):
    env = stack_env(tmp_path, POSTGRESQL_URL)
    assert env["DATABASE_URL"] == "postgres://foramen:s3cret@127.0.0.1:6499/foramen_site"
    assert env["DATABASE_POOLER"] == "pgbouncer"
    assert env["DATABASE_DIRECT_URL"] == POSTGRESQL_URL
    assert env["STACK_PGBOUNCER_URL"] == "postgres://foramen:s3cret@127.0.0.1:6499/pgbouncer"


def test_sqlite_has_no_pooler(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = stack_env(tmp_path, url)
    assert env["DATABASE_URL"] == url
    assert env["DATABASE_POOLER"] == ""
    assert env["DATABASE_DIRECT_URL"] == ""
    assert "STACK_PGBOUNCER_URL" not in env
