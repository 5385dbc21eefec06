"""Rate limits for public forms and lookups, counted in the shared cache (the database cache in the
embedded setup, so every web process sees the same counts)."""

from __future__ import annotations

import hashlib
import math
import time

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.db import BaseDatabaseCache
from django.db import connections, router, transaction
from django.http import HttpRequest

# The one computation of the client address (core.clientip); views reach it as ratelimit.client_ip.
from ykien.core.clientip import client_ip

__all__ = ["MARGIN", "allow", "client_ip", "hit"]

# A window's counter outlives its window by this much (clocks of several web processes differ a
# little); its key names the window, so a late hit never lands in a finished window's count.
MARGIN = 60


def hit(scope: str, ident: str, *, limit: int, window: int) -> bool:
    """Count one hit of ``ident`` in ``scope``; False once more than ``limit`` hits fall in the
    current ``window`` seconds (fixed windows: window n covers ``[n * window, (n + 1) * window)``
    in Unix time, so an hourly limit starts afresh on the hour).

    The counter is created with ``cache.add`` and an explicit timeout that runs to the end of the
    window (plus ``MARGIN``), then incremented atomically without touching that timeout, see
    ``_increment``: never the cache's default timeout (300 s), which made an hourly limit forget
    its hits five minutes after the last one.
    """
    return _increment(*_window_key(scope, ident, window)) <= limit


def give_back(scope: str, ident: str, *, window: int) -> None:
    """Take back one hit of ``ident`` in ``scope`` (the act it was counted for did not happen,
    e.g. a petition the service then refused), in the current window."""
    _increment(*_window_key(scope, ident, window), delta=-1)


def _window_key(scope: str, ident: str, window: int) -> tuple[str, int]:
    """The counter of ``ident`` in ``scope`` for the current window, and its timeout."""
    now = time.time()
    number = int(now // window)
    timeout = math.ceil((number + 1) * window - now) + MARGIN
    digest = hashlib.sha256(f"{scope}:{ident}".encode()).hexdigest()[:32]
    return f"rl:{digest}:{window}:{number}", timeout


def _increment(key: str, timeout: int, delta: int = 1) -> int:
    """Add ``delta`` (one) to the counter ``key`` (created at 0 with ``timeout``) and return the
    new count.

    Redis, memcached and the local-memory cache increment in place, atomically, keeping the
    timeout. Django's generic ``incr`` (the database and file caches) reads, then writes the value
    back with the *default* timeout: the database cache is incremented here instead, in one
    transaction holding the row (``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the transaction
    itself holds the write lock, ``transaction_mode=IMMEDIATE`` in ``core.dburl``), and written
    back with the window's timeout.
    """
    backend = caches[DEFAULT_CACHE_ALIAS]
    backend.add(key, 0, timeout=timeout)
    if type(backend).incr is not BaseCache.incr:
        try:
            return int(backend.incr(key, delta))
        except ValueError:  # evicted between add and incr: this hit starts the count again
            backend.add(key, max(delta, 0), timeout=timeout)
            return max(delta, 0)
    if isinstance(backend, BaseDatabaseCache):
        alias = router.db_for_write(backend.cache_model_class)
        connection = connections[alias]
        with transaction.atomic(using=alias):
            if connection.features.has_select_for_update:
                table = connection.ops.quote_name(backend.cache_model_class._meta.db_table)
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",  # noqa: S608 (quoted table name)
                        [backend.make_and_validate_key(key)],
                    )
            count = max(int(backend.get(key, 0)) + delta, 0)
            backend.set(key, count, timeout=timeout)
        return count
    # Any other backend (the file cache): read and write back, keeping the window's timeout.
    count = max(int(backend.get(key, 0)) + delta, 0)
    backend.set(key, count, timeout=timeout)
    return count


def allow(request: HttpRequest, scope: str, *, limit: int, window: int) -> bool:
    """``hit`` keyed by the client's address."""
    return hit(scope, client_ip(request), limit=limit, window=window)


def release(request: HttpRequest, scope: str, *, window: int) -> None:
    """``give_back`` keyed by the client's address."""
    give_back(scope, client_ip(request), window=window)
