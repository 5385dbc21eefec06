"""Closing the loop in Chromium: a person signs up, confirms, follows a draft and comments on a
clause; the Front issues its critique and the drafting body answers; the follower reads both in
the site (and in the mail), and the comment's page shows its point, the answer and the changed
clause. A visitor without an account follows by e-mail (double opt-in). axe-core finds no
serious problem on the new pages."""

from __future__ import annotations

import re

import pytest
from axe import assert_accessible  # tests/e2e/axe.py (the test directory is on sys.path)
from playwright.sync_api import expect
from stories import critique_answered  # tests/e2e/stories.py

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-du-dai-2026"
CONFIRM = re.compile(r"https?://[^/\s]+(/tai-khoan/xac-nhan/\S+/)")
FOLLOW_CONFIRM = re.compile(r"https?://[^/\s]+(/theo-doi/xac-nhan/\S+/)")


def _sign_up_and_in(page, site, solve_captcha, address: str) -> None:
    from django.core import mail

    page.goto(site.url + "/")
    page.get_by_test_id("signup-link").click()
    page.fill("#id_full_name", "Trần Thị Mai")
    page.fill("#id_email", address)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    solve_captcha(page)
    with page.expect_navigation():
        page.locator("[data-testid=signup-form] button[type=submit]").click()
    [message] = [m for m in mail.outbox if m.to == [address]]
    page.goto(site.url + CONFIRM.search(message.body).group(1))
    with page.expect_navigation():
        page.get_by_test_id("confirm-email").click()
    page.fill("#id_username", address)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def test_sign_up_follow_a_draft_and_see_what_became_of_the_comment(site, page, solve_captcha):
    from django.core import mail

    from ykien.consultations.models import Comment, Draft

    mail.outbox.clear()
    _sign_up_and_in(page, site, solve_captcha, "mai.theodoi@example.vn")
    draft = Draft.objects.get(title="Dự thảo Nghị quyết hỗ trợ hợp tác xã")

    # Follow the draft from its page.
    page.goto(site.url + site.draft_url)
    with page.expect_navigation():
        page.get_by_test_id("follow-box").get_by_role("button", name="Theo dõi").click()
    expect(page.locator(".messages")).to_contain_text("Bạn đang theo dõi.")
    assert page.get_by_test_id("follow-box").get_by_role("button").inner_text() == (
        "Đang theo dõi · Bỏ theo dõi"
    )

    # Comment on Article 1 (signed in).
    from ykien.consultations.models import Node

    article = Node.objects.get(draft=draft, label="Điều 1")
    page.goto(site.url + f"/du-thao/{draft.pk}/dieu-khoan/{article.pk}/")
    page.get_by_label("Đề xuất cách viết khác").check()
    page.locator("#id_proposed_wording").fill("Thêm “và liên hiệp hợp tác xã”.")
    page.get_by_label("Lý do, ý kiến cụ thể").fill("Liên hiệp hợp tác xã cũng cần hỗ trợ.")
    if page.locator("input[name=captcha_1]").count():
        solve_captcha(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi góp ý").click()
    comment = Comment.objects.get(reasons="Liên hiệp hợp tác xã cũng cần hỗ trợ.")

    mail.outbox.clear()
    critique_answered(draft, comment, suffix="follow")

    # The header counts the unread notifications; the list reads them.
    page.goto(site.url + "/")
    link = page.get_by_test_id("notifications-link")
    assert re.fullmatch(r"Thông báo \d+ chưa đọc", link.inner_text().replace("\n", " "))
    link.click()
    texts = page.get_by_test_id("notifications").inner_text()
    title = "Dự thảo Nghị quyết hỗ trợ hợp tác xã"
    # Both steps; where a step concerns the follower's own comment, they are told about it once,
    # in words about their comment.
    assert f"Cơ quan soạn thảo đã công khai trả lời phản biện về dự thảo “{title}”." in texts
    assert "Văn bản phản biện đã được ban hành, có ý kiến rút ra từ góp ý của bạn (Điều 1" in texts
    assert "đã trả lời điểm phản biện rút ra từ góp ý của bạn (Điều 1" in texts
    assert f"Dự thảo “{title}” có phiên bản mới." in texts
    assert_accessible(page)

    # The notice about the comment leads to its page: the point, the answer, the new clause.
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("rút ra từ góp ý của bạn")).first.click()
    assert page.url.endswith(f"/du-thao/{draft.pk}/gop-y/{comment.pk}/")
    body = page.locator("main").inner_text()
    assert "Về phạm vi điều chỉnh" in body
    assert "Tiếp thu: đã bổ sung liên hiệp hợp tác xã vào phạm vi điều chỉnh." in body
    assert "liên hiệp hợp tác xã" in page.locator("main ins").first.inner_text()

    # And the mails (the console's in the demo).
    subjects = [m.subject for m in mail.outbox if m.to == ["mai.theodoi@example.vn"]]
    assert any(s.startswith("[Ý Kiến] Văn bản phản biện đã được ban hành") for s in subjects)
    assert (
        f"[Ý Kiến] Cơ quan soạn thảo đã công khai trả lời phản biện về dự thảo “{title}”."
        in subjects
    )

    # Settings: a digest instead, and stop following.
    page.goto(site.url + "/tai-khoan/thong-bao/cai-dat/")
    assert_accessible(page)
    page.get_by_label("Gửi một thư tổng hợp mỗi ngày").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu cách nhận thông báo.")
    with page.expect_navigation():
        page.get_by_test_id("follows").get_by_role("button", name="Bỏ theo dõi").click()
    assert "Bạn chưa theo dõi nội dung nào." in page.locator("main").inner_text()


def test_a_visitor_follows_a_draft_by_mail(site, page, solve_captcha):
    from django.core import mail

    from ykien.participation.models import Follow

    mail.outbox.clear()
    page.goto(site.url + site.draft_url)
    page.get_by_test_id("follow-box").get_by_role("link", name="Theo dõi qua thư điện tử").click()
    expect(page.locator("h1")).to_have_text("Theo dõi qua thư điện tử")
    assert_accessible(page)
    page.get_by_label("Thư điện tử").fill("khach@example.vn")
    solve_captcha(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi thư xác nhận").click()
    expect(page.get_by_test_id("follow-email-sent")).to_be_visible()
    [message] = mail.outbox
    page.goto(site.url + FOLLOW_CONFIRM.search(message.body).group(1))
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_test_id("confirm-follow").click()
    expect(page.get_by_test_id("follow-confirmed")).to_be_visible()
    assert Follow.objects.get(email="khach@example.vn").confirmed_at is not None
