"""Sign-up with an e-mail address, confirmed by a link that expires; sign-in with the address;
the bad links (expired, used, altered); no enumeration; captcha and rate limits."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.urls import reverse

from ykien.accounts.models import Profile
from ykien.accounts.tests.conftest import PASSWORD, confirm, link_in, sign_up, signup_data
from ykien.core.models import User
from ykien.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _login(client, username: str, password: str = PASSWORD):
    return client.post(reverse("core:login"), {"username": username, "password": password})


def test_sign_up_mail_confirm_then_sign_in_with_the_address(client, outbox):
    response = sign_up(client)
    assert (response.status_code, response["Location"]) == (302, "/tai-khoan/xac-nhan/da-gui/")
    page = client.get(response["Location"]).content.decode()
    assert "Chúng tôi đã gửi thư đến địa chỉ e-mail bạn nhập." in page
    assert "Liên kết có hiệu lực trong 3 ngày." in page

    user = User.objects.get(email="lan@example.vn")
    assert (user.kind, user.full_name, user.is_active) == ("citizen", "Nguyễn Thị Lan", True)
    assert Profile.objects.get(user=user).language == "vi"
    assert list(EmailAddress.objects.filter(user=user).values_list("verified", flat=True)) == [
        False
    ]
    [message] = outbox
    assert message.to == ["lan@example.vn"]
    assert message.subject == "[Ý Kiến] Xác nhận đăng ký tài khoản"
    assert message.body.startswith("Xin chào,\n\nCảm ơn bạn đã đăng ký tài khoản trên Ý Kiến")
    assert "Liên kết có hiệu lực trong 3 ngày." in message.body
    path = link_in(message)
    assert path.startswith("/tai-khoan/xac-nhan/")

    # Not signed in before the confirmation, even with the right password.
    refused = _login(client, "lan@example.vn")
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "chưa được xác nhận, nên chưa đăng nhập được" in html
    assert reverse("accounts:resend") in html
    assert "_auth_user_id" not in client.session

    # The link shows a button (a GET changes nothing: mail scanners open links).
    page = client.get(path)
    assert page.status_code == 200
    assert "Xác nhận rằng <strong>lan@example.vn</strong> là địa chỉ e-mail của bạn." in (
        page.content.decode()
    )
    assert not EmailAddress.objects.get(user=user).verified
    done = confirm(client, path)
    assert (done.status_code, done["Location"]) == (302, "/tai-khoan/dang-nhap/")
    assert EmailAddress.objects.get(user=user).verified

    signed_in = _login(client, "LAN@example.vn")
    assert (signed_in.status_code, signed_in["Location"]) == (302, "/")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_expired_link_says_so_and_confirms_nothing(client, outbox):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        sign_up(client)
        path = link_in(outbox[0])
    with time_machine.travel(dt.datetime(2026, 3, 5, 9, 1, tzinfo=dt.UTC), tick=False):
        page = client.get(path)
        assert page.status_code == 400
        assert "Liên kết này đã hết hạn. Xin yêu cầu gửi lại liên kết mới." in page.content.decode()
        posted = confirm(client, path)
        assert posted.status_code == 400
    assert not EmailAddress.objects.get(email="lan@example.vn").verified
    # Within the three days it still works.
    with time_machine.travel(dt.datetime(2026, 3, 5, 8, 59, tzinfo=dt.UTC), tick=False):
        assert confirm(client, path).status_code == 302
    assert EmailAddress.objects.get(email="lan@example.vn").verified


def test_a_used_link_says_so(client, outbox):
    sign_up(client)
    path = link_in(outbox[0])
    assert confirm(client, path).status_code == 302
    again = client.get(path)
    assert again.status_code == 400
    assert "Liên kết này đã được dùng: địa chỉ e-mail đã được xác nhận rồi." in (
        again.content.decode()
    )
    assert confirm(client, path).status_code == 400


def test_an_altered_link_says_so(client, outbox):
    sign_up(client)
    path = link_in(outbox[0])
    bad = path[:-3] + "zz/"
    page = client.get(bad)
    assert page.status_code == 400
    assert "Liên kết này không đúng" in page.content.decode()
    assert confirm(client, bad).status_code == 400
    assert not EmailAddress.objects.get(email="lan@example.vn").verified


def test_signing_up_with_a_known_address_reveals_nothing(client, outbox):
    owner = UserFactory(username="chu", email="da.co@example.vn")
    EmailAddress.objects.create(user=owner, email="da.co@example.vn", verified=True, primary=True)
    responses, pages = [], []
    for address in ("da.co@example.vn", "moi@example.vn"):
        response = sign_up(client, email=address)
        page = client.get(response["Location"]).content.decode()
        responses.append((response.status_code, response["Location"]))
        # The same page but for the address each one typed (and the form tokens, new each time).
        pages.append(CSRF.sub("", page).replace(address, "…"))
    assert responses[0] == responses[1]
    assert pages[0] == pages[1]
    assert "Đã gửi thư xác nhận đến …." in pages[0]
    # No second account; the owner is told by mail instead.
    assert User.objects.filter(email__iexact="da.co@example.vn").count() == 1
    notice, confirmation = outbox
    assert notice.to == ["da.co@example.vn"]
    assert notice.subject == "[Ý Kiến] Địa chỉ e-mail này đã có tài khoản"
    assert "/tai-khoan/quen-mat-khau/" in notice.body
    assert confirmation.to == ["moi@example.vn"]


def test_the_captcha_is_required(client, outbox):
    missing = client.post(reverse("account_signup"), signup_data(captcha_1=""))
    wrong = client.post(reverse("account_signup"), signup_data(captcha_1="sai"))
    assert missing.status_code == wrong.status_code == 400
    assert "Xin nhập mã xác nhận." in missing.content.decode()
    assert "Mã xác nhận không đúng, xin nhập lại." in wrong.content.decode()
    assert not User.objects.filter(email="lan@example.vn").exists()
    assert outbox == []


def test_the_form_speaks_vietnamese(client):
    html = client.get(reverse("account_signup")).content.decode()
    for label in ("Họ và tên", "Địa chỉ e-mail", "Mật khẩu", "Nhập lại mật khẩu", "Mã xác nhận"):
        assert f">{label}" in html
    mismatch = sign_up(client, password2="khac-mat-khau-2026")
    assert mismatch.status_code == 400
    assert "Hai mật khẩu không giống nhau." in mismatch.content.decode()
    assert "same password" not in mismatch.content.decode()
    assert not User.objects.filter(email="lan@example.vn").exists()


def test_too_many_sign_ups_from_one_address_answer_429(client, settings):
    for _ in range(10):
        client.post(reverse("account_signup"), {})
    response = client.post(reverse("account_signup"), {})
    assert response.status_code == 429
    assert "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn." in response.content.decode()
    client.cookies["django_language"] = "en"
    response = client.post(reverse("account_signup"), {})
    assert response.status_code == 429
    assert 'lang="en"' in response.content.decode()


def test_the_link_can_be_sent_again_without_revealing_anything(client, outbox):
    sign_up(client)
    outbox.clear()
    data = {"captcha_0": "x", "captcha_1": "PASSED"}
    waiting = client.post(reverse("accounts:resend"), {**data, "email": "lan@example.vn"})
    nobody = client.post(reverse("accounts:resend"), {**data, "email": "khong.ai@example.vn"})
    assert (waiting.status_code, waiting["Location"]) == (302, "/tai-khoan/xac-nhan/da-gui/")
    assert (nobody.status_code, nobody["Location"]) == (302, "/tai-khoan/xac-nhan/da-gui/")
    # allauth waits three minutes between two mails to one address.
    assert outbox == []
    with time_machine.travel(dt.timedelta(minutes=4)):
        client.post(reverse("accounts:resend"), {**data, "email": "lan@example.vn"})
    [message] = outbox
    assert message.subject == "[Ý Kiến] Xác nhận địa chỉ e-mail của bạn"
    assert confirm(client, link_in(message)).status_code == 302
    no_captcha = client.post(reverse("accounts:resend"), {"email": "lan@example.vn"})
    assert no_captcha.status_code == 400


def test_mails_follow_the_language_of_the_page_and_then_the_profile(client, outbox):
    client.cookies["django_language"] = "en"
    sign_up(client)
    user = User.objects.get(email="lan@example.vn")
    assert Profile.objects.get(user=user).language == "en"
    # English needs the merged catalogue; whatever it says, it is not the Vietnamese msgid
    # unless no translation exists yet (then gettext falls back to it).
    assert outbox[0].to == ["lan@example.vn"]
    Profile.objects.filter(user=user).update(language="vi")
    outbox.clear()
    client.cookies["django_language"] = "en"
    with time_machine.travel(dt.timedelta(minutes=4)):
        client.post(
            reverse("accounts:resend"),
            {"email": "lan@example.vn", "captcha_0": "x", "captcha_1": "PASSED"},
        )
    [message] = outbox
    assert message.subject == "[Ý Kiến] Xác nhận địa chỉ e-mail của bạn"
