"""core.documents aligns table cells: numbers right, text left by default; ``align`` per column
right-aligns figures already written as text, in DOCX, HTML/PDF and XLSX alike."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import docx
import openpyxl
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from ykien.core.documents import (
    DocumentSpec,
    Sheet,
    Table,
    render_docx,
    render_html,
    render_xlsx,
)

ROWS = [["Tiền vận động", "5,8 tỷ đồng", 1068]]


def _spec(table: Table) -> DocumentSpec:
    return DocumentSpec(superior="", issuer="Ban Thường trực", number_symbol="1/BC", place="Trà Vinh",
                        date=dt.date(2024, 4, 10), kind="Báo cáo", title="Thử", body=[table],
                        recipients=["Lưu: VT"], signer_authority="", signer_title="Chủ tịch",
                        signer_name="")  # fmt: skip


@pytest.mark.parametrize(
    ("align", "expected"),
    [(None, ["left", "left", "right"]), (["left", "right", "center"], ["left", "right", "center"])],
)
def test_table_cells_are_aligned_in_docx_and_html(align, expected):
    table = Table(["Chỉ tiêu", "Viết là", "Số"], ROWS, align=align)
    document = docx.Document(BytesIO(render_docx(_spec(table))))
    cells = document.tables[-2].rows[1].cells  # the last table is the signature block
    names = {WD_ALIGN_PARAGRAPH.LEFT: "left", WD_ALIGN_PARAGRAPH.RIGHT: "right",
             WD_ALIGN_PARAGRAPH.CENTER: "center"}  # fmt: skip
    assert [names[c.paragraphs[0].alignment] for c in cells] == expected
    html = render_html(_spec(table))
    opening = {"left": "<td>", "right": '<td class="right">', "center": '<td class="center">'}
    if align is None:
        opening["right"] = '<td class="number">'
    row = "".join(
        f"{opening[a]}{text}</td>"
        for a, text in zip(expected, ["Tiền vận động", "5,8 tỷ đồng", "1.068"], strict=True)
    )
    assert f"<tr>{row}</tr>" in html


def test_sheet_cells_are_aligned():
    workbook = render_xlsx(
        [
            Sheet(
                "Mặc định", ["Chỉ tiêu", "Viết là", "Số", "Ngày"], [[*ROWS[0], dt.date(2024, 4, 5)]]
            ),
            Sheet(
                "Theo cột", ["Chỉ tiêu", "Viết là", "Số"], ROWS, align=["left", "right", "right"]
            ),
        ]
    )
    book = openpyxl.load_workbook(BytesIO(workbook))
    assert [c.alignment.horizontal for c in book["Mặc định"][2]] == [
        "left",
        "left",
        "right",
        "right",
    ]
    assert [c.alignment.horizontal for c in book["Theo cột"][2]] == ["left", "right", "right"]


def test_a_wrong_alignment_is_refused():
    with pytest.raises(ValueError, match="2 alignments for 3 columns"):
        Table(["a", "b", "c"], [], align=["left", "right"])
    with pytest.raises(ValueError, match="got 'middle'"):
        Table(["a"], [], align=["middle"])
    with pytest.raises(ValueError, match="2 alignments for 1 columns"):
        render_xlsx([Sheet("x", ["a"], [], align=["left", "left"])])
