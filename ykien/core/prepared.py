"""Cursors for the busiest statements (comment intake, API token lookup).

On PostgreSQL the project runs with Django's default client-side binding: psycopg writes the
values into the SQL text and the server parses and plans every statement anew. For a handful of
statements run thousands of times a second that planning costs more than the work itself, so
:func:`cursor` returns a cursor with server-side binding: psycopg prepares a statement on a
connection after its second use and then sends only the values (``bench/intake.py`` measured
raw INSERT throughput 4,600/s unprepared against 7,400/s prepared with 8 connections on two
cores). The cursor is Django's wrapper, so errors, query logging and execute wrappers behave as
for any other cursor. Values in a SELECT list must then carry a type: see :func:`placeholder`.

Behind a connection pooler that cannot keep prepared statements across transactions (PgBouncer
before 1.21 in transaction mode), set ``DB_PREPARED_STATEMENTS=false``.

SQLite's driver already keeps compiled statements per connection: there the ordinary cursor is
returned.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Field

#: Uses of a statement on a connection before it is prepared.
PREPARE_AFTER = 2

#: Django field types whose value PostgreSQL can take as an untyped literal (text).
_TEXT_TYPES = frozenset({"CharField", "TextField", "SlugField", "EmailField"})


def cursor() -> Any:
    """A Django cursor; on PostgreSQL one with server-side binding whose statements are
    prepared after ``PREPARE_AFTER`` uses on a connection (unless
    ``DB_PREPARED_STATEMENTS=false``, for a pooler that cannot keep them)."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    import psycopg

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = connection.connection
    threshold = PREPARE_AFTER if settings.DB_PREPARED_STATEMENTS else None
    if raw.prepare_threshold != threshold:
        # Django turns psycopg's preparation off for the connection; its own cursors bind on
        # the client side and are never prepared whatever this says, so this reaches only
        # the cursors made here.
        raw.prepare_threshold = threshold
    with connection.wrap_database_errors:
        return connection._prepare_cursor(psycopg.Cursor(raw))  # type: ignore[attr-defined]


def placeholder(field: Field[Any, Any]) -> str:
    """``%s`` for a value of ``field`` in a SELECT list, cast to the column's type on
    PostgreSQL (server-side binding sends NULL and text untyped)."""
    if connection.vendor != "postgresql" or field.get_internal_type() in _TEXT_TYPES:
        return "%s"
    return f"CAST(%s AS {field.cast_db_type(connection)})"
