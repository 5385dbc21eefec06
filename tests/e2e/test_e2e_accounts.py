"""A citizen's account in Chromium: sign up (captcha solved as a person reads it), open the
confirmation link from the mail, sign in with the address, edit the profile (commune found by
its former name, language), under the site's Content-Security-Policy."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from axe import assert_accessible  # tests/e2e/axe.py (the test directory is on sys.path)
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-du-dai-2026"
LINK = re.compile(r"https?://[^/\s]+(/tai-khoan/xac-nhan/\S+/)")


def test_sign_up_confirm_sign_in_and_edit_the_profile(site, page, solve_captcha):
    from django.core import mail

    from ykien.core import services
    from ykien.core.models import Unit, UnitLevel
    from ykien.core.permissions import SYSTEM
    from ykien.core.tests.factories import make_unit

    province = Unit.objects.get(code="MTTQ-86")
    reform = dt.date(2025, 7, 1)
    commune = make_unit(
        "Ủy ban MTTQ Việt Nam xã Càng Long",
        parent=province,
        level=UnitLevel.COMMUNE,
        code="MTTQ-E2E-1",
        valid_from=reform,
    )
    former = make_unit(
        "Ủy ban MTTQ Việt Nam tỉnh Trà Vinh",
        code="MTTQ-E2E-84",
        valid_to=reform - dt.timedelta(days=1),
    )
    services.unit_merge(actor=SYSTEM, predecessors=[former], successor=commune, effective=reform)
    mail.outbox.clear()

    page.goto(site.url + "/")
    page.get_by_test_id("signup-link").click()
    expect(page.locator("h1")).to_have_text("Đăng ký tài khoản")
    assert_accessible(page)
    page.fill("#id_full_name", "Trần Thị Mai")
    page.fill("#id_email", "mai@example.vn")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    solve_captcha(page)
    with page.expect_navigation():
        page.locator("[data-testid=signup-form] button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Xác nhận địa chỉ e-mail")
    assert "Đã gửi thư xác nhận đến mai@example.vn." in page.locator("body").inner_text()

    [message] = mail.outbox
    assert message.subject == "[Ý Kiến] Xác nhận đăng ký tài khoản"
    path = LINK.search(message.body).group(1)
    page.goto(site.url + path)
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_test_id("confirm-email").click()
    expect(page).to_have_url(site.url + "/tai-khoan/dang-nhap/")
    assert "Đã xác nhận địa chỉ mai@example.vn." in page.locator("body").inner_text()

    page.fill("#id_username", "mai@example.vn")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(site.url + "/")

    page.get_by_test_id("profile-link").click()
    expect(page.locator("h1")).to_have_text("Hồ sơ của tôi")
    assert page.input_value("#id_full_name") == "Trần Thị Mai"
    assert_accessible(page)
    page.fill("#id_tim", "Tra Vinh")
    with page.expect_navigation():
        page.locator("form[role=search] button[type=submit]").click()
    options = page.locator("#id_commune option").all_inner_texts()
    assert options == ["— Chưa chọn —", "xã Càng Long (trước đây thuộc tỉnh Trà Vinh)"]
    page.select_option("#id_commune", str(commune.pk))
    page.select_option("#id_language", "en")
    with page.expect_navigation():
        page.locator("[data-testid=profile-form] button[type=submit]").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.input_value("#id_commune") == str(commune.pk)


def test_forgotten_password_resend_link_and_delete_the_account(site, page, solve_captcha):
    from allauth.account.models import EmailAddress
    from django.core import mail

    from ykien.core.models import User
    from ykien.core.tests.factories import UserFactory

    user = UserFactory(username="hoa", email="hoa@example.vn", full_name="Lê Văn Hòa")
    EmailAddress.objects.create(user=user, email="hoa@example.vn", verified=True, primary=True)
    mail.outbox.clear()

    # Asking for the confirmation link again answers the same for any address.
    page.goto(site.url + "/tai-khoan/xac-nhan/gui-lai/")
    page.fill("#id_email", "khong.ai@example.vn")
    solve_captcha(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(site.url + "/tai-khoan/xac-nhan/da-gui/")
    assert mail.outbox == []

    # Forgotten password: the link in the mail, a new password, sign in with it.
    page.goto(site.url + "/tai-khoan/dang-nhap/")
    page.get_by_role("link", name="Quên mật khẩu?").click()
    page.fill("#id_email", "hoa@example.vn")
    solve_captcha(page)
    with page.expect_navigation():
        page.locator("[data-testid=reset-form] button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Đã gửi yêu cầu")
    [message] = mail.outbox
    path = re.search(r"https?://[^/\s]+(/tai-khoan/quen-mat-khau/\S+/)", message.body).group(1)
    page.goto(site.url + path)
    new = "mat-khau-moi-rat-dai-2027"
    page.fill("#id_password1", new)
    page.fill("#id_password2", new)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Đã đổi mật khẩu")
    page.goto(site.url + "/tai-khoan/dang-nhap/")
    page.fill("#id_username", "hoa@example.vn")
    page.fill("#id_password", new)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(site.url + "/")

    # Delete the account.
    page.get_by_test_id("profile-link").click()
    page.get_by_role("link", name="Xóa tài khoản của tôi").click()
    assert_accessible(page)
    page.fill("#id_password", new)
    page.check("#id_confirm")
    with page.expect_navigation():
        page.locator("[data-testid=delete-form] button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Đã xóa tài khoản")
    expect(page.get_by_test_id("signup-link")).to_be_visible()
    user = User.objects.get(pk=user.pk)
    assert (user.full_name, user.email, user.is_active) == ("", "", False)
