"""Migration operations that build and drop indexes without locking a large table.

``CREATE INDEX`` blocks every write to the table while it builds: minutes on a table of millions
of comments or ballots, during which nobody can comment. On PostgreSQL these operations use
``CREATE INDEX CONCURRENTLY`` / ``DROP INDEX CONCURRENTLY`` (Django's ``AddIndexConcurrently``,
``RemoveIndexConcurrently``), which let writes go on; on SQLite (one process, no concurrent
build) the plain statements. They are ``AddIndex`` / ``RemoveIndex`` for the migration state, so
the state, ``makemigrations --check`` and the autodetector see the same index either way.

A migration using them must be ``atomic = False`` (PostgreSQL builds concurrently only outside
a transaction) and should hold nothing else that needs a transaction: put data changes in a
migration of their own. If a concurrent build fails (a deadlock, a duplicate in a unique index),
PostgreSQL leaves an ``INVALID`` index of that name: drop it (``DROP INDEX CONCURRENTLY``) and
migrate again.

Both are idempotent on the database: an index that is already there is not built again, one that
is already gone is not dropped. So an index moved out of an older migration into one of these
(``consultations`` 0009 → 0010) migrates cleanly on a database that ran the older version.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def _concurrent(schema_editor: Any) -> bool:
    return bool(schema_editor.connection.vendor == "postgresql")


def _has_index(schema_editor: Any, app_label: str, state: Any, model_name: str, name: str) -> bool:
    """Whether the table of ``model_name`` (in ``state``) has an index called ``name``."""
    model = state.apps.get_model(app_label, model_name)
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return name in found


class _Concurrently:
    """What the two operations share: Django's PostgreSQL operation of the same name and
    arguments on PostgreSQL, the plain one elsewhere, and nothing done when the index is
    already as the step would leave it. When the statements are only collected
    (``sqlmigrate``), they are those of a database in the step's starting state."""

    atomic = False
    model_name: str
    #: True: going forwards builds the index (AddIndex); False: it drops it (RemoveIndex).
    builds_forwards: bool

    def _postgres(self) -> Any:
        # Imported here: django.contrib.postgres needs the PostgreSQL driver.
        from django.contrib.postgres import operations

        _, args, kwargs = self.deconstruct()  # type: ignore[attr-defined]
        return getattr(operations, type(self).__name__)(*args, **kwargs)

    def _index_name(self) -> str:
        # AddIndex carries the index itself, RemoveIndex only its name.
        if isinstance(self, migrations.AddIndex):
            return str(self.index.name)
        return str(self.name)  # type: ignore[attr-defined]

    def _step(
        self, forwards: bool, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        builds = forwards == self.builds_forwards
        if not schema_editor.collect_sql:
            there = _has_index(
                schema_editor, app_label, to_state, self.model_name, self._index_name()
            )
            if there == builds:
                return
        operation: Any = self._postgres() if _concurrent(schema_editor) else super()
        step = operation.database_forwards if forwards else operation.database_backwards
        step(app_label, schema_editor, from_state, to_state)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        self._step(True, app_label, schema_editor, from_state, to_state)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        self._step(False, app_label, schema_editor, from_state, to_state)


class AddIndexConcurrently(_Concurrently, migrations.AddIndex):
    """``AddIndex``, built with ``CREATE INDEX CONCURRENTLY`` on PostgreSQL."""

    builds_forwards = True

    def describe(self) -> str:
        return f"Create index {self.index.name} (concurrently on PostgreSQL) on {self.model_name}"


class RemoveIndexConcurrently(_Concurrently, migrations.RemoveIndex):
    """``RemoveIndex``, dropped with ``DROP INDEX CONCURRENTLY`` on PostgreSQL."""

    builds_forwards = False

    def describe(self) -> str:
        return f"Remove index {self.name} (concurrently on PostgreSQL) from {self.model_name}"
