"""Regulation 124 feedback for the people who handle it: the inbox and each item are open to the
same people, the assigned handler finds the item on their worklist with its due date, and the
status form never moves an item backwards."""

import datetime as dt

import pytest
from django.conf import settings

from ykien.core.models import AuditEvent
from ykien.core.pii import SenderIdentity
from ykien.core.worklist import work_items
from ykien.oversight import services as s
from ykien.oversight.models import ConductFeedback
from ykien.oversight.tests.conftest import TODAY

pytestmark = pytest.mark.django_db
SENDER = SenderIdentity(name="Lý Văn Hòa", address="Ấp 2, xã Long Hồ", phone="0912345678")
INBOX = "/can-bo/giam-sat/phan-anh-124/"
# Received on Thursday 26/11/2026: 30 days end on Saturday 26/12, so the review is due Monday.
DUE = dt.date(2026, 12, 28)


@pytest.fixture
def feedback(world):
    position = s.position_create(actor=world.officer, unit=world.ubnd, title="Giám đốc Sở")
    return s.feedback_submit(
        position=position,
        content="Người giữ chức vụ này dùng xe công đi việc riêng vào ngày nghỉ.",
        identity=SENDER,
    )


@pytest.mark.parametrize(
    ("who", "inbox", "item"),
    [
        ("anonymous", 302, 302),
        ("citizen", 403, 403),
        ("other_officer", 200, 403),
        ("handler", 200, 200),
        ("leader", 200, 200),
    ],
)
def test_inbox_and_item_are_open_to_the_same_people(
    world, feedback, client, no_otp, who, inbox, item
):
    if who != "anonymous":
        client.force_login(getattr(world, who))
    listed = client.get(INBOX)
    opened = client.get(f"{INBOX}{feedback.pk}/")
    assert (listed.status_code, opened.status_code) == (inbox, item)
    if inbox == 200:
        # Exactly those who may open the item find it in the inbox.
        assert (feedback.tracking_code in listed.content.decode()) == (item == 200)


def test_the_handler_of_a_front_committee_has_the_inbox_permission(world):
    assert world.handler.has_perm("oversight.view_feedback_inbox")
    assert not world.citizen.has_perm("oversight.view_feedback_inbox")
    assert not world.respondent.has_perm("oversight.view_feedback_inbox")


def test_the_assigned_item_is_on_the_handlers_worklist_with_its_due_date(world, feedback):
    w = world
    assert [i.title for i in work_items(user=w.handler, today=TODAY)] == []
    leader_items = [
        i for i in work_items(user=w.leader, today=TODAY) if i.kind == "oversight.feedback"
    ]
    assert [(i.title, i.due) for i in leader_items] == [
        (f"Giao cán bộ xem xét phản ánh {feedback.tracking_code} về Giám đốc Sở", DUE)
    ]
    s.feedback_assign(actor=w.leader, feedback=feedback, handler=w.handler)
    (item,) = work_items(user=w.handler, today=TODAY)
    assert item.title == f"Xem xét phản ánh {feedback.tracking_code} về Giám đốc Sở"
    assert item.url == f"{INBOX}{feedback.pk}/"
    assert item.due == DUE
    assert item.unit == w.province.name
    assert item.basis == (
        "Phản ánh theo Quy định 124: xem xét, xác minh: 30 ngày kể từ 26/11/2026 — Quy định"
        " 124-QĐ/TW năm 2018 không quy định số ngày; mặc định của nền tảng: 30 ngày"
    )
    assert [
        i for i in work_items(user=w.leader, today=TODAY) if i.kind == "oversight.feedback"
    ] == []
    # Finished feedback leaves the list.
    s.feedback_set_status(actor=w.handler, feedback=feedback, status="reviewing")
    s.feedback_set_status(
        actor=w.handler, feedback=feedback, status="dismissed", conclusion="Không có căn cứ."
    )
    assert work_items(user=w.handler, today=TODAY) == []


def test_the_workspace_shows_the_assigned_item(world, feedback, client, no_otp):
    s.feedback_assign(actor=world.leader, feedback=feedback, handler=world.handler)
    client.force_login(world.handler)
    page = client.get("/can-bo/").content.decode()
    assert f"Xem xét phản ánh {feedback.tracking_code} về Giám đốc Sở" in page
    assert "28/12/2026" in page
    assert f'href="{INBOX}"' in page  # the inbox is linked from the workspace


def _status_options(page: str) -> list[str]:
    start = page.index('name="status-status"')
    return [
        part.split('"', 1)[0]
        for part in page[start : page.index("</select>", start)].split('value="')[1:]
    ]


def test_status_form_offers_only_the_next_statuses(world, feedback, client, no_otp):
    w = world
    s.feedback_assign(actor=w.leader, feedback=feedback, handler=w.handler)
    client.force_login(w.handler)
    url = f"{INBOX}{feedback.pk}/"
    # An empty first choice: nothing is preselected (test_feedback_handling).
    assert _status_options(client.get(url).content.decode()) == ["", "reviewing"]
    s.feedback_set_status(actor=w.handler, feedback=feedback, status="reviewing")
    assert _status_options(client.get(url).content.decode()) == ["", "concluded", "dismissed"]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("vi", "Không thể chuyển phản ánh từ “Đang xem xét, xác minh” sang “Đã tiếp nhận”."),
        ("en", "A report cannot move from “Under review and verification” to “Received”."),
    ],
)
def test_a_backward_move_is_refused_and_changes_nothing(
    world, feedback, client, no_otp, language, message
):
    w = world
    s.feedback_assign(actor=w.leader, feedback=feedback, handler=w.handler)
    s.feedback_set_status(actor=w.handler, feedback=feedback, status="reviewing")
    client.force_login(w.handler)  # signing in is logged too: count what comes after
    events = AuditEvent.objects.count()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(
        f"{INBOX}{feedback.pk}/", {"action": "status", "status-status": "received"}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ConductFeedback.objects.get(pk=feedback.pk).status == "reviewing"
    assert AuditEvent.objects.count() == events


def test_an_unknown_status_is_refused(world, feedback, client, no_otp):
    s.feedback_assign(actor=world.leader, feedback=feedback, handler=world.handler)
    client.force_login(world.handler)
    response = client.post(f"{INBOX}{feedback.pk}/", {"action": "status", "status-status": "x"})
    assert response.status_code == 400
    assert ConductFeedback.objects.get(pk=feedback.pk).status == "received"


def test_audit_log_names_feedback_actions_and_people(world, feedback, client, no_otp):
    w = world
    s.feedback_assign(actor=w.leader, feedback=feedback, handler=w.handler)
    s.feedback_set_status(actor=w.handler, feedback=feedback, status="reviewing")
    client.force_login(w.leader)
    log = client.get("/can-bo/nhat-ky/").content.decode().split("<table>", 1)[1]
    for text in (
        "<td>Tiếp nhận phản ánh theo Quy định 124</td>",
        "<td>Giao cán bộ xem xét phản ánh</td>",
        "<td>Cập nhật kết quả xem xét phản ánh</td>",
        f"<li>Cán bộ được giao xem xét: — → {w.handler.full_name}</li>",
        "<li>Trạng thái: Đã tiếp nhận → Đang xem xét, xác minh</li>",
        "<li>Ủy ban MTTQ tiếp nhận: Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long</li>",
    ):
        assert text in log, text
    for code in ("oversight.feedback", "oversight.conductfeedback", "reviewing", "{'"):
        assert code not in log, code
    assert feedback.tracking_code not in log  # the code lets its holder follow the feedback
