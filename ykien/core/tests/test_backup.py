"""`ykien backup` then `ykien restore` into an empty installation gives back every row and every
file (media and private, with their checksums) — on the database of the current leg (SQLite
files, or two scratch databases on the PostgreSQL server). The keys are never in the backup."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.db import connection

from ykien.core.tests import processes

PROJECT = processes.PROJECT
POPULATE = """
import datetime as dt
from ykien.core import services
from ykien.core.permissions import SYSTEM
from ykien.core.models import Unit
root = services.unit_create(actor=SYSTEM, code="R", name="Ủy ban Trung ương", level="central", kind="front")
for i in range(30):
    services.unit_create(actor=SYSTEM, code=f"P{i}", name=f"Tỉnh {i} — Đắk Lắk", level="province", kind="front",
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


PII_KEY = "Zm9yLXRoZS10ZXN0LW9ubHktMzItYnl0ZXMta2V5ISE="  # a Fernet key (32 bytes, base64)
SECRET = "khoa-bi-mat-cua-ban-cai-dat-" + "k" * 30


def ykien(
    args: list[str], url: str, check: bool = True, var: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "YKIEN_TESTING": "1",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
    for name in ("SECRET_KEY", "YKIEN_PII_KEYS", "MEDIA_ROOT", "PRIVATE_ROOT"):
        env.pop(name, None)
    if var is not None:
        env |= {"YKIEN_VAR_DIR": str(var), "YKIEN_PII_KEYS": PII_KEY}
    return processes.ykien(args, env, check=check, timeout=300)


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


FILES = {
    "media/tin-tuc/ảnh Hội nghị.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40,
    "media/van-ban/2026/bao-cao.pdf": b"%PDF-1.7\n" + os.urandom(70_000),
    "private/petitions/2026/12/don-thu-1.bin": os.urandom(5000),
    "private/petitions/2026/12/trống.txt": b"",
    "private/consultations/5/góp ý — Đắk Lắk.txt": "Điều 3. Ý kiến của Nhân dân\n".encode(),
}


def _tree(var: Path) -> dict[str, str]:
    """``{"media/…" | "private/…": sha256}`` of every file under var/media and var/private."""
    out = {}
    for root in ("media", "private"):
        for path in sorted((var / root).rglob("*")):
            if path.is_file():
                out[path.relative_to(var).as_posix()] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return out


def _installation(var: Path) -> None:
    for name, data in FILES.items():
        (var / name).parent.mkdir(parents=True, exist_ok=True)
        (var / name).write_bytes(data)
    (var / "secret_key").write_text(SECRET)
    (var / "pii_keys").write_text(PII_KEY)


@pytest.mark.django_db
def test_backup_then_restore_into_an_empty_installation_gives_back_every_row_and_file(
    two_databases, tmp_path
):
    src, dst = two_databases
    src_var, dst_var = tmp_path / "src", tmp_path / "dst"
    src_var.mkdir()
    dst_var.mkdir()
    _installation(src_var)
    ykien(["migrate", "--verbosity", "0"], src, var=src_var)
    ykien(["shell", "--no-imports", "-c", POPULATE], src, var=src_var)
    before = ykien(["shell", "--no-imports", "-c", COUNT], src, var=src_var).stdout
    backup_file = tmp_path / "ykien.backup"
    keys_file = tmp_path / "elsewhere" / "ykien.keys"
    out = ykien(["backup", str(backup_file), "--keys", str(keys_file)], src, var=src_var)
    assert f"5 tệp, {backup_file.stat().st_size} byte) → {backup_file}" in out.stdout
    assert f"(SECRET_KEY, YKIEN_PII_KEYS, quyền 0600) → {keys_file}" in out.stdout

    # The archive: the dump, every file with its checksum, and never a key.
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600
    raw = backup_file.read_bytes()
    assert PII_KEY.encode() not in raw
    assert SECRET.encode() not in raw
    with tarfile.open(backup_file) as tar:
        names = sorted(tar.getnames())
        manifest = json.loads(tar.extractfile("manifest.json").read())
    database = "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"
    assert names == sorted([database, "manifest.json", *FILES])
    assert {f["path"]: f["sha256"] for f in manifest["files"]} == _tree(src_var)
    assert {f["path"]: f["bytes"] for f in manifest["files"]} == {
        name: len(data) for name, data in FILES.items()
    }
    assert manifest["vendor"] == connection.vendor
    # The keys, apart, for the owner only.
    assert stat.S_IMODE(keys_file.stat().st_mode) == 0o600
    assert keys_file.read_text().splitlines()[1:] == [
        f"YKIEN_PII_KEYS={PII_KEY}",
        f"SECRET_KEY={SECRET}",
    ]

    out = ykien(["restore", str(backup_file)], dst, var=dst_var)
    assert f"Đã khôi phục ({connection.vendor}, 5 tệp)" in out.stdout
    after = ykien(["shell", "--no-imports", "-c", COUNT], dst, var=dst_var).stdout

    counts = json.loads(after)
    assert counts == json.loads(before)
    assert counts["core_unit"] == 31
    assert _tree(dst_var) == _tree(src_var)
    for name, data in FILES.items():
        assert (dst_var / name).read_bytes() == data
    assert not (dst_var / "pii_keys").exists()  # the keys come from the operator, not the backup
    # Restoring again over the now non-empty installation is refused, and changes nothing.
    again = ykien(["restore", str(backup_file)], dst, check=False, var=dst_var)
    assert again.returncode == 1
    assert "không trống" in again.stderr
    assert (
        json.loads(ykien(["shell", "--no-imports", "-c", COUNT], dst, var=dst_var).stdout) == counts
    )


def test_a_backup_without_keys_reminds_to_keep_them_and_a_keys_file_is_never_overwritten(
    tmp_path,
):
    var = tmp_path / "var"
    var.mkdir()
    _installation(var)
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    ykien(["migrate", "--verbosity", "0"], url, var=var)
    out = ykien(["backup", str(tmp_path / "a.backup")], url, var=var)
    assert "bản sao lưu không chứa khóa dữ liệu cá nhân (YKIEN_PII_KEYS)" in out.stderr
    keys = tmp_path / "old.keys"
    keys.write_text("YKIEN_PII_KEYS=khoa-cu\n")
    out = ykien(
        ["backup", str(tmp_path / "b.backup"), "--keys", str(keys)], url, check=False, var=var
    )
    assert out.returncode == 1
    assert "đã có; chọn tên khác" in out.stderr
    assert keys.read_text() == "YKIEN_PII_KEYS=khoa-cu\n"
    inside = ykien(
        ["backup", str(tmp_path / "c.backup"), "--keys", str(var / "media" / "k")],
        url,
        check=False,
        var=var,
    )
    assert "Tệp khóa phải nằm ngoài bản sao lưu" in inside.stderr
    assert not (tmp_path / "c.backup").exists()


def test_a_damaged_backup_is_refused_before_anything_is_written(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    _installation(var)
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    ykien(["migrate", "--verbosity", "0"], url, var=var)
    backup_file = tmp_path / "ykien.backup"
    ykien(["backup", str(backup_file)], url, var=var)
    raw = bytearray(backup_file.read_bytes())
    at = raw.index(b"%PDF-1.7") + 100
    raw[at] ^= 0xFF
    backup_file.write_bytes(bytes(raw))
    dst_var = tmp_path / "dst"
    dst_var.mkdir()
    dst_url = f"sqlite:///{tmp_path / 'dst.sqlite3'}"
    result = ykien(["restore", str(backup_file)], dst_url, check=False, var=dst_var)
    assert result.returncode == 1
    assert "Tệp media/van-ban/2026/bao-cao.pdf trong bản sao lưu bị hỏng" in result.stderr
    assert _tree(dst_var) == {}
    assert (
        json.loads(ykien(["shell", "--no-imports", "-c", COUNT], dst_url, var=dst_var).stdout) == {}
    )


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
from ykien.core.permissions import SYSTEM
for i in range(40):
    services.unit_create(actor=SYSTEM, code=f"W{sys.argv[-1]}-{i}", name=f"Đơn vị {i}", level="commune", kind="front")
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
