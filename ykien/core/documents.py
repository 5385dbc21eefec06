"""Administrative documents in the format of Decree 30/2020/NĐ-CP, as DOCX, HTML, PDF.

One content model (:class:`DocumentSpec` and its body blocks) and three renderers of
it: :func:`render_docx` (python-docx), :func:`render_html` and :func:`render_pdf`
(WeasyPrint from that HTML). The critique document of a draft, supervision reports
and the quarterly briefing report are all built from it. :func:`render_xlsx` writes
tabular reports.

The layout follows Phụ lục I of Nghị định 30/2020/NĐ-CP (công tác văn thư): A4,
margins top and bottom 20 mm, left 30 mm, right 15 mm, Times New Roman; the issuing
body and the document number on the left, the national title, the motto and the
place and date on the right; the kind and summary centred; the body justified with a
first-line indent; "Nơi nhận" on the left and the signature on the right at the end;
page numbers centred at the top from page 2.

Linux machines rarely have Times New Roman, so the PDF asks for it first and falls
back to Liberation Serif (same metrics; Debian package ``fonts-liberation2``, whose
version 2 covers Vietnamese — version 1 in ``fonts-liberation`` does not), then
DejaVu Serif.
"""

from __future__ import annotations

import base64
import datetime
import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING, TypeAlias

from ykien.core.numbers import format_decimal, format_int

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph as DocxParagraph
    from docx.text.run import Run

    from ykien.core.models import Unit

__all__ = [
    "Block",
    "Bullets",
    "Cell",
    "DocumentSpec",
    "Heading",
    "Image",
    "Paragraph",
    "Sheet",
    "Table",
    "format_cell",
    "format_document_date",
    "format_place_date",
    "format_recipients",
    "issuer_heading",
    "render_docx",
    "render_html",
    "render_pdf",
    "render_xlsx",
]

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"
CSS_FONT_STACK = '"Times New Roman", "Liberation Serif", "DejaVu Serif", serif'

# Page (mm) and text width (cm), within the ranges the decree allows.
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
TEXT_WIDTH_CM = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 10

# Header columns (cm): the national title at 12 pt bold is about 8.8 cm wide.
HEADER_LEFT_CM = 6.5
HEADER_RIGHT_CM = TEXT_WIDTH_CM - HEADER_LEFT_CM
SIGNATURE_LEFT_CM = 7.0
SIGNATURE_RIGHT_CM = TEXT_WIDTH_CM - SIGNATURE_LEFT_CM

# Font sizes (pt), each within the decree's range for that element.
SUPERIOR_PT = 12
ISSUER_PT = 12
NUMBER_PT = 13
SUMMARY_PT = 12  # "V/v ..." under the number of an official letter (công văn)
NATIONAL_TITLE_PT = 12
MOTTO_PT = 13
PLACE_DATE_PT = 14
KIND_PT = 14
TITLE_PT = 14
BODY_PT = 14
TABLE_PT = 13
CAPTION_PT = 13
RECIPIENTS_HEAD_PT = 12
RECIPIENTS_PT = 11
SIGNER_PT = 14
PAGE_NUMBER_PT = 13
FIRST_LINE_INDENT_CM = 1.27
PARAGRAPH_AFTER_PT = 6
LINE_SPACING = 1.15  # the decree allows single to 1.5 lines

# Letters of the points (điểm) in Vietnamese alphabetical order: đ after d, no f j w z.
_POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip

Cell: TypeAlias = str | int | float | Decimal | datetime.date | None


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Heading:
    """A heading. Level 1 is numbered I., II. and written in capitals, level 2 is
    numbered 1., 2., level 3 is numbered a), b), đ) … (Vietnamese letter order).
    Numbers restart under each higher heading. ``numbered=False`` prints the text
    as given and does not advance the numbering."""

    level: int
    text: str
    numbered: bool = True

    def __post_init__(self) -> None:
        if self.level not in (1, 2, 3):
            raise ValueError(f"heading level must be 1, 2 or 3, got {self.level}")


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: justified, first line indented. ``\\n`` breaks the line."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Table:
    """A table with a header row (repeated on each page). ``widths`` in cm, one per
    column; numbers in ``rows`` are written the Vietnamese way and right-aligned.
    ``align``, one of ``"left"``, ``"right"``, ``"center"`` per column, aligns the
    body cells of each column instead — figures already written as text ("5,8 tỷ
    đồng") are right-aligned so."""

    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    widths: Sequence[float] | None = None
    align: Sequence[str] | None = None

    def __post_init__(self) -> None:
        columns = len(self.header)
        if columns == 0:
            raise ValueError("a table needs at least one column")
        if self.widths is not None and len(self.widths) != columns:
            raise ValueError(f"{len(self.widths)} widths for {columns} columns")
        _check_align(self.align, columns)
        for number, row in enumerate(self.rows, start=1):
            if len(row) != columns:
                raise ValueError(f"row {number} has {len(row)} cells, expected {columns}")


