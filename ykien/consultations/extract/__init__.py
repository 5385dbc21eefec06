"""Extract the text of an uploaded draft: .docx, .pdf or .txt.

Pure Python (no Django). The file type is judged by its content, not its name: a PDF starts
with ``%PDF-``, a .docx is a zip holding ``word/``; the name only decides whether unknown bytes
may be read as plain text. Every failure is an :class:`ExtractError` with a stable ``code``;
the web layer translates by code, and :data:`MESSAGES` holds the English and Vietnamese text.

A .docx is a zip: it is inflated once in a stream and checked against ``max_unpacked`` (the
sizes it declares are never trusted) before python-docx reads it; see
:func:`ykien.core.files.verify_archive`. A :class:`~ykien.consultations.splitter.Deadline`
bounds the time spent reading. The package: ``base`` (codes, messages, the error and the result),
one module per type (``text``, ``word``, ``pdf``); import from the package.

The result is NFC with ``\\n`` line ends, one paragraph per line (see
:func:`ykien.consultations.splitter.clean_text`), ready for
:func:`ykien.consultations.splitter.split`.
"""

from __future__ import annotations

from ykien.consultations.extract.base import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_UNPACKED,
    MAX_MEMBERS,
    MESSAGES,
    TEXT_EXTENSIONS,
    WARNING_MESSAGES,
    ExtractError,
    ExtractResult,
    ExtractWarning,
    SourceType,
    _mb,
    _seconds,
    error_message,
)
from ykien.consultations.extract.pdf import _extract_pdf
from ykien.consultations.extract.text import _extract_txt
from ykien.consultations.extract.word import _extract_docx, _extract_zip, _format_number
from ykien.consultations.splitter import Deadline, OutOfTime


def extract_text(
    filename: str,
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_unpacked: int = DEFAULT_MAX_UNPACKED,
    deadline: Deadline | None = None,
) -> ExtractResult:
    """Read the text of a .docx, .pdf or .txt upload.

    Raises :class:`ExtractError`: "too_large" is checked before anything is parsed; a .docx
    that unpacks past ``max_unpacked`` is "unpacked_too_large" (checked on the bytes actually
    inflated, before python-docx opens it); a text longer than ``max_unpacked`` characters is
    "text_too_large"; past the ``deadline``, "too_slow".
    """
    try:
        result = _extract(filename, data, max_bytes, max_unpacked, deadline)
    except OutOfTime as exc:
        raise ExtractError("too_slow", seconds=_seconds(exc.seconds)) from None
    if len(result.text) > max_unpacked:
        raise ExtractError(
            "text_too_large", size_mb=_mb(len(result.text)), limit_mb=_mb(max_unpacked)
        )
    return result


def _extract(
    filename: str, data: bytes, max_bytes: int, max_unpacked: int, deadline: Deadline | None
) -> ExtractResult:
    if len(data) > max_bytes:
        raise ExtractError(
            "too_large", size_mb=_mb(len(data)), limit_mb=_mb(max_bytes), limit=max_bytes
        )
    if not data.strip():
        raise ExtractError("empty_file")
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    kind = sniff(data)
    if kind == "pdf":
        return _extract_pdf(data, deadline)
    if kind == "zip":
        return _extract_zip(data, ext, max_unpacked, deadline)
    if kind == "ole":
        # Word's password protection wraps even a .docx in an OLE container.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ExtractError("docx_encrypted")
        raise ExtractError("doc_legacy")
    if ext in {"pdf", "docx"}:
        raise ExtractError("type_mismatch", ext=ext, ext_upper=ext.upper())
    if ext == "doc":
        raise ExtractError("doc_legacy")
    if kind == "other" and ext in TEXT_EXTENSIONS:
        return _extract_txt(data)
    raise ExtractError("unsupported_type")


def sniff(data: bytes) -> str:
    """The type of a file from its first bytes: pdf, zip, ole, rtf, executable, image, other."""
    if b"%PDF-" in data[:1024]:  # readers accept a header anywhere in the first kilobyte
        return "pdf"
    signatures: tuple[tuple[str, tuple[bytes, ...]], ...] = (
        ("zip", (b"PK\x03\x04", b"PK\x05\x06")),
        ("ole", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
        ("rtf", (b"{\\rtf",)),
        (
            "executable",
            (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe"),
        ),
        ("image", (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")),
    )
    for kind, prefixes in signatures:
        if data.startswith(prefixes):
            return kind
    return "other"


__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_UNPACKED",
    "MAX_MEMBERS",
    "MESSAGES",
    "TEXT_EXTENSIONS",
    "WARNING_MESSAGES",
    "ExtractError",
    "ExtractResult",
    "ExtractWarning",
    "SourceType",
    "error_message",
    "extract_text",
    "sniff",
]
# The readers are named here too (tests replace them, and read ``_format_number``).
_READERS = (_extract_docx, _extract_pdf, _extract_txt, _extract_zip, _format_number)
