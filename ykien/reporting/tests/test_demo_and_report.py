"""The demo's Trà Vinh figures give exactly the quoted Q1/2024 briefing, and its DOCX, PDF and
XLSX (through the `ykien report briefing` command) carry those figures."""

import datetime as dt
import unicodedata
from io import BytesIO, StringIO

import docx
import openpyxl
import pypdf
import pytest
from django.core.management import CommandError, call_command

from ykien.core.calendar import WorkingCalendar
from ykien.reporting import demo, selectors
from ykien.reporting.figures import format_figure
from ykien.reporting.models import Submission

pytestmark = pytest.mark.django_db
QUOTED = {
    "PB-CHU-TRI": "5", "PB-TO-CHUC": "3", "DV-VAN-DONG": "5,8 tỷ đồng", "DV-DUOC-VAY": "1.068",
    "DV-CON-KHO-KHAN": "336", "MH-TONG": "2.713", "MH-TAP-THE": "1.986", "MH-CA-NHAN": "727",
    "MH-NHAN-RONG": "604", "KD-TAP-THE": "2.325", "KD-DANG-VIEN": "39.700",
}  # fmt: skip


def test_the_demo_gives_the_quoted_q1_2024_figures(tra_vinh):
    report = selectors.briefing(unit=tra_vinh, code="2024-Q1", today=dt.date(2026, 11, 26))
    shown = {
        row.indicator.code: format_figure(row.indicator, row.value)
        for row in report.rows
        if row.indicator.code in QUOTED
    }
    assert shown == QUOTED
    assert len(report.children) == 10  # nine district front committees and DUK-84
    assert [s.unit.code for s in report.late_units] == ["MTTQ-849", "MTTQ-850"]
    assert Submission.objects.filter(period__code="2024-Q1", status="approved").count() == 11
    # Running the demo again changes nothing.
    demo._tra_vinh(WorkingCalendar())
    assert Submission.objects.count() == 7 * 11


def _text(content: bytes) -> str:
    document = docx.Document(BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_briefing_command_writes_docx_pdf_and_xlsx(tra_vinh, tmp_path):
    files = {}
    for fmt in ("docx", "pdf", "xlsx"):
        target = tmp_path / f"giao-ban.{fmt}"
        out = StringIO()
        call_command("report", "briefing", "--unit", "MTTQ-84", "--period", "2024-Q1",
                     "--format", fmt, "-o", str(target), "--date", "2024-04-10", stdout=out)  # fmt: skip
        assert "quý I/2024" in out.getvalue()
        files[fmt] = target.read_bytes()

    text = _text(files["docx"])
    assert "Trà Vinh, ngày 10 tháng 4 năm 2024" in text
    assert "Ban Thường trực chủ trì phản biện 5 dự thảo; tổ chức phản biện 3 dự thảo." in text
    assert ("Các tổ chức đảng vận động được 5,8 tỷ đồng; cho 1.068 đảng viên khó khăn vay; "
            "còn 336 đảng viên khó khăn cần được giúp đỡ.") in text  # fmt: skip
    assert "Có 2.713 mô hình" in text
    assert "1.986 mô hình tập thể; 727 mô hình cá nhân; 604 mô hình được nhân rộng" in text
    assert "Kiểm điểm 2.325 tập thể; 39.700 đảng viên" in text
    assert len(docx.Document(BytesIO(files["docx"])).inline_shapes) >= 2  # the charts

    pdf = unicodedata.normalize(
        "NFC", " ".join(p.extract_text() for p in pypdf.PdfReader(BytesIO(files["pdf"])).pages)
    )
    for figure in (
        "5,8 tỷ đồng",
        "1.068",
        "336",
        "2.713",
        "1.986",
        "727",
        "604",
        "2.325",
        "39.700",
    ):
        assert figure in pdf

    sheet = openpyxl.load_workbook(BytesIO(files["xlsx"]))["Tổng hợp"]
    rows = {row[1]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["DV-VAN-DONG"][5:7] == (5_800_000_000, "5,8 tỷ đồng")
    assert rows["KD-DANG-VIEN"][5:7] == (39_700, "39.700")
    assert rows["MH-TONG"][5] == 2713


def test_the_briefing_command_refuses_bad_input(tra_vinh, tmp_path):
    with pytest.raises(CommandError, match="Không có đơn vị"):
        call_command(
            "report",
            "briefing",
            "--unit",
            "KHONG-CO",
            "--period",
            "2024-Q1",
            "-o",
            str(tmp_path / "x"),
        )
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command(
            "report",
            "briefing",
            "--unit",
            "MTTQ-84",
            "--period",
            "2024-Q9",
            "-o",
            str(tmp_path / "x"),
        )
    with pytest.raises(CommandError, match="không còn tồn tại"):
        call_command(
            "report",
            "briefing",
            "--unit",
            "MTTQ-84",
            "--period",
            "2026-Q1",
            "-o",
            str(tmp_path / "x"),
        )
