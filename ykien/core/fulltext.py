"""Full-text indexes for the staff lists' search on SQLite.

A list searches a *folded* text column (``core.lists.fold_for_search``) for words beginning
with each term. On PostgreSQL a trigram index serves ``LIKE '% term%'``; SQLite has no such
index and reads every row, so an app keeps an FTS5 table beside the column: an
*external-content* table (it stores the index, not the text) that triggers keep in step with
every insert, update and delete. A migration of the app creates it (:func:`migration`; reversed,
it drops it, so that an earlier migration meets no trigger naming the column), the app registers
the column in its ``ready()`` (``register(Petition, "search_text")``) and, after every
``migrate``, :func:`ensure_indexes` restores the triggers and rebuilds the index where a later
migration rebuilt the table (which drops them). Prefix indexes of two and three characters make a
short term cheap.

:func:`matching` turns the terms into an FTS5 query (each term a quoted prefix: ``"duong"*``),
the same words the ``LIKE`` search finds: the folded column holds runs of letters and digits
separated by spaces, which is how FTS5's ``unicode61`` tokenizer splits it too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.db import connections, migrations
from django.db.models import Model, QuerySet
from django.db.models.expressions import RawSQL

M = TypeVar("M", bound=Model)

_REGISTERED: dict[tuple[str, str], tuple[type[Model], str]] = {}


def register(model: type[Model], column: str) -> None:
    """Keep an FTS5 index of ``model.column`` on SQLite (idempotent)."""
    _REGISTERED[(model._meta.label_lower, column)] = (model, column)


def index_name(model: type[Model], column: str) -> str:
    return f"{model._meta.db_table}_{column}_fts"


def _statements(table: str, pk: str, column: str) -> tuple[list[str], list[str]]:
    """(the FTS table, its three triggers) as SQL for ``table.column``."""
    fts = f"{table}_{column}_fts"
    create = [
        f'CREATE VIRTUAL TABLE IF NOT EXISTS "{fts}" USING fts5("{column}", '
        f"content='{table}', content_rowid='{pk}', prefix='2 3', tokenize='unicode61')"
    ]
    # Identifiers below come from the models' metadata, never from a request.
    insert = f'INSERT INTO "{fts}"(rowid, "{column}") VALUES (new."{pk}", new."{column}");'  # noqa: S608
    delete = (
        f'INSERT INTO "{fts}"("{fts}", rowid, "{column}") '  # noqa: S608
        f'VALUES (\'delete\', old."{pk}", old."{column}");'
    )
    triggers = [
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_ai" AFTER INSERT ON "{table}" BEGIN {insert} END',
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_ad" AFTER DELETE ON "{table}" BEGIN {delete} END',
        f'CREATE TRIGGER IF NOT EXISTS "{fts}_au" AFTER UPDATE OF "{column}" ON "{table}" '
        f"BEGIN {delete} {insert} END",
    ]
    return create, triggers


def _create(cursor: Any, table: str, pk: str, column: str) -> None:
    create, triggers = _statements(table, pk, column)
    for sql in create + triggers:
        cursor.execute(sql)
    fts = f"{table}_{column}_fts"
    cursor.execute(f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')')  # noqa: S608


def migration(table: str, column: str, pk: str = "id") -> migrations.RunPython:
    """The operation of a migration that adds the index of ``table.column`` on SQLite (nothing
    elsewhere), and drops it when the migration is reversed, so that an earlier migration that
    drops or rebuilds the column meets no trigger that names it."""

    def forward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "sqlite":
            _create(schema_editor.connection.cursor(), table, pk, column)

    def backward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "sqlite":
            fts = f"{table}_{column}_fts"
            with schema_editor.connection.cursor() as cursor:
                for suffix in ("_ai", "_ad", "_au"):
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{fts}{suffix}"')
                cursor.execute(f'DROP TABLE IF EXISTS "{fts}"')

    return migrations.RunPython(forward, backward, elidable=False)


def _missing_triggers(cursor: Any, fts: str) -> bool:
    cursor.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s, %s)",
        [f"{fts}_ai", f"{fts}_ad", f"{fts}_au"],
    )
    return cursor.fetchone()[0] != 3


def ensure_indexes(sender: object = None, *, using: str = "default", **kwargs: Any) -> None:
    """Restore the triggers of a registered index where a migration dropped them (it rebuilt the
    table) and rebuild that index, which may lag the table. A ``post_migrate`` receiver; nothing
    on a database other than SQLite, or where the app's migration has not made the index yet."""
    connection = connections[using]
    if connection.vendor != "sqlite" or not _REGISTERED:
        return
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model, column in _REGISTERED.values():
            fts = index_name(model, column)
            if fts in tables and _missing_triggers(cursor, fts):
                _create(cursor, model._meta.db_table, str(model._meta.pk.column), column)


def fts_query(terms: Sequence[str]) -> str:
    """The FTS5 query of folded terms: each a quoted prefix, all required."""
    return " ".join('"' + term.replace('"', '""') + '"*' for term in terms)


def matching(qs: QuerySet[M], column: str, terms: Sequence[str]) -> QuerySet[M] | None:
    """``qs`` narrowed to rows whose ``column`` holds a word beginning with each term, through
    the FTS index; ``None`` where there is none (another database, a column not registered)."""
    model = qs.model
    if not terms or (model._meta.label_lower, column) not in _REGISTERED:
        return None
    if connections[qs.db].vendor != "sqlite":
        return None
    fts = index_name(model, column)
    sql = f'SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s'  # noqa: S608 (a model's table)
    rowids = RawSQL(sql, [fts_query(terms)])  # noqa: S611 (the terms are a parameter)
    return qs.filter(pk__in=rowids)


def trigram_index(table: str, column: str = "search_text") -> migrations.RunPython:
    """The operation of a migration that adds, on PostgreSQL only, the trigram GIN index that
    serves ``column LIKE '% term%'`` (``<table>_<column>_trgm``); reversed, it drops it."""
    name = f"{table}_{column}_trgm"

    def forward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
                f'USING GIN ("{column}" gin_trgm_ops)'
            )

    def backward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(forward, backward, elidable=False)
