import dataclasses
import datetime
import re
import unicodedata
from decimal import Decimal
from io import BytesIO

import docx
import openpyxl
import pypdf
import pytest
from docx.oxml.ns import qn
from PIL import Image as PILImage

from ykien.core.documents import (
    NATIONAL_TITLE,
    Bullets,
    DocumentSpec,
    Heading,
    Image,
    Paragraph,
    Sheet,
    Table,
    format_cell,
    format_document_date,
    format_place_date,
    format_recipients,
    render_docx,
    render_html,
    render_pdf,
    render_xlsx,
)

TITLE = "Kết quả công tác giám sát và phản biện xã hội quý I năm 2024"
BODY_TEXT = (
    "Trong quý I năm 2024, Ban Thường trực đã chủ trì tổ chức 12 cuộc giám sát, "
    "tập trung vào chính sách đối với người có công và bảo hiểm y tế."
)


def _png() -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", (40, 20), (40, 80, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def make_spec(**changes: object) -> DocumentSpec:
    spec = DocumentSpec(
        superior="Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Trà Vinh",
        issuer="Ban Thường trực",
        number_symbol="12/BC-MTTQ-BTT",
        place="Trà Vinh",
        date=datetime.date(2024, 4, 5),
        kind="Báo cáo",
        title=TITLE,
        body=[
            Heading(1, "Kết quả đạt được"),
            Heading(2, "Công tác giám sát"),
            Paragraph(BODY_TEXT),
            Bullets(["Giám sát chuyên đề: 5 cuộc", "Giám sát qua Ban Thanh tra nhân dân: 7 cuộc"]),
            Heading(3, "Phản biện xã hội"),
            Paragraph("Ghi chú in nghiêng.", italic=True),
            Table(
                ["STT", "Chỉ tiêu", "Quý I/2024"],
                [[1, "Số dự thảo được phản biện", 3], [2, "Vốn vay (triệu đồng)", 39700]],
                widths=[1.5, 11.0, 4.0],
            ),
            Image(_png(), 8, "Biểu đồ 1. Số cuộc giám sát"),
            Heading(1, "Khó khăn, hạn chế"),
            Paragraph("Dòng một\nDòng hai", bold=True),
        ],
        recipients=["Như trên", "Thường trực Tỉnh ủy;", "- Lưu: VT, BTT."],
        signer_authority="TM. Ban Thường trực",
        signer_title="KT. Chủ tịch\nPhó Chủ tịch",
        signer_name="Nguyễn Văn Ánh",
    )
    return dataclasses.replace(spec, **changes)  # type: ignore[arg-type]


def _squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


# ------------------------------------------------------------------ text helpers


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2024, 4, 5), "ngày 05 tháng 4 năm 2024"),
        (datetime.date(2024, 1, 1), "ngày 01 tháng 01 năm 2024"),
        (datetime.date(2024, 2, 9), "ngày 09 tháng 02 năm 2024"),
        (datetime.date(2024, 3, 10), "ngày 10 tháng 3 năm 2024"),
        (datetime.date(2025, 10, 31), "ngày 31 tháng 10 năm 2025"),
        (datetime.date(2025, 12, 1), "ngày 01 tháng 12 năm 2025"),
    ],
)
def test_document_date_pads_days_below_ten_and_months_one_and_two(day, expected):
    assert format_document_date(day) == expected


def test_place_date_line():
    assert (
        format_place_date("Trà Vinh", datetime.date(2024, 4, 5))
        == "Trà Vinh, ngày 05 tháng 4 năm 2024"
    )


def test_recipients_get_dashes_and_closing_punctuation_once():
    assert format_recipients(["Như trên", "Thường trực Tỉnh ủy;", "", "- Lưu: VT, BTT."]) == [
        "- Như trên;",
        "- Thường trực Tỉnh ủy;",
        "- Lưu: VT, BTT.",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("văn bản", "văn bản"),
        (39700, "39.700"),
        (Decimal("35210.5"), "35.210,5"),
        (5.8, "5,8"),
        (datetime.date(2024, 4, 5), "05/04/2024"),
    ],
)
def test_format_cell(value, expected):
    assert format_cell(value) == expected


