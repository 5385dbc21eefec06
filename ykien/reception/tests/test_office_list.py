"""The office's session list on the list layer (``core.lists``): search ignoring diacritics
and case, filters (head, status, days), sort and pages kept in the URL, CSV / XLSX export of the
filtered list with no personal data and no formula, bad input a translated 400; only the heads
the office keeps."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
import time_machine

from ykien.core.permissions import SYSTEM
from ykien.reception import services
from ykien.reception.models import SessionStatus
from ykien.reception.tests.conftest import citizen_identity, otp_login, schedule

pytestmark = pytest.mark.django_db

URL = "/can-bo/tiep-cong-dan/"


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def sessions(heads):
    """The commune chairman's sessions: 05/03 at the People's Committee (a citizen registered),
    12/03 at the Đức Mỹ culture house with a formula-looking place, 19/03 delegated to a deputy."""
    first = schedule(heads.commune_chair, "2026-03-05")
    services.registration_submit(
        session=first, identity=citizen_identity(), subject="Cấp giấy chứng nhận đất"
    )
    second = schedule(heads.commune_chair, "2026-03-12", place="@Nhà văn hóa ấp Đức Mỹ")
    third = schedule(heads.commune_chair, "2026-03-19", place="Trụ sở UBND xã")
    # Recorded on the session's day (an outcome is refused before it), then back to 02/03.
    with time_machine.travel(dt.datetime(2026, 3, 19, 2, 0, tzinfo=dt.UTC), tick=False):
        services.session_transition(
            actor=SYSTEM,
            session=third,
            to=SessionStatus.DELEGATED,
            deputy_name="Phó Chủ tịch Hà An",
        )
    return first, second, third


def test_the_list_searches_without_diacritics(sessions, staff, client):
    otp_login(client, staff.office)
    page = client.get(URL, {"q": "NHA VAN HOA duc my"}).content.decode()
    assert "1 buổi tiếp" in page
    assert "12/03/2026" in page
    assert "05/03/2026" not in page
    page = client.get(URL, {"q": "ha an"}).content.decode()  # the deputy is searched too
    assert "1 buổi tiếp" in page
    assert "19/03/2026" in page
    page = client.get(URL, {"q": "le minh tam"}).content.decode()
    assert "3 buổi tiếp" in page
    none = client.get(URL, {"q": "không có"})
    assert none.status_code == 200
    assert "0 buổi tiếp" in none.content.decode()
    assert "Không có buổi tiếp nào." in none.content.decode()


def test_filters_and_sort_are_kept_in_the_url(sessions, heads, staff, client):
    otp_login(client, staff.office)
    page = client.get(URL, {"status": "delegated"}).content.decode()
    assert "1 buổi tiếp" in page
    assert "Phó Chủ tịch Hà An" in page
    page = client.get(URL, {"date_from": "2026-03-10", "date_to": "2026-03-15"}).content.decode()
    assert "1 buổi tiếp" in page
    assert "12/03/2026" in page
    page = client.get(URL, {"head": str(heads.commune_chair.pk)}).content.decode()
    assert "3 buổi tiếp" in page
    page = client.get(URL).content.decode()  # the latest day first
    assert page.index("19/03/2026") < page.index("12/03/2026") < page.index("05/03/2026")
    page = client.get(URL, {"sort": "day", "status": ""}).content.decode()
    assert page.index("05/03/2026") < page.index("12/03/2026") < page.index("19/03/2026")
    assert 'aria-sort="ascending"' in page
    page = client.get(URL, {"sort": "-registrations"}).content.decode()
    assert page.index("05/03/2026") < page.index("19/03/2026")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"sort": "note"}, "Không thể sắp xếp theo cột này."),
        ({"q": "x" * 201}, "Từ khóa tìm kiếm dài tối đa 200 ký tự."),
        ({"page": "5"}, "Trang 5 không tồn tại."),
        ({"page": "9" * 30}, "Số trang không hợp lệ."),
        ({"status": "secret"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
        ({"head": "999999"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
        ({"date_from": "2026-03-31", "date_to": "2026-03-01"}, "phải sau hoặc trùng"),
    ],
)
def test_bad_input_is_a_translated_400(sessions, staff, client, query, message):
    otp_login(client, staff.office)
    response = client.get(URL, query)
    assert response.status_code == 400
    assert message in response.content.decode()
    if "page" not in query:  # the export is every page: the page number is not read
        assert client.get(URL + "xuat.csv", query).status_code == 400


def test_another_heads_session_is_not_listed_nor_filterable(sessions, heads, staff, client):
    schedule(heads.other_chair, "2026-03-06", place="Trụ sở UBND xã Tân Thành")
    otp_login(client, staff.office)
    page = client.get(URL).content.decode()
    assert "3 buổi tiếp" in page
    assert "Tân Thành" not in page
    assert client.get(URL, {"head": str(heads.other_chair.pk)}).status_code == 400
    otp_login(client, staff.citizen)
    assert client.get(URL).status_code == 403
    assert client.get(URL + "xuat.csv").status_code == 403


def test_the_exports_are_the_filtered_list_with_no_personal_data(sessions, staff, client):
    otp_login(client, staff.office)
    response = client.get(URL + "xuat.csv", {"sort": "day"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="buoi-tiep-cong-dan.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Số", "Ngày tiếp", "Giờ bắt đầu", "Người tiếp"]
    assert [r[1] for r in rows[1:]] == ["05/03/2026", "12/03/2026", "19/03/2026"]
    assert rows[1][9:] == ["1", "0"]  # one registration, counted, never named
    assert rows[2][6] == "'@Nhà văn hóa ấp Đức Mỹ"
    assert rows[3][8] == "Phó Chủ tịch Hà An"
    text = response.content.decode("utf-8-sig")
    for secret in ("Thạch Thị Sa Rươl", "0987654321", "Cấp giấy chứng nhận"):
        assert secret not in text
    filtered = client.get(URL + "xuat.csv", {"status": "delegated"}).content.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(filtered)))) == 2
    xlsx = client.get(URL + "xuat.xlsx", {"sort": "day"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 4
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
