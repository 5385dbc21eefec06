"""Split a Vietnamese legal text into its structure: Phần, Chương, Mục, Điều, khoản, điểm.

Pure Python (no Django): the web import and ``ykien drafts split`` call the same code.

The text is read line by line. A heading is recognised only at the start of a line and only
when what follows the number looks like a heading (end of line, ``.``, ``:``, a dash, or a space
and a capital letter), so "theo quy định tại Điều 5 của Luật này" never opens an article.
Khoản (``1.``) and điểm (``a)``) exist only inside an article, and their numbering decides
between a new khoản and a numbered line inside the current one. Quoted blocks (the new wording
in an amending text: ``“Điều 5. ...”``) are kept verbatim in the enclosing node. Text before
the first heading is the preamble; the closing — the passing formula ("Nghị quyết này đã được
Hội đồng nhân dân … thông qua …"), "Nơi nhận:" and the signature block — is a node of its own
after the last article, never part of a clause, so no one comments on it.

The work is linear in the length of the text (``bench/splitter.py``): every line is looked at a
bounded number of times, titles take a bounded number of lines, and no pattern backtracks over a
whole line. A :class:`Deadline` stops a run that takes too long anyway.

Officers correct the result before publishing with :func:`merge`, :func:`split_node` and
:func:`retype`; these are pure (they return a new tree). A *path* is the list of child
indexes from the top-level list: ``[1, 0, 2]`` is ``nodes[1].children[0].children[2]``.
"""

from __future__ import annotations

import bisect
import copy
import re
import time
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal, cast

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


# ---------------------------------------------------------------------------------------------
# Closing and attachments

_CLOSING_RE: Final = re.compile(r"^(?:Nơi nhận|NƠI NHẬN)\s*[:.]?")
_SIGN_PREFIX_RE: Final = re.compile(r"^(?:TM|T/M|T\.M|KT|K/T|K\.T|TL|T/L|TUQ|Q)\.?\s+\S")
_SIGN_ROLE_RE: Final = re.compile(
    r"^(?:PHÓ\s+)?(?:CHỦ TỊCH|CHỦ NHIỆM|THỦ TƯỚNG|BỘ TRƯỞNG|GIÁM ĐỐC|CHÁNH ÁN|VIỆN TRƯỞNG|"
    r"TRƯỞNG BAN|BÍ THƯ|TỔNG KIỂM TOÁN|TỔNG THƯ KÝ)(?!\w)"
)
# The passing formula: "Luật này đã được Quốc hội … thông qua ngày …", "Nghị quyết này được Hội
# đồng nhân dân … thông qua ngày … và có hiệu lực từ ngày …".
_PASSED_RE: Final = re.compile(
    r"^(?:Luật|Bộ luật|Nghị quyết|Nghị quyết liên tịch|Pháp lệnh|Hiến pháp)\s+này\s+"
    r"(?:đã\s+)?được\s.{0,300}\bthông qua\b"
)
_END_MARK_RE: Final = re.compile(r"\./\.?\s*$")
_ATTACHMENT_RE: Final = re.compile(
    r"^(?:CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|"
    r"(?:QUY ĐỊNH|QUY CHẾ|ĐIỀU LỆ|PHỤ LỤC|NỘI QUY|HƯỚNG DẪN|CHƯƠNG TRÌNH|KẾ HOẠCH|ĐỀ ÁN|"
    r"DANH MỤC)(?!\w)|\(?\s*(?:Ban hành\s+)?[Kk]èm theo\s)"
)
_DOC_TYPE_RE: Final = re.compile(
    r"^(?:DỰ THẢO\s+)?(NGHỊ QUYẾT LIÊN TỊCH|THÔNG TƯ LIÊN TỊCH|NGHỊ QUYẾT|BỘ LUẬT|LUẬT|"
    r"NGHỊ ĐỊNH|QUYẾT ĐỊNH|THÔNG TƯ|PHÁP LỆNH|CHỈ THỊ|KẾ HOẠCH|QUY ĐỊNH|QUY CHẾ|ĐỀ ÁN|"
    r"HIẾN PHÁP|ĐIỀU LỆ|CHƯƠNG TRÌNH)$"
)
_TITLE_STOP_RE: Final = re.compile(
    r"^(?:Căn cứ|CĂN CỨ|Theo đề nghị|Xét|[-_=*–—.]{3,}|[A-ZĐ ]*(?:QUYẾT NGHỊ|QUYẾT ĐỊNH)\s*:)"
)


