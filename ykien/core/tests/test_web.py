from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice

from ykien.core.models import AuditEvent, Role
from ykien.core.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-du-dai-2026"


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["status"] == "ok"


def test_healthz_is_503_when_the_database_cannot_be_reached(client):
    with mock.patch("ykien.core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "unavailable",
        "detail": "OperationalError",
    }


def test_home_page_is_vietnamese_with_units(client, tree):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Ý Kiến — nơi Nhân dân góp ý, giám sát và phản biện" in html
    assert 'href="#main"' in html
    assert '<main id="main"' in html


def test_english_is_available_through_the_language_switch(client, tree):
    home = client.get("/")
    html = home.content.decode()
    # Not signed in: a GET form without a token, and the page sets no cookie at all.
    assert '<form action="/ngon-ngu/" method="get" class="lang-switch">' in html
    assert "csrfmiddlewaretoken" not in html
    assert not home.cookies
    response = client.get("/ngon-ngu/", {"language": "en", "next": "/tin-tuc/"})
    assert response.status_code == 302
    assert response["Location"] == "/tin-tuc/"
    assert response.cookies["django_language"].value == "en"
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html


@pytest.mark.parametrize(
    ("query", "status", "location"),
    [
        ({"language": "fr", "next": "/"}, 400, None),
        ({"language": "", "next": "/"}, 400, None),
        ({"language": "en", "next": "https://evil.example/"}, 302, "/"),
        ({"language": "en", "next": "//evil.example/"}, 302, "/"),
        ({"language": "en"}, 302, "/"),
    ],
)
def test_the_language_switch_refuses_what_it_does_not_know(client, query, status, location):
    response = client.get("/ngon-ngu/", query)
    assert response.status_code == status
    if location is None:
        assert "django_language" not in response.cookies
        assert '<h1 id="error-title">Yêu cầu không hợp lệ</h1>' in response.content.decode()
    else:
        assert response["Location"] == location


def test_a_signed_in_person_switches_by_post_with_the_token(client, tree):
    client.force_login(UserFactory(username="nguoi.dung"))
    html = client.get("/").content.decode()
    assert '<form action="/ngon-ngu/" method="post" class="lang-switch">' in html
    assert "csrfmiddlewaretoken" in html


def test_unit_pages_show_the_tree_and_the_successor(client, tree):
    response = client.get(reverse("core:unit_list"), {"ngay": "2024-03-01"})
    assert "Ủy ban MTTQ huyện Càng Long" in response.content.decode()
    response = client.get(reverse("core:unit_detail", args=["A1"]))
    html = response.content.decode()
    assert "Đơn vị này đã được sáp nhập" in html
    assert "Ủy ban MTTQ xã Càng Long" in html
    response = client.get(reverse("core:unit_list"), {"ngay": "không-phải-ngày"})
    assert "không đúng định dạng YYYY-MM-DD" in response.content.decode()


