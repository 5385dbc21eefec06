"""Where sign-in leads: a safe ``next``; otherwise the workspace for staff and the portal's home
for citizens (never a 403). The page is titled for everyone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ykien.core.models import Role, User
from ykien.core.tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-du-dai-2026"


def _login(client, username: str, **extra: str):
    return client.post(reverse("core:login"), {"username": username, "password": PASSWORD, **extra})


def test_the_login_page_is_for_everyone(client):
    html = client.get(reverse("core:login")).content.decode()
    assert "<h1>Đăng nhập</h1>" in html
    assert "dành cho cán bộ" not in html


def test_a_citizen_lands_on_the_home_page_not_on_a_403(client, tree):
    UserFactory(username="congdan")
    response = _login(client, "congdan")
    assert (response.status_code, response["Location"]) == (302, "/")
    home = client.get("/")
    assert home.status_code == 200
    assert "Bàn làm việc" not in home.content.decode()  # no link to a page they may not see
    # Signed in already: the login page sends them home too.
    assert client.get(reverse("core:login"))["Location"] == "/"


def test_an_officer_lands_on_the_workspace(client, tree):
    user = UserFactory(username="canbo", kind=User.Kind.OFFICER)
    grant(user, tree.prov_b, Role.OFFICER)
    response = _login(client, "canbo")
    assert (response.status_code, response["Location"]) == (302, "/can-bo/")
    page = client.get("/can-bo/")
    assert page.status_code == 200
    assert "Bàn làm việc" in page.content.decode()


def test_a_respondent_and_a_superuser_land_on_the_workspace(client, tree):
    respondent = UserFactory(username="traloi", kind=User.Kind.RESPONDENT)
    grant(respondent, tree.agency_new, Role.RESPONDENT, valid_from=dt.date(2025, 7, 1))
    assert _login(client, "traloi")["Location"] == "/can-bo/"
    client.logout()
    UserFactory(username="quantri", kind=User.Kind.ADMIN, is_superuser=True, is_staff=True)
    assert _login(client, "quantri")["Location"] == "/can-bo/"


def test_an_officer_whose_roles_have_ended_lands_home(client, tree):
    user = UserFactory(username="canbo.cu", kind=User.Kind.OFFICER)
    grant(user, tree.prov_a, Role.OFFICER, valid_to=dt.date(2025, 6, 30))
    assert _login(client, "canbo.cu")["Location"] == "/"


def test_a_safe_next_is_honoured_for_both_kinds(client, tree):
    UserFactory(username="congdan")
    response = _login(client, "congdan", next="/du-thao/?trang-thai=open")
    assert response["Location"] == "/du-thao/?trang-thai=open"
    client.logout()
    officer = UserFactory(username="canbo", kind=User.Kind.OFFICER)
    grant(officer, tree.prov_b, Role.OFFICER)
    response = client.post(
        reverse("core:login") + "?next=/don-vi/", {"username": "canbo", "password": PASSWORD}
    )
    assert response["Location"] == "/don-vi/"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/can-bo/", "javascript:alert(1)"]
)
def test_an_unsafe_next_is_ignored(client, tree, target):
    UserFactory(username="congdan")
    assert _login(client, "congdan", next=target)["Location"] == "/"
    client.logout()
    officer = UserFactory(username="canbo", kind=User.Kind.OFFICER)
    grant(officer, tree.prov_b, Role.OFFICER)
    assert _login(client, "canbo", next=target)["Location"] == "/can-bo/"
