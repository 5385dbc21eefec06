"""Word (.docx): the archive checked as it is inflated, then the paragraphs read with their
automatic numbering (Điều 1., 1., a)) and without tracked deletions, fields or hidden text."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any, Final

from ykien.consultations.extract.base import (
    _LEGACY_FONT_RE,
    MAX_MEMBERS,
    ExtractError,
    ExtractResult,
    ExtractWarning,
    _mb,
)
from ykien.consultations.splitter import Deadline, OutOfTime, clean_text
from ykien.core.files import ArchiveLimits, ArchiveProblem, verify_archive

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_ALTERNATE: Final = (
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
)
_FALSE: Final = frozenset({"0", "false", "off"})

# An lxml element from python-docx's tree; lxml has no type information of its own.
_El = Any


def _val(el: _El | None, attr: str = "val") -> str | None:
    if el is None:
        return None
    value = el.get(f"{_W}{attr}")
    return str(value) if value is not None else None


def _flag(rpr: _El | None, tag: str) -> bool | None:
    if rpr is None:
        return None
    el = rpr.find(f"{_W}{tag}")
    if el is None:
        return None
    return (_val(el) or "true").lower() not in _FALSE


def _extract_zip(
    data: bytes, ext: str, max_unpacked: int, deadline: Deadline | None
) -> ExtractResult:
    limits = ArchiveLimits(max_members=MAX_MEMBERS, max_unpacked=max_unpacked)
    try:
        # Every byte python-docx will read is inflated and counted here first.
        names = set(verify_archive(data, limits))
    except ArchiveProblem as problem:
        if problem.code == "too_large":
            raise ExtractError("unpacked_too_large", limit_mb=_mb(max_unpacked)) from None
        if problem.code == "too_many_members":
            raise ExtractError("too_many_members", limit=MAX_MEMBERS) from None
        if ext == "docx":
            raise ExtractError("docx_malformed") from None
        raise ExtractError("unsupported_type") from None
    if "word/document.xml" not in names and not any(n.startswith("word/") for n in names):
        if ext in {"docx", "pdf"}:
            raise ExtractError("type_mismatch", ext=ext, ext_upper=ext.upper())
        raise ExtractError("unsupported_type")
    if deadline is not None:
        deadline.check()
    return _extract_docx(data, deadline)


def _extract_docx(data: bytes, deadline: Deadline | None = None) -> ExtractResult:
    import docx  # python-docx; imported here so that PDF and text imports do not pay for it
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        styles = document.styles.element
        numbering = next(
            (
                rel.target_part.element
                for rel in document.part.rels.values()
                if rel.reltype == RELATIONSHIP_TYPE.NUMBERING and not rel.is_external
            ),
            None,
        )
    except Exception as exc:  # python-docx raises many kinds of errors on damaged files
        raise ExtractError("docx_malformed") from exc
    try:
        reader = _DocxReader(styles, numbering, deadline)
        lines = reader.block_lines(body)
    except OutOfTime:
        raise
    except Exception as exc:
        raise ExtractError("docx_malformed") from exc
    text = clean_text("\n".join(lines))
    if not text:
        raise ExtractError("docx_empty")
    warnings: list[ExtractWarning] = []
    fonts = reader.legacy_fonts(body)
    if fonts:
        warnings.append(ExtractWarning("legacy_font", ", ".join(fonts)))
    if body.find(f".//{_W}ins") is not None or body.find(f".//{_W}del") is not None:
        warnings.append(ExtractWarning("docx_tracked_changes"))
    return ExtractResult(text, "docx", warnings=tuple(warnings))


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = " "


def _roman(n: int) -> str:
    out = []
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _format_number(n: int, fmt: str) -> str:
    # A start value of a billion would make a Roman number or a run of letters a billion
    # characters long; Word itself writes such numbers in digits.
    if fmt in {"upperRoman", "lowerRoman"} and n <= 3999:
        text = _roman(max(n, 1))
        return text if fmt == "upperRoman" else text.lower()
    if fmt in {"upperLetter", "lowerLetter"} and n <= 780:
        n = max(n, 1)
        text = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return text.upper() if fmt == "upperLetter" else text
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _DocxReader:
    """Reads paragraphs and tables in order, with Word's automatic numbering written out."""

    def __init__(
        self, styles: _El | None, numbering: _El | None, deadline: Deadline | None = None
    ) -> None:
        self.deadline = deadline
        self.style_parent: dict[str, str] = {}
        self.style_ppr: dict[str, _El] = {}
        self.style_rpr: dict[str, _El] = {}
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.level_styles: dict[str, dict[str, int]] = {}
        self.nums: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if styles is not None:
            for style in styles.iterfind(f"{_W}style"):
                sid = _val(style, "styleId")
                if sid is None:
                    continue
                parent = _val(style.find(f"{_W}basedOn"))
                if parent:
                    self.style_parent[sid] = parent
                for tag, store in (("pPr", self.style_ppr), ("rPr", self.style_rpr)):
                    el = style.find(f"{_W}{tag}")
                    if el is not None:
                        store[sid] = el
        if numbering is not None:
            self._read_numbering(numbering)

    def _read_numbering(self, numbering: _El) -> None:
        for abstract in numbering.iterfind(f"{_W}abstractNum"):
            aid = _val(abstract, "abstractNumId")
            if aid is None:
                continue
            levels: dict[int, _Level] = {}
            for lvl in abstract.iterfind(f"{_W}lvl"):
                ilvl = int(_val(lvl, "ilvl") or 0)
                suffix = {"tab": " ", "space": " ", "nothing": ""}.get(
                    _val(lvl.find(f"{_W}suff")) or "tab", " "
                )
                levels[ilvl] = _Level(
                    start=int(_val(lvl.find(f"{_W}start")) or 1),
                    fmt=_val(lvl.find(f"{_W}numFmt")) or "decimal",
                    text=_val(lvl.find(f"{_W}lvlText")) or "",
                    suffix=suffix,
                )
                pstyle = _val(lvl.find(f"{_W}pStyle"))
                if pstyle:
                    self.level_styles.setdefault(aid, {})[pstyle] = ilvl
            self.abstracts[aid] = levels
        for num in numbering.iterfind(f"{_W}num"):
            nid = _val(num, "numId")
            aid = _val(num.find(f"{_W}abstractNumId"))
            if nid is None or aid is None:
                continue
            self.nums[nid] = aid
            for override in num.iterfind(f"{_W}lvlOverride"):
                start = _val(override.find(f"{_W}startOverride"))
                if start is not None:
                    ilvl = int(_val(override, "ilvl") or 0)
                    self.overrides.setdefault(nid, {})[ilvl] = int(start)

    # -- styles ----------------------------------------------------------------------------

    def _style_chain(self, sid: str | None) -> list[str]:
        chain: list[str] = []
        while sid and sid not in chain and len(chain) < 20:
            chain.append(sid)
            sid = self.style_parent.get(sid)
        return chain

    def _style_flag(self, sid: str | None, tag: str) -> bool | None:
        for style in self._style_chain(sid):
            value = _flag(self.style_rpr.get(style), tag)
            if value is not None:
                return value
        return None

    # -- numbering -------------------------------------------------------------------------

    def _numpr(self, p: _El) -> tuple[str | None, int]:
        ppr = p.find(f"{_W}pPr")
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if numpr is not None:
            return _val(numpr.find(f"{_W}numId")), int(_val(numpr.find(f"{_W}ilvl")) or 0)
        pstyle = _val(ppr.find(f"{_W}pStyle")) if ppr is not None else None
        for style in self._style_chain(pstyle):
            sppr = self.style_ppr.get(style)
            snumpr = sppr.find(f"{_W}numPr") if sppr is not None else None
            if snumpr is None:
                continue
            nid = _val(snumpr.find(f"{_W}numId"))
            ilvl = _val(snumpr.find(f"{_W}ilvl"))
            if ilvl is None and nid in self.nums:
                return nid, self.level_styles.get(self.nums[nid], {}).get(style, 0)
            return nid, int(ilvl or 0)
        return None, 0

    def _prefix(self, p: _El) -> str:
        nid, ilvl = self._numpr(p)
        if not nid or nid == "0" or nid not in self.nums:
            return ""
        aid = self.nums[nid]
        levels = self.abstracts.get(aid, {})
        level = levels.get(ilvl, _Level())
        counters = self.counters.setdefault(aid, {})
        if nid not in self.started:
            self.started.add(nid)
            for lvl, start in self.overrides.get(nid, {}).items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "none":
            return ""
        if level.fmt == "bullet":
            mark = level.text.strip()
            text = mark if mark in {"-", "–", "—", "+", "*", "•"} else "•"
        else:

            def number(m: re.Match[str]) -> str:
                k = int(m.group(1)) - 1
                lvl = levels.get(k, _Level())
                return _format_number(counters.get(k, lvl.start), lvl.fmt)

            text = re.sub(r"%([1-9])", number, level.text)
        return f"{text}{level.suffix}" if text else ""

    # -- text ------------------------------------------------------------------------------

    def _run_text(self, run: _El, pstyle: str | None) -> str:
        rpr = run.find(f"{_W}rPr")
        rstyle = _val(rpr.find(f"{_W}rStyle")) if rpr is not None else None

        def flag(tag: str) -> bool:
            for value in (
                _flag(rpr, tag),
                self._style_flag(rstyle, tag),
                self._style_flag(pstyle, tag),
            ):
                if value is not None:
                    return value
            return False

        if flag("vanish"):
            return ""
        pieces: list[str] = []
        for child in run:
            tag = child.tag
            if tag == f"{_W}t":
                pieces.append(child.text or "")
            elif tag == f"{_W}tab":
                pieces.append("\t")
            elif tag in {f"{_W}br", f"{_W}cr"}:
                pieces.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                pieces.append("-")
            elif tag == f"{_W}sym":
                code = _val(child, "char") or ""
                char = chr(int(code, 16)) if re.fullmatch(r"[0-9A-Fa-f]{1,5}", code) else ""
                if char and not 0xE000 <= ord(char) <= 0xF8FF:
                    pieces.append(char)
        text = "".join(pieces)
        return text.upper() if flag("caps") else text

    def paragraph_text(self, p: _El) -> str:
        ppr = p.find(f"{_W}pPr")
        pstyle = _val(ppr.find(f"{_W}pStyle")) if ppr is not None else None
        out: list[str] = []
        skip = {
            f"{_W}pPr",
            f"{_W}del",
            f"{_W}moveFrom",
            f"{_W}drawing",
            f"{_W}pict",
            f"{_W}object",
            _MC_ALTERNATE,
        }

        def walk(el: _El) -> None:
            for child in el:
                if child.tag == f"{_W}r":
                    out.append(self._run_text(child, pstyle))
                elif child.tag not in skip:  # hyperlink, ins, sdt, smartTag, fldSimple …
                    walk(child)

        walk(p)
        # Word shows (and counts) the number even on an empty paragraph; so do we.
        return self._prefix(p) + "".join(out)

    def block_lines(self, container: _El) -> list[str]:
        lines: list[str] = []
        deadline = self.deadline
        for child in container:
            if deadline is not None:
                deadline.check()
            if child.tag == f"{_W}p":
                lines.append(self.paragraph_text(child))
            elif child.tag == f"{_W}tbl":
                lines.extend(self._table_lines(child))
            elif child.tag in {f"{_W}sdt", f"{_W}customXml"}:
                content = child.find(f"{_W}sdtContent")
                lines.extend(self.block_lines(content if content is not None else child))
        return lines

    def _table_lines(self, table: _El) -> list[str]:
        rows: list[list[list[str]]] = []
        for tr in table.iterfind(f"{_W}tr"):
            cells: list[list[str]] = []
            for tc in tr.iterfind(f"{_W}tc"):
                tcpr = tc.find(f"{_W}tcPr")
                vmerge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
                if vmerge is not None and _val(vmerge) in {None, "continue"}:
                    continue  # the lower part of a vertically merged cell
                cells.append([line for line in self.block_lines(tc) if line.strip()])
            rows.append(cells)
        columns = max((len(cells) for cells in rows), default=0)
        lines: list[str] = []
        for cells in rows:
            # A grid of one-line cells reads best as one line per row; the layout tables of
            # headers and signature blocks read best cell after cell.
            if columns >= 3 and all(len(cell) <= 1 for cell in cells):
                lines.append(" | ".join(cell[0] if cell else "" for cell in cells).rstrip(" |"))
            else:
                for cell in cells:
                    lines.extend(cell)
        return lines

    def legacy_fonts(self, body: _El) -> list[str]:
        names: set[str] = set()
        for fonts in body.iter(f"{_W}rFonts"):
            for attr in ("ascii", "hAnsi"):
                name = _val(fonts, attr)
                if name and _LEGACY_FONT_RE.match(name):
                    names.add(name)
        return sorted(names)