@dataclass(frozen=True)
class Bullets:
    """A list written as administrative documents do: each item on its own
    indented line starting with "- "."""

    items: Sequence[str]


@dataclass(frozen=True)
class Image:
    """A PNG picture (a chart), centred, ``width_cm`` wide, with an optional caption."""

    png: bytes
    width_cm: float
    caption: str = ""

    def __post_init__(self) -> None:
        if not self.png.startswith(b"\x89PNG\r\n\x1a\n"):
            raise ValueError("Image.png must be PNG data")
        if self.width_cm <= 0:
            raise ValueError("Image.width_cm must be positive")


Block: TypeAlias = Heading | Paragraph | Table | Bullets | Image


@dataclass(frozen=True)
class DocumentSpec:
    """The content of an administrative document.

    - ``superior``: the directly superior body (cơ quan chủ quản), "" if none;
    - ``issuer``: the issuing body (cơ quan ban hành);
    - ``number_symbol``: e.g. ``"12/BC-MTTQ-BTT"``, printed after "Số: ";
    - ``place``, ``date``: printed as "Trà Vinh, ngày 05 tháng 4 năm 2024";
    - ``kind``: e.g. "Báo cáo" (printed in capitals); "" for an official letter
      (công văn), whose ``title`` is then printed as "V/v …" under the number;
    - ``title``: the summary (trích yếu);
    - ``recipients``: "Như trên", …, "Lưu: VT, BTT" (dashes and the closing ";" / "."
      are added);
    - ``signer_authority``: "TM. BAN THƯỜNG TRỰC", or "" when the head signs alone;
    - ``signer_title``: "CHỦ TỊCH", or "KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH" (one line each);
    - ``signer_name``: the signer's full name.
    """

    superior: str
    issuer: str
    number_symbol: str
    place: str
    date: datetime.date
    kind: str
    title: str
    body: Sequence[Block]
    recipients: Sequence[str]
    signer_authority: str
    signer_title: str
    signer_name: str


@dataclass(frozen=True)
class Sheet:
    """One worksheet for :func:`render_xlsx`.

    ``widths`` in Excel character units (estimated from the content when omitted);
    ``number_formats`` one Excel format code per column (``None`` for the default:
    ``#,##0`` for integers, ``#,##0.0#`` for other numbers, ``dd/mm/yyyy`` for dates);
    ``caption``, when given, is a bold title row above the header; ``align``, one of
    ``"left"``, ``"right"``, ``"center"`` per column, aligns its cells (default: numbers
    and dates right, text left).
    """

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    widths: Sequence[float] | None = None
    number_formats: Sequence[str | None] | None = None
    caption: str = ""
    align: Sequence[str] | None = None


# ------------------------------------------------------------------ text helpers


def format_document_date(day: datetime.date) -> str:
    """``ngày 05 tháng 4 năm 2024``: the decree writes days below 10 and the months
    1 and 2 with a leading zero (``ngày 01 tháng 02``), other months without."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def format_place_date(place: str, day: datetime.date) -> str:
    """``Trà Vinh, ngày 05 tháng 4 năm 2024``."""
    return f"{place.strip()}, {format_document_date(day)}"


def format_recipients(recipients: Sequence[str]) -> list[str]:
    """The "Nơi nhận" lines: each ``- name;``, the last (the archive) ``- name.``.
    Dashes and closing punctuation already present are not doubled."""
    items = [item.strip().lstrip("-–•+ ").rstrip(";.,").strip() for item in recipients]
    items = [item for item in items if item]
    last = len(items) - 1
    return [f"- {item}{'.' if index == last else ';'}" for index, item in enumerate(items)]


STANDING_BOARD = "Ban Thường trực"


def issuer_heading(unit: Unit) -> tuple[str, str]:
    """The two lines at the top left of a document issued in the name of ``unit``: the
    superior body (cơ quan chủ quản, "" when there is none) and the issuing body (Nghị định
    30/2020/NĐ-CP, Phụ lục I). A front committee issues through its Standing Board, under the
    committee's name ("ỦY BAN MTTQ VIỆT NAM TỈNH VĨNH LONG" over "BAN THƯỜNG TRỰC"); another
    unit issues in its own name under its parent when the parent is a body of the same kind
    (a department under a People's Committee) — the unit tree also files a state agency under
    the front committee that supervises it, which is no superior body of it."""
    from ykien.core.models import UnitKind

    if unit.kind == UnitKind.FRONT:
        return unit.name, STANDING_BOARD
    parent = unit.parent
    if parent is not None and parent.kind == unit.kind:
        return parent.name, unit.name
    return "", unit.name


def format_cell(value: Cell) -> str:
    """A table cell as text: integers ``1.068``, other numbers ``5,8`` (at most two
    decimals), dates ``05/04/2024``, ``None`` empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int):
        return format_int(value)
    return format_decimal(value, places=2, trim=True)


