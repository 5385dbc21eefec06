"""Reading uploaded drafts: .docx, .pdf and .txt, judged by content, with clear refusals.

Every fixture is generated here: Word files with python-docx, PDFs with WeasyPrint (a project
dependency) and pypdf. Nothing binary is stored in the repository.
"""

from __future__ import annotations

import base64
import html
import io
import time
import tracemalloc
import unicodedata
import zipfile
from collections.abc import Callable
from typing import Any

import pytest

from ykien.consultations import extract as extract_module
from ykien.consultations.extract import (
    DEFAULT_MAX_BYTES,
    MESSAGES,
    WARNING_MESSAGES,
    ExtractError,
    ExtractResult,
    ExtractWarning,
    error_message,
    extract_text,
    sniff,
)
from ykien.consultations.splitter import Deadline, clean_text, split, to_json
from ykien.consultations.tests.test_splitter import DRAFT, EXPECTED
from ykien.core.errors import DomainError
from ykien.core.tests.bombs import MB, lying_docx

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402

W_NS = nsdecls("w")


def draft_paragraphs() -> list[str]:
    return [line for line in DRAFT.split("\n") if line.strip()]


def docx_bytes(build: Callable[[object], None]) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def raises(code: str, filename: str, data: bytes, **kwargs: Any) -> ExtractError:
    with pytest.raises(ExtractError) as excinfo:
        extract_text(filename, data, **kwargs)
    assert excinfo.value.code == code
    return excinfo.value


# ---------------------------------------------------------------------------------------------
# Word


def test_docx_draft_reads_paragraph_by_paragraph_and_splits_like_the_text() -> None:
    def build(document: object) -> None:
        for line in draft_paragraphs():
            document.add_paragraph(line)  # type: ignore[attr-defined]
        document.add_paragraph("")  # type: ignore[attr-defined]

    result = extract_text("du-thao.docx", docx_bytes(build))
    assert result.source_type == "docx"
    assert result.pages is None
    assert result.warnings == ()
    assert split(result.text).nodes == EXPECTED


def test_docx_header_table_signature_table_and_breaks() -> None:
    def build(document: object) -> None:
        d = document
        header = d.add_table(rows=2, cols=2)  # type: ignore[attr-defined]
        header.cell(0, 0).text = "HỘI ĐỒNG NHÂN DÂN\nTỈNH VĨNH LONG"
        header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        header.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
        header.cell(1, 0).text = "Số: 12/2025/NQ-HĐND"
        header.cell(1, 1).text = "Vĩnh Long, ngày 10 tháng 7 năm 2025"
        d.add_paragraph("NGHỊ QUYẾT")  # type: ignore[attr-defined]
        p = d.add_paragraph("Điều 1.\tPhạm vi")  # type: ignore[attr-defined]
        p.add_run().add_break()
        p.add_run("Nội dung\u00a0 liền  dòng.")
        grid = d.add_table(rows=2, cols=3)  # type: ignore[attr-defined]
        for r, row in enumerate([["STT", "Nội dung", "Mức chi"], ["1", "Hội nghị", "200.000"]]):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
        sign = d.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
        sign.cell(0, 0).text = "Nơi nhận:\n- Lưu: VT."
        sign.cell(0, 1).text = "TM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH"

    assert extract_text("nq.docx", docx_bytes(build)).text == (
        "HỘI ĐỒNG NHÂN DÂN\nTỈNH VĨNH LONG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 12/2025/NQ-HĐND\nVĩnh Long, ngày 10 tháng 7 năm 2025\n"
        "NGHỊ QUYẾT\nĐiều 1. Phạm vi\nNội dung liền dòng.\n"
        "STT | Nội dung | Mức chi\n1 | Hội nghị | 200.000\n"
        "Nơi nhận:\n- Lưu: VT.\nTM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH"
    )


