"""The permission matrix: anonymous, citizen, officer of another unit, officer, handler
(assigned or not), leader of this unit and of another, superuser (every permission but the
personal ones: a superuser never sees a protected sender for being one), the system."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from ykien.core.models import AuditEvent, Role
from ykien.core.permissions import SYSTEM, allows
from ykien.core.tests.factories import UserFactory, grant
from ykien.petitions import services
from ykien.petitions.models import Kind

from .conftest import PLANTED_NAME, otp_login, submit

pytestmark = pytest.mark.django_db


def who(people, name):
    if name == "anonymous":
        return AnonymousUser()
    if name == "superuser":
        return UserFactory(username="root", is_superuser=True, is_staff=True)
    if name == "system":
        return SYSTEM
    return getattr(people, name)


MATRIX = [
    # person,          view,  handle, reveal report, reveal denunciation
    ("anonymous", False, False, False, False),
    ("citizen", False, False, False, False),
    ("other_officer", False, False, False, False),
    ("other_handler", False, False, False, False),
    ("other_leader", False, False, False, False),
    ("officer", True, False, False, False),
    ("handler", True, True, True, True),  # the assigned handler
    ("handler2", True, True, True, False),  # a handler of the unit, not assigned
    ("leader", True, True, True, True),  # leads the assigned handler
    ("superuser", True, True, False, False),  # every permission but the personal reveal
    ("system", True, True, True, True),
]


@pytest.mark.parametrize(
    ("person", "view", "handle", "reveal_report", "reveal_denunciation"), MATRIX
)
def test_permission_matrix(tree, people, person, view, handle, reveal_report, reveal_denunciation):
    user = who(people, person)
    report = submit(tree.prov_new)
    denunciation = submit(tree.prov_new, kind=Kind.DENUNCIATION)
    services.petition_assign(actor=SYSTEM, petition=denunciation, handler=people.handler)
    denunciation.refresh_from_db()
    assert allows(user, "petitions.view_petition", report) is view
    assert allows(user, "petitions.handle_petition", report) is handle
    assert allows(user, "petitions.reveal_identity", report) is reveal_report
    assert allows(user, "petitions.reveal_identity", denunciation) is reveal_denunciation


def test_leader_of_a_unit_above_the_handler_can_reveal(tree, people):
    leader = UserFactory(username="tw")
    grant(leader, tree.central, Role.LEADER)
    denunciation = submit(tree.prov_new, kind=Kind.DENUNCIATION)
    assert not allows(leader, "petitions.reveal_identity", denunciation)  # nobody assigned yet
    services.petition_assign(actor=SYSTEM, petition=denunciation, handler=people.handler)
    denunciation.refresh_from_db()
    assert allows(leader, "petitions.reveal_identity", denunciation)


def test_handler_who_lost_the_role_cannot_reveal(tree, people):
    import datetime as dt

    from ykien.core import services as core_services
    from ykien.core.models import RoleGrant

    denunciation = submit(tree.prov_new, kind=Kind.DENUNCIATION)
    services.petition_assign(actor=SYSTEM, petition=denunciation, handler=people.handler)
    denunciation.refresh_from_db()
    g = RoleGrant.objects.get(user=people.handler, role=Role.HANDLER)
    core_services.role_revoke(actor=SYSTEM, grant=g, on=dt.date(2021, 1, 1))
    assert not allows(people.handler, "petitions.reveal_identity", denunciation)


def test_staff_pages_require_a_role(client, tree, people):
    p = submit(tree.prov_new)
    url = reverse("petitions:staff_detail", args=[p.pk])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(people.citizen)
    assert client.get(url).status_code == 403
    assert client.get(reverse("petitions:staff_list")).status_code == 403
    client.force_login(people.other_officer)
    assert client.get(url).status_code == 403
    client.force_login(people.officer)
    html = client.get(url).content.decode()
    assert "Đường liên ấp xuống cấp" in html
    assert PLANTED_NAME not in html
    assert 'action="/can-bo/don-thu/' not in html  # no handling forms for an officer
    response = client.post(reverse("petitions:staff_action", args=[p.pk, "accept"]))
    assert response.status_code == 403


def test_officer_sees_no_denunciation_content(client, tree, people):
    p = submit(tree.prov_new, kind=Kind.DENUNCIATION, content="Nội dung tố cáo bí mật về cán bộ X.")
    client.force_login(people.officer)
    html = client.get(reverse("petitions:staff_detail", args=[p.pk])).content.decode()
    assert "Nội dung tố cáo bí mật" not in html
    assert "chỉ cán bộ xử lý đơn thư và lãnh đạo xem được" in html


def test_handler_handles_by_clicking(client, tree, people):
    p = submit(tree.prov_new)
    otp_login(client, people.handler)
    detail = reverse("petitions:staff_detail", args=[p.pk])
    assert "Thụ lý" in client.get(detail).content.decode()
    client.post(
        reverse("petitions:staff_action", args=[p.pk, "assign"]),
        {"assign-handler": people.handler.pk},
    )
    client.post(reverse("petitions:staff_action", args=[p.pk, "accept"]))
    client.post(
        reverse("petitions:staff_action", args=[p.pk, "settle"]),
        {"settle-conclusion": "Đã kiểm tra"},
    )
    response = client.post(
        reverse("petitions:staff_action", args=[p.pk, "answer"]), {"answer-answer": "Đã sửa đường."}
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == "answered"
    assert p.handler == people.handler


def test_action_error_keeps_the_typed_text(client, tree, people):
    p = submit(tree.prov_new)
    otp_login(client, people.handler)
    response = client.post(
        reverse("petitions:staff_action", args=[p.pk, "transfer"]),
        {"transfer-unit": str(tree.agency_new.pk), "transfer-note": "x"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cần ghi lý do chuyển đơn" in html
    assert 'value="Ủy ban nhân dân tỉnh Vĩnh Long"' in html  # the picked unit, by name


def test_reveal_needs_a_reason_and_is_logged(client, tree, people):
    p = submit(tree.prov_new, kind=Kind.DENUNCIATION)
    services.petition_assign(actor=SYSTEM, petition=p, handler=people.handler)
    otp_login(client, people.handler2)
    assert client.get(reverse("petitions:staff_reveal", args=[p.pk])).status_code == 403
    otp_login(client, people.handler)
    url = reverse("petitions:staff_reveal", args=[p.pk])
    response = client.post(url, {"reason": "ab"})
    assert PLANTED_NAME not in response.content.decode()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.READ).count() == 0
    response = client.post(url, {"reason": "Xác minh để gặp người tố cáo"})
    html = response.content.decode()
    assert PLANTED_NAME in html
    assert (
        response["Cache-Control"].startswith("no-store") or "no-cache" in response["Cache-Control"]
    )
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.READ)
    assert event.actor == people.handler
    assert event.reason == "Xác minh để gặp người tố cáo"
    assert event.object_id == str(p.pk)


def test_handler_without_two_factor_is_sent_to_verify(client, tree, people):
    client.force_login(people.handler)
    response = client.get(reverse("petitions:staff_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:otp_verify"))


def test_intake_by_officer_at_a_reception_session(client, tree, people):
    client.force_login(people.officer)
    url = reverse("petitions:staff_intake")
    form = {
        "intake_channel": "reception",
        "reception_date": "2026-11-20",
        "reception_place": "Trụ sở Ủy ban MTTQ tỉnh",
        "kind": "complaint",
        "unit": tree.prov_new.pk,
        "subject": "Khiếu nại quyết định thu hồi đất",
        "content": "Giá bồi thường thấp hơn giá thị trường.",
        "name": PLANTED_NAME,
        "address": "Ấp 1",
    }
    response = client.post(url, form | {"reception_note": "Buổi tiếp định kỳ", "id_number": ""})
    # in person, a complainant shows an identity paper: the ID number is required
    assert "Khi tiếp công dân, cần ghi số định danh cá nhân" in response.content.decode()
    response = client.post(url, form | {"id_number": "084190012345"})
    assert response.status_code == 302
    from ykien.petitions.models import Petition

    p = Petition.objects.get()
    assert p.channel == "reception"
    assert str(p.received_on) == "2026-11-20"
    assert p.recorded_by == people.officer


def test_officer_of_another_unit_cannot_record_for_this_one(tree, people):
    from ykien.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        submit(tree.prov_new, actor=people.other_officer, channel="post")
