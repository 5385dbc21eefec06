"""The content model of a document (:class:`DocumentSpec` and its body blocks), the layout
constants of Decree 30/2020/NĐ-CP and the text helpers the renderers share.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

from ykien.core.numbers import format_decimal, format_int

if TYPE_CHECKING:
    from ykien.core.models import Unit


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
