"""The article body's small markup: paragraphs separated by a blank line; a line that starts
with ``## `` is a heading. Rendered to escaped HTML; never raw HTML from the writer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.text import slugify

from ykien.analysis.text import fold

_HEADING = re.compile(r"^#{2,3}\s+(.+)$")


@dataclass(frozen=True)
class Block:
    kind: str  # "h2" or "p"
    text: str
    anchor: str = ""


def blocks(body: str) -> list[Block]:
    """The body as headings and paragraphs (text unescaped: templates escape it)."""
    result: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            result.append(Block("p", " ".join(paragraph)))
            paragraph.clear()

    for raw in body.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        heading = _HEADING.match(line)
        if heading:
            flush()
            text = heading.group(1).strip()
            result.append(Block("h2", text, anchor=slugify(fold(text))[:60] or "muc"))
        elif not line:
            flush()
        else:
            paragraph.append(line)
    flush()
    return result


def plain_text(body: str) -> str:
    """The body without markup: what is indexed and read aloud."""
    return "\n\n".join(block.text for block in blocks(body))


def slug_for(text: str, *, max_length: int = 80) -> str:
    """An unaccented, hyphenated slug: "Giám sát Hòa Bình" → "giam-sat-hoa-binh"."""
    return slugify(fold(text))[:max_length].strip("-") or "bai-viet"