def test_docx_automatic_numbering_caps_hidden_text_and_tracked_changes() -> None:
    def build(document: object) -> None:
        d = document
        numbering = d.part.numbering_part.element  # type: ignore[attr-defined]
        numbering.append(
            parse_xml(
                f'<w:abstractNum {W_NS} w:abstractNumId="90">'
                '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                '<w:lvlText w:val="Điều %1."/><w:suff w:val="space"/></w:lvl>'
                '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                '<w:lvlText w:val="%2."/></w:lvl>'
                '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
                '<w:lvlText w:val="%3)"/></w:lvl>'
                '<w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>'
                "</w:abstractNum>"
            )
        )
        numbering.append(
            parse_xml(f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
        )
        chapter = d.add_paragraph("Chương I")  # type: ignore[attr-defined]
        assert chapter
        d.add_paragraph().add_run("quy định chung").font.all_caps = True  # type: ignore[attr-defined]
        for level, text in [
            (0, "Phạm vi điều chỉnh"),
            (1, "Khoản một:"),
            (2, "điểm một;"),
            (3, "ý phụ;"),
            (2, "điểm hai."),
            (1, "Khoản hai."),
            (0, "Đối tượng áp dụng"),
            (1, "Khoản một của điều hai."),
        ]:
            p = d.add_paragraph(text)  # type: ignore[attr-defined]
            p._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
                )
            )
        p = d.add_paragraph("Có hiệu lực")  # type: ignore[attr-defined]
        p.add_run(" (ghi chú ẩn)").font.hidden = True
        p._p.append(
            parse_xml(
                f'<w:ins {W_NS} w:id="1" w:author="A"><w:r><w:t> từ ngày ký</w:t></w:r></w:ins>'
            )
        )
        p._p.append(
            parse_xml(
                f'<w:del {W_NS} w:id="2" w:author="A"><w:r><w:delText> từ 01/01</w:delText></w:r>'
                "</w:del>"
            )
        )
        p.add_run(".")
        d.add_paragraph("Một", style="List Number")  # type: ignore[attr-defined]
        d.add_paragraph("Hai", style="List Number")  # type: ignore[attr-defined]

    result = extract_text("nq.docx", docx_bytes(build))
    assert result.text == (
        "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n1. Khoản một:\na) điểm một;\n"
        "- ý phụ;\nb) điểm hai.\n2. Khoản hai.\nĐiều 2. Đối tượng áp dụng\n"
        "1. Khoản một của điều hai.\nCó hiệu lực từ ngày ký.\n1. Một\n2. Hai"
    )
    assert result.warnings == (ExtractWarning("docx_tracked_changes"),)
    articles = split(result.text).nodes[0].children
    assert [(a.number, a.title, len(a.children)) for a in articles] == [
        ("1", "Phạm vi điều chỉnh", 2),
        ("2", "Đối tượng áp dụng", 2),  # "1. Một" repeats khoản 1: it stays in its text
    ]


def test_docx_with_old_vietnamese_fonts_is_read_with_a_warning() -> None:
    def build(document: object) -> None:
        run = document.add_paragraph().add_run("Céng hoµ x· héi")  # type: ignore[attr-defined]
        run.font.name = ".VnTime"

    result = extract_text("cu.docx", docx_bytes(build))
    assert result.text == "Céng hoµ x· héi"
    assert result.warnings == (ExtractWarning("legacy_font", ".VnTime"),)


def test_empty_docx_is_refused() -> None:
    raises("docx_empty", "trong.docx", docx_bytes(lambda d: d.add_paragraph("   ")))  # type: ignore[attr-defined]


