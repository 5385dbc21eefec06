"""Indexes of large tables are built and dropped without locking them on PostgreSQL
(``CREATE INDEX CONCURRENTLY``), with the plain statements on SQLite, and the migration state is
the same either way (``core.migration_operations``)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import NotSupportedError, connection, migrations
from django.db.migrations.loader import MigrationLoader

from ykien.core.migration_operations import AddIndexConcurrently, RemoveIndexConcurrently

POSTGRES = connection.vendor == "postgresql"
NEW = '"consultatio_draft_i_0797fe_idx"'
OLD = '"consultatio_draft_i_e14097_idx"'
TABLE = '"consultations_comment"'


def _sql(*args: str) -> list[str]:
    out = io.StringIO()
    call_command("sqlmigrate", "consultations", "0010", *args, stdout=out)
    return [line for line in out.getvalue().splitlines() if not line.startswith("--")]


# sqlmigrate outside the test's transaction: PostgreSQL builds concurrently only there.
@pytest.mark.django_db(transaction=True)
def test_the_comments_keyset_index_is_built_concurrently_on_postgresql():
    if POSTGRES:
        expected = [
            f'CREATE INDEX CONCURRENTLY {NEW} ON {TABLE} ("draft_id", "status", "created_at", "id");',
            f"DROP INDEX CONCURRENTLY IF EXISTS {OLD};",
        ]
    else:
        expected = [
            f'CREATE INDEX {NEW} ON {TABLE} ("draft_id", "status", "created_at", "id");',
            f"DROP INDEX {OLD};",
        ]
    assert _sql() == expected


@pytest.mark.django_db(transaction=True)
def test_the_comments_keyset_index_migration_goes_back_concurrently_too():
    if POSTGRES:
        expected = [
            f'CREATE INDEX CONCURRENTLY {OLD} ON {TABLE} ("draft_id", "status", "created_at");',
            f"DROP INDEX CONCURRENTLY IF EXISTS {NEW};",
        ]
    else:
        expected = [
            f'CREATE INDEX {OLD} ON {TABLE} ("draft_id", "status", "created_at");',
            f"DROP INDEX {NEW};",
        ]
    assert _sql("--backwards") == expected


def test_the_operations_are_index_operations_of_a_migration_outside_a_transaction():
    migration = MigrationLoader(None, ignore_no_migrations=True).get_migration(
        "consultations", "0010_comment_keyset_index"
    )
    assert migration.atomic is False
    assert [type(op) for op in migration.operations] == [
        AddIndexConcurrently,
        RemoveIndexConcurrently,
    ]
    # For the state (and makemigrations) they are AddIndex and RemoveIndex.
    assert isinstance(migration.operations[0], migrations.AddIndex)
    assert isinstance(migration.operations[1], migrations.RemoveIndex)


@pytest.mark.skipif(not POSTGRES, reason="SQLite builds no index concurrently")
@pytest.mark.django_db
def test_postgresql_refuses_a_concurrent_build_inside_a_transaction():
    loader = MigrationLoader(connection)
    before = loader.project_state(("consultations", "0009_comment_counts"))
    after = loader.project_state(("consultations", "0010_comment_keyset_index"))
    operation = loader.get_migration("consultations", "0010_comment_keyset_index").operations[1]
    # The test runs in a transaction: the concurrent build is refused, not run as a plain one.
    with (
        connection.schema_editor(collect_sql=True) as editor,
        pytest.raises(NotSupportedError, match="cannot be executed inside a transaction"),
    ):
        operation.database_backwards("consultations", editor, after, before)


@pytest.mark.django_db(transaction=True)
def test_an_index_already_there_is_not_built_again_and_one_already_gone_not_dropped():
    # A database that ran 0009 when it still held this index (before 0010 existed) has the new
    # index and not the old one: 0010 then changes nothing, instead of failing.
    loader = MigrationLoader(connection)
    before = loader.project_state(("consultations", "0009_comment_counts"))
    after = loader.project_state(("consultations", "0010_comment_keyset_index"))
    add, remove = loader.get_migration("consultations", "0010_comment_keyset_index").operations

    def indexes() -> set[str]:
        with connection.cursor() as cursor:
            found = connection.introspection.get_constraints(cursor, "consultations_comment")
        return {name for name in found if name.startswith("consultatio_draft_i_")}

    assert indexes() == {NEW.strip('"')}
    with connection.schema_editor(atomic=False) as editor:
        add.database_forwards("consultations", editor, before, after)
        remove.database_forwards("consultations", editor, before, after)
    assert indexes() == {NEW.strip('"')}
