"""PDF: the text of each page as lines with their position, running heads and page numbers
dropped, lines joined back into paragraphs."""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any, Final

from ykien.consultations.extract.base import (
    _LEGACY_FONT_RE,
    ExtractError,
    ExtractResult,
    ExtractWarning,
)
from ykien.consultations.splitter import Deadline, OutOfTime, clean_text, looks_like_heading

_PAGE_NUMBER_RE: Final = re.compile(
    r"^(?:[-–—\s]*\d{1,4}[-–—\s]*|(?:Trang|trang|Page)\s+\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?)$"
)
_FINISHED_RE: Final = re.compile(r"(?:[.:;!?…]|\./\.)[\s”\"’')\]»]*$")
_PRIVATE_OR_BAD: Final = re.compile(r"[\ue000-\uf8ff\ufffd]")


@dataclass
class _PdfLine:
    text: str
    x: float | None = None
    y: float | None = None
    size: float = 0.0


def _mult(m: list[float], n: list[float]) -> list[float]:
    return [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]


def _page_lines(page: Any) -> list[_PdfLine]:
    """The page's lines with where each starts; without positions if pypdf's order is odd."""
    chunks: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text:
            m = _mult([float(v) for v in tm], [float(v) for v in cm])
            scale = (m[2] ** 2 + m[3] ** 2) ** 0.5 or 1.0
            chunks.append((text, m[4], m[5], float(size or 0) * scale))

    plain: str = page.extract_text(visitor_text=visit) or ""
    joined = "".join(chunk[0] for chunk in chunks)
    if re.sub(r"\s", "", joined) != re.sub(r"\s", "", plain):
        return [_PdfLine(line) for line in plain.split("\n")]
    lines: list[_PdfLine] = []
    current = _PdfLine("")
    for text, x, y, size in chunks:
        for i, part in enumerate(text.split("\n")):
            if i > 0:
                lines.append(current)
                current = _PdfLine("")
            if part.strip() and not current.text.strip() and i == 0:
                current.x, current.y, current.size = x, y, size
            current.text += part
    lines.append(current)
    return lines


def _strip_running_heads(pages: list[list[_PdfLine]]) -> None:
    """Drop page numbers and headers or footers repeated at the top or bottom of pages."""
    for lines in pages:
        while lines and not lines[0].text.strip():
            lines.pop(0)
        while lines and not lines[-1].text.strip():
            lines.pop()
        for index in (0, -1):
            if lines and _PAGE_NUMBER_RE.match(lines[index].text.strip()):
                lines.pop(index)
    if len(pages) < 3:
        return
    for index in (0, -1):
        keys = Counter(re.sub(r"\d+", "#", lines[index].text.strip()) for lines in pages if lines)
        for key, count in keys.items():
            if count >= max(3, len(pages) * 0.6):
                for lines in pages:
                    if lines and re.sub(r"\d+", "#", lines[index].text.strip()) == key:
                        lines.pop(index)


def _is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