def test_damaged_docx_is_refused() -> None:
    data = docx_bytes(lambda d: d.add_paragraph("Điều 1. A"))  # type: ignore[attr-defined]
    raises("docx_malformed", "hong.docx", data[: len(data) // 2])


def test_zip_with_a_damaged_document_part_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>not xml")
    raises("docx_malformed", "hong.docx", out.getvalue())


def test_a_zip_that_is_not_a_word_document_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document/>")
    error = raises("type_mismatch", "du-thao.docx", out.getvalue())
    assert error.message == "Tệp có đuôi .docx nhưng nội dung không phải tài liệu DOCX."
    raises("unsupported_type", "du-thao.odt", out.getvalue())


def test_a_zip_bomb_is_refused_as_unpacking_too_large() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 2_000_000)
    error = raises("unpacked_too_large", "bom.docx", out.getvalue(), max_bytes=100_000)
    assert error.message == (
        "Tệp nén giải nén ra quá lớn (vượt 50 MB); tệp có thể bị hỏng hoặc độc hại. Hãy mở, "
        "lưu lại tài liệu rồi tải lên."
    )


def test_a_docx_that_lies_about_its_size_is_refused_before_python_docx_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 50 KB that declare 1,000 bytes for word/document.xml and inflate to 50 MB: the old check
    # added up the declared sizes, and python-docx then inflated all of it in one piece.
    bomb = lying_docx()
    assert len(bomb) < 100_000

    def must_not_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("python-docx opened an archive that was not checked")

    monkeypatch.setattr(docx, "Document", must_not_open)
    tracemalloc.start()
    try:
        error = raises("unpacked_too_large", "du-thao.docx", bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * MB
    assert error.message.startswith("Tệp nén giải nén ra quá lớn (vượt 50 MB)")
    assert error.message_en.startswith("The compressed file unpacks too large (over 50 MB)")
    # Not the message of an oversized upload ("8.8 MB, over the 20 MB limit").
    assert "dung lượng" not in error.message


def test_the_unpacked_limit_is_a_parameter() -> None:
    data = docx_bytes(lambda d: d.add_paragraph("Điều 1. A"))  # type: ignore[attr-defined]
    unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert extract_text("a.docx", data, max_unpacked=unpacked).text == "Điều 1. A"
    error = raises("unpacked_too_large", "a.docx", data, max_unpacked=unpacked - 1)
    assert "vượt 0" in error.message  # the limit, in MB
    # The text read is held to the same limit, whatever the type.
    raises("text_too_large", "a.txt", "Điều 1. A".encode(), max_unpacked=5)


def test_a_docx_of_too_many_parts_is_refused() -> None:
    data = docx_bytes(lambda d: d.add_paragraph("Điều 1. A"))  # type: ignore[attr-defined]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as archive:
        for info in src.infolist():
            archive.writestr(info, src.read(info))
        for i in range(1000):
            archive.writestr(f"word/media/{i}.png", b"")
    error = raises("too_many_members", "a.docx", out.getvalue())
    assert error.message == (
        "Tệp nén chứa quá nhiều tệp thành phần (tối đa 1000); hãy lưu lại tài liệu rồi tải lên."
    )


def test_reading_stops_when_the_time_allowed_runs_out() -> None:
    data = docx_bytes(lambda d: d.add_paragraph("Điều 1. A"))  # type: ignore[attr-defined]
    over = Deadline(seconds=60, at=time.monotonic() - 1)
    error = raises("too_slow", "a.docx", data, deadline=over)
    assert error.message == (
        "Đọc tệp mất quá nhiều thời gian (hơn 60 giây); hãy chia thành các tệp nhỏ hơn hoặc lưu "
        "lại thành tệp .docx thông thường."
    )
    raises("too_slow", "a.pdf", html_pdf("<p>Điều 1. Phạm vi điều chỉnh</p>"), deadline=over)
    assert extract_text("a.docx", data, deadline=Deadline.after(60)).text == "Điều 1. A"


def test_numbering_that_starts_at_a_billion_is_written_in_digits() -> None:
    # A Roman number or a run of letters for it would be a billion characters long.
    assert extract_module._format_number(10**9, "upperRoman") == "1000000000"
    assert extract_module._format_number(10**9, "lowerLetter") == "1000000000"
    assert extract_module._format_number(3999, "upperRoman") == "MMMCMXCIX"
    assert extract_module._format_number(28, "lowerLetter") == "bb"


OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def test_old_word_format_is_refused_with_advice() -> None:
    error = raises("doc_legacy", "du-thao.doc", OLE_HEADER + b"WordDocument" + b"\0" * 100)
    assert "docx" in error.message_en


def test_password_protected_word_document_is_refused() -> None:
    data = (
        OLE_HEADER + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")
    )
    raises("docx_encrypted", "mat-khau.docx", data)


# ---------------------------------------------------------------------------------------------
# PDF


def html_pdf(body: str, *, page_css: str = "") -> bytes:
    weasyprint = pytest.importorskip("weasyprint", reason="WeasyPrint is needed to build PDFs")
    css = (
        "@page { size: A4; margin: 2cm; @bottom-center { content: counter(page) } " + page_css + "}"
        "body { font-family: 'DejaVu Serif', serif; font-size: 13pt; text-align: justify }"
        "p { margin: 0 0 6pt 0 } .i { text-indent: 1cm }"
    )
    return weasyprint.HTML(
        string=f"<html><head><style>{css}</style></head><body>{body}</body></html>"
    ).write_pdf()


@pytest.fixture(scope="module")
def draft_pdf() -> bytes:
    paragraphs = []
    for line in draft_paragraphs():
        indent = (
            ' class="i"' if line[:2] in {"1.", "2.", "3.", "a)", "b)", "c)", "d)", "- "} else ""
        )
        paragraphs.append(f"<p{indent}>{html.escape(line)}</p>")
    return html_pdf("".join(paragraphs))


def test_pdf_draft_lines_are_rejoined_and_page_numbers_dropped(draft_pdf: bytes) -> None:
    result = extract_text("du-thao.pdf", draft_pdf)
    assert result.source_type == "pdf"
    assert result.pages == 3
    assert result.warnings == ()
    # The wrapped reference line "…theo quy định tại / Điều 4 …" is one paragraph in the PDF.
    expected = DRAFT.replace("tại\nĐiều 4", "tại Điều 4")
    assert result.text == "\n".join(line for line in clean_text(expected).split("\n") if line)
    assert split(result.text).nodes == split(expected).nodes


def test_pdf_wrapped_paragraph_is_one_line() -> None:
    long = (
        "1. Nghị quyết này quy định mức hỗ trợ đối với người có công với cách mạng, người cao "
        "tuổi, người khuyết tật và các đối tượng bảo trợ xã hội khác trên địa bàn tỉnh theo "
        "quy định tại Điều 5 của Luật này, kể cả các tổ chức chính trị - xã hội."
    )
    data = html_pdf(
        f"<p>Điều 1. Phạm vi điều chỉnh</p><p class='i'>{long}</p><p class='i'>a) Người cao tuổi;</p>"
    )
    assert (
        extract_text("a.pdf", data).text
        == f"Điều 1. Phạm vi điều chỉnh\n{long}\na) Người cao tuổi;"
    )


def pdf_with_password(source: bytes, user: str, owner: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf_is_refused() -> None:
    data = pdf_with_password(html_pdf("<p>Điều 1. Bí mật</p>"), "matkhau", "chu")
    error = raises("pdf_encrypted", "mat.pdf", data)
    assert error.message == "Tệp PDF được đặt mật khẩu; hãy bỏ mật khẩu rồi tải lên lại."


def test_pdf_with_only_an_owner_password_is_read() -> None:
    data = pdf_with_password(
        html_pdf("<p>Điều 1. Công khai</p><p>Nội dung điều một.</p>"), "", "chu"
    )
    assert extract_text("mo.pdf", data).text == "Điều 1. Công khai\nNội dung điều một."


def test_pdf_of_a_blank_page_has_no_text() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    raises("pdf_no_text", "trang.pdf", out.getvalue())


def scanned_page_html() -> str:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(image).text((20, 80), "Dieu 1. Ban scan", fill="black")
    out = io.BytesIO()
    image.save(out, "PNG")
    encoded = base64.b64encode(out.getvalue()).decode()
    return f'<img src="data:image/png;base64,{encoded}" style="width: 15cm">'


def test_image_only_pdf_is_refused_as_a_scan() -> None:
    data = html_pdf(scanned_page_html(), page_css="@bottom-center { content: none }")
    error = raises("pdf_no_text", "scan.pdf", data)
    assert "quét" in error.message


def test_pdf_with_some_scanned_pages_is_read_with_a_warning() -> None:
    text = "".join(f"<p>Điều {i}. Nội dung điều số {i} của dự thảo.</p>" for i in range(1, 4))
    data = html_pdf(
        f"{text}<div style='page-break-before: always'>{scanned_page_html()}</div>",
        page_css="@bottom-center { content: none }",
    )
    result = extract_text("mot-phan.pdf", data)
    assert result.pages == 2
    assert result.warnings == (ExtractWarning("pdf_pages_without_text", "2"),)
    assert result.warnings[0].message("en") == "Pages without readable text (scanned?): 2."


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + bytes(range(256)) * 20,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n",
    ],
    ids=["garbage", "no-xref"],
)
def test_damaged_pdf_is_refused(data: bytes) -> None:
    raises("pdf_malformed", "hong.pdf", data)


def test_truncated_pdf_is_refused(draft_pdf: bytes) -> None:
    raises("pdf_malformed", "cut.pdf", draft_pdf[: len(draft_pdf) // 2])


def test_pdf_is_recognised_by_content_whatever_its_name(draft_pdf: bytes) -> None:
    assert extract_text("du-thao.docx", draft_pdf).source_type == "pdf"
    assert extract_text("du-thao", draft_pdf).source_type == "pdf"


# ---------------------------------------------------------------------------------------------
# Names that lie


EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\0" * 200


def test_executable_renamed_pdf_is_refused() -> None:
    error = raises("type_mismatch", "du-thao.pdf", EXECUTABLE)
    assert error.message_en == "The file is named .pdf but its content is not a PDF document."
    assert error.params == {"ext": "pdf", "ext_upper": "PDF"}


@pytest.mark.parametrize("name", ["du-thao.txt", "du-thao.exe", "du-thao"])
def test_executable_under_other_names_is_unsupported(name: str) -> None:
    raises("unsupported_type", name, EXECUTABLE)


def test_text_renamed_docx_is_refused() -> None:
    raises("type_mismatch", "du-thao.docx", "Điều 1. A".encode())


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 50),
        ("van-ban.rtf", b"{\\rtf1\\ansi Dieu 1}"),
        ("bang.xlsx", b"Dieu 1. A"),
        ("trang.html", "<p>Điều 1.</p>".encode()),
    ],
)
def test_other_types_are_unsupported(name: str, data: bytes) -> None:
    error = raises("unsupported_type", name, data)
    assert error.message == "Không đọc được loại tệp này; hãy tải lên tệp .docx, .pdf hoặc .txt."


