"""A quarter's figures uploaded as a spreadsheet (XLSX or CSV), the way units already keep them.

The sheet has the template's columns — A the indicator's code, B its name, C its unit, D the
period's code, E the figure — and a header row. Reading a file changes nothing: :func:`read_plan`
returns, for each row, the figure saved and the figure uploaded (the preview), or every bad cell
with its row, column and reason; the officer's confirmation then saves the figures through
``services.submission_save``, the entry form's service, which checks every figure again.

The file is judged from its bytes: a size limit, then an XLSX is a zip verified member by member
before openpyxl reads it (``core.files.sniff``: the unpacked sizes are counted, never trusted, so a
zip bomb that lies about its sizes is refused), and anything else must decode as text (UTF-8 with
or without BOM, UTF-16 with BOM as Excel writes "Unicode text", else Windows-1258).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from django.conf import settings
from django.utils.translation import gettext as _

from ykien.core.errors import ValidationFailed
from ykien.core.files import ArchiveLimits, ArchiveRefused, sniff
from ykien.core.models import Unit
from ykien.core.redact import csv_cell
from ykien.core.text import nfc
from ykien.reporting.codes import ErrorCode
from ykien.reporting.figures import parse_figure
from ykien.reporting.models import Indicator, Period
from ykien.reporting.selectors import submission_get, submission_values

#: The most bytes an uploaded sheet may have (a unit's quarter is a few dozen rows).
DEFAULT_MAX_BYTES: Final = 2 * 1024 * 1024
#: The most rows read (header included): far more than there are indicators.
MAX_ROWS: Final = 1000
#: How far an uploaded XLSX may unpack (far less than the documents' limits in settings.py).
LIMITS: Final = ArchiveLimits(max_members=200, max_unpacked=20 * 1024 * 1024, max_ratio=300)

#: The longest text read as a figure (1.000.000.000.000.000,0000 has 25 characters).
MAX_FIGURE_TEXT: Final = 40

COLUMNS: Final = ("A", "B", "C", "D", "E")
CODE, NAME, LABEL, PERIOD, VALUE = range(5)
#: The first header cell, as the template writes it (Vietnamese) and as a reader may retype it.
HEADERS: Final = frozenset({"mã chỉ tiêu", "ma chi tieu", "indicator code", "code"})

XLSX_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def max_upload_bytes() -> int:
    return int(getattr(settings, "REPORTING_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES))


@dataclass(frozen=True)
class Cell:
    value: object
    formula: bool = False


@dataclass(frozen=True)
class CellError:
    """A refused cell: the sheet's row number (1 = the header), its column letter, why."""

    row: int
    column: str
    reason: str


@dataclass(frozen=True)
class Change:
    """One uploaded figure beside the one saved."""

    row: int
    indicator: Indicator
    old: Decimal | None
    new: Decimal

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class Plan:
    changes: list[Change]
    errors: list[CellError]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.changes)

    def values(self) -> dict[str, str]:
        """The uploaded figures by indicator code, as ``submission_save`` takes them."""
        return {c.indicator.code: str(c.new) for c in self.changes}

    def base(self) -> dict[str, str | None]:
        """The figures saved when the plan was read, to check nothing moved before confirming."""
        return {c.indicator.code: None if c.old is None else str(c.old) for c in self.changes}


def _refuse(message: str, code: str) -> ValidationFailed:
    return ValidationFailed(message, code=code, field="file")


# ---------------------------------------------------------------------------- reading


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "cp1258")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            # Windows-1258 writes most tone marks as combining characters: compose them (NFC).
            return nfc(text)
    raise _refuse(
        _("Không đọc được tệp CSV: hãy lưu tệp dạng CSV UTF-8 (hoặc Unicode Text) rồi tải lên."),
        ErrorCode.UPLOAD_ENCODING,
    )


def _csv_rows(data: bytes) -> Iterator[list[Cell]]:
    text = _decode(data)
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    for values in csv.reader(io.StringIO(text, newline=""), dialect):
        yield [Cell(v, formula=v.strip().startswith("=")) for v in values[: len(COLUMNS)]]


