"""`ykien backup` then `ykien restore` into an empty database gives back every row — on the
database of the current leg (SQLite files, or two scratch databases on the PostgreSQL server)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

PROJECT = Path(__file__).resolve().parents[3]
POPULATE = """
import datetime as dt
from ykien.core import services
from ykien.core.models import Unit
root = services.unit_create(actor=None, code="R", name="Ủy ban Trung ương", level="central", kind="front")
for i in range(30):
    services.unit_create(actor=None, code=f"P{i}", name=f"Tỉnh {i} — Đắk Lắk", level="province", kind="front",
                         parent=root, valid_from=dt.date(2020, 1, 1))
"""
COUNT = """
import json
from django.db import connection
with connection.cursor() as c:
    tables = connection.introspection.table_names(c)
    out = {}
    for t in tables:
        c.execute(f'SELECT count(*) FROM "{t}"')
        out[t] = c.fetchone()[0]
print(json.dumps(out))
"""


def ykien(args: list[str], url: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "YKIEN_TESTING": "1",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
    return subprocess.run(
        [sys.executable, "-m", "ykien.cli", *args],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=check,
        timeout=300,
    )


@pytest.fixture
def two_databases(tmp_path):
    """URLs of two empty databases of the same kind as this test run's database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'src.sqlite3'}", f"sqlite:///{tmp_path / 'dst.sqlite3'}"
        return
    import psycopg

    settings = connection.settings_dict
    base = f"postgresql://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    names = [f"ykien_bk_{uuid.uuid4().hex[:8]}_{side}" for side in ("src", "dst")]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{names[0]}", f"{base}/{names[1]}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db
def test_backup_then_restore_into_an_empty_database_gives_back_every_row(two_databases, tmp_path):
    src, dst = two_databases
    ykien(["migrate", "--verbosity", "0"], src)
    ykien(["shell", "--no-imports", "-c", POPULATE], src)
    before = ykien(["shell", "--no-imports", "-c", COUNT], src).stdout
    backup_file = tmp_path / "ykien.backup"
    out = ykien(["backup", str(backup_file)], src)
    assert "Đã sao lưu" in out.stdout
    out = ykien(["restore", str(backup_file)], dst)
    assert "Đã khôi phục" in out.stdout
    after = ykien(["shell", "--no-imports", "-c", COUNT], dst).stdout
    import json

    counts = json.loads(after)
    assert counts == json.loads(before)
    assert counts["core_unit"] == 31
    # Restoring again over the now non-empty database is refused, and changes nothing.
    again = ykien(["restore", str(backup_file)], dst, check=False)
    assert again.returncode == 1
    assert "không trống" in again.stderr
    assert json.loads(ykien(["shell", "--no-imports", "-c", COUNT], dst).stdout) == counts


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("không phải bản sao lưu")
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    result = ykien(["restore", str(bogus)], url, check=False)
    assert result.returncode == 1
    assert "không phải bản sao lưu của Ý Kiến" in result.stderr
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x int)").connection.close()
    result = ykien(["restore", str(other)], url, check=False)
    assert "không phải bản sao lưu của Ý Kiến" in result.stderr


def test_wrong_database_url_gets_a_clear_message():
    result = ykien(["check"], "mysql-ish nonsense", check=False)
    assert result.returncode == 2
    assert "DATABASE_URL không hợp lệ / invalid DATABASE_URL" in result.stderr
    result = ykien(["check"], "oracle://u@h/db", check=False)
    assert result.returncode == 2
    assert "unsupported database" in result.stderr


WRITER = """
import sys
from ykien.core import services
for i in range(40):
    services.unit_create(actor=None, code=f"W{sys.argv[-1]}-{i}", name=f"Đơn vị {i}", level="commune", kind="front")
print("ok")
"""


def test_sqlite_runs_in_wal_mode_and_concurrent_writers_do_not_fail(tmp_path):
    url = f"sqlite:///{tmp_path / 'wal.sqlite3'}"
    ykien(["migrate", "--verbosity", "0"], url)
    mode = ykien(
        [
            "shell",
            "--no-imports",
            "-c",
            "from django.db import connection\nc = connection.cursor()\nc.execute('PRAGMA journal_mode')\nprint(c.fetchone()[0])",
        ],
        url,
    )
    assert mode.stdout.strip() == "wal"
    env = {**os.environ, "DATABASE_URL": url, "YKIEN_TESTING": "1"}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ykien.cli",
                "shell",
                "--no-imports",
                "-c",
                WRITER.replace("sys.argv[-1]", repr(str(n))),
            ],
            env=env,
            cwd=PROJECT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(3)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err[-500:] for _, err in results]
    count = ykien(
        [
            "shell",
            "--no-imports",
            "-c",
            "from ykien.core.models import Unit\nprint(Unit.objects.count())",
        ],
        url,
    )
    assert count.stdout.strip() == "120"
