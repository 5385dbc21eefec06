"""Consistent backups while the site runs, and restore into an empty database.

SQLite: the online backup API (pages copied under a read transaction, so writers in WAL mode
keep going). PostgreSQL: ``pg_dump --format=custom`` / ``pg_restore``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from ykien.core.errors import ValidationFailed

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


def _pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return env


def _pg_args(settings_dict: dict[str, Any]) -> list[str]:
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    return args


def _require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ValidationFailed(
            _("Không tìm thấy chương trình %(tool)s (cài gói postgresql-client).") % {"tool": name},
            code="missing_tool",
        )
    return path


def backup(path: Path) -> dict[str, Any]:
    """Write a consistent copy of the current database to ``path``; returns a summary."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(str(path))
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return {"vendor": "sqlite", "path": str(path), "bytes": path.stat().st_size}
    if connection.vendor == "postgresql":
        tool = _require_tool("pg_dump")
        cmd = [
            tool,
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(path),
            *_pg_args(settings_dict),
            str(settings_dict["NAME"]),
        ]
        proc = subprocess.run(
            cmd, env=_pg_env(settings_dict), capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            raise ValidationFailed(
                _("pg_dump thất bại: %(err)s") % {"err": proc.stderr.strip()}, code="backup_failed"
            )
        return {"vendor": "postgresql", "path": str(path), "bytes": path.stat().st_size}
    raise ValidationFailed(_("Hệ quản trị cơ sở dữ liệu không được hỗ trợ."), code="unsupported")


def _user_tables_with_rows() -> list[str]:
    """Tables of the current database that hold rows (an empty database has none)."""
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        busy = []
        for name in names:
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(name)} LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                busy.append(name)
    return busy


def check_backup_file(path: Path) -> str:
    """Return the kind of backup at ``path`` (``sqlite`` or ``postgresql``) or raise."""
    path = Path(path)
    if not path.is_file():
        raise ValidationFailed(
            _("Không tìm thấy tệp sao lưu: %(p)s") % {"p": path}, code="not_found"
        )
    head = path.open("rb").read(16)
    if head.startswith(SQLITE_MAGIC):
        try:
            src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                ok = src.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='django_migrations'"
                ).fetchone()[0]
                integrity = src.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                src.close()
        except sqlite3.DatabaseError as exc:
            raise ValidationFailed(
                _("Tệp không phải bản sao lưu hợp lệ: %(e)s") % {"e": exc}, code="not_backup"
            ) from exc
        if not ok or integrity != "ok":
            raise ValidationFailed(
                _("Tệp SQLite này không phải bản sao lưu của Ý Kiến."), code="not_backup"
            )
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise ValidationFailed(
        _("Tệp “%(p)s” không phải bản sao lưu của Ý Kiến (SQLite hoặc pg_dump định dạng custom).")
        % {"p": path.name},
        code="not_backup",
    )


def restore(path: Path, *, force: bool = False) -> dict[str, Any]:
    """Restore ``path`` into the current database, which must be empty unless ``force``."""
    kind = check_backup_file(path)
    if kind != connection.vendor:
        raise ValidationFailed(
            _("Bản sao lưu là %(kind)s nhưng cơ sở dữ liệu đích là %(vendor)s.")
            % {"kind": kind, "vendor": connection.vendor},
            code="vendor_mismatch",
        )
    busy = _user_tables_with_rows()
    if busy and not force:
        raise ValidationFailed(
            _("Cơ sở dữ liệu đích không trống (%(n)s bảng có dữ liệu); dùng --force để ghi đè.")
            % {"n": len(busy)},
            code="not_empty",
        )
    settings_dict = connection.settings_dict
    if kind == "sqlite":
        connection.ensure_connection()
        src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            src.backup(connection.connection)
        finally:
            src.close()
        connection.close()
        return {"vendor": "sqlite", "path": str(path)}
    tool = _require_tool("pg_restore")
    connection.close()
    cmd = [
        tool,
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        *(["--clean", "--if-exists"] if force else []),
        "--dbname",
        str(settings_dict["NAME"]),
        *_pg_args(settings_dict),
        str(path),
    ]
    proc = subprocess.run(
        cmd, env=_pg_env(settings_dict), capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise ValidationFailed(
            _("pg_restore thất bại: %(err)s") % {"err": proc.stderr.strip()}, code="restore_failed"
        )
    return {"vendor": "postgresql", "path": str(path)}