@dataclass
class _PageShape:
    margin: float | None
    gap: float | None
    right: float | None

    @classmethod
    def of(cls, lines: list[_PdfLine]) -> _PageShape:
        placed = [line for line in lines if line.x is not None and line.text.strip()]
        if not placed:
            return cls(None, None, None)
        xs = Counter(round((line.x or 0) / 2) * 2 for line in placed)
        needed = max(2, len(placed) // 10)
        common = sorted(x for x, count in xs.items() if count >= needed)
        margin = float(common[0]) if common else min(line.x or 0 for line in placed)
        gaps = [
            (a.y or 0) - (b.y or 0)
            for a, b in itertools.pairwise(placed)
            if a.y is not None and b.y is not None and (a.y or 0) > (b.y or 0)
        ]
        ends = sorted(_line_end(line) for line in placed)
        right = ends[int(len(ends) * 0.9) - 1] if len(ends) >= 3 else None
        return cls(margin, statistics.median(gaps) if gaps else None, right)


def _line_end(line: _PdfLine) -> float:
    # Without font metrics, half an em per character is close enough for Latin text.
    return (line.x or 0) + len(line.text.strip()) * line.size * 0.5


def _starts_paragraph(
    prev: _PdfLine, line: _PdfLine, shape: _PageShape, prev_shape: _PageShape, same_page: bool
) -> bool:
    text, before = line.text.strip(), prev.text.strip()
    if _FINISHED_RE.search(before) or looks_like_heading(text) or looks_like_heading(before):
        return True
    if _is_upper(before) != _is_upper(text):
        return True
    size = line.size or prev.size
    if shape.margin is not None and line.x is not None and line.x > shape.margin + 0.8 * size:
        return True  # first-line indent, or a centred line
    if same_page and shape.gap and line.y is not None and prev.y is not None:
        gap = prev.y - line.y
        if gap <= 0 or gap > shape.gap * 1.4:
            return True
    if prev_shape.right is not None and prev_shape.margin is not None and prev.x is not None:
        width = prev_shape.right - prev_shape.margin
        if width > 0 and _line_end(prev) < prev_shape.margin + 0.7 * width:
            return True  # the last line of a paragraph stops short
    return False


def _join_lines(pages: list[list[_PdfLine]]) -> str:
    """One paragraph per line: rejoin lines wrapped by the page, keep paragraph breaks.

    Vietnamese words are not hyphenated at line ends, so a trailing hyphen is kept (it is the
    dash of "chính trị - xã hội") and the lines are joined with a space.
    """
    paragraphs: list[str] = []
    prev: _PdfLine | None = None
    prev_shape = _PageShape(None, None, None)
    for lines in pages:
        shape = _PageShape.of(lines)
        same_page = False
        for line in lines:
            if not line.text.strip():
                prev = None
                continue
            if prev is None or _starts_paragraph(prev, line, shape, prev_shape, same_page):
                paragraphs.append(line.text.strip())
            else:
                paragraphs[-1] = f"{paragraphs[-1]} {line.text.strip()}"
            prev, prev_shape, same_page = line, shape, True
    return "\n".join(paragraphs)


def _pdf_legacy_fonts(reader: Any) -> list[str]:
    names: set[str] = set()
    for page in reader.pages:
        try:
            fonts = page["/Resources"]["/Font"]
            for ref in fonts.values():
                base = str(ref.get_object().get("/BaseFont", "")).lstrip("/")
                base = base.split("+", 1)[-1]
                if _LEGACY_FONT_RE.match(base):
                    names.add(base)
        except (KeyError, TypeError, AttributeError, ValueError):
            continue
    return sorted(names)


def _extract_pdf(data: bytes, deadline: Deadline | None = None) -> ExtractResult:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        raise ExtractError("pdf_malformed") from exc
    if encrypted:
        # A PDF with only an owner password ("no copying") opens with the empty password.
        try:
            opened = reader.decrypt("")
        except Exception as exc:
            raise ExtractError("pdf_encrypted") from exc
        if opened == PasswordType.NOT_DECRYPTED:
            raise ExtractError("pdf_encrypted")
    try:
        pages = []
        for page in reader.pages:
            if deadline is not None:
                deadline.check()
            pages.append(_page_lines(page))
    except OutOfTime:
        raise
    except FileNotDecryptedError as exc:
        raise ExtractError("pdf_encrypted") from exc
    except Exception as exc:
        raise ExtractError("pdf_malformed") from exc
    if not pages:
        raise ExtractError("pdf_malformed")
    letters = [sum(ch.isalpha() for line in lines for ch in line.text) for lines in pages]
    raw = "".join(line.text for lines in pages for line in lines)
    if sum(letters) < 16 or len(_PRIVATE_OR_BAD.findall(raw)) > len(raw) * 0.3:
        raise ExtractError("pdf_no_text")
    _strip_running_heads(pages)
    text = clean_text(_join_lines(pages))
    if not text:
        raise ExtractError("pdf_no_text")
    warnings: list[ExtractWarning] = []
    empty = [str(i + 1) for i, count in enumerate(letters) if count < 5]
    if empty:
        warnings.append(ExtractWarning("pdf_pages_without_text", ", ".join(empty)))
    fonts = _pdf_legacy_fonts(reader)
    if fonts:
        warnings.append(ExtractWarning("legacy_font", ", ".join(fonts)))
    return ExtractResult(text, "pdf", pages=len(pages), warnings=tuple(warnings))
