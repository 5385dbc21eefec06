"""Defects found by clicking through the demo: an outcome recorded before the session's day, a
missed session with no way back, a head scheduled twice at the same hour, the log form's visit,
a log line for a day to come, the supervision period, former heads in the pickers, bad phone
numbers and bidirectional override characters. Each refusal: exact status and message, nothing
changed."""

from __future__ import annotations

import datetime as dt

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse

from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.models import AuditEvent
from ykien.reception import services
from ykien.reception.models import ReceptionEntry, Registration, Session, SessionStatus
from ykien.reception.tests.conftest import otp_login, schedule

pytestmark = pytest.mark.django_db
NOT_YET = (
    "Chưa đến ngày của buổi tiếp (10/03/2026): chỉ ghi nhận đã tiếp, ủy quyền hoặc không tiếp "
    "từ ngày đó."
)


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 5, 2, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def coming(heads):
    return schedule(heads.commune_chair, "2026-03-10", place="Hội trường UBND xã")


@pytest.mark.parametrize("action", ["held", "missed", "delegated"])
def test_an_outcome_before_the_sessions_day_is_refused(coming, staff, client, action):
    with pytest.raises(InvalidTransition) as info:
        services.session_transition(
            actor=staff.office, session=coming, to=action, deputy_name="Phó Chủ tịch Hà An"
        )
    assert str(info.value.message) == NOT_YET
    otp_login(client, staff.office)
    page = client.get(reverse("reception:session", args=[coming.pk])).content.decode()
    assert f'name="action" value="{action}"' not in page
    assert 'name="action" value="cancelled"' in page
    response = client.post(
        reverse("reception:session_transition", args=[coming.pk]),
        {"action": action, "deputy_name": "Phó Chủ tịch Hà An"},
    )
    assert response.status_code == 400
    assert NOT_YET in response.content.decode()
    coming.refresh_from_db()
    assert (coming.status, coming.deputy_name) == (SessionStatus.SCHEDULED, "")
    assert not AuditEvent.objects.filter(action=f"reception.session.{action}").exists()


def test_a_missed_session_is_put_back_only_with_a_reason(heads, staff, time_machine):
    past = schedule(heads.commune_chair, "2026-03-04")
    services.session_transition(actor=staff.office, session=past, to="missed")
    with pytest.raises(ValidationFailed) as info:
        services.session_transition(actor=staff.office, session=past, to="scheduled")
    assert str(info.value.message) == "Xin ghi lý do sửa lại buổi tiếp đã ghi nhận không tiếp."
    past.refresh_from_db()
    assert past.status == SessionStatus.MISSED
    services.session_transition(
        actor=staff.office, session=past, to="scheduled", note="Ghi nhầm: buổi tiếp có diễn ra"
    )
    services.session_transition(actor=staff.office, session=past, to="held")
    past.refresh_from_db()
    assert past.status == SessionStatus.HELD
    event = AuditEvent.objects.get(action="reception.session.scheduled")
    assert event.reason == "Ghi nhầm: buổi tiếp có diễn ra"


def _session_form(heads, **extra):
    return {
        "head": str(heads.commune_chair.pk),
        "day": "2026-03-10",
        "starts_at": "07:30",
        "place": "Nhà văn hóa ấp Đức Mỹ",
        **extra,
    }


def test_the_same_head_at_the_same_hour_is_refused_and_the_form_kept(coming, heads, staff, client):
    otp_login(client, staff.office)
    response = client.post(reverse("reception:office"), _session_form(heads))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Lê Minh Tâm đã có buổi tiếp lúc 07:30 ngày 10/03/2026 tại Hội trường UBND xã." in page
    assert 'value="Nhà văn hóa ấp Đức Mỹ"' in page
    assert Session.objects.count() == 1


def test_a_new_session_in_the_past_is_refused(heads, staff, client):
    otp_login(client, staff.office)
    response = client.post(reverse("reception:office"), _session_form(heads, day="2026-03-04"))
    assert response.status_code == 400
    assert "Không lên lịch buổi tiếp vào ngày đã qua (04/03/2026)." in response.content.decode()
    assert not Session.objects.exists()


