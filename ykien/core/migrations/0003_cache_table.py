"""The database cache's table (rate-limit counters), so that `ykien migrate` alone prepares a
fresh database: Django's `createcachetable`, for ``settings.CACHE_TABLE`` and for every other
database cache configured, on the database being migrated. Idempotent: a table already created
by hand is left as it is."""

from __future__ import annotations

from django.conf import settings
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.db import migrations
from django.utils.module_loading import import_string


def _cache_tables() -> list[str]:
    names = {settings.CACHE_TABLE}
    for config in settings.CACHES.values():
        backend = import_string(str(config["BACKEND"]))
        if isinstance(backend, type) and issubclass(backend, DatabaseCache):
            names.add(str(config["LOCATION"]))
    return sorted(names)


def create_cache_tables(apps, schema_editor):
    alias = schema_editor.connection.alias
    call_command("createcachetable", *_cache_tables(), database=alias, verbosity=0)


def drop_cache_tables(apps, schema_editor):
    connection = schema_editor.connection
    existing = set(connection.introspection.table_names())
    for name in _cache_tables():
        if name in existing:
            schema_editor.execute(f"DROP TABLE {connection.ops.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_seed_deadline_rules")]

    operations = [migrations.RunPython(create_cache_tables, drop_cache_tables)]
