"""The pieces of a split: kinds and their ranks, the tree's nodes, warnings and results, the
time budget, cleaning the text, and reading a heading line ("Điều 5. Phạm vi", "Chương II")."""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal, cast

NodeKind = Literal[
    "preamble", "part", "chapter", "section", "article", "clause", "point", "closing"
]

KINDS: Final[tuple[NodeKind, ...]] = (
    "preamble",
    "part",
    "chapter",
    "section",
    "article",
    "clause",
    "point",
    "closing",
)
#: Depth of each structural kind; preamble and closing live only at the top level.
RANK: Final[Mapping[str, int]] = {
    "part": 0,
    "chapter": 1,
    "section": 2,
    "article": 3,
    "clause": 4,
    "point": 5,
}
#: The letters of điểm, in order (the Vietnamese alphabet without ă, â, ê, ô, ơ, ư).
POINT_LETTERS: Final[tuple[str, ...]] = tuple("abcdđeghiklmnopqrstuvxy")
# Letters a drafter may use by mistake (English alphabet); kept in their English position.
_POINT_ORDER: Final[tuple[str, ...]] = tuple("abcdđefghijklmnopqrstuvwxyz")

LABELS_VI: Final[Mapping[str, str]] = {
    "preamble": "Phần mở đầu",
    "part": "Phần",
    "chapter": "Chương",
    "section": "Mục",
    "article": "Điều",
    "clause": "Khoản",
    "point": "Điểm",
    "closing": "Phần kết",
}

#: Warning codes → (English, Vietnamese) text; the web layer translates by code.
WARNING_MESSAGES: Final[Mapping[str, tuple[str, str]]] = {
    "empty_text": ("The text is empty.", "Văn bản trống."),
    "no_articles": (
        "No article (Điều) heading was found; the text is kept as one block.",
        "Không tìm thấy tiêu đề Điều nào; văn bản được giữ nguyên thành một khối.",
    ),
    "number_jump": (
        "The numbering skips a number: {detail}.",
        "Số thứ tự bị nhảy cóc: {detail}.",
    ),
    "number_out_of_order": (
        "The numbering goes backwards or repeats: {detail}.",
        "Số thứ tự bị lùi hoặc lặp lại: {detail}.",
    ),
    "unclosed_quote": (
        "A quotation opened here is never closed; its lines were read as ordinary text.",
        "Dấu ngoặc kép mở ở đây không được đóng; các dòng được đọc như văn bản thường.",
    ),
}


@dataclass
class Node:
    """One unit of the text. ``number`` is as printed ("II", "5", "1", "đ", "thứ nhất")."""

    kind: NodeKind
    number: str = ""
    title: str = ""
    text: str = ""
    children: list[Node] = field(default_factory=list)


@dataclass(frozen=True)
class SplitWarning:
    """Something the officer should check. ``line`` is 1-based in the cleaned text (0: none)."""

    code: str
    line: int = 0
    detail: str = ""

    def message(self, lang: str = "vi") -> str:
        en, vi = WARNING_MESSAGES.get(self.code, (self.code, self.code))
        return (en if lang.startswith("en") else vi).format(detail=self.detail)


@dataclass
class SplitResult:
    nodes: list[Node]
    warnings: list[SplitWarning] = field(default_factory=list)
    #: The document's name guessed from the preamble ("Nghị quyết quy định ..."), or "".
    title: str = ""


@dataclass(frozen=True)
class Heading:
    """A heading recognised at the start of a line. ``rest`` is what follows the number."""

    kind: NodeKind
    number: str
    rest: str
    #: False for the "Điều 5 Title" form (no ``.``/``:``): accepted only in sequence.
    strong: bool = True


class OutOfTime(Exception):
    """The time allowed for reading and splitting a text ran out."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"more than {seconds:g} s")
        self.seconds = seconds


@dataclass(frozen=True)
class Deadline:
    """A point in time (``time.monotonic``) after which :meth:`check` raises :class:`OutOfTime`."""

    seconds: float
    at: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(seconds, time.monotonic() + seconds)

    def check(self) -> None:
        if time.monotonic() > self.at:
            raise OutOfTime(self.seconds)


class TreeEditError(ValueError):
    """A correction cannot be applied (bad path, offset or kind)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


