"""A unit's quarter uploaded as XLSX or CSV: the template, the preview of what changes (nothing
saved), the confirmation through the entry form's service; every bad cell refused with its row,
column and reason, and nothing changed; zip bombs, wrong files, encodings; permissions."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import struct
import unicodedata
import zipfile

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ykien.core.models import Role
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant
from ykien.core.tests.naughty import naughty_strings, needs_blns
from ykien.reporting import services
from ykien.reporting.exports import plain
from ykien.reporting.models import Submission, Value
from ykien.reporting.views_sheets import PENDING

from .conftest import approve, at, full

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(dt.datetime(2026, 10, 2, 9, tzinfo=dt.UTC), tick=False):
        yield


HEADER = ["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Kỳ báo cáo", "Số liệu"]


@pytest.fixture
def period(db):
    return services.period_ensure(actor=SYSTEM, code="2026-Q3")


@pytest.fixture
def officer(tree):
    user = UserFactory(username="canbo.xa")
    grant(user, tree.commune_new, Role.OFFICER, valid_from=dt.date(2025, 7, 1))
    return user


@pytest.fixture
def saved(tree, indicators, period, officer):
    """The commune's draft: 1.068 party members, 3 collective models."""
    return services.submission_save(
        actor=officer,
        unit=tree.commune_new,
        period=period,
        values={"DV": "1.068", "TT": "3"},
        now=at(dt.date(2026, 10, 1)),
    )


def _urls(tree):
    args = [tree.commune_new.code, "2026-Q3"]
    return (
        reverse("reporting:upload", args=args),
        reverse("reporting:upload_confirm", args=args),
    )


