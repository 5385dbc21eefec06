"""Deleting one's own account: contributions anonymised (core.mine.erase_all), personal data
erased, signed out; staff refused; a wrong password changes nothing."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from ykien.accounts.models import Profile
from ykien.accounts.tests.conftest import PASSWORD
from ykien.core import mine
from ykien.core.models import AuditEvent, Role, User
from ykien.core.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen(tree):
    user = UserFactory(
        username="lan", email="lan@example.vn", full_name="Nguyễn Thị Lan", phone="0912345678"
    )
    EmailAddress.objects.create(user=user, email="lan@example.vn", verified=True, primary=True)
    Profile.objects.create(user=user, commune=tree.commune_new, language="en")
    return user


def _delete(client, password: str = PASSWORD, **extra: str):
    return client.post(reverse("accounts:delete"), {"password": password, "confirm": "on", **extra})


def test_deleting_erases_the_person_and_anonymises_contributions(client, citizen, monkeypatch):
    calls = []
    real = mine.erase_all

    def spy(user):
        calls.append((user.pk, user.full_name))  # called while the person still exists
        return real(user)

    monkeypatch.setattr(mine, "erase_all", spy)
    client.force_login(citizen)
    assert "Xóa vĩnh viễn tài khoản" in client.get(reverse("accounts:delete")).content.decode()
    response = _delete(client)
    assert (response.status_code, response["Location"]) == (302, "/tai-khoan/da-xoa/")
    assert calls == [(citizen.pk, "Nguyễn Thị Lan")]
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Tài khoản và dữ liệu cá nhân của bạn đã được xóa." in page

    user = User.objects.get(pk=citizen.pk)
    assert user.username.startswith("da-xoa-")
    assert "lan" not in user.username
    assert (user.full_name, user.email, user.phone, user.is_active) == ("", "", "", False)
    assert not user.has_usable_password()
    assert not Profile.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    event = AuditEvent.objects.get(action="account.delete")
    assert event.object_id == str(user.pk)
    assert "Nguyễn Thị Lan" not in str(event.after) + event.object_repr
    assert set(event.after["erased"]) == set(mine.export_all(user))  # every app's count
    # Cannot sign in any more, by address or by the old name.
    for name in ("lan@example.vn", "lan"):
        login = client.post(reverse("core:login"), {"username": name, "password": PASSWORD})
        assert login.status_code == 200


def test_a_wrong_password_changes_nothing(client, citizen, monkeypatch):
    monkeypatch.setattr(mine, "erase_all", lambda user: pytest.fail("must not erase"))
    client.force_login(citizen)
    response = _delete(client, password="sai-mat-khau-2026")
    assert response.status_code == 400
    assert "Mật khẩu không đúng." in response.content.decode()
    unticked = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert unticked.status_code == 400
    citizen.refresh_from_db()
    assert (citizen.username, citizen.full_name, citizen.is_active) == (
        "lan",
        "Nguyễn Thị Lan",
        True,
    )
    assert Profile.objects.filter(user=citizen).exists()
    assert EmailAddress.objects.filter(user=citizen).exists()
    assert not AuditEvent.objects.filter(action="account.delete").exists()


@pytest.mark.parametrize("kind", ["officer", "respondent", "role", "superuser"])
def test_staff_cannot_delete_their_account(client, tree, kind, monkeypatch):
    monkeypatch.setattr(mine, "erase_all", lambda user: pytest.fail("must not erase"))
    user = UserFactory(username="canbo", kind=User.Kind.CITIZEN)
    if kind == "officer":
        user.kind = User.Kind.OFFICER
    elif kind == "respondent":
        user.kind = User.Kind.RESPONDENT
    elif kind == "role":  # a citizen's account that was given a role
        grant(user, tree.prov_b, Role.OFFICER)
    else:
        user.is_superuser = user.is_staff = True
    user.save()
    client.force_login(user)
    for response in (client.get(reverse("accounts:delete")), _delete(client)):
        assert response.status_code == 403
        assert "Tài khoản cán bộ không tự xóa được" in response.content.decode()
    user.refresh_from_db()
    assert (user.username, user.is_active) == ("canbo", True)
    assert "Xóa tài khoản của tôi" not in client.get(reverse("accounts:profile")).content.decode()


def test_visitors_are_sent_to_sign_in(client):
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response["Location"] == "/tai-khoan/dang-nhap/?next=/tai-khoan/xoa/"
