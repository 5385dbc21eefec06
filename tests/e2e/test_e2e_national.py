"""The national ballot in Chromium: a citizen signs in through the demo OpenID Connect provider,
fills the ballot (overall and each article, a comment on one), sees their ballot again, and the
results page, after a rollup, shows the counts and the map of the 34 provinces."""

from __future__ import annotations

import datetime as dt

import pytest
from axe import assert_accessible  # tests/e2e/axe.py (the test directory is on sys.path)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def national(live_server, settings, tmp_path):
    from django.core.cache import cache
    from django.utils import timezone

    from ykien.core.models import UnitKind, UnitLevel
    from ykien.core.permissions import SYSTEM
    from ykien.core.tests.factories import make_unit
    from ykien.identity import config
    from ykien.national import services

    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.MAP_TILE_URL = (
        live_server.url + "/static/vendor/leaflet/images/layers.png?t={z}/{x}/{y}"
    )
    config.reset()
    cache.clear()
    central = make_unit("Ủy ban Trung ương MTTQ Việt Nam", level=UnitLevel.CENTRAL, code="MTTQ-TW")
    drafting = make_unit("Ủy ban Dự thảo", level=UnitLevel.CENTRAL, kind=UnitKind.STATE, code="QH")
    today = timezone.localdate()
    mode = services.national_draft_create(
        actor=SYSTEM,
        unit=central,
        drafting_unit=drafting,
        title="Dự thảo sửa đổi Hiến pháp",
        text=services.draft_text(title="Dự thảo sửa đổi Hiến pháp", articles=3),
        received_on=today - dt.timedelta(days=3),
        start=today,
        end=today + dt.timedelta(days=10),
    )
    yield mode
    config.reset()


def test_citizen_signs_in_votes_and_sees_results_and_map(national, live_server, page):
    from ykien.national import services
    from ykien.national.models import Ballot, BallotComment

    url = f"{live_server.url}/tham-van-quoc-gia/{national.draft_id}/"
    page.goto(url)
    assert_accessible(page)
    page.get_by_role("link", name="Đăng nhập bằng định danh điện tử").click()
    page.get_by_test_id("demo-citizen-1").click()  # Nguyễn Văn An, Hà Nội
    page.wait_for_url(url)
    form = page.locator("#ballot-form")
    form.locator("fieldset.ballot-overall input[value='agree']").check()
    page.locator("#dieu-1 input[value='disagree']").check()
    page.locator("#dieu-1 textarea").fill("Đề nghị giữ như cũ")
    page.locator("#dieu-2 input[value='agree']").check()
    page.get_by_role("button", name="Gửi phiếu").click()
    page.get_by_text("Đã ghi nhận phiếu của bạn.").wait_for()
    assert_accessible(page)
    assert page.locator("#dieu-1 input[value='disagree']").is_checked()
    assert page.locator("#dieu-1 textarea").input_value() == "Đề nghị giữ như cũ"
    ballot = Ballot.objects.get(draft_id=national.draft_id)
    assert (ballot.province, ballot.overall, bytes(ballot.stances)) == ("01", 1, bytes([2, 1, 0]))
    assert list(BallotComment.objects.values_list("article", "text")) == [
        ("1", "Đề nghị giữ như cũ")
    ]

    services.rollup(draft_id=national.draft_id)
    page.get_by_role("link", name="Xem kết quả và bản đồ").click()
    row = page.locator("#ket-qua-dieu-1")
    assert "0 (0,0%)" in row.inner_text()
    assert "1 (100,0%)" in row.inner_text()
    page.wait_for_function(
        "() => document.querySelector('#national-map').getAttribute('data-provinces') === '34'"
    )
    assert page.locator("#national-map path.leaflet-interactive").count() == 34
    assert_accessible(page)


# The results table's widest parts, for the failure message: each cell's "tag: width".
RESULTS_CELLS = """() => [...document.querySelectorAll('#results-table tr:nth-child(2) > *')]
  .map((c) => `${c.tagName.toLowerCase()}: ${Math.round(c.getBoundingClientRect().width)}`)"""


def test_the_results_fit_a_phone_without_scrolling_sideways(national, live_server, phone_page):
    """On a 390 px screen the table by article, agreement bars included, fits the screen with
    a nation's figures (tens of millions of ballots) and the articles' titles: the page does not
    scroll sideways, nor does the table inside its box."""
    from ykien.national import selectors
    from ykien.national.models import TallyCount

    title = "Giám sát và phản biện xã hội của Mặt trận Tổ quốc Việt Nam"
    national.articles = [{**a, "title": title} for a in national.articles]
    national.save(update_fields=["articles"])
    TallyCount.objects.bulk_create(
        TallyCount(
            draft_id=national.draft_id,
            province="01",
            article=article,
            agree=48_765_432,
            disagree=12_345_678,
            none=3_456_789,
        )
        for article in range(4)
    )
    selectors.forget_results(national.draft_id)
    phone_page.goto(f"{live_server.url}/tham-van-quoc-gia/{national.draft_id}/ket-qua/")
    assert "48765432 (75,5%)" in phone_page.locator("#ket-qua-dieu-3").inner_text()
    cells = phone_page.evaluate(RESULTS_CELLS)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390, cells
    box = phone_page.locator("#results-table").evaluate(
        "(t) => [t.parentElement.scrollWidth, t.parentElement.clientWidth]"
    )
    assert box[0] <= box[1], (box, cells)
    bars = phone_page.locator("#results-table svg.inline-bar").evaluate_all(
        "els => els.map((e) => e.getBoundingClientRect().right)"
    )
    assert len(bars) == 4
    assert max(bars) <= 390, (bars, cells)
