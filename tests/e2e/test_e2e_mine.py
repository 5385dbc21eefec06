"""My page in Chromium: the citizen signs in, opens "my page" from the header, finds their
comment with its status, attaches a petition sent without an account by its tracking code and
e-mail (a wrong e-mail first), and downloads their data; a signed-in reader sends feedback under an
article and finds it on "my page"."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from axe import assert_accessible  # tests/e2e/axe.py (the test directory is on sys.path)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-du-dai-2026"
EMAIL = "cuc.le@example.vn"


def test_a_citizen_opens_my_page_and_attaches_a_petition(world, page):
    from ykien.consultations import services as consultations
    from ykien.core.models import Unit
    from ykien.core.permissions import SYSTEM
    from ykien.core.pii import SenderIdentity
    from ykien.petitions import services as petitions
    from ykien.petitions.models import Petition

    site = world.site
    node_id = int(world.node_url.rstrip("/").rsplit("/", 1)[-1])
    consultations.comment_post(
        draft_id=world.draft.pk,
        node_id=node_id,
        participant=consultations.Participant.of_user(world.citizen),
        stance="agree",
        reasons="Cần ưu tiên hợp tác xã nông nghiệp.",
    )
    sent = petitions.petition_submit(
        actor=SYSTEM,
        kind="report",
        subject="Cống thoát nước ấp 2 bị tắc",
        content="Cống thoát nước ở ấp 2 bị tắc, nước tràn lên đường mỗi khi mưa.",
        unit=Unit.objects.get(code="MTTQ-86"),
        identity=SenderIdentity(name="Lê Thị Cúc", email=EMAIL),
        anonymous=False,
    )

    page.goto(site.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("congdan.e2e")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    page.get_by_test_id("mine-link").click()
    page.wait_for_url(site.url + "/tai-khoan/cua-toi/")
    assert page.get_by_role("heading", level=1).inner_text() == "Trang của tôi"
    assert_accessible(page)
    drafts = page.locator("#muc-drafts")
    assert "Dự thảo Nghị quyết hỗ trợ hợp tác xã — Điều 1" in drafts.inner_text()
    assert "Đang hiển thị" in drafts.inner_text()
    assert "Cống thoát nước" not in page.locator("#muc-petitions").inner_text()

    # A wrong e-mail: one message, nothing attached.
    form = page.locator("#attach-form")
    form.get_by_label("Mã tra cứu").fill(sent.display_code)
    form.get_by_label("Thư điện tử đã ghi khi gửi đơn").fill("khac@example.vn")
    form.get_by_role("button", name="Gắn đơn").click()
    page.wait_for_load_state()
    assert "không khớp" in page.locator("#attach-form").inner_text()
    assert Petition.objects.get(pk=sent.pk).sender_account_id is None

    form = page.locator("#attach-form")
    form.get_by_label("Mã tra cứu").fill(sent.display_code.lower())
    form.get_by_label("Thư điện tử đã ghi khi gửi đơn").fill(EMAIL)
    form.get_by_role("button", name="Gắn đơn").click()
    page.wait_for_url(site.url + "/tai-khoan/cua-toi/#muc-petitions")
    assert f"Đã gắn đơn {sent.display_code}" in page.locator(".messages").inner_text()
    petitions_section = page.locator("#muc-petitions").inner_text()
    assert "Cống thoát nước ấp 2 bị tắc" in petitions_section
    assert "Đã tiếp nhận, chờ thụ lý" in petitions_section
    assert Petition.objects.get(pk=sent.pk).sender_account_id == world.citizen.pk

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải về dữ liệu của tôi (JSON)").click()
    download = info.value
    assert download.suggested_filename.startswith("du-lieu-cua-toi-")
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["account"]["username"] == "congdan.e2e"
    subjects = [p["subject"] for p in data["contributions"]["petitions"]["petitions"]]
    assert subjects == ["Cống thoát nước ấp 2 bị tắc"]


def test_a_signed_in_reader_sends_feedback_and_finds_it_on_my_page(world, page, solve_captcha):
    from ykien.portal.models import Feedback

    site = world.site
    page.goto(site.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("congdan.e2e")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()

    page.goto(site.url + site.article.get_absolute_url())
    form = page.locator(".feedback-form")
    form.get_by_label("Họ và tên").fill("Lê Thị Cúc")
    form.get_by_label("Tiêu đề").fill("Xin thêm lớp ở ấp Tân An")
    form.get_by_label("Nội dung").fill("Ấp Tân An còn nhiều hộ chưa được tập huấn.")
    solve_captcha(page)
    form.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_url(re.compile(r"/tin-tuc/y-kien/"))
    sent = Feedback.objects.get(title="Xin thêm lớp ở ấp Tân An")
    assert sent.author_id == world.citizen.pk

    page.get_by_test_id("mine-link").click()
    page.wait_for_url(site.url + "/tai-khoan/cua-toi/")
    section = page.locator("#muc-feedback")
    text = section.inner_text()
    assert site.article.title in text
    assert "Xin thêm lớp ở ấp Tân An: Ấp Tân An còn nhiều hộ chưa được tập huấn." in text
    assert "Chờ duyệt" in text
    assert "Đơn vị chưa trả lời." in text
    section.get_by_role("link", name=site.article.title).click()
    page.wait_for_url(site.url + f"/tin-tuc/y-kien/{sent.token}/")
    assert page.get_by_test_id("feedback-status").inner_text() == "Chờ duyệt"