def _xlsx_rows(data: bytes) -> Iterator[list[Cell]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl's and zipfile's errors on a damaged workbook
        raise _refuse(_("Tệp XLSX bị hỏng, không đọc được."), ErrorCode.UPLOAD_FILE_TYPE) from None
    try:
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(max_col=len(COLUMNS)):
            yield [
                Cell(
                    getattr(cell, "value", None),
                    formula=getattr(cell, "data_type", "") == "f"
                    or str(getattr(cell, "value", "") or "").startswith("="),
                )
                for cell in row
            ]
    finally:
        book.close()


def check_size(size: int) -> None:
    """Refuse a file over the size limit (before reading it)."""
    limit = max_upload_bytes()
    if size > limit:
        raise _refuse(
            _("Tệp quá lớn (%(size)s KB); tối đa %(limit)s KB.")
            % {"size": math.ceil(size / 1024), "limit": limit // 1024},
            ErrorCode.UPLOAD_TOO_LARGE,
        )


def read_rows(data: bytes) -> list[list[Cell]]:
    """The first five columns of the sheet's rows (the first sheet of an XLSX). Raises
    ``ValidationFailed`` (translated) for a file too large, a zip that unpacks too large or is
    not a workbook, a PDF, image or document, text in an unknown encoding, too many rows."""
    check_size(len(data))
    if not data.strip():
        raise _refuse(_("Tệp trống."), ErrorCode.UPLOAD_EMPTY)
    try:
        kind = sniff(data, LIMITS)
    except ArchiveRefused as exc:
        raise _refuse(str(exc.message), exc.code) from None
    if kind == "xlsx":
        rows: Iterator[list[Cell]] = _xlsx_rows(data)
    elif kind is None and not data.startswith(b"PK\x03\x04"):
        rows = _csv_rows(data)
    else:
        raise _refuse(
            _("Tệp không phải bảng tính XLSX hoặc CSV (hãy dùng tệp mẫu)."),
            ErrorCode.UPLOAD_FILE_TYPE,
        )
    out: list[list[Cell]] = []
    for row in rows:
        out.append(row)
        if len(out) > MAX_ROWS:
            raise _refuse(
                _("Tệp có quá %(n)s dòng.") % {"n": MAX_ROWS}, ErrorCode.UPLOAD_TOO_MANY_ROWS
            )
    return out


# ---------------------------------------------------------------------------- checking


def _text(cell: Cell | None) -> str:
    if cell is None or cell.value is None:
        return ""
    return str(cell.value).strip()


def _figure(indicator: Indicator, cell: Cell) -> Decimal | str | None:
    """The cell's figure, None when empty, or the reason it is refused."""
    value = cell.value
    if cell.formula:
        return _("là công thức (%(text)s); hãy dán giá trị (Paste Values).") % {
            "text": str(value)[:40]
        }
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool | dt.date | dt.time | dt.timedelta):
        return _("“%(text)s” không phải là số.") % {"text": value}
    if isinstance(value, float) and not math.isfinite(value):
        return _("“%(text)s” không phải là số.") % {"text": value}
    if isinstance(value, str) and value.strip().casefold() in {"nan", "inf", "-inf", "infinity"}:
        return _("“%(text)s” không phải là số.") % {"text": value.strip()}
    if isinstance(value, str) and len(value.strip()) > MAX_FIGURE_TEXT:
        return _("“%(text)s…” không phải là số.") % {"text": value.strip()[:20]}
    try:
        return parse_figure(indicator, value)
    except ValidationFailed as exc:
        return str(exc.message)


def check_rows(
    *,
    rows: list[list[Cell]],
    period: Period,
    indicators: list[Indicator],
    saved: dict[str, Decimal],
) -> Plan:
    """Every data row checked against the unit's entered ``indicators`` and ``period``: the
    changes (each figure with the one ``saved``) and the refused cells. An empty figure leaves
    the saved one as it is."""
    errors: list[CellError] = []
    changes: list[Change] = []
    if not rows or _text(rows[0][0] if rows[0] else None).casefold() not in HEADERS:
        errors.append(
            CellError(
                1,
                COLUMNS[CODE],
                _("Dòng đầu phải là tiêu đề của tệp mẫu (“Mã chỉ tiêu”, …)."),
            )
        )
        return Plan([], errors)
    by_code = {ind.code.casefold(): ind for ind in indicators}
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = list(row) + [Cell(None)] * (len(COLUMNS) - len(row))
        if all(_text(c) == "" for c in cells):
            continue
        code = _text(cells[CODE])
        indicator = by_code.get(code.casefold())
        if not code:
            errors.append(CellError(number, COLUMNS[CODE], _("Thiếu mã chỉ tiêu.")))
        elif indicator is None:
            errors.append(
                CellError(
                    number,
                    COLUMNS[CODE],
                    _("Chỉ tiêu “%(code)s” không có hoặc đơn vị không báo cáo chỉ tiêu này.")
                    % {"code": code[:60]},
                )
            )
        elif indicator.code in seen:
            errors.append(
                CellError(
                    number,
                    COLUMNS[CODE],
                    _("Trùng chỉ tiêu với dòng %(row)s.") % {"row": seen[indicator.code]},
                )
            )
            indicator = None
        else:
            seen[indicator.code] = number
        period_text = _text(cells[PERIOD])
        if period_text.casefold() != period.code.casefold():
            errors.append(
                CellError(
                    number,
                    COLUMNS[PERIOD],
                    _("Kỳ “%(got)s” không phải kỳ đang nhập (%(want)s).")
                    % {"got": period_text[:20], "want": period.code},
                )
            )
        if indicator is None:
            continue
        figure = _figure(indicator, cells[VALUE])
        if isinstance(figure, str):
            errors.append(CellError(number, COLUMNS[VALUE], figure))
        elif figure is not None:
            changes.append(Change(number, indicator, saved.get(indicator.code), figure))
    if not errors and not changes:
        errors.append(CellError(2, COLUMNS[VALUE], _("Tệp không có số liệu nào để nhập.")))
    return Plan(changes, errors)


def read_plan(*, data: bytes, unit: Unit, period: Period, indicators: list[Indicator]) -> Plan:
    """The preview of an upload: what would change for ``unit`` in ``period``. Writes nothing.
    Raises ``ValidationFailed`` for a file refused as a whole (``read_rows``)."""
    saved = submission_values(submission=submission_get(unit=unit, period=period))
    return check_rows(rows=read_rows(data), period=period, indicators=indicators, saved=saved)


# ---------------------------------------------------------------------------- template


def _plain(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def template_rows(
    *, period: Period, indicators: list[Indicator], saved: dict[str, Decimal]
) -> list[list[object]]:
    header: list[object] = ["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Kỳ báo cáo", "Số liệu"]
    return [header] + [
        [ind.code, ind.name, ind.label, period.code, _plain(saved.get(ind.code))]
        for ind in indicators
    ]


def template_xlsx(rows: list[list[object]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.title = "So lieu"
    for row in rows:
        sheet.append([csv_cell(v) for v in row])
    for letter, width in zip(COLUMNS, (16, 60, 16, 12, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_csv(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(
            [
                ""
                if v is None
                else str(v).replace(".", ",")
                if isinstance(v, float)
                else csv_cell(v)
                for v in row
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
