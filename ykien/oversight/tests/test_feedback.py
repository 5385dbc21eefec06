"""Regulation 124: feedback on the holder of a position, routed to the competent front committee,
the sender protected exactly as a denouncer (through the petitions app's services)."""

import pytest

from ykien.core.errors import PermissionDenied, ValidationFailed
from ykien.core.models import AuditEvent, Role
from ykien.core.pii import SenderIdentity
from ykien.core.tests.factories import UserFactory, grant
from ykien.oversight import services as s
from ykien.oversight.models import ConductFeedback

pytestmark = pytest.mark.django_db
SENDER = SenderIdentity(name="Lý Văn Hòa", address="Ấp 2, xã Long Hồ", phone="0912345678")


@pytest.fixture
def feedback(world):
    position = s.position_create(actor=world.officer, unit=world.ubnd, title="Giám đốc Sở")
    return s.feedback_submit(
        position=position,
        content="Người giữ chức vụ này dùng xe công đi việc riêng vào ngày nghỉ.",
        identity=SENDER,
    )


def test_feedback_is_routed_to_the_competent_front(world, feedback):
    w = world
    assert feedback.front == w.province
    own = s.position_create(actor=w.officer, unit=w.commune, title="Chủ tịch Ủy ban MTTQ xã")
    about_front = s.feedback_submit(
        position=own, content="Phản ánh về lối sống của người giữ chức vụ.", identity=SENDER
    )
    assert about_front.front == w.province  # never the committee of the official itself


def test_the_identity_is_stored_only_encrypted(world, feedback):
    row = ConductFeedback.objects.filter(pk=feedback.pk).values().get()
    flat = " ".join(str(v) for v in row.values())
    for secret in ("Lý Văn Hòa", "0912345678", "Ấp 2"):
        assert secret not in flat
    assert row["sender_ciphertext"]
    audit = " ".join(
        str((e.before, e.after, e.reason, e.object_repr)) for e in AuditEvent.objects.all()
    )
    for secret in ("Lý Văn Hòa", "0912345678", row["sender_ciphertext"], row["sender_hash"]):
        assert secret not in audit


def test_sender_required_and_nothing_stored_without(world):
    position = s.position_create(actor=world.officer, unit=world.ubnd, title="Giám đốc Sở")
    with pytest.raises(ValidationFailed) as exc:
        s.feedback_submit(
            position=position,
            content="Phản ánh đủ dài về lối sống cán bộ.",
            identity=SenderIdentity(name="A"),
        )
    assert exc.value.code == "sender_required"
    assert ConductFeedback.objects.count() == 0


def test_only_the_assigned_handler_and_the_leader_over_them_see_the_sender(world, feedback):
    w = world
    other_handler = UserFactory(username="xuly2")
    grant(other_handler, w.province, Role.HANDLER)
    superuser = UserFactory(username="root", is_superuser=True)
    # Before assignment nobody may see the sender, not even the leader.
    for user in (w.leader, w.handler, w.officer, superuser):
        with pytest.raises(PermissionDenied):
            s.feedback_sender_reveal(actor=user, feedback=feedback, reason="Xác minh nội dung")
    with pytest.raises(PermissionDenied):
        s.feedback_assign(actor=w.officer, feedback=feedback, handler=w.handler)
    with pytest.raises(ValidationFailed):
        s.feedback_assign(actor=w.leader, feedback=feedback, handler=w.officer)
    feedback = s.feedback_assign(actor=w.leader, feedback=feedback, handler=w.handler)
    for user in (other_handler, w.officer, w.other_officer, w.respondent, superuser):
        with pytest.raises(PermissionDenied):
            s.feedback_sender_reveal(actor=user, feedback=feedback, reason="Xác minh nội dung")
    with pytest.raises(ValidationFailed):
        s.feedback_sender_reveal(actor=w.handler, feedback=feedback, reason="xem")
    assert (
        s.feedback_sender_reveal(actor=w.handler, feedback=feedback, reason="Xác minh nội dung")
        == SENDER
    )
    assert (
        s.feedback_sender_reveal(actor=w.leader, feedback=feedback, reason="Kiểm tra việc xác minh")
        == SENDER
    )
    reads = AuditEvent.objects.filter(kind=AuditEvent.Kind.READ, object_id=str(feedback.pk))
    assert sorted((e.actor.username, e.reason) for e in reads) == [
        ("lanhdao", "Kiểm tra việc xác minh"),
        ("xuly", "Xác minh nội dung"),
    ]


