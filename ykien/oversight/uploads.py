"""Checks on uploaded documents: a size limit and the content sniffed from its first bytes (the
name and the browser's content type are not trusted)."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from ykien.core.errors import ValidationFailed

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "OVERSIGHT_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES))


def sniff(head: bytes, file: UploadedFile) -> str | None:
    """The content type of an allowed document, or None."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            file.seek(0)
        if "word/document.xml" in names:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if "xl/workbook.xml" in names:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


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
            code="file_too_large",
            field="files",
        )
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    content_type = sniff(head, file)
    if content_type is None:
        raise ValidationFailed(
            _("Tệp “%(name)s” không phải PDF, DOCX, XLSX, PNG hoặc JPEG.") % {"name": file.name},
            code="file_type",
            field="files",
        )
    return content_type
