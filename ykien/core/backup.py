"""Consistent backups while the site runs, and restore into an empty installation.

A backup is one tar archive::

    database.sqlite3 | database.pgdump   SQLite's online backup / ``pg_dump --format=custom``
    media/…                              MEDIA_ROOT (public files: news images, documents)
    private/…                            PRIVATE_ROOT (petition attachments, identity images)
    manifest.json                        format, vendor, and every member's size and SHA-256

SQLite: the online backup API (pages copied under a read transaction, so writers in WAL mode
keep going). PostgreSQL: ``pg_dump`` / ``pg_restore``. Restore checks every checksum before it
touches anything, then fills the empty database and writes every file back.

The keys are never in the archive: not the personal-data keys (``YKIEN_PII_KEYS``, or
``var/pii_keys`` in the demo) without which the encrypted identities in the dump cannot be read,
nor ``SECRET_KEY`` / ``var/secret_key``. A stolen backup must not carry its own key. They are kept
apart: ``ykien backup PATH --keys KEYFILE`` writes them to a separate file (mode 0600).
Older backups (a bare SQLite file or ``pg_dump`` file) are still restored (the database only).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from ykien.core.codes import ErrorCode
from ykien.core.errors import ValidationFailed

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
FORMAT = "ykien-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Where the keys live (see settings._secret_key and core.pii); never archived.
PII_KEYS_ENV = "YKIEN_PII_KEYS"
KEY_FILES = ("secret_key", "pii_keys")
CHUNK = 1024 * 1024


def file_roots() -> dict[str, Path]:
    """The directories a backup carries, by their name in the archive."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_ROOT)}


def _key_files() -> list[Path]:
    var_dir = Path(settings.VAR_DIR)
    return [(var_dir / name).resolve() for name in KEY_FILES]


# --- database -------------------------------------------------------------------------------


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
            code=ErrorCode.MISSING_TOOL,
        )
    return path


def _dump_database(path: Path) -> str:
    """Write a consistent copy of the current database to ``path``; returns the vendor."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(str(path))
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return "sqlite"
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
                _("pg_dump thất bại: %(err)s") % {"err": proc.stderr.strip()},
                code=ErrorCode.BACKUP_FAILED,
            )
        return "postgresql"
    raise ValidationFailed(
        _("Hệ quản trị cơ sở dữ liệu không được hỗ trợ."), code=ErrorCode.UNSUPPORTED
    )


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


def _restore_database(path: Path, kind: str, *, force: bool) -> None:
    settings_dict = connection.settings_dict
    if kind == "sqlite":
        connection.ensure_connection()
        src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            src.backup(connection.connection)
        finally:
            src.close()
        connection.close()
        return
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
            _("pg_restore thất bại: %(err)s") % {"err": proc.stderr.strip()},
            code=ErrorCode.RESTORE_FAILED,
        )


def _check_database_file(path: Path) -> str:
    """The kind of a bare database backup at ``path`` (``sqlite`` or ``postgresql``) or raise."""
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
                _("Tệp không phải bản sao lưu hợp lệ: %(e)s") % {"e": exc},
                code=ErrorCode.NOT_BACKUP,
            ) from exc
        if not ok or integrity != "ok":
            raise ValidationFailed(
                _("Tệp SQLite này không phải bản sao lưu của Ý Kiến."), code=ErrorCode.NOT_BACKUP
            )
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise ValidationFailed(
        _("Tệp “%(p)s” không phải bản sao lưu của Ý Kiến (SQLite hoặc pg_dump định dạng custom).")
        % {"p": path.name},
        code=ErrorCode.NOT_BACKUP,
    )


# --- files ----------------------------------------------------------------------------------


def _sha256(stream: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


class _HashingReader:
    """A file read once, into the archive, while its SHA-256 is computed."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.digest.update(data)
        return data