def test_feedback_status_flow(world, feedback):
    w = world
    with pytest.raises(PermissionDenied):
        s.feedback_set_status(actor=w.other_officer, feedback=feedback, status="reviewing")
    feedback = s.feedback_assign(actor=w.leader, feedback=feedback, handler=w.handler)
    s.feedback_set_status(actor=w.handler, feedback=feedback, status="reviewing")
    with pytest.raises(ValidationFailed):
        s.feedback_set_status(actor=w.handler, feedback=feedback, status="concluded")
    done = s.feedback_set_status(
        actor=w.handler,
        feedback=feedback,
        status="concluded",
        conclusion="Đã báo cáo Thường trực Tỉnh ủy.",
    )
    assert done.status == "concluded"


def test_key_rotation_keeps_the_sender_readable(world, feedback):
    assert s.feedback_rotate_keys() == 1
    feedback = s.feedback_assign(
        actor=world.leader,
        feedback=ConductFeedback.objects.get(pk=feedback.pk),
        handler=world.handler,
    )
    assert (
        s.feedback_sender_reveal(actor=world.handler, feedback=feedback, reason="Sau khi đổi khóa")
        == SENDER
    )


def test_feedback_pages_hide_the_sender_until_revealed(world, feedback, client):
    w = world
    s.feedback_assign(actor=w.leader, feedback=feedback, handler=w.handler)
    url = f"/can-bo/giam-sat/phan-anh-124/{feedback.pk}/"
    client.force_login(w.other_officer)
    assert client.get(url).status_code == 403
    client.force_login(w.officer)
    page = client.get(url).content.decode()
    assert "dùng xe công" in page
    assert "Lý Văn Hòa" not in page
    assert 'name="reveal-reason"' not in page
    client.force_login(w.handler)
    session = client.session
    session["otp_device_id"] = None
    session.save()
    from unittest import mock

    with mock.patch("ykien.core.middleware.user_needs_otp", return_value=False):
        page = client.get(url).content.decode()
        assert 'name="reveal-reason"' in page
        assert "Lý Văn Hòa" not in page
        shown = client.post(url, {"action": "reveal", "reveal-reason": "Xác minh nội dung"})
    assert "Lý Văn Hòa" in shown.content.decode()
    assert shown["Cache-Control"].startswith("max-age=0")


def test_public_form_sends_feedback(world, client, monkeypatch):
    from captcha.conf import settings as captcha_settings

    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)
    position = s.position_create(actor=world.officer, unit=world.ubnd, title="Chủ tịch UBND tỉnh")
    data = {
        "position": position.pk,
        "content": "Phản ánh việc tổ chức tiệc cưới quy mô lớn của gia đình người giữ chức vụ.",
        "full_name": "Nguyễn Thị Mai",
        "address": "Phường 1",
        "captcha_0": "x",
        "captcha_1": "PASSED",
    }
    missing = client.post("/giam-sat/phan-anh-can-bo/", {**data, "address": ""})
    assert missing.status_code == 200
    assert "Phản ánh việc tổ chức tiệc cưới" in missing.content.decode()  # nothing typed is lost
    assert ConductFeedback.objects.count() == 0
    done = client.post("/giam-sat/phan-anh-can-bo/", data)
    feedback = ConductFeedback.objects.get()
    assert feedback.tracking_code in done.content.decode()
    assert feedback.front == world.province


def test_petitions_rotate_keys_also_re_encrypts_regulation_124_senders(world, feedback):
    from ykien.core import pii

    counts = pii.rotate_keys()
    assert counts["oversight_feedback"] == 1
    feedback = s.feedback_assign(
        actor=world.leader,
        feedback=ConductFeedback.objects.get(pk=feedback.pk),
        handler=world.handler,
    )
    assert (
        s.feedback_sender_reveal(actor=world.handler, feedback=feedback, reason="Sau khi đổi khóa")
        == SENDER
    )
