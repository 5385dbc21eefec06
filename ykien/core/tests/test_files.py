import io
import zipfile

from ykien.core.files import sniff


def _zip(name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, "<x/>")
    return buffer.getvalue()


def test_sniff_judges_by_content_not_name():
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(b"\x89PNG\r\n\x1a\n....") == "png"
    assert sniff(b"\xff\xd8\xff\xe0....") == "jpeg"
    assert sniff(_zip("word/document.xml")) == "docx"
    assert sniff(_zip("xl/workbook.xml")) == "xlsx"
    assert sniff(_zip("payload.exe")) is None
    assert sniff(b"MZ\x90\x00 an executable named .pdf") is None
    assert sniff(b"PK\x03\x04 broken zip") is None
    assert sniff(b"") is None
