"""The editors' list of articles: search ignoring diacritics (title, summary, byline; not the
body), filters, sort, pages kept in the URL, export of the filtered list (CSV, XLSX,
formula-safe), bad input answered with a translated 400, and each editor only their units'."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re

import pytest
from django.urls import reverse

from ykien.core.models import AuditEvent, Role
from ykien.core.tests.factories import UserFactory, grant
from ykien.portal import services
from ykien.portal.models import Article
from ykien.portal.tests.conftest import published, written

pytestmark = pytest.mark.django_db

URL = reverse("portal:manage_list")
EXPORT = reverse("portal:manage_export")


def titles(response) -> list[str]:
    found = re.findall(r'<td><a href="/can-bo/tin-tuc/\d+/">([^<]+)</a>', response.content.decode())
    return [html.unescape(t) for t in found]


@pytest.fixture
def world(tree, officer):
    road = written(officer, tree.prov_new, "Đường liên ấp sụt lún", byline="Minh Thư")
    light = published(officer, tree.prov_new, "Đèn chiếu sáng ngã ba", summary="Lắp đèn mới.")
    formula = written(officer, tree.prov_new, '=HYPERLINK("http://x.vn","Bấm")')
    services.feedback_submit(article=light, name="An", title="Cảm ơn", content="Tốt.")
    Article.objects.filter(pk=light.pk).update(view_count=7)
    return {"road": road, "light": light, "formula": formula}


def test_search_ignores_diacritics_and_case(client, officer, world):
    client.force_login(officer)
    for q in ("duong lien ap", "ĐƯỜNG liên", "minh thu"):
        assert titles(client.get(URL, {"q": q})) == ["Đường liên ấp sụt lún"], q
    assert titles(client.get(URL, {"q": "lap den moi"})) == ["Đèn chiếu sáng ngã ba"]
    assert titles(client.get(URL, {"q": "noi dung"})) == []  # not the body
    assert "0 tin bài" in client.get(URL, {"q": "zzzqqq"}).content.decode()


def test_search_text_follows_an_edit_and_stays_out_of_the_log(client, officer, world):
    services.article_update(
        actor=officer,
        article=world["road"],
        title="Cầu tre được thay",
        summary="Tóm tắt.",
        body="Nội dung.",
        byline="Minh Thư",
    )
    client.force_login(officer)
    assert titles(client.get(URL, {"q": "cau tre"})) == ["Cầu tre được thay"]
    assert titles(client.get(URL, {"q": "sut lun"})) == []
    for event in AuditEvent.objects.filter(action__startswith="portal.article"):
        assert "search_text" not in (event.before or {})
        assert "search_text" not in (event.after or {})


def test_filters_and_sort(client, officer, world, time_machine):
    client.force_login(officer)
    road, light, formula = (world[k].title for k in ("road", "light", "formula"))
    assert titles(client.get(URL, {"sort": "-title"})) == sorted([road, light, formula])[::-1]
    assert titles(client.get(URL, {"status": "draft", "sort": "title"})) == sorted([road, formula])
    assert titles(client.get(URL, {"status": "published"})) == [light]
    assert titles(client.get(URL, {"sort": "-views"}))[0] == light
    assert titles(client.get(URL, {"sort": "-pending"}))[0] == light
    assert titles(client.get(URL)) == [formula, light, road]  # the last edited first
    time_machine.move_to(dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    services.article_update(
        actor=officer, article=world["road"], title=road, summary="x", body="y", byline="z"
    )
    client.force_login(officer)  # the session of 2026 has expired
    assert titles(client.get(URL))[0] == road


def test_pages_keep_the_filters(client, officer, tree, monkeypatch):
    from ykien.core import lists

    monkeypatch.setattr(lists.page_of, "__kwdefaults__", {"per_page": 2})
    for i in range(3):
        written(officer, tree.prov_new, f"Cầu tre số {i}")
    client.force_login(officer)
    first = client.get(URL, {"q": "cau tre", "sort": "title"})
    assert titles(first) == ["Cầu tre số 0", "Cầu tre số 1"]
    assert 'href="?q=cau+tre&amp;sort=title&amp;page=2"' in first.content.decode()
    assert titles(client.get(URL, {"q": "cau tre", "sort": "title", "page": 2})) == ["Cầu tre số 2"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sort": "body"}, "Không thể sắp xếp theo cột này."),
        ({"page": "NaN"}, "Số trang không hợp lệ."),
        ({"page": "0"}, "Số trang không hợp lệ."),
        ({"page": "5"}, "Trang 5 không tồn tại."),
        ({"page": str(2**63)}, "Số trang không hợp lệ."),
        ({"q": "a" * 201}, "Từ khóa tìm kiếm dài tối đa 200 ký tự."),
        ({"status": "deleted"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
    ],
)
def test_bad_input_is_a_translated_400(client, officer, world, params, message):
    client.force_login(officer)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert titles(response) == []
    if "page" not in params:
        assert client.get(EXPORT, params).status_code == 400


def test_export_is_the_filtered_list_and_formula_safe(client, officer, world, tree):
    client.force_login(officer)
    response = client.get(EXPORT, {"status": "draft", "sort": "title", "page": 3})
    assert response["Content-Disposition"] == 'attachment; filename="tin-bai.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Số", "Tiêu đề", "Đơn vị", "Trạng thái", "Thời điểm đăng", "Lượt xem",
         "Ý kiến chờ duyệt"],
        [str(world["formula"].pk), "'=HYPERLINK(\"http://x.vn\",\"Bấm\")", tree.prov_new.name,
         "Bản nháp", "", "0", "0"],
        [str(world["road"].pk), "Đường liên ấp sụt lún", tree.prov_new.name, "Bản nháp", "", "0",
         "0"],
    ]  # fmt: skip
    from openpyxl import load_workbook

    xlsx = client.get(reverse("portal:manage_export_xlsx"), {"status": "published"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[2]][:2] == [world["light"].pk, "Đèn chiếu sáng ngã ba"]
    assert [c.value for c in sheet[2]][5:] == [7, 1]


def test_an_editor_sees_only_their_units_articles(client, tree, world):
    other = UserFactory(username="khac")
    grant(other, tree.prov_b, Role.OFFICER)
    client.force_login(other)
    assert titles(client.get(URL)) == []
    assert len(list(csv.reader(io.StringIO(client.get(EXPORT).content.decode("utf-8-sig"))))) == 1
    client.force_login(UserFactory(username="dan"))
    assert client.get(URL).status_code == 403
    assert client.get(EXPORT).status_code == 403
