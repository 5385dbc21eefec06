"""The officers' dialogue list on the list layer (``core.lists``): search ignoring diacritics
and case, filters, sort and pages kept in the URL, CSV / XLSX export of the filtered list with no
personal data and no formula, bad input a translated 400; only the dialogues of the reader's
front committees."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from ykien.core.permissions import SYSTEM
from ykien.dialogue import services as s
from ykien.dialogue.models import DialogueStatus
from ykien.dialogue.tests.conftest import ask, dialogue_in, new_dialogue

pytestmark = pytest.mark.django_db

URL = "/can-bo/doi-thoai/"


@pytest.fixture
def three(world):
    """Three dialogues of the commune: open with two questions (10/09/2026), one on the market
    with a formula-looking place (20/10/2026), one cancelled (01/12/2026)."""
    roads = dialogue_in(world, DialogueStatus.OPEN)
    ask(roads)
    ask(roads, "Đường ấp Phú Đức khi nào làm?")
    market = s.dialogue_create(
        actor=SYSTEM,
        unit=world.commune,
        head_unit=world.ubnd_xa,
        head_name="Trần Thị Mỹ",
        head_title="Bí thư Đảng ủy xã",
        topic="Chợ Long Hồ và vệ sinh môi trường",
        held_on=dt.date(2026, 10, 20),
        place='=HYPERLINK("http://x")',
    )
    late = new_dialogue(world, held_on=dt.date(2026, 12, 1))
    s.dialogue_cancel(actor=SYSTEM, dialogue=late, reason="Trùng lịch họp.")
    return roads, market, late


def _rows(page: str) -> int:
    return page.count('href="/can-bo/doi-thoai/') - page.count('href="/can-bo/doi-thoai/moi/')


def test_the_list_searches_without_diacritics(world, three, client):
    roads, market, _late = three
    client.force_login(world.officer)
    page = client.get(URL, {"q": "CHO long ho"}).content.decode()
    assert "1 cuộc đối thoại" in page
    assert market.topic in page
    assert roads.topic not in page
    # The head's name, the number, the place are searched too.
    assert "1 cuộc đối thoại" in client.get(URL, {"q": "tran thi my"}).content.decode()
    assert roads.topic in client.get(URL, {"q": roads.code}).content.decode()
    none = client.get(URL, {"q": "không có gì như thế"})
    assert none.status_code == 200
    assert "0 cuộc đối thoại" in none.content.decode()
    assert "Không có cuộc đối thoại nào." in none.content.decode()


def test_filters_and_sort_are_kept_in_the_url(world, three, client):
    roads, market, late = three
    client.force_login(world.officer)
    page = client.get(URL, {"status": "cancelled"}).content.decode()
    assert "1 cuộc đối thoại" in page
    assert late.topic in page
    page = client.get(URL, {"date_from": "2026-10-01", "date_to": "2026-10-31"}).content.decode()
    assert "1 cuộc đối thoại" in page
    assert market.topic in page
    # Default: the latest day first; ?sort=day the earliest first; ?sort=-questions most asked.
    page = client.get(URL).content.decode()
    assert page.index("01/12/2026") < page.index("20/10/2026") < page.index("10/09/2026")
    page = client.get(URL, {"sort": "day", "status": ""}).content.decode()
    assert page.index("10/09/2026") < page.index("20/10/2026") < page.index("01/12/2026")
    assert 'aria-sort="ascending"' in page
    assert "status=&amp;sort=-day" in page or "sort=-day&amp;status=" in page
    page = client.get(URL, {"sort": "-questions"}).content.decode()
    assert page.index(roads.topic) < page.index(market.topic)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"sort": "created_by"}, "Không thể sắp xếp theo cột này."),
        ({"q": "x" * 201}, "Từ khóa tìm kiếm dài tối đa 200 ký tự."),
        ({"page": "9"}, "Trang 9 không tồn tại."),
        ({"page": "²"}, "Số trang không hợp lệ."),
        ({"status": "secret"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
        ({"date_from": "2026-10-31", "date_to": "2026-10-01"}, "phải sau hoặc trùng"),
        ({"date_from": "31/02/2026"}, "Nhập một ngày hợp lệ"),
    ],
)
def test_bad_input_is_a_translated_400(world, three, client, query, message):
    client.force_login(world.officer)
    response = client.get(URL, query)
    assert response.status_code == 400
    assert message in response.content.decode()
    if "page" not in query:  # the export is every page: the page number is not read
        export = client.get(URL + "xuat.csv", query)
        assert export.status_code == 400
        assert export["Content-Type"].startswith("text/html")


def test_only_the_dialogues_of_the_readers_front_committees(world, three, client):
    client.force_login(world.other_officer)
    page = client.get(URL).content.decode()
    assert "0 cuộc đối thoại" in page
    client.force_login(world.province_officer)  # the province covers the commune
    assert "3 cuộc đối thoại" in client.get(URL).content.decode()
    client.force_login(world.citizen)
    assert client.get(URL).status_code == 403
    assert client.get(URL + "xuat.csv").status_code == 403


def test_the_csv_export_is_the_filtered_list_formula_safe(world, three, client):
    roads, market, _late = three
    client.force_login(world.officer)
    response = client.get(URL + "xuat.csv", {"q": "chợ LONG HO", "sort": "day"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="doi-thoai.csv"'
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "Số", "Ngày đối thoại", "Chủ đề", "Người đứng đầu", "Chức vụ",
        "Cơ quan của người đứng đầu", "Ủy ban MTTQ tổ chức", "Địa điểm", "Trạng thái",
        "Số câu hỏi", "Số cam kết",
    ]  # fmt: skip
    assert [r[0] for r in rows[1:]] == [market.code]
    assert rows[1][7] == '\'=HYPERLINK("http://x")'
    everything = client.get(URL + "xuat.csv").content.decode("utf-8-sig")
    assert roads.code in everything
    assert ",2,0" in everything
    # No personal data: no asker, no e-mail, no officer.
    for secret in ("Khi nào xã sửa", "@", world.officer.username):
        assert secret not in everything


def test_the_xlsx_export_has_no_formula(world, three, client):
    client.force_login(world.officer)
    response = client.get(URL + "xuat.xlsx", {"sort": "day"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values) == 4
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert values[2][7] == '=HYPERLINK("http://x")'