def _is_number(value: Cell) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


ALIGNMENTS = ("left", "right", "center")


def _check_align(align: Sequence[str] | None, columns: int) -> None:
    if align is None:
        return
    if len(align) != columns:
        raise ValueError(f"{len(align)} alignments for {columns} columns")
    wrong = [a for a in align if a not in ALIGNMENTS]
    if wrong:
        raise ValueError(f"alignment must be left, right or center, got {wrong[0]!r}")


def _cell_align(value: Cell, align: Sequence[str] | None, column: int) -> str:
    """How a body cell is aligned: as its column says, else numbers right, text left."""
    if align is not None:
        return align[column]
    return "right" if _is_number(value) else "left"


def _roman(number: int) -> str:
    parts: list[str] = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def _point_letter(number: int) -> str:
    return _POINT_LETTERS[number - 1] if number <= len(_POINT_LETTERS) else str(number)


def _numbered_blocks(body: Sequence[Block]) -> Iterator[tuple[Block, str]]:
    """Each block with the text of its heading line ("" for other blocks)."""
    counts = [0, 0, 0]
    for block in body:
        if not isinstance(block, Heading):
            yield block, ""
            continue
        text = block.text.strip()
        if block.level == 1:
            text = text.upper()
        if not block.numbered:
            yield block, text
            continue
        counts[block.level - 1] += 1
        for deeper in range(block.level, 3):
            counts[deeper] = 0
        count = counts[block.level - 1]
        label = {1: f"{_roman(count)}.", 2: f"{count}.", 3: f"{_point_letter(count)})"}
        yield block, f"{label[block.level]} {text}"


def _title_lines(spec: DocumentSpec) -> list[str]:
    return [line for line in spec.signer_title.upper().splitlines() if line.strip()]


def _document_name(spec: DocumentSpec) -> str:
    return f"{spec.kind.upper()} {spec.title}".strip()


# -------------------------------------------------------------------------- DOCX


# Children of w:pPr that must come after w:pBdr (schema order; Word rejects others).
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_TBLHEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")
_AFTER_CANTSPLIT = ("w:trHeight", "w:tblHeader", *_AFTER_TBLHEADER)


def _estimate_width_cm(text: str, size_pt: float) -> float:
    """A rough width of a line of Times New Roman bold, for the short rules that the
    decree sizes relative to the text above them (capitals ~0.65 em, others ~0.5)."""
    em = sum(0.65 if char.isupper() else 0.5 for char in text)
    return em * size_pt * 2.54 / 72


def _docx_font(run: Run, size: float, *, bold: bool = False, italic: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = FONT
    run.font.size = Pt(size)
    # None (inherit) rather than False keeps the XML free of explicit "off" flags.
    run.font.bold = bold or None
    run.font.italic = italic or None
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT)
    fonts.set(qn("w:cs"), FONT)


def _docx_text(
    paragraph: DocxParagraph,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> None:
    """Add ``text`` as runs; each ``\\n`` becomes a line break."""
    previous: Run | None = None
    for line in text.split("\n"):
        if previous is not None:
            previous.add_break()
        run = paragraph.add_run(line)
        _docx_font(run, size, bold=bold, italic=italic)
        run.font.underline = underline or None
        previous = run


def _docx_paragraph(
    container: DocxDocument | _Cell,
    *,
    align: str = "center",
    before: float = 0,
    after: float = 0,
    indent: bool = False,
    keep_with_next: bool = False,
) -> DocxParagraph:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    alignments = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }
    paragraph = container.add_paragraph()
    paragraph.alignment = alignments[align]
    paragraph_format = paragraph.paragraph_format
    paragraph_format.space_before = Pt(before)
    paragraph_format.space_after = Pt(after)
    paragraph_format.line_spacing = 1.0
    if indent:
        paragraph_format.first_line_indent = Cm(FIRST_LINE_INDENT_CM)
        paragraph_format.line_spacing = LINE_SPACING
    paragraph_format.keep_with_next = keep_with_next or None
    return paragraph