def _files_under(root: Path, excluded: set[Path]) -> Iterator[tuple[Path, str]]:
    """Regular files under ``root`` (symbolic links not followed), with their path in it."""
    if not root.is_dir():
        return
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file() or path.resolve() in excluded:
                continue
            yield path, path.relative_to(root).as_posix()


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> dict[str, Any]:
    with path.open("rb") as stream:
        stat = os.fstat(stream.fileno())
        info = tarfile.TarInfo(name)
        info.size = stat.st_size
        info.mtime = int(stat.st_mtime)
        info.mode = stat.st_mode & 0o777
        reader = _HashingReader(stream)
        tar.addfile(info, reader)  # type: ignore[arg-type]
    return {"path": name, "bytes": info.size, "sha256": reader.digest.hexdigest()}


def _excluded(*paths: Path | None) -> set[Path]:
    """Files a backup never carries: the keys, the database itself, the archive being written."""
    excluded = set(_key_files())
    for path in paths:
        if path is not None:
            excluded.add(Path(path).resolve())
    if connection.vendor == "sqlite":
        name = Path(str(connection.settings_dict["NAME"])).resolve()
        excluded |= {name, Path(f"{name}-wal"), Path(f"{name}-shm")}
    return excluded


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


# --- keys -----------------------------------------------------------------------------------


def _keys() -> dict[str, str]:
    """The installation's keys: the personal-data keys, and the secret key when it is not one
    made up for this process."""
    var_dir = Path(settings.VAR_DIR)
    keys = {}
    pii = settings.PII_KEYS
    if not pii and (var_dir / "pii_keys").is_file():
        pii = (var_dir / "pii_keys").read_text().strip()
    if pii:
        keys[PII_KEYS_ENV] = pii
    secret = settings.SECRET_KEY if settings.SECRET_KEY_EXPORTED else ""
    if not secret and (var_dir / "secret_key").is_file():
        secret = (var_dir / "secret_key").read_text().strip()
    if secret:
        keys["SECRET_KEY"] = secret
    return keys