def test_lockout_after_repeated_failed_logins(client, tree):
    user = UserFactory(username="canbo")
    url = reverse("core:login")
    for _ in range(4):
        response = client.post(url, {"username": "canbo", "password": "sai-mat-khau"})
        assert response.status_code == 200
        assert (
            "Tên đăng nhập (hoặc thư điện tử) hoặc mật khẩu không đúng."
            in response.content.decode()
        )
    assert client.post(url, {"username": "canbo", "password": "sai-mat-khau"}).status_code == 429
    response = client.post(url, {"username": "canbo", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tài khoản tạm thời bị khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert user.is_active


def test_officer_signs_in_and_sees_the_workspace(client, tree):
    user = UserFactory(username="canbo")
    grant(user, tree.prov_b, Role.OFFICER)
    response = client.post(reverse("core:login"), {"username": "canbo", "password": PASSWORD})
    assert response.status_code == 302
    response = client.get(reverse("core:workspace"))
    assert response.status_code == 200
    assert "Ủy ban MTTQ tỉnh Cà Mau" in response.content.decode()


def test_two_factor_is_enforced_for_confidential_roles(client, tree):
    user = UserFactory(username="lanhdao")
    grant(user, tree.prov_b, Role.LEADER)
    device = StaticDevice.objects.create(user=user, name="backup")
    device.token_set.create(token="abc12345")
    client.post(reverse("core:login"), {"username": "lanhdao", "password": PASSWORD})
    response = client.get(reverse("core:workspace"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:otp_verify"))
    response = client.get(reverse("core:audit_log"))
    assert response["Location"].startswith(reverse("core:otp_verify"))
    # nor an API key, which would sign in without the second factor
    response = client.post(reverse("consultations:api_tokens"), {"name": "máy chủ"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:otp_verify"))
    assert not user.api_keys.exists()
    response = client.post(reverse("core:otp_verify") + "?next=/can-bo/", {"token": "wrong123"})
    assert "Mã xác thực không đúng" in response.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down retries after a failure
    response = client.post(reverse("core:otp_verify"), {"token": "abc12345", "next": "/can-bo/"})
    assert response.status_code == 302
    assert response["Location"] == "/can-bo/"
    assert client.get(reverse("core:workspace")).status_code == 200


def test_confidential_role_without_a_device_is_sent_to_set_one_up(client, tree):
    user = UserFactory(username="xuly")
    grant(user, tree.prov_b, Role.HANDLER)
    client.post(reverse("core:login"), {"username": "xuly", "password": PASSWORD})
    response = client.get(reverse("core:workspace"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("core:otp_setup"))
    assert "<svg" in response.content.decode()


def test_audit_log_is_filtered_to_the_leaders_units(client, tree):
    leader = UserFactory(username="lanhdao")
    grant(leader, tree.prov_b, Role.ADMIN)
    client.force_login(leader)
    response = client.get(reverse("core:audit_log"))
    html = response.content.decode()
    assert "Ủy ban MTTQ xã Tân Thành" in html
    assert "Ủy ban MTTQ huyện Càng Long" not in html
    response = client.get(
        reverse("core:audit_log"), {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert "“Đến ngày” phải sau “Từ ngày”" in response.content.decode()


def test_citizen_cannot_see_the_workspace_or_the_audit_log(client, tree):
    client.force_login(UserFactory())
    assert client.get(reverse("core:workspace")).status_code == 403
    assert client.get(reverse("core:audit_log")).status_code == 403


def test_deadline_calculator_page(client, tree):
    response = client.get(
        reverse("core:deadline"), {"rule": "denunciation.accept", "start": "2027-02-01"}
    )
    html = response.content.decode()
    assert "17/02/2027" in html
    assert "Luật Tố cáo 2018, Điều 24" in html
    response = client.get(reverse("core:deadline"), {"rule": "sai", "start": "2027-02-01"})
    assert "Không có quy tắc thời hạn" in response.content.decode()


def test_otp_enable_is_audited(client, tree):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = UserFactory(username="xuly")
    grant(user, tree.prov_b, Role.HANDLER)
    client.force_login(user)
    client.get(reverse("core:otp_setup"))
    # The key shown waits in the session; the device is made by the POST that confirms it.
    key = client.session["otp_setup_key"]
    totp = TOTP(bytes.fromhex(key))
    response = client.post(
        reverse("core:otp_setup"), {"token": f"{totp.token():06d}", "next": "/can-bo/"}
    )
    assert response.status_code == 302
    device = TOTPDevice.objects.get(user=user)
    assert device.key == key
    assert device.confirmed
    assert "otp_setup_key" not in client.session
    assert AuditEvent.objects.filter(action="otp.enable", actor=user).count() == 1


def test_the_set_up_page_writes_no_device_and_shows_the_same_key_again(client, tree):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = UserFactory(username="xuly")
    grant(user, tree.prov_b, Role.HANDLER)
    client.force_login(user)
    first = client.get(reverse("core:otp_setup"))
    second = client.get(reverse("core:otp_setup"))
    assert first.status_code == second.status_code == 200
    assert not TOTPDevice.objects.filter(user=user).exists()
    secret = first.context["secret"]
    assert second.context["secret"] == secret
    # A wrong code creates the device (on the POST), unconfirmed, with the key shown; the next
    # visit shows that device's key rather than a new one.
    response = client.post(reverse("core:otp_setup"), {"token": "000000"})
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    assert client.get(reverse("core:otp_setup")).context["secret"] == secret
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_vietnamese_is_the_default_whatever_the_browser_asks(client, tree):
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="vi">' in response.content.decode()
    assert response["Content-Language"] == "vi"


def test_the_sign_out_address_opened_as_a_link_gets_a_page_with_the_button(client, tree):
    from ykien.core.tests.factories import UserFactory

    user = UserFactory(username="ra.ve")
    client.force_login(user)
    page = client.get("/tai-khoan/dang-xuat/")
    assert page.status_code == 200
    assert 'data-testid="logout-confirm"' in page.content.decode()
    assert "_auth_user_id" in client.session  # opening it signs no one out
    assert client.post("/tai-khoan/dang-xuat/").status_code == 302
    assert "_auth_user_id" not in client.session
