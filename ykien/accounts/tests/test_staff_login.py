"""Staff sign in as before: user name, lockout, TOTP for confidential roles. A staff member's
bare e-mail (set by an administrator, never confirmed) does not sign in."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice

from ykien.accounts.tests.conftest import PASSWORD
from ykien.core.models import Role
from ykien.core.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def _login(client, username: str, password: str = PASSWORD):
    return client.post(reverse("core:login"), {"username": username, "password": password})


def test_a_leader_signs_in_by_name_then_needs_the_second_factor(client, tree):
    user = UserFactory(username="lanhdao", email="lanhdao@example.vn")
    grant(user, tree.prov_b, Role.LEADER)
    device = StaticDevice.objects.create(user=user, name="backup")
    device.token_set.create(token="abc12345")
    assert _login(client, "lanhdao")["Location"] == "/can-bo/"
    response = client.get(reverse("core:workspace"))
    assert response["Location"].startswith(reverse("core:otp_verify"))
    response = client.post(reverse("core:otp_verify"), {"token": "abc12345", "next": "/can-bo/"})
    assert response["Location"] == "/can-bo/"
    assert client.get(reverse("core:workspace")).status_code == 200


def test_an_unconfirmed_bare_email_does_not_sign_in(client, tree):
    user = UserFactory(username="canbo", email="canbo@example.vn")
    grant(user, tree.prov_b, Role.OFFICER)
    response = _login(client, "canbo@example.vn")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "chưa được xác nhận" not in response.content.decode()


def test_a_confirmed_email_of_an_officer_still_needs_the_second_factor(client, tree):
    user = UserFactory(username="xuly", email="xuly@example.vn")
    grant(user, tree.prov_b, Role.HANDLER)
    EmailAddress.objects.create(user=user, email="xuly@example.vn", verified=True, primary=True)
    assert _login(client, "xuly@example.vn").status_code == 302
    response = client.get(reverse("core:workspace"))
    assert response["Location"].startswith("/tai-khoan/xac-thuc-hai-buoc/")


def test_repeated_failures_lock_out_by_email_too(client, tree):
    user = UserFactory(username="lan", email="lan@example.vn")
    EmailAddress.objects.create(user=user, email="lan@example.vn", verified=True, primary=True)
    for _ in range(5):
        _login(client, "lan@example.vn", "sai-mat-khau-2026")
    locked = _login(client, "lan@example.vn")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_sign_in_page_links_to_sign_up_and_reset(client):
    html = client.get(reverse("core:login")).content.decode()
    assert 'href="/tai-khoan/dang-ky/"' in html
    assert 'href="/tai-khoan/quen-mat-khau/"' in html
    header = client.get("/").content.decode()
    assert 'data-testid="signup-link"' in header
