"""Small counts on the public statistics: every hidden count (a small one, or one hidden too so
that the total cannot give a small one away) is written with the same mark on the page, in
the charts and in the CSV — never "<5", which would say a hidden 9 is under 5 — and the note
says which counts are hidden from the threshold the code uses."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from ykien.petitions import selectors
from ykien.petitions.selectors import StatRow, _suppress, petition_monthly

from .conftest import submit

pytestmark = pytest.mark.django_db
DAY = dt.datetime(2026, 3, 20, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def counts(tree, people):
    """2 petitions at a commune of B (hidden: small), 6 at province N (hidden too: the
    smallest other count of its column), 9 at N's agency; 2 in January, 15 in March."""
    with time_machine.travel(dt.datetime(2026, 1, 10, 3, 0, tzinfo=dt.UTC)):
        for _ in range(2):
            submit(tree.commune_b)
    with time_machine.travel(DAY):
        for _ in range(6):
            submit(tree.prov_new)
        for _ in range(9):
            submit(tree.agency_new)


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def _get(client, url: str, language: str = "vi"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with time_machine.travel(DAY):
        return client.get(url, {"year": 2026, "quarter": 1})


def test_a_count_hidden_to_protect_another_has_the_same_mark_not_under_five(client, counts):
    page = _text(_get(client, reverse("petitions:statistics")))
    table = page.split("Hài lòng (1–5)", 1)[1].split("Biểu đồ", 1)[0]
    assert table.strip() == (
        "Ủy ban MTTQ tỉnh Vĩnh Long ẩn 0 0 0 — — "  # 6, hidden: 17 - 9 would give B1's 2 away
        "Ủy ban MTTQ xã Tân Thành ẩn 0 0 ẩn — — "  # 2 received, both overdue
        "Ủy ban nhân dân tỉnh Vĩnh Long 9 0 0 0 — — "
        "Tổng cộng 17 0 0 ẩn — —"
    )
    assert "Ủy ban MTTQ tỉnh Vĩnh Long — Tiếp nhận: ẩn" in page  # the chart's label
    # The months add up to the total: January's 2 is hidden, and March's 15 with it.
    assert "Số đơn theo tháng 01/2026 02/2026 03/2026 ẩn 0 ẩn " in page
    assert "<5" not in page


def test_the_note_and_the_legend_follow_the_threshold(client, counts, monkeypatch):
    page = _text(_get(client, reverse("petitions:statistics")))
    assert "số lượng từ 1 đến 4 được ghi “ẩn”" in page
    assert "từ 5 đơn trở lên" in page
    assert "từ 1 đến 5" not in page
    monkeypatch.setattr(selectors, "SUPPRESS_BELOW", 3)
    page = _text(_get(client, reverse("petitions:statistics")))
    assert "số lượng từ 1 đến 2 được ghi “ẩn”" in page
    assert "từ 3 đơn trở lên" in page
    english = _text(_get(client, reverse("petitions:statistics"), "en"))
    assert "counts from 1 to 2 are shown as “hidden”" in english
    assert "<3" not in english


def test_the_csv_writes_every_hidden_count_with_the_mark(client, counts):
    text = _get(client, reverse("petitions:statistics_csv")).content.decode("utf-8-sig")
    rows = {line.split(",")[0]: line.split(",") for line in text.strip().splitlines()[1:]}
    assert rows["B1"][4] == "ẩn"  # 2
    assert rows["N"][4] == "ẩn"  # 6, or 17 - 9 - 6 would give B1's 2 away
    assert rows["N-UBND"][4] == "9"
    assert "<5" not in text
    english = _get(client, reverse("petitions:statistics_csv"), "en").content.decode("utf-8-sig")
    assert english.splitlines()[1].split(",")[4] == "hidden"


def test_monthly_counts_hide_a_second_month_when_one_is_small(counts):
    with time_machine.travel(DAY):
        months = petition_monthly(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31))
    assert months == [("01/2026", None), ("02/2026", 0), ("03/2026", None)]


def test_secondary_suppression_hides_the_smallest_other_count():
    rows = [StatRow(name, name, received=n) for name, n in (("a", 2), ("b", 9), ("c", 7))]
    _suppress(rows)
    assert [r.received for r in rows] == [None, 9, None]
