"""Every public form, sent from every kind of page that has it, in Chromium, with the site's
Content-Security-Policy on (conftest fails a test on any violation). Each submission must go
through (no refused form) and show its result.

The public forms (``grep -l "<form" ykien/**/templates``): the language switch (every page), the
home page's search and petition look-up, the news filter and reader feedback (test_e2e_portal),
search, the draft list's search, a comment on an article of a draft and on the draft as a whole,
reporting a comment, voting on a statement and proposing one (with the captcha for a visitor),
an invited expert's opinion, the petition form, its look-up and the rating of the answer, the
petition statistics' filter, the board's filter, the Regulation 124 feedback, the unit tree's
date, the deadline calculator, sign-in and sign-out, a citizen's API keys. Signing up, asking
for the confirmation link again, the forgotten password, the profile and deleting one's account:
test_e2e_accounts."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REFUSED = "Chưa gửi được biểu mẫu"  # the page of a refused form (CSRF)
PASSWORD = "mat-khau-du-dai-2026"


def _ok(page) -> None:
    """The last submission was not refused and did not fail."""
    body = page.locator("body").inner_text()
    assert REFUSED not in body
    assert "CSRF" not in body
    assert "Hệ thống đang gặp sự cố" not in body


def _switch_language(page, code: str) -> None:
    page.locator("#lang-select").select_option(code)
    with page.expect_navigation():
        page.locator("form.lang-switch button[type=submit]").click()
    _ok(page)


def test_language_switch_on_every_kind_of_public_page(world, page):
    site = world.site
    pages = [
        "/",
        "/tin-tuc/",
        site.article.get_absolute_url(),
        "/du-thao/",
        site.draft_url,
        world.node_url,
        f"/du-thao/{world.draft.pk}/y-kien-chung/",
        f"/du-thao/{world.draft.pk}/thong-ke/",
        "/phan-anh/",
        "/phan-anh/gui/",
        "/phan-anh/thong-ke/",
        "/giam-sat/",
        f"/giam-sat/kien-nghi/{world.recommendation.pk}/",
        "/giam-sat/phan-anh-can-bo/",
        "/don-vi/",
        "/don-vi/MTTQ-86/",
        "/thoi-han/",
        "/tim-kiem/?q=giam+sat",
        "/tai-khoan/dang-nhap/",
        "/tai-khoan/dang-ky/",
        "/tai-khoan/quen-mat-khau/",
        "/tai-khoan/xac-nhan/gui-lai/",
        "/khong-co-trang-nay/",  # the 404 page
    ]
    for path in pages:
        page.goto(site.url + path)
        assert page.locator("html").get_attribute("lang") == "vi", path
        _switch_language(page, "en")
        assert page.locator("html").get_attribute("lang") == "en", path
        expect(page).to_have_url(site.url + path)  # back on the same page
        page.context.clear_cookies()

    # Pages whose address is a secret (Referrer-Policy: same-origin): there and back again.
    from ykien.portal.models import Feedback

    feedback = Feedback.objects.get(article=site.article)
    token_pages = [
        f"/phan-anh/tra-cuu/?ma={world.petition_code}",
        f"/tin-tuc/y-kien/{feedback.token}/",
        world.expert_url,
    ]
    for path in token_pages:
        page.goto(site.url + path)
        _switch_language(page, "en")
        assert page.locator("html").get_attribute("lang") == "en", path
        expect(page).to_have_url(site.url + path)
        _switch_language(page, "vi")
        assert page.locator("html").get_attribute("lang") == "vi", path
        expect(page).to_have_url(site.url + path)


def test_send_a_petition_look_it_up_and_rate_an_answer(world, page, solve_captcha):
    from ykien.petitions.models import Petition

    site = world.site
    page.goto(site.url + "/phan-anh/")
    page.get_by_role("link", name="Gửi đơn trực tuyến").click()
    page.get_by_label("Phản ánh", exact=True).check()
    page.get_by_label("Gửi đến").select_option(label="Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long")
    page.get_by_label("Tiêu đề").fill("Cống thoát nước ấp 4 bị tắc")
    page.locator("textarea[name=content]").fill("Cống thoát nước ở ấp 4 bị tắc, mưa là ngập.")
    page.get_by_label("Gửi nặc danh (không ghi thông tin cá nhân)").check()
    solve_captcha(page)
    page.get_by_role("button", name="Gửi đơn").click()
    page.wait_for_url(re.compile(r"/phan-anh/da-gui/"))
    _ok(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Đã tiếp nhận đơn của bạn"
    code = page.locator(".tracking-code").inner_text().strip()
    sent = Petition.objects.get(subject="Cống thoát nước ấp 4 bị tắc")
    assert code == sent.display_code

    # The look-up form of the petitions page, with the code of an answered petition.
    page.goto(site.url + "/phan-anh/")
    page.get_by_label("Mã tra cứu").fill(world.petition_code)
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_url(re.compile(r"/phan-anh/tra-cuu/\?ma="))
    assert "Đã thay bóng đèn mới." in page.locator("main").inner_text()

    # The rating, sent from the status page (whose address holds the code).
    page.get_by_label("5 — Rất hài lòng").check()
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_load_state()
    _ok(page)
    expect(page.locator(".messages")).to_contain_text("Cảm ơn bạn đã đánh giá.")
    assert "Bạn đã đánh giá: 5/5." in page.locator("main").inner_text()
    assert Petition.objects.get(subject="Đèn đường ấp Tân An hỏng").rating == 5

    # The look-up form on the status page itself.
    page.locator("main form.card").first.get_by_label("Mã tra cứu").fill(code)
    page.locator("main form.card").first.get_by_role("button", name="Tra cứu").click()
    page.wait_for_url(re.compile(rf"ma={code}"))
    assert "Cống thoát nước ấp 4 bị tắc" in page.locator("main").inner_text()


def test_comment_report_vote_and_propose_on_a_draft_as_a_visitor(world, page, solve_captcha):
    from ykien.consultations.models import Comment, Statement, Vote

    site = world.site
    # A comment on Article 1.
    page.goto(site.url + world.node_url)
    page.get_by_label("Không đồng ý").check()
    page.get_by_label("Lý do, ý kiến cụ thể").fill("Cần quy định rõ đối tượng được hỗ trợ.")
    solve_captcha(page)
    page.get_by_role("button", name="Gửi góp ý").click()
    page.wait_for_load_state()
    _ok(page)
    comment = Comment.objects.get(reasons="Cần quy định rõ đối tượng được hỗ trợ.")
    assert f"Góp ý số {comment.pk} đã được ghi nhận." in page.locator(".messages").inner_text()

    # Reporting that comment.
    report = page.locator(f"#gop-y-{comment.pk}")
    report.get_by_text("Báo cáo vi phạm").click()
    report.get_by_label("Lý do báo cáo").fill("Thử báo cáo.")
    report.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_load_state()
    _ok(page)
    expect(page.locator(".messages")).to_contain_text("Cảm ơn bạn đã báo cáo")

    # A comment on the draft as a whole.
    page.goto(site.url + f"/du-thao/{world.draft.pk}/y-kien-chung/")
    page.get_by_label("Đồng ý", exact=True).check()
    page.get_by_label("Lý do, ý kiến cụ thể").fill("Dự thảo rất cần thiết.")
    if page.locator("input[name=captcha_1]").count():
        solve_captcha(page)
    page.get_by_role("button", name="Gửi góp ý").click()
    page.wait_for_load_state()
    _ok(page)
    assert Comment.objects.filter(reasons="Dự thảo rất cần thiết.", node=None).count() == 1

    # A vote on the statement, then a statement of one's own (captcha when the session asks).
    statement = Statement.objects.get(draft=world.draft)
    page.goto(site.url + site.draft_url + "#bieu-quyet")
    page.locator("#bieu-quyet").get_by_role("button", name="Đồng ý", exact=True).click()
    page.wait_for_load_state()
    _ok(page)
    if page.locator("input[name=captcha_1]").count():
        solve_captcha(page)
        page.get_by_role("button", name="Gửi biểu quyết").click()
        page.wait_for_load_state()
        _ok(page)
    expect(page.locator(".messages")).to_contain_text("Đã ghi nhận biểu quyết của bạn.")
    assert list(Vote.objects.filter(statement=statement).values_list("value", flat=True)) == [1]

    page.get_by_label("Nhận định ngắn về dự thảo").fill("Cần thêm hỗ trợ vốn vay.")
    page.get_by_role("button", name="Đề xuất nhận định").click()
    page.wait_for_load_state()
    _ok(page)
    if page.locator("input[name=captcha_1]").count():
        solve_captcha(page)
        page.get_by_role("button", name="Đề xuất nhận định").click()
        page.wait_for_load_state()
        _ok(page)
    expect(page.locator(".messages")).to_contain_text("Nhận định sẽ được đưa ra biểu quyết")
    assert Statement.objects.filter(text="Cần thêm hỗ trợ vốn vay.").count() == 1


def test_an_invited_expert_sends_an_opinion_from_the_personal_link(world, page):
    from ykien.consultations.models import Invitation

    page.goto(world.site.url + world.expert_url)
    page.get_by_label("Ý kiến chung về dự thảo").fill("Dự thảo phù hợp, cần làm rõ Điều 1.")
    page.get_by_label("Tôi xác nhận đây là ý kiến của tôi và ký tên dưới đây.").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    _ok(page)
    expect(page.locator(".messages")).to_contain_text("Ý kiến đã được ký và gửi đến")
    assert Invitation.objects.get(draft=world.draft).answered_at is not None


def test_regulation_124_feedback(world, page, solve_captcha):
    from ykien.oversight.models import ConductFeedback

    page.goto(world.site.url + "/giam-sat/")
    page.get_by_role("link", name=re.compile("Quy định 124-QĐ")).click()
    page.get_by_label("Chức danh được phản ánh").select_option(index=1)
    page.get_by_label("Nội dung phản ánh").fill(
        "Người giữ chức vụ này nhiều lần đến muộn các buổi tiếp công dân."
    )
    page.get_by_label("Họ và tên người gửi").fill("Nguyễn Văn Bình")
    page.locator("input[name=address]").fill("Ấp 3, xã Càng Long")
    solve_captcha(page)
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_load_state()
    _ok(page)
    feedback = ConductFeedback.objects.get()
    assert feedback.tracking_code in page.locator("main").inner_text()


def test_search_look_up_and_filter_forms(world, page):
    site = world.site
    # The home page: search, and the petition look-up (forwarded to the status page).
    page.goto(site.url + "/")
    page.get_by_label("Tìm tin tức, dự thảo, kiến nghị").fill("hoa giai")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_url(re.compile(r"/tim-kiem/\?q=hoa\+giai"))
    assert site.article.title in page.locator(".result-title").all_inner_texts()

    page.goto(site.url + "/")
    page.locator("form.lookup input").fill(world.petition_code)
    page.locator("form.lookup button").click()
    page.wait_for_url(re.compile(r"/phan-anh/tra-cuu/\?ma="))
    assert "Đã thay bóng đèn mới." in page.locator("main").inner_text()

    # The search page's own form.
    page.goto(site.url + "/tim-kiem/")
    page.get_by_label(re.compile("Từ khóa")).fill("hop tac xa")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.wait_for_url(re.compile(r"q=hop\+tac\+xa"))
    assert "Dự thảo Nghị quyết hỗ trợ hợp tác xã" in page.locator(".results").inner_text()

    # News by topic.
    page.goto(site.url + "/tin-tuc/")
    page.get_by_label("Chủ đề").select_option(index=1)  # "Giám sát (1)"
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url(re.compile(r"chu-de="))
    assert page.locator(".news-title").all_inner_texts() == [site.article.title]

    # Drafts by name.
    page.goto(site.url + "/du-thao/")
    page.get_by_label("Tên dự thảo").fill("hợp tác xã")
    page.locator("main form").get_by_role("button", name="Tìm").click()
    page.wait_for_url(re.compile(r"/du-thao/\?q="))
    assert page.locator(".draft-list h2").all_inner_texts() == [world.draft.title]

    # The accountability board by addressee.
    page.goto(site.url + "/giam-sat/")
    page.get_by_label("Cơ quan nhận kiến nghị").select_option(
        label="Ủy ban nhân dân tỉnh Vĩnh Long"
    )
    page.locator("main form").get_by_role("button", name="Lọc").click()
    page.wait_for_url(re.compile(r"addressee="))
    assert world.recommendation.code in page.locator("main").inner_text()

    # Petition statistics for a year.
    page.goto(site.url + "/phan-anh/thong-ke/")
    page.get_by_label("Năm").fill("2025")
    page.get_by_role("button", name="Xem", exact=True).click()
    page.wait_for_url(re.compile(r"year=2025"))
    assert "2025" in page.get_by_role("heading", level=1).inner_text()

    # The unit tree on a date.
    page.goto(site.url + "/don-vi/")
    page.get_by_label("Xem theo ngày").fill("2025-01-01")
    page.get_by_role("button", name="Xem", exact=True).click()
    page.wait_for_url(re.compile(r"ngay=2025-01-01"))
    assert "Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long" in page.locator("main").inner_text()

    # The deadline calculator.
    page.goto(site.url + "/thoi-han/")
    page.get_by_label("Quy tắc").select_option(index=1)
    page.get_by_label("Ngày bắt đầu").fill("2026-03-02")
    page.get_by_role("button", name="Tính").click()
    page.wait_for_url(re.compile(r"start=2026-03-02"))
    _ok(page)
    assert page.locator(".errorlist").count() == 0


def test_a_citizen_signs_in_creates_an_api_key_and_signs_out(world, page):
    from ykien.core.models import ApiKey

    site = world.site
    page.goto(site.url + "/")
    page.get_by_role("link", name="Đăng nhập").click()
    page.get_by_label("Tên đăng nhập").fill("congdan.e2e")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(site.url + "/")
    _ok(page)
    assert "Đăng xuất (congdan.e2e)" in page.locator(".site-header").inner_text()

    page.goto(site.url + "/tai-khoan/khoa-api/")
    page.get_by_label("Tên khóa (để bạn nhận ra)").fill("Máy tính ở nhà")
    page.get_by_role("button", name="Tạo khóa").click()
    page.wait_for_load_state()
    _ok(page)
    assert "Khóa mới (chỉ hiển thị một lần" in page.locator("main").inner_text()
    assert ApiKey.objects.get(user=world.citizen).name == "Máy tính ở nhà"

    page.get_by_role("button", name=re.compile(r"Đăng xuất")).click()
    page.wait_for_load_state()
    _ok(page)
    assert page.get_by_role("link", name="Đăng nhập").count() == 1


def test_the_api_documentation_works_under_the_policy(world, page):
    page.goto(world.site.url + "/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("Ý Kiến API")
    page.locator(".opblock-summary", has_text="/api/v1/health").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    status = page.locator(".live-responses-table tbody .response-col_status")
    status.wait_for()
    assert status.inner_text() == "200"