def _is_upper_line(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _is_signature(line: str) -> bool:
    return _is_upper_line(line) and bool(_SIGN_PREFIX_RE.match(line) or _SIGN_ROLE_RE.match(line))


def _is_closing_start(line: str) -> bool:
    return bool(_CLOSING_RE.match(line)) or _is_signature(line)


def _attachment_start(lines: Sequence[str]) -> int:
    """Index in a closing's lines where the header of an attached document begins."""
    for j, line in enumerate(lines):
        if _ATTACHMENT_RE.match(line):
            while (
                j > 0
                and _is_upper_line(lines[j - 1])
                and not _is_signature(lines[j - 1])
                and not _CLOSING_RE.match(lines[j - 1])
            ):
                j -= 1
            return j
    return len(lines)


def _guess_title(preamble: Sequence[str]) -> str:
    for i, line in enumerate(preamble):
        m = _DOC_TYPE_RE.match(line)
        if m is None:
            continue
        subject: list[str] = []
        for nxt in preamble[i + 1 : i + 4]:
            if _TITLE_STOP_RE.match(nxt) or (
                subject and _is_upper_line(nxt) != _is_upper_line(subject[0])
            ):
                break
            subject.append(nxt)
        doc_type = m.group(1)
        if not subject:
            return doc_type.capitalize()
        text = " ".join(subject)
        if _is_upper_line(text):
            return f"{doc_type} {text}"
        return f"{doc_type.capitalize()} {text[0].lower()}{text[1:]}"
    return ""


# ---------------------------------------------------------------------------------------------
# Quotations


_OPEN_QUOTES: Final = '“"«'
_CLOSE_QUOTE_END_RE: Final = re.compile(r"[”\"»]\s*[.,;:]*\s*(?:\./\.)?$")


def _quote_balance(line: str) -> tuple[int, int]:
    return line.count("“") + line.count("«") - line.count("”") - line.count("»"), line.count('"')


def _find_quote_blocks(lines: Sequence[str]) -> tuple[set[int], list[int]]:
    """Indexes of lines inside multi-line quotations, and the lines of unclosed quotations.

    A quotation opens on a line that starts with an opening quote and leaves one open; it ends
    on the first later line that ends with a closing quote where the marks opened since balance
    (curly ones close, straight ones pair up) — or, with mixed marks, on the first later line
    that ends with a closing quote at all. Each end is found from the running totals of marks:
    a single pass from the end keeps, for each parity of straight marks, the closing lines that
    no nearer one makes redundant, so a search is a bisection, not a scan of the rest of the
    text (a text of many unclosed quotations took minutes)."""
    n = len(lines)
    curly_total = [0] * (n + 1)  # curly marks left open before line k
    straight_odd = [False] * (n + 1)  # an odd number of straight marks before line k
    opener = [False] * n
    closes = [False] * n
    for k, line in enumerate(lines):
        curly, straight = _quote_balance(line)
        curly_total[k + 1] = curly_total[k] + curly
        straight_odd[k + 1] = straight_odd[k] != (straight % 2 == 1)
        opener[k] = bool(line) and line[0] in _OPEN_QUOTES and (curly > 0 or straight % 2 == 1)
        closes[k] = bool(_CLOSE_QUOTE_END_RE.search(line))
    # For a quotation opened on line i, the end is the first closing line j > i with
    # curly_total[j + 1] <= curly_total[i] and the same parity of straight marks.
    balanced_end: list[int | None] = [None] * n
    next_close: list[int | None] = [None] * n
    # Per parity: closing lines after the current one, nearest last, keys strictly rising
    # toward the nearest (a farther line with a key no lower than a nearer one's is never the
    # first to qualify).
    keys: tuple[list[int], list[int]] = ([], [])
    positions: tuple[list[int], list[int]] = ([], [])
    nearest_close: int | None = None
    for i in range(n - 1, -1, -1):
        if opener[i]:
            next_close[i] = nearest_close
            parity = int(straight_odd[i])
            found = bisect.bisect_right(keys[parity], curly_total[i])
            balanced_end[i] = positions[parity][found - 1] if found else None
        if closes[i]:
            nearest_close = i
            parity, key = int(straight_odd[i + 1]), curly_total[i + 1]
            while keys[parity] and keys[parity][-1] >= key:
                keys[parity].pop()
                positions[parity].pop()
            keys[parity].append(key)
            positions[parity].append(i)
    inside: set[int] = set()
    unclosed: list[int] = []
    i = 0
    while i < n:
        if not opener[i]:
            i += 1
            continue
        end = balanced_end[i]
        if end is None:  # mixed quote marks: settle for the first line that ends with one
            end = next_close[i]
        if end is None:
            unclosed.append(i)
            i += 1
            continue
        inside.update(range(i, end + 1))
        i = end + 1
    return inside, unclosed


# ---------------------------------------------------------------------------------------------
# The splitter


def _article_title_and_body(rest: str) -> tuple[str, str]:
    """Articles of a resolution often carry their body on the heading line, not a title."""
    words = len(rest.split())
    if rest.endswith((":", ";")) or (rest.endswith(".") and words > 10):
        return "", rest
    return rest, ""


#: A title continues on at most this many lines after its first, and stops before passing this
#: many characters; what follows is text (a title is a name, not a paragraph).
_MAX_TITLE_MORE_LINES: Final = 4
_MAX_TITLE_CHARS: Final = 1000

_RESETS: Final[Mapping[str, tuple[str, ...]]] = {
    "chapter": ("section",),
    "article": ("clause", "point"),
    "clause": ("point",),
}


class _Builder:
    def __init__(self, lines: list[str], deadline: Deadline | None = None) -> None:
        self.lines = lines
        self.deadline = deadline
        self.nodes: list[Node] = []
        self.warnings: list[SplitWarning] = []
        self.text: dict[int, list[str]] = {}
        self.stack: list[Node] = []
        self.preamble: Node | None = None
        self.closing: Node | None = None
        self.mode: Literal["body", "closing"] = "body"
        self.structured = False
        self.title_target: Node | None = None
        self.title_mode: Literal["first", "caps", "lower", "article"] = "first"
        self.title_more = 0  # lines added to the pending title after its first
        self.last: dict[str, int] = {}
        self.last_label: dict[str, str] = {}
        self.segment_preambles: list[Node] = []
        self.lineno = 0

    # -- text ------------------------------------------------------------------------------

    def _lines_of(self, node: Node) -> list[str]:
        return self.text.setdefault(id(node), [])

    def _owner(self) -> Node:
        if self.mode == "closing":
            assert self.closing is not None  # noqa: S101 - set when the mode changes
            return self.closing
        if self.stack:
            return self.stack[-1]
        if self.preamble is None:
            self.preamble = Node("preamble")
            self.nodes.append(self.preamble)
            self.segment_preambles.append(self.preamble)
        return self.preamble

    def _append(self, line: str) -> None:
        self._lines_of(self._owner()).append(line)

    def _warn(self, code: str, detail: str = "") -> None:
        self.warnings.append(SplitWarning(code, self.lineno, detail))

    # -- numbering -------------------------------------------------------------------------

    def _check_sequence(self, kind: str, number: str, *, scope_label: str = "") -> None:
        value = number_value(kind, number)
        found = label(Node(cast("NodeKind", kind), number))
        if value is None:
            return
        prev = self.last.get(kind)
        prev_label = self.last_label.get(kind, "")
        where = f"{scope_label}: " if scope_label else ""
        if kind == "point":
            expected_pos = 1 if prev is None else self._next_point_position(prev)
            if value > expected_pos:
                self._warn("number_jump", f"{where}{prev_label or '…'} → {found}")
        elif prev is None:
            if value > 1:
                self._warn("number_jump", f"{where}… → {found}")
        elif value > prev + 1:
            self._warn("number_jump", f"{where}{prev_label} → {found}")
        elif value < prev or (value == prev and not re.search(r"[a-zđ]$", number)):
            self._warn("number_out_of_order", f"{where}{prev_label} → {found}")
        self.last[kind] = value
        self.last_label[kind] = found

    @staticmethod
    def _next_point_position(prev: int) -> int:
        letters = _POINT_ORDER[prev:]
        nxt = next((ch for ch in letters if ch in POINT_LETTERS), None)
        return _POINT_ORDER.index(nxt) + 1 if nxt else prev + 1

    def _reset_below(self, kind: str) -> None:
        # Chương and Điều run through the whole document; Mục restarts in each Chương,
        # khoản in each Điều, điểm in each khoản.
        for k in _RESETS.get(kind, ()):
            self.last.pop(k, None)
            self.last_label.pop(k, None)

    def _scope_label(self) -> str:
        return " ".join(label(n) for n in self.stack if n.kind in {"article", "clause"})

    # -- structure -------------------------------------------------------------------------

    def _open(self, node: Node) -> None:
        while self.stack and RANK[self.stack[-1].kind] >= RANK[node.kind]:
            self.stack.pop()
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.nodes.append(node)
        self.stack.append(node)
        self.structured = True

    def _open_heading(self, h: Heading) -> bool:
        """Open a Phần, Chương, Mục or Điều; False when the heading is read as text."""
        kind = h.kind
        if kind == "article" and not h.strong:
            value = number_value("article", h.number)
            prev = self.last.get("article", 0)
            if value is None or (value != prev + 1 and not re.search(r"[a-zđ]$", h.number)):
                return False
        if kind == "article":
            self._check_sequence(kind, h.number)
            title, body = _article_title_and_body(h.rest)
            node = Node("article", h.number, title)
            self._open(node)
            if body:
                self._lines_of(node).append(body)
            self.title_target = None if body else node
            self.title_mode = "lower" if title else "article"
            self.title_more = 0
        else:
            scope = ""
            if kind == "section":
                scope = " ".join(label(n) for n in self.stack if n.kind == "chapter")
            self._check_sequence(kind, h.number, scope_label=scope)
            node = Node(kind, h.number, h.rest)
            self._open(node)
            self.title_target = node
            self.title_more = 0
            if h.rest:
                self.title_mode = "caps" if _is_upper_line(h.rest) else "lower"
            else:
                self.title_mode = "first"
        self._reset_below(kind)
        return True

    def _article(self) -> Node | None:
        return next((n for n in reversed(self.stack) if n.kind == "article"), None)

    def _try_clause(self, h: Heading) -> bool:
        if self._article() is None:
            return False
        value = int(h.number)
        prev = self.last.get("clause", 0)
        if value <= prev:
            top = self.stack[-1]
            if top.kind != "point" and value != 1:
                self._warn(
                    "number_out_of_order",
                    f"{self._scope_label()} → {h.number}. (giữ trong nội dung)",
                )
            return False
        scope = label(self._article() or Node("article"))
        self._check_sequence("clause", h.number, scope_label=scope)
        self.last.pop("point", None)
        self.last_label.pop("point", None)
        node = Node("clause", h.number)
        self._open(node)
        if h.rest:
            self._lines_of(node).append(h.rest)
        return True

    def _try_point(self, h: Heading) -> bool:
        if self._article() is None:
            return False
        value = number_value("point", h.number)
        assert value is not None  # noqa: S101 - the regex admits only letters
        prev = self.last.get("point")
        if prev is not None and value <= prev:
            return False
        if h.number not in POINT_LETTERS and (
            prev is None or _POINT_ORDER[prev - 1] not in POINT_LETTERS or value != prev + 1
        ):
            # f, j, w, z only as the English successor of the previous letter.
            return False
        self._check_sequence("point", h.number, scope_label=self._scope_label())
        node = Node("point", h.number)
        # A point belongs to the enclosing khoản, or to the article when it has none.
        while self.stack and self.stack[-1].kind == "point":
            self.stack.pop()
        self.stack.append(node)
        self.stack[-2].children.append(node)
        if h.rest:
            self._lines_of(node).append(h.rest)
        return True

    # -- closing and attachments -----------------------------------------------------------

    def _start_closing(self) -> None:
        self.mode = "closing"
        self.closing = Node("closing")
        self.nodes.append(self.closing)
        self.stack = []
        self.title_target = None

    def _start_attachment(self) -> None:
        """A heading after the closing: an attached document (Quy định ban hành kèm theo ...)."""
        assert self.closing is not None  # noqa: S101
        closing_lines = self._lines_of(self.closing)
        cut = _attachment_start(closing_lines)
        header = closing_lines[cut:]
        del closing_lines[cut:]
        if not closing_lines and self.nodes and self.nodes[-1] is self.closing:
            # The closing is always the last node (nothing else is added in closing mode). Not
            # list.remove: it compares nodes by value from the start of the list (their text is
            # not filled in yet, so it took an earlier closing), one comparison per node.
            self.nodes.pop()
            del self.text[id(self.closing)]  # an id is reused once its node is gone
        self.closing = None
        self.mode = "body"
        self.preamble = None
        if header:
            node = Node("preamble")
            self.nodes.append(node)
            self.segment_preambles.append(node)
            self._lines_of(node).extend(header)
        self.last.clear()
        self.last_label.clear()

    # -- titles ----------------------------------------------------------------------------

    def _take_title_line(self, line: str, h: Heading | None) -> bool:
        """Feed a line to the pending title; True if it was consumed."""
        node = self.title_target
        if node is None:
            return False
        mode = self.title_mode
        if h is not None:
            self.title_target = None
            return False
        if mode == "first":
            node.title = line
            self.title_mode = "caps" if _is_upper_line(line) else "lower"
            return True
        if mode in {"caps", "lower"} and (
            self.title_more >= _MAX_TITLE_MORE_LINES
            or len(node.title) + 1 + len(line) > _MAX_TITLE_CHARS
        ):
            # A bounded title: beyond this, the lines are text (and the title is never rebuilt
            # line after line over a whole document).
            self.title_target = None
            return False
        if mode == "caps" and _is_upper_line(line) and not _is_closing_start(line):
            node.title = f"{node.title} {line}"
            self.title_more += 1
            return True
        if mode == "lower" and line[:1].islower():
            node.title = f"{node.title} {line}"
            self.title_more += 1
            return True
        if (
            mode == "article"
            and len(line) <= 150
            and line[:1].isupper()
            and not line.endswith((".", ";", ":", ","))
            and not _is_closing_start(line)
            and not _PASSED_RE.match(line)
        ):
            node.title = line
            self.title_mode = "lower"
            return True
        self.title_target = None
        return False

    # -- main loop -------------------------------------------------------------------------

    def run(self) -> SplitResult:
        quoted, unclosed = _find_quote_blocks(self.lines)
        for i in unclosed:
            self.warnings.append(SplitWarning("unclosed_quote", i + 1, self.lines[i][:60]))
        last_text = max((i for i, line in enumerate(self.lines) if line), default=-1)
        deadline = self.deadline
        for i, line in enumerate(self.lines):
            self.lineno = i + 1
            if deadline is not None and not i & 0xFF:
                deadline.check()
            if not line:
                continue
            if i in quoted:
                self.title_target = None
                self._append(line)
                continue
            h = parse_heading(line)
            if self.mode == "closing":
                if h is None or h.kind not in {"part", "chapter", "section", "article"}:
                    self._append(line)
                    continue
                self._start_attachment()
            if self._take_title_line(line, h):
                continue
            self.title_target = None
            if self._handle(line, h):
                continue
            if self.structured and self._closes(line):
                self._start_closing()
            self._append(line)
            if (
                self.structured
                and self.mode == "body"
                and _END_MARK_RE.search(line)
                and i < last_text
            ):
                self._start_closing()
        return self._finish()

    def _handle(self, line: str, h: Heading | None) -> bool:
        if h is None:
            return False
        if h.kind in {"part", "chapter", "section", "article"}:
            return self._open_heading(h)
        if h.kind == "clause":
            return self._try_clause(h)
        return self._try_point(h)

    def _closes(self, line: str) -> bool:
        if _is_closing_start(line):
            return True
        if _PASSED_RE.match(line):
            # The passing formula closes the text — even when it also gives the date the text
            # takes effect ("… thông qua ngày … và có hiệu lực từ ngày …"): it is not part of
            # the clause or point before it. Only when it is all an article says ("Điều 3.
            # Hiệu lực" followed by the formula) is it that article's text.
            owner = self.stack[-1] if self.stack else None
            return owner is not None and bool(self._lines_of(owner) or owner.children)
        return False

    def _finish(self) -> SplitResult:
        for _path, node in iter_nodes(self.nodes):
            node.text = "\n".join(self.text.get(id(node), []))
        title = ""
        if self.segment_preambles:
            title = _guess_title(self.text.get(id(self.segment_preambles[0]), []))
        has_article = any(n.kind == "article" for _p, n in iter_nodes(self.nodes))
        warnings = list(self.warnings)
        if not self.nodes:
            return SplitResult([], [SplitWarning("empty_text")], "")
        if not has_article:
            warnings.append(SplitWarning("no_articles"))
            if not self.structured:
                whole = "\n".join(line for line in self.lines if line)
                return SplitResult([Node("preamble", text=whole)], warnings, title)
        return SplitResult(self.nodes, warnings, title)


def split(text: str, *, deadline: Deadline | None = None) -> SplitResult:
    """Split a legal text (any line endings, NFC or not) into its tree of nodes.

    Raises :class:`OutOfTime` if the ``deadline`` passes first."""
    cleaned = clean_text(text)
    if not cleaned:
        return SplitResult([], [SplitWarning("empty_text")], "")
    return _Builder(cleaned.split("\n"), deadline).run()


# ---------------------------------------------------------------------------------------------
# Walking, JSON


def iter_nodes(
    nodes: Sequence[Node], prefix: tuple[int, ...] = ()
) -> Iterator[tuple[tuple[int, ...], Node]]:
    """Every node in reading order with its path."""
    for i, node in enumerate(nodes):
        path = (*prefix, i)
        yield path, node
        yield from iter_nodes(node.children, path)


def get_node(nodes: Sequence[Node], path: Sequence[int]) -> Node:
    """The node at ``path``; :class:`TreeEditError` ("bad_path") if there is none."""
    if not path:
        raise TreeEditError("bad_path", "empty path")
    current: Sequence[Node] = nodes
    node: Node | None = None
    for index in path:
        if not 0 <= index < len(current):
            raise TreeEditError("bad_path", f"no node at {list(path)}")
        node = current[index]
        current = node.children
    assert node is not None  # noqa: S101
    return node


def to_json(nodes: Sequence[Node]) -> list[dict[str, Any]]:
    """The tree as JSON-ready dicts: kind, number, title, text, children."""
    return [
        {
            "kind": n.kind,
            "number": n.number,
            "title": n.title,
            "text": n.text,
            "children": to_json(n.children),
        }
        for n in nodes
    ]


def result_to_json(result: SplitResult) -> dict[str, Any]:
    """``{"title": ..., "nodes": [...], "warnings": [{"code", "line", "detail"}]}``."""
    return {
        "title": result.title,
        "nodes": to_json(result.nodes),
        "warnings": [{"code": w.code, "line": w.line, "detail": w.detail} for w in result.warnings],
    }


def from_json(data: Sequence[Mapping[str, Any]] | Mapping[str, Any]) -> list[Node]:
    """Rebuild nodes from :func:`to_json` output (or a dict with a "nodes" key)."""
    items = data["nodes"] if isinstance(data, Mapping) else data
    out: list[Node] = []
    for item in items:
        kind = item.get("kind")
        if kind not in KINDS:
            raise TreeEditError("bad_kind", f"unknown kind {kind!r}")
        out.append(
            Node(
                cast("NodeKind", kind),
                str(item.get("number") or ""),
                str(item.get("title") or ""),
                str(item.get("text") or ""),
                from_json(item.get("children") or []),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Corrections (pure: each returns a new tree)


def _siblings(tree: list[Node], path: Sequence[int]) -> list[Node]:
    return tree if len(path) == 1 else get_node(tree, path[:-1]).children


def _last_descendant(node: Node) -> Node:
    while node.children:
        node = node.children[-1]
    return node


def _next_after_subtree(tree: list[Node], path: Sequence[int]) -> tuple[int, ...] | None:
    p = list(path)
    while p:
        if p[-1] + 1 < len(_siblings(tree, p)):
            return (*p[:-1], p[-1] + 1)
        p.pop()
    return None


def _join(*parts: str, sep: str = "\n") -> str:
    return sep.join(part for part in parts if part)


def as_text(node: Node) -> str:
    """The node's own heading, title and text as they would be printed (children excluded)."""
    head = heading_line(node)
    if node.kind in {"clause", "point"}:
        return _join(head, node.title, node.text, sep=" ")
    if node.kind == "article":
        return _join(_join(head, node.title, sep=" "), node.text)
    if head and node.title:
        head = f"{head}. {node.title}"
    return _join(head or node.title, node.text)


def _check_children(parent: Node, children: Sequence[Node]) -> None:
    """:class:`TreeEditError` ("bad_hierarchy") unless each of ``children`` is of a lower level
    than ``parent`` (Phần > Chương > Mục > Điều > khoản > điểm); a preamble or closing is a plain
    block of text and holds no children."""
    for child in children:
        if (
            parent.kind not in RANK
            or child.kind not in RANK
            or RANK[child.kind] <= RANK[parent.kind]
        ):
            raise TreeEditError("bad_hierarchy", f"{label(parent)} cannot hold {label(child)}")


def merge_error(nodes: Sequence[Node], path_a: Sequence[int], path_b: Sequence[int]) -> str | None:
    """Why :func:`merge` would refuse (its error code), or None if it would succeed."""
    try:
        _check_merge(nodes, tuple(path_a), tuple(path_b))
    except TreeEditError as exc:
        return exc.code
    return None


def _check_merge(nodes: Sequence[Node], path_a: tuple[int, ...], path_b: tuple[int, ...]) -> bool:
    """The checks of :func:`merge`; True if b is a's first child (False: its next sibling)."""
    a = get_node(nodes, path_a)
    b = get_node(nodes, path_b)
    first_child = path_b == (*path_a, 0)
    if not first_child and path_b != (*path_a[:-1], path_a[-1] + 1):
        raise TreeEditError(
            "not_adjacent", "the second node must be the next sibling or the first child"
        )
    if a.kind in RANK and b.kind in RANK and RANK[b.kind] < RANK[a.kind]:
        raise TreeEditError("higher_level", f"{label(b)} is above {label(a)}")
    _check_children(a, b.children)
    return first_child


def merge(nodes: Sequence[Node], path_a: Sequence[int], path_b: Sequence[int]) -> list[Node]:
    """Fold node b into node a, keeping a's kind, number and title.

    b must be either

    * a's **next sibling** (the node right after a under the same parent), of the same level
      as a or lower — never higher (Phần > Chương > Mục > Điều > khoản > điểm; a preamble or
      closing, which have no level, may be folded into any node before them): b's heading and
      text are appended to the text of a's last descendant (the text that precedes b), and b's
      children follow a's; or
    * a's **first child**: its heading and text are appended to a's text and its children take
      its place.

    The result must keep the hierarchy (every child of a lower level than its parent; a preamble
    or closing holds no children). Otherwise :class:`TreeEditError` is raised — "not_adjacent"
    (b is neither), "higher_level" (b is of a higher level than a) or "bad_hierarchy" — and
    nothing changes.
    """
    path_a, path_b = tuple(path_a), tuple(path_b)
    first_child = _check_merge(nodes, path_a, path_b)
    tree = copy.deepcopy(list(nodes))
    a = get_node(tree, path_a)
    b = get_node(tree, path_b)
    b_text = as_text(b)
    if first_child:
        a.text = _join(a.text, b_text)
        a.children[0:1] = b.children
    else:
        target = _last_descendant(a)
        target.text = _join(target.text, b_text)
        _siblings(tree, path_b).pop(path_b[-1])
        a.children.extend(b.children)
    return tree


def _node_from_text(text: str, default_kind: NodeKind) -> Node:
    first, _, more = text.partition("\n")
    h = parse_heading(first)
    if h is None:
        if _is_closing_start(first):
            return Node("closing", text=text)
        return Node(default_kind, text=text)
    if h.kind in {"clause", "point"}:
        return Node(h.kind, h.number, text=_join(h.rest, more))
    if h.kind == "article":
        title, body = _article_title_and_body(h.rest)
        return Node("article", h.number, title, _join(body, more))
    return Node(h.kind, h.number, h.rest, more)


def split_node(nodes: Sequence[Node], path: Sequence[int], at_offset: int) -> list[Node]:
    """Cut a node's text at ``at_offset``; the rest becomes a new node.

    If the rest starts with a heading ("2.", "b)", "Điều 7. ..."), the new node takes that kind
    and number; otherwise it copies the node's kind with no number (fix it with
    :func:`retype`). A deeper kind (a điểm cut out of a khoản) becomes the node's first child;
    the same or a higher kind is placed after the node at its own level and takes along what
    follows in the text (the node's children and later siblings up to that level).
    """
    tree = copy.deepcopy(list(nodes))
    node = get_node(tree, path)
    if not 0 < at_offset < len(node.text):
        raise TreeEditError("bad_offset", f"offset must be between 1 and {len(node.text) - 1}")
    head, rest = node.text[:at_offset].rstrip(), node.text[at_offset:].strip()
    if not rest or not head:
        raise TreeEditError("bad_offset", "nothing to split at this offset")
    new = _node_from_text(rest, node.kind)
    node.text = head
    path = tuple(path)
    if new.kind == "closing" or node.kind in {"preamble", "closing"} or new.kind == "preamble":
        top = path[0]
        if len(path) == 1:
            new.children, node.children = node.children, []
        tree.insert(top + 1, new)
        return tree
    if RANK[new.kind] > RANK[node.kind]:
        node.children.insert(0, new)
        return tree
    # Climb to the highest ancestor-or-self whose rank is not above the new node's.
    level = len(path)
    while (
        level > 1
        and get_node(tree, path[: level - 1]).kind in RANK
        and (RANK[get_node(tree, path[: level - 1]).kind] >= RANK[new.kind])
    ):
        level -= 1
    moved, node.children = node.children, []
    for depth in range(len(path), level - 1, -1):
        siblings = _siblings(tree, path[:depth])
        index = path[depth - 1]
        if depth > level:
            moved.extend(siblings[index + 1 :])
            del siblings[index + 1 :]
    new.children = moved
    _siblings(tree, path[:level]).insert(path[level - 1] + 1, new)
    return tree


def retype(
    nodes: Sequence[Node],
    path: Sequence[int],
    kind: str,
    number: str,
    *,
    title: str | None = None,
) -> list[Node]:
    """Change a node's kind and number (and title if given); the structure is unchanged.

    The hierarchy must stay valid: the new kind must be of a lower level than the parent's and
    of a higher level than each child's ("bad_hierarchy" otherwise); a preamble or closing only
    at the top level and without children ("bad_kind" / "bad_hierarchy")."""
    if kind not in KINDS:
        raise TreeEditError("bad_kind", f"unknown kind {kind!r}")
    if kind in {"preamble", "closing"} and len(path) != 1:
        raise TreeEditError("bad_kind", f"{kind} must be at the top level")
    tree = copy.deepcopy(list(nodes))
    node = get_node(tree, path)
    node.kind = cast("NodeKind", kind)
    _check_children(node, node.children)
    if len(path) > 1:
        _check_children(get_node(tree, path[:-1]), [node])
    node.number = number.strip() if kind in RANK else ""
    if title is not None:
        node.title = title.strip()
    return tree
