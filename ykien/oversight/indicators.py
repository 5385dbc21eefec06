"""Indicators computed from supervision records for the quarterly briefing (core.indicators)."""

from __future__ import annotations

import datetime as dt

from ykien.core.indicators import ComputedIndicator
from ykien.core.selectors import today
from ykien.oversight.selectors import period_figures


def _activities(unit_ids: set[int], start: dt.date, end: dt.date) -> int:
    return period_figures(unit_ids=unit_ids, start=start, end=end, today=today()).activities


def _recommendations(unit_ids: set[int], start: dt.date, end: dt.date) -> int:
    return period_figures(unit_ids=unit_ids, start=start, end=end, today=today()).recommendations


def _answered(unit_ids: set[int], start: dt.date, end: dt.date) -> int:
    return period_figures(unit_ids=unit_ids, start=start, end=end, today=today()).answered


def _answered_on_time(unit_ids: set[int], start: dt.date, end: dt.date) -> int:
    return period_figures(unit_ids=unit_ids, start=start, end=end, today=today()).answered_on_time


def _done(unit_ids: set[int], start: dt.date, end: dt.date) -> int:
    return period_figures(unit_ids=unit_ids, start=start, end=end, today=today()).done


def _overdue(unit_ids: set[int], start: dt.date, end: dt.date) -> int:
    """Recommendations sent in the period still overdue at the end of the period (or today, if
    the period has not ended)."""
    return period_figures(unit_ids=unit_ids, start=start, end=end, today=min(end, today())).overdue


INDICATORS = [
    ComputedIndicator("oversight.activities", "Số cuộc giám sát", "count", _activities),
    ComputedIndicator(
        "oversight.recommendations", "Số kiến nghị sau giám sát", "count", _recommendations
    ),
    ComputedIndicator(
        "oversight.recommendations_answered", "Số kiến nghị đã được trả lời", "count", _answered
    ),
    ComputedIndicator(
        "oversight.recommendations_answered_on_time",
        "Số kiến nghị được trả lời đúng hạn",
        "count",
        _answered_on_time,
    ),
    ComputedIndicator(
        "oversight.recommendations_done", "Số kiến nghị đã được thực hiện", "count", _done
    ),
    ComputedIndicator(
        "oversight.recommendations_overdue", "Số kiến nghị quá hạn", "count", _overdue, "latest"
    ),
]
