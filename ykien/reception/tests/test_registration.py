"""The public registration for a session: captcha (none for a signed-in citizen, whose
registration is linked to the account and listed on "my page"), rate limit, clear messages;
registering twice for the same session (the same account, or the same name and telephone) is
refused and nothing is stored twice; the identity is stored encrypted."""

from __future__ import annotations

import datetime as dt

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse

from ykien.core.errors import ValidationFailed
from ykien.core.models import AuditEvent
from ykien.core.tests.factories import UserFactory
from ykien.reception import services
from ykien.reception.models import Registration, Session, SessionStatus
from ykien.reception.tests.conftest import citizen_identity, schedule

pytestmark = pytest.mark.django_db
ALREADY = "Bạn đã đăng ký buổi tiếp này; mỗi người chỉ đăng ký một lần cho một buổi tiếp."


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def session(heads):
    return schedule(heads.commune_chair, "2026-03-04", place="Hội trường UBND xã Càng Long")


def _captcha() -> dict[str, str]:
    key = CaptchaStore.generate_key()
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def _post(client, session, **extra):
    data = {
        "name": "Thạch Thị Sa Rươl",
        "phone": "0987 654 321",
        "id_number": "",
        "address": "Ấp Bình Hòa",
        "subject": "Đề nghị sửa cống thoát nước ấp Bình Hòa",
        **_captcha(),
        **extra,
    }
    return client.post(reverse("reception:session_public", args=[session.pk]), data)


def test_the_schedule_shows_day_place_and_who_receives(session, client):
    Session.objects.filter(pk=session.pk).update(
        status=SessionStatus.DELEGATED, deputy_name="Phó Chủ tịch Võ Văn Năm"
    )
    page = client.get(reverse("reception:schedule")).content.decode()
    assert "Lê Minh Tâm — Chủ tịch UBND xã Càng Long" in page
    assert "Hội trường UBND xã Càng Long" in page
    assert "Ủy quyền: Phó Chủ tịch Võ Văn Năm" in page
    assert "04/03/2026" in page


def test_a_citizen_registers_once_and_the_identity_is_encrypted(session, client):
    response = _post(client, session)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.subject == "Đề nghị sửa cống thoát nước ấp Bình Hòa"
    assert "Rươl" not in registration.identity_ciphertext
    assert "0987" not in registration.identity_ciphertext
    page = client.get(response["Location"]).content.decode()
    assert "Đã nhận đăng ký của bạn cho buổi tiếp ngày 04/03/2026." in page
    event = AuditEvent.objects.get(action="reception.registration.submit")
    assert "Rươl" not in str(event.before) + str(event.after) + event.object_repr


def test_registering_twice_for_the_same_session_is_refused_with_a_clear_message(session, client):
    assert _post(client, session).status_code == 302
    response = _post(client, session, phone="0987654321", subject="Lần hai")
    assert response.status_code == 400
    assert ALREADY in response.content.decode()
    assert Registration.objects.count() == 1


def test_the_service_refuses_a_second_registration_too(session):
    services.registration_submit(session=session, identity=citizen_identity(), subject="Một")
    with pytest.raises(ValidationFailed) as info:
        services.registration_submit(session=session, identity=citizen_identity(), subject="Hai")
    assert info.value.code == "already_registered"
    assert Registration.objects.count() == 1


def test_a_wrong_captcha_keeps_the_text_and_stores_nothing(session, client):
    response = _post(client, session, captcha_1="sai")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mã xác nhận không đúng, xin nhập lại." in page
    assert "Đề nghị sửa cống thoát nước ấp Bình Hòa" in page
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", ""), ("phone", ""), ("subject", "x" * 1001), ("subject", "Nội dung\x00lạ")],
)
def test_bad_input_gets_a_clear_400_and_stores_nothing(session, client, field, value):
    response = _post(client, session, **{field: value})
    assert response.status_code == 400
    assert f'id="id_{field}_error" role="alert"' in response.content.decode()
    assert not Registration.objects.exists()


def test_the_rate_limit_answers_429_and_keeps_the_text(session, client, heads):
    for n in range(5):
        other = schedule(heads.commune_chair, f"2026-03-{11 + n}")
        assert _post(client, other).status_code == 302
    response = _post(client, session)
    assert response.status_code == 429
    assert "Bạn đã gửi nhiều đăng ký trong thời gian ngắn." in response.content.decode()
    assert Registration.objects.filter(session=session).count() == 0


def test_a_past_or_cancelled_session_takes_no_registration(session, client, heads):
    Session.objects.filter(pk=session.pk).update(status=SessionStatus.CANCELLED)
    page = client.get(reverse("reception:session_public", args=[session.pk])).content.decode()
    assert "Buổi tiếp này không còn nhận đăng ký trước." in page
    assert 'name="subject"' not in page
    assert _post(client, session).status_code == 400
    past = schedule(heads.commune_chair, "2026-02-25")
    assert _post(client, past).status_code == 400
    assert not Registration.objects.exists()


def test_a_missed_or_unknown_session_is_not_found(session, client):
    Session.objects.filter(pk=session.pk).update(status=SessionStatus.MISSED)
    assert client.get(reverse("reception:session_public", args=[session.pk])).status_code == 404
    assert client.get("/tiep-cong-dan/buoi/99999999999/").status_code == 404


BAD_UNIT = (
    '<div class="form-errors" role="alert" id="don-vi-error">'
    "<p>Đơn vị không hợp lệ; hãy chọn lại trong danh sách.</p></div>"
)


