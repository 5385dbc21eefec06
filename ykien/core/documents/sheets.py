"""Tabular reports as an .xlsx workbook (openpyxl)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from decimal import Decimal
from io import BytesIO

from ykien.core.documents.model import (
    FONT,
    Cell,
    Sheet,
    _cell_align,
    _check_align,
    format_cell,
)

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
