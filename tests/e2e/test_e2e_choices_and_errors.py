"""How forms show a choice and a refusal in Chromium: the vote the reader cast and the stance chosen
for a comment stand out from the other answers, a rating's radio buttons sit on the line of their
labels, and an expert who forgets to tick the confirmation box is taken to that box (error next to
it, marked invalid, focused)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-du-dai-2026"
BACKGROUND = "(el) => getComputedStyle(el).backgroundColor"


def test_the_vote_cast_stands_out_from_the_other_answers(world, page):
    from ykien.consultations.models import Vote

    site = world.site
    page.goto(site.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("congdan.e2e")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    page.goto(site.url + site.draft_url + "#bieu-quyet")
    votes = page.locator("#bieu-quyet form.vote-choices")
    agree, disagree, skip = (
        votes.get_by_role("button", name=name, exact=True)
        for name in ("Đồng ý", "Không đồng ý", "Bỏ qua")
    )
    # Before voting no answer looks chosen.
    assert len({b.evaluate(BACKGROUND) for b in (agree, disagree, skip)}) == 1

    disagree.click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("Đã ghi nhận biểu quyết của bạn.")
    assert list(Vote.objects.values_list("value", flat=True)) == [-1]
    assert disagree.get_attribute("aria-pressed") == "true"
    assert agree.get_attribute("aria-pressed") is None
    chosen = disagree.evaluate(BACKGROUND)
    assert agree.evaluate(BACKGROUND) == skip.evaluate(BACKGROUND) != chosen
    # The tick is drawn, not read out: the button's name stays the answer.
    assert disagree.evaluate("(el) => getComputedStyle(el, '::before').content") != "none"
    assert votes.get_by_role("button", name="Không đồng ý", exact=True).count() == 1


def test_the_chosen_stance_of_a_comment_stands_out(world, page):
    page.goto(world.site.url + world.node_url)
    stances = page.locator("fieldset.radio-row label")
    assert stances.count() == 3
    before = [stances.nth(i).evaluate(BACKGROUND) for i in range(3)]
    assert len(set(before)) == 1
    page.get_by_label("Không đồng ý").check()
    after = [stances.nth(i).evaluate(BACKGROUND) for i in range(3)]
    chosen = stances.filter(has_text="Không đồng ý").evaluate(BACKGROUND)
    assert after.count(chosen) == 1
    assert chosen != before[0]


def test_rating_radios_sit_on_the_line_of_their_labels(world, page):
    page.goto(world.site.url + f"/phan-anh/tra-cuu/?ma={world.petition_code}")
    for n in range(1, 6):
        radio = page.locator(f"input[name=rating][value='{n}']")
        label = page.locator(f"label[for='{radio.get_attribute('id')}']")
        r, lab = radio.bounding_box(), label.bounding_box()
        # Same line: their vertical middles within a few pixels; the label right of the radio.
        assert abs((r["y"] + r["height"] / 2) - (lab["y"] + lab["height"] / 2)) < 4, n
        assert lab["x"] > r["x"] + r["width"], n
    five = page.get_by_label("5 — Rất hài lòng")
    box = five.locator("xpath=..")
    before = box.evaluate(BACKGROUND)
    five.check()
    assert box.evaluate(BACKGROUND) != before  # the chosen rating stands out


def test_an_unticked_confirmation_points_at_the_box(world, page):
    from ykien.consultations.models import ExpertOpinion, Invitation

    page.goto(world.site.url + world.expert_url)
    page.get_by_label("Ý kiến chung về dự thảo").fill("Dự thảo phù hợp, cần làm rõ Điều 1.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    box = page.get_by_label("Tôi xác nhận đây là ý kiến của tôi và ký tên dưới đây.")
    assert box.get_attribute("aria-invalid") == "true"
    error = page.locator("#" + box.get_attribute("aria-describedby"))
    assert error.inner_text() == "Hãy xác nhận đây là ý kiến của mình để ký."
    assert error.get_attribute("role") == "alert"
    # Next to the box: in the same field, right after its label.
    assert box.evaluate(
        "(el) => el.closest('.field').contains(document.getElementById("
        "el.getAttribute('aria-describedby')))"
    )
    assert page.evaluate("() => document.activeElement.id") == box.get_attribute("id")
    expect(box).to_be_visible()
    # Nothing stored; what was typed is kept.
    assert Invitation.objects.get(draft=world.draft).answered_at is None
    assert ExpertOpinion.objects.count() == 0
    assert page.get_by_label("Ý kiến chung về dự thảo").input_value() == (
        "Dự thảo phù hợp, cần làm rõ Điều 1."
    )

    box.check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("Ý kiến đã được ký và gửi đến")
