"""Migrating the test database back and forth, for tests of data migrations."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to targets; the models as the applied migrations leave them."""
    MigrationExecutor(connection).migrate(targets)
    # A fresh executor: the one above still describes the database before migrating.
    return MigrationExecutor(connection)._create_project_state(with_applied_migrations=True).apps


def leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