def test_blocks_validate_their_shape():
    with pytest.raises(ValueError, match="level"):
        Heading(4, "x")
    with pytest.raises(ValueError, match="row 1 has 1 cells"):
        Table(["a", "b"], [["only one"]])
    with pytest.raises(ValueError, match="widths"):
        Table(["a", "b"], [], widths=[1.0])
    with pytest.raises(ValueError, match="PNG"):
        Image(b"GIF89a", 5)


# -------------------------------------------------------------------------- HTML


def test_html_escapes_all_text():
    spec = make_spec(
        issuer="<b>Ban</b>",
        title="<script>alert('tiêu đề')</script>",
        body=[Paragraph("<script>alert(1)</script> & co"), Table(["<i>"], [["<script>"]])],
        signer_name="<img src=x onerror=alert(1)>",
    )
    page = render_html(spec)
    assert "<script>" not in page
    assert "<img src=x" not in page
    assert "<b>Ban" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_html_numbers_headings_the_administrative_way():
    body = [
        Heading(1, "Kết quả"),
        Heading(2, "Giám sát"),
        *[Heading(3, f"Điểm {n}") for n in range(1, 7)],
        Heading(2, "Phản biện"),
        Heading(3, "Điểm lại từ đầu"),
        Heading(2, "Không đánh số", numbered=False),
        Heading(1, "Hạn chế"),
        Heading(2, "Nguyên nhân"),
    ]
    page = render_html(make_spec(body=body))
    headings = re.findall(r'<p class="heading heading-\d">([^<]*)</p>', page)
    assert headings == [
        "I. KẾT QUẢ",
        "1. Giám sát",
        "a) Điểm 1",
        "b) Điểm 2",
        "c) Điểm 3",
        "d) Điểm 4",
        "đ) Điểm 5",
        "e) Điểm 6",
        "2. Phản biện",
        "a) Điểm lại từ đầu",
        "Không đánh số",
        "II. HẠN CHẾ",
        "1. Nguyên nhân",
    ]


def test_html_has_the_decree_layout():
    page = render_html(make_spec())
    assert '<html lang="vi">' in page
    assert "size: A4" in page
    assert "margin: 20mm 15mm 20mm 30mm" in page
    assert '"Times New Roman", "Liberation Serif", "DejaVu Serif", serif' in page
    assert NATIONAL_TITLE in page
    assert "Độc lập - Tự do - Hạnh phúc" in page
    assert "Số: 12/BC-MTTQ-BTT" in page
    assert "Trà Vinh, ngày 05 tháng 4 năm 2024" in page
    assert "TM. BAN THƯỜNG TRỰC<br>KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH" in page
    assert "- Lưu: VT, BTT." in page
    assert "data:image/png;base64," in page


def test_official_letter_puts_the_summary_under_the_number():
    page = render_html(make_spec(kind="", title="Góp ý dự thảo Nghị quyết"))
    assert '<div class="summary">V/v Góp ý dự thảo Nghị quyết</div>' in page
    assert 'class="kind"' not in page


# -------------------------------------------------------------------------- DOCX


@pytest.fixture(scope="module")
def docx_document():
    return docx.Document(BytesIO(render_docx(make_spec())))


def _all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _find(document, text):
    return next(p for p in _all_paragraphs(document) if p.text == text)


def test_docx_has_header_title_body_and_signature(docx_document):
    texts = [p.text for p in _all_paragraphs(docx_document)]
    for expected in [
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH TRÀ VINH",
        "BAN THƯỜNG TRỰC",
        NATIONAL_TITLE,
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/BC-MTTQ-BTT",
        "Trà Vinh, ngày 05 tháng 4 năm 2024",
        "BÁO CÁO",
        TITLE,
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "1. Công tác giám sát",
        BODY_TEXT,
        "- Giám sát chuyên đề: 5 cuộc",
        "a) Phản biện xã hội",
        "39.700",
        "Biểu đồ 1. Số cuộc giám sát",
        "II. KHÓ KHĂN, HẠN CHẾ",
        "Dòng một\nDòng hai",
        "Nơi nhận:",
        "- Như trên;",
        "- Thường trực Tỉnh ủy;",
        "- Lưu: VT, BTT.",
        "TM. BAN THƯỜNG TRỰC",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn Ánh",
    ]:
        assert expected in texts


