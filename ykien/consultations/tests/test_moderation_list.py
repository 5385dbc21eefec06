"""The moderation list of a draft: search ignoring diacritics, filters, sort, pages kept in the
URL, export of the filtered list (CSV, XLSX, formula-safe), bad input answered with 400, and the
bulk moderation of comments and statements, each row through the lifecycle service, confirmed
first, with a report of what was done and what was refused and why."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse

from ykien.consultations import services
from ykien.consultations.models import Comment, CommentStatus, Node, Statement, StatementStatus
from ykien.consultations.tests.conftest import comment_on, make_draft
from ykien.core.models import AuditEvent
from ykien.core.permissions import SYSTEM

pytestmark = pytest.mark.django_db


def url(draft, name="moderation"):
    return reverse(f"consultations:{name}", args=[draft.pk])


def numbers(response) -> list[int]:
    """The comment numbers listed, in order (the bulk boxes of the rows)."""
    return [
        int(n)
        for n in re.findall(r'name="ids" value="(\d+)" form="bulk"', response.content.decode())
    ]


@pytest.fixture
def world(draft, people):
    article = Node.objects.filter(draft=draft, kind="article").order_by("position").first()
    road = comment_on(
        article, people.citizen, stance="disagree", reasons="Đường liên ấp bị sụt lún nặng."
    )
    light = comment_on(
        draft, people.leader, stance="agree", reasons="Đồng ý với đèn chiếu sáng công cộng."
    )
    formula = comment_on(
        article,
        people.officer,
        stance="reword",
        proposed_wording='=HYPERLINK("http://x.vn","Bấm")',
        reasons="Sửa câu chữ cho rõ.",
    )
    # Reported twice: not yet held (the threshold is 3).
    for key in ("a:1", "a:2"):
        services.comment_report(comment=light, participant=services.Participant.anonymous(key))
    return {"road": road, "light": light, "formula": formula, "article": article}


def test_search_ignores_diacritics_and_case(client, people, draft, world):
    client.force_login(people.officer)
    for q in ("duong lien ap", "Đường LIÊN", "sut lun"):
        response = client.get(url(draft), {"q": q})
        assert response.status_code == 200
        assert numbers(response) == [world["road"].pk], q
    assert numbers(client.get(url(draft), {"q": "duong den"})) == []
    assert "0 góp ý" in client.get(url(draft), {"q": "zzzqqq"}).content.decode()


def test_filters(client, people, draft, world):
    services.comment_moderate(
        actor=people.officer, comment=world["road"], to="hidden", reason="Nội dung trùng lặp"
    )
    client.force_login(people.officer)
    get = lambda **p: numbers(client.get(url(draft), {"sort": "number", **p}))  # noqa: E731
    assert get(status="hidden") == [world["road"].pk]
    assert get(status="visible") == [world["light"].pk, world["formula"].pk]
    assert get(stance="reword") == [world["formula"].pk]
    assert get(stance="agree", status="visible") == [world["light"].pk]
    assert get(reported="on") == [world["light"].pk]


def test_sort(client, people, draft, world):
    client.force_login(people.officer)
    ids = [world["road"].pk, world["light"].pk, world["formula"].pk]
    assert numbers(client.get(url(draft), {"sort": "number"})) == ids
    assert numbers(client.get(url(draft), {"sort": "-number"})) == ids[::-1]
    # The default: most reported first, then the newest.
    assert numbers(client.get(url(draft))) == [world["light"].pk, ids[2], ids[0]]
    assert numbers(client.get(url(draft), {"sort": "reports"})) == [ids[0], ids[2], ids[1]]
    assert numbers(client.get(url(draft), {"sort": "stance"})) == [ids[1], ids[0], ids[2]]


def test_pages_keep_the_filters(client, people, draft, monkeypatch):
    from ykien.core import lists

    monkeypatch.setattr(lists.page_of, "__kwdefaults__", {"per_page": 2})
    made = [
        comment_on(draft, people.citizen, stance="agree", reasons=f"Cầu tre số {i}")
        for i in range(3)
    ]
    client.force_login(people.officer)
    first = client.get(url(draft), {"q": "cau tre", "sort": "number"})
    assert numbers(first) == [made[0].pk, made[1].pk]
    assert 'href="?q=cau+tre&amp;sort=number&amp;page=2"' in first.content.decode()
    second = client.get(url(draft), {"q": "cau tre", "sort": "number", "page": 2})
    assert numbers(second) == [made[2].pk]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sort": "participant"}, "Không thể sắp xếp theo cột này."),
        ({"page": "abc"}, "Số trang không hợp lệ."),
        ({"page": "NaN"}, "Số trang không hợp lệ."),
        ({"page": "99"}, "Trang 99 không tồn tại."),
        ({"page": str(2**64)}, "Số trang không hợp lệ."),
        ({"q": "a" * 10_000}, "Từ khóa tìm kiếm dài tối đa 200 ký tự."),
        ({"status": "deleted"}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
        ({"stance": str(2**64)}, "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."),
    ],
)
def test_bad_input_is_a_translated_400(client, people, draft, world, params, message):
    client.force_login(people.officer)
    response = client.get(url(draft), params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert numbers(response) == []
    if "page" not in params:  # an export is every page of the list
        assert client.get(url(draft, "moderation_export"), params).status_code == 400


def test_export_csv_is_the_filtered_list_and_formula_safe(client, people, draft, world):
    client.force_login(people.officer)
    response = client.get(url(draft, "moderation_export"), {"stance": "reword", "page": 1})
    assert response["Content-Disposition"] == (
        f'attachment; filename="gop-y-du-thao-{draft.pk}.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Số", "Vị trí", "Ý kiến", "Đề xuất cách viết", "Lý do", "Trạng thái",
         "Số lần báo cáo", "Lý do xử lý", "Ngày gửi"],
        [str(world["formula"].pk), "Điều 1", "Đề xuất cách viết khác",
         "'=HYPERLINK(\"http://x.vn\",\"Bấm\")", "Sửa câu chữ cho rõ.", "Đang hiển thị", "0", "",
         "26/11/2026 16:00"],
    ]  # fmt: skip
    response = client.get(url(draft, "moderation_export"), {"q": "duong lien ap"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == [str(world["road"].pk)]


def test_export_xlsx_keeps_texts_as_text(client, people, draft, world):
    from openpyxl import load_workbook

    client.force_login(people.officer)
    response = client.get(url(draft, "moderation_export_xlsx"), {"sort": "number"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [r[0] for r in rows[1:]] == [world["road"].pk, world["light"].pk, world["formula"].pk]
    assert rows[3][3] == '=HYPERLINK("http://x.vn","Bấm")'
    assert sheet.cell(row=4, column=4).data_type == "s"


def test_officer_of_another_unit_sees_and_does_nothing(client, people, draft, world):
    client.force_login(people.other_officer)
    assert client.get(url(draft)).status_code == 403
    assert client.get(url(draft, "moderation_export")).status_code == 403
    response = client.post(
        url(draft, "moderation_bulk"),
        {"ids": [world["road"].pk], "action": "hide", "reason": "Không phù hợp", "confirm": "1"},
    )
    assert response.status_code == 403
    response = client.post(
        url(draft, "statements_bulk"), {"ids": [1], "action": "approve", "confirm": "1"}
    )
    assert response.status_code == 403
    assert set(Comment.objects.values_list("status", flat=True)) == {CommentStatus.VISIBLE}


def test_bulk_hide_asks_for_confirmation_then_reports_done_and_refused(
    client, people, draft, tree, world
):
    services.comment_moderate(
        actor=people.officer, comment=world["road"], to="hidden", reason="Nội dung trùng lặp"
    )
    other = make_draft(tree, people.officer, title="Dự thảo khác")
    elsewhere = comment_on(other, people.citizen, stance="agree", reasons="Ở dự thảo khác.")
    ids = [world["light"].pk, world["road"].pk, elsewhere.pk, world["formula"].pk]
    data = {"ids": ids, "action": "hide", "reason": "Lời lẽ không phù hợp"}
    client.force_login(people.officer)

    confirm = client.post(url(draft, "moderation_bulk"), data)
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Xác nhận thao tác: Ẩn góp ý" in html
    assert f"Không tìm thấy trong dự thảo này: #{elsewhere.pk}" in html
    assert Comment.objects.filter(status=CommentStatus.HIDDEN).count() == 1  # nothing yet

    result = client.post(url(draft, "moderation_bulk"), {**data, "confirm": "1"})
    assert result.status_code == 200
    html = result.content.decode()
    done = re.findall(r'<ul class="bulk-done">(.*?)</ul>', html, re.S)[0]
    refused = re.findall(r'<ul class="bulk-refused">(.*?)</ul>', html, re.S)[0]
    assert re.findall(r"<li>(.*?)</li>", done) == [
        f"Góp ý #{world['light'].pk}: Đã ẩn.",
        f"Góp ý #{world['formula'].pk}: Đã ẩn.",
    ]
    road_refusal, elsewhere_refusal = re.findall(r"<li>(.*?)</li>", refused)
    assert road_refusal == (
        f"Góp ý #{world['road'].pk}: Không thể thực hiện “Ẩn” khi đang ở trạng thái “Đã ẩn”."
    )
    assert elsewhere_refusal == f"Góp ý #{elsewhere.pk}: Không tìm thấy góp ý này trong dự thảo."
    assert dict(Comment.objects.values_list("pk", "status")) == {
        world["road"].pk: CommentStatus.HIDDEN,
        world["light"].pk: CommentStatus.HIDDEN,
        world["formula"].pk: CommentStatus.HIDDEN,
        elsewhere.pk: CommentStatus.VISIBLE,
    }
    assert Comment.objects.get(pk=world["light"].pk).moderation_reason == "Lời lẽ không phù hợp"
    # Each through the lifecycle: one audit record per comment moved.
    assert AuditEvent.objects.filter(action="consultations.comment.hide").count() == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "hide", "reason": "Lời lẽ không phù hợp"}, "Hãy chọn ít nhất một mục."),
        ({"ids": ["abc"], "action": "hide", "reason": "Lời lẽ"}, "Mục đã chọn không hợp lệ."),
        ({"ids": [str(2**64)], "action": "approve"}, "Mục đã chọn không hợp lệ."),
        ({"ids": ["NaN"], "action": "approve"}, "Mục đã chọn không hợp lệ."),
        ({"ids": ["{c}"], "action": "hide", "reason": "xx"}, "Cần ghi lý do (ít nhất 5 ký tự)."),
        ({"ids": ["{c}"], "action": "delete"}, "Lựa chọn không hợp lệ; hãy chọn lại"),
        ({"ids": [str(i) for i in range(1, 202)], "action": "approve"}, "Chọn tối đa 200 mục"),
    ],
)
def test_bulk_bad_input_is_a_400_and_changes_nothing(client, people, draft, world, data, message):
    c = str(world["road"].pk)
    data = {**data, "confirm": "1"}
    if "ids" in data:
        data["ids"] = [x.replace("{c}", c) for x in data["ids"]]
    client.force_login(people.officer)
    response = client.post(url(draft, "moderation_bulk"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert set(Comment.objects.values_list("status", flat=True)) == {CommentStatus.VISIBLE}
    assert not AuditEvent.objects.filter(action__startswith="consultations.comment.").exists()


def test_bulk_statements_through_the_lifecycle(client, people, draft):
    who = services.Participant.of_user(people.citizen)
    first = services.statement_propose(draft=draft, participant=who, text="Nên hỗ trợ thêm.")
    second = services.statement_propose(draft=draft, participant=who, text="Cần giảm thủ tục.")
    services.statement_moderate(actor=SYSTEM, statement=second, to="rejected", reason="Trùng ý")
    client.force_login(people.officer)
    data = {"ids": [first.pk, second.pk], "action": "withdraw", "reason": "Trùng lặp ý"}
    assert client.post(url(draft, "statements_bulk"), {**data, "reason": "x"}).status_code == 400
    confirm = client.post(url(draft, "statements_bulk"), data)
    assert "Xác nhận thao tác: Không đưa ra biểu quyết" in confirm.content.decode()
    assert Statement.objects.get(pk=first.pk).status == StatementStatus.PENDING
    result = client.post(url(draft, "statements_bulk"), {**data, "confirm": "1"})
    html = result.content.decode()
    assert f"<li>Nhận định #{first.pk}: Đã không đưa ra biểu quyết.</li>" in html
    assert (
        f'<ul class="bulk-refused"><li>Nhận định #{second.pk}: Không thể thực hiện “Không đưa ra'
        " biểu quyết” khi đang ở trạng thái “Không đưa ra biểu quyết”.</li></ul>"
    ) in html
    assert Statement.objects.get(pk=first.pk).status == StatementStatus.REJECTED
    result = client.post(
        url(draft, "statements_bulk"), {"ids": [first.pk], "action": "approve", "confirm": "1"}
    )
    assert f"<li>Nhận định #{first.pk}: Đã đưa ra biểu quyết.</li>" in result.content.decode()
    assert Statement.objects.get(pk=first.pk).status == StatementStatus.ACTIVE


def test_search_text_is_written_at_intake(draft, people):
    comment = comment_on(
        draft, people.citizen, stance="reword", proposed_wording="Bổ sung Điều", reasons="Rõ HƠN"
    )
    assert Comment.objects.get(pk=comment.pk).search_text == " bo sung dieu ro hon "
