"""Indicators computed from dialogue records for the quarterly briefing (core.indicators)."""

from __future__ import annotations

import datetime as dt

from ykien.core.indicators import ComputedIndicator
from ykien.core.selectors import today
from ykien.dialogue.selectors import Figures, period_figures


def _figures(unit_ids: set[int], start: dt.date, end: dt.date) -> Figures:
    # Late commitments are counted at the end of the period (or today, if it has not ended).
    return period_figures(unit_ids=unit_ids, start=start, end=end, today=min(end, today()))


INDICATORS = [
    ComputedIndicator(
        "dialogue.held",
        "Số cuộc đối thoại trực tiếp đã tổ chức",
        "count",
        lambda u, s, e: _figures(u, s, e).dialogues_held,
    ),
    ComputedIndicator(
        "dialogue.questions_received",
        "Số câu hỏi, ý kiến của Nhân dân tại đối thoại",
        "count",
        lambda u, s, e: _figures(u, s, e).questions_received,
    ),
    ComputedIndicator(
        "dialogue.questions_answered",
        "Số câu hỏi đã được trả lời tại đối thoại",
        "count",
        lambda u, s, e: _figures(u, s, e).questions_answered,
    ),
    ComputedIndicator(
        "dialogue.commitments_on_time",
        "Số cam kết thực hiện đúng hạn",
        "count",
        lambda u, s, e: _figures(u, s, e).kept_on_time,
    ),
    ComputedIndicator(
        "dialogue.commitments_late",
        "Số cam kết thực hiện chậm hoặc đang quá hạn",
        "count",
        lambda u, s, e: _figures(u, s, e).late,
        "latest",
    ),
    ComputedIndicator(
        "dialogue.commitments_not_kept",
        "Số cam kết không thực hiện",
        "count",
        lambda u, s, e: _figures(u, s, e).not_kept,
    ),
]
