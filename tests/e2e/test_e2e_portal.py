"""The public portal in a real browser: reading, feedback with the captcha, search without
diacritics, listening, and an accessibility check (axe-core) of the main pages."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_read_an_article_and_send_feedback_with_the_captcha(site, page, solve_captcha):
    from ykien.portal.models import Feedback

    page.goto(site.url + "/")
    page.get_by_role("link", name=site.article.title).first.click()
    page.wait_for_url(re.compile(r"/tin-tuc/"))
    assert page.get_by_role("heading", level=1).inner_text() == site.article.title
    assert page.locator("figure.photo img").first.get_attribute("alt").startswith("Hội trường")
    assert "Mặt trận tỉnh đã tiếp thu." in page.locator(".reply").inner_text()
    assert re.search(r"\d+ lượt xem", page.get_by_test_id("view-count").inner_text())

    page.get_by_label("Họ và tên").fill("Nguyễn Thị Mai")
    page.get_by_label("Tiêu đề").fill("Góp ý về tập huấn hòa giải")
    page.get_by_label("Nội dung").fill("Xin mở thêm lớp tập huấn ở ấp <b>Tân An</b>.")
    page.fill("input[name=captcha_1]", "SAI")
    page.get_by_role("button", name="Gửi ý kiến").click()
    assert "Mã xác nhận không đúng." in page.locator(".feedback-form").inner_text()
    assert (
        page.get_by_label("Nội dung").input_value()
        == "Xin mở thêm lớp tập huấn ở ấp <b>Tân An</b>."
    )
    assert Feedback.objects.filter(name="Nguyễn Thị Mai").count() == 0

    solve_captcha(page)
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_url(re.compile(r"/tin-tuc/y-kien/"))
    assert page.get_by_test_id("feedback-status").inner_text() == "Chờ duyệt"
    assert "<b>Tân An</b>" in page.locator("main").inner_text()  # shown as text, not markup
    feedback = Feedback.objects.get(name="Nguyễn Thị Mai")
    assert (feedback.status, feedback.title) == ("pending", "Góp ý về tập huấn hòa giải")


def test_search_without_diacritics(site, page):
    page.goto(site.url + "/")
    page.get_by_label("Tìm tin tức, dự thảo, kiến nghị").fill("giam sat")
    page.get_by_label("Tìm tin tức, dự thảo, kiến nghị").press("Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/\?q=giam\+sat"))
    titles = page.locator(".result-title").all_inner_texts()
    assert titles[0] == site.article.title
    assert page.locator(".result mark").first.inner_text().lower() == "giám"

    page.get_by_label(re.compile("Từ khóa")).fill("hoa giai")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_url(re.compile(r"q=hoa\+giai"))
    titles = set(page.locator(".result-title").all_inner_texts())
    assert {site.article.title, site.other.title} <= titles  # "hòa" and "hoà"


def test_listen_to_an_article(site, page):
    page.goto(site.url + site.article.get_absolute_url())
    audio = page.locator("audio")
    assert audio.count() == 1
    duration_text = page.locator(".listen time").inner_text()
    assert re.fullmatch(r"(\d+ phút \d{2} giây|\d+ giây)", duration_text)
    # Arrow functions: Playwright evaluates a bare expression with eval(), which the site's
    # Content-Security-Policy refuses.
    page.wait_for_function("() => document.querySelector('audio').readyState >= 1")
    seconds = page.evaluate("document.querySelector('audio').duration")
    assert seconds > 1
    page.evaluate("document.querySelector('audio').play()")
    page.wait_for_function("() => document.querySelector('audio').currentTime > 0.2")


PAGES = ["/", "article", "draft", "/tim-kiem/?q=giam+sat", "/tin-tuc/"]


@pytest.mark.parametrize("where", PAGES)
def test_accessibility_no_serious_or_critical_violations(site, page, where):
    from axe_playwright_python.sync_playwright import Axe

    url = {
        "article": site.article.get_absolute_url(),
        "draft": site.draft_url,
    }.get(where, where)
    page.goto(site.url + url)
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
