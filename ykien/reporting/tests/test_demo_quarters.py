"""The new Vĩnh Long's quarters in the demo follow the day it is loaded: from Q3/2025 to the last
quarter whose figures fell due (five working days after its end) six working days or more before."""

from __future__ import annotations

import datetime as dt

import pytest

from ykien.core.calendar import WorkingCalendar
from ykien.reporting.demo import _drafts, vinh_long_quarters

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("today", "last"),
    [
        (dt.date(2026, 12, 6), "2026-Q3"),
        # Q4/2026 is due on 8/1/2027; six working days later it is the last quarter.
        (dt.date(2027, 1, 15), "2026-Q3"),
        (dt.date(2027, 1, 18), "2026-Q4"),
        (dt.date(2027, 2, 6), "2026-Q4"),  # in Tết
        (dt.date(2028, 3, 15), "2027-Q4"),
    ],
)
def test_the_last_quarter_is_the_last_one_due(today, last):
    quarters = [span.code for span in vinh_long_quarters(today, WorkingCalendar())]
    assert quarters[0] == "2025-Q3"
    assert quarters[-1] == last
    assert len(quarters) == len(set(quarters))


def test_drafts_of_quarters_after_the_table_follow_a_pattern():
    assert _drafts("2024-Q1") == (5, 3)
    assert [_drafts(f"2027-Q{n}") for n in (1, 2, 3, 4)] == [(5, 3), (6, 4), (7, 2), (4, 3)]
