"""The officer's petition list: search without diacritics, filters, sort, pages keeping the
filters, export of the filtered list, scope, and bad input answered with 400."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse

from ykien.core.lists import fold_for_search, search_terms
from ykien.core.models import Role
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant
from ykien.petitions import services
from ykien.petitions.tests.conftest import otp_login, submit

pytestmark = pytest.mark.django_db
URL = reverse("petitions:staff_list")


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to("2026-03-02T09:00:00+07:00", tick=False)


def numbers(response) -> list[int]:
    return [int(n) for n in re.findall(r'href="/can-bo/don-thu/(\d+)/"', response.content.decode())]


@pytest.fixture
def world(tree, people):
    road = submit(tree.prov_new, subject="Đường liên ấp xuống cấp")
    light = submit(
        tree.commune_new,
        kind="request",
        subject="Đèn chiếu sáng hỏng",
        content="Đèn đường ở ấp Mỹ Hòa không sáng đã hai tháng nay.",
    )
    formula = submit(tree.prov_new, subject="=HYPERLINK(1)", content="Nội dung đủ dài để gửi đơn.")
    other = submit(tree.prov_b, subject="Đường liên ấp ở Cà Mau")
    services.petition_assign(actor=people.handler, petition=light, handler=people.handler)
    return {"road": road, "light": light, "formula": formula, "other": other}


def test_fold_for_search_frames_folded_words():
    assert fold_for_search("Đường liên ẤP", None, "số 5") == " duong lien ap so 5 "
    assert search_terms("  ĐƯỜNG liên-ấp ") == ["duong", "lien", "ap"]


def test_search_ignores_diacritics_and_case(client, people, world):
    client.force_login(people.officer)
    assert numbers(client.get(URL, {"q": "duong lien ap"})) == [world["road"].pk]
    assert numbers(client.get(URL, {"q": "ĐƯỜNG LIÊN"})) == [world["road"].pk]
    # every word must begin a word of the subject or the content
    assert numbers(client.get(URL, {"q": "my hoa"})) == [world["light"].pk]
    assert numbers(client.get(URL, {"q": "uong"})) == []
    assert numbers(client.get(URL, {"q": f"#{world['light'].pk}"})) == [world["light"].pk]


def test_other_provinces_petitions_are_never_listed(client, people, world):
    client.force_login(people.other_officer)
    assert numbers(client.get(URL)) == [world["other"].pk]
    assert numbers(client.get(URL, {"q": "duong lien ap"})) == [world["other"].pk]


def test_denunciation_text_is_searched_only_by_who_may_handle_it(client, tree, people):
    secret = submit(tree.prov_new, kind="denunciation", subject="Cán bộ nhận hối lộ")
    client.force_login(people.officer)  # an officer: the text is not shown to them
    assert numbers(client.get(URL, {"q": "hoi lo"})) == []
    otp_login(client, people.handler)
    assert numbers(client.get(URL, {"q": "hoi lo"})) == [secret.pk]


def test_each_filter(client, tree, people, world):
    client.force_login(people.officer)
    road, light, formula = world["road"], world["light"], world["formula"]
    assert numbers(client.get(URL, {"kind": "request"})) == [light.pk]
    assert numbers(client.get(URL, {"unit": tree.commune_new.pk})) == [light.pk]
    assert numbers(client.get(URL, {"handler": people.handler.pk})) == [light.pk]
    assert numbers(client.get(URL, {"status": "received", "sort": "number"})) == sorted(
        [road.pk, light.pk, formula.pk]
    )
    assert numbers(client.get(URL, {"due": "overdue"})) == []
    otp_login(client, people.handler)
    assert numbers(client.get(URL, {"mine": "on"})) == [light.pk]


def test_sort_by_whitelisted_columns(client, people, world):
    client.force_login(people.officer)
    ids = sorted([world["road"].pk, world["light"].pk, world["formula"].pk])
    assert numbers(client.get(URL, {"sort": "number"})) == ids
    assert numbers(client.get(URL, {"sort": "-number"})) == ids[::-1]
    page = client.get(URL, {"sort": "number"}).content.decode()
    assert 'aria-sort="ascending"' in page
    assert "?sort=-number" in page


def test_pages_keep_the_filters(client, tree, people, monkeypatch):
    from ykien.core import lists

    monkeypatch.setattr(lists.page_of, "__kwdefaults__", {"per_page": 2})
    made = [submit(tree.prov_new, subject=f"Cầu tre số {i}") for i in range(3)]
    client.force_login(people.officer)
    first = client.get(URL, {"q": "cau tre", "sort": "number"})
    assert numbers(first) == [made[0].pk, made[1].pk]
    assert 'href="?q=cau+tre&amp;sort=number&amp;page=2"' in first.content.decode()
    second = client.get(URL, {"q": "cau tre", "sort": "number", "page": 2})
    assert numbers(second) == [made[2].pk]


def test_export_is_the_filtered_list_and_formula_safe(client, people, world):
    client.force_login(people.officer)
    response = client.get(
        reverse("petitions:staff_export"), {"status": "received", "sort": "number"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == [
        str(n) for n in sorted([world["road"].pk, world["light"].pk, world["formula"].pk])
    ]
    response = client.get(reverse("petitions:staff_export"), {"q": "duong lien ap"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == [str(world["road"].pk)]


def test_export_xlsx_keeps_texts_as_text(client, people, world):
    from openpyxl import load_workbook

    handler = UserFactory(username="=cmd|' /C calc'!A0", full_name="x")
    grant(handler, world["road"].unit, Role.HANDLER)
    services.petition_assign(actor=SYSTEM, petition=world["road"], handler=handler)
    client.force_login(people.officer)
    response = client.get(reverse("petitions:staff_export_xlsx"), {"q": "duong lien ap"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[1][0] == str(world["road"].pk)
    assert rows[1][-1] == "=cmd|' /C calc'!A0"
    assert sheet.cell(row=2, column=len(rows[1])).data_type == "s"
    response = client.get(reverse("petitions:staff_export"), {"q": "duong lien ap"})
    assert "'=cmd|' /C calc'!A0" in response.content.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sort": "password"}, "Không thể sắp xếp theo cột này."),
        ({"page": "99"}, "Trang 99 không tồn tại."),
        ({"page": str(2**63)}, "Số trang không hợp lệ."),
        ({"q": "a" * 10_000}, "Từ khóa tìm kiếm dài tối đa 200 ký tự."),
        ({"unit": str(2**63)}, f"Không tìm thấy đơn vị nào khớp với “{2**63}”."),
        ({"unit": "²"}, "Không tìm thấy đơn vị nào khớp với “²”."),
        ({"kind": "spam"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
    ],
)
def test_bad_input_is_a_translated_400(client, people, world, params, message):
    client.force_login(people.officer)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert numbers(response) == []
    if "page" not in params:  # an export is every page of the list
        assert client.get(reverse("petitions:staff_export"), params).status_code == 400


def test_list_needs_a_petitions_role(client, people):
    client.force_login(people.citizen)
    assert client.get(URL).status_code == 403


def test_a_search_with_no_match_says_so(client, people):
    client.force_login(people.officer)
    page = client.get("/can-bo/don-thu/", {"q": "zzzqqq"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "0 đơn" in html
