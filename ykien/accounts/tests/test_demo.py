"""The demo citizen signs in with their e-mail address; loading twice changes nothing."""

from __future__ import annotations

import io

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from ykien.accounts import demo
from ykien.accounts.models import Profile
from ykien.accounts.tests.conftest import PASSWORD
from ykien.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_citizen_has_a_confirmed_address(client, tree):
    user = UserFactory(username="congdan", email="congdan@demo.ykien.vn")
    for _ in range(2):
        out = io.StringIO()
        demo.load(out)
    assert out.getvalue() == "  Công dân đăng nhập bằng e-mail: congdan@demo.ykien.vn\n"
    [address] = EmailAddress.objects.filter(user=user)
    assert (address.email, address.verified, address.primary) == (
        "congdan@demo.ykien.vn",
        True,
        True,
    )
    profile = Profile.objects.get(user=user)
    assert (profile.commune, profile.language) == (tree.commune_new, "vi")
    response = client.post(
        reverse("core:login"), {"username": "congdan@demo.ykien.vn", "password": PASSWORD}
    )
    assert (response.status_code, response["Location"]) == (302, "/")
