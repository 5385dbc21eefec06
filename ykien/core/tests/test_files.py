import io
import random
import tracemalloc
import warnings
import zipfile

import pytest
from django.utils import translation

from ykien.core.files import (
    RATIO_GRACE_BYTES,
    ArchiveLimits,
    ArchiveProblem,
    ArchiveRefused,
    sniff,
    verify_archive,
)
from ykien.core.tests.bombs import MB, honest_zip, lying_docx


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


# ---------------------------------------------------------------------------------------------
# Zip bombs: the bytes really inflated are counted, never the sizes the zip declares.


def _refused(data: bytes, limits: ArchiveLimits | None = None) -> ArchiveRefused:
    with pytest.raises(ArchiveRefused) as excinfo:
        sniff(data, limits)
    return excinfo.value


def test_a_zip_that_declares_a_thousand_bytes_but_inflates_to_50_mb_is_refused_in_bounded_memory():
    bomb = lying_docx()
    declared = {i.filename: i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist()}
    assert declared["word/document.xml"] == 1000
    tracemalloc.start()
    try:
        refused = _refused(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.code == "archive_too_large"
    assert refused.message == (
        "Tệp nén giải nén ra quá lớn so với giới hạn cho phép (200 MB); tệp có thể bị hỏng hoặc "
        "độc hại. Hãy mở, lưu lại tài liệu rồi tải lên."
    )
    assert peak < 16 * MB


def test_the_message_is_translated():
    with translation.override("en"):
        message = _refused(lying_docx()).message
    assert message == (
        "The compressed file unpacks too large (over the 200 MB allowed); it may be damaged or "
        "malicious. Open it, save it again and upload it."
    )


def test_an_honest_zip_is_held_to_the_total_and_the_ratio():
    noise = random.Random(7).randbytes(2 * MB)  # does not compress: ratio 1
    data = honest_zip({"word/document.xml": noise})
    assert sniff(data, ArchiveLimits(max_unpacked=3 * MB)) == "docx"
    refused = _refused(data, ArchiveLimits(max_unpacked=1 * MB))
    assert (refused.code, "(1 MB)" in refused.message) == ("archive_too_large", True)
    zeros = honest_zip({"xl/workbook.xml": bytes(8 * MB)})  # ratio about 1,000
    assert _refused(zeros).code == "archive_too_large"
    assert sniff(zeros, ArchiveLimits(max_ratio=2000)) == "xlsx"
    # Small parts compress far better than their size suggests: not held to the ratio.
    assert sniff(honest_zip({"word/document.xml": bytes(RATIO_GRACE_BYTES)})) == "docx"


def test_too_many_members_are_refused_before_they_are_read():
    data = honest_zip(
        {"word/document.xml": b"<x/>"} | {f"word/media/{i}.png": b"" for i in range(11)}
    )
    refused = _refused(data, ArchiveLimits(max_members=10))
    assert refused.code == "archive_too_many_members"
    assert refused.message == (
        "Tệp nén chứa quá nhiều tệp thành phần (tối đa 10); hãy lưu lại tài liệu."
    )
    assert sniff(data, ArchiveLimits(max_members=12)) == "docx"


def test_a_zip_whose_declared_sizes_or_methods_do_not_match_is_damaged():
    small_lie = bytearray(honest_zip({"word/document.xml": b"<w:document/>" * 10}))
    # Declares more than it holds: not a bomb, but not what any reader would see either.
    from ykien.core.tests.bombs import _patch_declared_size

    _patch_declared_size(small_lie, b"word/document.xml", 1000)
    assert sniff(bytes(small_lie)) is None
    with pytest.raises(ArchiveProblem) as excinfo:
        verify_archive(bytes(small_lie), ArchiveLimits())
    assert excinfo.value.code == "damaged"
    bzip2 = honest_zip({"word/document.xml": b"<x/>"}, zipfile.ZIP_BZIP2)  # read unbounded
    assert sniff(bzip2) is None
    twice = io.BytesIO()
    with zipfile.ZipFile(twice, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name
        archive.writestr("word/document.xml", b"<a/>")
        archive.writestr("word/document.xml", b"<b/>")
    assert sniff(twice.getvalue()) is None