# ---------------------------------------------------------------------------------------------
# Size


def test_fifty_megabytes_is_refused_before_any_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_parse(*args: object) -> ExtractResult:
        raise AssertionError("parsed a file over the limit")

    for name in ("_extract_pdf", "_extract_zip", "_extract_txt"):
        monkeypatch.setattr(extract_module, name, must_not_parse)
    data = b"%PDF-1.7\n" + b"\0" * (50 * 1024 * 1024)
    error = raises("too_large", "lon.pdf", data)
    assert error.message == "Tệp có dung lượng 50 MB, vượt quá giới hạn 20 MB."
    assert error.params["limit"] == DEFAULT_MAX_BYTES


def test_size_limit_is_a_parameter() -> None:
    raises("too_large", "a.txt", b"x" * 1001, max_bytes=1000)
    assert extract_text("a.txt", b"x" * 1000, max_bytes=1000).text == "x" * 1000


# ---------------------------------------------------------------------------------------------
# Plain text

TEXT = "Điều 1. Phạm vi điều chỉnh\nNghị quyết này quy định mức hỗ trợ phản biện xã hội."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-32"), "utf-32"),
        (TEXT.encode("utf-16-le"), "utf-16"),
        (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf32", "utf16-no-bom", "crlf"],
)
def test_text_encodings(data: bytes, encoding: str) -> None:
    result = extract_text("du-thao.txt", data)
    assert (result.text, result.encoding, result.source_type, result.warnings) == (
        TEXT,
        encoding,
        "txt",
        (),
    )


