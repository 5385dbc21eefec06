"""A command run on a database that was never migrated (a fresh checkout: no var/ yet, or a new
PostgreSQL database) prints one translated line saying to run `ykien migrate` or `make demo`
and exits with 2, never a traceback. Run as real `ykien` processes."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest
from django.db.utils import OperationalError, ProgrammingError

from ykien.cli import missing_table
from ykien.core.tests import processes

SAID = (
    "ykien: Cơ sở dữ liệu chưa được tạo hoặc chưa cập nhật: hãy chạy “ykien migrate” (hoặc "
    "“make demo” để có dữ liệu mẫu) rồi chạy lại lệnh.\n"
)


def ykien(args: list[str], var: Path, database_url: str) -> subprocess.CompletedProcess[str]:
    env = processes.clean_env(var, YKIEN_VAR_DIR=str(var), DATABASE_URL=database_url)
    return processes.ykien(args, env)


def test_a_command_on_a_fresh_checkout_says_to_migrate_in_one_line(tmp_path):
    var = tmp_path / "var"  # does not exist yet
    result = ykien(
        ["deadline", "denunciation.accept", "2027-02-01"], var, f"sqlite:///{var / 'ykien.sqlite3'}"
    )
    assert result.returncode == 2
    assert result.stderr == SAID
    assert result.stdout == ""


@pytest.fixture
def unmigrated_postgres():
    """A scratch PostgreSQL database without any table (skipped without a server)."""
    psycopg = pytest.importorskip("psycopg")
    base = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    server = base.replace("postgres://", "postgresql://", 1).rsplit("/", 1)[0]
    name = f"scratch_unmigrated_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError:
        if os.environ.get("CI") == "true":
            pytest.fail("PostgreSQL is required under CI (127.0.0.1:5432 or TEST_DATABASE_URL)")
        pytest.skip("no PostgreSQL server")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{server}/{name}".replace("postgresql://", "postgres://", 1)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_a_command_on_a_new_postgresql_database_says_to_migrate(tmp_path, unmigrated_postgres):
    result = ykien(["deadline", "denunciation.accept", "2027-02-01"], tmp_path, unmigrated_postgres)
    assert result.returncode == 2
    assert result.stderr == SAID


class _PsycopgError(Exception):
    sqlstate = "42P01"


def test_only_a_missing_table_is_reported_as_not_migrated():
    assert missing_table(OperationalError("no such table: core_deadlinerule"))
    assert missing_table(ProgrammingError('relation "core_unit" does not exist'))
    # PostgreSQL with translated server messages: the SQLSTATE says it.
    translated = ProgrammingError("quan hệ «core_unit» không tồn tại")
    translated.__cause__ = _PsycopgError()
    assert missing_table(translated)
    assert not missing_table(OperationalError("database is locked"))
    assert not missing_table(ProgrammingError("syntax error at or near"))
