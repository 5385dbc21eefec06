"""Pickers in Chromium when the suggestions' answers arrive late or out of order (a slow network,
a busy server): the list only ever shows the answer for the words in the box, an old answer does
not replace it nor open it again after a pick (so the first click on a suggestion, then on the
button, counts); a petition is suggested by its number with or without "#"; the comment picker
(several comments) closes its list after each pick, on Escape and on a click elsewhere, and is
used with the keyboard alone; the briefing picker offers the officer's units at the first click.

The page's own ``fetch`` is slowed for the first suggestion request (an init script, outside the
page's Content-Security-Policy), so that its answer arrives after the next one."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-du-dai-2026"

# The first request to a suggestion endpoint is answered 1.5 s late; the others at once.
SLOW_FIRST_ANSWER = """
(() => {
  const original = window.fetch;
  let first = true;
  window.fetch = function (url, options) {
    const answer = original.call(this, url, options);
    if (String(url).includes("goi-y") && first) {
      first = false;
      return answer.then((r) => new Promise((resolve) => setTimeout(() => resolve(r), 1500)));
    }
    return answer;
  };
})();
"""


def _sign_in(page, url: str, username: str) -> None:
    page.goto(url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def _type_in_two_goes(combobox, first: str, rest: str, page) -> None:
    """Type ``first``, pause (its request leaves, answered late), then ``rest``."""
    combobox.click()
    combobox.press_sequentially(first, delay=20)
    page.wait_for_timeout(600)
    combobox.press_sequentially(rest, delay=20)


def test_a_late_answer_neither_replaces_the_list_nor_reopens_it_after_a_pick(site, phone_page):
    from ykien.core.models import Unit

    page = phone_page
    committee = Unit.objects.get(code="UBND-86")
    _sign_in(page, site.url, "canbo.e2e")
    page.context.add_init_script(SLOW_FIRST_ANSWER)
    page.goto(site.url + "/giao-ban/")
    combobox = page.get_by_role("combobox", name="Đơn vị")
    _type_in_two_goes(combobox, "vinh", " long nhan", page)
    wanted = page.get_by_role("option", name="Ủy ban nhân dân tỉnh Vĩnh Long")
    wanted.wait_for()
    # Only the answer for "vinh long nhan": the front committee (found by "vinh") is not there.
    assert page.get_by_role("option").all_inner_texts() == ["Ủy ban nhân dân tỉnh Vĩnh Long"]
    wanted.click()
    assert page.locator("input[name=unit]").input_value() == str(committee.pk)
    page.wait_for_timeout(2000)  # the late answer for "vinh" has arrived
    assert page.locator(".ts-dropdown").is_hidden()
    assert page.locator("input[name=unit]").input_value() == str(committee.pk)
    # One click on the button sends the form with the unit picked (no period is open here).
    page.get_by_role("button", name="Xem", exact=True).click(timeout=3000)
    page.wait_for_url(f"**/giao-ban/?unit={committee.pk}*")


def _petitions(n: int) -> list:
    from ykien.core.models import Unit
    from ykien.core.permissions import SYSTEM
    from ykien.core.pii import SenderIdentity
    from ykien.petitions import services

    province = Unit.objects.get(code="MTTQ-86")
    made = []
    while len(made) < 2 or made[-1].pk < n:
        made.append(
            services.petition_submit(
                actor=SYSTEM,
                kind="report",
                subject=f"Đèn đường hỏng lần {len(made) + 1}",
                content="Đèn đường ở ấp Tân An hỏng, buổi tối rất tối.",
                unit=province,
                identity=SenderIdentity(),
                anonymous=True,
            )
        )
    return made


@pytest.mark.parametrize("prefix", ["#", ""])
def test_the_merge_picker_suggests_a_petition_by_its_number(site, page, prefix):
    from ykien.core.tests.factories import UserFactory

    made = _petitions(12)
    petition, target = made[0], made[-1]
    number = str(target.pk)
    UserFactory(username="quantri.e2e", is_superuser=True, is_staff=True)
    _sign_in(page, site.url, "quantri.e2e")
    page.context.add_init_script(SLOW_FIRST_ANSWER)
    page.goto(f"{site.url}/can-bo/don-thu/{petition.pk}/")
    form = page.locator("#action-merge")
    form.evaluate("(f) => { const d = f.closest('details'); if (d) d.open = true; }")
    combobox = form.get_by_role("combobox", name="Gộp vào đơn")
    # "#1" (or "11" …) first, answered late; then the full number.
    _type_in_two_goes(combobox, prefix + number[:-1], number[-1], page)
    wanted = page.get_by_role("option", name=f"#{number} — {target.subject}")
    wanted.wait_for()
    page.wait_for_timeout(2000)  # the late answer for the first digits has arrived
    assert form.get_by_role("option").all_inner_texts() == [
        f"#{number} — {target.subject}\nPhản ánh · Đã tiếp nhận, chờ thụ lý · "
        f"{target.received_on:%d/%m/%Y}"
    ]
    wanted.click()
    assert form.locator("input[name=merge-into]").input_value() == number


def test_the_comment_picker_closes_its_list_after_each_pick(world, page):
    from django.urls import reverse

    from ykien.consultations import services as consultations
    from ykien.consultations.models import DraftStatus
    from ykien.core.models import User

    officer = User.objects.get(username="canbo.e2e")
    draft = world.draft
    said = [
        consultations.comment_post(
            draft_id=draft.pk,
            node_id=None,
            participant=consultations.Participant.of_user(world.citizen),
            stance="disagree",
            reasons=reasons,
        )
        for reasons in ("Mức hỗ trợ tiền lương quá thấp.", "Tiền lương cần tăng theo giá cả.")
    ]
    draft = consultations.draft_transition(
        actor=officer, draft=draft, to=DraftStatus.CLOSED, reason="Đã đủ ý kiến."
    )
    consultations.draft_transition(actor=officer, draft=draft, to=DraftStatus.CONSOLIDATING)
    _sign_in(page, world.site.url, "canbo.e2e")
    page.goto(world.site.url + reverse("consultations:points", args=[draft.pk]))
    combobox = page.get_by_role("combobox", name="Các góp ý dẫn chứng")
    dropdown = page.locator(".ts-dropdown")
    # A combobox (ARIA 1.2) that says whether its list is open and which list it controls.
    listbox_id = combobox.get_attribute("aria-controls")
    assert listbox_id
    assert page.locator(f"#{listbox_id}").get_attribute("role") == "listbox"
    combobox.click()
    combobox.press_sequentially("tien luong", delay=20)
    first = page.get_by_role("option", name=f"#{said[0].pk} — {said[0].reasons}")
    first.wait_for()
    assert combobox.get_attribute("aria-expanded") == "true"
    combobox.press("Escape")  # Escape closes the list, nothing picked
    assert dropdown.is_hidden()
    assert combobox.get_attribute("aria-expanded") == "false"
    assert page.locator("input[name=comments]").input_value() == ""
    assert combobox.input_value() == ""  # and clears the words (Tom Select's way)
    combobox.press_sequentially("tien luong", delay=20)  # the same words again: suggested again
    first.wait_for()
    page.get_by_role("heading", level=1).click()  # a click elsewhere closes it
    assert dropdown.is_hidden()
    combobox.click()
    combobox.press_sequentially("tien luong", delay=20)
    first.click()
    assert dropdown.is_hidden()
    # The keyboard alone: type, arrow down to the suggestion, Enter.
    combobox.press_sequentially("gia ca", delay=20)
    second = page.get_by_role("option", name=f"#{said[1].pk} — {said[1].reasons}")
    second.wait_for()
    for _step in range(4):
        if second.get_attribute("aria-selected") == "true":
            break
        combobox.press("ArrowDown")
    combobox.press("Enter")
    assert dropdown.is_hidden()
    assert page.locator("input[name=comments]").input_value() == f"{said[0].pk},{said[1].pk}"


def test_the_briefing_picker_offers_the_officers_units_at_the_first_click(site, page):
    _sign_in(page, site.url, "canbo.e2e")
    page.goto(site.url + "/giao-ban/")
    combobox = page.get_by_role("combobox", name="Đơn vị")
    combobox.click()
    options = page.locator(".ts-dropdown").get_by_role("option")
    options.first.wait_for()
    assert options.all_inner_texts() == [
        "Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long\nĐơn vị của bạn",
        "Ủy ban nhân dân tỉnh Vĩnh Long\ntrực thuộc Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long",
    ]
    # One character typed (too few to ask the server): still what is offered.
    combobox.press_sequentially("u", delay=20)
    assert options.count() == 2
    options.nth(1).click()
    committee = page.locator("input[name=unit]").input_value()
    from ykien.core.models import Unit

    assert committee == str(Unit.objects.get(code="UBND-86").pk)