def cp1258(text: str) -> bytes:
    """Windows-1258 keeps the tone apart from the letter: "ệ" is "ê" + combining dot below."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            tones = [m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323"]
            shape = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tones))
            out += (shape + "".join(tones)).encode("cp1258")
    return bytes(out)


def test_windows_1258_text_is_read_with_a_warning() -> None:
    result = extract_text("cu.txt", cp1258(TEXT))
    assert result.text == TEXT
    assert result.encoding == "cp1258"
    assert result.warnings == (ExtractWarning("txt_legacy_encoding", "Windows-1258"),)


def test_decomposed_text_comes_out_nfc() -> None:
    result = extract_text("nfd.txt", unicodedata.normalize("NFD", TEXT).encode())
    assert result.text == TEXT
    assert unicodedata.is_normalized("NFC", result.text)


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(128, 256)) * 4,
        b"\xff\xfe" + b"\x00\xd8" + b"a\x00",  # a lone surrogate in UTF-16
        "Điều 1.".encode() + b"\x00\x01\x02\x03\x00\x00\x04\x05" * 10,
    ],
    ids=["random-bytes", "bad-utf16", "binary"],
)
def test_undecodable_text_is_refused(data: bytes) -> None:
    error = raises("txt_encoding", "x.txt", data)
    assert error.message_en == (
        "The text file is not in a readable encoding; save it as UTF-8 and upload it again."
    )


@pytest.mark.parametrize("data", [b"", b"   \r\n\t ", "\ufeff \u00a0".encode()])
def test_empty_files_are_refused(data: bytes) -> None:
    raises("empty_file", "trong.txt", data)


# ---------------------------------------------------------------------------------------------
# Messages and detection


def test_every_code_has_an_english_and_a_vietnamese_message() -> None:
    for table in (MESSAGES, WARNING_MESSAGES):
        for code, (en, vi) in table.items():
            assert en, code
            assert vi, code
            assert en != vi, code
            assert unicodedata.is_normalized("NFC", vi), code


def test_extract_error_is_a_domain_error_with_a_stable_code() -> None:
    error = ExtractError("pdf_no_text")
    assert isinstance(error, DomainError)
    assert error.code == "pdf_no_text"
    assert str(error) == error.message == MESSAGES["pdf_no_text"][1]
    assert error.message_en == MESSAGES["pdf_no_text"][0]
    assert ExtractError("pdf_no_text", "Khác").message == "Khác"


def test_error_message_by_language() -> None:
    assert error_message("too_large", "en", size_mb="21", limit_mb="20") == (
        "The file is 21 MB; files up to 20 MB are accepted."
    )
    assert error_message("too_large", size_mb="21") == MESSAGES["too_large"][1]  # missing key
    assert error_message("no_such_code") == "no_such_code"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7", "pdf"),
        (b"\n\n  junk %PDF-1.4", "pdf"),
        (b"PK\x03\x04", "zip"),
        (OLE_HEADER, "ole"),
        (b"{\\rtf1", "rtf"),
        (b"\x7fELF", "executable"),
        (b"\xff\xd8\xff\xe0", "image"),
        ("Điều 1".encode(), "other"),
    ],
)
def test_sniff(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


# ---------------------------------------------------------------------------------------------
# `ykien drafts`: the same code from a shell


def test_drafts_split_command_prints_nodes_and_warnings(tmp_path: object, capsys: object) -> None:
    import json
    from pathlib import Path

    from django.core.management import call_command

    path = Path(str(tmp_path)) / "du-thao.docx"
    path.write_bytes(docx_bytes(lambda d: [d.add_paragraph(x) for x in draft_paragraphs()]))  # type: ignore[attr-defined]
    call_command("drafts", "split", str(path))
    out = json.loads(capsys.readouterr().out)  # type: ignore[attr-defined]
    assert list(out) == ["nodes", "warnings"]
    assert out["nodes"] == to_json(EXPECTED)
    assert out["warnings"] == [
        {
            "code": "number_jump",
            "line": 50,
            "detail": "Điều 4 Khoản 2: Điểm b → Điểm d",
            "message": "Số thứ tự bị nhảy cóc: Điều 4 Khoản 2: Điểm b → Điểm d.",
        },
        {
            "code": "number_jump",
            "line": 51,
            "detail": "Điều 4 → Điều 6",
            "message": "Số thứ tự bị nhảy cóc: Điều 4 → Điều 6.",
        },
    ]


def test_drafts_diff_command_lists_changes(tmp_path: object, capsys: object) -> None:
    import json
    from pathlib import Path

    from django.core.management import call_command

    old = Path(str(tmp_path)) / "v1.txt"
    new = Path(str(tmp_path)) / "v2.txt"
    old.write_text("Điều 1. A\nMột.\nĐiều 2. B\nHai.", encoding="utf-8")
    new.write_text("Điều 1. A\nMột.\nĐiều 2. B\nHai sửa.", encoding="utf-8")
    call_command("drafts", "diff", str(old), str(new), "--indent", "0")
    out = json.loads(capsys.readouterr().out)  # type: ignore[attr-defined]
    assert out["summary"]["modified"] == 1
    assert [c["new"]["ref"] for c in out["changes"]] == [["Điều 2"]]


def test_drafts_split_command_refuses_bad_input_with_a_clear_message(tmp_path: object) -> None:
    from pathlib import Path

    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = Path(str(tmp_path)) / "du-thao.pdf"
    path.write_bytes(EXECUTABLE)
    with pytest.raises(CommandError) as excinfo:
        call_command("drafts", "split", str(path))
    assert str(excinfo.value) == (
        f"{path}: Tệp có đuôi .pdf nhưng nội dung không phải tài liệu PDF. / The file is named "
        ".pdf but its content is not a PDF document. [type_mismatch]"
    )


def test_drafts_command_exits_non_zero_with_the_message_on_stderr(tmp_path: object) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    path = Path(str(tmp_path)) / "scan.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ykien.settings", "DEBUG": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "ykien.cli", "drafts", "split", str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "[txt_encoding]" in done.stderr
    assert "hãy lưu lại với bảng mã UTF-8" in done.stderr
