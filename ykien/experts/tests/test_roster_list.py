"""The roster list: search ignoring diacritics (name, organisation, fields), filters, sort,
pages kept in the URL, export of the filtered list without contact details (CSV, XLSX,
formula-safe), bad input answered with a translated 400, each officer only their units'."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re

import pytest
from django.urls import reverse

from ykien.core.models import AuditEvent, Role
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant
from ykien.experts import services
from ykien.experts.models import Expert

pytestmark = pytest.mark.django_db

URL = reverse("experts:list")
EXPORT = reverse("experts:export")


def names(response) -> list[str]:
    """The names listed, in order (each row ends with its edit link)."""
    body = response.content.decode()
    return [
        html.unescape(n.strip()) for n in re.findall(r"<tr>\s*<td>([^<]+?)(?: <span|</td>)", body)
    ]


def add(unit, name: str, **data):
    return services.expert_create(
        actor=SYSTEM,
        unit=unit,
        data={"full_name": name, "kind": "scientist", "fields": "kinh tế"} | data,
    )


@pytest.fixture
def officer(tree):
    user = UserFactory(username="canbo")
    grant(user, tree.prov_new, Role.OFFICER, valid_from=dt.date(2025, 7, 1))
    return user


@pytest.fixture
def roster(tree):
    binh = add(tree.prov_new, "Võ Thanh Bình", fields="đất đai, xây dựng", email="b@example.vn")
    an = add(
        tree.prov_new,
        "Lê An",
        kind="lawyer",
        organisation="Đoàn Luật sư tỉnh",
        phone="0912345678",
        consent_contact=True,
        community="Khmer",
        community_consent=True,
    )
    formula = add(tree.prov_new, '=HYPERLINK("http://x.vn","Bấm")', organisation="@SUM(A1)")
    services.expert_update(actor=SYSTEM, expert=formula, data={"active": False})
    Expert.objects.filter(pk=an.pk).update(participation_count=3)
    add(tree.prov_b, "Ở tỉnh khác")
    return {"binh": binh, "an": an, "formula": formula}


def test_search_ignores_diacritics_and_looks_in_organisation_and_fields(client, officer, roster):
    client.force_login(officer)
    for q in ("vo thanh binh", "BÌNH", "dat dai", "xay"):
        assert names(client.get(URL, {"q": q})) == ["Võ Thanh Bình"], q
    assert names(client.get(URL, {"q": "doan luat su"})) == ["Lê An"]
    assert names(client.get(URL, {"q": "khmer"})) == []  # the community is not searched
    assert "0 chuyên gia" in client.get(URL, {"q": "zzzqqq"}).content.decode()


def test_search_text_follows_an_edit_and_stays_out_of_the_log(client, officer, roster):
    services.expert_update(actor=SYSTEM, expert=roster["binh"], data={"full_name": "Võ Cường"})
    client.force_login(officer)
    assert names(client.get(URL, {"q": "cuong"})) == ["Võ Cường"]
    assert names(client.get(URL, {"q": "binh"})) == []
    events = AuditEvent.objects.filter(object_type__icontains="expert")
    assert events.exists()
    for event in events:
        assert "search_text" not in (event.before or {})
        assert "search_text" not in (event.after or {})
    assert not hasattr(roster["binh"].history.model, "search_text")


def test_filters_and_sort(client, officer, roster):
    client.force_login(officer)
    formula = roster["formula"].full_name
    assert names(client.get(URL)) == sorted(["Lê An", "Võ Thanh Bình", formula])
    assert names(client.get(URL, {"active": "no"})) == [formula]
    assert names(client.get(URL, {"active": "yes", "sort": "-name"})) == ["Võ Thanh Bình", "Lê An"]
    assert names(client.get(URL, {"kind": "lawyer"})) == ["Lê An"]
    assert names(client.get(URL, {"sort": "-participations"}))[0] == "Lê An"


def test_pages_keep_the_filters(client, officer, tree, monkeypatch):
    from ykien.core import lists

    monkeypatch.setattr(lists.page_of, "__kwdefaults__", {"per_page": 2})
    for i in range(3):
        add(tree.prov_new, f"Trần Cầu {i}")
    client.force_login(officer)
    first = client.get(URL, {"q": "tran cau"})
    assert names(first) == ["Trần Cầu 0", "Trần Cầu 1"]
    assert 'href="?q=tran+cau&amp;page=2"' in first.content.decode()
    assert names(client.get(URL, {"q": "tran cau", "page": 2})) == ["Trần Cầu 2"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sort": "email"}, "Không thể sắp xếp theo cột này."),
        ({"page": "NaN"}, "Số trang không hợp lệ."),
        ({"page": "7"}, "Trang 7 không tồn tại."),
        ({"page": str(2**64)}, "Số trang không hợp lệ."),
        ({"q": "ư" * 201}, "Từ khóa tìm kiếm dài tối đa 200 ký tự."),
        ({"kind": "'||1=1"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
        ({"active": "maybe"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
    ],
)
def test_bad_input_is_a_translated_400(client, officer, roster, params, message):
    client.force_login(officer)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert names(response) == []
    if "page" not in params:
        assert client.get(EXPORT, params).status_code == 400


def test_export_has_no_contact_details_and_is_formula_safe(client, officer, roster):
    client.force_login(officer)
    response = client.get(EXPORT, {"sort": "name", "page": 4})
    assert response["Content-Disposition"] == 'attachment; filename="chuyen-gia.csv"'
    body = response.content.decode("utf-8-sig")
    assert "0912345678" not in body
    assert "@example.vn" not in body
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == [
        "Số", "Họ và tên", "Thành phần", "Lĩnh vực", "Cơ quan", "Cộng đồng", "Đã tham gia",
        "Lần tham gia gần nhất", "Còn trong danh sách",
    ]  # fmt: skip
    assert rows[1] == [
        str(roster["formula"].pk), "'=HYPERLINK(\"http://x.vn\",\"Bấm\")", "Nhà khoa học",
        "kinh tế", "'@SUM(A1)", "", "0", "", "Đã ngừng",
    ]  # fmt: skip
    assert [rows[2][1], rows[2][5], rows[2][6]] == ["Lê An", "Khmer", "3"]
    from openpyxl import load_workbook

    xlsx = client.get(reverse("experts:export_xlsx"), {"q": "binh"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[2]][:2] == [roster["binh"].pk, "Võ Thanh Bình"]
    assert sheet.max_row == 2


def test_each_officer_reads_only_their_units_roster(client, tree, roster):
    other = UserFactory(username="khac")
    grant(other, tree.prov_b, Role.OFFICER)
    client.force_login(other)
    assert names(client.get(URL)) == ["Ở tỉnh khác"]
    client.force_login(UserFactory(username="dan"))
    assert client.get(URL).status_code == 403
    assert client.get(EXPORT).status_code == 403
