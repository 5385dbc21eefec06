"""Checks on uploaded documents: a size limit and the content sniffed from its first bytes (the
name and the browser's content type are not trusted)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from ykien.core.errors import ValidationFailed
from ykien.core.files import MIME, ArchiveRefused, sniff
from ykien.oversight.codes import ErrorCode

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ACCEPTED = frozenset({"pdf", "docx", "xlsx", "png", "jpeg"})


def max_upload_bytes() -> int:
    return int(getattr(settings, "OVERSIGHT_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES))


def check_upload(file: UploadedFile) -> str:
    """Return the sniffed content type, or raise ``ValidationFailed`` (too large, wrong kind)."""
    limit = max_upload_bytes()
    size = file.size or 0
    if size > limit:
        raise ValidationFailed(
            _("Tệp “%(name)s” có dung lượng %(size)s MB, vượt giới hạn %(limit)s MB.")
            % {
                "name": file.name,
                "size": f"{size / 1048576:.1f}".replace(".", ","),
                "limit": f"{limit / 1048576:g}".replace(".", ","),
            },
            code=ErrorCode.FILE_TOO_LARGE,
            field="files",
        )
    file.seek(0)
    try:
        kind = sniff(file.read())
    except ArchiveRefused as exc:  # a .docx or .xlsx that unpacks too large
        raise ValidationFailed(
            _("Tệp “%(name)s”: %(reason)s") % {"name": file.name, "reason": exc.message},
            code=exc.code,
            field="files",
        ) from None
    finally:
        file.seek(0)
    if kind is None or kind not in ACCEPTED:
        raise ValidationFailed(
            _("Tệp “%(name)s” không phải PDF, DOCX, XLSX, PNG hoặc JPEG.") % {"name": file.name},
            code=ErrorCode.FILE_TYPE,
            field="files",
        )
    return MIME[kind]