def test_docx_header_is_a_two_column_table_with_number_and_date_side_by_side(docx_document):
    header = docx_document.tables[0]
    assert len(header.columns) == 2
    assert header.cell(1, 0).text == "Số: 12/BC-MTTQ-BTT"
    assert header.cell(1, 1).text == "Trà Vinh, ngày 05 tháng 4 năm 2024"
    assert NATIONAL_TITLE in header.cell(0, 1).text


def test_docx_formats_the_elements_as_the_decree_says(docx_document):
    def run(text):
        return _find(docx_document, text).runs[0]

    national = run(NATIONAL_TITLE)
    assert national.bold is True
    assert national.font.size.pt == 12
    motto = run("Độc lập - Tự do - Hạnh phúc")
    assert motto.bold is True
    assert motto.underline is True
    assert motto.font.size.pt == 13
    assert run("BAN THƯỜNG TRỰC").bold is True
    assert run("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH TRÀ VINH").bold is None
    assert run("Trà Vinh, ngày 05 tháng 4 năm 2024").italic is True
    assert run("BÁO CÁO").bold is True
    assert run(TITLE).bold is True
    head = run("Nơi nhận:")
    assert (head.bold, head.italic, head.font.size.pt) == (True, True, 12)
    assert run("- Như trên;").font.size.pt == 11
    assert run("Nguyễn Văn Ánh").bold is True
    assert run(BODY_TEXT).font.size.pt == 14

    body = _find(docx_document, BODY_TEXT)
    assert body.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(body.paragraph_format.first_line_indent.cm, 2) == 1.27
    assert _find(docx_document, "BÁO CÁO").alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER


def test_docx_uses_times_new_roman_everywhere(docx_document):
    runs = [run for p in _all_paragraphs(docx_document) for run in p.runs if run.text]
    assert runs
    for run in runs:
        assert run.font.name == "Times New Roman"
        fonts = run._element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == "Times New Roman"
        assert fonts.get(qn("w:cs")) == "Times New Roman"
    normal = docx_document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 14
    defaults = docx_document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts")[0]
    assert defaults.get(qn("w:ascii")) == "Times New Roman"
    assert defaults.get(qn("w:asciiTheme")) is None


def test_docx_page_is_a4_with_the_decree_margins(docx_document):
    section = docx_document.sections[0]
    measures = [
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    ]
    assert [round(value.mm) for value in measures] == [210, 297, 20, 20, 30, 15]
    assert section.different_first_page_header_footer is True
    assert "PAGE" in section.header._element.xml


