"""Indicators of the quarterly briefing computed from the consultations' own records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ykien.consultations import selectors
from ykien.core.indicators import ComputedIndicator


def _of_units(count: Callable[..., int]) -> Callable[[set[int], dt.date, dt.date], int]:
    """A count of the selectors (``unit_ids``, ``start``, ``end``) as an indicator computes."""
    return lambda units, start, end: count(unit_ids=units, start=start, end=end)


INDICATORS = [
    ComputedIndicator(
        "consultations.drafts_received",
        "Số dự thảo văn bản tiếp nhận để phản biện",
        "count",
        _of_units(selectors.count_received),
    ),
    ComputedIndicator(
        "consultations.drafts_critiqued",
        "Số dự thảo đã phản biện (văn bản phản biện ban hành)",
        "count",
        _of_units(selectors.count_critiqued),
    ),
    ComputedIndicator(
        "consultations.comments",
        "Số góp ý của Nhân dân vào dự thảo",
        "count",
        _of_units(selectors.count_comments),
    ),
    ComputedIndicator(
        "consultations.expert_opinions",
        "Số ý kiến của chuyên gia, nhà khoa học",
        "count",
        _of_units(selectors.count_expert_opinions),
    ),
]
