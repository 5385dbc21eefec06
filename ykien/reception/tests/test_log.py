"""The reception log (sổ tiếp công dân): a line needs a session of that head on that day; the
person and the representatives of a group are encrypted and every read is logged; petitions
raised at the reception are created by the petitions domain and carry their own deadlines."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ykien.core.errors import PermissionDenied, ValidationFailed
from ykien.core.models import AuditEvent
from ykien.petitions import selectors as petition_selectors
from ykien.reception import services
from ykien.reception.models import ReceptionEntry, Session, SessionStatus
from ykien.reception.tests.conftest import citizen_identity, otp_login, schedule

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 5, 2, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def session(heads):
    return schedule(heads.commune_chair, "2026-03-04", place="Hội trường UBND xã Càng Long")


def _form(heads, **extra):
    return {
        "head": str(heads.commune_chair.pk),
        "day": "2026-03-04",
        "visit": "walk_in",
        "name": "Kim Văn Sơn",
        "phone": "0911222333",
        "id_number": "",
        "address": "Ấp Tân An",
        "group_size": "1",
        "representatives": "",
        "content": "Tranh chấp ranh giới đất với hộ liền kề",
        "conclusion": "Giao UBND xã kiểm tra, trả lời trong 10 ngày làm việc",
        "petition_kind": "",
        "petition_subject": "",
        **extra,
    }


def test_a_day_without_a_session_of_that_head_is_a_form_error_and_nothing_is_stored(
    session, heads, staff, client
):
    otp_login(client, staff.office)
    url = reverse("reception:entry_create")
    response = client.post(url, _form(heads, day="2026-03-05"))
    assert response.status_code == 400
    assert (
        "Không có buổi tiếp công dân theo lịch của người này vào ngày 05/03/2026."
        in response.content.decode()
    )
    Session.objects.filter(pk=session.pk).update(status=SessionStatus.MISSED)
    missed = client.post(url, _form(heads))
    assert missed.status_code == 400
    assert (
        "Không có buổi tiếp công dân theo lịch của người này vào ngày 04/03/2026."
        in missed.content.decode()
    )
    assert not ReceptionEntry.objects.exists()
    assert not AuditEvent.objects.filter(action="reception.entry.create").exists()


def test_a_walk_in_is_recorded_encrypted(session, heads, staff, client):
    otp_login(client, staff.office)
    response = client.post(reverse("reception:entry_create"), _form(heads))
    assert response.status_code == 302
    entry = ReceptionEntry.objects.get()
    assert (entry.session, entry.visit, entry.group_size) == (session, "walk_in", 1)
    assert "Kim" not in entry.identity_ciphertext
    assert entry.recorded_by == staff.office
    page = client.get(reverse("reception:session", args=[session.pk])).content.decode()
    assert "Tranh chấp ranh giới đất với hộ liền kề" in page
    assert "Kim Văn Sơn" not in page


def test_a_group_gives_its_size_and_representatives(session, heads, staff):
    with pytest.raises(ValidationFailed) as info:
        services.entry_record(
            actor=staff.office,
            head=heads.commune_chair,
            day=dt.date(2026, 3, 4),
            visit="walk_in",
            identity=citizen_identity(),
            content="Đoàn 12 hộ về đền bù",
            group_size=12,
        )
    assert info.value.field == "representatives"
    entry = services.entry_record(
        actor=staff.office,
        head=heads.commune_chair,
        day=dt.date(2026, 3, 4),
        visit="walk_in",
        identity=citizen_identity(),
        content="Đoàn 12 hộ về đền bù",
        group_size=12,
        representatives=["Ông Sơn Ngọc Minh", "Bà Thạch Thị Lan"],
    )
    assert entry.group_size == 12
    assert "Minh" not in entry.representatives_ciphertext
    revealed = services.entry_reveal(actor=staff.office, entry=entry, reason="Mời dự đối thoại")
    assert revealed["representatives"] == ["Ông Sơn Ngọc Minh", "Bà Thạch Thị Lan"]
    assert revealed["identity"].name == "Thạch Thị Sa Rươl"
    read = AuditEvent.objects.get(kind=AuditEvent.Kind.READ)
    assert read.actor == staff.office
    assert read.reason == "Mời dự đối thoại"


def test_only_the_heads_office_reads_an_identity_not_the_front_nor_a_superuser(
    session, heads, staff, django_user_model
):
    entry = services.entry_record(
        actor=staff.office,
        head=heads.commune_chair,
        day=dt.date(2026, 3, 4),
        visit="walk_in",
        identity=citizen_identity(),
        content="Nội dung",
    )
    root = django_user_model.objects.create_superuser("goc", "goc@example.vn", "x")
    for actor in (staff.supervisor, root, staff.district_office):
        with pytest.raises(PermissionDenied):
            services.entry_reveal(actor=actor, entry=entry, reason="Tò mò xem thử")
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.READ).exists()


def test_the_reveal_page_asks_a_reason_and_logs_the_read(session, heads, staff, client):
    entry = services.entry_record(
        actor=staff.office,
        head=heads.commune_chair,
        day=dt.date(2026, 3, 4),
        visit="walk_in",
        identity=citizen_identity(),
        content="Nội dung",
    )
    otp_login(client, staff.office)
    url = reverse("reception:entry_reveal", args=[entry.pk])
    page = client.get(url).content.decode()
    assert "Thạch Thị Sa Rươl" not in page
    assert client.post(url, {"reason": "ab"}).status_code == 400
    response = client.post(url, {"reason": "Gửi giấy mời đối thoại"})
    assert response.status_code == 200
    assert "Thạch Thị Sa Rươl" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.READ).count() == 1


def test_a_petition_raised_at_the_reception_is_created_by_the_petitions_domain(
    session, heads, staff, client
):
    otp_login(client, staff.office)
    response = client.post(
        reverse("reception:entry_create"),
        _form(heads, petition_kind="complaint", petition_subject="Khiếu nại thu hồi đất"),
    )
    # The petitions domain's own rule: a complaint received in person needs the ID number.
    assert response.status_code == 400
    assert "cần ghi số định danh cá nhân (CCCD)" in response.content.decode()
    assert not ReceptionEntry.objects.exists()
    response = client.post(
        reverse("reception:entry_create"),
        _form(
            heads,
            id_number="084090001234",
            petition_kind="complaint",
            petition_subject="Khiếu nại thu hồi đất",
        ),
    )
    assert response.status_code == 302
    entry = ReceptionEntry.objects.get()
    assert len(entry.petition_codes) == 1
    petition = petition_selectors.petition_by_code(code=entry.petition_codes[0])
    assert petition.channel == "reception"
    assert petition.unit == heads.commune_chair.unit
    assert petition.kind == "complaint"
    assert petition.due_date is not None


def test_a_petition_kind_without_a_subject_is_a_form_error(session, heads, staff, client):
    otp_login(client, staff.office)
    response = client.post(reverse("reception:entry_create"), _form(heads, petition_kind="report"))
    assert response.status_code == 400
    assert "Xin ghi tiêu đề của đơn thư." in response.content.decode()
    assert not ReceptionEntry.objects.exists()


def test_a_registered_citizen_is_logged_against_the_registration(
    session, heads, staff, client, time_machine
):
    time_machine.move_to(dt.datetime(2026, 3, 3, 2, 0, tzinfo=dt.UTC), tick=False)
    registration = services.registration_submit(
        session=session, identity=citizen_identity(), subject="Cống thoát nước"
    )
    time_machine.move_to(dt.datetime(2026, 3, 5, 2, 0, tzinfo=dt.UTC), tick=False)
    otp_login(client, staff.office)
    url = reverse("reception:entry_create") + f"?dang-ky={registration.pk}"
    assert 'value="registered" selected' in client.get(url).content.decode()
    response = client.post(url, _form(heads, visit="registered"))
    assert response.status_code == 302
    assert ReceptionEntry.objects.get().registration == registration


def test_the_front_and_others_cannot_open_the_log(session, staff, client):
    for user in (staff.supervisor, staff.citizen):
        client.force_login(user)
        assert client.get(reverse("reception:entry_create")).status_code == 403
        assert client.get(reverse("reception:session", args=[session.pk])).status_code == 403


def test_bad_query_parameters_are_400(staff, client):
    otp_login(client, staff.office)
    assert client.get(reverse("reception:entry_create"), {"buoi": "x"}).status_code == 400
    assert client.get(reverse("reception:entry_create"), {"dang-ky": "-1"}).status_code == 400