def test_a_bad_filter_of_the_schedule_is_a_400(client, session):
    assert client.get(reverse("reception:schedule"), {"don-vi": "abc"}).status_code == 400
    assert client.get(reverse("reception:schedule"), {"don-vi": "9" * 30}).status_code == 400


def test_a_bad_unit_filter_answers_the_page_with_the_reason_not_an_unfiltered_list(
    client, session, heads
):
    """As the other public lists (``core.lists``): the page again, its filter marked, the reason
    in words (never the parameter's name), and no session shown as if unfiltered."""
    for value in ("abc", str(heads.commune_chair.unit_id + 1000)):
        response = client.get(reverse("reception:schedule"), {"don-vi": value})
        assert response.status_code == 400
        page = response.content.decode()
        assert BAD_UNIT in page
        assert '<select id="don-vi" name="don-vi" aria-invalid="true" aria-describedby' in page
        assert "Hội trường UBND xã Càng Long" not in page
        assert "don-vi không hợp lệ" not in page
    good = client.get(reverse("reception:schedule"), {"don-vi": heads.commune_chair.unit_id})
    assert good.status_code == 200
    assert "Hội trường UBND xã Càng Long" in good.content.decode()
    assert 'role="alert"' not in good.content.decode()


def test_the_open_data_schedule_has_no_personal_data(session, client):
    services.registration_submit(session=session, identity=citizen_identity(), subject="Cống")
    response = client.get(reverse("reception:schedule_export", args=["csv"]))
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert "Lê Minh Tâm" in body
    assert "Hội trường UBND xã Càng Long" in body
    assert "Rươl" not in body
    assert "Cống" not in body


@pytest.mark.parametrize("value", ["²", "١٢", str(2**70), "abc"])
def test_a_unit_number_that_is_not_one_is_a_400(client, value):
    response = client.get(reverse("reception:schedule"), {"don-vi": value})
    assert response.status_code == 400


@pytest.fixture
def citizen():
    return UserFactory(username="sa.ruol", full_name="Thạch Thị Sa Rươl")


def _post_signed_in(client, session, **extra):
    data = {
        "name": "Thạch Thị Sa Rươl",
        "phone": "0987 654 321",
        "id_number": "",
        "address": "Ấp Bình Hòa",
        "subject": "Đề nghị sửa cống thoát nước ấp Bình Hòa",
        **extra,
    }
    return client.post(reverse("reception:session_public", args=[session.pk]), data)


def test_a_signed_in_citizen_registers_without_a_captcha_and_it_is_linked(session, client, citizen):
    client.force_login(citizen)
    page = client.get(reverse("reception:session_public", args=[session.pk])).content.decode()
    assert 'name="captcha_1"' not in page
    assert 'value="Thạch Thị Sa Rươl"' in page  # the account's name, filled in
    assert "bạn xem lại các đăng ký ở" in page
    response = _post_signed_in(client, session)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.user, registration.session) == (citizen, session)
    assert "Rươl" not in registration.identity_ciphertext
    # Who registered stays confidential: the audit record names no account.
    assert AuditEvent.objects.get(action="reception.registration.submit").actor is None


def test_an_anonymous_registration_without_the_captcha_is_refused(session, client):
    page = client.get(reverse("reception:session_public", args=[session.pk])).content.decode()
    assert 'name="captcha_1"' in page
    response = _post_signed_in(client, session)  # the same fields, no captcha
    assert response.status_code == 400
    assert 'id="id_captcha_error" role="alert"' in response.content.decode()
    assert not Registration.objects.exists()


def test_the_same_account_registering_twice_is_refused(session, client, citizen):
    client.force_login(citizen)
    assert _post_signed_in(client, session).status_code == 302
    # Another name and telephone, the same account: the same person.
    response = _post_signed_in(client, session, name="Thạch Sa Rươl", phone="0912 345 678")
    assert response.status_code == 400
    assert ALREADY in response.content.decode()
    assert Registration.objects.count() == 1
    with pytest.raises(ValidationFailed) as info:
        services.registration_submit(
            session=session, identity=citizen_identity(), subject="Hai", user=citizen
        )
    assert info.value.code == "already_registered"
    assert Registration.objects.count() == 1


def test_my_page_lists_the_registrations_made_signed_in(session, client, citizen, heads):
    other = UserFactory(username="nguoi.khac")
    services.registration_submit(
        session=session, identity=citizen_identity(), subject="Sửa cống ấp Bình Hòa", user=citizen
    )
    later = schedule(heads.commune_chair, "2026-03-11", place="Nhà văn hóa ấp Bình Hòa")
    services.registration_submit(
        session=later,
        identity=citizen_identity(name="Người khác", phone="0912345678"),
        subject="Việc của người khác",
        user=other,
    )
    client.force_login(citizen)
    page = client.get(reverse("core:mine")).content.decode()
    assert '<h2 id="muc-app-reception-h">Đăng ký tiếp công dân</h2>' in page
    assert (
        f'<a href="/tiep-cong-dan/buoi/{session.pk}/">Buổi tiếp ngày 04/03/2026 lúc '
        f"{session.starts_at:%H:%M} — Lê Minh Tâm, Chủ tịch UBND xã Càng Long</a>"
    ) in page
    assert '<p class="result-snippet">Sửa cống ấp Bình Hòa</p>' in page
    assert "Địa điểm: Hội trường UBND xã Càng Long" in page
    assert "Việc của người khác" not in page
    data = client.get(reverse("core:mine_data")).json()
    [mine] = data["contributions"]["reception"]["registrations"]
    assert (mine["subject"], mine["session"]["day"]) == ("Sửa cống ấp Bình Hòa", "2026-03-04")
    assert mine["registrant"]["name"] == citizen_identity().name
