"""The site's chrome: a menu with only the links the reader may open, the error pages and the
refused-form page in the site's layout and language, the Referrer-Policy of the pages whose
address holds a secret, and a Content-Security-Policy that the templates can keep (no inline
script, event handler or style)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from ykien.core import navigation
from ykien.core.models import Role
from ykien.core.tests.factories import UserFactory, grant

TEMPLATE_ROOT = Path(settings.BASE_DIR)
NAV_LINK = re.compile(r'<nav class="main-nav"[^>]*>(.*?)</nav>', re.S)
HREF = re.compile(r'href="([^"]+)"')


def _menu(html: str) -> list[str]:
    match = NAV_LINK.search(html)
    assert match is not None, "no main menu on the page"
    return HREF.findall(match.group(1))


def _english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- the menu --------------------------------------------------------------------------------


@pytest.fixture
def officer(tree):
    user = UserFactory(username="canbo.menu")
    grant(user, tree.prov_new, Role.OFFICER)
    return user


@pytest.fixture
def citizen(db):
    return UserFactory(username="congdan.menu")


PUBLIC_MENU = [
    "/",
    "/du-thao/",
    "/tin-tuc/",
    "/tham-van-quoc-gia/",
    "/phan-anh/",
    "/giam-sat/",
    "/tiep-cong-dan/",
    "/doi-thoai/",
    "/don-vi/",
    "/tim-kiem/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "citizen", "officer"])
def test_every_menu_link_opens_for_the_reader(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    links = _menu(client.get("/").content.decode())
    expected = PUBLIC_MENU
    if who == "officer":
        expected = [*PUBLIC_MENU[:8], "/giao-ban/", "/don-vi/", "/tim-kiem/", "/can-bo/"]
    assert links == expected
    for link in links:
        assert client.get(link).status_code == 200, link


@pytest.mark.django_db
def test_the_menu_registry_filters_by_the_views_permission(tree, officer):
    respondent = UserFactory(username="traloi.menu")
    grant(respondent, tree.agency_new, Role.RESPONDENT)

    def urls(user):
        return [item["url"] for item in navigation.items(user)]

    assert "/giao-ban/" not in urls(None)
    assert "/can-bo/" not in urls(None)
    assert {"/giao-ban/", "/can-bo/"} <= set(urls(officer))
    # An answering agency's respondent has a workspace but no briefing.
    assert "/can-bo/" in urls(respondent)
    assert "/giao-ban/" not in urls(respondent)
    assert client_status(respondent, "/giao-ban/") == 403


@pytest.mark.django_db
def test_the_menu_names_sections_as_the_pages_do(client, officer):
    from django.utils import translation

    def drafts_link(html: str) -> list[str]:
        menu = NAV_LINK.search(html)
        assert menu is not None
        return re.findall(r'<a href="/du-thao/">([^<]*)</a>', menu.group(1))

    client.force_login(officer)
    assert drafts_link(client.get("/").content.decode()) == ["Dự thảo"]
    # The drafts' section is "Drafts", as on its pages ("« Drafts"); one draft stays "Draft".
    assert drafts_link(_english(client).get("/").content.decode()) == ["Drafts"]
    with translation.override("en"):
        assert translation.gettext("Dự thảo") == "Draft"
        assert translation.gettext("Đơn vị") == "Unit"  # a table's column
        labels = [str(i["label"]) for i in navigation.items(officer)]
        assert labels[:2] == ["Drafts", "News"]
        assert "Units" in labels
    assert "<title>Units — Ý Kiến</title>" in client.get("/don-vi/").content.decode()


def client_status(user, path: str) -> int:
    client = Client()
    client.force_login(user)
    return client.get(path).status_code


# --- error pages -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_404_page_has_the_site_layout_and_a_way_back(client):
    response = client.get("/khong-co-trang-nay/", HTTP_REFERER="http://testserver/tin-tuc/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<title>Không tìm thấy trang — Ý Kiến</title>" in html
    assert '<h1 id="error-title">Không tìm thấy trang</h1>' in html
    assert 'class="site-header"' in html
    assert 'class="site-footer"' in html
    assert 'href="http://testserver/tin-tuc/" data-testid="error-back"' in html
    assert 'href="/" data-testid="error-home">Về trang chủ</a>' in html
    assert "Not Found" not in html


@pytest.mark.django_db
def test_404_page_in_english(client):
    html = _english(client).get("/khong-co-trang-nay/").content.decode()
    assert '<html lang="en">' in html
    assert '<h1 id="error-title">Page not found</h1>' in html
    assert ">Go to the home page</a>" in html


@pytest.mark.django_db
def test_a_foreign_referer_gives_no_back_link(client):
    html = client.get("/khong-co/", HTTP_REFERER="https://example.com/x").content.decode()
    assert "error-back" not in html


@pytest.mark.django_db
def test_403_page_for_a_citizen_opening_an_officers_page(client, citizen):
    client.force_login(citizen)
    response = client.get("/giao-ban/")
    html = response.content.decode()
    assert response.status_code == 403
    assert '<h1 id="error-title">Bạn không có quyền xem trang này</h1>' in html
    assert 'class="site-header"' in html
    assert "403 Forbidden" not in html
    assert "Đăng nhập bằng tài khoản cán bộ" not in html  # already signed in


@pytest.mark.django_db
def test_403_page_in_english(client, citizen):
    client.force_login(citizen)
    html = _english(client).get("/giao-ban/").content.decode()
    assert '<html lang="en">' in html
    assert '<h1 id="error-title">You are not allowed to see this page</h1>' in html


@pytest.mark.django_db
def test_400_page_for_a_request_to_an_unknown_host_name(client):
    response = client.get("/", HTTP_HOST="ykien.example.com")
    html = response.content.decode()
    assert response.status_code == 400
    assert '<h1 id="error-title">Yêu cầu không hợp lệ</h1>' in html
    assert 'class="site-header"' in html
    english = _english(client).get("/", HTTP_HOST="ykien.example.com").content.decode()
    assert '<h1 id="error-title">Bad request</h1>' in english


@pytest.mark.urls("ykien.core.tests.urls_boom")
@pytest.mark.parametrize(
    ("language", "heading"),
    [("vi", "Hệ thống đang gặp sự cố"), ("en", "The system has run into a problem")],
)
def test_500_page_renders_with_the_database_down(language, heading):
    # No database fixture: any query while rendering the page would fail the test, as a real
    # outage would fail the page.
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/hong/", HTTP_REFERER="http://testserver/phan-anh/")
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{language}">' in html
    assert f'<h1 id="error-title">{heading}</h1>' in html
    assert 'class="site-header"' in html
    assert 'href="http://testserver/phan-anh/" data-testid="error-back"' in html
    assert "lang-switch" not in html  # the page touches nothing the outage may have broken
    assert "Server Error" not in html


@pytest.fixture
def fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
@pytest.mark.usefixtures("fresh_rate_limits")
def test_429_page_has_the_layout_and_a_way_home(client):
    for _ in range(20):
        client.get(reverse("petitions:lookup"), {"ma": "AAA-BBB-CCC"})
    response = client.get(reverse("petitions:lookup"), {"ma": "AAA-BBB-CCC"})
    html = response.content.decode()
    assert response.status_code == 429
    assert '<h1 id="error-title">Quá nhiều yêu cầu</h1>' in html
    assert '<p class="error-code" aria-hidden="true">429</p>' in html
    assert 'href="/" data-testid="error-home">Về trang chủ</a>' in html


# --- the refused form (CSRF) -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"), [("vi", "Chưa gửi được biểu mẫu"), ("en", "The form was not sent")]
)
def test_a_form_without_its_token_gets_the_sites_page(language, heading):
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(reverse("core:logout"), HTTP_REFERER="http://testserver/tin-tuc/")
    html = response.content.decode()
    assert response.status_code == 403
    assert f'<h1 id="error-title">{heading}</h1>' in html
    assert 'class="site-header"' in html
    assert 'href="http://testserver/tin-tuc/" data-testid="error-back"' in html
    assert "CSRF" not in html


# --- Referrer-Policy of the pages whose address is a secret ----------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("fresh_rate_limits")
def test_petition_status_page_keeps_the_referrer_on_the_site(client, tree):
    from ykien.core.pii import SenderIdentity
    from ykien.petitions import services

    petition = services.petition_submit(
        actor=None,
        kind="report",
        subject="Đèn đường hỏng",
        content="Đèn đường ở ấp 3 hỏng đã một tháng.",
        unit=tree.prov_new,
        identity=SenderIdentity(),
        anonymous=True,
    )
    response = client.get(reverse("petitions:lookup"), {"ma": petition.display_code})
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_feedback_follow_page_keeps_the_referrer_on_the_site(client, tree, officer):
    from ykien.portal import services

    article = services.article_create(
        actor=officer, unit=tree.prov_new, title="Tin thử", summary="Tóm tắt.", body="Nội dung."
    )
    article = services.article_transition(actor=officer, article=article, to="published")
    feedback = services.feedback_submit(article=article, name="An", title="Ý kiến", content="Có.")
    response = client.get(reverse("portal:feedback_follow", args=[feedback.token]))
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"


# --- Content-Security-Policy -----------------------------------------------------------------


@pytest.mark.django_db
def test_pages_send_a_content_security_policy_without_unsafe_inline(client):
    response = client.get("/")
    header = response["Content-Security-Policy"]
    policy = dict(part.split(" ", 1) for part in header.split("; "))
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "unsafe-inline" not in header


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
STYLE = re.compile(r"<style\b|<[^>]*\sstyle\s*=", re.I)


def test_no_template_has_inline_script_event_handler_or_style():
    offenders = []
    for path in sorted(TEMPLATE_ROOT.glob("**/templates/**/*.html")):
        text = path.read_text()
        for name, pattern in (("script", INLINE_SCRIPT), ("on*=", EVENT_HANDLER), ("style", STYLE)):
            if pattern.search(text):
                offenders.append(f"{path.relative_to(TEMPLATE_ROOT)}: {name}")
    assert offenders == []


def test_ghost_buttons_are_only_on_the_red_header():
    """``.btn-ghost`` is white on transparent: readable on the header's red, invisible on a
    page's white (a sign-out and an unfollow button were blank gaps). Elsewhere buttons are
    ``.btn`` or ``.btn-secondary``."""
    root = Path(settings.BASE_DIR)
    found = sorted(
        str(path.relative_to(root))
        for path in root.rglob("templates/**/*.html")
        if "btn-ghost" in path.read_text(encoding="utf-8")
    )
    assert found == ["templates/base.html"]
    base = (root / "templates" / "base.html").read_text(encoding="utf-8")
    header = base[base.index('<header class="site-header"') : base.index("</header>")]
    assert base.count("btn-ghost") == header.count("btn-ghost") > 0
