"""Attachments: size limit, content sniffing (magic bytes, never the extension alone), and
encrypted storage under ``settings.PRIVATE_ROOT`` (never under MEDIA_ROOT)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from ykien.core import pii
from ykien.core.errors import ValidationFailed
from ykien.core.files import ArchiveRefused, sniff
from ykien.petitions.codes import ErrorCode

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
EXTENSIONS = {"pdf": "pdf", "jpg": "jpeg", "jpeg": "jpeg", "png": "png"}


@dataclass(frozen=True)
class Upload:
    """A checked upload, still in memory. ``repr`` omits the name (it may name the sender)."""

    name: str
    data: bytes
    file_type: str
    is_identity: bool = False

    def __repr__(self) -> str:
        return f"Upload({self.file_type}, {len(self.data)} B)"


def check_upload(name: str, data: bytes, *, is_identity: bool = False) -> Upload:
    """Raise ``ValidationFailed`` unless ``data`` is a PDF, JPEG or PNG of at most 10 MB whose
    content matches its extension."""
    short = Path(name or "").name[:80]
    if len(data) > MAX_BYTES:
        raise ValidationFailed(
            _("Tệp “%(name)s” lớn hơn 10 MB.") % {"name": short},
            code=ErrorCode.TOO_LARGE,
            field="attachments",
        )
    if not data:
        raise ValidationFailed(
            _("Tệp “%(name)s” rỗng.") % {"name": short},
            code=ErrorCode.EMPTY_FILE,
            field="attachments",
        )
    ext = Path(short).suffix.lower().lstrip(".")
    claimed = EXTENSIONS.get(ext)
    if claimed is None:
        raise ValidationFailed(
            _("Tệp “%(name)s”: chỉ nhận ảnh JPEG, PNG hoặc tệp PDF.") % {"name": short},
            code=ErrorCode.BAD_TYPE,
            field="attachments",
        )
    try:
        actual = sniff(data)
    except ArchiveRefused as exc:  # a zip bomb named .pdf: refused before anything inflates it
        raise ValidationFailed(
            _("Tệp “%(name)s”: %(reason)s") % {"name": short, "reason": exc.message},
            code=exc.code,
            field="attachments",
        ) from None
    if actual != claimed:
        raise ValidationFailed(
            _("Tệp “%(name)s” không phải là %(type)s như tên tệp cho biết.")
            % {"name": short, "type": claimed.upper()},
            code=ErrorCode.TYPE_MISMATCH,
            field="attachments",
        )
    return Upload(name=short, data=data, file_type=actual, is_identity=is_identity)


def private_dir() -> Path:
    path = Path(settings.PRIVATE_ROOT) / "petitions"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(upload: Upload) -> tuple[str, str]:
    """Encrypt and write ``upload``; return (relative path, sha256 of the plaintext)."""
    rel = f"{secrets.token_hex(16)}.enc"
    (private_dir() / rel).write_bytes(pii.encrypt_bytes(upload.data))
    return rel, hashlib.sha256(upload.data).hexdigest()


def read(rel: str) -> bytes:
    return pii.decrypt_bytes((private_dir() / Path(rel).name).read_bytes())


def remove(rel: str) -> None:
    (private_dir() / Path(rel).name).unlink(missing_ok=True)


def rotate(rel: str) -> None:
    path = private_dir() / Path(rel).name
    if path.exists():
        path.write_bytes(pii.rotate_bytes(path.read_bytes()))
