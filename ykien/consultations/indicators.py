"""Indicators of the quarterly briefing computed from the consultations' own records."""

from __future__ import annotations

from ykien.consultations import selectors
from ykien.core.indicators import ComputedIndicator

INDICATORS = [
    ComputedIndicator(
        code="consultations.drafts_received",
        name="Số dự thảo văn bản tiếp nhận để phản biện",
        measure="count",
        compute=lambda units, start, end: selectors.count_received(
            unit_ids=units, start=start, end=end
        ),
    ),
    ComputedIndicator(
        code="consultations.drafts_critiqued",
        name="Số dự thảo đã phản biện (văn bản phản biện ban hành)",
        measure="count",
        compute=lambda units, start, end: selectors.count_critiqued(
            unit_ids=units, start=start, end=end
        ),
    ),
    ComputedIndicator(
        code="consultations.comments",
        name="Số góp ý của Nhân dân vào dự thảo",
        measure="count",
        compute=lambda units, start, end: selectors.count_comments(
            unit_ids=units, start=start, end=end
        ),
    ),
    ComputedIndicator(
        code="consultations.expert_opinions",
        name="Số ý kiến của chuyên gia, nhà khoa học",
        measure="count",
        compute=lambda units, start, end: selectors.count_expert_opinions(
            unit_ids=units, start=start, end=end
        ),
    ),
]