def _xlsx(rows, *, header=HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv(rows, *, sep=",", header=HEADER) -> str:
    return "\r\n".join(sep.join(str(c) for c in r) for r in [header, *rows]) + "\r\n"


def _post(client, tree, data: bytes, name="so-lieu.xlsx"):
    url, _confirm = _urls(tree)
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def _values(tree) -> dict[str, str]:
    return {
        v.indicator.code: plain(v.value)
        for v in Value.objects.filter(submission__unit=tree.commune_new).select_related("indicator")
    }


def test_template_lists_the_units_indicators_with_the_figures_saved(client, tree, saved, officer):
    client.force_login(officer)
    url = reverse("reporting:upload_template", args=[tree.commune_new.code, "2026-Q3", "xlsx"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="so-lieu-N1-2026-Q3.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert [r[0] for r in rows[1:]] == ["TIEN", "DV", "TYLE", "MAX", "CUOI", "TT", "CN"]
    assert rows[2] == ["DV", "Số đảng viên", "người", "2026-Q3", 1068]
    assert rows[1][3:] == ["2026-Q3", None]
    csv_text = client.get(url.replace(".xlsx", ".csv")).content.decode("utf-8")
    assert csv_text.startswith("\ufeffMã chỉ tiêu,Chỉ tiêu,Đơn vị tính,Kỳ báo cáo,Số liệu\r\n")
    assert "DV,Số đảng viên,người,2026-Q3,1068\r\n" in csv_text
    assert client.get(url.replace(".xlsx", ".pdf")).status_code == 404


def test_xlsx_preview_shows_old_and_new_then_confirm_saves(client, tree, saved, officer):
    client.force_login(officer)
    data = _xlsx(
        [
            ["DV", "", "", "2026-Q3", 1100],
            ["TT", "", "", "2026-Q3", 3],
            ["TYLE", "", "", "2026-Q3", 12.5],
        ]
    )
    response = _post(client, tree, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "1.068 → 1.100" in page
    assert "— → 12,5%" in page
    assert "không đổi" in page  # TT stays 3
    assert "2 số liệu sẽ thay đổi" in page
    # Nothing saved by the preview.
    assert _values(tree) == {"DV": "1068", "TT": "3"}
    token = client.session[PENDING]["token"]
    _url, confirm = _urls(tree)
    response = client.post(confirm, {"token": token})
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:entry", args=["N1", "2026-Q3"])
    assert _values(tree) == {"DV": "1100", "TT": "3", "TYLE": "12.5"}
    assert Submission.objects.get().status == "draft"
    assert PENDING not in client.session
    # The same token cannot save twice.
    response = client.post(confirm, {"token": token}, follow=True)
    assert "Không còn bản xem trước này" in response.content.decode()


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [("utf-8-sig", ","), ("utf-8", ","), ("utf-16", "\t"), ("utf-8", ";"), ("cp1258", ",")],
)
def test_csv_in_the_encodings_excel_writes(client, tree, saved, officer, encoding, sep):
    client.force_login(officer)
    text = _csv(
        [
            ["DV", "Số đảng viên", "người", "2026-Q3", "1.200"],
            ["TIEN", "", "", "2026-Q3", "5800000000"],
        ],
        sep=sep,
    )
    data = _cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    response = _post(client, tree, data, name="so-lieu.csv")
    assert response.status_code == 200, response.content.decode()
    assert "1.068 → 1.200" in response.content.decode()
    _url, confirm = _urls(tree)
    client.post(confirm, {"token": client.session[PENDING]["token"]})
    assert _values(tree) == {"DV": "1200", "TT": "3", "TIEN": "5800000000"}


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _cp1258(text: str) -> bytes:
    """``text`` as Windows-1258 writes Vietnamese: letters with their tone mark as a combining
    character after them (the code page has "ê", "ơ", but not "ệ", "ở")."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONES))
        out.append(base + "".join(p for p in parts if p in TONES))
    return "".join(out).encode("cp1258")


BAD_CELLS = [
    (["DV", "", "", "2026-Q3", "mười"], "E", "“Số đảng viên”: “mười” không phải là số (viết như 1.068 hoặc 5,8)."),
    (["DV", "", "", "2026-Q3", "-5"], "E", "“Số đảng viên”: không được là số âm."),
    (["DV", "", "", "2026-Q3", "NaN"], "E", "“NaN” không phải là số."),
    (["DV", "", "", "2026-Q3", "99999999999999999999999"], "E", "“Số đảng viên”: số quá lớn."),
    (["DV", "", "", "2026-Q3", "18446744073709551617"], "E", "“Số đảng viên”: số quá lớn."),
    (["TYLE", "", "", "2026-Q3", "120"], "E", "“Tỷ lệ hoàn thành tốt”: tỷ lệ phần trăm không được lớn hơn 100."),
    (["DV", "", "", "2026-Q3", "1.5"], "E", "“Số đảng viên”: “1.5” không phải là số (viết như 1.068 hoặc 5,8)."),
    (["MH", "", "", "2026-Q3", "5"], "A", "Chỉ tiêu “MH” không có hoặc đơn vị không báo cáo chỉ tiêu này."),
    (["XYZ", "", "", "2026-Q3", "5"], "A", "Chỉ tiêu “XYZ” không có hoặc đơn vị không báo cáo chỉ tiêu này."),
    (["DV", "", "", "2026-Q2", "5"], "D", "Kỳ “2026-Q2” không phải kỳ đang nhập (2026-Q3)."),
    (["DV", "", "", "2026-Q3", "=1+1"], "E", "là công thức (=1+1); hãy dán giá trị (Paste Values)."),
    (["TT", "", "", "2026-Q3", "4"], "A", "Trùng chỉ tiêu với dòng 2."),
]  # fmt: skip


@pytest.mark.parametrize(("row", "column", "reason"), BAD_CELLS)
def test_a_bad_cell_is_refused_with_row_column_reason_and_nothing_changes(
    client, tree, saved, officer, row, column, reason
):
    client.force_login(officer)
    # Row 2 is good (and would change a figure); row 3 is the bad one.
    text = _csv([["TT", "", "", "2026-Q3", "7"], row])
    response = _post(client, tree, text.encode(), name="so-lieu.csv")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tệp bị từ chối, chưa có số liệu nào được lưu" in page
    expected = f'<tr><td class="num">3</td><td>{column}</td><td>{reason}</td></tr>'
    from html import unescape

    assert expected in unescape(page)
    assert _values(tree) == {"DV": "1068", "TT": "3"}
    assert PENDING not in client.session


def test_formula_and_date_cells_of_an_xlsx_are_refused(client, tree, saved, officer):
    client.force_login(officer)
    data = _xlsx(
        [["DV", "", "", "2026-Q3", "=SUM(1,2)"], ["TT", "", "", "2026-Q3", dt.date(2026, 9, 1)]]
    )
    response = _post(client, tree, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "là công thức (=SUM(1,2))" in page
    assert "không phải là số" in page
    assert _values(tree) == {"DV": "1068", "TT": "3"}


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_openpyxl_reads_it(client, tree, saved, officer):
    client.force_login(officer)
    bomb = _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"\0" * (30 << 20)})
    assert len(bomb) < 100_000
    response = _post(client, tree, bomb)
    assert response.status_code == 400
    assert "Tệp nén giải nén ra quá lớn" in response.content.decode()
    assert _values(tree) == {"DV": "1068", "TT": "3"}


def test_a_zip_that_lies_about_its_sizes_is_refused(client, tree, saved, officer):
    client.force_login(officer)
    noise = random.Random(1).randbytes(200_000)
    data = bytearray(_zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": noise}))
    # Declare 1.000 bytes for the sheet in the central directory (it inflates to 200.000).
    start = data.rfind(b"PK\x01\x02")
    data[start + 24 : start + 28] = struct.pack("<I", 1000)
    response = _post(client, tree, bytes(data))
    assert response.status_code == 400
    assert "Tệp không phải bảng tính XLSX hoặc CSV" in response.content.decode()
    assert _values(tree) == {"DV": "1068", "TT": "3"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7 ...", "Tệp không phải bảng tính XLSX hoặc CSV (hãy dùng tệp mẫu)."),
        (_zip({"word/document.xml": b"<w/>"}), "Tệp không phải bảng tính XLSX hoặc CSV"),
        (b"\xff\xfeA\x00\x00\xd8", "Không đọc được tệp CSV"),
        (b"   \n", "Tệp trống."),
        (b"DV,,,2026-Q3,5\n", "Dòng đầu phải là tiêu đề của tệp mẫu"),
        ("\n".join(["Mã chỉ tiêu"] + ["DV,,,2026-Q3,1"] * 1001).encode(), "Tệp có quá 1000 dòng."),
        (_csv([["DV", "", "", "2026-Q3", ""]]).encode(), "Tệp không có số liệu nào để nhập."),
    ],
)
def test_wrong_files_are_refused(client, tree, saved, officer, data, message):
    client.force_login(officer)
    response = _post(client, tree, data, name="so-lieu.csv")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _values(tree) == {"DV": "1068", "TT": "3"}


def test_a_file_over_the_size_limit_is_refused_unread(client, tree, saved, officer, settings):
    settings.REPORTING_MAX_UPLOAD_BYTES = 1024
    client.force_login(officer)
    data = _csv([["DV", "", "", "2026-Q3", "1"]] * 200).encode()
    assert 3072 < len(data) <= 4096
    response = _post(client, tree, data)
    assert response.status_code == 400
    assert "Tệp quá lớn (4 KB); tối đa 1 KB." in response.content.decode()


def test_confirm_is_refused_when_the_figures_moved_since_the_preview(client, tree, saved, officer):
    client.force_login(officer)
    _post(client, tree, _csv([["DV", "", "", "2026-Q3", "1.100"]]).encode(), name="a.csv")
    services.submission_save(
        actor=officer, unit=tree.commune_new, period=saved.period, values={"DV": "999"}
    )
    _url, confirm = _urls(tree)
    response = client.post(confirm, {"token": client.session[PENDING]["token"]}, follow=True)
    assert "đã thay đổi sau khi xem trước" in response.content.decode()
    assert _values(tree) == {"DV": "999", "TT": "3"}


def test_confirm_without_the_sessions_preview_saves_nothing(client, tree, saved, officer):
    client.force_login(officer)
    _url, confirm = _urls(tree)
    response = client.post(confirm, {"token": "forged"}, follow=True)
    assert "Không còn bản xem trước này" in response.content.decode()
    assert _values(tree) == {"DV": "1068", "TT": "3"}


def test_only_who_may_enter_the_units_figures_may_upload(client, tree, indicators, period, people):
    url, _confirm = _urls(tree)
    assert client.get(url).status_code == 302  # sign in first
    for user in (people.other, people.citizen):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert (
            _post(client, tree, _csv([["DV", "", "", "2026-Q3", "1"]]).encode()).status_code == 403
        )
    client.force_login(people.new_officer)
    assert client.get(url).status_code == 200


def test_approved_figures_cannot_be_uploaded_again(client, tree, indicators, people):
    approve(tree.commune_new, "2026-Q3", full(DV=5), dt.date(2026, 10, 1), **people.after)
    client.force_login(people.new_officer)
    url, _confirm = _urls(tree)
    assert client.get(url).status_code == 403
    assert _post(client, tree, _csv([["DV", "", "", "2026-Q3", "1"]]).encode()).status_code == 403
    assert _values(tree)["DV"] == "5"


@needs_blns
@pytest.mark.parametrize("column", range(5))
def test_naughty_strings_in_any_column_are_a_clear_answer_never_a_server_error(
    client, tree, saved, officer, column
):
    client.force_login(officer)
    for naughty in naughty_strings():
        row = ["DV", "", "", "2026-Q3", "1.100"]
        row[column] = naughty
        buffer = io.StringIO()
        csv.writer(buffer).writerows([HEADER, row])
        response = _post(client, tree, buffer.getvalue().encode(), name="so-lieu.csv")
        assert response.status_code in (200, 400), (column, naughty)
        assert _values(tree) == {"DV": "1068", "TT": "3"}


def test_over_long_text_and_huge_numbers_are_refused_briefly(client, tree, saved, officer):
    client.force_login(officer)
    data = _xlsx(
        [
            ["DV", "", "", "2026-Q3", "9" * 5000],
            ["TT", "", "", "2026-Q3", 2**70],
            ["CN", "", "", "2026-Q3", 1e308],
            ["TIEN", "", "", "2026-Q3", float("nan")],
        ]
    )
    response = _post(client, tree, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "“99999999999999999999…” không phải là số." in page
    assert "9" * 41 not in page
    assert page.count("số quá lớn.") == 2
    assert _values(tree) == {"DV": "1068", "TT": "3"}
