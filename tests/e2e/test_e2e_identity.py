"""A citizen signs in with the national identity in Chromium: from the site to the demo OpenID
Connect provider (served by the same live server, reached as an external provider over HTTP),
picks a demo citizen, and lands back on the site signed in — under the site's CSP (the page
fixture fails on any violation) and with the pages accessible. national-core extends it to
submit a ballot."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from axe import assert_accessible  # tests/e2e/axe.py (the test directory is on sys.path)
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def identity_provider(live_server, settings):
    """The site at live_server, its identity provider the demo one at /demo-oidc/, configured
    as an operator configures any provider (OIDC_ISSUER, client id, secret)."""
    from ykien.identity import config, demo

    settings.SITE_URL = live_server.url
    settings.IDENTITY_DEMO_PROVIDER = True
    settings.OIDC_ISSUER = config.demo_issuer(live_server.url)
    settings.OIDC_CLIENT_ID = demo.CLIENT_ID
    settings.OIDC_CLIENT_SECRET = demo.client_secret()
    config.reset()
    yield live_server.url
    config.reset()


def test_a_demo_citizen_signs_in_through_the_demo_provider_and_out_again(page, identity_provider):
    from django.utils import timezone

    from ykien.identity import demo
    from ykien.identity.person import age_band, age_on

    url = identity_provider
    page.goto(f"{url}/dinh-danh/")
    assert_accessible(page)
    page.get_by_test_id("identity-sign-in").click()

    page.wait_for_url(re.compile(r"/demo-oidc/authorize\?"))
    assert "code_challenge_method=S256" in page.url
    expect(page.get_by_role("heading", name="Nhà cung cấp định danh trình diễn")).to_be_visible()
    assert_accessible(page)
    citizen = demo.CITIZENS[1]  # Trần Thị Bích, Thành phố Hồ Chí Minh
    page.get_by_role("button", name=f"Đăng nhập là {citizen.name}").click()

    page.wait_for_url(f"{url}/dinh-danh/")
    person = page.get_by_test_id("identity-person")
    assert "Bạn đã đăng nhập bằng định danh điện tử." in person.inner_text()
    assert page.get_by_test_id("identity-province").inner_text() == "Thành phố Hồ Chí Minh"
    born = dt.date.fromisoformat(citizen.birthdate)
    band = age_band(age_on(born, timezone.localdate()))  # "45-54" from 2026 to late 2032
    assert page.get_by_test_id("identity-age-band").inner_text() == band
    assert page.get_by_test_id("identity-sex").inner_text() == "Nữ"
    assert citizen.name not in page.content()  # the provider's name for her is not kept
    assert_accessible(page)

    page.get_by_test_id("identity-sign-out").click()
    page.wait_for_url(f"{url}/dinh-danh/")
    expect(page.get_by_test_id("identity-sign-in")).to_be_visible()
    assert page.get_by_test_id("identity-person").count() == 0


def test_cancelling_at_the_provider_shows_a_translated_page(page, identity_provider):
    page.goto(f"{identity_provider}/dinh-danh/")
    page.get_by_test_id("identity-sign-in").click()
    page.wait_for_url(re.compile(r"/demo-oidc/authorize\?"))
    page.get_by_test_id("demo-cancel").click()
    page.wait_for_url(re.compile(r"/dinh-danh/xac-thuc/\?"))
    assert page.get_by_test_id("identity-error").inner_text() == (
        "Việc đăng nhập đã bị hủy hoặc bị nhà cung cấp định danh từ chối"
    )
    page.get_by_test_id("identity-retry").click()
    page.wait_for_url(re.compile(r"/demo-oidc/authorize\?"))