def test_the_schedule_form_offers_only_heads_in_office(heads, staff, client):
    otp_login(client, staff.office)
    response = client.get(reverse("reception:office"))
    offered = dict(response.context["form"].fields["head"].choices)
    assert offered == {
        str(heads.commune_chair.pk): "Lê Minh Tâm — Chủ tịch UBND xã Càng Long"
    }  # not the district chairman nor secretary (office ended 30/06/2025)
    listed = dict(response.context["list_form"].fields["head"].choices)
    assert listed[str(heads.district_chair.pk)] == (
        "Nguyễn Văn Hùng — Chủ tịch UBND huyện Càng Long (giữ chức vụ đến 30/06/2025)"
    )


def _entry_form(heads, **extra):
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
        "content": "Tranh chấp ranh giới đất",
        "conclusion": "",
        "petition_kind": "",
        "petition_subject": "",
        **extra,
    }


def test_the_walk_in_form_preselects_walk_in_and_refuses_registered_without_a_registration(
    heads, staff, client
):
    past = schedule(heads.commune_chair, "2026-03-04")
    otp_login(client, staff.office)
    url = reverse("reception:entry_create")
    page = client.get(url, {"buoi": past.pk}).content.decode()
    assert '<option value="walk_in" selected>Đến trực tiếp</option>' in page
    response = client.post(url, _entry_form(heads, visit="registered"))
    assert response.status_code == 400
    assert (
        "Người này không có đăng ký trước gắn với dòng sổ: chọn “Đến trực tiếp”, hoặc ghi sổ từ "
        "danh sách đăng ký trước của buổi tiếp." in response.content.decode()
    )
    assert not ReceptionEntry.objects.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"day": "2026-03-10"}, "Chưa đến ngày của buổi tiếp (10/03/2026): chỉ ghi sổ từ ngày đó."),
        (
            {"phone": "abc-not-phone"},
            "Số điện thoại “abc-not-phone” không hợp lệ (10 hoặc 11 chữ số, bắt đầu bằng 0).",
        ),
        (
            {"content": "Đơn \u202etếp"},
            "Nội dung trình bày chứa ký tự không được phép (U+202E, ký tự thứ 5); hãy xóa ký tự "
            "đó rồi gửi lại.",
        ),
    ],
)
def test_bad_log_lines_are_refused(coming, heads, staff, client, extra, message):
    schedule(heads.commune_chair, "2026-03-04")
    otp_login(client, staff.office)
    response = client.post(reverse("reception:entry_create"), _entry_form(heads, **extra))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReceptionEntry.objects.exists()


@pytest.mark.parametrize("phone", ["<script>alert(123)<", "18446744073709551617"])
def test_a_registration_with_a_bad_phone_is_refused(coming, client, phone):
    key = CaptchaStore.generate_key()
    data = {
        "name": "Thạch Thị Sa Rươl",
        "phone": phone,
        "id_number": "",
        "address": "Ấp Bình Hòa",
        "subject": "Đề nghị sửa cống thoát nước",
        "captcha_0": key,
        "captcha_1": CaptchaStore.objects.get(hashkey=key).response,
    }
    response = client.post(reverse("reception:session_public", args=[coming.pk]), data)
    assert response.status_code == 400
    shown = phone[:20].replace("<", "&lt;").replace(">", "&gt;")
    assert (
        f"Số điện thoại “{shown}” không hợp lệ (10 hoặc 11 chữ số, bắt đầu bằng 0)."
        in response.content.decode()
    )
    assert not Registration.objects.exists()


def test_months_in_the_wrong_order_keep_the_form(staff, client):
    client.force_login(staff.supervisor)
    response = client.get(reverse("reception:supervision"), {"tu": "2026-03", "den": "2026-01"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tháng bắt đầu phải trước tháng kết thúc." in page
    assert 'name="tu" value="2026-03"' in page
    assert 'name="den" value="2026-01"' in page
