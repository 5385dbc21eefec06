"""core.ratelimit: fixed windows that last the whole window, on the database cache (the default
outside tests) and on the local-memory cache (as Redis, an in-place increment)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory

from ykien.core import ratelimit

NINE = dt.datetime(2026, 11, 26, 9, 0, 0, tzinfo=dt.UTC)  # an hourly window starts on the hour
TEST_TABLE = "ykien_test_ratelimit_cache"


@pytest.fixture(params=["database", "locmem"])
def backend(request, settings):
    if request.param == "database":
        request.getfixturevalue("db")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": TEST_TABLE,
            }
        }
        call_command("createcachetable", verbosity=0)
    else:
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "ratelimit-tests",
            }
        }
    caches["default"].clear()
    return request.param


def _hits(n: int, *, ident: str = "203.0.113.7", limit: int = 3, window: int = 3600) -> list[bool]:
    return [ratelimit.hit("comments", ident, limit=limit, window=window) for _ in range(n)]


def test_n_allowed_then_refused_for_the_rest_of_the_window_then_allowed_again(backend):
    with time_machine.travel(NINE + dt.timedelta(seconds=10), tick=False) as clock:
        assert _hits(4) == [True, True, True, False]
        assert _hits(1, ident="198.51.100.1") == [True]  # another address has its own count
        assert ratelimit.hit("votes", "203.0.113.7", limit=3, window=3600)  # and another form
        clock.move_to(NINE + dt.timedelta(minutes=59, seconds=59))
        assert _hits(1) == [False]
        clock.move_to(NINE + dt.timedelta(hours=1))  # the next window
        assert _hits(4) == [True, True, True, False]


def test_the_count_survives_more_than_300_seconds_inside_an_hourly_window(backend):
    with time_machine.travel(NINE + dt.timedelta(minutes=1), tick=False) as clock:
        assert _hits(3) == [True, True, True]
        clock.move_to(NINE + dt.timedelta(minutes=6, seconds=1))  # 301 s after the last hit
        assert _hits(1) == [False]
        clock.move_to(NINE + dt.timedelta(minutes=40))
        assert _hits(1) == [False]


def test_a_ten_minute_window(backend):
    with time_machine.travel(NINE + dt.timedelta(minutes=9), tick=False) as clock:
        assert _hits(3, limit=2, window=600) == [True, True, False]
        clock.move_to(NINE + dt.timedelta(minutes=10))
        assert _hits(3, limit=2, window=600) == [True, True, False]


@pytest.mark.parametrize("backend", ["database"], indirect=True)
def test_the_database_row_expires_a_minute_after_its_window(backend):
    with time_machine.travel(NINE + dt.timedelta(minutes=20), tick=False):
        assert _hits(2) == [True, True]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key, expires FROM {TEST_TABLE}")  # noqa: S608
        rows = cursor.fetchall()
    digest = hashlib.sha256(b"comments:203.0.113.7").hexdigest()[:32]
    key = f"rl:{digest}:3600:{int(NINE.timestamp()) // 3600}"
    assert [row[0] for row in rows] == [f":1:{key}"]
    expires = rows[0][1]
    if isinstance(expires, str):  # SQLite returns the text
        expires = dt.datetime.fromisoformat(expires)
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=dt.UTC)
    assert expires == NINE + dt.timedelta(hours=1, seconds=ratelimit.MARGIN)
    with time_machine.travel(NINE + dt.timedelta(minutes=59), tick=False):
        assert caches["default"].get(key) == 2


def test_allow_counts_per_client_address(backend):
    factory = RequestFactory()
    first = factory.post("/", REMOTE_ADDR="203.0.113.7")
    second = factory.post("/", REMOTE_ADDR="203.0.113.8")
    with time_machine.travel(NINE, tick=False):
        assert [ratelimit.allow(first, "report", limit=1, window=3600) for _ in range(2)] == [
            True,
            False,
        ]
        assert ratelimit.allow(second, "report", limit=1, window=3600)


def _in_a_thread(work):
    """Run ``work`` on a connection of its own (autocommit, outside the test's transaction)."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    def run():
        try:
            return work()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.mark.skipif(
    "postgresql" not in django_settings.DATABASES["default"]["ENGINE"],
    reason="row locks: PostgreSQL (SQLite serialises writers with BEGIN IMMEDIATE)",
)
def test_concurrent_hits_on_postgresql_are_all_counted(db, settings):
    """Six threads, each with its own connection, hit the same counter four times: exactly the
    limit passes. (The threads' connections commit; the test's own transaction is not used, so
    no flush of the test database is needed.)"""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": TEST_TABLE,
        }
    }

    def four_hits(_: int) -> list[bool]:
        try:
            return _hits(4, limit=20)
        finally:
            connections.close_all()

    def drop() -> None:
        with connections["default"].cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {TEST_TABLE}")

    _in_a_thread(lambda: call_command("createcachetable", verbosity=0))
    try:
        with time_machine.travel(NINE, tick=False), ThreadPoolExecutor(max_workers=6) as pool:
            results = [ok for batch in pool.map(four_hits, range(6)) for ok in batch]
        assert (results.count(True), results.count(False)) == (20, 4)
    finally:
        _in_a_thread(drop)


def test_a_hit_given_back_frees_its_place(backend):
    from ykien.core import ratelimit

    for _ in range(3):
        assert ratelimit.hit("test.give_back", "1.2.3.4", limit=3, window=600)
    ratelimit.give_back("test.give_back", "1.2.3.4", window=600)
    assert ratelimit.hit("test.give_back", "1.2.3.4", limit=3, window=600)
    assert not ratelimit.hit("test.give_back", "1.2.3.4", limit=3, window=600)
