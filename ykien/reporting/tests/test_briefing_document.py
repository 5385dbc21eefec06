"""The briefing report writes figures as figures: the unit of what is counted ("1 dự thảo", never
"429 số lượng"), money in tỷ đồng, no row of "0" for an indicator without data (they are named
once, "Chưa có số liệu"), a real 0 kept, and every figure right-aligned in DOCX, PDF and XLSX."""

import datetime as dt
import unicodedata
from io import BytesIO

import docx
import openpyxl
import pypdf
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from ykien.consultations.services import draft_register
from ykien.core.documents import render_html
from ykien.core.models import Unit
from ykien.core.permissions import SYSTEM
from ykien.reporting import reports, selectors

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 26)
# The figures of the Q1/2024 briefing, in the order of its table.
FIGURES = ["5", "3", "5,8 tỷ đồng", "1.068", "336", "2.713", "1.986", "727", "604", "2.325",
           "39.700", "89,9%"]  # fmt: skip
COMPUTED = [
    "Số góp ý của Nhân dân vào dự thảo",
    "Số dự thảo đã phản biện (văn bản phản biện ban hành)",
    "Số dự thảo văn bản tiếp nhận để phản biện",
    "Số ý kiến của chuyên gia, nhà khoa học",
    "Số cam kết thực hiện chậm hoặc đang quá hạn",
    "Số cam kết không thực hiện",
    "Số cam kết thực hiện đúng hạn",
    "Số cuộc đối thoại trực tiếp đã tổ chức",
    "Số câu hỏi đã được trả lời tại đối thoại",
    "Số câu hỏi, ý kiến của Nhân dân tại đối thoại",
    "Số cuộc giám sát",
    "Số kiến nghị sau giám sát",
    "Số kiến nghị đã được trả lời",
    "Số kiến nghị được trả lời đúng hạn",
    "Số kiến nghị đã được thực hiện",
    "Số kiến nghị quá hạn",
    "Số đơn thư đã thụ lý",
    "Số đơn thư quá hạn",
    "Số đơn thư tiếp nhận",
    "Số đơn thư giải quyết đúng hạn",
    "Số buổi người đứng đầu trực tiếp tiếp công dân",
    "Tỷ lệ buổi tiếp công dân đã thực hiện so với mức tối thiểu theo quy định (%)",
]


def _report(unit):
    return selectors.briefing(unit=unit, code="2024-Q1", today=TODAY)


def _docx(unit) -> docx.document.Document:
    content = reports.render(_report(unit), "docx", date=dt.date(2024, 4, 10))
    return docx.Document(BytesIO(content))


def _table(document, first_header: str, second_header: str):
    for table in document.tables:
        cells = [cell.text for cell in table.rows[0].cells]
        if cells[:2] == ["TT", first_header] and cells[2] == second_header:
            return table
    raise AssertionError(f"no table {first_header} / {second_header}")


def test_docx_writes_units_leaves_out_indicators_without_data_and_right_aligns(tra_vinh):
    document = _docx(tra_vinh)
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for r in t.rows for c in r.cells]
    )
    assert "số lượng" not in text
    assert f"Chưa có số liệu: {'; '.join(COMPUTED)}." in [p.text for p in document.paragraphs]
    for name in COMPUTED:  # named once, in no table and no sentence
        assert text.count(name) == 1

    table = _table(document, "Chỉ tiêu", "Đơn vị tính")
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [row[3] for row in rows] == FIGURES
    assert [row[2] for row in rows] == ["dự thảo", "dự thảo", "đồng", "đảng viên", "đảng viên",
                                        "mô hình", "mô hình", "mô hình", "mô hình", "tập thể",
                                        "đảng viên", "%"]  # fmt: skip
    assert rows[0][5] == "+1 (+25%)"
    for row in table.rows[1:]:
        alignments = [cell.paragraphs[0].alignment for cell in row.cells]
        assert alignments == [WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT,
                              WD_ALIGN_PARAGRAPH.LEFT, *[WD_ALIGN_PARAGRAPH.RIGHT] * 3]  # fmt: skip
    other = _table(document, "Chỉ tiêu", "quý I/2023")
    assert len(other.rows) == 1 + len(FIGURES)
    assert other.rows[3].cells[4].text == "5 tỷ đồng"  # the target
    assert other.rows[3].cells[4].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    by_unit = next(t for t in document.tables if t.rows[0].cells[0].text == "Đơn vị")
    assert by_unit.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_a_real_zero_is_a_figure_with_its_unit(tra_vinh):
    draft_register(
        actor=SYSTEM,
        unit=tra_vinh,
        drafting_unit=Unit.objects.get(code="MTTQ-TW"),
        title="Dự thảo Nghị quyết hỗ trợ hợp tác xã",
        kind="resolution",
        form="conference",
        received_on=dt.date(2024, 2, 10),
    )
    document = _docx(tra_vinh)
    paragraphs = [p.text for p in document.paragraphs]
    assert "- Số dự thảo văn bản tiếp nhận để phản biện: 1 dự thảo" in paragraphs
    assert "- Số góp ý của Nhân dân vào dự thảo: 0 góp ý" in paragraphs
    assert "- Số ý kiến của chuyên gia, nhà khoa học: 0 ý kiến" in paragraphs
    missing = next(p for p in paragraphs if p.startswith("Chưa có số liệu: "))
    assert "Số đơn thư tiếp nhận" in missing
    assert "Số góp ý" not in missing
    table = _table(document, "Chỉ tiêu", "Đơn vị tính")
    row = next(r for r in table.rows if r.cells[1].text == "Số góp ý của Nhân dân vào dự thảo")
    assert [c.text for c in row.cells[2:5]] == ["góp ý", "0", "—"]


def test_pdf_carries_the_exact_figures_right_aligned(tra_vinh):
    report = _report(tra_vinh)
    pdf = reports.render(report, "pdf", date=dt.date(2024, 4, 10))
    text = unicodedata.normalize(
        "NFC", " ".join(page.extract_text() for page in pypdf.PdfReader(BytesIO(pdf)).pages)
    )
    for figure in FIGURES:
        assert figure in text
    assert "số lượng" not in text
    assert "Chưa có số liệu: Số góp ý của Nhân dân vào dự thảo;" in text
    html = render_html(reports.document_spec(report, date=dt.date(2024, 4, 10)))
    assert '<td class="right">5,8 tỷ đồng</td>' in html
    assert '<td class="right">+1 (+25%)</td>' in html
    assert "table.grid td.number, table.grid td.right { text-align: right; }" in html


def test_xlsx_right_aligns_figures_and_marks_no_data(tra_vinh):
    content = reports.render(_report(tra_vinh), "xlsx", date=dt.date(2024, 4, 10))
    sheet = openpyxl.load_workbook(BytesIO(content))["Tổng hợp"]
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=4)}
    money = rows["DV-VAN-DONG"]
    assert (money[5].value, money[6].value) == (5_800_000_000, "5,8 tỷ đồng")
    assert [cell.alignment.horizontal for cell in money[5:13]] == ["right"] * 8
    assert money[2].alignment.horizontal == "left"
    assert rows["MH-TONG"][5].value == 2713
    assert rows["KD-DANG-VIEN"][6].value == "39.700"
    petitions = rows["petitions.received"]
    assert (petitions[4].value, petitions[5].value, petitions[6].value) == (
        "đơn",
        None,
        "Chưa có số liệu",
    )
    by_unit = openpyxl.load_workbook(BytesIO(content))["Theo đơn vị"]
    assert by_unit.cell(row=4, column=3).alignment.horizontal == "right"