# ---------------------------------------------------------------------------------------------
# Cleaning


_NEWLINES_RE: Final = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_SPACES_RE: Final = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL_RE: Final = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# A pattern, not str.translate with a dict: that looks up every character (a quarter of the
# time of a split).
_INVISIBLE_RE: Final = re.compile("[\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff]")


def clean_text(text: str) -> str:
    """NFC, ``\\n`` line ends, one space between words, no invisible characters.

    Leading and trailing spaces of each line are removed and runs of blank lines become one.
    """
    text = _INVISIBLE_RE.sub("", _NEWLINES_RE.sub("\n", text))
    # Ð/ð (Icelandic eth) stand in for Đ/đ in texts converted from old Vietnamese encodings.
    text = text.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    text = unicodedata.normalize("NFC", _CONTROL_RE.sub("", text))
    out: list[str] = []
    for raw in text.split("\n"):
        line = _SPACES_RE.sub(" ", raw).strip()
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Headings

_ROMAN: Final = r"[IVXLCDM]+"
_ORDINAL: Final = (
    r"(?i:thứ\s+(?:nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|"
    r"mười(?:\s+(?:một|hai|ba|bốn|tư|lăm|năm|sáu|bảy|tám|chín))?))"
)
_PART_RE: Final = re.compile(rf"^(?:Phần|PHẦN)\s+({_ORDINAL}|{_ROMAN}|\d{{1,2}})(?!\w)(.*)$")
_CHAPTER_RE: Final = re.compile(rf"^(?:Chương|CHƯƠNG)\s*({_ROMAN}|\d{{1,3}})(?!\w)(.*)$")
_SECTION_RE: Final = re.compile(rf"^(?:Mục|MỤC)\s*(\d{{1,3}}|{_ROMAN})(?!\w)(.*)$")
_ARTICLE_RE: Final = re.compile(r"^(?:Điều|ĐIỀU)\s*(\d{1,4}[a-zđ]?)(?!\w)(.*)$")
# "1.Nội dung" (no space) is a common slip; "1.000 đồng" and "1.1." are not khoản.
_CLAUSE_RE: Final = re.compile(r"^(\d{1,3})[.)](?=\s|$|[^\W\d_])\s*(.*)$")
_POINT_RE: Final = re.compile(r"^([a-zđ])\)(?=\s|$|[^\W\d_])\s*(.*)$")
_DASH_SEP_RE: Final = re.compile(r"^[-–—]+\s*(.*)$")
# A heading followed by a legal reference is running text: "Điều 5 Luật Đất đai quy định ...".
_REFERENCE_RE: Final = re.compile(
    r"^(?:Luật|Bộ luật|Nghị định|Nghị quyết|Thông tư|Pháp lệnh|Hiến pháp|Quyết định|"
    r"Chương|Mục|Điều|Phần|Khoản|Điểm)(?!\w)"
)
# Table-of-contents lines end with a leader and a page number (see _is_toc_line).
_TOC_LEADERS: Final = ("....", "……", "____")

_ORDINAL_VALUES: Final[Mapping[str, int]] = {
    "nhất": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "bốn": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "một": 1,
}
_ROMAN_VALUES: Final[Mapping[str, int]] = {
    "I": 1,
    "V": 5,
    "X": 10,
    "L": 50,
    "C": 100,
    "D": 500,
    "M": 1000,
}


def _rest_of_heading(rest: str) -> tuple[str, bool] | None:
    """What follows a heading's number → (title, strong), or None if it is running text."""
    if not rest:
        return "", True
    stripped = rest.lstrip()
    if stripped[:1] in {".", ":"}:
        title = stripped[1:].strip()
        dash = _DASH_SEP_RE.match(title)
        return (dash.group(1) if dash else title), True
    dash = _DASH_SEP_RE.match(stripped)
    if dash and rest[:1] == " ":
        return dash.group(1), True
    if rest[:1] == " " and stripped[:1].isupper() and not _REFERENCE_RE.match(stripped):
        return stripped, False
    return None