def test_docx_table_has_a_repeating_header_row_and_the_image(docx_document):
    table = docx_document.tables[1]
    assert [cell.text for cell in table.rows[0].cells] == ["STT", "Chỉ tiêu", "Quý I/2024"]
    assert [cell.text for cell in table.rows[2].cells] == ["2", "Vốn vay (triệu đồng)", "39.700"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(docx_document.inline_shapes) == 1
    assert round(docx_document.inline_shapes[0].width.cm, 1) == 8.0


def test_docx_core_properties(docx_document):
    assert docx_document.core_properties.title == f"BÁO CÁO {TITLE}"
    assert docx_document.core_properties.author == "Ban Thường trực"


def test_docx_official_letter_has_summary_under_number():
    document = docx.Document(BytesIO(render_docx(make_spec(kind="", title="Góp ý dự thảo"))))
    assert document.tables[0].cell(1, 0).text == "Số: 12/BC-MTTQ-BTT\nV/v Góp ý dự thảo"
    assert "BÁO CÁO" not in [p.text for p in document.paragraphs]


# --------------------------------------------------------------------------- PDF


@pytest.fixture(scope="module")
def pdf_bytes():
    return render_pdf(make_spec())


def test_pdf_is_a_pdf_with_vietnamese_text_intact(pdf_bytes):
    assert pdf_bytes.startswith(b"%PDF")
    reader = pypdf.PdfReader(BytesIO(pdf_bytes))
    text = _squash("\n".join(page.extract_text() for page in reader.pages))
    for expected in [
        NATIONAL_TITLE,
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/BC-MTTQ-BTT",
        "Trà Vinh, ngày 05 tháng 4 năm 2024",
        "BÁO CÁO",
        TITLE,
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "quý I năm 2024, Ban Thường trực đã chủ trì",
        "Vốn vay (triệu đồng) 39.700",
        "Nơi nhận:",
        "- Lưu: VT, BTT.",
        "TM. BAN THƯỜNG TRỰC",
        "Nguyễn Văn Ánh",
    ]:
        assert expected in text
    assert reader.metadata.title == f"BÁO CÁO {TITLE}"


def test_pdf_page_is_a4(pdf_bytes):
    box = pypdf.PdfReader(BytesIO(pdf_bytes)).pages[0].mediabox
    # 210 × 297 mm in points
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


# -------------------------------------------------------------------------- XLSX


def test_xlsx_reopens_with_values_formats_and_widths():
    sheets = [
        Sheet(
            title="Chỉ tiêu: quý I/2024",
            header=["Đơn vị", "Số cuộc giám sát", "Tỷ lệ", "Ngày"],
            rows=[
                ["Phường 1", 1068, Decimal("0.125"), datetime.date(2024, 4, 5)],
                ["Xã Long Đức", 39700, 0.5, None],
            ],
            number_formats=[None, None, "0.0%", None],
            caption="Kết quả giám sát quý I năm 2024",
        ),
        Sheet(title="Tổng hợp", header=["A"], rows=[[1]], widths=[30]),
    ]
    workbook = openpyxl.load_workbook(BytesIO(render_xlsx(sheets)))
    assert workbook.sheetnames == ["Chỉ tiêu- quý I-2024", "Tổng hợp"]
    sheet = workbook["Chỉ tiêu- quý I-2024"]
    assert sheet["A1"].value == "Kết quả giám sát quý I năm 2024"
    assert [cell.value for cell in sheet[3]] == ["Đơn vị", "Số cuộc giám sát", "Tỷ lệ", "Ngày"]
    assert sheet["A3"].font.b is True
    assert sheet["A4"].value == "Phường 1"
    assert sheet["B4"].value == 1068
    assert sheet["B4"].number_format == "#,##0"
    assert sheet["C4"].value == pytest.approx(0.125)
    assert sheet["C4"].number_format == "0.0%"
    assert sheet["D4"].value == datetime.datetime(2024, 4, 5)
    assert sheet["D4"].number_format == "dd/mm/yyyy"
    assert sheet["B5"].value == 39700
    assert sheet.freeze_panes == "A4"
    assert sheet.column_dimensions["B"].width == 18
    assert workbook["Tổng hợp"].column_dimensions["A"].width == 30
    assert workbook["Tổng hợp"]["A2"].value == 1


def test_xlsx_rejects_ragged_rows():
    with pytest.raises(ValueError, match="row 1 has 2 cells"):
        render_xlsx([Sheet(title="x", header=["a"], rows=[[1, 2]])])


def test_xlsx_writes_text_that_looks_like_a_formula_as_text():
    import zipfile

    data = render_xlsx(
        [Sheet(title="x", header=["Đơn vị", "Số"], rows=[['=HYPERLINK("http://x","Bấm")', 7]])]
    )
    sheet = openpyxl.load_workbook(BytesIO(data))["x"]
    assert (sheet["A2"].value, sheet["A2"].data_type) == ('=HYPERLINK("http://x","Bấm")', "s")
    assert (sheet["B2"].value, sheet["B2"].data_type) == (7, "n")
    xml = zipfile.ZipFile(BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