def _docx_rule(container: DocxDocument | _Cell, length_cm: float, column_cm: float) -> None:
    """A centred horizontal line ``length_cm`` long: the bottom border of an almost
    empty paragraph whose indents leave that length."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement
    from docx.shared import Cm, Pt

    side = max((column_cm - length_cm) / 2, 0)
    paragraph = _docx_paragraph(container, after=2)
    paragraph_format = paragraph.paragraph_format
    paragraph_format.left_indent = Cm(side)
    paragraph_format.right_indent = Cm(side)
    paragraph_format.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attribute, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1")):
        bottom.set(qn(attribute), value)
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)


def _docx_drop_first_paragraph(cell: _Cell) -> None:
    """A new cell starts with an empty paragraph; remove it once others were added."""
    first = cell.paragraphs[0]._p
    parent = first.getparent()
    if parent is not None and len(cell.paragraphs) > 1:
        parent.remove(first)


def _docx_table(
    document: DocxDocument, rows: int, widths_cm: Sequence[float], *, grid: bool
) -> list[list[_Cell]]:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm

    table = document.add_table(rows=rows, cols=len(widths_cm))
    if grid:
        table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    cells: list[list[_Cell]] = []
    for row in table.rows:
        row_cells = list(row.cells)
        for cell, width in zip(row_cells, widths_cm, strict=True):
            cell.width = Cm(width)
        cells.append(row_cells)
    return cells


def _docx_row_property(cell: _Cell, tag: str, successors: Sequence[str]) -> None:
    from docx.oxml.parser import OxmlElement

    row = cell._tc.getparent()
    if row is not None:
        row.get_or_add_trPr().insert_element_before(OxmlElement(tag), *successors)


def _docx_setup(document: DocxDocument, spec: DocumentSpec) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)

    # Document defaults name the theme fonts (Calibri); theme attributes win over
    # plain font names, so drop them and name Times New Roman for every script.
    for run_pr in document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr"):
        for fonts in run_pr.xpath("w:rFonts"):
            for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attribute), None)
            for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(attribute), FONT)
        for language in run_pr.xpath("w:lang"):
            language.set(qn("w:val"), "vi-VN")
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal_fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    normal_fonts.set(qn("w:eastAsia"), FONT)
    normal_fonts.set(qn("w:cs"), FONT)

    properties = document.core_properties
    properties.title = _document_name(spec)
    properties.author = spec.issuer
    properties.language = "vi-VN"

    # Page number centred at the top, not on the first page.
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _docx_page_field(paragraph)


def _docx_page_field(paragraph: DocxParagraph) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    for kind, text in (("begin", ""), ("", " PAGE "), ("separate", ""), ("", "2"), ("end", "")):
        run = paragraph.add_run()
        _docx_font(run, PAGE_NUMBER_PT)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._element.append(instruction)
        else:
            run.text = text


def _docx_header(document: DocxDocument, spec: DocumentSpec) -> None:
    (left, right), (number, place_date) = _docx_table(
        document, 2, (HEADER_LEFT_CM, HEADER_RIGHT_CM), grid=False
    )
    if spec.superior.strip():
        _docx_text(_docx_paragraph(left), spec.superior.upper(), SUPERIOR_PT)
    _docx_text(_docx_paragraph(left), spec.issuer.upper(), ISSUER_PT, bold=True)
    longest = max(spec.issuer.upper().splitlines() or [""], key=len)
    issuer_cm = min(_estimate_width_cm(longest, ISSUER_PT), HEADER_LEFT_CM - 0.4)
    _docx_rule(left, max(issuer_cm * 0.4, 1.5), HEADER_LEFT_CM)

    _docx_text(_docx_paragraph(right), NATIONAL_TITLE, NATIONAL_TITLE_PT, bold=True)
    # The decree puts a line as long as the motto under it: an underline is exactly that.
    _docx_text(_docx_paragraph(right), MOTTO, MOTTO_PT, bold=True, underline=True)

    _docx_text(_docx_paragraph(number, before=6), f"Số: {spec.number_symbol}", NUMBER_PT)
    if not spec.kind.strip():
        _docx_text(_docx_paragraph(number, before=3), f"V/v {spec.title}", SUMMARY_PT)
    _docx_text(
        _docx_paragraph(place_date, before=6),
        format_place_date(spec.place, spec.date),
        PLACE_DATE_PT,
        italic=True,
    )
    for cell in (left, right, number, place_date):
        _docx_drop_first_paragraph(cell)


def _docx_title(document: DocxDocument, spec: DocumentSpec) -> None:
    if not spec.kind.strip():
        _docx_paragraph(document, after=6)
        return
    kind = _docx_paragraph(document, before=18, keep_with_next=True)
    _docx_text(kind, spec.kind.upper(), KIND_PT, bold=True)
    title = _docx_paragraph(document, keep_with_next=True)
    _docx_text(title, spec.title, TITLE_PT, bold=True)
    longest = max(spec.title.splitlines() or [""], key=len)
    title_cm = min(_estimate_width_cm(longest, TITLE_PT), TEXT_WIDTH_CM)
    _docx_rule(document, max(title_cm * 0.4, 2.0), TEXT_WIDTH_CM)
    _docx_paragraph(document, after=6)


def _docx_block(document: DocxDocument, block: Block, heading: str) -> None:
    from docx.shared import Cm

    if isinstance(block, Heading):
        paragraph = _docx_paragraph(
            document, align="justify", before=6, after=PARAGRAPH_AFTER_PT, indent=True,
            keep_with_next=True,
        )  # fmt: skip
        _docx_text(paragraph, heading, BODY_PT, bold=block.level < 3, italic=block.level == 3)
        paragraph._p.get_or_add_pPr().get_or_add_outlineLvl().val = block.level - 1
    elif isinstance(block, Paragraph):
        paragraph = _docx_paragraph(
            document, align="justify", after=PARAGRAPH_AFTER_PT, indent=True
        )
        _docx_text(paragraph, block.text, BODY_PT, bold=block.bold, italic=block.italic)
    elif isinstance(block, Bullets):
        for item in block.items:
            paragraph = _docx_paragraph(
                document, align="justify", after=PARAGRAPH_AFTER_PT, indent=True
            )
            _docx_text(paragraph, f"- {item}", BODY_PT)
    elif isinstance(block, Table):
        _docx_body_table(document, block)
        _docx_paragraph(document, after=PARAGRAPH_AFTER_PT)
    else:
        paragraph = _docx_paragraph(document, before=6, keep_with_next=bool(block.caption))
        width = min(block.width_cm, TEXT_WIDTH_CM)
        paragraph.add_run().add_picture(BytesIO(block.png), width=Cm(width))
        if block.caption:
            caption = _docx_paragraph(document, after=PARAGRAPH_AFTER_PT)
            _docx_text(caption, block.caption, CAPTION_PT, italic=True)


def _docx_body_table(document: DocxDocument, table: Table) -> None:
    widths = list(table.widths or [TEXT_WIDTH_CM / len(table.header)] * len(table.header))
    cells = _docx_table(document, 1 + len(table.rows), widths, grid=True)
    for cell, text in zip(cells[0], table.header, strict=True):
        _docx_text(_docx_paragraph(cell, before=2, after=2), text, TABLE_PT, bold=True)
        _docx_drop_first_paragraph(cell)
    _docx_row_property(cells[0][0], "w:tblHeader", _AFTER_TBLHEADER)
    for row_cells, row in zip(cells[1:], table.rows, strict=True):
        for column, (cell, value) in enumerate(zip(row_cells, row, strict=True)):
            align = _cell_align(value, table.align, column)
            paragraph = _docx_paragraph(cell, align=align, before=2, after=2)
            _docx_text(paragraph, format_cell(value), TABLE_PT)
            _docx_drop_first_paragraph(cell)


def _docx_signature(document: DocxDocument, spec: DocumentSpec) -> None:
    from docx.shared import Pt

    ((recipients, signer),) = _docx_table(
        document, 1, (SIGNATURE_LEFT_CM, SIGNATURE_RIGHT_CM), grid=False
    )
    _docx_row_property(recipients, "w:cantSplit", _AFTER_CANTSPLIT)
    head = _docx_paragraph(recipients, align="left", before=6, keep_with_next=True)
    _docx_text(head, "Nơi nhận:", RECIPIENTS_HEAD_PT, bold=True, italic=True)
    for line in format_recipients(spec.recipients):
        paragraph = _docx_paragraph(recipients, align="left")
        # A wrapped recipient lines up after its dash.
        paragraph.paragraph_format.left_indent = Pt(6)
        paragraph.paragraph_format.first_line_indent = Pt(-6)
        _docx_text(paragraph, line, RECIPIENTS_PT)

    lines = [spec.signer_authority.upper()] if spec.signer_authority.strip() else []
    for index, line in enumerate([*lines, *_title_lines(spec)]):
        paragraph = _docx_paragraph(signer, before=6 if index == 0 else 0, keep_with_next=True)
        _docx_text(paragraph, line, SIGNER_PT, bold=True)
    # Room for the signature and the seal.
    name = _docx_paragraph(signer, before=72)
    _docx_text(name, spec.signer_name, SIGNER_PT, bold=True)
    for cell in (recipients, signer):
        _docx_drop_first_paragraph(cell)


def render_docx(spec: DocumentSpec) -> bytes:
    """The document as a .docx file (python-docx)."""
    import docx

    document = docx.Document()
    _docx_setup(document, spec)
    _docx_header(document, spec)
    _docx_title(document, spec)
    for block, heading in _numbered_blocks(spec.body):
        _docx_block(document, block, heading)
    _docx_signature(document, spec)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -------------------------------------------------------------------- HTML / PDF


_CSS = f"""
@page {{
  size: A4;
  margin: {MARGIN_TOP_MM}mm {MARGIN_RIGHT_MM}mm {MARGIN_BOTTOM_MM}mm {MARGIN_LEFT_MM}mm;
  @top-center {{
    content: counter(page);
    font-family: {CSS_FONT_STACK};
    font-size: {PAGE_NUMBER_PT}pt;
    vertical-align: middle;
  }}
}}
@page :first {{ @top-center {{ content: none; }} }}
html {{ font-family: {CSS_FONT_STACK}; font-size: {BODY_PT}pt; color: #000; }}
body {{ margin: 0; line-height: 1.2; }}
p, div {{ margin: 0; }}
table.frame {{ width: {TEXT_WIDTH_CM}cm; border-collapse: collapse; table-layout: fixed; }}
table.frame td {{ padding: 0; vertical-align: top; text-align: center; }}
.superior {{ font-size: {SUPERIOR_PT}pt; text-transform: uppercase; }}
.issuer {{ font-size: {ISSUER_PT}pt; font-weight: bold; text-transform: uppercase; }}
.short-rule {{ display: inline-block; }}
.short-rule::after {{
  content: ""; display: block; width: 40%; margin: 3pt auto 0;
  border-top: 0.75pt solid #000;
}}
.national-title {{ font-size: {NATIONAL_TITLE_PT}pt; font-weight: bold; white-space: nowrap; }}
.motto {{
  display: inline-block; font-size: {MOTTO_PT}pt; font-weight: bold;
  border-bottom: 0.75pt solid #000; padding-bottom: 1pt;
}}
.number {{ font-size: {NUMBER_PT}pt; padding-top: 6pt; }}
.summary {{ font-size: {SUMMARY_PT}pt; padding-top: 3pt; }}
.place-date {{ font-size: {PLACE_DATE_PT}pt; font-style: italic; padding-top: 6pt; }}
.heading-block {{ text-align: center; margin-top: 18pt; margin-bottom: 12pt; }}
.letter-gap {{ height: 12pt; }}
.kind {{ font-size: {KIND_PT}pt; font-weight: bold; text-transform: uppercase; }}
.title {{ font-size: {TITLE_PT}pt; font-weight: bold; }}
.body p {{
  text-align: justify; text-indent: {FIRST_LINE_INDENT_CM}cm; line-height: 1.3;
  margin-bottom: {PARAGRAPH_AFTER_PT}pt;
}}
.body p.heading {{ break-after: avoid; margin-top: 6pt; font-weight: bold; }}
.body p.heading-3 {{ font-weight: normal; font-style: italic; }}
table.grid {{
  border-collapse: collapse; margin: 0 auto {PARAGRAPH_AFTER_PT}pt auto;
  font-size: {TABLE_PT}pt;
}}
table.grid th, table.grid td {{
  border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left;
}}
table.grid th {{ text-align: center; font-weight: bold; }}
table.grid tr {{ break-inside: avoid; }}
table.grid td.number, table.grid td.right {{ text-align: right; }}
table.grid td.center {{ text-align: center; }}
figure {{ margin: 6pt 0 {PARAGRAPH_AFTER_PT}pt 0; text-align: center; break-inside: avoid; }}
figure img {{ display: block; margin: 0 auto; }}
figcaption {{ font-size: {CAPTION_PT}pt; font-style: italic; }}
table.signature {{ margin-top: 6pt; break-inside: avoid; }}
table.signature td.recipients {{ text-align: left; font-size: {RECIPIENTS_PT}pt; }}
table.signature td.recipients div {{ padding-left: 6pt; text-indent: -6pt; }}
table.signature td.recipients div.recipients-head {{ padding-left: 0; text-indent: 0; }}
.recipients-head {{
  font-size: {RECIPIENTS_HEAD_PT}pt; font-weight: bold; font-style: italic; padding-top: 6pt;
}}
.signer {{ font-size: {SIGNER_PT}pt; font-weight: bold; padding-top: 6pt; }}
.signer-name {{ font-size: {SIGNER_PT}pt; font-weight: bold; padding-top: 72pt; }}
"""


def _escape(text: str) -> str:
    """Escaped text, each ``\\n`` a line break."""
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def _html_block(block: Block, heading: str) -> str:
    if isinstance(block, Heading):
        return f'<p class="heading heading-{block.level}">{_escape(heading)}</p>'
    if isinstance(block, Paragraph):
        style = "".join(
            [
                " font-weight: bold;" if block.bold else "",
                " font-style: italic;" if block.italic else "",
            ]
        )
        attribute = f' style="{style.strip()}"' if style else ""
        return f"<p{attribute}>{_escape(block.text)}</p>"
    if isinstance(block, Bullets):
        return "".join(f"<p>- {_escape(item)}</p>" for item in block.items)
    if isinstance(block, Table):
        return _html_table(block)
    encoded = base64.b64encode(block.png).decode("ascii")
    width = min(block.width_cm, TEXT_WIDTH_CM)
    caption = f"<figcaption>{_escape(block.caption)}</figcaption>" if block.caption else ""
    return (
        f'<figure><img src="data:image/png;base64,{encoded}" style="width: {width}cm" '
        f'alt="{html.escape(block.caption)}">{caption}</figure>'
    )


def _html_table(table: Table) -> str:
    parts = ['<table class="grid">']
    if table.widths is not None:
        columns = "".join(f'<col style="width: {width}cm">' for width in table.widths)
        parts.append(f"<colgroup>{columns}</colgroup>")
    header = "".join(f"<th>{_escape(text)}</th>" for text in table.header)
    parts.append(f"<thead><tr>{header}</tr></thead><tbody>")
    for row in table.rows:
        cells = "".join(
            _html_cell_open(value, table.align, column) + f"{_escape(format_cell(value))}</td>"
            for column, value in enumerate(row)
        )
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _html_cell_open(value: Cell, align: Sequence[str] | None, column: int) -> str:
    if align is None:
        return '<td class="number">' if _is_number(value) else "<td>"
    return "<td>" if align[column] == "left" else f'<td class="{align[column]}">'


def render_html(spec: DocumentSpec) -> str:
    """The document as a standalone HTML page (inline CSS, pictures as data URLs),
    laid out for print; every piece of text is escaped."""
    superior = (
        f'<div class="superior">{_escape(spec.superior)}</div>' if spec.superior.strip() else ""
    )
    summary = (
        f'<div class="summary">V/v {_escape(spec.title)}</div>' if not spec.kind.strip() else ""
    )
    title = (
        '<div class="heading-block"><span class="short-rule">'
        f'<span class="kind">{_escape(spec.kind)}</span><br>'
        f'<span class="title">{_escape(spec.title)}</span></span></div>'
        if spec.kind.strip()
        else '<div class="letter-gap"></div>'
    )
    body = "\n".join(_html_block(block, heading) for block, heading in _numbered_blocks(spec.body))
    recipients = "".join(
        f"<div>{_escape(line)}</div>" for line in format_recipients(spec.recipients)
    )
    signer_lines = [spec.signer_authority] if spec.signer_authority.strip() else []
    signer_lines += _title_lines(spec)
    signer = "<br>".join(_escape(line.upper()) for line in signer_lines)
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{_escape(_document_name(spec))}</title>
<meta name="author" content="{html.escape(spec.issuer)}">
<style>{_CSS}</style>
</head>
<body>
<table class="frame header">
<colgroup><col style="width: {HEADER_LEFT_CM}cm"><col style="width: {HEADER_RIGHT_CM}cm"></colgroup>
<tr>
<td>{superior}<span class="short-rule"><span class="issuer">{_escape(spec.issuer)}</span></span></td>
<td><div class="national-title">{NATIONAL_TITLE}</div><span class="motto">{MOTTO}</span></td>
</tr>
<tr>
<td><div class="number">Số: {_escape(spec.number_symbol)}</div>{summary}</td>
<td><div class="place-date">{_escape(format_place_date(spec.place, spec.date))}</div></td>
</tr>
</table>
{title}
<div class="body">
{body}
</div>
<table class="frame signature">
<colgroup><col style="width: {SIGNATURE_LEFT_CM}cm"><col style="width: {SIGNATURE_RIGHT_CM}cm"></colgroup>
<tr>
<td class="recipients"><div class="recipients-head">Nơi nhận:</div>{recipients}</td>
<td><div class="signer">{signer}</div><div class="signer-name">{_escape(spec.signer_name)}</div></td>
</tr>
</table>
</body>
</html>
"""


def render_pdf(spec: DocumentSpec) -> bytes:
    """The document as PDF: :func:`render_html` laid out by WeasyPrint.

    Needs Pango (Debian ``libpango-1.0-0``, ``libpangoft2-1.0-0``) and a serif font
    with Vietnamese (``fonts-liberation2`` or ``fonts-dejavu-core``).
    """
    from weasyprint import HTML

    pdf = HTML(string=render_html(spec)).write_pdf()
    if not isinstance(pdf, bytes):  # write_pdf returns None only when given a target
        raise TypeError("WeasyPrint returned no PDF")
    return pdf


# -------------------------------------------------------------------------- XLSX


_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(title: str, index: int, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    base = _SHEET_TITLE_FORBIDDEN.sub("-", title).strip("' ")[:31] or f"Sheet{index}"
    name, suffix = base, 2
    while name.casefold() in used:
        name = f"{base[: 31 - len(str(suffix)) - 1]} {suffix}"
        suffix += 1
    used.add(name.casefold())
    return name


def _default_number_format(value: Cell) -> str | None:
    if isinstance(value, datetime.date):
        return "dd/mm/yyyy"
    if isinstance(value, int) and not isinstance(value, bool):
        return "#,##0"
    if isinstance(value, float | Decimal):
        return "#,##0.0#"
    return None


def render_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """Tabular reports as an .xlsx workbook (openpyxl), one worksheet per :class:`Sheet`.

    Numbers stay numbers, so they can be summed. Their format codes (``#,##0``) use
    the separators of the reader's locale: Excel or LibreOffice set to Vietnamese
    shows ``1.068`` and ``5,8`` — a format code cannot force them for everyone.
    The header row is bold on grey, wraps, and stays in view when scrolling.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "Ý Kiến"
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_font = Font(name=FONT, bold=True)
    body_font = Font(name=FONT)
    header_fill = PatternFill(fill_type="solid", start_color="D9D9D9", end_color="D9D9D9")
    used: set[str] = set()
    for index, sheet in enumerate(sheets, start=1):
        columns = len(sheet.header)
        if sheet.widths is not None and len(sheet.widths) != columns:
            raise ValueError(
                f"sheet {sheet.title!r}: {len(sheet.widths)} widths, {columns} columns"
            )
        if sheet.number_formats is not None and len(sheet.number_formats) != columns:
            raise ValueError(f"sheet {sheet.title!r}: number_formats needs {columns} entries")
        _check_align(sheet.align, columns)
        worksheet = workbook.create_sheet(_sheet_title(sheet.title, index, used))
        header_row = 1
        if sheet.caption:
            worksheet.cell(row=1, column=1, value=sheet.caption).font = Font(
                name=FONT, bold=True, size=13
            )
            header_row = 3
        for column, text in enumerate(sheet.header, start=1):
            cell = worksheet.cell(row=header_row, column=column, value=text)
            cell.font = header_font
            cell.fill = header_fill
            cell.border = border
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        lengths = [len(text) for text in sheet.header]
        for offset, row in enumerate(sheet.rows, start=1):
            if len(row) != columns:
                raise ValueError(f"sheet {sheet.title!r}: row {offset} has {len(row)} cells")
            for column, value in enumerate(row, start=1):
                cell = worksheet.cell(row=header_row + offset, column=column, value=value)
                if isinstance(value, str) and cell.data_type == "f":
                    cell.data_type = "s"  # a text beginning with "=" stays text, never a formula
                cell.font = body_font
                cell.border = border
                horizontal = (
                    "right"
                    if sheet.align is None and isinstance(value, datetime.date)
                    else _cell_align(value, sheet.align, column - 1)
                )
                cell.alignment = Alignment(
                    horizontal=horizontal, vertical="top", wrap_text=isinstance(value, str)
                )
                chosen = sheet.number_formats[column - 1] if sheet.number_formats else None
                number_format = chosen or _default_number_format(value)
                if number_format:
                    cell.number_format = number_format
                lengths[column - 1] = max(lengths[column - 1], len(format_cell(value)))
        widths = sheet.widths or [min(max(length + 2, 8), 60) for length in lengths]
        for column, width in enumerate(widths, start=1):
            worksheet.column_dimensions[get_column_letter(column)].width = width
        worksheet.freeze_panes = worksheet.cell(row=header_row + 1, column=1)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
