"""The main public and staff pages on a 390 x 844 phone: nothing makes the page scroll sideways
(a wide table scrolls inside its own box, named by its caption), and the board's badges wrap
inside their column instead of being cut at the screen's edge."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-du-dai-2026"
WIDTH = 390

# Every element whose right edge is beyond the screen (a cause of sideways scrolling), outside any
# box that scrolls or clips it: "tag.class" of each, for the failure message.
OVERFLOWING = """(width) => {
  const clipped = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll("*")]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !clipped(el))
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
}"""

# Each badge: its text, whether it is inside what shows it (the screen, or the box that scrolls it),
# and whether every line of its text is inside its rounded outline (a long badge wrapped inside a
# pill-shaped outline has its first and last lines cut by the round ends).
BADGES = """(width) => [...document.querySelectorAll("main .badge")].map((badge) => {
  let edge = width;
  for (let p = badge.parentElement; p; p = p.parentElement) {
    if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(p).overflowX)) {
      edge = Math.min(edge, p.getBoundingClientRect().right);
    }
  }
  const box = badge.getBoundingClientRect();
  const r = Math.min(parseFloat(getComputedStyle(badge).borderTopLeftRadius), box.width / 2, box.height / 2);
  const inside = (x, y) => {
    const cx = Math.min(Math.max(x, box.left + r), box.right - r);
    const cy = Math.min(Math.max(y, box.top + r), box.bottom - r);
    return Math.hypot(x - cx, y - cy) <= r + 0.5;
  };
  const range = document.createRange();
  range.selectNodeContents(badge);
  const lines = [...range.getClientRects()];
  const uncut = lines.every((l) => inside(l.left, l.top) && inside(l.right, l.top)
    && inside(l.left, l.bottom) && inside(l.right, l.bottom));
  return [badge.textContent.trim(), box.right <= edge + 0.5, uncut];
})"""


def _sign_in(page, url: str, username: str) -> None:
    page.goto(url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def _menu_links(page) -> list[str]:
    return page.locator(".main-nav a").evaluate_all("els => els.map(e => e.getAttribute('href'))")


def _staff_links(page, url: str) -> list[str]:
    """Every page of the staff menu, and the pages the briefings' start page links to (a
    unit's briefing report with its charts, the units' submissions)."""
    links = page.locator("[data-staff-bar] a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    page.goto(url + "/giao-ban/")
    links += page.locator("main a[href^='/giao-ban/']:not([download])").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    # Pages only: not the admin, not a download (a file name: "so-lieu.csv").
    return [
        link
        for link in links
        if link
        and link.startswith("/")
        and "/quan-tri/" not in link
        and "." not in link.split("?")[0].rsplit("/", 1)[-1]
    ]


def _check(page, url: str, path: str) -> list[str]:
    """The problems of one page: its status, or what sticks out past the screen."""
    response = page.goto(url + path)
    if response.status != 200:
        return [f"{path}: HTTP {response.status}"]
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= WIDTH:
        return []
    return [f"{path}: {width}px wide, {page.evaluate(OVERFLOWING, WIDTH)}"]


def test_no_page_scrolls_sideways_on_a_phone(world, phone_page):
    from django.urls import reverse

    from ykien.consultations.models import Draft
    from ykien.petitions.selectors import petition_by_code

    page, site = phone_page, world.site
    draft = Draft.objects.get(pk=world.draft.pk)
    public = [
        "/",
        "/tin-tuc/",
        site.article.get_absolute_url(),
        "/tim-kiem/?q=giam+sat",
        "/du-thao/",
        site.draft_url,
        world.node_url,
        world.expert_url,
        "/phan-anh/",
        "/phan-anh/gui/",
        f"/phan-anh/tra-cuu/?ma={world.petition_code}",
        "/phan-anh/thong-ke/",
        "/giam-sat/",
        reverse("oversight:public_detail", args=[world.recommendation.pk]),
        "/giam-sat/phan-anh-can-bo/",
        reverse("core:deadline"),
    ]
    staff = [
        "/can-bo/",
        "/can-bo/chuyen-gia/",
        reverse("consultations:moderation", args=[draft.pk]),
        reverse("consultations:staff_draft", args=[draft.pk]),
        reverse("consultations:experts", args=[draft.pk]),
        "/can-bo/du-thao/",
        "/can-bo/don-thu/",
        "/can-bo/don-thu/han/",
        "/can-bo/giam-sat/",
        "/can-bo/giam-sat/kien-nghi/",
        "/can-bo/giam-sat/phan-anh-124/",
        "/can-bo/tin-tuc/",
        "/giao-ban/",
    ]
    problems: list[str] = []
    page.goto(site.url + "/")
    for path in dict.fromkeys(public + _menu_links(page)):
        problems += _check(page, site.url, path)
    _sign_in(page, site.url, "canbo.e2e")
    petition = petition_by_code(code=world.petition_code)
    staff.append(reverse("petitions:staff_detail", args=[petition.pk]))  # its pickers
    page.goto(site.url + "/")
    for path in dict.fromkeys(staff + _menu_links(page) + _staff_links(page, site.url)):
        problems += _check(page, site.url, path)
    assert problems == []


def test_wide_tables_scroll_in_their_own_named_box_on_a_phone(world, phone_page):
    from django.urls import reverse

    page, site = phone_page, world.site
    _sign_in(page, site.url, "canbo.e2e")
    for path in (
        "/phan-anh/thong-ke/",
        "/can-bo/chuyen-gia/",
        reverse("consultations:moderation", args=[world.draft.pk]),
        "/giam-sat/",
    ):
        page.goto(site.url + path)
        for table in page.locator("main table").all():
            assert table.locator("caption").count() == 1, path
            # The table is inside a box that scrolls sideways when the table is wider.
            assert table.evaluate(
                """(t) => { for (let p = t.parentElement; p; p = p.parentElement) {
                  if (getComputedStyle(p).overflowX === "auto") return true; } return false; }"""
            ), path


def test_the_boards_badges_wrap_inside_their_column_on_a_phone(world, phone_page):
    import datetime as dt

    from ykien.core.permissions import SYSTEM
    from ykien.oversight import services as oversight
    from ykien.oversight.models import AnswerKind

    # A second recommendation, answered with a plan: the longest status of the board.
    today = dt.date.today()  # noqa: DTZ011 (the live server runs on the same clock)
    first = world.recommendation
    second = oversight.recommendation_create(
        actor=SYSTEM,
        activity=first.activity,
        finding=first.finding,
        addressee=first.addressee,
        text="Công khai danh sách người hưởng trợ cấp tại nhà văn hóa ấp trước mỗi kỳ chi trả.",
        created_on=today - dt.timedelta(days=20),
    )
    second = oversight.recommendation_issue(
        actor=SYSTEM, recommendation=second, on=today - dt.timedelta(days=20)
    )
    oversight.recommendation_answer(
        actor=SYSTEM,
        recommendation=second,
        kind=AnswerKind.IN_PROGRESS,
        text="Ủy ban nhân dân tỉnh đã chỉ đạo các xã niêm yết danh sách.",
        answered_on=today - dt.timedelta(days=2),
        plan="Niêm yết trong quý",
        planned_date=today + dt.timedelta(days=60),
    )
    page = phone_page
    page.goto(world.site.url + "/giam-sat/")
    badges = page.evaluate(BADGES, WIDTH)
    assert ["Đã gửi, chờ trả lời", True, True] in badges
    assert ["Đang thực hiện theo kế hoạch", True, True] in badges
    assert [text for text, shown, uncut in badges if not (shown and uncut)] == []


# Each cell of a table stacked on a phone (.table-stack): its text, the label shown before it, and
# whether it is on the screen (inside `width`, and not in a box that scrolls sideways).
STACKED = """(cells, width) => cells.map((td) => {
  let scrolled = false;
  for (let p = td.parentElement; p; p = p.parentElement) {
    if (p.scrollWidth > p.clientWidth + 1 && ["auto", "scroll"].includes(getComputedStyle(p).overflowX)) scrolled = true;
  }
  const box = td.getBoundingClientRect();
  return [td.innerText.trim(), getComputedStyle(td, "::before").content,
    box.left >= -0.5 && box.right <= width + 0.5 && box.width > 0 && !scrolled];
})"""


def test_commitments_and_reception_supervision_read_row_by_row_on_a_phone(site, phone_page):
    """The dialogue commitments (public) and the reception supervision (staff) are tables too wide
    for a phone: each row becomes a block, each cell labelled with its column, nothing beyond the
    screen nor in a sideways scroll; the status and the verdict are read in full."""
    import datetime as dt

    from ykien.core.models import Unit, UnitKind, UnitLevel
    from ykien.core.permissions import SYSTEM
    from ykien.core.tests.factories import make_unit
    from ykien.dialogue import services as dialogue
    from ykien.reception import services as reception
    from ykien.reception.frequency_rules import DELEGATION_BANS, SEED_RULES
    from ykien.reception.models import FrequencyRule, Office

    province = Unit.objects.get(code="MTTQ-86")
    front = make_unit("Ủy ban MTTQ Việt Nam xã Càng Long", parent=province, level=UnitLevel.COMMUNE)
    agency = make_unit(
        "Ủy ban nhân dân xã Càng Long", parent=front, level=UnitLevel.COMMUNE, kind=UnitKind.STATE
    )
    today = dt.date.today()  # noqa: DTZ011 (the live server runs on the same clock)
    talk = dialogue.dialogue_create(
        actor=SYSTEM,
        unit=front,
        head_unit=agency,
        head_name="Nguyễn Văn Thành",
        head_title="Chủ tịch Ủy ban nhân dân xã",
        topic="Đối thoại về giao thông nông thôn và nước sạch",
        held_on=today - dt.timedelta(days=3),
        place="Hội trường xã",
    )
    talk = dialogue.dialogue_announce(actor=SYSTEM, dialogue=talk)
    talk = dialogue.dialogue_open_questions(actor=SYSTEM, dialogue=talk)
    talk = dialogue.dialogue_hold(actor=SYSTEM, dialogue=talk)
    dialogue.commitment_create(
        actor=SYSTEM,
        dialogue=talk,
        text="Sửa chữa xong tuyến đường liên ấp bị sạt lở sau mùa mưa và lắp đèn chiếu sáng.",
        addressee=agency,
        due_on=today + dt.timedelta(days=30),
    )

    for seed in SEED_RULES:  # as the migrations leave them (the flush emptied the table)
        fields = dict(seed)
        code, valid_from = fields.pop("code"), fields.pop("valid_from")
        fields["delegation_ban"] = DELEGATION_BANS.get((code, valid_from), "")
        FrequencyRule.objects.update_or_create(code=code, valid_from=valid_from, defaults=fields)
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    head = reception.head_create(
        actor=SYSTEM,
        unit=front,
        office=Office.PARTY_SECRETARY,
        name="Lâm Thị Kim Phượng",
        title="Bí thư Đảng ủy xã Càng Long",
        valid_from=last_month,
    )
    session = reception.session_schedule(
        actor=SYSTEM,
        head=head,
        day=last_month.replace(day=8),
        starts_at=dt.time(7, 30),
        place="Trụ sở Đảng ủy xã",
    )
    reception.session_transition(actor=SYSTEM, session=session, to="missed")

    page = phone_page
    page.goto(site.url + "/doi-thoai/cam-ket/")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    cells = page.locator("main table.table-stack tbody td").evaluate_all(STACKED, WIDTH)
    assert [label for _text, label, _shown in cells] == [
        '"Số: "',
        '"Nội dung cam kết: "',
        '"Cơ quan thực hiện: "',
        '"Ngày đối thoại: "',
        '"Hạn: "',
        '"Trạng thái: "',
    ]
    assert [text for text, _label, shown in cells if not shown] == []
    status = page.get_by_test_id("commitment-status")
    assert status.inner_text() == "Đang chờ thực hiện"
    expect(status).to_be_visible()

    _sign_in(page, site.url, "canbo.e2e")
    page.goto(site.url + "/can-bo/tiep-cong-dan/giam-sat/")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    card = page.locator("section.card", has_text="Lâm Thị Kim Phượng")
    cells = card.locator("table.table-stack tbody td").evaluate_all(STACKED, WIDTH)
    assert cells, "no row of the supervision"
    assert [text for text, _label, shown in cells if not shown] == []
    assert {label for _text, label, _shown in cells} >= {'"Đánh giá: "', '"Tối thiểu: "'}
    flagged = card.locator("tr.row-flagged [data-testid=verdict]")
    assert flagged.inner_text() == "Không đủ số buổi tối thiểu"
    expect(flagged).to_be_visible()
