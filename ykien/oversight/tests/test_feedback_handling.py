"""Regulation 124 feedback for the staff who work on it: every officer of the front committee may
read an item, but only the handler it was assigned to (or a leader) changes its status — anyone
else is refused with a translated 403 and nothing changes; the status form preselects nothing;
the inbox flags an open item past its review date."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from ykien.core.errors import PermissionDenied
from ykien.core.models import AuditEvent, Role
from ykien.core.pii import SenderIdentity
from ykien.core.tests.factories import UserFactory, grant
from ykien.oversight import services as s
from ykien.oversight.lifecycle import FEEDBACK
from ykien.oversight.models import ConductFeedback

pytestmark = pytest.mark.django_db
INBOX = "/can-bo/giam-sat/phan-anh-124/"
REFUSED = (
    "Chỉ cán bộ được giao xem xét phản ánh này hoặc lãnh đạo Ủy ban MTTQ tiếp nhận được cập nhật"
    " kết quả."
)


def _feedback(world, *, title: str = "Giám đốc Sở", on: dt.date | None = None) -> ConductFeedback:
    position = s.position_create(actor=world.officer, unit=world.ubnd, title=title)
    return s.feedback_submit(
        position=position,
        content="Người giữ chức vụ này dùng xe công đi việc riêng vào ngày nghỉ.",
        identity=SenderIdentity(name="Lý Văn Hòa", address="Ấp 2, xã Long Hồ"),
        on=on,
    )


@pytest.fixture
def feedback(world) -> ConductFeedback:
    return _feedback(world)


def test_only_the_assigned_handler_or_a_leader_changes_the_status(world, feedback):
    w = world
    other_handler = UserFactory(username="xuly2")
    grant(other_handler, w.province, Role.HANDLER)
    s.feedback_assign(actor=w.leader, feedback=feedback, handler=w.handler)
    feedback.refresh_from_db()
    for user in (w.officer, other_handler, w.other_officer, w.citizen):
        assert not FEEDBACK.can(user, feedback, "review"), user.username
        with pytest.raises(PermissionDenied):
            s.feedback_set_status(actor=user, feedback=feedback, status="reviewing")
    assert ConductFeedback.objects.get(pk=feedback.pk).status == "received"
    for user in (w.handler, w.leader):
        assert FEEDBACK.can(user, feedback, "review"), user.username
    s.feedback_set_status(actor=w.handler, feedback=feedback, status="reviewing")
    assert ConductFeedback.objects.get(pk=feedback.pk).status == "reviewing"


def test_before_assignment_only_a_leader_changes_the_status(world, feedback):
    w = world
    for user in (w.officer, w.handler):
        with pytest.raises(PermissionDenied):
            s.feedback_set_status(actor=user, feedback=feedback, status="reviewing")
    s.feedback_set_status(actor=w.leader, feedback=feedback, status="reviewing")
    assert ConductFeedback.objects.get(pk=feedback.pk).status == "reviewing"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_an_officer_not_assigned_is_refused_with_a_403_and_nothing_changes(
    world, feedback, client, no_otp, language
):
    w = world
    s.feedback_assign(actor=w.leader, feedback=feedback, handler=w.handler)
    client.force_login(w.officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    url = f"{INBOX}{feedback.pk}/"
    page = client.get(url)
    assert page.status_code == 200  # the officer may read the item…
    assert 'name="status-status"' not in page.content.decode()  # …but is offered no change
    events = AuditEvent.objects.count()
    response = client.post(url, {"action": "status", "status-status": "reviewing"})
    assert response.status_code == 403
    html = response.content.decode()
    if language == "vi":
        assert REFUSED in html
        assert "Bạn không có quyền xem trang này" in html
    else:
        assert "You are not allowed to see this page" in html
    assert "oversight.handle_feedback" not in html
    assert ConductFeedback.objects.get(pk=feedback.pk).status == "received"
    assert AuditEvent.objects.count() == events


def test_the_status_form_preselects_nothing_and_requires_a_choice(world, feedback, client, no_otp):
    w = world
    s.feedback_assign(actor=w.leader, feedback=feedback, handler=w.handler)
    client.force_login(w.handler)
    url = f"{INBOX}{feedback.pk}/"
    html = client.get(url).content.decode()
    start = html.index('name="status-status"')
    select = html[start : html.index("</select>", start)]
    assert "required" in select
    # Only the empty choice is selected: no status is chosen for the officer.
    assert '<option value="" selected>— Chọn trạng thái —</option>' in select
    assert select.count("selected") == 1
    assert [part.split('"', 1)[0] for part in select.split('value="')[1:]] == ["", "reviewing"]

    events = AuditEvent.objects.count()
    response = client.post(url, {"action": "status", "status-status": ""})
    assert response.status_code == 400
    assert "Hãy chọn trạng thái mới." in response.content.decode()
    assert ConductFeedback.objects.get(pk=feedback.pk).status == "received"
    assert AuditEvent.objects.count() == events


def _rows(html: str) -> dict[str, str]:
    """The inbox's rows by tracking code."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = {}
    for row in body.split("<tr>")[1:]:
        code = row.split("</a>", 1)[0].rsplit(">", 1)[1]
        rows[code] = row
    return rows


def test_the_inbox_flags_open_items_past_their_review_date(world, client, no_otp):
    w = world
    late = _feedback(w, title="Giám đốc Sở", on=dt.date(2026, 10, 1))  # due 02/11/2026
    done = _feedback(w, title="Phó Giám đốc Sở", on=dt.date(2026, 10, 1))
    s.feedback_set_status(actor=w.leader, feedback=done, status="reviewing")
    s.feedback_set_status(
        actor=w.leader, feedback=done, status="dismissed", conclusion="Không có căn cứ."
    )
    recent = _feedback(w, title="Chánh Văn phòng", on=dt.date(2026, 11, 20))  # due 21/12/2026
    client.force_login(w.officer)
    rows = _rows(client.get(INBOX).content.decode())
    assert '<span class="badge badge-overdue">quá hạn</span>' in rows[late.tracking_code]
    assert "02/11/2026" in rows[late.tracking_code]
    assert "quá hạn" not in rows[recent.tracking_code]
    assert "quá hạn" not in rows[done.tracking_code]  # finished: no review date any more

    # Past the recent item's date too, it is flagged as well.
    when = dt.datetime(2026, 12, 22, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(when, tick=False):
        client.force_login(w.officer)
        rows = _rows(client.get(INBOX).content.decode())
    assert "quá hạn" in rows[recent.tracking_code]
