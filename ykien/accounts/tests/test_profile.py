"""The profile: name, commune from today's tree (former names found), language applied."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from ykien.accounts import selectors
from ykien.accounts.models import Profile
from ykien.accounts.tests.conftest import PASSWORD
from ykien.core.models import AuditEvent
from ykien.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen():
    user = UserFactory(username="lan", email="lan@example.vn", full_name="Nguyễn Thị Lan")
    EmailAddress.objects.create(user=user, email="lan@example.vn", verified=True, primary=True)
    return user


def test_the_profile_needs_a_signed_in_person(client):
    response = client.get(reverse("accounts:profile"))
    assert response["Location"] == "/tai-khoan/dang-nhap/?next=/tai-khoan/ho-so/"


def test_the_page_lists_todays_communes_grouped_by_province(client, tree, citizen):
    client.force_login(citizen)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert '<optgroup label="tỉnh Cà Mau">' in html
    assert '<optgroup label="tỉnh Vĩnh Long">' in html
    assert f'<option value="{tree.commune_new.pk}">xã Càng Long</option>' in html
    assert f'<option value="{tree.commune_b.pk}">xã Tân Thành</option>' in html
    assert "huyện Càng Long" not in html  # gone since 1 July 2025
    assert "Trang của tôi" in html  # core:mine
    assert 'href="/tai-khoan/xoa/"' in html


def test_saving_the_profile_applies_the_language(client, tree, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "  Nguyễn  Thị Lan Anh ", "commune": tree.commune_new.pk, "language": "en"},
    )
    assert (response.status_code, response["Location"]) == (302, "/tai-khoan/ho-so/")
    assert response.cookies["django_language"].value == "en"
    citizen.refresh_from_db()
    profile = Profile.objects.get(user=citizen)
    assert (citizen.full_name, profile.commune, profile.language) == (
        "Nguyễn Thị Lan Anh",
        tree.commune_new,
        "en",
    )
    event = AuditEvent.objects.get(action="account.profile_update")
    assert event.after == {"changed": ["full_name", "commune", "language"]}
    # Signing in again sets the cookie from the profile, whatever the browser had.
    client.logout()
    client.cookies["django_language"] = "vi"
    signed_in = client.post(
        reverse("core:login"), {"username": "lan@example.vn", "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    assert signed_in.cookies["django_language"].value == "en"


@pytest.mark.parametrize("bad", ["999999", "abc", "-1"])
def test_a_commune_not_in_the_list_is_refused_and_nothing_changes(client, tree, citizen, bad):
    client.force_login(citizen)
    response = client.post(
        reverse("accounts:profile"), {"full_name": "Tên Khác", "commune": bad, "language": "vi"}
    )
    assert response.status_code == 400
    assert "Xã, phường không có trong danh sách hiện hành. Xin chọn lại." in (
        response.content.decode()
    )
    citizen.refresh_from_db()
    assert citizen.full_name == "Nguyễn Thị Lan"
    assert not Profile.objects.filter(user=citizen, commune__isnull=False).exists()


def test_a_former_commune_or_district_cannot_be_picked(client, tree, citizen):
    client.force_login(citizen)
    for unit in (tree.district_a, tree.prov_new, tree.agency_new):
        response = client.post(
            reverse("accounts:profile"),
            {"full_name": "Nguyễn Thị Lan", "commune": unit.pk, "language": "vi"},
        )
        assert response.status_code == 400


def test_an_empty_name_or_an_unknown_language_is_refused(client, tree, citizen):
    client.force_login(citizen)
    for data in ({"full_name": "   ", "language": "vi"}, {"full_name": "Lan", "language": "fr"}):
        assert client.post(reverse("accounts:profile"), data).status_code == 400
    citizen.refresh_from_db()
    assert citizen.full_name == "Nguyễn Thị Lan"


def test_a_former_name_leads_to_what_it_became(tree):
    # "Trà Vinh" (the former province, gone since 1 July 2025) → the commune that took over
    # its district of Càng Long; without diacritics too.
    for query in ("Trà Vinh", "tra vinh", "huyện Càng Long"):
        [found] = selectors.commune_search(query=query)
        assert found.unit == tree.commune_new
        assert found.province == "tỉnh Vĩnh Long"
    assert selectors.commune_search(query="Trà Vinh")[0].formerly == ("tỉnh Trà Vinh",)
    assert [c.unit for c in selectors.commune_search(query="Cà Mau")] == [tree.commune_b]
    assert selectors.commune_search(query="   ") == []


def test_the_search_narrows_the_list_and_says_what_it_was(client, tree, citizen):
    client.force_login(citizen)
    html = client.get(reverse("accounts:profile"), {"tim": "Trà Vinh"}).content.decode()
    assert "Tìm thấy 1 xã, phường." in html
    assert (
        f'<option value="{tree.commune_new.pk}">xã Càng Long (trước đây thuộc tỉnh Trà Vinh)</option>'
        in html
    )
    assert "xã Tân Thành" not in html


def test_the_profile_is_in_the_downloaded_data(client, tree, citizen):
    client.force_login(citizen)
    client.post(
        reverse("accounts:profile"),
        {"full_name": "Nguyễn Thị Lan", "commune": tree.commune_new.pk, "language": "en"},
    )
    data = client.get("/tai-khoan/cua-toi/du-lieu.json").json()
    assert data["contributions"]["accounts"] == {
        "profile": {"commune": "xã Càng Long", "language": {"code": "en", "label": "English"}}
    }


def test_the_header_language_switch_updates_the_profile(client, tree, citizen):
    client.force_login(citizen)
    client.post(
        reverse("accounts:profile"),
        {"full_name": "Nguyễn Thị Lan", "commune": tree.commune_new.pk, "language": "en"},
    )
    client.post(reverse("core:language"), {"language": "vi", "next": "/"})
    assert Profile.objects.get(user=citizen).language == "vi"
    response = client.post(reverse("core:language"), {"language": "xx", "next": "/"})
    assert response.status_code == 400  # not a language
    assert Profile.objects.get(user=citizen).language == "vi"
    # A GET (a link from another site) changes the display language only, never the profile.
    client.get(reverse("core:language"), {"language": "en", "next": "/"})
    assert Profile.objects.get(user=citizen).language == "vi"
