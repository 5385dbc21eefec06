"""Plain text (.txt): the encoding found from a byte order mark, UTF-8, UTF-16 without a mark,
or Windows-1258 (the old Vietnamese code page) when the result reads like prose."""

from __future__ import annotations

import unicodedata
from typing import Final

from ykien.consultations.extract.base import (
    ExtractError,
    ExtractResult,
    ExtractWarning,
)
from ykien.consultations.splitter import clean_text

_BOMS: Final[tuple[tuple[bytes, str], ...]] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_PUNCTUATION_OK: Final = frozenset("\n\t .,;:!?-–—/\\()[]{}\"'“”‘’«»…%&+=*#@$€₫<>|_~^°§•·")


def _plausible(text: str) -> bool:
    """Reads like Latin-script prose: decoding with a wrong single-byte table leaves debris."""
    if not text.strip():
        return False
    bad = 0
    for ch in text:
        if ch.isspace() or ch.isdigit() or ch in _PUNCTUATION_OK:
            continue
        if ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
            continue
        bad += 1
    return bad <= max(2, len(text) // 100)


def _decode(data: bytes) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.removesuffix("-sig")
            except UnicodeDecodeError:
                raise ExtractError("txt_encoding") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-16 without a byte order mark: every other byte of Latin text is zero.
    if len(data) % 2 == 0 and len(data) >= 4:
        for codec, zeros in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
            if zeros.count(0) > len(zeros) * 0.4:
                try:
                    text = data.decode(codec)
                except UnicodeDecodeError:
                    continue
                if _plausible(text):
                    return text, "utf-16"
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        raise ExtractError("txt_encoding") from None
    # cp1258 writes tones as combining marks; after NFC none may be left dangling.
    if _plausible(text) and not any(unicodedata.combining(ch) for ch in text):
        return text, "cp1258"
    raise ExtractError("txt_encoding")


def _extract_txt(data: bytes) -> ExtractResult:
    text, encoding = _decode(data)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if "\x00" in text or controls > max(2, len(text) // 200):
        raise ExtractError("txt_encoding")
    cleaned = clean_text(text)
    if not cleaned:
        raise ExtractError("empty_file")
    warnings: tuple[ExtractWarning, ...] = ()
    if encoding == "cp1258":
        warnings = (ExtractWarning("txt_legacy_encoding", "Windows-1258"),)
    return ExtractResult(cleaned, "txt", encoding=encoding, warnings=warnings)
