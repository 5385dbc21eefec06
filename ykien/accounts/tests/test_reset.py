"""Password reset: captcha, the same answer for any address, the link, a bad link."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from ykien.accounts.tests.conftest import link_in
from ykien.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NEW = "mat-khau-moi-rat-dai-2027"
CAPTCHA = {"captcha_0": "x", "captcha_1": "PASSED"}


@pytest.fixture
def citizen():
    user = UserFactory(username="lan", email="lan@example.vn")
    EmailAddress.objects.create(user=user, email="lan@example.vn", verified=True, primary=True)
    return user


def test_reset_by_mail_then_sign_in_with_the_new_password(client, citizen, outbox):
    response = client.post(
        reverse("account_reset_password"), {"email": "lan@example.vn", **CAPTCHA}
    )
    assert (response.status_code, response["Location"]) == (302, "/tai-khoan/quen-mat-khau/da-gui/")
    assert (
        "Nếu địa chỉ này thuộc một tài khoản" in client.get(response["Location"]).content.decode()
    )
    [message] = outbox
    assert message.subject == "[Ý Kiến] Đặt lại mật khẩu"
    path = link_in(message)
    assert path.startswith("/tai-khoan/quen-mat-khau/")
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    assert "Mật khẩu mới" in form_page.content.decode()
    form_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    mismatch = client.post(form_url, {"password1": NEW, "password2": NEW + "x"})
    assert mismatch.status_code == 400
    assert "Hai mật khẩu không giống nhau." in mismatch.content.decode()
    done = client.post(form_url, {"password1": NEW, "password2": NEW})
    assert (done.status_code, done["Location"]) == (302, "/tai-khoan/quen-mat-khau/xong/")
    citizen.refresh_from_db()
    assert citizen.check_password(NEW)
    signed_in = client.post(reverse("core:login"), {"username": "lan@example.vn", "password": NEW})
    assert signed_in.status_code == 302
    # The link works once.
    again = client.get(path, follow=True)
    assert again.status_code == 400
    assert "Liên kết này không đúng, đã hết hạn hoặc đã được dùng." in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, citizen, outbox):
    response = client.post(
        reverse("account_reset_password"), {"email": "khong.ai@example.vn", **CAPTCHA}
    )
    assert (response.status_code, response["Location"]) == (302, "/tai-khoan/quen-mat-khau/da-gui/")
    assert outbox == []


def test_the_captcha_is_required(client, citizen, outbox):
    response = client.post(reverse("account_reset_password"), {"email": "lan@example.vn"})
    assert response.status_code == 400
    assert "Xin nhập mã xác nhận." in response.content.decode()
    assert outbox == []


def test_too_many_requests_for_one_address_answer_429(client, citizen, outbox):
    for _ in range(3):
        client.post(reverse("account_reset_password"), {"email": "lan@example.vn", **CAPTCHA})
    response = client.post(
        reverse("account_reset_password"), {"email": "lan@example.vn", **CAPTCHA}
    )
    assert response.status_code == 429
    assert "Quá nhiều yêu cầu" in response.content.decode()
    assert len(outbox) == 3


def test_an_altered_link_answers_400(client, citizen):
    response = client.get("/tai-khoan/quen-mat-khau/2-sai-khoa/", follow=True)
    assert response.status_code == 400
    assert "Liên kết đặt lại mật khẩu không dùng được" in response.content.decode()
