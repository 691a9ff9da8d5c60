"""pg_dump and pg_restore reach PostgreSQL itself when the app goes through PgBouncer
(docs/operations.md, "Connection pooling"): both need a session of their own."""

from core.backup import postgres_environment


def test_the_backup_connects_past_the_pooler_to_the_direct_url(settings):
    settings.DATABASE_DIRECT_URL = "postgres://owner:pa%40ss@db.internal:5433/foramen_site"
    env = postgres_environment()
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"], env["PGPASSWORD"]) == (
        "db.internal",
        "5433",
        "owner",
        "pa@ss",
    )
    assert env["PGDATABASE"] == "foramen_site"


def test_without_a_direct_url_the_backup_uses_the_apps_database(settings):
    settings.DATABASE_DIRECT_URL = ""
    env = postgres_environment()
    assert env["PGDATABASE"] == settings.DATABASES["default"]["NAME"]
