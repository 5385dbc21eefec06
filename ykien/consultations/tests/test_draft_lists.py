"""The lists of drafts: the drafts received by an officer's units and the drafts awaiting the
drafting body's answers. Search ignoring diacritics, filters, sort, pages kept in the URL,
export of the filtered list (CSV, XLSX, formula-safe), bad input answered with a translated
400, and each list only for those who may read it."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re

import pytest
from django.urls import reverse

from ykien.consultations import services
from ykien.consultations.models import Draft
from ykien.consultations.tests.conftest import issued_document, make_draft, register

pytestmark = pytest.mark.django_db

STAFF = reverse("consultations:staff_list")
RESPONDENT = reverse("consultations:respondent_list")


def titles(response) -> list[str]:
    """The titles listed, in order (the first cell of each row links to the draft)."""
    found = re.findall(
        r'<td><a href="/[^"]+/(?:du-thao|phan-bien)/\d+/">([^<]+)</a>', response.content.decode()
    )
    return [html.unescape(t) for t in found]


@pytest.fixture
def drafts(tree, people):
    road = register(
        people.officer,
        tree,
        title="Đề án nâng cấp đường liên ấp",
        kind="plan",
        received_on=dt.date(2026, 11, 20),
        comment_end=dt.date(2026, 12, 20),
    )
    school = register(
        people.officer,
        tree,
        title="Nghị quyết hỗ trợ trường học",
        kind="resolution",
        received_on=dt.date(2026, 11, 10),
        summary="Xây thêm phòng học ở vùng sâu.",
        comment_end=dt.date(2026, 12, 1),
    )
    formula = register(
        people.officer,
        tree,
        title='=HYPERLINK("http://x.vn","Bấm")',
        received_on=dt.date(2026, 11, 1),
    )
    return {"road": road, "school": school, "formula": formula}


def test_search_ignores_diacritics_case_and_looks_in_summary_and_drafting_body(
    client, people, drafts, tree
):
    client.force_login(people.officer)
    for q in ("duong lien ap", "ĐƯỜNG Liên", "de an"):
        assert titles(client.get(STAFF, {"q": q})) == ["Đề án nâng cấp đường liên ấp"], q
    assert titles(client.get(STAFF, {"q": "vung sau"})) == ["Nghị quyết hỗ trợ trường học"]
    everyone = client.get(STAFF, {"q": tree.agency_new.name})
    assert len(titles(everyone)) == 3
    response = client.get(STAFF, {"q": "zzzqqq"})
    assert titles(response) == []
    assert "0 dự thảo" in response.content.decode()


def test_search_text_follows_an_edit(client, people, drafts):
    services.draft_update(actor=people.officer, draft=drafts["school"], data={"title": "Cầu tre"})
    client.force_login(people.officer)
    assert titles(client.get(STAFF, {"q": "cau tre"})) == ["Cầu tre"]
    assert titles(client.get(STAFF, {"q": "truong hoc"})) == []


def test_filters_and_sort(client, people, drafts):
    client.force_login(people.officer)
    road, school, formula = (drafts[k].title for k in ("road", "school", "formula"))
    assert titles(client.get(STAFF)) == [road, school, formula]  # newest received first
    assert titles(client.get(STAFF, {"sort": "received"})) == [formula, school, road]
    assert titles(client.get(STAFF, {"sort": "deadline", "kind": "resolution"})) == [school]
    assert titles(client.get(STAFF, {"kind": "plan", "sort": "-received"})) == [road, formula]
    assert titles(client.get(STAFF, {"status": "received", "sort": "title"})) == sorted(
        [road, school, formula]
    )
    assert titles(client.get(STAFF, {"status": "open"})) == []


def test_pages_keep_the_filters(client, people, tree, monkeypatch):
    from ykien.core import lists

    monkeypatch.setattr(lists.page_of, "__kwdefaults__", {"per_page": 2})
    for i in range(3):
        register(people.officer, tree, title=f"Kế hoạch cầu tre số {i}")
    register(people.officer, tree, title="Khác")
    client.force_login(people.officer)
    first = client.get(STAFF, {"q": "cau tre", "sort": "title"})
    assert titles(first) == ["Kế hoạch cầu tre số 0", "Kế hoạch cầu tre số 1"]
    assert 'href="?q=cau+tre&amp;sort=title&amp;page=2"' in first.content.decode()
    second = client.get(STAFF, {"q": "cau tre", "sort": "title", "page": 2})
    assert titles(second) == ["Kế hoạch cầu tre số 2"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sort": "unit"}, "Không thể sắp xếp theo cột này."),
        ({"page": "NaN"}, "Số trang không hợp lệ."),
        ({"page": "-1"}, "Số trang không hợp lệ."),
        ({"page": "9"}, "Trang 9 không tồn tại."),
        ({"page": str(2**64)}, "Số trang không hợp lệ."),
        ({"q": "đ" * 201}, "Từ khóa tìm kiếm dài tối đa 200 ký tự."),
        ({"status": "'; DROP TABLE x; --"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
        ({"kind": "<script>"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
    ],
)
def test_bad_input_is_a_translated_400(client, people, drafts, params, message):
    client.force_login(people.officer)
    response = client.get(STAFF, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert titles(response) == []
    if "page" not in params:
        export = client.get(reverse("consultations:staff_export"), params)
        assert export.status_code == 400


def test_export_is_the_filtered_list_and_formula_safe(client, people, drafts, tree):
    client.force_login(people.officer)
    response = client.get(reverse("consultations:staff_export"), {"kind": "plan", "page": 9})
    assert response["Content-Disposition"] == 'attachment; filename="du-thao.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Số", "Tên dự thảo", "Loại văn bản", "Đơn vị tiếp nhận", "Cơ quan soạn thảo",
         "Ngày nhận", "Hạn góp ý", "Trạng thái"],
        [str(drafts["road"].pk), "Đề án nâng cấp đường liên ấp", "Kế hoạch", tree.prov_new.name,
         tree.agency_new.name, "20/11/2026", "20/12/2026", "Đã tiếp nhận"],
        [str(drafts["formula"].pk), "'=HYPERLINK(\"http://x.vn\",\"Bấm\")", "Kế hoạch",
         tree.prov_new.name, tree.agency_new.name, "01/11/2026", "", "Đã tiếp nhận"],
    ]  # fmt: skip


def test_export_xlsx_keeps_texts_as_text(client, people, drafts):
    from openpyxl import load_workbook

    client.force_login(people.officer)
    response = client.get(reverse("consultations:staff_export_xlsx"), {"sort": "received"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet["A"]][1:] == [
        drafts["formula"].pk,
        drafts["school"].pk,
        drafts["road"].pk,
    ]
    assert sheet["B2"].value == '=HYPERLINK("http://x.vn","Bấm")'
    assert sheet["B2"].data_type == "s"


def test_each_officer_sees_only_the_drafts_of_their_units(client, people, drafts, tree):
    client.force_login(people.other_officer)
    assert titles(client.get(STAFF)) == []
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("consultations:staff_export")).content.decode("utf-8-sig")
            )
        )
    )
    assert len(rows) == 1
    client.force_login(people.citizen)
    assert client.get(STAFF).status_code == 403
    assert client.get(reverse("consultations:staff_export")).status_code == 403


@pytest.fixture
def answering(tree, people):
    """Two drafts whose critique documents were issued to the drafting body."""
    first = make_draft(tree, people.officer, title="Dự thảo Luật đất đai")
    issued_document(first, people)
    second = make_draft(tree, people.officer, title="Dự thảo Nghị quyết học phí")
    issued_document(second, people)
    make_draft(tree, people.officer, title="Dự thảo chưa ban hành")
    return first, second


def test_respondent_list_search_sort_and_export(client, people, answering):
    first, _second = answering
    client.force_login(people.respondent)
    response = client.get(RESPONDENT, {"sort": "title"})
    assert response.status_code == 200
    assert titles(response) == ["Dự thảo Luật đất đai", "Dự thảo Nghị quyết học phí"]
    assert titles(client.get(RESPONDENT, {"q": "hoc phi"})) == ["Dự thảo Nghị quyết học phí"]
    assert titles(client.get(RESPONDENT, {"status": "answered"})) == []
    export = client.get(reverse("consultations:respondent_export"), {"q": "dat dai"})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Số", "Tên dự thảo", "Đơn vị phản biện", "Văn bản phản biện", "Ngày ban hành",
        "Hạn trả lời", "Chưa trả lời", "Trạng thái",
    ]  # fmt: skip
    assert [r[:2] for r in rows[1:]] == [[str(first.pk), "Dự thảo Luật đất đai"]]
    assert rows[1][6] == "1"  # its one point, not answered yet


@pytest.mark.parametrize(
    "params",
    [{"sort": "-received_on"}, {"page": "1e9"}, {"status": "open"}, {"q": "x" * 300}],
)
def test_respondent_list_bad_input_is_a_400(client, people, answering, params):
    client.force_login(people.respondent)
    response = client.get(RESPONDENT, params)
    assert response.status_code == 400
    assert titles(response) == []


def test_respondent_list_is_the_drafting_bodys_only(client, people, answering):
    client.force_login(people.officer)
    assert client.get(RESPONDENT).status_code == 403
    assert client.get(reverse("consultations:respondent_export_xlsx")).status_code == 403
    assert Draft.objects.count() == 3
