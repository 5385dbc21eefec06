"""Read the database from ``DATABASE_URL`` (default: SQLite in WAL mode under ``var/``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

SUPPORTED_ENGINES = {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}

# WAL lets the web and worker processes read while one writes; IMMEDIATE transactions and a
# busy timeout make writers queue instead of failing with "database is locked".
SQLITE_OPTIONS: dict[str, Any] = {
    "timeout": 30,
    "transaction_mode": "IMMEDIATE",
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=30000;"
    ),
}


def parse_database_url(url: str, *, test_name: str = "") -> dict[str, Any]:
    """Turn a ``DATABASE_URL`` into a Django ``DATABASES`` entry or raise a clear error.
    ``test_name``: the PostgreSQL test database's name (``TEST_DB_NAME``)."""
    if "://" not in url:
        raise ImproperlyConfigured(
            f"DATABASE_URL không hợp lệ / invalid DATABASE_URL: {url!r}. "
            "Ví dụ / e.g. sqlite:///var/ykien.sqlite3 or postgres://user@127.0.0.1:5432/ykien"
        )
    try:
        config: dict[str, Any] = dict(
            dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        )
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(
            f"DATABASE_URL không hợp lệ / invalid DATABASE_URL: {url!r} ({exc})"
        ) from exc
    engine = config.get("ENGINE", "")
    if engine not in SUPPORTED_ENGINES:
        raise ImproperlyConfigured(
            f"DATABASE_URL: hệ quản trị không được hỗ trợ / unsupported database {engine!r}; "
            "dùng / use sqlite:// or postgres://"
        )
    if engine == "django.db.backends.sqlite3":
        # Persistent per-thread connections: opening SQLite and running the PRAGMAs on every
        # request costs more than the request itself.
        config["CONN_MAX_AGE"] = None
        config["CONN_HEALTH_CHECKS"] = False
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
        name = config.get("NAME") or ""
        if name and name != ":memory:":
            Path(name).parent.mkdir(parents=True, exist_ok=True)
    else:
        config.setdefault("OPTIONS", {})
        config["OPTIONS"].setdefault("connect_timeout", 5)
    # The test database pytest-django creates (default "test_<NAME>"); set it to run several
    # suites against one server at once.
    if test_name and engine == "django.db.backends.postgresql":
        config["TEST"] = {"NAME": test_name}
    return config


def database_from_url(url: str, *, var_dir: Path, test_name: str = "") -> dict[str, Any]:
    """The database of ``url`` (settings read ``DATABASE_URL``); none: SQLite under ``var/``."""
    url = url.strip() or f"sqlite:///{var_dir / 'ykien.sqlite3'}"
    return parse_database_url(url, test_name=test_name)
