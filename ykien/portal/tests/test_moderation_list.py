"""The moderation list of readers' feedback: search ignoring diacritics, filters, sort, pages
kept in the URL, export of the filtered list (CSV, XLSX, formula-safe, no sender's name), bad
input answered with 400, and the bulk moderation, each feedback through the lifecycle service,
confirmed first, with a report of what was done and what was refused and why."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse

from ykien.core.models import AuditEvent, Role
from ykien.core.tests.factories import UserFactory, grant
from ykien.portal import services
from ykien.portal.models import Feedback, FeedbackStatus
from ykien.portal.tests.conftest import published

pytestmark = pytest.mark.django_db

URL = reverse("portal:moderation")
BULK = reverse("portal:moderation_bulk")


def numbers(response) -> list[int]:
    return [
        int(n)
        for n in re.findall(r'name="ids" value="(\d+)" form="bulk"', response.content.decode())
    ]


def send(article, title: str, content: str = "Nội dung.", name: str = "Trần Văn Hòa"):
    return services.feedback_submit(article=article, name=name, title=title, content=content)


@pytest.fixture
def world(article, officer):
    road = send(article, "Đường liên ấp sụt lún", "Đề nghị sửa đường.")
    light = send(article, "Đèn chiếu sáng", "Cần thêm đèn ở ngã ba.")
    formula = send(article, '=HYPERLINK("http://x.vn","Bấm")', "@SUM(A1)", name="=cmd")
    services.feedback_moderate(actor=officer, feedback=light, to="published")
    services.feedback_reply(actor=officer, feedback=light, reply="Đã chuyển UBND xã.")
    return {"road": road, "light": light, "formula": formula}


def test_search_ignores_diacritics_and_case(client, officer, world):
    client.force_login(officer)
    for q in ("duong lien ap", "ĐƯỜNG liên", "sua duong"):
        assert numbers(client.get(URL, {"q": q})) == [world["road"].pk], q
    assert numbers(client.get(URL, {"q": "Tran Van Hoa"})) == []  # never the sender's name
    assert "0 ý kiến" in client.get(URL, {"q": "zzzqqq"}).content.decode()


def test_filters_and_sort(client, officer, world):
    client.force_login(officer)
    ids = [world["road"].pk, world["light"].pk, world["formula"].pk]
    assert numbers(client.get(URL)) == ids  # oldest first: a queue
    assert numbers(client.get(URL, {"sort": "-number"})) == ids[::-1]
    assert numbers(client.get(URL, {"status": "pending"})) == [ids[0], ids[2]]
    assert numbers(client.get(URL, {"status": "published"})) == [ids[1]]
    assert numbers(client.get(URL, {"answered": "yes"})) == [ids[1]]
    assert numbers(client.get(URL, {"answered": "no", "sort": "-created"})) == [ids[2], ids[0]]
    assert numbers(client.get(URL, {"sort": "status"})) == [ids[0], ids[2], ids[1]]


def test_pages_keep_the_filters(client, officer, article, monkeypatch):
    from ykien.core import lists

    monkeypatch.setattr(lists.page_of, "__kwdefaults__", {"per_page": 2})
    made = [send(article, f"Cầu tre số {i}") for i in range(3)]
    client.force_login(officer)
    first = client.get(URL, {"q": "cau tre", "sort": "number"})
    assert numbers(first) == [made[0].pk, made[1].pk]
    assert 'href="?q=cau+tre&amp;sort=number&amp;page=2"' in first.content.decode()
    assert numbers(client.get(URL, {"q": "cau tre", "sort": "number", "page": 2})) == [made[2].pk]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sort": "token"}, "Không thể sắp xếp theo cột này."),
        ({"page": "abc"}, "Số trang không hợp lệ."),
        ({"page": "NaN"}, "Số trang không hợp lệ."),
        ({"page": "99"}, "Trang 99 không tồn tại."),
        ({"page": str(2**64)}, "Số trang không hợp lệ."),
        ({"q": "a" * 10_000}, "Từ khóa tìm kiếm dài tối đa 200 ký tự."),
        ({"status": "deleted"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
        ({"answered": str(2**64)}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
    ],
)
def test_bad_input_is_a_translated_400(client, officer, world, params, message):
    client.force_login(officer)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert numbers(response) == []
    if "page" not in params:
        assert client.get(reverse("portal:moderation_export"), params).status_code == 400


def test_export_csv_is_the_filtered_list_formula_safe_without_names(client, officer, world):
    client.force_login(officer)
    response = client.get(reverse("portal:moderation_export"), {"status": "pending"})
    assert response["Content-Disposition"] == 'attachment; filename="y-kien-ban-doc.csv"'
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "Số", "Tin bài", "Tiêu đề", "Nội dung", "Trạng thái", "Ngày gửi", "Lý do không đăng",
        "Trả lời của đơn vị",
    ]  # fmt: skip
    assert [r[0] for r in rows[1:]] == [str(world["road"].pk), str(world["formula"].pk)]
    assert rows[2][2:5] == ['\'=HYPERLINK("http://x.vn","Bấm")', "'@SUM(A1)", "Chờ duyệt"]
    assert "Trần Văn Hòa" not in text
    assert "cmd" not in text


def test_export_xlsx_keeps_texts_as_text(client, officer, world):
    from openpyxl import load_workbook

    client.force_login(officer)
    response = client.get(reverse("portal:moderation_export_xlsx"), {"q": "hyperlink"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[1][:3] == [world["formula"].pk, "Giám sát việc hòa giải ở cơ sở",
                           '=HYPERLINK("http://x.vn","Bấm")']  # fmt: skip
    assert sheet.cell(row=2, column=3).data_type == "s"


def test_bulk_confirms_then_reports_done_and_refused(client, officer, tree, world):
    other_officer = UserFactory(username="canbo-camau")
    grant(other_officer, tree.prov_b, Role.OFFICER)
    elsewhere = send(published(other_officer, tree.prov_b, "Tin Cà Mau"), "Ở tỉnh khác")
    ids = [world["road"].pk, world["light"].pk, elsewhere.pk, world["formula"].pk]
    data = {"ids": ids, "action": "published"}
    client.force_login(officer)

    confirm = client.post(BULK, data)
    html = confirm.content.decode()
    assert "Xác nhận thao tác: Đăng" in html
    assert f"Không tìm thấy trong phạm vi của bạn: #{elsewhere.pk}" in html
    assert Feedback.objects.filter(status="published").count() == 1  # nothing yet

    html = client.post(BULK, {**data, "confirm": "1"}).content.decode()
    done = re.findall(r'<ul class="bulk-done">(.*?)</ul>', html, re.S)[0]
    refused = re.findall(r'<ul class="bulk-refused">(.*?)</ul>', html, re.S)[0]
    assert re.findall(r"<li>(.*?)</li>", done) == [
        f"Ý kiến #{world['road'].pk}: Đã đăng.",
        f"Ý kiến #{world['formula'].pk}: Đã đăng.",
    ]
    assert re.findall(r"<li>(.*?)</li>", refused) == [
        f"Ý kiến #{world['light'].pk}: Không thể thực hiện “Đăng” khi đang ở trạng thái “Đã đăng”.",
        f"Ý kiến #{elsewhere.pk}: Không tìm thấy ý kiến này trong phạm vi của bạn.",
    ]
    assert dict(Feedback.objects.values_list("pk", "status")) == {
        world["road"].pk: "published",
        world["light"].pk: "published",
        world["formula"].pk: "published",
        elsewhere.pk: "pending",
    }
    assert AuditEvent.objects.filter(action="portal.feedback.published").count() == 3


def test_officer_of_another_unit_sees_and_does_nothing(client, tree, world):
    other_officer = UserFactory(username="canbo-camau")
    grant(other_officer, tree.prov_b, Role.OFFICER)
    client.force_login(other_officer)
    assert numbers(client.get(URL)) == []
    export = client.get(reverse("portal:moderation_export")).content.decode("utf-8-sig")
    assert len(export.splitlines()) == 1  # the header only
    response = client.post(
        BULK, {"ids": [world["road"].pk], "action": "rejected", "note": "x", "confirm": "1"}
    )
    assert f"Ý kiến #{world['road'].pk}: Không tìm thấy" in response.content.decode()
    assert Feedback.objects.get(pk=world["road"].pk).status == FeedbackStatus.PENDING
    citizen = UserFactory(username="congdan")
    client.force_login(citizen)
    assert client.get(URL).status_code == 403
    assert client.post(BULK, {"ids": [world["road"].pk], "action": "rejected"}).status_code == 403


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "published"}, "Hãy chọn ít nhất một mục."),
        ({"ids": ["abc"], "action": "published"}, "Mục đã chọn không hợp lệ."),
        ({"ids": [str(2**64)], "action": "published"}, "Mục đã chọn không hợp lệ."),
        ({"ids": ["1"], "action": "pending"}, "Lựa chọn không hợp lệ; hãy chọn lại"),
        ({"ids": ["1"], "action": "rejected", "note": "x" * 300}, "255"),
    ],
)
def test_bulk_bad_input_is_a_400_and_changes_nothing(client, officer, world, data, message):
    client.force_login(officer)
    response = client.post(BULK, {**data, "confirm": "1"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Feedback.objects.filter(status="pending").count() == 2
    assert not AuditEvent.objects.filter(action="portal.feedback.rejected").exists()


def test_search_text_is_written_with_the_feedback(article):
    feedback = send(article, "Đường HƯ", "Cần sửa.", name="Lê Thị Lan")
    assert Feedback.objects.get(pk=feedback.pk).search_text == " duong hu can sua "