def parse_heading(line: str) -> Heading | None:
    """Recognise a heading at the start of an already cleaned line.

    >>> parse_heading("Điều 5. Phạm vi điều chỉnh")
    Heading(kind='article', number='5', rest='Phạm vi điều chỉnh', strong=True)
    >>> parse_heading("Điều 5 của Luật này quy định") is None
    True
    """
    if not line:
        return None
    first = line[0]
    if first in "PCMĐ":
        if _is_toc_line(line):
            return None
        for kind, regex in (
            ("part", _PART_RE),
            ("chapter", _CHAPTER_RE),
            ("section", _SECTION_RE),
            ("article", _ARTICLE_RE),
        ):
            m = regex.match(line)
            if m is None:
                continue
            parsed = _rest_of_heading(m.group(2))
            if parsed is None:
                return None
            number = m.group(1)
            if kind == "part" and number[:1] in "tT":
                number = " ".join(number.lower().split())
            return Heading(cast("NodeKind", kind), number, parsed[0], parsed[1])
        return None
    m = _CLAUSE_RE.match(line)
    if m:
        return Heading("clause", m.group(1), m.group(2))
    m = _POINT_RE.match(line)
    if m:
        return Heading("point", m.group(1), m.group(2))
    return None


def _is_toc_line(line: str) -> bool:
    """A table-of-contents line: a leader (``....``, ``……``, ``____``) and a page number of at
    most four digits at the end. Read from the end, never with a pattern searched over the line
    (which backtracks over a long run of dots: minutes for one line of 50,000)."""
    body = line.rstrip()
    number = body.rstrip("0123456789")
    if not 1 <= len(body) - len(number) <= 4:
        return False
    return number.rstrip().endswith(_TOC_LEADERS)


def looks_like_heading(line: str) -> bool:
    """True for a line that clearly opens a Phần, Chương, Mục or Điều (used to rejoin PDF lines)."""
    h = parse_heading(line.strip())
    return h is not None and h.strong and h.kind in {"part", "chapter", "section", "article"}


def _roman_value(text: str) -> int | None:
    total = 0
    prev = 0
    for ch in reversed(text):
        value = _ROMAN_VALUES.get(ch)
        if value is None:
            return None
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total


def number_value(kind: str, number: str) -> int | None:
    """The number's position in its sequence (Roman, Arabic, ordinal words, point letters)."""
    number = number.strip()
    if not number:
        return None
    if kind == "point":
        letter = number.lower()
        return _POINT_ORDER.index(letter) + 1 if letter in _POINT_ORDER else None
    digits = re.match(r"^(\d+)", number)
    if digits:
        return int(digits.group(1))
    words = number.lower().split()
    if words and words[0] == "thứ":
        values = [_ORDINAL_VALUES.get(w) for w in words[1:]]
        if words[1:2] == ["mười"]:
            return 10 + (values[1] or 0 if len(values) > 1 else 0)
        return values[0] if len(values) == 1 else None
    return _roman_value(number.upper())


def label(node: Node) -> str:
    """Vietnamese label: "Chương II", "Điều 5", "Khoản 1", "Điểm đ", "Phần mở đầu"."""
    base = LABELS_VI[node.kind]
    return f"{base} {node.number}" if node.number and node.kind in RANK else base


def heading_line(node: Node) -> str:
    """The heading as printed in the text: "Chương II", "Điều 5.", "1.", "a)" ("" if none)."""
    if node.kind in {"preamble", "closing"}:
        return ""
    if node.kind == "clause":
        return f"{node.number}." if node.number else ""
    if node.kind == "point":
        return f"{node.number})" if node.number else ""
    if node.kind == "article":
        return f"Điều {node.number}." if node.number else ""
    return label(node) if node.number else ""


def iter_nodes(
    nodes: Sequence[Node], prefix: tuple[int, ...] = ()
) -> Iterator[tuple[tuple[int, ...], Node]]:
    """Every node in reading order with its path."""
    for i, node in enumerate(nodes):
        path = (*prefix, i)
        yield path, node
        yield from iter_nodes(node.children, path)