def export_keys(path: Path) -> dict[str, Any]:
    """Write the keys to ``path``, a new file readable by its owner only (0600), as lines
    ``NAME=value`` an environment file takes. An existing file is never overwritten (an older
    export may hold a key that older backups still need)."""
    path = Path(path)
    keys = _keys()
    if PII_KEYS_ENV not in keys:
        raise ValidationFailed(
            _("Không có khóa dữ liệu cá nhân (%(var)s) để xuất.") % {"var": PII_KEYS_ENV},
            code=ErrorCode.NO_KEYS,
        )
    if path.exists():
        raise ValidationFailed(
            _("Tệp khóa %(p)s đã có; chọn tên khác (không ghi đè khóa cũ).") % {"p": path},
            code=ErrorCode.KEYS_EXIST,
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (
        "# Ý Kiến — khóa; cất riêng, không để cùng chỗ với bản sao lưu / keys, kept apart from backups\n"
        + "".join(f"{name}={value}\n" for name, value in keys.items())
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        os.fchmod(stream.fileno(), 0o600)
        stream.write(text)
    return {"path": str(path), "names": sorted(keys)}


# --- backup and restore ---------------------------------------------------------------------


def backup(path: Path, *, keys_path: Path | None = None) -> dict[str, Any]:
    """Write a backup archive (database, media, private files, manifest) to ``path``, readable
    by its owner only; with ``keys_path``, export the keys to that separate file. Returns a
    summary. The archive is written under a temporary name and renamed when complete."""
    path = Path(path)
    roots = file_roots()
    if keys_path is not None:
        keys_path = Path(keys_path)
        if keys_path.resolve() == path.resolve() or any(
            _inside(keys_path, root) for root in roots.values()
        ):
            raise ValidationFailed(
                _("Tệp khóa phải nằm ngoài bản sao lưu và ngoài các thư mục được sao lưu."),
                code=ErrorCode.KEYS_INSIDE,
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    excluded = _excluded(path, partial, keys_path)
    files: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".ykien-backup-") as work:
        vendor = connection.vendor
        dump = Path(work) / DATABASE_MEMBERS.get(vendor, "database")
        vendor = _dump_database(dump)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as tar:
                database = _add_file(tar, DATABASE_MEMBERS[vendor], dump)
                for root_name, root in roots.items():
                    for file_path, relative in _files_under(root, excluded):
                        files.append(_add_file(tar, f"{root_name}/{relative}", file_path))
                manifest = {
                    "format": FORMAT,
                    "version": VERSION,
                    "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    "vendor": vendor,
                    "database": database,
                    "files": files,
                    "keys": "not included",
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
                info.mode = 0o600
                tar.addfile(info, io.BytesIO(data))
            os.chmod(partial, 0o600)
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    keys = export_keys(keys_path) if keys_path is not None else None
    return {
        "vendor": vendor,
        "path": str(path),
        "bytes": path.stat().st_size,
        "files": len(files),
        "keys": keys,
    }


def _safe_member_name(name: str) -> bool:
    pure = PurePosixPath(name)
    return (
        not pure.is_absolute()
        and ".." not in pure.parts
        and len(pure.parts) >= 2
        and pure.parts[0] in file_roots()
        and str(pure) == name
    )


def _read_manifest(tar: tarfile.TarFile, path: Path) -> dict[str, Any]:
    not_backup = ValidationFailed(
        _("Tệp “%(p)s” không phải bản sao lưu của Ý Kiến.") % {"p": path.name},
        code=ErrorCode.NOT_BACKUP,
    )
    try:
        member = tar.getmember(MANIFEST)
        stream = tar.extractfile(member)
        manifest = json.loads(stream.read()) if stream is not None else None
    except (KeyError, ValueError) as exc:
        raise not_backup from exc
    if (
        not isinstance(manifest, dict)
        or manifest.get("format") != FORMAT
        or manifest.get("vendor") not in DATABASE_MEMBERS
    ):
        raise not_backup
    if manifest.get("version") != VERSION:
        raise ValidationFailed(
            _("Bản sao lưu định dạng phiên bản %(v)s; phiên bản này chỉ đọc phiên bản %(ours)s.")
            % {"v": manifest.get("version"), "ours": VERSION},
            code=ErrorCode.UNSUPPORTED_VERSION,
        )
    return manifest


def _verify_archive(tar: tarfile.TarFile, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """Every member listed, present, a regular file, with its size and SHA-256; nothing else."""
    expected = [manifest["database"], *manifest["files"]]
    if manifest["database"].get("path") != DATABASE_MEMBERS[manifest["vendor"]] or not all(
        _safe_member_name(str(entry.get("path", ""))) for entry in manifest["files"]
    ):
        raise ValidationFailed(
            _("Danh mục của bản sao lưu không hợp lệ."), code=ErrorCode.BAD_MANIFEST
        )
    members = {m.name: m for m in tar.getmembers()}
    listed = {str(entry["path"]) for entry in expected}
    if set(members) != listed | {MANIFEST} or len(listed) != len(expected):
        raise ValidationFailed(
            _("Bản sao lưu không khớp với danh mục của nó (thiếu hoặc thừa tệp)."),
            code=ErrorCode.BAD_MANIFEST,
        )
    for entry in expected:
        member = members[entry["path"]]
        stream = tar.extractfile(member) if member.isreg() else None
        if stream is None:
            raise ValidationFailed(
                _("Danh mục của bản sao lưu không hợp lệ."), code=ErrorCode.BAD_MANIFEST
            )
        if _sha256(stream) != (entry["sha256"], entry["bytes"]):
            raise ValidationFailed(
                _("Tệp %(p)s trong bản sao lưu bị hỏng (tổng kiểm tra không khớp).")
                % {"p": entry["path"]},
                code=ErrorCode.CHECKSUM,
            )
    return expected


def _non_empty_roots() -> list[str]:
    return [
        name
        for name, root in file_roots().items()
        if root.is_dir() and next(_files_under(root, set()), None) is not None
    ]


def _write_file(tar: tarfile.TarFile, entry: dict[str, Any], target: Path) -> None:
    member = tar.getmember(entry["path"])
    stream = tar.extractfile(member)
    if stream is None:  # _verify_archive has checked: never
        raise ValidationFailed(
            _("Danh mục của bản sao lưu không hợp lệ."), code=ErrorCode.BAD_MANIFEST
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.restoring")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != entry["sha256"]:
        partial.unlink()
        raise ValidationFailed(
            _("Tệp %(p)s trong bản sao lưu bị hỏng (tổng kiểm tra không khớp).")
            % {"p": entry["path"]},
            code=ErrorCode.CHECKSUM,
        )
    os.chmod(partial, member.mode & 0o777 or 0o600)
    os.utime(partial, (member.mtime, member.mtime))
    os.replace(partial, target)


def check_backup_file(path: Path) -> str:
    """The kind of backup at ``path``: ``archive``, or (an older backup, the database only)
    ``sqlite`` or ``postgresql``; raises when it is none of these."""
    path = Path(path)
    if not path.is_file():
        raise ValidationFailed(
            _("Không tìm thấy tệp sao lưu: %(p)s") % {"p": path}, code=ErrorCode.NOT_FOUND
        )
    with path.open("rb") as stream:
        head = stream.read(16)
        stream.seek(257)
        is_tar = stream.read(5) == b"ustar"
    if is_tar and not head.startswith((SQLITE_MAGIC, PGDUMP_MAGIC)):
        return "archive"
    return _check_database_file(path)


def _refuse_non_empty(*, force: bool, files: bool = True) -> None:
    if force:
        return
    busy = _user_tables_with_rows()
    if busy:
        raise ValidationFailed(
            _("Cơ sở dữ liệu đích không trống (%(n)s bảng có dữ liệu); dùng --force để ghi đè.")
            % {"n": len(busy)},
            code=ErrorCode.NOT_EMPTY,
        )
    roots = _non_empty_roots() if files else []
    if roots:
        raise ValidationFailed(
            _("Thư mục tệp đích không trống (%(roots)s); dùng --force để ghi đè.")
            % {"roots": ", ".join(str(file_roots()[name]) for name in roots)},
            code=ErrorCode.NOT_EMPTY,
        )


def _check_vendor(kind: str) -> None:
    if kind != connection.vendor:
        raise ValidationFailed(
            _("Bản sao lưu là %(kind)s nhưng cơ sở dữ liệu đích là %(vendor)s.")
            % {"kind": kind, "vendor": connection.vendor},
            code=ErrorCode.VENDOR_MISMATCH,
        )


def restore(path: Path, *, force: bool = False) -> dict[str, Any]:
    """Restore the backup at ``path``: the database, which must be empty, and every file into
    MEDIA_ROOT and PRIVATE_ROOT, which must be empty too, unless ``force`` (then the backup's
    files replace those of the same name; others are left). Every checksum is verified before
    anything is written. Returns a summary."""
    path = Path(path)
    kind = check_backup_file(path)
    if kind != "archive":
        _check_vendor(kind)
        _refuse_non_empty(force=force, files=False)
        _restore_database(path, kind, force=force)
        return {"vendor": kind, "path": str(path), "files": 0}
    with tarfile.open(path, mode="r:") as tar:
        manifest = _read_manifest(tar, path)
        _check_vendor(manifest["vendor"])
        _refuse_non_empty(force=force)
        _verify_archive(tar, manifest)
        with tempfile.TemporaryDirectory(prefix="ykien-restore-") as work:
            dump = Path(work) / manifest["database"]["path"]
            _write_file(tar, manifest["database"], dump)
            _restore_database(dump, manifest["vendor"], force=force)
        roots = file_roots()
        for entry in manifest["files"]:
            root_name, _sep, relative = entry["path"].partition("/")
            _write_file(tar, entry, roots[root_name] / relative)
    return {"vendor": manifest["vendor"], "path": str(path), "files": len(manifest["files"])}
