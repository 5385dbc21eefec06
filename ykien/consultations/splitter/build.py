"""The splitter itself: the text read line by line into Phần, Chương, Mục, Điều, khoản and
điểm, with the closing (passing formula, "Nơi nhận:", signature) and quoted blocks (the new
wording of an amending text) recognised (see the package's docstring)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from typing import Final, Literal, cast

from ykien.consultations.splitter.base import (
    _POINT_ORDER,
    POINT_LETTERS,
    RANK,
    Deadline,
    Heading,
    Node,
    NodeKind,
    SplitResult,
    SplitWarning,
    clean_text,
    iter_nodes,
    label,
    number_value,
    parse_heading,
)

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
