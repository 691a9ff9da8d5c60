"""PostgreSQL: the pg_trgm extension and trigram indexes that typo-tolerant search uses.

The database backend's Fuzzy query needs them (what modelsearch's
``enable_trigram`` command sets up, done here so every database has it).
pg_trgm is a trusted extension: the database's owner may create it. Other
databases are left alone.
"""

from django.db import migrations

TRIGRAM_INDEXES = {
    "search_indexentry_title_trgm": "title_text",
    "search_indexentry_body_trgm": "body_text",
}


def enable_trigram(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(enable_trigram, drop_indexes)]
