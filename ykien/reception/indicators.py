"""Indicators the briefing computes from citizen reception (see ``core.indicators``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ykien.core.indicators import ComputedIndicator
from ykien.reception.models import Session, SessionStatus
from ykien.reception.selectors import held_against_minimum


def held(unit_ids: set[int], start: dt.date, end: dt.date) -> int:
    return Session.objects.filter(
        head__unit_id__in=unit_ids, day__gte=start, day__lte=end, status=SessionStatus.HELD
    ).count()


def held_percent_of_minimum(unit_ids: set[int], start: dt.date, end: dt.date) -> Decimal:
    """Reception days held by the heads in person against the legal minimum of the period
    (each month's excess not carried over), in percent; 0 when no minimum applies."""
    done, required = held_against_minimum(unit_ids=unit_ids, start=start, end=end)
    if not required:
        return Decimal(0)
    return (Decimal(done) * 100 / Decimal(required)).quantize(Decimal("0.1"))


INDICATORS = [
    ComputedIndicator(
        code="reception.held",
        name="Số buổi người đứng đầu trực tiếp tiếp công dân",
        measure="count",
        compute=held,
    ),
    ComputedIndicator(
        code="reception.held_vs_minimum",
        name="Tỷ lệ buổi tiếp công dân đã thực hiện so với mức tối thiểu theo quy định (%)",
        measure="percent",
        compute=held_percent_of_minimum,
        aggregation="avg",
    ),
]
